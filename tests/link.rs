//! The ELF reader with which the build script (`build/link.rs`) tells a static program
//! from one that needs the loader: on what it would say of the programs built here.

#![cfg(all(
    target_os = "linux",
    target_pointer_width = "64",
    target_endian = "little"
))]

// The build script's other functions (run by cargo, not here) and its lines to cargo.
#[allow(dead_code, clippy::print_stdout)]
#[path = "../build/link.rs"]
mod link;

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A test program is never linked statically by the build script (only the `claimlint`
/// binary is), so on glibc it asks for the loader and the C library.
#[cfg(target_env = "gnu")]
#[test]
fn a_dynamically_linked_program_loads_libraries() {
    let me = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(link::loads_libraries(&read(&me)), Some(true));
}

/// The binary, as the build script linked it.
#[test]
fn the_binary_loads_libraries_unless_it_is_static() {
    let binary = read(env!("CARGO_BIN_EXE_claimlint").as_ref());
    let static_pie = env!("CLAIMLINT_LINKAGE") == "static-pie";
    assert_eq!(link::loads_libraries(&binary), Some(!static_pie));
}

/// Anything that is not a whole 64-bit little-endian ELF file is not read, and nothing
/// read past its end.
#[test]
fn what_is_not_a_whole_program_is_not_read() {
    let binary = read(env!("CARGO_BIN_EXE_claimlint").as_ref());
    assert_eq!(link::loads_libraries(b"#!/bin/sh\n"), None);
    assert_eq!(link::loads_libraries(&[]), None);
    for cut in [4, 6, 0x30, 0x40] {
        assert_eq!(link::loads_libraries(&binary[..cut]), None, "{cut}");
    }
    let mut big_endian = binary.clone();
    big_endian[5] = 2;
    assert_eq!(link::loads_libraries(&big_endian), None);
}

//! The ELF reader with which the build script (`build/link.rs`) tells a program that
//! stands alone from one that needs the loader: on what it says of the programs built
//! here.

#![cfg(all(
    target_os = "linux",
    target_env = "gnu",
    target_pointer_width = "64",
    target_endian = "little"
))]

// The build script's other functions (run by cargo, not here) and its lines to cargo.
#[allow(dead_code, clippy::print_stdout)]
#[path = "../build/link.rs"]
mod link;

/// The little-endian `u64` at `o`.
fn u64_at(b: &[u8], o: usize) -> u64 {
    u64::from_le_bytes(b[o..o + 8].try_into().unwrap_or_default())
}

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A test program is never linked statically by the build script (only the `claimlint`
/// binary is), so on glibc it needs the loader and the C library, unless the whole build
/// is static (`crt-static`).
#[test]
fn a_dynamically_linked_program_needs_the_loader() {
    let me = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let expected = cfg!(target_feature = "crt-static");
    assert_eq!(link::self_contained(&read(&me)), Some(expected));
}

/// The binary, as the build script linked it.
#[test]
fn the_binary_stands_alone_when_it_is_static() {
    let binary = read(env!("CARGO_BIN_EXE_claimlint").as_ref());
    let alone = env!("CLAIMLINT_LINKAGE") == "static-pie" || cfg!(target_feature = "crt-static");
    assert_eq!(link::self_contained(&binary), Some(alone));
}

/// Anything that is not a whole 64-bit little-endian ELF file is not read, and nothing
/// is read past its end, whatever its headers say.
#[test]
fn what_is_not_a_whole_program_is_not_read() {
    let binary = read(env!("CARGO_BIN_EXE_claimlint").as_ref());
    assert_eq!(link::self_contained(b"#!/bin/sh\n"), None);
    assert_eq!(link::self_contained(&[]), None);
    for cut in [4, 6, 0x30, 0x40] {
        assert_eq!(link::self_contained(&binary[..cut]), None, "{cut}");
    }
    let mut big_endian = binary.clone();
    big_endian[5] = 2;
    assert_eq!(link::self_contained(&big_endian), None);
    // Headers said to lie at the end of the address space, or to reach past it.
    for (offset, value) in [(0x20, u64::MAX), (0x28, u64::MAX), (0x28, u64::MAX - 3)] {
        let mut far = binary.clone();
        far[offset..offset + 8].copy_from_slice(&value.to_le_bytes());
        assert_eq!(link::self_contained(&far), None, "{offset:#x}");
    }
    // Each program header's and section header's size and place pushed to the end of
    // the address space in turn.
    let (ph, phsize, phnum) = (u64_at(&binary, 0x20) as usize, 56, binary[0x38] as usize);
    let (sh, shsize, shnum) = (u64_at(&binary, 0x28) as usize, 64, binary[0x3C] as usize);
    let fields = (0..phnum).flat_map(|i| [ph + i * phsize + 8, ph + i * phsize + 32]);
    let fields =
        fields.chain((0..shnum).flat_map(|i| [sh + i * shsize + 24, sh + i * shsize + 32]));
    let mut far = binary;
    for field in fields {
        let was: [u8; 8] = far[field..field + 8].try_into().unwrap_or_default();
        far[field..field + 8].copy_from_slice(&(u64::MAX - 2).to_le_bytes());
        // Read or not, never a panic.
        let _ = link::self_contained(&far);
        far[field..field + 8].copy_from_slice(&was);
    }
}

/// A program that leaves a symbol for a shared library to give does not stand alone,
/// even with no library named: what an unused `-l` left in a static link (the program
/// crashed at its start).
#[test]
fn an_undefined_dynamic_symbol_is_not_alone() {
    let mut binary = read(env!("CARGO_BIN_EXE_claimlint").as_ref());
    if link::self_contained(&binary) != Some(true) {
        return; // the binary is not static here: the test above says so
    }
    // The symbol after the null one in `.dynsym`, made undefined and global.
    let sh = u64_at(&binary, 0x28) as usize;
    let shnum = usize::from(u16::from_le_bytes([binary[0x3C], binary[0x3D]]));
    let dynsym = (0..shnum)
        .map(|i| sh + i * 64)
        .find(|&h| u32::from_le_bytes(binary[h + 4..h + 8].try_into().unwrap_or_default()) == 11);
    let Some(h) = dynsym else {
        panic!("a static position-independent program has a .dynsym");
    };
    let (start, len) = (
        u64_at(&binary, h + 24) as usize,
        u64_at(&binary, h + 32) as usize,
    );
    // Grow the table by one symbol, written over what follows it: enough for the reader.
    binary[h + 32..h + 40].copy_from_slice(&((len + 24) as u64).to_le_bytes());
    let symbol = start + len;
    binary[symbol + 4] = 0x10; // global, no type
    binary[symbol + 6..symbol + 8].copy_from_slice(&0u16.to_le_bytes()); // undefined
    assert_eq!(link::self_contained(&binary), Some(false));
    binary[symbol + 4] = 0x20; // weak: a static program may leave it at zero
    assert_eq!(link::self_contained(&binary), Some(true));
}

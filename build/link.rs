//! How the program links on Linux with glibc. Two things cost a run there before its
//! first instruction, a tenth of it on a 1,000-claim file (`docs/PERFORMANCE.md`): loading
//! `libgcc_s.so.1` for the unwinder, and the dynamic loader itself (mapping `libc.so.6`,
//! resolving its symbols). So, where the toolchain has what it takes:
//!
//! - the unwinder is linked statically (`libgcc_eh.a`, as `-static-libgcc` does), in
//!   every program of the package, tests included;
//! - the `claimlint` binary is linked as a static position-independent executable
//!   (`-static-pie`: the C library inside, still loaded at a random address), when the
//!   target is the machine building it and `CLAIMLINT_LINK` is not `dynamic`.
//!
//! Each is done only once a probe, a small Rust program built by the same `rustc` with
//! the build's own flags and linker and those of the choice, links, runs (threads, thread
//! locals, a caught panic) and, for the static program, needs no loader and no library.
//! Elsewhere the build links as cargo does by default. `CLAIMLINT_LINKAGE`, set for the
//! tests, says which was done and, if not, why.
//!
//! The static link holds only the libraries rustc and the C library name. A dependency
//! that links a system library of its own would need it as an archive too: the probe does
//! not see it, but `tests/cli.rs` checks the binary as built.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The libraries rustc names when it links a program of std on Linux with glibc; each
/// must be found as an archive for the program to be static.
const STD_LIBS: &[&str] = &["gcc_s", "util", "rt", "pthread", "m", "dl", "c"];

/// The probe: what a program of std needs of the C library and the unwinder at its start
/// and in its run. It prints `2 true`.
const PROBE: &str = r#"use std::cell::Cell;
thread_local!(static N: Cell<u32> = const { Cell::new(1) });
fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let caught = std::panic::catch_unwind(|| {
        if std::env::args().count() < 100 {
            panic!("probe")
        }
    })
    .is_err();
    let t = std::thread::spawn(|| N.with(|n| n.get() + 1)).join().unwrap_or(0);
    print!("{t} {caught}");
}
"#;

/// Links as the module says, and returns what `CLAIMLINT_LINKAGE` says: `static-pie`,
/// `static-unwinder` (with why not more), or `default` (with why).
pub fn link() -> String {
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    println!("cargo:rerun-if-env-changed=CLAIMLINT_LINK");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return "default: not Linux with glibc".into();
    }
    if var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|f| f == "crt-static")
    {
        return "default: crt-static is asked for, and rustc links statically itself".into();
    }
    let wanted = match var("CLAIMLINT_LINK").as_str() {
        "" | "static" => true,
        "dynamic" => false,
        other => {
            println!(
                "cargo:warning=CLAIMLINT_LINK={other:?} is neither `static` nor `dynamic`: \
                 linking statically where the toolchain can"
            );
            true
        }
    };
    let probe = Probe::new();
    // The C compiler that links for the target knows where its libraries are: cargo's
    // named linker, else the host's `cc`, which only knows the target's libraries when
    // the target is the host.
    let cc = match std::env::var("RUSTC_LINKER") {
        Ok(l) => l,
        Err(_) if probe.native => "cc".into(),
        Err(_) => return "default: a cross build without a named linker".into(),
    };
    let Some(found) = library(&cc, "libgcc_eh.a") else {
        return "default: the linker has no libgcc_eh.a".into();
    };
    // In a folder of its own: the compiler's folder also holds `libgcc_s.so`, which the
    // static link would find first.
    let unwinder = probe.dir.join("unwinder");
    let eh = unwinder.join("libgcc_eh.a");
    if copy(&found, &eh).is_err() {
        return "default: libgcc_eh.a could not be copied".into();
    }
    let unwinder_args = vec![
        "-L".to_owned(),
        format!("native={}", unwinder.display()),
        "-l".to_owned(),
        "static:-bundle=gcc_eh".to_owned(),
    ];
    let little_64 =
        var("CARGO_CFG_TARGET_POINTER_WIDTH") == "64" && var("CARGO_CFG_TARGET_ENDIAN") == "little";
    // The folder of archives for a static program, or why not; then the unwinder alone
    // must build.
    let archives = match (wanted, probe.native && little_64) {
        (false, _) => Err("CLAIMLINT_LINK=dynamic".to_owned()),
        (true, false) => Err("a cross build, or not a 64-bit little-endian target".to_owned()),
        (true, true) => static_pie(&probe, &cc, &eh, &unwinder_args),
    };
    if archives.is_err()
        && let Err(why) = probe.build("unwinder_probe", &unwinder_args)
    {
        return format!("default: {why}");
    }
    println!("cargo:rustc-link-search=native={}", unwinder.display());
    println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    match archives {
        Ok(dir) => {
            println!("cargo:rustc-link-arg-bins=-static-pie");
            println!("cargo:rustc-link-arg-bins=-L{}", dir.display());
            "static-pie".into()
        }
        Err(why_not) => format!("static-unwinder: {why_not}"),
    }
}

/// A folder where each library rustc names is a linker script naming the toolchain's
/// archive (the C library's with libgcc's, as a group), once the probe, linked with
/// `-static-pie` and that folder besides `unwinder_args`, runs and needs no loader and no
/// library.
fn static_pie(
    probe: &Probe,
    cc: &str,
    eh: &Path,
    unwinder_args: &[String],
) -> Result<PathBuf, String> {
    let dir = probe.dir.join("static");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let need = |name: &str| library(cc, name).ok_or(format!("the linker has no {name}"));
    for lib in STD_LIBS {
        let archives = match *lib {
            "gcc_s" => vec![eh.to_owned()],
            "c" => vec![need("libc.a")?, eh.to_owned(), need("libgcc.a")?],
            _ => vec![need(&format!("lib{lib}.a"))?],
        };
        let mut script = String::from("GROUP (");
        for a in &archives {
            if a != eh {
                println!("cargo:rerun-if-changed={}", a.display());
            }
            let a = a.to_str().filter(|a| !a.contains('"'));
            let a = a.ok_or("a library's path cannot be written in a linker script")?;
            script.push_str(&format!(" \"{a}\""));
        }
        script.push_str(" )\n");
        let path = dir.join(format!("lib{lib}.so"));
        std::fs::write(&path, script).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let mut args = unwinder_args.to_vec();
    args.extend([
        "-C".to_owned(),
        "link-arg=-static-pie".to_owned(),
        "-C".to_owned(),
        format!("link-arg=-L{}", dir.display()),
    ]);
    let program = probe.build("static_probe", &args)?;
    match self_contained(&program) {
        Some(true) => Ok(dir),
        Some(false) => Err("the statically linked probe still needs a loader or a library".into()),
        None => Err("the statically linked probe could not be read".into()),
    }
}

/// The `rustc` of the build, with its target, its flags and its linker.
struct Probe {
    rustc: String,
    target: String,
    flags: Vec<String>,
    linker: Option<String>,
    /// Whether the target is the machine building: then the probe runs.
    native: bool,
    /// Where the probes and the libraries' folders are written.
    dir: PathBuf,
}

impl Probe {
    fn new() -> Self {
        let var = |k: &str| std::env::var(k).unwrap_or_default();
        let flags = var("CARGO_ENCODED_RUSTFLAGS");
        Probe {
            rustc: std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()),
            native: var("TARGET") == var("HOST"),
            target: var("TARGET"),
            flags: flags
                .split('\x1f')
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect(),
            linker: std::env::var("RUSTC_LINKER").ok(),
            dir: PathBuf::from(var("OUT_DIR")).join("link"),
        }
    }

    /// Builds the probe with `args`, and runs it where the target is this machine; the
    /// program's bytes, or why it failed.
    fn build(&self, name: &str, args: &[String]) -> Result<Vec<u8>, String> {
        let source = self.dir.join("probe.rs");
        let program = self.dir.join(name);
        std::fs::create_dir_all(&self.dir)
            .and_then(|()| std::fs::write(&source, PROBE))
            .map_err(|e| format!("{}: {e}", source.display()))?;
        let mut rustc = Command::new(&self.rustc);
        rustc
            .args([
                "--edition=2021",
                "--crate-type=bin",
                "--target",
                &self.target,
            ])
            .arg("-o")
            .arg(&program)
            .arg(&source)
            .args(&self.flags)
            .args(args);
        if let Some(linker) = &self.linker {
            rustc.arg(format!("-Clinker={linker}"));
        }
        let built = rustc.output().map_err(|e| format!("{}: {e}", self.rustc))?;
        if !built.status.success() {
            return Err(format!("{name} does not build"));
        }
        if self.native {
            let ran = Command::new(&program).output();
            if !ran.is_ok_and(|o| o.status.success() && o.stdout == b"2 true") {
                return Err(format!("{name} does not run"));
            }
        }
        std::fs::read(&program).map_err(|e| format!("{}: {e}", program.display()))
    }
}

/// Where the C compiler `cc` finds a library file, if it has it.
fn library(cc: &str, name: &str) -> Option<PathBuf> {
    let out = Command::new(cc)
        .arg(format!("-print-file-name={name}"))
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    (out.status.success() && path.is_absolute() && path.is_file()).then_some(path)
}

/// Copies `from` to `to`, replacing a copy made before (which keeps the mode of a
/// read-only original, and so cannot be written over).
fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir)?;
    }
    match std::fs::remove_file(to) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::copy(from, to).map(|_| ())
}

/// Whether a 64-bit little-endian ELF program stands alone: it asks for no loader
/// (`PT_INTERP`), no shared library (`DT_NEEDED`), and leaves no symbol for one to give
/// (an undefined, non-weak symbol in `.dynsym`); `None` if it cannot be read as one.
pub fn self_contained(elf: &[u8]) -> Option<bool> {
    let at = |o: u64, n: usize| elf.get(usize::try_from(o).ok()?..)?.get(..n);
    let u8_at = |o: u64| Some(*at(o, 1)?.first()?);
    let u16_at = |o: u64| Some(u16::from_le_bytes(at(o, 2)?.try_into().ok()?));
    let u32_at = |o: u64| Some(u32::from_le_bytes(at(o, 4)?.try_into().ok()?));
    let u64_at = |o: u64| Some(u64::from_le_bytes(at(o, 8)?.try_into().ok()?));
    if at(0, 6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    // Program headers: the loader, and the dynamic section's libraries.
    let (table, size, count) = (u64_at(0x20)?, u16_at(0x36)?, u16_at(0x38)?);
    for i in 0..u64::from(count) {
        let header = table.checked_add(i.checked_mul(u64::from(size))?)?;
        match u32_at(header)? {
            3 => return Some(false),
            2 => {
                let (start, len) = (u64_at(header + 8)?, u64_at(header + 32)?);
                for entry in (start..start.checked_add(len)?).step_by(16) {
                    match u64_at(entry)? {
                        0 => break,
                        1 => return Some(false),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // Section headers: the dynamic symbols, past the first (the null symbol).
    let (table, size, count) = (u64_at(0x28)?, u16_at(0x3A)?, u16_at(0x3C)?);
    if count == 0 {
        return None;
    }
    for i in 0..u64::from(count) {
        let header = table.checked_add(i.checked_mul(u64::from(size))?)?;
        let field = |offset: u64| header.checked_add(offset);
        if u32_at(field(4)?)? != 11 {
            continue;
        }
        let (start, len) = (u64_at(field(24)?)?, u64_at(field(32)?)?);
        for symbol in (start.checked_add(24)?..start.checked_add(len)?).step_by(24) {
            let field = |offset: u64| symbol.checked_add(offset);
            let (info, section) = (u8_at(field(4)?)?, u16_at(field(6)?)?);
            if section == 0 && info >> 4 != 2 {
                return Some(false);
            }
        }
    }
    Some(true)
}

//! How the program links on Linux with glibc. Two things cost a run there before its
//! first instruction, a tenth of it on a 1,000-claim file (`docs/PERFORMANCE.md`): loading
//! `libgcc_s.so.1` for the unwinder, and the dynamic loader itself (mapping `libc.so.6`,
//! resolving its symbols). So, where the C toolchain has what it takes:
//!
//! - the unwinder is linked statically (`libgcc_eh.a`, as `-static-libgcc` does), in
//!   every program of the package, tests included;
//! - the `claimlint` binary is linked as a static position-independent executable
//!   (`-static-pie`: the C library inside, still loaded at a random address), when the
//!   target is the machine building it, a probe linked the way rustc links a binary runs
//!   and loads no library, and `CLAIMLINT_LINK` is not `dynamic`.
//!
//! Elsewhere the build links as cargo does by default. `CLAIMLINT_LINKAGE`, set for the
//! tests, says which was done and, if not, why.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The libraries rustc names when it links a program of std on Linux with glibc; each
/// must be found as an archive for the program to be static.
const STD_LIBS: &[&str] = &["gcc_s", "util", "rt", "pthread", "m", "dl", "c"];

/// Links as the module says, and returns what `CLAIMLINT_LINKAGE` says: `static-pie`,
/// `static-unwinder` (with why not more), or `dynamic` (with why).
pub fn link() -> String {
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    println!("cargo:rerun-if-env-changed=CLAIMLINT_LINK");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return "dynamic: not Linux with glibc".into();
    }
    if var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|f| f == "crt-static")
    {
        return "dynamic: crt-static is asked for, and rustc links statically itself".into();
    }
    // The linker cargo names for the target; else the host's `cc`, which only knows the
    // target's libraries when the target is the host.
    let native = var("TARGET") == var("HOST");
    let linker = match std::env::var("RUSTC_LINKER") {
        Ok(l) => Linker::new(l),
        Err(_) if native => Linker::new("cc".into()),
        Err(_) => return "dynamic: a cross build without a named linker".into(),
    };
    let unwinder = match linker.unwinder() {
        Ok(dir) => dir,
        Err(why) => return format!("dynamic: {why}"),
    };
    println!("cargo:rustc-link-search=native={}", unwinder.display());
    println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    let wanted = var("CLAIMLINT_LINK") != "dynamic";
    let little_64 =
        var("CARGO_CFG_TARGET_POINTER_WIDTH") == "64" && var("CARGO_CFG_TARGET_ENDIAN") == "little";
    let archives = match (wanted, native && little_64) {
        (false, _) => Err("CLAIMLINT_LINK=dynamic".to_owned()),
        (true, false) => Err("a cross build, or not a 64-bit little-endian target".to_owned()),
        (true, true) => linker.static_pie(&unwinder),
    };
    match archives {
        Ok(dir) => {
            println!("cargo:rustc-link-arg-bins=-static-pie");
            println!("cargo:rustc-link-arg-bins=-L{}", dir.display());
            "static-pie".into()
        }
        Err(why) => format!("static-unwinder: {why}"),
    }
}

/// The C compiler that links for the target, and the folder its probes are written in.
struct Linker {
    cmd: String,
    out: PathBuf,
}

impl Linker {
    fn new(cmd: String) -> Self {
        let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("link");
        Linker { cmd, out }
    }

    /// Where the linker finds a library file, if it has it.
    fn file(&self, name: &str) -> Option<PathBuf> {
        let out = Command::new(&self.cmd)
            .arg(format!("-print-file-name={name}"))
            .output()
            .ok()?;
        let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        (out.status.success() && path.is_absolute() && path.is_file()).then_some(path)
    }

    /// Whether the linker links `args` (its output path among them) without an error.
    fn links<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> bool {
        Command::new(&self.cmd)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    }

    /// A folder holding the linker's `libgcc_eh.a` alone (the compiler's own folder also
    /// holds `libgcc_s.so`, which a static program must not find first), once a program
    /// calling the unwinder links with it position-independent, as Rust's programs are:
    /// an old compiler may have built the archive otherwise.
    fn unwinder(&self) -> Result<PathBuf, &'static str> {
        let found = self
            .file("libgcc_eh.a")
            .ok_or("the linker has no libgcc_eh.a")?;
        let dir = self.out.join("unwinder");
        let archive = dir.join("libgcc_eh.a");
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::copy(&found, &archive))
            .map_err(|_| "libgcc_eh.a could not be copied")?;
        let probe = self.out.join("unwinder_probe.c");
        let source = "extern int _Unwind_Backtrace(void *, void *);\n\
                      int main(void) { return _Unwind_Backtrace(0, 0) == 1; }\n";
        let linked = std::fs::write(&probe, source).is_ok()
            && self.links([
                "-fPIE".as_ref(),
                "-pie".as_ref(),
                "-o".as_ref(),
                self.out.join("unwinder_probe").as_os_str(),
                probe.as_os_str(),
                archive.as_os_str(),
            ]);
        if linked {
            Ok(dir)
        } else {
            Err("libgcc_eh.a does not link into a position-independent program")
        }
    }

    /// A folder where each library rustc names is a linker script naming the toolchain's
    /// archive (the C library's with libgcc's, as a group), once a probe linked as rustc
    /// links a program, with `-static-pie` and that folder added as the build script
    /// adds them, runs and asks for no library and no loader.
    fn static_pie(&self, unwinder: &Path) -> Result<PathBuf, String> {
        let dir = self.out.join("static");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let need = |name: &str| self.file(name).ok_or(format!("the linker has no {name}"));
        let eh = unwinder.join("libgcc_eh.a");
        for lib in STD_LIBS {
            let archives = match *lib {
                "gcc_s" => vec![eh.clone()],
                "c" => vec![need("libc.a")?, eh.clone(), need("libgcc.a")?],
                _ => vec![need(&format!("lib{lib}.a"))?],
            };
            let mut script = String::from("GROUP (");
            for a in &archives {
                let a = a.to_str().filter(|a| !a.contains('"'));
                let a = a.ok_or("a library's path cannot be written in a linker script")?;
                script.push_str(&format!(" \"{a}\""));
            }
            script.push_str(" )\n");
            let path = dir.join(format!("lib{lib}.so"));
            std::fs::write(&path, script).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        let probe = self.out.join("static_probe.c");
        let program = self.out.join("static_probe");
        let source = "#include <stdio.h>\nint main(void) { return printf(\"linked\") != 6; }\n";
        std::fs::write(&probe, source).map_err(|e| format!("{}: {e}", probe.display()))?;
        let mut args: Vec<std::ffi::OsString> = vec!["-fPIE".into(), probe.into_os_string()];
        args.extend(["-o".into(), program.clone().into_os_string()]);
        // rustc's line for a program of std, without crt-static, then what is added here.
        args.extend(
            [
                "-nodefaultlibs",
                "-Wl,--as-needed",
                "-Wl,-Bstatic",
                "-lgcc_eh",
            ]
            .map(Into::into),
        );
        args.push("-Wl,-Bdynamic".into());
        args.extend(STD_LIBS.iter().map(|l| format!("-l{l}").into()));
        args.push(format!("-L{}", unwinder.display()).into());
        args.extend(["-pie", "-Wl,-z,relro,-z,now", "-static-pie"].map(Into::into));
        args.push(format!("-L{}", dir.display()).into());
        if !self.links(&args) {
            return Err("the C library does not link into a static program".into());
        }
        let ran = Command::new(&program).output();
        if !ran.is_ok_and(|o| o.status.success() && o.stdout == b"linked") {
            return Err("the statically linked probe does not run".into());
        }
        match std::fs::read(&program)
            .ok()
            .as_deref()
            .and_then(loads_libraries)
        {
            Some(false) => Ok(dir),
            Some(true) => Err("the statically linked probe still loads a library".into()),
            None => Err("the statically linked probe could not be read".into()),
        }
    }
}

/// Whether a 64-bit little-endian ELF program asks for a loader (`PT_INTERP`) or a
/// shared library (`DT_NEEDED`); `None` if it cannot be read as one.
pub fn loads_libraries(elf: &[u8]) -> Option<bool> {
    let at = |o: u64, n: usize| elf.get(usize::try_from(o).ok()?..)?.get(..n);
    let u16_at = |o: u64| Some(u16::from_le_bytes(at(o, 2)?.try_into().ok()?));
    let u32_at = |o: u64| Some(u32::from_le_bytes(at(o, 4)?.try_into().ok()?));
    let u64_at = |o: u64| Some(u64::from_le_bytes(at(o, 8)?.try_into().ok()?));
    if at(0, 6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let (table, size, count) = (u64_at(0x20)?, u16_at(0x36)?, u16_at(0x38)?);
    for i in 0..u64::from(count) {
        let header = table + i * u64::from(size);
        match u32_at(header)? {
            3 => return Some(true),
            2 => {
                let (start, len) = (u64_at(header + 8)?, u64_at(header + 32)?);
                for entry in (start..start + len).step_by(16) {
                    match u64_at(entry)? {
                        0 => break,
                        1 => return Some(true),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Some(false)
}

//! The PyPI wheel: built with maturin (from PyPI) from this repository, installed into a
//! fresh virtual environment with no Rust toolchain on the PATH, and run on a claims file.
//! The pre-commit mirror (`pre-commit-mirror/`) is then installed by the real pre-commit
//! from that wheel, and fails on a bad claim and passes once it is fixed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Instant;

const BAD: &str = "claims:\n  - id: total\n    value: 20 mln\n  - id: part\n    value: 12.5 mln\n  - id: half\n    assert: share(part, total) = half\n";

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
    d
}

/// The PATH without any folder that holds `cargo`: what the wheel and the hook install
/// with must not need a Rust toolchain.
fn path_without_cargo() -> String {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|d| !d.join("cargo").exists() && !d.join("cargo.exe").exists())
        .collect();
    std::env::join_paths(kept)
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn run(cmd: impl AsRef<Path>, args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Output {
    let cmd = cmd.as_ref();
    let mut c = Command::new(cmd);
    c.args(args).current_dir(dir);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output()
        .unwrap_or_else(|e| panic!("{} could not run: {e}", cmd.display()))
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The target of the Linux wheels of the release, when the environment names it
/// (`CLAIMLINT_WHEEL_TARGET`, which `.ci/run` sets to `x86_64-unknown-linux-musl` once
/// it has installed that target and musl's C compiler): the release builds each Linux
/// wheel from the static musl binary, tagged for glibc and musl systems alike
/// (`release.yml`). Without it, the wheel is the host's own build.
fn wheel_target() -> Option<String> {
    std::env::var("CLAIMLINT_WHEEL_TARGET")
        .ok()
        .filter(|t| !t.is_empty())
}

/// The platform tags the release gives a Linux wheel built for `target`.
const LINUX_TAGS: [&str; 2] = ["manylinux_2_17", "musllinux_1_2"];

/// Builds the wheel once for the tests of this file, as the release does (the `dist`
/// profile, stripped; for a musl target, with the release's arguments), in a target
/// folder of its own.
#[allow(clippy::print_stderr)] // reports how long the build took
fn wheelhouse() -> &'static Path {
    static DIST: OnceLock<PathBuf> = OnceLock::new();
    DIST.get_or_init(|| {
        let dist = tmp("wheelhouse");
        let target_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wheel-target");
        let target_dir = target_dir.to_string_lossy().into_owned();
        let dist_s = dist.to_string_lossy().into_owned();
        let mut args = vec!["build", "--profile", "dist", "--locked", "--out", &dist_s];
        let mut env = vec![("CARGO_TARGET_DIR", target_dir.as_str())];
        let target = wheel_target();
        // mimalloc's C code through musl's wrapper, as the release compiles it.
        let cc = target
            .as_ref()
            .map(|t| format!("CC_{}", t.replace('-', "_")));
        if let (Some(t), Some(cc)) = (&target, &cc) {
            args.extend(["--target", t, "--compatibility"]);
            args.extend(LINUX_TAGS);
            env.push((cc, "musl-gcc"));
        }
        let started = Instant::now();
        let o = run("maturin", &args, &project(), &env);
        assert!(o.status.success(), "maturin build failed:\n{}", text(&o));
        eprintln!(
            "wheel built for {} in {:.0?}",
            target.as_deref().unwrap_or("this host"),
            started.elapsed()
        );
        dist
    })
}

fn venv_bin(venv: &Path, name: &str) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join(format!("{name}.exe"))
    } else {
        venv.join("bin").join(name)
    }
}

#[test]
#[ignore = "needs maturin from PyPI and builds a release wheel: .ci/run installs it and runs the ignored tests"]
fn the_wheel_installs_into_a_fresh_venv_and_checks_claims() {
    let dist = wheelhouse();
    let wheels: Vec<String> = std::fs::read_dir(dist)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".whl"))
        .collect();
    let prefix = format!("claimlint_cli-{}-py3-none-", env!("CARGO_PKG_VERSION"));
    assert!(
        wheels.len() == 1 && wheels[0].starts_with(&prefix),
        "one wheel {prefix}*: {wheels:?}"
    );
    // The release's Linux wheel: one wheel for glibc and musl systems, holding a binary
    // that needs neither (pip on this glibc machine installs it below).
    if let Some(t) = wheel_target() {
        let arch = t.split('-').next().unwrap_or_default();
        for tag in LINUX_TAGS {
            assert!(
                wheels[0].contains(&format!("{tag}_{arch}")),
                "the wheel for {t} is tagged {tag}: {wheels:?}"
            );
        }
    }

    let dir = tmp("wheel-venv");
    let venv = dir.join("venv");
    let no_cargo = path_without_cargo();
    let env = [("PATH", no_cargo.as_str())];
    let o = run(
        "python3",
        &["-m", "venv", &venv.to_string_lossy()],
        &dir,
        &env,
    );
    assert!(o.status.success(), "python3 -m venv:\n{}", text(&o));
    // No index: the wheel of this build, nothing else.
    let o = run(
        venv_bin(&venv, "python"),
        &[
            "-m",
            "pip",
            "install",
            "--no-index",
            "--find-links",
            &dist.to_string_lossy(),
            "claimlint-cli",
        ],
        &dir,
        &env,
    );
    assert!(o.status.success(), "pip install:\n{}", text(&o));

    let claimlint = venv_bin(&venv, "claimlint");
    assert!(claimlint.exists(), "{} is missing", claimlint.display());
    if wheel_target().is_some() {
        // Static: no program interpreter, no shared library.
        let o = run(
            "readelf",
            &["-l", "-d", &claimlint.to_string_lossy()],
            &dir,
            &[],
        );
        assert!(o.status.success(), "readelf:\n{}", text(&o));
        let out = text(&o);
        assert!(
            !out.contains("INTERP") && !out.contains("(NEEDED)"),
            "the wheel's binary is not static:\n{out}"
        );
    }
    let o = run(&claimlint, &["--version"], &dir, &env);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!(
            "claimlint {} (claim language {})\n",
            env!("CARGO_PKG_VERSION"),
            claimlint::LANGUAGE_VERSION
        )
    );

    std::fs::write(dir.join("claims.yaml"), BAD).unwrap_or_else(|e| panic!("{e}"));
    let o = run(&claimlint, &["claims.yaml", "--format", "json"], &dir, &env);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(v["findings"][0]["code"], "numeric/mismatch", "{}", text(&o));
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));

    std::fs::write(
        dir.join("claims.yaml"),
        BAD.replace("= half", "= about 62%"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = run(&claimlint, &["claims.yaml"], &dir, &env);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

fn git(args: &[&str], dir: &Path) {
    let o = run(
        "git",
        args,
        dir,
        &[
            ("GIT_AUTHOR_NAME", "claimlint tests"),
            ("GIT_AUTHOR_EMAIL", "tests@claimlint.invalid"),
            ("GIT_COMMITTER_NAME", "claimlint tests"),
            ("GIT_COMMITTER_EMAIL", "tests@claimlint.invalid"),
        ],
    );
    assert!(o.status.success(), "git {args:?}:\n{}", text(&o));
}

#[test]
#[ignore = "needs maturin and pre-commit from PyPI and builds a release wheel: .ci/run installs them and runs the ignored tests"]
#[allow(clippy::print_stderr)] // reports how long the first install took
fn the_mirror_hook_installs_from_the_wheel_and_fails_then_passes() {
    let dist = wheelhouse();
    let tmp = tmp("mirror");
    // The mirror repository as a release makes it: the folder's files, committed.
    let mirror = tmp.join("mirror");
    std::fs::create_dir_all(&mirror).unwrap_or_else(|e| panic!("{e}"));
    for f in [".pre-commit-hooks.yaml", "pyproject.toml", "README.md"] {
        std::fs::copy(project().join("pre-commit-mirror").join(f), mirror.join(f))
            .unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    git(&["init", "-q"], &mirror);
    git(&["add", "."], &mirror);
    git(&["commit", "-q", "-m", "mirror"], &mirror);

    let repo = tmp.join("repo");
    std::fs::create_dir_all(&repo).unwrap_or_else(|e| panic!("{e}"));
    git(&["init", "-q"], &repo);
    std::fs::write(repo.join("claims.yaml"), BAD).unwrap_or_else(|e| panic!("{e}"));
    let home = tmp.join("home");
    let no_cargo = path_without_cargo();
    let home_s = home.to_string_lossy().into_owned();
    let dist_s = dist.to_string_lossy().into_owned();
    // claimlint-cli comes from the wheelhouse (PyPI does not hold this build); the build
    // backend of the mirror comes from PyPI, as for a user.
    let env = [
        ("PATH", no_cargo.as_str()),
        ("PRE_COMMIT_HOME", home_s.as_str()),
        ("PIP_FIND_LINKS", dist_s.as_str()),
    ];
    let mirror_s = mirror.to_string_lossy().into_owned();
    let try_repo = || {
        git(&["add", "."], &repo);
        let args = [
            "try-repo",
            &mirror_s,
            "claimlint",
            "--all-files",
            "--color",
            "never",
        ];
        let o = run("pre-commit", &args, &repo, &env);
        (o.status.success(), text(&o))
    };
    let started = Instant::now();
    let (passed, out) = try_repo();
    eprintln!(
        "first install and run of the mirror hook: {:.1?}",
        started.elapsed()
    );
    assert!(!passed, "the hook must fail:\n{out}");
    assert!(out.contains("numeric/mismatch"), "{out}");

    std::fs::write(
        repo.join("claims.yaml"),
        BAD.replace("= half", "= about 62%"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (passed, out) = try_repo();
    assert!(passed, "the hook must pass:\n{out}");
}

/// The mirror pins the wheel of this version, and its hook matches the source hook but
/// for the language.
#[test]
fn the_mirror_pins_this_version() {
    let read =
        |p: &str| std::fs::read_to_string(project().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let version = env!("CARGO_PKG_VERSION");
    let pyproject = read("pre-commit-mirror/pyproject.toml");
    assert!(
        pyproject.contains(&format!("\"claimlint-cli=={version}\"")),
        "pre-commit-mirror/pyproject.toml must pin claimlint-cli=={version}"
    );
    assert!(pyproject.contains(&format!("version = \"{version}\"")));
    let hook = |p: &str| -> Vec<String> {
        read(p)
            .lines()
            .filter(|l| !l.starts_with('#') && !l.contains("language:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        hook(".pre-commit-hooks.yaml"),
        hook("pre-commit-mirror/.pre-commit-hooks.yaml")
    );
    assert!(read("pre-commit-mirror/.pre-commit-hooks.yaml").contains("language: python"));
}

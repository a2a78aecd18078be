//! The Action's install step (`action.yml`), run as the runner runs it (bash, `-e -o
//! pipefail`) against a release laid out by `.ci/archive` under a `file://` address: it
//! puts the release binary of its own version on the PATH when the checksum matches,
//! fails when it does not, and falls back to `cargo install` only where there is no
//! binary for the runner or no release. `cargo` is a stand-in that records its arguments.
#![cfg(unix)]

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[derive(Deserialize)]
struct Action {
    runs: Runs,
}

#[derive(Deserialize)]
struct Runs {
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    name: Option<String>,
    run: Option<String>,
}

fn install_script() -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"))
        .unwrap_or_else(|e| panic!("action.yml: {e}"));
    let action: Action =
        serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("action.yml: {e}"));
    action
        .runs
        .steps
        .into_iter()
        .find(|s| s.name.as_deref() == Some("Install claimlint"))
        .and_then(|s| s.run)
        .unwrap_or_else(|| panic!("action.yml has no `Install claimlint` step"))
}

struct Runner {
    root: PathBuf,
}

impl Runner {
    fn new() -> Runner {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("action");
        let _ = std::fs::remove_dir_all(&root);
        for d in ["action", "release", "stub", "temp"] {
            std::fs::create_dir_all(root.join(d)).unwrap_or_else(|e| panic!("{e}"));
        }
        // The action's own Cargo.toml, but for where its releases are.
        let manifest =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
                .unwrap_or_else(|e| panic!("{e}"));
        let release = format!("file://{}", root.join("release").display());
        let manifest: String = manifest
            .lines()
            .map(|l| {
                if l.starts_with("repository = ") {
                    format!("repository = \"{release}\"\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        std::fs::write(root.join("action/Cargo.toml"), manifest).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(
            root.join("stub/cargo"),
            format!(
                "#!/bin/sh\necho \"$@\" > '{}'\n",
                root.join("cargo-called").display()
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let o = Command::new("chmod")
            .args(["+x"])
            .arg(root.join("stub/cargo"))
            .output()
            .unwrap_or_else(|e| panic!("chmod: {e}"));
        assert!(o.status.success());
        Runner { root }
    }

    /// The release folder of this version, as the release workflow attaches its assets.
    fn release_dir(&self) -> PathBuf {
        self.root.join(format!(
            "release/releases/download/v{}",
            env!("CARGO_PKG_VERSION")
        ))
    }

    /// Packs a release with `.ci/archive`. Its binary is a small stand-in that runs the
    /// claimlint this test was built with (packing the debug build would take seconds).
    fn publish(&self, target: &str) {
        let bin = self.root.join("bin");
        std::fs::create_dir_all(&bin).unwrap_or_else(|e| panic!("{e}"));
        let claimlint = bin.join("claimlint");
        std::fs::write(
            &claimlint,
            format!(
                "#!/bin/sh\nexec '{}' \"$@\"\n",
                env!("CARGO_BIN_EXE_claimlint")
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let o = Command::new("chmod")
            .arg("+x")
            .arg(&claimlint)
            .output()
            .unwrap_or_else(|e| panic!("chmod: {e}"));
        assert!(o.status.success());
        let o = Command::new("bash")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/archive"))
            .arg(target)
            .arg(&claimlint)
            .arg(self.release_dir())
            .output()
            .unwrap_or_else(|e| panic!(".ci/archive: {e}"));
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    /// Runs the install step on a runner of this OS and architecture; returns its output,
    /// what it added to GITHUB_PATH and what cargo was asked to do.
    fn install(&self, os: &str, arch: &str) -> (Output, String, Option<String>) {
        let _ = std::fs::remove_file(self.root.join("cargo-called"));
        let _ = std::fs::remove_dir_all(self.root.join("temp"));
        std::fs::create_dir_all(self.root.join("temp")).unwrap_or_else(|e| panic!("{e}"));
        let github_path = self.root.join("github_path");
        std::fs::write(&github_path, "").unwrap_or_else(|e| panic!("{e}"));
        let script = self.root.join("install.sh");
        std::fs::write(&script, install_script()).unwrap_or_else(|e| panic!("{e}"));
        let path = format!(
            "{}:{}",
            self.root.join("stub").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let o = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script)
            .env("PATH", path)
            .env("RUNNER_OS", os)
            .env("RUNNER_ARCH", arch)
            .env("RUNNER_TEMP", self.root.join("temp"))
            .env("GITHUB_PATH", &github_path)
            .env("GITHUB_ACTION_PATH", self.root.join("action"))
            .output()
            .unwrap_or_else(|e| panic!("bash: {e}"));
        let added = std::fs::read_to_string(&github_path).unwrap_or_default();
        let cargo = std::fs::read_to_string(self.root.join("cargo-called")).ok();
        (o, added, cargo)
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn the_action_installs_the_release_binary_checks_it_and_falls_back_to_cargo() {
    let runner = Runner::new();
    runner.publish("x86_64-unknown-linux-musl");

    // A release binary for the runner: downloaded, verified, put on the PATH.
    let (o, added, cargo) = runner.install("Linux", "X64");
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(cargo, None, "cargo must not run when a binary exists");
    let dir = added.trim();
    assert!(
        dir.ends_with("claimlint-x86_64-unknown-linux-musl"),
        "GITHUB_PATH: {added:?}"
    );
    let v = Command::new(Path::new(dir).join("claimlint"))
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("{dir}/claimlint: {e}"));
    assert!(
        String::from_utf8_lossy(&v.stdout)
            .starts_with(&format!("claimlint {} ", env!("CARGO_PKG_VERSION"))),
        "{}",
        text(&v)
    );

    // A binary whose checksum does not match: the step fails, nothing is installed, and
    // it does not fall back to a build.
    let archive = runner
        .release_dir()
        .join("claimlint-x86_64-unknown-linux-musl.tar.gz");
    let mut bytes = std::fs::read(&archive).unwrap_or_else(|e| panic!("{e}"));
    bytes.push(0);
    std::fs::write(&archive, bytes).unwrap_or_else(|e| panic!("{e}"));
    let (o, added, cargo) = runner.install("Linux", "X64");
    assert!(
        !o.status.success(),
        "a bad checksum must fail:\n{}",
        text(&o)
    );
    assert!(text(&o).contains("SHA-256"), "{}", text(&o));
    assert_eq!((added.as_str(), cargo), ("", None));

    // No binary for this runner in the release: built from source.
    let (o, added, cargo) = runner.install("Linux", "ARM64");
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(added, "");
    let action = runner.root.join("action");
    let expected = format!("install --locked --quiet --path {}\n", action.display());
    assert_eq!(cargo.as_deref(), Some(expected.as_str()));

    // An OS or architecture with no release build at all: built from source.
    let (o, added, cargo) = runner.install("Linux", "ARM");
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(added, "");
    assert_eq!(cargo.as_deref(), Some(expected.as_str()));
}

//! The pre-commit hook, run by the real pre-commit (from PyPI) with `try-repo` against a
//! temporary git repository: it fails on an inconsistent claims file, then passes once the
//! claim is fixed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sh(cmd: &str, args: &[&str], dir: &Path, home: &Path) -> Output {
    Command::new(cmd)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", home)
        .env("GIT_AUTHOR_NAME", "claimlint tests")
        .env("GIT_AUTHOR_EMAIL", "tests@claimlint.invalid")
        .env("GIT_COMMITTER_NAME", "claimlint tests")
        .env("GIT_COMMITTER_EMAIL", "tests@claimlint.invalid")
        .output()
        .unwrap_or_else(|e| panic!("{cmd} could not run (pip install pre-commit): {e}"))
}

#[test]
#[ignore = "needs pre-commit from PyPI and builds claimlint: .ci/run installs it and runs the ignored tests"]
#[allow(clippy::print_stderr)] // reports how long the first install took
fn the_hook_fails_on_a_bad_claim_and_passes_once_it_is_fixed() {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("precommit");
    let _ = std::fs::remove_dir_all(&tmp);
    let repo = tmp.join("repo");
    let home = tmp.join("home");
    std::fs::create_dir_all(&repo).unwrap_or_else(|e| panic!("{e}"));
    let project = env!("CARGO_MANIFEST_DIR");
    assert!(sh("git", &["init", "-q"], &repo, &home).status.success());
    std::fs::write(
        repo.join("clean.claims.yaml"),
        "claims:\n  - id: a\n    value: 10\n  - id: b\n    assert: a = about 10\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let bad = "claims:\n  - id: total\n    value: 20 mln\n  - id: part\n    value: 12.5 mln\n  - id: half\n    assert: share(part, total) = half\n";
    std::fs::write(repo.join("claims.yaml"), bad).unwrap_or_else(|e| panic!("{e}"));
    let try_repo = || {
        assert!(sh("git", &["add", "."], &repo, &home).status.success());
        let args = [
            "try-repo",
            project,
            "claimlint",
            "--all-files",
            "--color",
            "never",
        ];
        let o = sh("pre-commit", &args, &repo, &home);
        let out = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        (o.status.success(), out)
    };
    let started = std::time::Instant::now();
    let (passed, out) = try_repo();
    eprintln!(
        "first install and run of the source hook: {:.1?}",
        started.elapsed()
    );
    assert!(!passed, "the hook must fail:\n{out}");
    assert!(out.contains("numeric/mismatch"), "{out}");

    std::fs::write(
        repo.join("claims.yaml"),
        bad.replace("= half", "= about 62%"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (passed, out) = try_repo();
    assert!(passed, "the hook must pass:\n{out}");
}

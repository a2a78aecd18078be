//! Failures of the tool itself (exit 2): each says its kind, the file at fault and why.

#[path = "support/cli.rs"]
mod support;

use support::{run, scratch, stderr, write};

/// The config's lists read as the rules' do: a value that is not a list names what it
/// is; a key with nothing after it is an empty list.
#[test]
fn a_config_list_names_what_it_found() {
    let d = scratch("config-list");
    write(&d.join(".git/HEAD"), "");
    write(&d.join("claims.yaml"), "claims: []\n");
    write(&d.join("claimlint.yaml"), "exclude: drafts/*.yaml\n");
    let o = run(&["claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("config/invalid")
            && stderr(&o).contains("`exclude` must be a list, not a scalar"),
        "{}",
        stderr(&o)
    );
    write(&d.join("claimlint.yaml"), "rules: { a: b }\n");
    let o = run(&["claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`rules` must be a list, not a mapping"),
        "{}",
        stderr(&o)
    );
    write(&d.join("claimlint.yaml"), "rules:\nexclude:\n");
    let o = run(&["claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The kind a tool error printed on standard error says (`io`, `usage`, ...): the code
/// miette prints before the message.
fn kind_of(stderr: &str) -> Option<&str> {
    stderr
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.trim_start_matches('×').trim())
}

/// A file that cannot be written (its folder does not exist, or it is a folder) is an
/// `io` error, exit 2 (SPEC 7), naming the path and the system's reason; nothing says
/// it was written.
#[test]
fn a_file_that_cannot_be_written_is_an_io_error() {
    let d = scratch("write-failures");
    write(&d.join(".git/HEAD"), "");
    write(&d.join("claims.yaml"), "claims: []\n");
    write(&d.join("article.md"), "The library opened in 2024.\n");
    std::fs::create_dir_all(d.join("a-folder")).unwrap_or_else(|e| panic!("{e}"));
    let cases: [(&[&str], &str); 6] = [
        (
            &["review", "-o", "missing/page.html", "claims.yaml"],
            "cannot write `missing/page.html`: no such file or folder",
        ),
        (
            &["review", "-o", "a-folder", "claims.yaml"],
            "cannot write `a-folder`: ",
        ),
        (
            &[
                "check",
                "--write-baseline",
                "missing/baseline.json",
                "claims.yaml",
            ],
            "cannot write `missing/baseline.json`: no such file or folder",
        ),
        (
            &["draft", "article.md", "-o", "missing/claims.yaml"],
            "cannot create `missing/claims.yaml`: no such file or folder",
        ),
        (
            &["init", "missing"],
            "cannot create `missing/claims.yaml`: no such file or folder",
        ),
        (
            &[
                "check",
                "--baseline",
                "missing/baseline.json",
                "claims.yaml",
            ],
            "cannot read `missing/baseline.json`: no such file or folder",
        ),
    ];
    for (args, message) in cases {
        let o = run(args, &d);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(kind_of(&err), Some("io"), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(
            !String::from_utf8_lossy(&o.stdout).contains("wrote"),
            "{args:?}"
        );
    }
    // A file in the way is the command's fault, not the system's.
    let o = run(&["draft", "article.md", "-o", "claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(kind_of(&stderr(&o)), Some("usage"), "{}", stderr(&o));
}

/// Standard output that cannot be written (a full disk, here `/dev/full`) is an `io`
/// error, never a cut output that exits 0.
#[test]
fn standard_output_that_cannot_be_written_is_an_io_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let d = scratch("stdout-full");
    let o = support::bin()
        .args(["schema", "claims"])
        .current_dir(&d)
        .stdout(full)
        .output()
        .unwrap_or_else(|e| panic!("running claimlint: {e}"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(kind_of(&err), Some("io"), "{err}");
    assert!(err.contains("cannot write to standard output"), "{err}");
}

//! Every folder of `tests/fixtures/` is a case: its `claims.yaml` (with `rules.yaml` and an
//! article where it needs them) and the snapshot of the report, `report.snap`, beside it.
//! A folder whose name ends in `-ok` must report nothing; any other must report the code
//! its name starts with (`numeric-mismatch-half` reports `numeric/mismatch`).
//!
//! Every test here goes through all the folders before it fails, and then names every
//! folder that failed: a new fixture is a new folder, and a broken one hides no other.

use claimlint::code::Code;
use claimlint::output;
use claimlint::rules::{RuleSet, load_defaults};
use claimlint::source::SourceFile;
use std::path::{Path, PathBuf};

/// Codes whose checks are not built yet; each leaves this list with its fixtures.
const PENDING: &[Code] = &[];

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn rules_for(dir: &Path) -> RuleSet {
    let mut b = load_defaults().unwrap_or_else(|e| panic!("defaults: {e}"));
    let extra = dir.join("rules.yaml");
    if extra.exists() {
        let text = std::fs::read_to_string(&extra).unwrap_or_default();
        b.add(&SourceFile::new("rules.yaml", text))
            .unwrap_or_else(|e| panic!("{}: {e}", extra.display()));
    }
    b.finish()
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

fn slug(code: Code) -> String {
    code.as_str().replace('/', "-")
}

/// The report of a fixture, as the command line checks it (its article read from disk).
fn run(dir: &Path) -> claimlint::FileReport {
    let path = dir.join("claims.yaml");
    let bytes = std::fs::read(&path).unwrap_or_default();
    claimlint::run::check_bytes("claims.yaml".into(), bytes, Some(&path), &rules_for(dir))
}

/// Runs `check` on every fixture and fails once at the end, naming every fixture that
/// failed: one broken fixture does not hide the others.
fn each_fixture(check: impl Fn(&Path, &str)) {
    let mut failed = Vec::new();
    for dir in fixtures() {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&dir, &name)));
        if run.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "{} fixtures failed (each is reported above): {}",
        failed.len(),
        failed.join(", ")
    );
}

#[test]
fn every_fixture_matches_its_snapshot() {
    each_fixture(|dir, name| {
        let report = run(dir);
        let text = output::human::render(std::slice::from_ref(&report), false, 100);
        insta::with_settings!({
            snapshot_path => dir,
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => name.to_owned(),
        }, {
            insta::assert_snapshot!("report", text);
        });
    });
}

#[test]
fn ok_fixtures_are_silent_and_others_report_their_code() {
    each_fixture(|dir, name| {
        let report = run(dir);
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
        if name.ends_with("-ok") {
            assert!(
                codes.is_empty(),
                "{name} must report nothing, reported {codes:?}"
            );
        } else {
            let code = Code::ALL
                .iter()
                .find(|c| name.starts_with(&format!("{}-", slug(**c))));
            let code =
                code.unwrap_or_else(|| panic!("{name}: the folder name must start with a code"));
            assert!(
                codes.contains(&code.as_str()),
                "{name} must report {code}, reported {codes:?}"
            );
        }
    });
}

#[test]
fn every_code_has_a_failing_and_an_ok_fixture() {
    let names: Vec<String> = fixtures()
        .iter()
        .filter_map(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for code in Code::ALL.iter().filter(|c| !PENDING.contains(c)) {
        let s = slug(*code);
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("{s}-")) && !n.ends_with("-ok")),
            "{code} has no failing fixture"
        );
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("{s}-")) && n.ends_with("-ok")),
            "{code} has no -ok fixture"
        );
    }
}

#[test]
fn every_folder_has_its_claims_and_snapshot_and_no_stray_snapshot() {
    each_fixture(|dir, _| {
        assert!(
            dir.join("claims.yaml").exists(),
            "{} has no claims.yaml",
            dir.display()
        );
        let snaps: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.contains(".snap"))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            snaps,
            vec!["report.snap".to_owned()],
            "{}: expected exactly report.snap",
            dir.display()
        );
    });
}

/// Every message of every fixture follows the house style: it starts lowercase (or with a
/// quoted value), ends without a period, and stands on one line; so does every help.
#[test]
fn messages_follow_the_convention() {
    each_fixture(|dir, _| {
        for f in run(dir).findings {
            let m = &f.message;
            let first = m.chars().next().unwrap_or(' ');
            assert!(
                first.is_lowercase() || first.is_ascii_digit() || "`\"$€£<-−~".contains(first),
                "{}: `{m}` must start lowercase",
                dir.display()
            );
            assert!(
                !m.ends_with('.'),
                "{}: `{m}` must not end with a period",
                dir.display()
            );
            assert!(
                !m.contains('\n'),
                "{}: `{m}` must be one line",
                dir.display()
            );
            if let Some(h) = &f.help {
                assert!(
                    !h.ends_with('.') && !h.contains('\n'),
                    "{}: help `{h}`",
                    dir.display()
                );
            }
            // Numbers as a reader writes them (docs/messages.md): no run of five or more
            // digits without separators, outside the user's own text in backticks.
            let labels = f.labels.iter().map(|l| l.text.as_str());
            for text in [m.as_str()]
                .into_iter()
                .chain(f.help.as_deref())
                .chain(labels)
            {
                assert!(
                    !bare_long_number(text),
                    "{}: `{text}` writes a number without thousands separators",
                    dir.display()
                );
            }
        }
    });
}

/// Whether `text`, outside backticks, holds five or more digits in a row.
fn bare_long_number(text: &str) -> bool {
    text.split('`').step_by(2).any(|outside| {
        let mut run = 0;
        outside.chars().any(|c| {
            run = if c.is_ascii_digit() { run + 1 } else { 0 };
            run >= 5
        })
    })
}

#[test]
fn a_bare_long_number_is_seen() {
    assert!(bare_long_number("is 18000, but"));
    assert!(!bare_long_number("is 18,000, but `18000` as written"));
    assert!(!bare_long_number("as of 2024-10-15"));
}

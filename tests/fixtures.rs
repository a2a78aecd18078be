//! Every folder of `tests/fixtures/` is a case: its `claims.yaml` (with `rules.yaml`, a later
//! `rules-2.yaml`, and an article where it needs them) and the snapshot of the report,
//! `report.snap`, beside it.
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

#[path = "support/dirs.rs"]
mod dirs;

fn fixtures() -> Vec<PathBuf> {
    dirs::folders("tests/fixtures")
}

/// The defaults, then `rules.yaml`, then `rules-2.yaml` (a later file, for layering).
fn rules_for(dir: &Path) -> RuleSet {
    let mut b = load_defaults().unwrap_or_else(|e| panic!("defaults: {e}"));
    for name in ["rules.yaml", "rules-2.yaml"] {
        let extra = dir.join(name);
        if extra.exists() {
            let text = std::fs::read_to_string(&extra).unwrap_or_default();
            b.add(&SourceFile::new(name, text))
                .unwrap_or_else(|e| panic!("{}: {e}", extra.display()));
        }
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

/// Every message of every fixture follows the house style (docs/messages.md): it starts
/// lowercase (or with a quoted value), ends without a period, and stands on one line; so
/// does every help. Numbers have their thousands separated, the user's words keep the
/// user's case, and units are spelt as the rules spell them.
#[test]
fn messages_follow_the_convention() {
    each_fixture(|dir, _| {
        let claims = std::fs::read_to_string(dir.join("claims.yaml")).unwrap_or_default();
        let (users, ids) = user_words(&claims);
        let units = capital_units(&rules_for(dir));
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
                // The user's words as the user wrote them, never lower-cased.
                for p in &users {
                    assert!(
                        !recased(text, p, &ids),
                        "{}: `{text}` prints `{p}` in another case than the claims file",
                        dir.display()
                    );
                }
                // Units as the rules spell them: `USD`, never `usd`.
                for u in &units {
                    assert!(
                        !has_word(&outside_backticks(text), &u.to_lowercase()),
                        "{}: `{text}` prints the unit `{u}` lower-cased",
                        dir.display()
                    );
                }
            }
        }
    });
}

/// The words a claims file gives as its own (`unit`, `measure`, `status`, `subject`,
/// `value`, `quote`, `title`) that hold a capital letter, and its ids.
fn user_words(claims: &str) -> (Vec<String>, Vec<String>) {
    let (mut words, mut ids) = (Vec::new(), Vec::new());
    for line in claims.lines() {
        let body = line.trim_start().trim_start_matches("- ");
        let Some((key, value)) = body.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        match key.trim() {
            "id" => ids.push(value.to_owned()),
            "unit" | "measure" | "status" | "subject" | "value" | "quote" | "title"
                if value.chars().count() >= 2 && value.chars().any(char::is_uppercase) =>
            {
                words.push(value.to_owned());
            }
            _ => {}
        }
    }
    (words, ids)
}

/// The unit names of the rules that are spelt with a capital letter (`USD`, `JPY`).
fn capital_units(rules: &RuleSet) -> Vec<String> {
    let mut v: Vec<String> = rules
        .units
        .values()
        .flat_map(|e| [e.value.spelling.clone(), e.value.is_spelling.clone()])
        .chain(rules.currencies.values().map(|e| e.value.clone()))
        .filter(|u| u.chars().any(char::is_uppercase) && u.chars().all(char::is_alphabetic))
        // `TRY` (the lira) lower-cased is an English word that a help may use.
        .filter(|u| u != "TRY")
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Whether `text` holds `phrase` in another case than written (an id of the file that
/// reads like it is left alone: ids are not the user's prose).
fn recased(text: &str, phrase: &str, ids: &[String]) -> bool {
    let (lt, lp) = (text.to_lowercase(), phrase.to_lowercase());
    if lt.len() != text.len() || lp.len() != phrase.len() {
        return false; // case folding changed byte lengths: positions would not match
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    lt.match_indices(&lp).any(|(i, _)| {
        let found = &text[i..i + phrase.len()];
        // A match inside a longer word (`usd` of `avg_gain_usd`) is another word.
        let inside =
            word(text[..i].chars().next_back()) || word(text[i + phrase.len()..].chars().next());
        found != phrase && !inside && !ids.iter().any(|id| id == found)
    })
}

/// `text` without what stands in backticks (the user's own text, as written).
fn outside_backticks(text: &str) -> String {
    text.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Whether `word` stands in `text` as a whole word.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn recased_words_and_lower_cased_units_are_seen() {
    let ids = vec!["residents".to_owned()];
    assert!(recased(
        "restates residents in the u.s. as 18",
        "Residents in the U.S.",
        &ids
    ));
    assert!(!recased(
        "restates Residents in the U.S. as 18",
        "Residents in the U.S.",
        &ids
    ));
    assert!(!recased("`residents` is 18", "Residents", &ids));
    assert!(!recased("`avg_gain_usd` is 18", "USD", &ids));
    assert!(recased("`gain` is in usd", "USD", &ids));
    assert!(has_word("usd and gram cannot", "usd"));
    assert!(!has_word("usda cannot", "usd"));
    assert!(!has_word(&outside_backticks("`5 usd` is in USD"), "usd"));
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

//! `claimlint draft` end to end: the file it writes, the file it will not write over,
//! standard input, and the articles it cannot read (exit 2).

#[path = "support/cli.rs"]
mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use support::write;

/// A fresh folder that is a repository of its own.
fn scratch(name: &str) -> PathBuf {
    let d = support::scratch(&format!("draft-{name}"));
    std::fs::create_dir_all(d.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    d
}

fn claimlint(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("{e}"))
}

const ARTICLE: &str = "Acme to open an office in Almaty\n\nALMATY, October 15, 2024 - Acme aims to open an office in Almaty. More than 12.5 mln Kazakhs, half of the 20 mln residents, use its app. Acme has also opened an office in Almaty.\n";

#[test]
fn the_draft_names_its_article_relative_to_itself_and_checks_as_the_seed_does() {
    let d = scratch("written");
    write(&d.join("article.md"), ARTICLE);
    let o = claimlint(&d, &["draft", "article.md", "-o", "out/claims.yaml"], None);
    assert_eq!(
        o.status.code(),
        Some(2),
        "the folder out/ does not exist yet"
    );
    std::fs::create_dir_all(d.join("out")).unwrap_or_else(|e| panic!("{e}"));
    let o = claimlint(&d, &["draft", "article.md", "-o", "out/claims.yaml"], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stdout.is_empty());
    let text = std::fs::read_to_string(d.join("out/claims.yaml")).unwrap_or_default();
    assert!(text.contains("  source: \"../article.md\"\n"), "{text}");
    assert!(
        text.contains("  title: \"Acme to open an office in Almaty\"\n"),
        "{text}"
    );
    assert!(text.contains("  date: 2024-10-15\n"), "{text}");
    let o = claimlint(&d, &["out/claims.yaml", "--format", "concise"], None);
    let report = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{report}");
    assert!(report.contains("error[numeric/mismatch]"), "{report}");
    assert!(report.contains("error[status/contradiction]"), "{report}");
    assert!(!report.contains("quote/not-found"), "{report}");
}

#[test]
fn it_never_writes_over_a_file() {
    let d = scratch("exists");
    write(&d.join("article.md"), ARTICLE);
    write(&d.join("claims.yaml"), "claims: []\n");
    let o = claimlint(&d, &["draft", "article.md", "-o", "claims.yaml"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("exists"));
    assert_eq!(
        std::fs::read_to_string(d.join("claims.yaml")).unwrap_or_default(),
        "claims: []\n"
    );
}

#[test]
fn a_dash_reads_standard_input_and_the_draft_names_no_source() {
    let d = scratch("stdin");
    let o = claimlint(&d, &["draft", "-"], Some(ARTICLE));
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(!text.contains("source:"), "{text}");
    assert!(text.contains("value: more than 12.5 mln"), "{text}");
}

#[test]
fn an_article_that_cannot_be_read_is_exit_2() {
    let d = scratch("unreadable");
    write(&d.join("latin1.txt"), b"caf\xe9 20 mln\n");
    for args in [
        &["draft", "missing.md"][..],
        &["draft", "latin1.txt"],
        &["draft", "."],
    ] {
        let o = claimlint(&d, args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_newsrooms_rules_extend_the_words_of_the_draft() {
    let d = scratch("rules");
    write(
        &d.join("rules/newsroom.yaml"),
        "draft:\n  units:\n    people: [riders]\n  relations:\n    rose: [rebounded]\n",
    );
    write(&d.join("claimlint.yaml"), "rules: [rules]\n");
    write(
        &d.join("article.md"),
        "Riders up\n\nThe line carried 40,000 riders, rebounded 5% on 2023.\n",
    );
    let o = claimlint(&d, &["draft", "article.md"], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("value: 40,000\n    unit: people"), "{text}");
    assert!(
        text.contains("assert: growth(riders_2023, riders) = 5%"),
        "{text}"
    );
    // Without the config, `riders` is a guess and `rebounded` no relation.
    let o = claimlint(&d, &["draft", "article.md", "--isolated"], None);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("unit: riders   # check: unit"), "{text}");
    assert!(!text.contains("growth("), "{text}");
    write(
        &d.join("rules/bad.yaml"),
        "draft:\n  relations:\n    sideways: [x]\n",
    );
    let o = claimlint(&d, &["draft", "article.md"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("`sideways` is not a kind of relation"));
}

#[test]
fn rules_lists_the_words_of_the_draft_with_where_each_was_read() {
    let d = scratch("rules-list");
    write(
        &d.join("rules/newsroom.yaml"),
        "draft:\n  units:\n    people: [riders]\n    vehicles: [buses]\n  relations:\n    rose: [rebounded]\n  abbreviations: [approx]\n  money: { \"Rs\": INR }\n",
    );
    write(&d.join("claimlint.yaml"), "rules: [rules]\n");
    let o = claimlint(&d, &["rules"], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    // A line of the listing: `  NAME[ = VALUE]    (FILE:LINE)`, the file named as the
    // config found it.
    let listed = |entry: &str, file: &str| {
        text.lines()
            .any(|l| l.starts_with(&format!("  {entry}    (")) && l.ends_with(&format!("{file})")))
    };
    for (entry, file) in [
        // A newsroom's words, with their file and line.
        ("riders = people", "newsroom.yaml:3"),
        ("buses = vehicles", "newsroom.yaml:4"),
        ("rebounded = rose", "newsroom.yaml:6"),
        ("Rs = INR", "newsroom.yaml:8"),
        // A word both files name: the later file's.
        ("approx", "newsroom.yaml:7"),
    ] {
        assert!(listed(entry, file), "{entry} ({file})\n{text}");
    }
    for section in [
        "draft.abbreviations",
        "draft.units",
        "draft.relations",
        "draft.money",
        "draft.months",
        "draft.not_before",
        "draft.lifecycles",
        "draft.not_phrases",
    ] {
        assert!(
            text.contains(&format!("\n{section}:\n")),
            "{section}\n{text}"
        );
    }
    for line in [
        "  residents = people    (<default>/draft.yaml:",
        "  compared to = compared    (<default>/draft.yaml:",
        "  ₹ = INR    (<default>/draft.yaml:",
        "  sept = 9    (<default>/draft.yaml:",
        "  aged    (<default>/draft.yaml:",
        "  opening    (<default>/draft.yaml:",
        "  said    (<default>/draft.yaml:",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // The other sections are listed as before.
    assert!(text.contains("scales:\n"), "{text}");
    let o = claimlint(&d, &["rules", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert!(
        v.as_array()
            .is_some_and(|a| a.iter().any(|l| l["section"] == "draft.units"
                && l["name"] == "riders"
                && l["value"] == "people"
                && l["file"]
                    .as_str()
                    .is_some_and(|f| f.ends_with("newsroom.yaml"))
                && l["line"] == 3)),
        "{v}"
    );
}

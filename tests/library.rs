//! The library API the front ends call: a claims text and an article text held in
//! memory, checked with no file read, give the same findings as the command line gives
//! for the same files on disk.

use claimlint::claim::ClaimKind;
use claimlint::interval::Interval;
use claimlint::rules::{RuleSet, load_defaults};
use claimlint::source::SourceFile;
use claimlint::{Article, Code, FileReport, Threads};
use std::path::PathBuf;
use std::process::Command;

fn rules() -> RuleSet {
    load_defaults()
        .and_then(|b| b.finish())
        .unwrap_or_else(|e| panic!("default rules: {e}"))
}

/// The claims file and article of a fixture, as text.
fn texts(fixture: &str) -> (String, String) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{fixture}/{name}: {e}"))
    };
    (read("claims.yaml"), read("article.md"))
}

/// What the command line prints for a fixture, run in its folder without any config.
fn command_line(fixture: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let o = Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .args(["claims.yaml", "--isolated", "--color", "never"])
        .env_remove("NO_COLOR")
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("running claimlint: {e}"));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Checks texts held in memory: nothing is read from disk.
fn in_memory(claims: &str, article: &str, rules: &RuleSet) -> claimlint::Checked {
    let loaded = claimlint::load(SourceFile::new("claims.yaml", claims), rules, Threads::One);
    let article = loaded
        .article_name()
        .map(|name| Article::Text(SourceFile::new(name, article)));
    claimlint::check(loaded, rules, article.as_ref(), Threads::One)
}

#[test]
fn texts_in_memory_give_what_the_command_line_gives() {
    let rules = rules();
    for fixture in [
        "numeric-mismatch-shows-the-article",
        "quote-not-found-paraphrase",
        "quote-not-found-ok",
    ] {
        let (claims, article) = texts(fixture);
        let checked = in_memory(&claims, &article, &rules);
        let report = FileReport::from(checked);
        let shown = claimlint::output::human::render(std::slice::from_ref(&report), false, 100);
        assert_eq!(shown, command_line(fixture), "{fixture}");
    }
}

#[test]
fn the_passage_a_claim_quotes_goes_with_its_other_findings() {
    let (claims, article) = texts("numeric-mismatch-shows-the-article");
    let checked = in_memory(&claims, &article, &rules());
    let codes: Vec<Code> = checked.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::NumericMismatch]);
    let related = &checked.findings[0].related;
    assert_eq!(related.len(), 1);
    let passage = &article[related[0].span.start..related[0].span.end()];
    assert!(passage.starts_with("use the"), "{passage}");
    assert!(passage.ends_with("every week"), "{passage}");
}

#[test]
fn the_loaded_claims_come_back_with_their_intervals() {
    let (claims, article) = texts("numeric-mismatch-shows-the-article");
    let checked = in_memory(&claims, &article, &rules());
    let riders = checked
        .file
        .claim_index("riders")
        .map(|i| &checked.file.claims[i]);
    let Some(ClaimKind::Quantity(q)) = riders.map(|c| &c.kind) else {
        panic!("riders is a quantity claim");
    };
    // `some 4,800` allows 10% either way.
    assert_eq!(q.interval, Interval::new(4320.0, 5280.0));
    assert_eq!(
        &claims[q.value.span.start..q.value.span.end()],
        "some 4,800"
    );
}

#[test]
fn a_source_named_but_not_given_leaves_the_quotes_unchecked() {
    let (claims, _) = texts("numeric-mismatch-shows-the-article");
    let rules = rules();
    let checked = claimlint::check_text(
        SourceFile::new("claims.yaml", claims),
        &rules,
        None,
        Threads::One,
    );
    let codes: Vec<Code> = checked.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::SourceUnreadable, Code::NumericMismatch]);
    assert!(checked.findings.iter().all(|f| f.related.is_empty()));
    let unreadable = &checked.findings[0];
    assert!(
        unreadable.message.contains("its text was not given"),
        "{}",
        unreadable.message
    );
}

#[test]
fn two_threads_give_what_one_gives() {
    let rules = rules();
    let mut text = String::from("claims:\n");
    for i in 0..2_000 {
        text.push_str(&format!(
            "  - id: a{i}\n    value: {} mln\n    measure: riders {i}\n  - id: b{i}\n    value: {} mln\n    measure: riders {i}\n  - id: c{i}\n    assert: a{i} = b{i}\n  - id: s{i}\n    subject: office_{i}\n    status: aims to open\n  - id: t{i}\n    subject: office_{i}\n    status: has opened\n  - id: r{i}\n    value: unknown\n  - id: d{i}\n    assert: r{i} = about 40%\n  - id: x{i}\n    value: unknown\n    measure: riders in all {i}\n  - id: e{i}\n    assert: x{i} = a{i} + 1 mln\n  - id: f{i}\n    assert: x{i} = b{i} + 1 mln\n  - id: g{i}\n    assert: a{i} +\n",
            i + 1,
            2 * i + 5
        ));
    }
    // Large enough that the command line would take two threads for it.
    assert!(text.len() > claimlint::run::TWO_THREADS_BYTES);
    let src = SourceFile::new("claims.yaml", text);
    let one = claimlint::check_text(src.clone(), &rules, None, Threads::One);
    let two = claimlint::check_text(src, &rules, None, Threads::Two);
    let shown = |c: claimlint::Checked| claimlint::output::concise::render(&[FileReport::from(c)]);
    let (one, two) = (shown(one), shown(two));
    // Across the two halves of the assertions, which two threads check at once: the
    // findings of each on its own, what propagation derives and finds in conflict, with
    // the tags assertions give unknowns (`r` is a percentage).
    for code in [
        "numeric/mismatch",
        "numeric/restated",
        "numeric/derived",
        "numeric/conflict",
        "formula/invalid",
        "status/contradiction",
    ] {
        assert!(one.contains(code), "no {code} in {one}");
    }
    assert!(
        one.contains("the claims imply r1999 is 35.5%–44.5%"),
        "{one}"
    );
    assert_eq!(one, two);
}

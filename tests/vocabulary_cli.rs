//! The status vocabulary from the command line (SPEC 5): rules files layered in order
//! (defaults, the config's folders, then `--rules`), phrases taken over and listed, the
//! extension form, `rules --phrases`, and the rules errors of lifecycles.

#[path = "support/cli.rs"]
mod support;

use std::path::PathBuf;
use support::{run, stderr, stdout, write};

/// A fresh folder that is a repository of its own (config discovery stops there).
fn scratch(name: &str) -> PathBuf {
    let d = support::scratch(name);
    write(&d.join(".git/HEAD"), "");
    d
}

/// A project whose config names two rule folders; `--rules` comes last.
fn layered() -> PathBuf {
    let d = scratch("vocab-layers");
    write(&d.join("claimlint.yaml"), "rules: [desk, house]\n");
    write(
        &d.join("desk/stock.yaml"),
        "lifecycles:\n  stock:\n    states: [in_stock, sold_out]\n    phrases:\n      in_stock: [is available]\n      sold_out: [has sold out]\n",
    );
    write(
        &d.join("house/opening.yaml"),
        "lifecycles:\n  opening:\n    phrases:\n      open: [is trading]\n      planned: [is available]\n",
    );
    write(
        &d.join("late.yaml"),
        "lifecycles:\n  opening:\n    phrases:\n      closed: [is trading]\n",
    );
    write(
        &d.join("claims.yaml"),
        "document:\n  date: 2024-10-15\nclaims:\n  - id: a\n    subject: shop\n    status: is available\n  - id: b\n    subject: shop\n    status: has opened\n",
    );
    d
}

#[test]
fn later_rules_take_phrases_over_in_order_and_rules_lists_each_and_where_from() {
    let d = layered();
    // The house folder (after the desk's) files `is available` under opening.planned, so
    // it contradicts `has opened`.
    let o = run(&["claims.yaml", "--format", "concise"], &d);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .contains("error[status/contradiction] `is available` (`a`) and `has opened` (`b`)"),
        "{}",
        stdout(&o)
    );
    let o = run(&["rules", "--rules", "late.yaml"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("taken_over:"), "{text}");
    // From the default release, to the desk's stock, to the house's opening.
    assert!(
        text.contains("is available = stock.in_stock, taken over from release.available (<default>/lifecycles.yaml:"),
        "{text}"
    );
    // The config's folders are named as the config resolves them.
    assert!(
        text.contains("is available = opening.planned, taken over from stock.in_stock (")
            && text.contains("desk/stock.yaml:5)    (")
            && text.contains("house/opening.yaml:5)\n"),
        "{text}"
    );
    // --rules comes last: `is trading` moves from open to closed.
    assert!(
        text.contains("is trading = opening.closed, taken over from opening.open (")
            && text.contains("house/opening.yaml:4)    (late.yaml:4)"),
        "{text}"
    );
    let o = run(&["rules", "--rules", "late.yaml", "--format", "json"], &d);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let moved = v.as_array().and_then(|a| {
        a.iter()
            .find(|l| l["section"] == "taken_over" && l["name"] == "is trading")
    });
    assert_eq!(
        moved.map(|l| (
            l["file"].clone(),
            l["from"]["value"].clone(),
            l["from"]["file"].clone()
        )),
        Some((
            "late.yaml".into(),
            "opening.open".into(),
            d.join("house/opening.yaml").display().to_string().into()
        )),
        "{v}"
    );
}

#[test]
fn rules_phrases_lists_the_phrases_in_force_by_state_and_polarity() {
    let d = layered();
    let o = run(&["rules", "--phrases", "opening"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with(
            "opening: planned -> open -> closed -> reopened    (<default>/lifecycles.yaml:"
        ),
        "{text}"
    );
    assert!(
        text.contains("  planned affirmed: plans to open,"),
        "{text}"
    );
    assert!(text.contains("house/opening.yaml:5)"), "{text}");
    assert!(text.contains("  open negated: has not opened,"), "{text}");
    assert!(text.contains("  closed possible:"), "{text}");
    // A closure announced is a prospect of `closed`, never a state beside `open`.
    assert!(
        text.split("  closed possible:")
            .nth(1)
            .is_some_and(|rest| rest.contains(" will close,")),
        "{text}"
    );
    assert!(!text.contains("\nrelease:"), "one lifecycle only: {text}");
    let o = run(&["rules", "--phrases", "--format", "json"], &d);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let all = v.as_array().cloned().unwrap_or_default();
    assert!(all.len() > 5000, "every lifecycle: {}", all.len());
    assert!(all.iter().any(|p| {
        p["lifecycle"] == "stock"
            && p["state"] == "sold_out"
            && p["polarity"] == "affirmed"
            && p["phrase"] == "has sold out"
            && p["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("desk/stock.yaml"))
            && p["line"] == 6
    }));
    assert!(all.iter().any(|p| p["lifecycle"] == "case"
        && p["state"] == "charged"
        && p["polarity"] == "possible"
        && p["phrase"] == "could face charges"));
    // A phrase taken over is listed once, where it stands now.
    let available: Vec<_> = all
        .iter()
        .filter(|p| p["phrase"] == "is available")
        .collect();
    assert_eq!(available.len(), 1, "{available:?}");
    let o = run(&["rules", "--phrases", "opennig"], &d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `opening`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn lifecycle_mistakes_in_rules_are_rules_errors_with_their_place() {
    let d = scratch("vocab-errors");
    write(&d.join("claims.yaml"), "claims: []\n");
    let cases = [
        (
            "lifecycles:\n  openning:\n    phrases:\n      open: [is trading]\n",
            "there is no lifecycle `openning` to add phrases to",
        ),
        (
            "lifecycles:\n  opening:\n    phrases:\n      trading: [is trading]\n",
            "`trading` is not one of the states of `opening`",
        ),
        (
            "lifecycles:\n  t:\n    states: [a, b]\n    after: { b: [c] }\n",
            "`c` is not one of the states: a, b",
        ),
        (
            "lifecycles:\n  opening:\n    after: { open: [planned] }\n    phrases:\n      open: [is trading]\n",
            "`after` goes with `states`",
        ),
        (
            "exclusions:\n  - [ban.in_force, opening.trading]\n",
            "names `opening.trading`, which is no state of a lifecycle",
        ),
        (
            "exclusions:\n  - [opening.open, opening.closed]\n",
            "names two states of `opening`",
        ),
    ];
    for (rules, want) in cases {
        write(&d.join("mine.yaml"), rules);
        let o = run(&["claims.yaml", "--rules", "mine.yaml"], &d);
        assert_eq!(o.status.code(), Some(2), "{rules}");
        let err = stderr(&o);
        assert!(
            err.contains("rules/invalid") && err.contains(want),
            "{rules}\n{err}"
        );
    }
    write(
        &d.join("mine.yaml"),
        "lifecycles:\n  openning:\n    phrases:\n      open: [is trading]\n",
    );
    let o = run(&["claims.yaml", "--rules", "mine.yaml"], &d);
    assert!(
        stderr(&o).contains("did you mean `opening`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_newsroom_court_case_rules_run_and_find_the_contradiction() {
    let d = scratch("vocab-court-case");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/status-contradiction-court-case");
    for name in ["rules.yaml", "claims.yaml"] {
        let text = std::fs::read_to_string(fixture.join(name)).unwrap_or_else(|e| panic!("{e}"));
        write(&d.join(name), &text);
    }
    let o = run(
        &[
            "claims.yaml",
            "--rules",
            "rules.yaml",
            "--format",
            "concise",
        ],
        &d,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "claims.yaml:19:13: error[status/contradiction] `was acquitted` (`verdict`) and `was found guilty` (`verdict_again`) cannot both hold for councillor as of 2024-06-14\n"
    );
    let o = run(&["rules", "--rules", "rules.yaml"], &d);
    assert!(
        stdout(&o).contains("was charged = court_case.charged, taken over from case.charged (<default>/lifecycles.yaml:"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_unknown_phrase_shows_how_to_add_it_and_suggests_only_typos() {
    let d = scratch("vocab-unknown");
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    subject: s\n    status: has mothballed\n  - id: b\n    subject: t\n    status: has reopend\n",
    );
    let o = run(&["claims.yaml", "--format", "json"], &d);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let helps: Vec<String> = v["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["help"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(helps.len(), 2, "{v}");
    assert!(
        helps[0].ends_with(
            "`lifecycles: { construction: { phrases: { <state>: [has mothballed] } } }`"
        ),
        "{}",
        helps[0]
    );
    assert_eq!(helps[1], "did you mean `has reopened`?");
    // The snippet, with a state filled in, is a rules file that makes the phrase known.
    let snippet = helps[0]
        .rsplit('`')
        .nth(1)
        .unwrap_or_default()
        .replace("<state>", "abandoned");
    write(&d.join("added.yaml"), &snippet);
    let o = run(
        &[
            "claims.yaml",
            "--rules",
            "added.yaml",
            "--format",
            "concise",
        ],
        &d,
    );
    assert!(
        !stdout(&o).contains("has mothballed"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
}

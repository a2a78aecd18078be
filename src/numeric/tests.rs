//! Propagation read as data: what it proves, without a finding or a word.

use super::compile::{self, Live};
use super::propagate::{self, Proved};
use super::stated;
use crate::claim::{ClaimKind, ClaimsFile};
use crate::program::Scope;
use crate::rules::{RuleSet, load_defaults};
use crate::source::SourceFile;

fn rules() -> RuleSet {
    load_defaults()
        .and_then(|b| b.finish())
        .unwrap_or_else(|e| panic!("default rules: {e}"))
}

fn file(text: &str, rules: &RuleSet) -> ClaimsFile {
    let mut out = Vec::new();
    let file = crate::load::load(
        &SourceFile::new("claims.yaml", text),
        rules,
        false,
        &mut out,
    );
    assert!(out.is_empty(), "{out:?}");
    file
}

/// Propagates every assertion of a file, as if each held on its own.
fn prove(text: &str) -> (ClaimsFile, Proved) {
    let rules = rules();
    let file = file(text, &rules);
    let scope = Scope {
        file: &file,
        rules: &rules,
    };
    let live: Vec<Live> = file
        .claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.kind {
            ClaimKind::Assertion(t) => {
                compile::compile(i, t, &scope, &rules, Default::default()).ok()
            }
            _ => None,
        })
        .map(|mut c| Live::new(&mut c, 1.0))
        .collect();
    let mut proved = Proved::default();
    propagate::propagate(&file, &stated(&file), &live, 100, u64::MAX, &mut |p| {
        proved.add(p)
    });
    (file, proved)
}

fn index(file: &ClaimsFile, id: &str) -> usize {
    file.claim_index(id)
        .unwrap_or_else(|| panic!("no claim `{id}`"))
}

#[test]
fn a_conflict_set_names_the_assertions_that_cannot_hold_together() {
    let (file, proved) = prove(
        "claims:
  - { id: a, value: unknown }
  - { id: b, value: unknown }
  - { id: first, assert: a > 10 }
  - { id: unrelated, assert: b < 3 }
  - { id: second, assert: a < 5 }
",
    );
    assert_eq!(
        proved
            .conflicts
            .iter()
            .map(|c| c.assertions.clone())
            .collect::<Vec<_>>(),
        [vec![index(&file, "first"), index(&file, "second")]]
    );
    // Each assertion of the set, where the other leaves `a`: `a > 10` against `a < 5`.
    let forced: Vec<_> = proved.conflicts[0].forced.iter().flatten().collect();
    assert_eq!(forced.len(), 2);
    assert!(
        forced[0].lhs.hi < 5.6 && forced[0].rhs.lo > 9.4,
        "{:?}",
        forced[0]
    );
    assert!(
        forced[1].lhs.lo > 9.4 && forced[1].rhs.hi < 5.6,
        "{:?}",
        forced[1]
    );
    // `b` is bounded by an assertion outside the conflict; `a` is in it, so says nothing.
    assert_eq!(proved.derived.len(), 1);
    let d = &proved.derived[0];
    assert_eq!(d.claim, index(&file, "b"));
    // `3` is written to the unit: it stands for [2.5, 3.5].
    // (outward rounding may widen it by an ulp).
    assert!(
        d.interval.lo == f64::NEG_INFINITY && (d.interval.hi - 3.5).abs() < 1e-9,
        "{:?}",
        d.interval
    );
    assert_eq!(d.implied_by, [index(&file, "unrelated")]);
}

#[test]
fn derived_intervals_follow_a_chain_of_assertions() {
    let (file, proved) = prove(
        "claims:
  - { id: total, value: 100 }
  - { id: men, value: 40 }
  - { id: women, value: unknown }
  - { id: parts, assert: men + women = total }
",
    );
    assert!(proved.conflicts.is_empty());
    assert_eq!(proved.derived.len(), 1);
    let d = &proved.derived[0];
    assert_eq!(d.claim, index(&file, "women"));
    // 100 is [99.5, 100.5] and 40 is [39.5, 40.5]: women lie in [59, 61].
    assert!(
        (d.interval.lo - 59.0).abs() < 1e-9 && (d.interval.hi - 61.0).abs() < 1e-9,
        "{:?}",
        d.interval
    );
    assert_eq!(d.implied_by, [index(&file, "parts")]);
}

#[test]
fn consistent_claims_prove_nothing_new() {
    let (_, proved) = prove(
        "claims:
  - { id: a, value: 12 }
  - { id: b, value: 20 }
  - { id: less, assert: a < b }
",
    );
    assert_eq!(proved, Proved::default());
}

#[test]
fn the_hedge_a_mismatch_suggests_comes_from_the_rules() {
    let rules = rules();
    let file = file(
        "claims:
  - { id: residents, value: 20 mln }
  - { id: users, value: more than 12.5 mln }
  - { id: half, assert: \"share(users, residents) = half\" }
",
        &rules,
    );
    let mut out = Vec::new();
    super::check(&file, &rules, &mut out);
    let helps: Vec<&str> = out.iter().filter_map(|f| f.help.as_deref()).collect();
    assert_eq!(helps.len(), 1, "{helps:?}");
    assert!(
        helps[0].starts_with("the claims fit `more than half`"),
        "{}",
        helps[0]
    );
}

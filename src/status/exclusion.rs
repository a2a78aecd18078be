//! Exclusions across lifecycles (SPEC 5): two affirmed claims of one subject whose states
//! the rules exclude together are a `status/contradiction` at the same time, and
//! `status/ambiguous-time` at overlapping, not equal, times. Negated and possible claims
//! take no part.

use super::{Statement, phrase_of, quoted, time_words, when};
use crate::claim::ClaimsFile;
use crate::code::Code;
use crate::finding::Finding;
use crate::rules::RuleSet;
use crate::time::Time;
use std::collections::{BTreeMap, BTreeSet};

/// An affirmed claim at a state that an exclusion names.
struct Item<'a> {
    subject: &'a str,
    time: Option<Time>,
    claim: usize,
    lifecycle: &'a str,
    state: usize,
}

type Key<'a> = (&'a str, usize);

/// Checks the exclusions over the claims read; `keys` are the (subject, lifecycle) of each
/// statement's group.
pub(super) fn check(
    file: &ClaimsFile,
    rules: &RuleSet,
    keys: &[(&str, &str)],
    statements: &[Statement],
    out: &mut Vec<Finding>,
) {
    let mut items: Vec<Item> = statements
        .iter()
        .filter(|e| !e.negated)
        .filter_map(|e| {
            let &(subject, lifecycle) = keys.get(e.group)?;
            rules.excluded_with(lifecycle, e.state).next()?;
            Some(Item {
                subject,
                time: e.time,
                claim: e.claim,
                lifecycle,
                state: e.state,
            })
        })
        .collect();
    items.sort_by_key(|i| (i.subject, i.time, i.claim));
    let mut found: Vec<(usize, usize, Code)> = Vec::new();
    for subject in runs(&items, |a, b| a.subject == b.subject) {
        same_time(rules, &items, subject.clone(), &mut found);
        overlapping(rules, &items, subject, &mut found);
    }
    let mut reported = rustc_hash::FxHashSet::default();
    found.sort_by_key(|&(a, b, _)| (items[a].claim.max(items[b].claim), a.min(b)));
    for (a, b, code) in found {
        let (ia, ib) = (&items[a], &items[b]);
        if reported.insert(ia.claim.max(ib.claim)) {
            out.push(finding(file, rules, ia, ib, code));
        }
    }
}

/// The ranges of `items[range]` over which `same` holds between neighbours.
fn runs<'i>(
    items: &'i [Item],
    same: impl Fn(&Item, &Item) -> bool + 'i,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'i {
    runs_in(items, 0..items.len(), same)
}

fn runs_in<'i>(
    items: &'i [Item],
    range: std::ops::Range<usize>,
    same: impl Fn(&Item, &Item) -> bool + 'i,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'i {
    let end = range.end;
    let mut start = range.start;
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        let mut stop = start + 1;
        while stop < end && same(&items[stop - 1], &items[stop]) {
            stop += 1;
        }
        let r = start..stop;
        start = stop;
        Some(r)
    })
}

/// Same time: the first claim at each state, and each later claim against its partners.
fn same_time(
    rules: &RuleSet,
    items: &[Item],
    subject: std::ops::Range<usize>,
    found: &mut Vec<(usize, usize, Code)>,
) {
    for same in runs_in(items, subject, |a, b| a.time == b.time) {
        let mut first: BTreeMap<Key, usize> = BTreeMap::new();
        for k in same {
            let it = &items[k];
            let partner = rules
                .excluded_with(it.lifecycle, it.state)
                .find_map(|(l, s, _)| first.get(&(l, s)).copied());
            if let Some(p) = partner {
                found.push((p, k, Code::StatusContradiction));
            }
            first.entry((it.lifecycle, it.state)).or_insert(k);
        }
    }
}

/// Overlapping, not equal, times: an undated claim overlaps every dated one; dated ones are
/// swept by start (the items are sorted by time), with the claims still running kept per
/// state.
fn overlapping(
    rules: &RuleSet,
    items: &[Item],
    subject: std::ops::Range<usize>,
    found: &mut Vec<(usize, usize, Code)>,
) {
    let mut any_dated: BTreeMap<Key, usize> = BTreeMap::new();
    for k in subject.clone().filter(|&k| items[k].time.is_some()) {
        any_dated
            .entry((items[k].lifecycle, items[k].state))
            .or_insert(k);
    }
    let mut active: BTreeMap<Key, BTreeSet<(i64, usize)>> = BTreeMap::new();
    for same in runs_in(items, subject, |a, b| a.time == b.time) {
        let Some(t) = items[same.start].time else {
            for k in same {
                let it = &items[k];
                if let Some(p) = rules
                    .excluded_with(it.lifecycle, it.state)
                    .find_map(|(l, s, _)| any_dated.get(&(l, s)).copied())
                {
                    found.push((k, p, Code::StatusAmbiguousTime));
                }
            }
            continue;
        };
        for set in active.values_mut() {
            while set.first().is_some_and(|&(end, _)| end < t.first) {
                set.pop_first();
            }
        }
        for k in same.clone() {
            let it = &items[k];
            if let Some(p) = rules
                .excluded_with(it.lifecycle, it.state)
                .find_map(|(l, s, _)| active.get(&(l, s)).and_then(|set| set.first()))
            {
                found.push((p.1, k, Code::StatusAmbiguousTime));
            }
        }
        for k in same {
            active
                .entry((items[k].lifecycle, items[k].state))
                .or_default()
                .insert((t.last, k));
        }
    }
}

/// The finding on two excluded claims, owned by the later one in the file.
fn finding(file: &ClaimsFile, rules: &RuleSet, a: &Item, b: &Item, code: Code) -> Finding {
    let (first, later) = if a.claim < b.claim { (a, b) } else { (b, a) };
    let name = |i: &Item| {
        let st = rules
            .lifecycles
            .get(i.lifecycle)
            .and_then(|l| l.value.states.get(i.state))
            .map_or("?", String::as_str);
        format!("{}.{st}", i.lifecycle)
    };
    let (fp, fs) = phrase_of(file, first.claim);
    let (lp, ls) = phrase_of(file, later.claim);
    let (fid, lid) = (&file.claims[first.claim].id, &file.claims[later.claim].id);
    let rule = format!("the rules exclude {} with {}", name(first), name(later));
    let (message, help) = if code == Code::StatusContradiction {
        (
            format!(
                "{} and {} cannot both hold for {} {}: {rule}",
                quoted(fp),
                quoted(lp),
                first.subject,
                when(file, first.claim)
            ),
            "correct one of them, or give each its own `as_of`",
        )
    } else {
        (
            format!(
                "{} {} ({}) and {} ({}): the times overlap, and {rule}",
                first.subject,
                quoted(fp),
                time_words(file, first.claim),
                quoted(lp),
                time_words(file, later.claim)
            ),
            "give the claims times that do not overlap",
        )
    };
    Finding::new(
        code,
        &file.source,
        message,
        ls,
        format!("{lid}: {}", name(later)),
    )
    .label(fs, format!("{fid}: {}", name(first)))
    .owner(later.claim, lid)
    .involving(fid)
    .help(help)
}

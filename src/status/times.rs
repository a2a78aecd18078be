//! Claims of one subject and lifecycle at different times: overlapping times at different
//! states (`status/ambiguous-time`), and over disjoint times a later state not reachable
//! from an earlier one (`status/regression`).
//!
//! Each step is a sweep over the times in order, keeping per state what came before, so
//! that a subject with many distinct times costs `n log n`, never `n²`. A later claim gets
//! at most one of the two findings.

use super::{Bucket, Group, Statement, quoted, time_words};
use crate::code::Code;
use crate::finding::Finding;
use std::collections::{BTreeMap, BTreeSet};

/// The affirmed states of one bucket, each with the first claim affirming it.
type States<'e> = BTreeMap<usize, &'e Statement>;

/// Two buckets that disagree: `at` and an `other` that overlaps it or ended before it.
#[derive(Clone, Copy)]
struct Found {
    at: usize,
    other: usize,
    why: Why,
}

#[derive(Clone, Copy)]
enum Why {
    /// The times overlap and the states differ.
    Ambiguous,
    /// `other` ended before `at` began, at state `from`, and `to` (of `at`) is not
    /// reachable from it.
    Regression { from: usize, to: usize },
}

/// A bucket's first and last day; no time spans all.
fn span(b: &Bucket) -> (i64, i64) {
    b.time.map_or((i64::MIN, i64::MAX), |t| (t.first, t.last))
}

impl Group<'_> {
    /// Different times: overlapping ones must not disagree (ambiguous), and over disjoint
    /// ones the lifecycle must not go back (regression).
    pub(super) fn across_times(&self, buckets: &[Bucket], out: &mut Vec<Finding>) {
        let affirmed = affirmed_states(buckets);
        let dated: Vec<usize> = (0..buckets.len())
            .filter(|&i| buckets[i].time.is_some())
            .collect();
        let mut by_first = dated.clone();
        by_first.sort_by_key(|&i| span(&buckets[i]));
        let mut found = Vec::new();
        undated_against_dated(buckets, &affirmed, &dated, &mut found);
        overlapping_dated(buckets, &affirmed, &by_first, &mut found);
        self.regressions(buckets, &affirmed, &dated, &by_first, &mut found);
        let pairs = claims_of(&affirmed, found);
        self.report(pairs, out);
    }

    /// Regression: for each bucket, in order of its start, the states of the buckets that
    /// ended before it began (each with the first such bucket); a state of this bucket not
    /// reachable from one of them goes back.
    fn regressions(
        &self,
        buckets: &[Bucket],
        affirmed: &[States],
        dated: &[usize],
        by_first: &[usize],
        found: &mut Vec<Found>,
    ) {
        let lc = self.lifecycle;
        let mut by_last = dated.to_vec();
        by_last.sort_by_key(|&i| (span(&buckets[i]).1, span(&buckets[i]).0));
        let mut ended = 0;
        let mut seen = lc.no_states();
        let mut first_seen: BTreeMap<usize, usize> = BTreeMap::new(); // state -> bucket
        for &i in by_first {
            let (first, _) = span(&buckets[i]);
            while let Some(&j) = by_last.get(ended)
                && span(&buckets[j]).1 < first
            {
                for &s in affirmed[j].keys() {
                    if let Some(w) = seen.get_mut(s / 64) {
                        *w |= 1 << (s % 64);
                    }
                    first_seen.entry(s).or_insert(j);
                }
                ended += 1;
            }
            let back = affirmed[i].keys().find_map(|&to| {
                let from = lc.last_not_reaching(&seen, to)?;
                Some((from, to))
            });
            if let Some((from, to)) = back
                && let Some(&other) = first_seen.get(&from)
            {
                found.push(Found {
                    at: i,
                    other,
                    why: Why::Regression { from, to },
                });
            }
        }
    }

    /// One finding per later claim, in file order of the later claim.
    fn report(&self, mut pairs: Vec<(&Statement, &Statement, Found)>, out: &mut Vec<Finding>) {
        pairs.sort_by_key(|(a, b, _)| a.claim.max(b.claim));
        let mut reported: rustc_hash::FxHashSet<usize> = rustc_hash::FxHashSet::default();
        for (ei, ej, f) in pairs {
            let later = ei.claim.max(ej.claim);
            if !reported.insert(later) {
                continue;
            }
            let finding = match f.why {
                Why::Ambiguous => {
                    // In file order: the earlier claim first.
                    let (ea, eb) = if ej.claim < ei.claim {
                        (ej, ei)
                    } else {
                        (ei, ej)
                    };
                    self.pair(
                        Code::StatusAmbiguousTime,
                        ea,
                        eb,
                        format!(
                            "{} {} ({}) and {} ({}): the times overlap, so it is unclear which came first",
                            self.subject,
                            quoted(self.phrase(ea).0),
                            time_words(self.file, ea.claim),
                            quoted(self.phrase(eb).0),
                            time_words(self.file, eb.claim),
                        ),
                        "give the claims times that do not overlap, or the same time",
                    )
                }
                // `ej` is the earlier in time, at a state `ei`'s does not follow: an
                // earlier state, or one of another branch.
                Why::Regression { from, to } if to < from => self.pair(
                    Code::StatusRegression,
                    ej,
                    ei,
                    format!(
                        "{} goes back: {} in {}, then {} in {}",
                        self.subject,
                        quoted(self.phrase(ej).0),
                        time_words(self.file, ej.claim),
                        quoted(self.phrase(ei).0),
                        time_words(self.file, ei.claim),
                    ),
                    "a lifecycle moves forward: check the times, or the order of the states in the rules",
                ),
                Why::Regression { .. } => self.pair(
                    Code::StatusRegression,
                    ej,
                    ei,
                    format!(
                        "{} cannot go from {} in {} to {} in {}: they are on different branches",
                        self.subject,
                        quoted(self.phrase(ej).0),
                        time_words(self.file, ej.claim),
                        quoted(self.phrase(ei).0),
                        time_words(self.file, ei.claim),
                    ),
                    "no state leads from one to the other: check the times, or `after:` in the rules",
                ),
            };
            out.push(finding);
        }
    }
}

/// The affirmed states of each bucket, with the first claim of each.
fn affirmed_states<'e>(buckets: &[Bucket<'e>]) -> Vec<States<'e>> {
    buckets
        .iter()
        .map(|b| {
            let mut m = BTreeMap::new();
            for e in b.statements.iter().filter(|e| !e.negated) {
                m.entry(e.state).or_insert(e);
            }
            m
        })
        .collect()
}

/// Ambiguous, unspecified time: it overlaps every dated bucket.
fn undated_against_dated(
    buckets: &[Bucket],
    affirmed: &[States],
    dated: &[usize],
    found: &mut Vec<Found>,
) {
    let mut any_dated: BTreeMap<usize, usize> = BTreeMap::new();
    for &j in dated {
        for &s in affirmed[j].keys() {
            any_dated.entry(s).or_insert(j);
        }
    }
    for i in (0..buckets.len()).filter(|&i| buckets[i].time.is_none()) {
        for &s in affirmed[i].keys() {
            if let Some((_, &j)) = any_dated.iter().find(|(t, _)| **t != s) {
                found.push(Found {
                    at: i,
                    other: j,
                    why: Why::Ambiguous,
                });
            }
        }
    }
}

/// Ambiguous, dated: sweep by start; the active buckets (still running) overlap the one
/// that starts, and are kept per state.
fn overlapping_dated(
    buckets: &[Bucket],
    affirmed: &[States],
    by_first: &[usize],
    found: &mut Vec<Found>,
) {
    let mut active: BTreeMap<usize, BTreeSet<(i64, usize)>> = BTreeMap::new();
    for &i in by_first {
        let (first, last) = span(&buckets[i]);
        for set in active.values_mut() {
            while set.first().is_some_and(|&(end, _)| end < first) {
                set.pop_first();
            }
        }
        for &s in affirmed[i].keys() {
            if let Some(&(_, j)) = active
                .iter()
                .find(|(t, set)| **t != s && !set.is_empty())
                .and_then(|(_, set)| set.first())
            {
                found.push(Found {
                    at: i,
                    other: j,
                    why: Why::Ambiguous,
                });
            }
        }
        for &s in affirmed[i].keys() {
            active.entry(s).or_default().insert((last, i));
        }
    }
}

/// The two claims each pair of buckets is reported on: for an ambiguous pair, the first
/// state of `at` and another state of `other`; for a regression, the claims at the two
/// states found.
fn claims_of<'e>(
    affirmed: &[States<'e>],
    found: Vec<Found>,
) -> Vec<(&'e Statement, &'e Statement, Found)> {
    found
        .into_iter()
        .filter_map(|f| {
            let (ei, ej) = match f.why {
                Why::Ambiguous => {
                    let ei = *affirmed[f.at].values().next()?;
                    let ej = affirmed[f.other]
                        .iter()
                        .find(|(s, _)| **s != ei.state)
                        .map(|(_, e)| *e)?;
                    (ei, ej)
                }
                Why::Regression { from, to } => {
                    (*affirmed[f.at].get(&to)?, *affirmed[f.other].get(&from)?)
                }
            };
            Some((ei, ej, f))
        })
        .collect()
}

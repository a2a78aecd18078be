//! Status claims against their lifecycles (SPEC 5): `status/contradiction`,
//! `status/ambiguous-time`, `status/regression`, `status/unknown-phrase`.
//!
//! *What it checks*: every status phrase names a state of a lifecycle (or its negation).
//! Claims about one subject and lifecycle must agree: at the same time, one state; a state
//! negated is not reached, so no claim may affirm it or a later state then; and over
//! disjoint times a lifecycle does not go back.
//!
//! *Why it matters*: an office that "aims to open" and "has opened" as of the same date
//! is a contradiction the reader will notice.
//!
//! *Example*: `status: aims to open` and `status: has opened` for `subject: office`, both
//! as of 2024-10-15, is a `status/contradiction`; with `as_of: 2023` on the second, the
//! first is a `status/regression`.
//!
//! Claims are grouped by subject and lifecycle, then by time, so the work grows with the
//! claims, and with the square of the distinct times of one subject only.
//!
//! # The codes it reports
//!
#![doc = include_str!("../docs/codes/status-contradiction.md")]
#![doc = include_str!("../docs/codes/status-ambiguous-time.md")]
#![doc = include_str!("../docs/codes/status-regression.md")]
#![doc = include_str!("../docs/codes/status-unknown-phrase.md")]

use crate::claim::{ClaimKind, ClaimsFile};
use crate::code::Code;
use crate::finding::Finding;
use crate::hash::{TextMap, text_map};
use crate::rules::RuleSet;
use crate::time::Time;
use std::collections::BTreeMap;

/// One status claim, read: its group (a subject and lifecycle) and time, then what it says.
struct Entry {
    group: usize,
    time: Option<Time>,
    claim: usize,
    state: usize,
    negated: bool,
}

/// The claims of one subject and lifecycle at one time, in file order.
struct Bucket<'e> {
    time: Option<Time>,
    entries: &'e [Entry],
}

/// Runs the status checks of one file.
pub fn check(file: &ClaimsFile, rules: &RuleSet, out: &mut Vec<Finding>) {
    // Every status claim, its group being a (subject, lifecycle) numbered in the order
    // first met; sorted, each group's claims lie together, by time, in file order within a
    // time. One list, not a map per subject: compact and cache-friendly.
    let mut group_of: TextMap<(&str, &str), usize> = text_map(0);
    let mut keys: Vec<(&str, &str)> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    for (i, c) in file.claims.iter().enumerate() {
        let ClaimKind::Status(s) = &c.kind else {
            continue;
        };
        let (subject, phrase) = (&s.subject, &s.phrase);
        let Some(m) = rules.phrase(&phrase.text) else {
            out.push(unknown_phrase(file, rules, i, phrase));
            continue;
        };
        let key = (subject.text.as_str(), &*m.lifecycle);
        let group = *group_of.entry(key).or_insert_with(|| {
            keys.push(key);
            keys.len() - 1
        });
        entries.push(Entry {
            group,
            time: c.time,
            claim: i,
            state: m.state,
            negated: m.negated,
        });
    }
    entries.sort_by_key(|e| (e.group, e.time, e.claim));
    let mut buckets: Vec<Bucket> = Vec::new();
    for group in entries.chunk_by(|a, b| a.group == b.group) {
        let Some(key) = group.first().and_then(|e| keys.get(e.group)).copied() else {
            continue;
        };
        buckets.clear();
        buckets.extend(group.chunk_by(|a, b| a.time == b.time).map(|same| Bucket {
            time: same.first().and_then(|e| e.time),
            entries: same,
        }));
        let states = rules
            .lifecycles
            .get(key.1)
            .map_or(&[][..], |l| l.value.states.as_slice());
        let ctx = Ctx {
            file,
            states,
            subject: key.0,
        };
        for b in &buckets {
            ctx.same_time(b, out);
        }
        // One time alone has nothing to compare across.
        if buckets.len() > 1 {
            ctx.across_times(&buckets, out);
        }
    }
}

fn unknown_phrase(
    file: &ClaimsFile,
    rules: &RuleSet,
    i: usize,
    phrase: &crate::claim::Text,
) -> Finding {
    let c = &file.claims[i];
    let mut f = Finding::new(
        Code::StatusUnknownPhrase,
        &file.source,
        format!("no lifecycle knows the status `{}`", phrase.text),
        phrase.span,
        "unknown phrase",
    )
    .owner(i, &c.id);
    let folded = rules.fold_phrase(&phrase.text);
    if let Some(best) =
        crate::suggest::closest(&folded, rules.phrase_index.keys().map(String::as_str))
    {
        f = f.help(format!(
            "did you mean `{best}`? a rules file may add the phrase to a lifecycle"
        ));
    } else {
        f = f.help("add the phrase to a lifecycle in a rules file");
    }
    f
}

struct Ctx<'a> {
    file: &'a ClaimsFile,
    states: &'a [String],
    subject: &'a str,
}

impl Ctx<'_> {
    fn state(&self, e: &Entry) -> String {
        let s = self.states.get(e.state).map_or("?", String::as_str);
        if e.negated {
            format!("not {s}")
        } else {
            s.to_owned()
        }
    }

    fn phrase(&self, e: &Entry) -> (&str, crate::source::Span) {
        match &self.file.claims[e.claim].kind {
            ClaimKind::Status(s) => (s.phrase.text.as_str(), s.phrase.span),
            _ => ("", crate::source::Span::default()),
        }
    }

    /// A claim's time as written (a relative one with its day).
    fn time_words(&self, e: &Entry) -> String {
        self.file
            .time_words(e.claim)
            .unwrap_or_else(|| "no stated time".to_owned())
    }

    /// A finding about two claims: owned by the later one in the file, labels on both.
    fn pair(&self, code: Code, a: &Entry, b: &Entry, message: String, help: &str) -> Finding {
        let (first, later) = if a.claim < b.claim { (a, b) } else { (b, a) };
        let (_, ls) = self.phrase(later);
        let (_, fs) = self.phrase(first);
        let lid = &self.file.claims[later.claim].id;
        let fid = &self.file.claims[first.claim].id;
        Finding::new(
            code,
            &self.file.source,
            message,
            ls,
            format!("{lid}: {}", self.state(later)),
        )
        .label(fs, format!("{fid}: {}", self.state(first)))
        .owner(later.claim, lid)
        .involving(fid)
        .help(help)
    }

    /// Same time: affirmed states must agree, and a negated state may not be affirmed, nor
    /// any state after it.
    fn same_time(&self, b: &Bucket, out: &mut Vec<Finding>) {
        // The first claim affirming each state, and the first negating each.
        let mut affirmed: BTreeMap<usize, &Entry> = BTreeMap::new();
        let mut negated: BTreeMap<usize, &Entry> = BTreeMap::new();
        let when = || match b
            .entries
            .first()
            .and_then(|e| self.file.time_words(e.claim))
        {
            Some(t) => format!("as of {t}"),
            None => "with no time given".to_owned(),
        };
        for e in b.entries {
            let other = if e.negated {
                affirmed.range(e.state..).next().map(|(_, o)| *o)
            } else {
                affirmed
                    .iter()
                    .find(|(s, _)| **s != e.state)
                    .map(|(_, o)| *o)
                    .or_else(|| negated.range(..=e.state).next().map(|(_, o)| *o))
            };
            if let Some(o) = other {
                let (ep, _) = self.phrase(e);
                let (op, _) = self.phrase(o);
                out.push(self.pair(
                    Code::StatusContradiction,
                    o,
                    e,
                    format!(
                        "{} and {} cannot both hold for {} {}",
                        quoted(op),
                        quoted(ep),
                        self.subject,
                        when()
                    ),
                    "one state at one time: correct one of them, or give each its own `as_of`",
                ));
                continue;
            }
            let map = if e.negated {
                &mut negated
            } else {
                &mut affirmed
            };
            map.entry(e.state).or_insert(e);
        }
    }

    /// Different times: overlapping ones must not disagree (ambiguous), and over disjoint
    /// ones the lifecycle must not go back (regression). Each is a sweep over the times
    /// in order, keeping per state what came before, so that a subject with many distinct
    /// times costs `n log n`, never `n²`. A later claim gets at most one of the two.
    fn across_times(&self, buckets: &[Bucket], out: &mut Vec<Finding>) {
        // The affirmed states of each bucket, with the first claim of each.
        let affirmed: Vec<BTreeMap<usize, &Entry>> = buckets
            .iter()
            .map(|b| {
                let mut m = BTreeMap::new();
                for e in b.entries.iter().filter(|e| !e.negated) {
                    m.entry(e.state).or_insert(e);
                }
                m
            })
            .collect();
        let mut reported: rustc_hash::FxHashSet<usize> = rustc_hash::FxHashSet::default();
        let mut found: Vec<(usize, usize, bool)> = Vec::new();
        let dated: Vec<usize> = (0..buckets.len())
            .filter(|&i| buckets[i].time.is_some())
            .collect();
        let span = |i: usize| {
            buckets[i]
                .time
                .map_or((i64::MIN, i64::MAX), |t| (t.first, t.last))
        };

        // Ambiguous, unspecified time: it overlaps every dated bucket.
        let mut any_dated: BTreeMap<usize, usize> = BTreeMap::new();
        for &j in &dated {
            for &s in affirmed[j].keys() {
                any_dated.entry(s).or_insert(j);
            }
        }
        for i in (0..buckets.len()).filter(|&i| buckets[i].time.is_none()) {
            for &s in affirmed[i].keys() {
                if let Some((_, &j)) = any_dated.iter().find(|(t, _)| **t != s) {
                    found.push((i, j, true));
                }
            }
        }

        // Ambiguous, dated: sweep by start; the active buckets (still running) overlap the
        // one that starts, and are kept per state.
        let mut by_first = dated.clone();
        by_first.sort_by_key(|&i| span(i));
        let mut active: BTreeMap<usize, std::collections::BTreeSet<(i64, usize)>> = BTreeMap::new();
        for &i in &by_first {
            let (first, last) = span(i);
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
                    found.push((i, j, true));
                }
            }
            for &s in affirmed[i].keys() {
                active.entry(s).or_default().insert((last, i));
            }
        }

        // Regression: the highest state among the buckets that ended before this one began.
        let mut by_last = dated.clone();
        by_last.sort_by_key(|&i| (span(i).1, span(i).0));
        let mut ended = 0;
        let mut highest: Option<(usize, usize)> = None; // (state, bucket)
        for &i in &by_first {
            let (first, _) = span(i);
            while ended < by_last.len() && span(by_last[ended]).1 < first {
                let j = by_last[ended];
                if let Some((&s, _)) = affirmed[j].iter().next_back()
                    && highest.is_none_or(|(h, _)| s > h)
                {
                    highest = Some((s, j));
                }
                ended += 1;
            }
            if let Some((h, j)) = highest
                && affirmed[i].keys().any(|&s| s < h)
            {
                found.push((i, j, false));
            }
        }

        // Report in file order of the later claim, once each.
        let mut pairs: Vec<(&Entry, &Entry, usize, usize, bool)> = Vec::new();
        for (i, j, ambiguous) in found {
            let (ei, ej) = if ambiguous {
                let ei = affirmed[i].values().next();
                let ej = ei.and_then(|ei| {
                    affirmed[j]
                        .iter()
                        .find(|(s, _)| **s != ei.state)
                        .map(|(_, e)| *e)
                });
                match (ei, ej) {
                    (Some(a), Some(b)) => (*a, b),
                    _ => continue,
                }
            } else {
                let h = affirmed[j].values().next_back();
                let low = h.and_then(|h| affirmed[i].values().find(|e| e.state < h.state));
                match (low, h) {
                    (Some(a), Some(b)) => (*a, *b),
                    _ => continue,
                }
            };
            pairs.push((ei, ej, i, j, ambiguous));
        }
        pairs.sort_by_key(|(a, b, ..)| a.claim.max(b.claim));
        for (ei, ej, _, _, ambiguous) in pairs {
            let later = ei.claim.max(ej.claim);
            if !reported.insert(later) {
                continue;
            }
            let f = if ambiguous {
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
                        self.time_words(ea),
                        quoted(self.phrase(eb).0),
                        self.time_words(eb),
                    ),
                    "give the claims times that do not overlap, or the same time",
                )
            } else {
                // `ej` is the earlier in time, at the higher state.
                self.pair(
                    Code::StatusRegression,
                    ej,
                    ei,
                    format!(
                        "{} goes back: {} in {}, then {} in {}",
                        self.subject,
                        quoted(self.phrase(ej).0),
                        self.time_words(ej),
                        quoted(self.phrase(ei).0),
                        self.time_words(ei),
                    ),
                    "a lifecycle moves forward: check the times, or the order of the states in the rules",
                )
            };
            out.push(f);
        }
    }
}

fn quoted(p: &str) -> String {
    format!("`{p}`")
}

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
//! States may branch (`after:` in the rules): *at or after* a state then means reachable
//! from it. `possible` phrases are known and take no part. Exclusions across lifecycles
//! (`exclusions:` in the rules) are checked for one subject at one time.
//!
//! Claims are grouped by subject and lifecycle, then by time; each step is a sweep over the
//! times in order, so the work grows with the claims (times their number of states over
//! 64, for the reachability sets), never with their square.
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
use crate::rules::{Lifecycle, Polarity, RuleSet};
use crate::time::Time;

mod exclusion;
mod times;
mod unknown;

/// One status claim as the checks read it: its group (a subject and lifecycle) and time,
/// then what it states.
struct Statement {
    group: usize,
    time: Option<Time>,
    claim: usize,
    state: usize,
    negated: bool,
}

/// The claims of one subject and lifecycle at one time, in file order.
struct Bucket<'e> {
    time: Option<Time>,
    statements: &'e [Statement],
}

/// Runs the status checks of one file: a pure function of the file and the rules.
pub fn check(file: &ClaimsFile, rules: &RuleSet, out: &mut Vec<Finding>) {
    let (keys, mut statements) = read_statements(file, rules, out);
    // Sorted, each group's claims lie together, by time, in file order within a time.
    statements.sort_by_key(|e| (e.group, e.time, e.claim));
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut seen = Seen::default();
    for group in statements.chunk_by(|a, b| a.group == b.group) {
        let Some(&(subject, lifecycle)) = group.first().and_then(|e| keys.get(e.group)) else {
            continue;
        };
        let Some(lc) = rules.lifecycles.get(lifecycle) else {
            continue;
        };
        buckets.clear();
        buckets.extend(group.chunk_by(|a, b| a.time == b.time).map(|same| Bucket {
            time: same.first().and_then(|e| e.time),
            statements: same,
        }));
        let ctx = Group {
            file,
            lifecycle: &lc.value,
            subject,
        };
        for b in &buckets {
            ctx.same_time(b, &mut seen, out);
        }
        // One time alone has nothing to compare across.
        if buckets.len() > 1 {
            ctx.across_times(&buckets, out);
        }
    }
    if !rules.exclusions.is_empty() {
        exclusion::check(file, rules, &keys, &statements, out);
    }
}

/// Every status claim whose phrase a lifecycle knows, its group being a (subject,
/// lifecycle) numbered in the order first met; an unknown phrase is reported here, and a
/// possible one is known and left out. One list, not a map per subject: compact and
/// cache-friendly.
fn read_statements<'f>(
    file: &'f ClaimsFile,
    rules: &'f RuleSet,
    out: &mut Vec<Finding>,
) -> (Vec<(&'f str, &'f str)>, Vec<Statement>) {
    let mut group_of: TextMap<(&str, &str), usize> = text_map(0);
    let mut keys: Vec<(&str, &str)> = Vec::new();
    let mut statements: Vec<Statement> = Vec::new();
    for (i, c) in file.claims.iter().enumerate() {
        let ClaimKind::Status(s) = &c.kind else {
            continue;
        };
        let (subject, phrase) = (&s.subject, &s.phrase);
        let Some(m) = rules.phrase(&phrase.text) else {
            out.push(unknown::finding(file, rules, i, phrase));
            continue;
        };
        if m.polarity == Polarity::Possible {
            continue;
        }
        let Some((lifecycle, _)) = rules.lifecycles.get_key_value(&*m.lifecycle) else {
            continue;
        };
        let key = (subject.text.as_str(), lifecycle.as_str());
        let group = *group_of.entry(key).or_insert_with(|| {
            keys.push(key);
            keys.len() - 1
        });
        statements.push(Statement {
            group,
            time: c.time,
            claim: i,
            state: m.state,
            negated: m.polarity == Polarity::Negated,
        });
    }
    (keys, statements)
}

/// The claims of one subject and lifecycle, and what findings about them need.
struct Group<'a> {
    file: &'a ClaimsFile,
    lifecycle: &'a Lifecycle,
    subject: &'a str,
}

impl Group<'_> {
    fn state(&self, e: &Statement) -> String {
        let s = self
            .lifecycle
            .states
            .get(e.state)
            .map_or("?", String::as_str);
        if e.negated {
            format!("not {s}")
        } else {
            s.to_owned()
        }
    }

    fn phrase(&self, e: &Statement) -> (&str, crate::source::Span) {
        phrase_of(self.file, e.claim)
    }

    /// A finding about two claims: owned by the later one in the file, labels on both.
    fn pair(
        &self,
        code: Code,
        a: &Statement,
        b: &Statement,
        message: String,
        help: &str,
    ) -> Finding {
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
    /// any state reachable from it.
    fn same_time<'s>(&self, b: &Bucket<'s>, seen: &mut Seen<'s>, out: &mut Vec<Finding>) {
        // The first claim affirming each state, and the first negating each, by state.
        let Seen { affirmed, negated } = seen;
        affirmed.clear();
        negated.clear();
        let lc = self.lifecycle;
        for e in b.statements {
            let other = if e.negated {
                affirmed
                    .iter()
                    .find(|(s, _)| lc.reaches(e.state, *s))
                    .map(|(_, o)| *o)
            } else {
                affirmed
                    .iter()
                    .find(|(s, _)| *s != e.state)
                    .or_else(|| negated.iter().find(|(s, _)| lc.reaches(*s, e.state)))
                    .map(|(_, o)| *o)
            };
            if let Some(o) = other {
                out.push(self.pair(
                    Code::StatusContradiction,
                    o,
                    e,
                    format!(
                        "{} and {} cannot both hold for {} {}",
                        named(self.file, o.claim),
                        named(self.file, e.claim),
                        self.subject,
                        when(self.file, b.statements.first().map_or(e.claim, |f| f.claim))
                    ),
                    "one state at one time: correct one of them, or give each its own `as_of`",
                ));
                continue;
            }
            let seen = if e.negated {
                &mut *negated
            } else {
                &mut *affirmed
            };
            if let Err(at) = seen.binary_search_by_key(&e.state, |&(s, _)| s) {
                seen.insert(at, (e.state, e));
            }
        }
    }
}

/// The states a time's statements affirm and negate, each with the first statement that
/// does, sorted by state (a lifecycle has a few): lists kept from one time to the next.
#[derive(Default)]
struct Seen<'s> {
    affirmed: Vec<(usize, &'s Statement)>,
    negated: Vec<(usize, &'s Statement)>,
}

/// The phrase of a status claim and its span.
fn phrase_of(file: &ClaimsFile, claim: usize) -> (&str, crate::source::Span) {
    match file.claims.get(claim).map(|c| &c.kind) {
        Some(ClaimKind::Status(s)) => (s.phrase.text.as_str(), s.phrase.span),
        _ => ("", crate::source::Span::default()),
    }
}

/// "as of 2024-10-15" (the claim's time as written, a relative one with its day), or
/// "with no time given".
fn when(file: &ClaimsFile, claim: usize) -> String {
    file.time_words(claim)
        .map_or_else(|| "with no time given".to_owned(), |t| format!("as of {t}"))
}

/// A claim's time as a message names it: as written (a relative one with its day).
fn time_words(file: &ClaimsFile, claim: usize) -> String {
    file.time_words(claim)
        .unwrap_or_else(|| "no stated time".to_owned())
}

/// A status claim as a message names it: its phrase, then its id (`` `has opened`
/// (`office_opened`) ``).
fn named(file: &ClaimsFile, claim: usize) -> String {
    let (p, _) = phrase_of(file, claim);
    let id = file.claims.get(claim).map_or("", |c| c.id.as_str());
    format!("`{p}` (`{id}`)")
}

/// A status claim named with its time (`` `has opened` (`office_opened`, 2024-03) ``).
fn named_at(file: &ClaimsFile, claim: usize) -> String {
    let (p, _) = phrase_of(file, claim);
    let id = file.claims.get(claim).map_or("", |c| c.id.as_str());
    format!("`{p}` (`{id}`, {})", time_words(file, claim))
}

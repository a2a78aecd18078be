//! Numeric checks (SPEC 4): each assertion on its own (`numeric/mismatch`,
//! `numeric/rounding`, `numeric/undefined`, `numeric/percent-points`), then all of them
//! together by constraint propagation (`numeric/derived`, `numeric/conflict`).
//!
//! *Why it matters*: a "half" that is really 62%, a "25% increase" that implies a base
//! year the article never states, parts that cannot add up to their total. Every check
//! reasons about the whole range a rounded, hedged phrase allows, so a finding means the
//! claims cannot all be true under any reasonable reading.
//!
//! Propagation works on connected groups of assertions (those that share claims), each
//! with a bounded number of revisions, so the cost grows with the file, not its square.
//!
//! The reasoning and the words are apart: `compile.rs` reads an assertion,
//! `assertion.rs` evaluates it on its own, [`propagate`] proves what all of them imply
//! together (as data: conflict sets, derived intervals), and `message.rs` words every
//! finding. [`restate`] compares quantities of one measure.
//!
//! # The codes it reports
//!
#![doc = include_str!("../../docs/codes/numeric-mismatch.md")]
#![doc = include_str!("../../docs/codes/numeric-rounding.md")]
#![doc = include_str!("../../docs/codes/numeric-undefined.md")]
#![doc = include_str!("../../docs/codes/numeric-percent-points.md")]
#![doc = include_str!("../../docs/codes/numeric-derived.md")]
#![doc = include_str!("../../docs/codes/numeric-conflict.md")]
#![doc = include_str!("../../docs/codes/formula-invalid.md")]
#![doc = include_str!("../../docs/codes/ref-unknown.md")]

use crate::claim::{ClaimKind, ClaimsFile};
use crate::finding::Finding;
use crate::interval::Interval;
use crate::program::Scope;
use crate::rules::RuleSet;
use compile::Live;
use message::Messages;
use propagate::Proof;

mod assertion;
mod compile;
mod message;
pub mod propagate;
pub mod restate;
#[cfg(test)]
mod tests;
mod tolerance;

pub use message::{scale_of, style_of};

/// Node revisions propagation may spend in a file: this many, plus
/// [`PROPAGATION_WORK_PER_BYTE`] for each byte of it (a fraction of a second for a small
/// file in a release build, growing linearly with the file).
pub const PROPAGATION_WORK: u64 = 20_000_000;
/// Node revisions allowed per byte of the claims file, beyond [`PROPAGATION_WORK`].
pub const PROPAGATION_WORK_PER_BYTE: u64 = 100;
/// Operations all the assertions of one file may expand to, functions inlined.
pub const MAX_FILE_NODES: usize = 20_000_000;

/// Runs the numeric checks of one file: each assertion on its own, then all of them
/// together.
pub fn check(file: &ClaimsFile, rules: &RuleSet, out: &mut Vec<Finding>) {
    let vars = stated(file);
    let whole = alone(file, rules, &vars, 0..file.claims.len());
    propagate_all(file, rules, &vars, whole, out);
}

/// [`check`] on two threads (a large file), with `beside` (the file's other checks): the
/// first half of the file's assertions is checked here, the second on a thread of its
/// own, which then runs `beside` while this one propagates (propagation is one thread's
/// work, and the other checks would otherwise take the processors from the two halves).
/// Where no second thread is to be had, all of it runs here. The findings are the same,
/// in the same order, as [`check`]'s. Returns what `beside` returns.
pub fn check_beside<R: Send>(
    file: &ClaimsFile,
    rules: &RuleSet,
    out: &mut Vec<Finding>,
    beside: impl Fn() -> R + Sync,
) -> R {
    let vars = &stated(file);
    let split = assertions_split(file);
    let second_half = || alone(file, rules, vars, split..file.claims.len());
    let beside = &beside;
    let done = std::thread::scope(|s| {
        let (half, handed) = std::sync::mpsc::sync_channel(1);
        let other = std::thread::Builder::new().spawn_scoped(s, move || {
            // This thread's half, then the other checks: the half is all propagation
            // waits for.
            let _ = half.send(second_half());
            beside()
        });
        let first = alone(file, rules, vars, 0..split);
        // Where the thread could not start, its half is checked here.
        let second = handed.recv().unwrap_or_else(|_| second_half());
        let both = if first.nodes.saturating_add(second.nodes) <= MAX_FILE_NODES {
            joined(first, second)
        } else {
            // Past the budget, where the cut depends on the order: the file is checked
            // on one thread, as it would be alone.
            alone(file, rules, vars, 0..file.claims.len())
        };
        propagate_all(file, rules, vars, both, out);
        other.ok().and_then(|h| h.join().ok())
    });
    done.unwrap_or_else(beside)
}

/// The findings of the assertions checked on their own, then those of propagating the
/// assertions that hold.
fn propagate_all(
    file: &ClaimsFile,
    rules: &RuleSet,
    vars: &[Interval],
    alone: Alone,
    out: &mut Vec<Finding>,
) {
    let Alone {
        mut findings,
        live,
        tags,
        ..
    } = alone;
    out.append(&mut findings);
    let words = Messages { file, rules, tags };
    let rounds = rules.propagation_rounds.value as usize;
    propagate::propagate(file, vars, &live, rounds, work_budget(file), &mut |p| {
        out.extend(match &p {
            Proof::Conflict(c) => words.conflict(c),
            Proof::Derived(d) => words.derived(d),
        });
    });
}

/// What checking assertions on their own gives: its findings, the assertions that hold
/// (for propagation), the tags they give unknowns (for propagation's words), and the
/// operations they were compiled to.
struct Alone {
    findings: Vec<Finding>,
    live: Vec<Live>,
    tags: rustc_hash::FxHashMap<usize, crate::number::Tag>,
    nodes: usize,
}

/// Where the file's assertions are cut in two halves: the index of the claim that
/// starts the second.
fn assertions_split(file: &ClaimsFile) -> usize {
    let is_assertion = |c: &&crate::claim::Claim| matches!(c.kind, ClaimKind::Assertion(_));
    let half = file.claims.iter().filter(is_assertion).count() / 2;
    file.claims
        .iter()
        .enumerate()
        .filter(|(_, c)| is_assertion(c))
        .nth(half)
        .map_or(file.claims.len(), |(i, _)| i)
}

/// The two halves as one, in file order: the first's findings and assertions, then the
/// second's; a claim keeps the first tag an assertion gave it.
fn joined(first: Alone, second: Alone) -> Alone {
    let mut both = first;
    both.findings.extend(second.findings);
    both.live.extend(second.live);
    for (claim, tag) in second.tags {
        both.tags.entry(claim).or_insert(tag);
    }
    both.nodes = both.nodes.saturating_add(second.nodes);
    both
}

/// The stated interval of every claim (any value for a claim that is not a quantity).
fn stated(file: &ClaimsFile) -> Vec<Interval> {
    file.claims
        .iter()
        .map(|c| match &c.kind {
            ClaimKind::Quantity(q) => q.interval,
            _ => Interval::ALL,
        })
        .collect()
}

/// The propagation work a file may spend.
fn work_budget(file: &ClaimsFile) -> u64 {
    PROPAGATION_WORK
        .saturating_add(PROPAGATION_WORK_PER_BYTE.saturating_mul(file.source.text.len() as u64))
}

/// Compiles and checks each assertion of the claims in `range` on its own.
fn alone(
    file: &ClaimsFile,
    rules: &RuleSet,
    vars: &[Interval],
    range: std::ops::Range<usize>,
) -> Alone {
    let scope = Scope { file, rules };
    let mut words = Messages {
        file,
        rules,
        tags: rustc_hash::FxHashMap::default(),
    };
    // Sized once: the assertions that hold are most of them, and what they keep is large
    // enough that growing the list by doubling would touch twice the memory.
    let assertions = file
        .claims
        .get(range.clone())
        .unwrap_or_default()
        .iter()
        .filter(|c| matches!(c.kind, ClaimKind::Assertion(_)))
        .count();
    let (mut live, mut out) = (Vec::with_capacity(assertions), Vec::new());
    let mut nodes = 0usize;
    let mut spare = crate::program::Program::default();
    for (i, c) in file
        .claims
        .iter()
        .enumerate()
        .take(range.end)
        .skip(range.start)
    {
        let ClaimKind::Assertion(text) = &c.kind else {
            continue;
        };
        if nodes > MAX_FILE_NODES {
            out.push(words.too_large(i, text));
            continue;
        }
        let mut comp = match compile::compile(i, text, &scope, rules, std::mem::take(&mut spare)) {
            Ok(c) => c,
            Err(failure) => {
                out.push(words.compile_failure(i, text, failure));
                continue;
            }
        };
        nodes += comp.prog.ops.len();
        compile::infer_tags(&comp, &mut words.tags);
        let e = assertion::evaluate(&comp, file, vars);
        words.alone(&comp, text, &e, vars, &scope, &mut out);
        if matches!(e.verdict, assertion::Verdict::Holds) {
            let unit = words.unit_near(&comp.vars, comp.prog.units[comp.lhs].as_ref());
            live.push(Live::new(&mut comp, unit));
        }
        spare = comp.prog;
    }
    Alone {
        findings: out,
        live,
        tags: words.tags,
        nodes,
    }
}

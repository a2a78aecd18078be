//! All assertions together (SPEC 4.3): propagation over connected groups of assertions,
//! minimal conflict sets, and what the claims imply for quantities of unknown value.
//! Reasoning only: it returns what it proved ([`Proved`]); `message.rs` words it.

use super::compile::Live;
use super::tolerance::Tolerance;
use crate::claim::{ClaimKind, ClaimsFile};
use crate::formula::CmpOp;
use crate::interval::Interval;
use crate::number::{Domain, Kind};
use crate::program::{self, Op};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::Cell;
use std::collections::VecDeque;

/// What propagation proved about the assertions of a file.
#[derive(Debug, Default, PartialEq)]
pub struct Proved {
    /// Sets of assertions that cannot all hold, each minimal where the work budget
    /// allowed.
    pub conflicts: Vec<Conflict>,
    /// Quantities of unknown value that the assertions bound.
    pub derived: Vec<Derived>,
}

/// One thing propagation proved, handed on as it is proved.
#[derive(Debug, PartialEq)]
pub enum Proof {
    /// Assertions that cannot all hold.
    Conflict(Conflict),
    /// A quantity the assertions bound.
    Derived(Derived),
}

impl Proved {
    /// Collects what [`propagate`] hands on.
    pub fn add(&mut self, p: Proof) {
        match p {
            Proof::Conflict(c) => self.conflicts.push(c),
            Proof::Derived(d) => self.derived.push(d),
        }
    }
}

/// Assertions that cannot all hold, though each holds on its own.
#[derive(Debug, PartialEq)]
pub struct Conflict {
    /// The assertions' claim indices, in file order; the last is the one at fault.
    pub assertions: Vec<usize>,
    /// For each assertion, in the same order: its two sides where the other assertions
    /// of the set leave the claims they name (`None` past the work budget).
    pub forced: Vec<Option<Forced>>,
}

/// One assertion of a conflict, evaluated where the others of its set leave its claims:
/// what the others force its left side to, against what its right side says.
#[derive(Clone, Debug, PartialEq)]
pub struct Forced {
    /// The left side, as the others force it.
    pub lhs: Interval,
    /// The right side.
    pub rhs: Interval,
    /// The comparison between them.
    pub op: CmpOp,
    /// The kinds (percent, points, plain) of the two sides.
    pub kinds: (Kind, Kind),
    /// The claims the assertion names, for wording the values in their scale.
    pub vars: Vec<usize>,
    /// The left side's span in the assertion's text.
    pub lhs_span: crate::source::Span,
    /// The size, in base units, of the unit the sides are worded in.
    pub unit: f64,
}

/// A quantity of unknown value, bounded by the assertions.
#[derive(Debug, PartialEq)]
pub struct Derived {
    /// The quantity's claim index.
    pub claim: usize,
    /// The interval the assertions leave it.
    pub interval: Interval,
    /// The claim indices of (up to three of) the assertions that imply it.
    pub implied_by: Vec<usize>,
    /// The claims those assertions name, for wording the interval in their scale.
    pub near: Vec<usize>,
}

/// Propagates the assertions of `live` (each holds on its own) from `vars`, the stated
/// interval of each claim, revising each at most `rounds` times per assertion of its
/// group, and spending at most `work` node revisions in all. Each thing proved goes to
/// `proved` as soon as it is (a group's conflicts, then what the rest of it implies), so
/// that a large file never holds all of them at once; [`Proved::add`] collects them.
pub(super) fn propagate(
    file: &ClaimsFile,
    vars: &[Interval],
    live: &[Live],
    rounds: usize,
    work: u64,
    proved: &mut dyn FnMut(Proof),
) {
    let p = Propagation {
        file,
        vars,
        live,
        rounds,
        work: Cell::new(work),
    };
    for group in groups(file.claims.len(), live) {
        p.solve_group(group, proved);
    }
}

/// Connected groups of assertions (those that share claims), as indices into `live`, in
/// the order their first assertion comes.
fn groups(claims: usize, live: &[Live]) -> Vec<Vec<usize>> {
    // Union-find over claim indices: assertions sharing a claim are in one group.
    let mut parent: Vec<usize> = (0..claims).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for c in live {
        let root = find(&mut parent, c.claim);
        for &v in &c.vars {
            let r = find(&mut parent, v);
            parent[r] = root;
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, c) in live.iter().enumerate() {
        let r = find(&mut parent, c.claim);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
}

struct Propagation<'a> {
    file: &'a ClaimsFile,
    vars: &'a [Interval],
    live: &'a [Live],
    rounds: usize,
    /// Node revisions propagation may still spend in this file: past it, propagation
    /// reports what it has proved (sound, if less narrow), so no file can make it hang.
    work: Cell<u64>,
}

impl Propagation<'_> {
    /// One group: each pass either ends in a fixpoint or removes a conflict set
    /// (bounded by the group's size); then what the rest implies.
    fn solve_group(&self, mut active: Vec<usize>, proved: &mut dyn FnMut(Proof)) {
        let mut in_conflict: Vec<usize> = Vec::new();
        let state = loop {
            match self.fixpoint(&active) {
                Ok(s) => break s,
                Err(_) => {
                    let set = self.minimal_conflict(&active);
                    if set.is_empty() {
                        // Cannot be narrowed to a set (should not happen): stop quietly.
                        break State::default();
                    }
                    for &i in &set {
                        in_conflict.extend(self.live[i].vars.iter().copied());
                    }
                    active.retain(|i| !set.contains(i));
                    proved(Proof::Conflict(Conflict {
                        assertions: set.iter().map(|&i| self.live[i].claim).collect(),
                        forced: set.iter().map(|&i| self.forced(&set, i)).collect(),
                    }));
                }
            }
        };
        self.derived(&active, &state, &in_conflict, proved);
    }

    /// Revises the assertions to a fixpoint, or to the budget of `rounds` revisions per
    /// assertion. `Err(i)` where assertion `i` emptied an interval.
    fn fixpoint(&self, active: &[usize]) -> Result<State, usize> {
        let mut state = State::new(active, self.live, self.vars);
        let mut queue: VecDeque<usize> = (0..active.len()).collect();
        let mut queued = vec![true; active.len()];
        let mut budget = self.rounds.saturating_mul(active.len().max(1));
        let mut scratch = Vec::new();
        while let Some(p) = queue.pop_front() {
            queued[p] = false;
            if budget == 0 {
                break;
            }
            budget -= 1;
            let a = active[p];
            let c = &self.live[a];
            let cost = c.ops.len() as u64;
            if self.work.get() < cost {
                break;
            }
            self.work.set(self.work.get() - cost);
            program::eval(
                &c.ops,
                &[],
                &|k| state.get(k).unwrap_or(self.vars[k]),
                &mut scratch,
            );
            narrow_sides(c.op, c.tol, &mut scratch, c.lhs, c.rhs);
            if !program::narrow(&c.ops, &mut scratch) {
                return Err(a);
            }
            for (i, op) in c.ops.iter().enumerate() {
                let v = match *op {
                    Op::Var(v) => v,
                    // A divisor narrowed to exactly zero: no values satisfy the assertion
                    // (a fall of 600% of a quantity that cannot be negative). The revision
                    // fails as a whole, so its other narrowings need not be undone.
                    Op::Div(_, b) if scratch[b].lo == 0.0 && scratch[b].hi == 0.0 => {
                        return Err(a);
                    }
                    _ => continue,
                };
                // Every claim an assertion names is in the state (`Live::vars`).
                let Some(s) = state.slot(v) else {
                    continue;
                };
                let old = state.vals[s];
                let mut new = old.intersect(&scratch[i]);
                if self.is_count(v) {
                    new = new.whole_numbers();
                }
                if new.is_empty() {
                    return Err(a);
                }
                if moved(&old, &new) {
                    for &u in state.users.of(s) {
                        if u != p && !queued[u] {
                            queued[u] = true;
                            queue.push_back(u);
                        }
                    }
                }
                state.vals[s] = new;
            }
        }
        Ok(state)
    }

    /// Assertion `i` of a conflict `set`, evaluated where the others of the set leave
    /// the claims it names.
    fn forced(&self, set: &[usize], i: usize) -> Option<Forced> {
        let others: Vec<usize> = set.iter().copied().filter(|&j| j != i).collect();
        let state = self.fixpoint(&others).ok()?;
        let c = &self.live[i];
        let mut vals = Vec::new();
        program::eval(
            &c.ops,
            &[],
            &|k| state.get(k).unwrap_or(self.vars[k]),
            &mut vals,
        );
        Some(Forced {
            lhs: *vals.get(c.lhs)?,
            rhs: *vals.get(c.rhs)?,
            op: c.op,
            kinds: c.kinds,
            vars: c.vars.clone(),
            lhs_span: c.lhs_span,
            unit: c.unit,
        })
    }

    fn is_count(&self, claim: usize) -> bool {
        matches!(&self.file.claims[claim].kind, ClaimKind::Quantity(q) if q.domain == Domain::Count)
    }

    /// A minimal set of assertions that cannot hold together: the shortest conflicting
    /// prefix in file order, then a deletion filter over it in file order.
    fn minimal_conflict(&self, active: &[usize]) -> Vec<usize> {
        // The caller saw `active` conflict. Where the work budget runs out before a smaller
        // set is proved, the set found so far is reported: it still cannot hold, though it
        // may not be minimal.
        let mut prefix = Vec::new();
        let mut proved = false;
        for &a in active {
            prefix.push(a);
            if self.fixpoint(&prefix).is_err() {
                proved = true;
                break;
            }
            if self.work.get() == 0 {
                break;
            }
        }
        if !proved {
            return active.to_vec();
        }
        let mut set = prefix;
        let mut i = 0;
        while i < set.len() {
            let mut without = set.clone();
            without.remove(i);
            if !without.is_empty() && self.fixpoint(&without).is_err() {
                set = without;
            } else {
                i += 1;
            }
        }
        set
    }

    /// The quantities of unknown value the fixpoint `state` of `active` bounds more
    /// narrowly than their domain (those in a conflict left out).
    fn derived(
        &self,
        active: &[usize],
        state: &State,
        in_conflict: &[usize],
        proved: &mut dyn FnMut(Proof),
    ) {
        let in_conflict: FxHashSet<usize> = in_conflict.iter().copied().collect();
        for (s, (&v, &now)) in state.claims.iter().zip(&state.vals).enumerate() {
            let ClaimKind::Quantity(q) = &self.file.claims[v].kind else {
                continue;
            };
            if q.quantity.is_some() || in_conflict.contains(&v) {
                continue;
            }
            let dom = q.interval;
            let gained =
                (now.lo.is_finite() && now.lo > dom.lo) || (now.hi.is_finite() && now.hi < dom.hi);
            if !gained {
                continue;
            }
            let users = state.users.of(s);
            let users = &users[..users.len().min(3)];
            proved(Proof::Derived(Derived {
                claim: v,
                interval: now,
                implied_by: users.iter().map(|&p| self.live[active[p]].claim).collect(),
                near: users
                    .iter()
                    .flat_map(|&p| self.live[active[p]].vars.iter().copied())
                    .collect(),
            }));
        }
    }
}

/// Where a group's assertions leave the claims they name: the claims' indices, sorted,
/// each with its interval and the assertions that name it. Vectors indexed by the
/// claim's place in `claims`, found by binary search: a group's size bounds the work,
/// and most groups name two or three claims.
#[derive(Default)]
struct State {
    claims: Vec<usize>,
    vals: Vec<Interval>,
    users: Users,
}

impl State {
    /// The claims the assertions `active` (indices into `live`) name, at the intervals
    /// `stated`.
    fn new(active: &[usize], live: &[Live], stated: &[Interval]) -> State {
        let mut claims: Vec<usize> = active
            .iter()
            .flat_map(|&a| live[a].vars.iter().copied())
            .collect();
        claims.sort_unstable();
        claims.dedup();
        let vals = claims.iter().map(|&v| stated[v]).collect();
        let users = Users::new(active, live, &claims);
        State {
            claims,
            vals,
            users,
        }
    }

    /// The place of `claim` in `claims`, where the assertions name it.
    fn slot(&self, claim: usize) -> Option<usize> {
        self.claims.binary_search(&claim).ok()
    }

    /// The interval of `claim`, where the assertions name it.
    fn get(&self, claim: usize) -> Option<Interval> {
        self.vals.get(self.slot(claim)?).copied()
    }
}

/// Which assertions name each claim of a [`State`]: their places in `active`, in that
/// order, in one list cut at `start` (the claim at place `s` has `list[start[s]..start[s
/// + 1]]`).
#[derive(Default)]
struct Users {
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Users {
    fn new(active: &[usize], live: &[Live], claims: &[usize]) -> Users {
        let slot = |v: usize| claims.binary_search(&v).ok();
        let mut start = vec![0usize; claims.len() + 1];
        for &a in active {
            for s in live[a].vars.iter().filter_map(|&v| slot(v)) {
                start[s + 1] += 1;
            }
        }
        for s in 0..claims.len() {
            start[s + 1] += start[s];
        }
        let mut next = start.clone();
        let mut list = vec![0usize; start[claims.len()]];
        for (p, &a) in active.iter().enumerate() {
            for s in live[a].vars.iter().filter_map(|&v| slot(v)) {
                list[next[s]] = p;
                next[s] += 1;
            }
        }
        Users { start, list }
    }

    /// The assertions (places in `active`) that name the claim at place `s`.
    fn of(&self, s: usize) -> &[usize] {
        match (self.start.get(s), self.start.get(s + 1)) {
            (Some(&a), Some(&b)) => self.list.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Narrows the two sides of `lhs op rhs` to the values that can satisfy it.
fn narrow_sides(op: CmpOp, tol: Tolerance, vals: &mut [Interval], lhs: usize, rhs: usize) {
    let (l, r) = (vals[lhs], vals[rhs]);
    match op {
        CmpOp::Eq => {
            let m = l.intersect(&r);
            vals[lhs] = m;
            vals[rhs] = m;
        }
        CmpOp::Approx => {
            // Each side lies within the tolerance of the other.
            vals[lhs] = l.intersect(&r.widen(tol.toward(&r)));
            vals[rhs] = r.intersect(&l.widen(tol.toward(&l)));
        }
        CmpOp::Lt | CmpOp::Le => {
            vals[lhs] = l.intersect(&Interval::new(f64::NEG_INFINITY, r.hi));
            vals[rhs] = r.intersect(&Interval::new(l.lo, f64::INFINITY));
        }
        CmpOp::Gt | CmpOp::Ge => {
            vals[lhs] = l.intersect(&Interval::new(r.lo, f64::INFINITY));
            vals[rhs] = r.intersect(&Interval::new(f64::NEG_INFINITY, l.hi));
        }
        CmpOp::Ne => {}
    }
}

/// Whether an interval moved enough to revise its users again.
fn moved(old: &Interval, new: &Interval) -> bool {
    let eps = |x: f64| 1e-9 * x.abs().max(1e-300);
    (new.lo > old.lo && (!old.lo.is_finite() || new.lo - old.lo > eps(old.lo)))
        || (new.hi < old.hi && (!old.hi.is_finite() || old.hi - new.hi > eps(old.hi)))
}

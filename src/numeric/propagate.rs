//! All assertions together: propagation over connected groups, minimal conflict sets
//! (`numeric/conflict`) and what the claims imply (`numeric/derived`).

use super::{Ctx, Live};
use crate::claim::ClaimKind;
use crate::code::Code;
use crate::expr::{self, Op};
use crate::formula::CmpOp;
use crate::interval::Interval;
use crate::number::Domain;
use crate::wording::{self, Style};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::VecDeque;

impl Ctx<'_> {
    /// Propagation over connected groups of assertions.
    pub(super) fn propagate_all(&mut self, live: &[Live]) {
        // Union-find over claim indices: assertions sharing a claim are in one group.
        let n = self.file.claims.len();
        let mut parent: Vec<usize> = (0..n).collect();
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
        for g in groups {
            self.solve_group(live, g);
        }
    }

    pub(super) fn solve_group(&mut self, live: &[Live], mut active: Vec<usize>) {
        let rounds = self.rules.propagation_rounds.value as usize;
        let mut in_conflict: Vec<usize> = Vec::new();
        let state;
        // Each pass either ends in a fixpoint or removes a conflict set; bounded by the
        // group's size.
        loop {
            match self.propagate(live, &active, rounds) {
                Ok(s) => {
                    state = s;
                    break;
                }
                Err(_) => {
                    let set = self.minimal_conflict(live, &active, rounds);
                    if set.is_empty() {
                        // Cannot be narrowed to a set (should not happen): stop quietly.
                        state = FxHashMap::default();
                        break;
                    }
                    self.report_conflict(live, &set);
                    for &i in &set {
                        in_conflict.extend(live[i].vars.iter().copied());
                    }
                    active.retain(|i| !set.contains(i));
                }
            }
        }
        self.derived_notes(live, &active, &state, &in_conflict);
    }

    /// Revises the assertions to a fixpoint, or to the budget of `rounds` revisions per
    /// assertion. `Err(i)` where assertion `i` emptied an interval.
    pub(super) fn propagate(
        &self,
        live: &[Live],
        active: &[usize],
        rounds: usize,
    ) -> Result<FxHashMap<usize, Interval>, usize> {
        let mut vars: FxHashMap<usize, Interval> = FxHashMap::default();
        let mut users: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for &a in active {
            for &v in &live[a].vars {
                vars.entry(v).or_insert(self.vars[v]);
                users.entry(v).or_default().push(a);
            }
        }
        let mut queue: VecDeque<usize> = active.iter().copied().collect();
        let mut queued: FxHashMap<usize, bool> = active.iter().map(|&a| (a, true)).collect();
        let mut budget = rounds.saturating_mul(active.len().max(1));
        let mut vals = Vec::new();
        while let Some(a) = queue.pop_front() {
            queued.insert(a, false);
            if budget == 0 {
                break;
            }
            budget -= 1;
            let c = &live[a];
            let cost = c.ops.len() as u64;
            if self.work.get() < cost {
                break;
            }
            self.work.set(self.work.get() - cost);
            expr::eval(
                &c.ops,
                &[],
                &|k| vars.get(&k).copied().unwrap_or(self.vars[k]),
                &mut vals,
            );
            let (l, r) = (vals[c.lhs], vals[c.rhs]);
            match c.op {
                CmpOp::Eq => {
                    let m = l.intersect(&r);
                    vals[c.lhs] = m;
                    vals[c.rhs] = m;
                }
                CmpOp::Approx => {
                    // Each side lies within the tolerance of the other.
                    vals[c.lhs] = l.intersect(&r.widen(c.tol.toward(&r)));
                    vals[c.rhs] = r.intersect(&l.widen(c.tol.toward(&l)));
                }
                CmpOp::Lt | CmpOp::Le => {
                    vals[c.lhs] = l.intersect(&Interval::new(f64::NEG_INFINITY, r.hi));
                    vals[c.rhs] = r.intersect(&Interval::new(l.lo, f64::INFINITY));
                }
                CmpOp::Gt | CmpOp::Ge => {
                    vals[c.lhs] = l.intersect(&Interval::new(r.lo, f64::INFINITY));
                    vals[c.rhs] = r.intersect(&Interval::new(f64::NEG_INFINITY, l.hi));
                }
                CmpOp::Ne => {}
            }
            if !expr::narrow(&c.ops, &mut vals) {
                return Err(a);
            }
            // A divisor narrowed to exactly zero: no values satisfy the assertion (a fall
            // of 600% of a quantity that cannot be negative).
            if c.ops
                .iter()
                .any(|op| matches!(*op, Op::Div(_, b) if vals[b].lo == 0.0 && vals[b].hi == 0.0))
            {
                return Err(a);
            }
            for (i, op) in c.ops.iter().enumerate() {
                let Op::Var(v) = *op else { continue };
                let old = vars.get(&v).copied().unwrap_or(Interval::ALL);
                let mut new = old.intersect(&vals[i]);
                if self.is_count(v) {
                    new = new.whole_numbers();
                }
                if new.is_empty() {
                    return Err(a);
                }
                if moved(&old, &new) {
                    for &u in users.get(&v).map_or(&[][..], |u| u.as_slice()) {
                        if u != a && !queued.get(&u).copied().unwrap_or(false) {
                            queued.insert(u, true);
                            queue.push_back(u);
                        }
                    }
                }
                vars.insert(v, new);
            }
        }
        Ok(vars)
    }

    pub(super) fn is_count(&self, claim: usize) -> bool {
        matches!(&self.file.claims[claim].kind, ClaimKind::Quantity(q) if q.domain == Domain::Count)
    }

    /// A minimal set of assertions that cannot hold together: the shortest conflicting
    /// prefix in file order, then a deletion filter over it in file order.
    pub(super) fn minimal_conflict(
        &self,
        live: &[Live],
        active: &[usize],
        rounds: usize,
    ) -> Vec<usize> {
        // The caller saw `active` conflict. Where the work budget runs out before a smaller
        // set is proved, the set found so far is reported: it still cannot hold, though it
        // may not be minimal.
        let mut prefix = Vec::new();
        let mut proved = false;
        for &a in active {
            prefix.push(a);
            if self.propagate(live, &prefix, rounds).is_err() {
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
            if !without.is_empty() && self.propagate(live, &without, rounds).is_err() {
                set = without;
            } else {
                i += 1;
            }
        }
        set
    }

    pub(super) fn report_conflict(&mut self, live: &[Live], set: &[usize]) {
        let Some(&last) = set.last() else { return };
        let owner = live[last].claim;
        let names: Vec<String> = set
            .iter()
            .take(10)
            .map(|&i| format!("`{}`", self.file.claims[live[i].claim].id))
            .collect();
        let list = if set.len() > names.len() {
            format!("{} and {} more", names.join(", "), set.len() - names.len())
        } else {
            match names.split_last() {
                Some((l, rest)) if !rest.is_empty() => format!("{} and {l}", rest.join(", ")),
                _ => names.join(""),
            }
        };
        let Some(text) = self.text_of(owner) else {
            return;
        };
        let mut f = self
            .finding(
                Code::NumericConflict,
                owner,
                if set.len() == 1 {
                    format!("{list} cannot hold for any values of the claims it names")
                } else {
                    format!("the claims {list} cannot all hold")
                },
                text.span,
                "cannot hold together with the others".into(),
            )
            .help("each holds on its own, but no values of the claims they name satisfy them all: one of the figures is wrong");
        for &i in set[..set.len() - 1].iter().rev().take(9).rev() {
            let c = live[i].claim;
            if let Some(t) = self.text_of(c) {
                f = f
                    .label(t.span, format!("{} holds alone", self.file.claims[c].id))
                    .involving(&self.file.claims[c].id);
            }
        }
        self.out.push(f);
    }

    pub(super) fn derived_notes(
        &mut self,
        live: &[Live],
        active: &[usize],
        state: &FxHashMap<usize, Interval>,
        in_conflict: &[usize],
    ) {
        let mut vars: Vec<usize> = state.keys().copied().collect();
        vars.sort_unstable();
        // Which assertions name each claim, and which claims are in a conflict: built once,
        // so that a large group costs no more than its size.
        let mut users_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for &a in active {
            for &v in &live[a].vars {
                users_of.entry(v).or_default().push(a);
            }
        }
        let in_conflict: FxHashSet<usize> = in_conflict.iter().copied().collect();
        for v in vars {
            let claim = &self.file.claims[v];
            let ClaimKind::Quantity(q) = &claim.kind else {
                continue;
            };
            if q.quantity.is_some() || in_conflict.contains(&v) {
                continue;
            }
            let dom = q.interval;
            let now = state[&v];
            let gained =
                (now.lo.is_finite() && now.lo > dom.lo) || (now.hi.is_finite() && now.hi < dom.hi);
            if !gained {
                continue;
            }
            let users: &[usize] = users_of.get(&v).map_or(&[], Vec::as_slice);
            let neighbours: Vec<usize> = users
                .iter()
                .take(3)
                .flat_map(|&a| live[a].vars.iter().copied())
                .collect();
            let tag = match q.tag {
                crate::number::Tag::Plain => self.tags.get(&v).copied().unwrap_or(q.tag),
                t => t,
            };
            let style = if q.unit.as_ref().is_some_and(|u| u.dim.is("date")) {
                Style::Date
            } else {
                Style::for_kind(tag.into(), self.scale_near(&neighbours))
            };
            let shown = shown_range(&now, &dom, &style);
            let mut f = self.finding(
                Code::NumericDerived,
                v,
                format!("the claims imply {} is {shown}", claim.id),
                q.value.span,
                format!("implied: {shown}"),
            );
            for &a in users.iter().take(3) {
                let c = live[a].claim;
                if let Some(t) = self.text_of(c) {
                    f = f
                        .label(t.span, "implies it")
                        .involving(&self.file.claims[c].id);
                }
            }
            self.out.push(f);
        }
    }
}

/// A derived range, leaving out a bound the domain already had (a count is always at
/// least 0: saying so is noise).
fn shown_range(now: &Interval, dom: &Interval, style: &Style) -> String {
    let lo = if now.lo > dom.lo {
        now.lo
    } else {
        f64::NEG_INFINITY
    };
    let hi = if now.hi < dom.hi {
        now.hi
    } else {
        f64::INFINITY
    };
    wording::range(&Interval::new(lo, hi), style)
}

/// Whether an interval moved enough to revise its users again.
fn moved(old: &Interval, new: &Interval) -> bool {
    let eps = |x: f64| 1e-9 * x.abs().max(1e-300);
    (new.lo > old.lo && (!old.lo.is_finite() || new.lo - old.lo > eps(old.lo)))
        || (new.hi < old.hi && (!old.hi.is_finite() || old.hi - new.hi > eps(old.hi)))
}

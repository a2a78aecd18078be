//! Evaluation forward (every node's interval from its children) and revision backward
//! (every child narrowed from its parent): the two halves of HC4-revise.

use super::{Meta, Op};
use crate::interval::Interval;

/// Forward evaluation. `vars` gives each claim's interval. Returns each node's interval,
/// and, where `meta` is given, the first division of a stated value by an interval that
/// holds zero.
pub fn eval(
    ops: &[Op],
    meta: &[Meta],
    vars: &dyn Fn(usize) -> Interval,
    out: &mut Vec<Interval>,
) -> Option<usize> {
    out.clear();
    out.reserve(ops.len());
    let mut undefined = None;
    for (i, op) in ops.iter().enumerate() {
        let v = match *op {
            Op::Const(c) => c,
            Op::Var(c) => vars(c),
            Op::Neg(a) => out[a].neg(),
            Op::Add(a, b) => out[a].add(&out[b]),
            Op::Sub(a, b) => out[a].sub(&out[b]),
            Op::Mul(a, b) => out[a].mul(&out[b]),
            Op::Div(a, b) => match out[a].div(&out[b]) {
                Some(q) => q,
                None => {
                    if meta.get(b).is_some_and(|m| !m.from_unknown) && undefined.is_none() {
                        undefined = Some(i);
                    }
                    out[a].div_relaxed(&out[b])
                }
            },
            Op::Min(a, b) => out[a].min(&out[b]),
            Op::Max(a, b) => out[a].max(&out[b]),
            Op::Abs(a) => out[a].abs(),
        };
        out.push(v);
    }
    undefined
}

/// Backward revision: narrows every child from its parent, after the caller has narrowed
/// the root. Returns `false` where some node became empty.
pub fn narrow(ops: &[Op], v: &mut [Interval]) -> bool {
    for i in (0..ops.len()).rev() {
        let z = v[i];
        if z.is_empty() {
            return false;
        }
        let set = |j: usize, w: Interval, v: &mut [Interval]| {
            v[j] = v[j].intersect(&w);
        };
        match ops[i] {
            Op::Const(_) | Op::Var(_) => {}
            Op::Neg(a) => set(a, z.neg(), v),
            Op::Add(a, b) => {
                let (x, y) = (v[a], v[b]);
                set(a, z.sub(&y), v);
                set(b, z.sub(&x), v);
            }
            Op::Sub(a, b) => {
                let (x, y) = (v[a], v[b]);
                set(a, z.add(&y), v);
                set(b, x.sub(&z), v);
            }
            Op::Mul(a, b) => {
                let (x, y) = (v[a], v[b]);
                if !z.contains(0.0) {
                    set(a, z.div_relaxed(&y), v);
                    let x = v[a];
                    set(b, z.div_relaxed(&x), v);
                } else {
                    if let Some(q) = z.div(&y) {
                        set(a, q, v);
                    }
                    if let Some(q) = z.div(&x) {
                        set(b, q, v);
                    }
                }
            }
            Op::Div(a, b) => {
                let y = v[b];
                set(a, z.mul(&y), v);
                if !z.contains(0.0) {
                    let x = v[a];
                    set(b, x.div_relaxed(&z), v);
                }
            }
            Op::Min(a, b) => {
                let floor = Interval::new(z.lo, f64::INFINITY);
                set(a, floor, v);
                set(b, floor, v);
            }
            Op::Max(a, b) => {
                let ceil = Interval::new(f64::NEG_INFINITY, z.hi);
                set(a, ceil, v);
                set(b, ceil, v);
            }
            Op::Abs(a) => set(a, Interval::new(-z.hi, z.hi), v),
        }
    }
    v.iter().all(|x| !x.is_empty())
}

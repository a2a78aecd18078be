//! One assertion on its own, on the stated values: does it hold, is it undefined (a
//! divisor that may be zero), would it hold had the writer truncated instead of
//! rounding, does it compare a percent with percentage points, and which alternative
//! function of the rules would hold. Reasoning only: `message.rs` words it.

use super::compile::Compiled;
use super::tolerance::Tolerance;
use crate::claim::{ClaimKind, ClaimsFile};
use crate::formula::{CmpOp, Expr, ExprKind};
use crate::interval::Interval;
use crate::number::Kind;
use crate::program::{self, Op, Scope};
use crate::rules::RuleSet;

/// What one assertion's evaluation on the stated values shows.
pub(super) struct Evaluated {
    /// The value of every node of the program.
    pub vals: Vec<Interval>,
    /// The verdict.
    pub verdict: Verdict,
    /// The kinds of the two sides where one is a percent (or a ratio) and the other
    /// percentage points: `numeric/percent-points`, whatever the verdict.
    pub mixes_percent_and_points: Option<(Kind, Kind)>,
    /// Where a strict comparison of stated values holds only at the one point where both
    /// sides touch: that point (`numeric/boundary`).
    pub boundary: Option<f64>,
}

/// Whether an assertion holds on the stated values.
pub(super) enum Verdict {
    /// It may hold: it takes part in propagation.
    Holds,
    /// The divisor at this node may be zero: the assertion is left unchecked.
    Undefined {
        /// The divisor's node.
        divisor: usize,
    },
    /// No stated values satisfy it.
    Fails {
        /// It would hold had the writer truncated its unhedged percents.
        truncation_helps: bool,
    },
}

/// Evaluates an assertion on `vars`, the stated interval of each claim.
pub(super) fn evaluate(c: &Compiled, file: &ClaimsFile, vars: &[Interval]) -> Evaluated {
    let mut vals = Vec::with_capacity(c.prog.ops.len());
    let undefined = program::eval(&c.prog.ops, &c.prog.meta, &|k| vars[k], &mut vals);
    let mixes_percent_and_points = mixed_kinds(c);
    let verdict = if let Some(node) = undefined {
        let divisor = if let Op::Div(_, b) = c.prog.ops[node] {
            b
        } else {
            node
        };
        Verdict::Undefined { divisor }
    } else if !fails(c.op, c.tol, &vals[c.lhs], &vals[c.rhs]) {
        Verdict::Holds
    } else {
        Verdict::Fails {
            truncation_helps: holds_truncated(c, file, vars),
        }
    };
    let boundary = match verdict {
        Verdict::Holds => touching(c, &vals[c.lhs], &vals[c.rhs]),
        _ => None,
    };
    Evaluated {
        vals,
        verdict,
        mixes_percent_and_points,
        boundary,
    }
}

/// For a strict comparison of stated values that holds: the point where both sides meet,
/// if that is the only place it holds (SPEC 4.1). Unknowns are exempt.
fn touching(c: &Compiled, l: &Interval, r: &Interval) -> Option<f64> {
    if c.prog.meta[c.lhs].from_unknown || c.prog.meta[c.rhs].from_unknown {
        return None;
    }
    // The two ends that meet: for `<`, the left's lowest and the right's highest.
    let (a, b) = match c.op {
        CmpOp::Lt => (l.lo, r.hi),
        CmpOp::Gt => (l.hi, r.lo),
        _ => return None,
    };
    if !a.is_finite() || !b.is_finite() {
        return None;
    }
    // Equal, up to the ulps of outward rounding.
    let eps = 1e-9 * a.abs().max(b.abs()).max(f64::MIN_POSITIVE);
    let touching = match c.op {
        CmpOp::Lt => a >= b - eps,
        _ => a <= b + eps,
    };
    touching.then_some((a + b) / 2.0)
}

/// Whether `l op r` fails: no values of the two intervals satisfy it (endpoints count as
/// closed, so touching intervals never fail).
pub fn fails(op: CmpOp, tol: Tolerance, l: &Interval, r: &Interval) -> bool {
    if l.is_empty() || r.is_empty() {
        return false;
    }
    match op {
        CmpOp::Eq => l.disjoint(r),
        CmpOp::Approx => l.widen(tol.of(l, r)).disjoint(r),
        CmpOp::Ne => l.is_point() && r.is_point() && l.lo == r.lo,
        CmpOp::Lt | CmpOp::Le => l.lo > r.hi,
        CmpOp::Gt | CmpOp::Ge => l.hi < r.lo,
    }
}

/// The two sides' kinds, where one is percentage points and the other a percent or a
/// ratio.
fn mixed_kinds(c: &Compiled) -> Option<(Kind, Kind)> {
    let (l, r) = (c.prog.meta[c.lhs].kind, c.prog.meta[c.rhs].kind);
    matches!(
        (l, r),
        (Kind::Points, Kind::Percent)
            | (Kind::Percent, Kind::Points)
            | (Kind::Ratio, Kind::Points)
            | (Kind::Points, Kind::Ratio)
    )
    .then_some((l, r))
}

/// Whether the assertion holds with every unhedged percent read as truncated, not
/// rounded (SPEC 4.2).
fn holds_truncated(c: &Compiled, file: &ClaimsFile, vars: &[Interval]) -> bool {
    let truncated = |k: usize| match &file.claims[k].kind {
        ClaimKind::Quantity(q) => q
            .quantity
            .as_ref()
            .and_then(|x| x.truncated)
            .map_or(vars[k], |t| q.domain.clamp(t)),
        _ => vars[k],
    };
    // Only the operations change (the right side's literal, truncated).
    let mut ops = c.prog.ops.clone();
    if let Some(t) = c.rhs_literal.as_ref().and_then(|q| q.truncated) {
        ops[c.rhs] = Op::Const(t);
    }
    let mut tvals = Vec::with_capacity(ops.len());
    program::eval(&ops, &c.prog.meta, &truncated, &mut tvals);
    !fails(c.op, c.tol, &tvals[c.lhs], &tvals[c.rhs])
}

/// The first alternative the rules give for the left side's function that would hold
/// (`growth` for `pp_change`), and whether it is in percentage points.
pub(super) fn holding_alternative<'r>(
    c: &Compiled,
    rules: &'r RuleSet,
    vars: &[Interval],
    scope: &Scope<'_>,
) -> Option<(&'r str, bool)> {
    let ExprKind::Call {
        name,
        args,
        name_span,
    } = &c.lhs_expr.kind
    else {
        return None;
    };
    let f = rules.functions.get(name.as_str())?;
    f.value.alternatives.iter().find_map(|alt| {
        let e = Expr {
            kind: ExprKind::Call {
                name: alt.as_str().into(),
                name_span: *name_span,
                args: args.clone(),
            },
            span: c.lhs_expr.span,
        };
        let mut p = c.prog.clone();
        let root = p.compile(&e, scope, &[], None).ok()?;
        let mut vals = Vec::new();
        program::eval(&p.ops, &p.meta, &|k| vars[k], &mut vals);
        (!fails(c.op, c.tol, &vals[root], &vals[c.rhs]))
            .then(|| (alt.as_str(), p.meta[root].kind == Kind::Points))
    })
}

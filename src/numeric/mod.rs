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

use crate::claim::{ClaimKind, ClaimsFile, Text};
use crate::code::Code;
use crate::expr::{self, CompileError, Op, Program, Scope};
use crate::finding::Finding;
use crate::formula::{self, CmpOp, Expr};
use crate::interval::Interval;
use crate::literal::{self, Literal, Quantity};
use crate::number::{Kind, Tag};
use crate::rules::RuleSet;
use crate::source::Span;

mod assertion;
mod propagate;
pub mod restate;

/// An assertion, compiled: one arena holding both sides.
struct Compiled {
    /// The assertion claim's index.
    claim: usize,
    prog: Program,
    lhs: usize,
    rhs: usize,
    op: CmpOp,
    /// The tolerance of `~=`.
    tol: Tolerance,
    lhs_expr: Expr,
    /// The right side, when it is a literal.
    rhs_literal: Option<Quantity>,
    rhs_text: String,
    /// Claim indices it names.
    vars: Vec<usize>,
}

/// What propagation keeps of an assertion that holds on its own: its operations alone
/// (units, kinds, spans and text served their purpose when it was checked alone).
struct Live {
    claim: usize,
    ops: Vec<Op>,
    lhs: usize,
    rhs: usize,
    op: CmpOp,
    tol: Tolerance,
    vars: Vec<usize>,
}

impl From<Compiled> for Live {
    fn from(c: Compiled) -> Live {
        let mut ops = c.prog.ops;
        ops.shrink_to_fit();
        Live {
            claim: c.claim,
            ops,
            lhs: c.lhs,
            rhs: c.rhs,
            op: c.op,
            tol: c.tol,
            vars: c.vars,
        }
    }
}

/// Runs the numeric checks of one file.
pub fn check(file: &ClaimsFile, rules: &RuleSet, out: &mut Vec<Finding>) {
    let scope = Scope { file, rules };
    let vars: Vec<Interval> = file
        .claims
        .iter()
        .map(|c| match &c.kind {
            ClaimKind::Quantity(q) => q.interval,
            _ => Interval::ALL,
        })
        .collect();
    let mut ctx = Ctx {
        file,
        rules,
        vars,
        out,
        work: std::cell::Cell::new(PROPAGATION_WORK.saturating_add(
            PROPAGATION_WORK_PER_BYTE.saturating_mul(file.source.text.len() as u64),
        )),
        tags: rustc_hash::FxHashMap::default(),
    };

    let mut live = Vec::new();
    let mut nodes = 0usize;
    for (i, c) in file.claims.iter().enumerate() {
        let ClaimKind::Assertion(text) = &c.kind else {
            continue;
        };
        if nodes > MAX_FILE_NODES {
            let f = ctx.finding(
                Code::FormulaInvalid,
                i,
                format!(
                    "the assertions of this file expand to more than {MAX_FILE_NODES} operations in all: this one is left unchecked"
                ),
                text.span,
                "unchecked".into(),
            );
            ctx.out.push(f);
            continue;
        }
        let Some(comp) = ctx.compile(i, text, &scope) else {
            continue;
        };
        nodes += comp.prog.ops.len();
        ctx.infer_tags(&comp);
        if ctx.check_alone(&comp, text, &scope) {
            live.push(Live::from(comp));
        }
    }
    ctx.propagate_all(&live);
}

struct Ctx<'a> {
    file: &'a ClaimsFile,
    rules: &'a RuleSet,
    vars: Vec<Interval>,
    out: &'a mut Vec<Finding>,
    /// Node revisions propagation may still spend in this file: past it, propagation
    /// reports what it has proved (sound, if less narrow), so no file can make it hang.
    work: std::cell::Cell<u64>,
    /// The tag an unknown without one takes from what it meets (SPEC 3), so that what
    /// the claims imply of it is worded in percent or points.
    tags: rustc_hash::FxHashMap<usize, Tag>,
}

/// Node revisions propagation may spend in a file: this many, plus
/// [`PROPAGATION_WORK_PER_BYTE`] for each byte of it (a fraction of a second for a small
/// file in a release build, growing linearly with the file).
pub const PROPAGATION_WORK: u64 = 20_000_000;
/// Node revisions allowed per byte of the claims file, beyond [`PROPAGATION_WORK`].
pub const PROPAGATION_WORK_PER_BYTE: u64 = 100;
/// Operations all the assertions of one file may expand to, functions inlined.
pub const MAX_FILE_NODES: usize = 20_000_000;

impl Ctx<'_> {
    /// An unknown without a tag takes the tag of what it meets in `+`, `-`, a comparison,
    /// or a ratio of two claims (`growth`, `decline`): the first one met.
    fn infer_tags(&mut self, c: &Compiled) {
        let (ops, meta) = (&c.prog.ops, &c.prog.meta);
        let tag = |k: Kind| match k {
            Kind::Percent => Some(Tag::Percent),
            Kind::Points => Some(Tag::Points),
            _ => None,
        };
        let meet = |i: usize, other: usize, tags: &mut rustc_hash::FxHashMap<usize, Tag>| {
            if let Op::Var(v) = ops[i]
                && meta[i].from_unknown
                && meta[i].kind == Kind::Plain
                && let Some(t) = tag(meta[other].kind)
            {
                tags.entry(v).or_insert(t);
            }
        };
        for op in ops {
            match *op {
                Op::Add(a, b) | Op::Sub(a, b) | Op::Min(a, b) | Op::Max(a, b) => {
                    meet(a, b, &mut self.tags);
                    meet(b, a, &mut self.tags);
                }
                Op::Div(a, b) if matches!(ops[a], Op::Var(_)) && matches!(ops[b], Op::Var(_)) => {
                    meet(a, b, &mut self.tags);
                    meet(b, a, &mut self.tags);
                }
                _ => {}
            }
        }
        meet(c.lhs, c.rhs, &mut self.tags);
        meet(c.rhs, c.lhs, &mut self.tags);
    }

    fn text_of(&self, claim: usize) -> Option<&Text> {
        match &self.file.claims.get(claim)?.kind {
            ClaimKind::Assertion(t) => Some(t),
            ClaimKind::Quantity(q) => Some(&q.value),
            ClaimKind::Status(s) => Some(&s.phrase),
        }
    }

    fn finding(
        &self,
        code: Code,
        claim: usize,
        message: String,
        span: Span,
        label: String,
    ) -> Finding {
        Finding::new(code, &self.file.source, message, span, label)
            .owner(claim, &self.file.claims[claim].id)
    }

    /// Parses and compiles an assertion; reports what cannot be read.
    fn compile(&mut self, claim: usize, text: &Text, scope: &Scope<'_>) -> Option<Compiled> {
        let scales = |w: &str| self.rules.scales.get(w).map(|e| e.value);
        let split = match formula::split_assertion(&text.text, Some(&scales)) {
            Ok(s) => s,
            Err(e) => {
                let f = self.finding(
                    Code::FormulaInvalid,
                    claim,
                    format!("cannot read the assertion: {}", e.message),
                    text.part(e.span.start, e.span.end().max(e.span.start + 1)),
                    "here".into(),
                );
                self.out.push(f);
                return None;
            }
        };
        let rhs_text = text.text[split.rhs_start..].trim().to_owned();
        let mut prog = Program::default();
        let result = (|| -> Result<(usize, usize, Option<Quantity>), Outcome> {
            let lhs = prog
                .compile(&split.lhs, scope, &[], None)
                .map_err(Outcome::Compile)?;
            // A date on the right of a date is read as one (`opened < 2025-06`).
            let lhs_date = prog.units[lhs].as_ref().is_some_and(|u| u.is("date"));
            let read = match literal::date(&rhs_text, self.rules, lhs_date) {
                Some(days) => Ok(Literal::Value(Quantity {
                    interval: days,
                    unit: crate::unit::parse("date", None, self.rules).map(Box::new),
                    tag: crate::number::Tag::Plain,
                    hedged: false,
                    truncated: None,
                    scale: None,
                })),
                None => literal::parse(&rhs_text, self.rules),
            };
            let (rhs, lit) = match read {
                Ok(Literal::Value(q)) => {
                    let lead = text.text[split.rhs_start..].len()
                        - text.text[split.rhs_start..].trim_start().len();
                    let span = Span::new(split.rhs_start + lead, rhs_text.len());
                    let node = expr::Node {
                        op: Op::Const(q.interval),
                        kind: q.tag.into(),
                        from_unknown: false,
                        span,
                    };
                    let unit = q.unit.as_ref().map(|u| u.dim.clone());
                    let root = prog.push(node, unit).map_err(Outcome::Compile)?;
                    (root, Some(q))
                }
                Ok(Literal::Unknown) => {
                    return Err(Outcome::Syntax(formula::FormulaError {
                        message:
                            "`unknown` is a value for a quantity claim, not a side of an assertion"
                                .into(),
                        span: Span::new(split.rhs_start, text.text.len() - split.rhs_start),
                    }));
                }
                Err(lit_err) => {
                    match formula::parse_expr_at(&text.text, split.rhs_start, Some(&scales)) {
                        Ok(e) => (
                            prog.compile(&e, scope, &[], None)
                                .map_err(Outcome::Compile)?,
                            None,
                        ),
                        Err(fe) => {
                            // A right side that starts like a literal gets the literal's error.
                            return Err(
                                if lit_err.help.is_some()
                                    || !rhs_text.starts_with(|c: char| {
                                        c.is_ascii_alphabetic() || c == '_' || c == '('
                                    })
                                {
                                    let lead = text.text[split.rhs_start..].len()
                                        - text.text[split.rhs_start..].trim_start().len();
                                    Outcome::Literal(lit_err, split.rhs_start + lead)
                                } else {
                                    Outcome::Syntax(fe)
                                },
                            );
                        }
                    }
                }
            };
            prog.same_unit(lhs, rhs).map_err(Outcome::Compile)?;
            Ok((lhs, rhs, lit))
        })();
        let (lhs, rhs, rhs_literal) = match result {
            Ok(r) => r,
            Err(o) => {
                let f = self.outcome_finding(claim, text, o);
                self.out.push(f);
                return None;
            }
        };
        let mut vars: Vec<usize> = prog
            .ops
            .iter()
            .filter_map(|op| if let Op::Var(c) = *op { Some(c) } else { None })
            .collect();
        vars.sort_unstable();
        vars.dedup();
        let tagged = |k: Kind| matches!(k, Kind::Percent | Kind::Points | Kind::Ratio);
        let (lk, rk) = (prog.meta[lhs].kind, prog.meta[rhs].kind);
        // Both sides in percents or points (a share or growth compared with a percent
        // counts as one): the points tolerance; anything else: the relative one.
        let tol = if tagged(lk) && tagged(rk) && (lk != Kind::Ratio || rk != Kind::Ratio) {
            Tolerance::Points(self.rules.approx_points.value)
        } else {
            Tolerance::Relative(self.rules.approx_relative.value)
        };
        Some(Compiled {
            claim,
            prog,
            lhs,
            rhs,
            op: split.op,
            tol,
            lhs_expr: split.lhs,
            rhs_literal,
            rhs_text,
            vars,
        })
    }

    fn outcome_finding(&self, claim: usize, text: &Text, o: Outcome) -> Finding {
        let part = |s: Span| text.part(s.start, s.end().max(s.start + 1));
        let with_help = |code, message: String, span: Span, label: &str, help: Option<String>| {
            let mut f = self.finding(code, claim, message, span, label.into());
            f.help = help;
            f
        };
        match o {
            Outcome::Syntax(e) => with_help(
                Code::FormulaInvalid,
                format!("cannot read the assertion: {}", e.message),
                part(e.span),
                "here",
                None,
            ),
            Outcome::Literal(e, base) => with_help(
                Code::LiteralInvalid,
                format!("cannot read the right side: {}", e.message),
                part(Span::new(base + e.start, e.end.max(e.start + 1) - e.start)),
                "here",
                e.help,
            ),
            Outcome::Compile(CompileError::Ref {
                message,
                span,
                help,
            }) => with_help(
                Code::RefUnknown,
                message,
                part(span),
                "not a quantity of this file",
                help,
            ),
            Outcome::Compile(CompileError::Formula {
                message,
                span,
                help,
            }) => with_help(Code::FormulaInvalid, message, part(span), "here", help),
            Outcome::Compile(CompileError::Unit {
                message,
                left,
                left_unit,
                right,
                right_unit,
            }) => self
                .finding(
                    Code::UnitMismatch,
                    claim,
                    message,
                    part(left),
                    format!("in {left_unit}"),
                )
                .label(part(right), format!("in {right_unit}"))
                .help("convert one side, or compare values of the same unit"),
        }
    }
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

/// How far apart the two sides of `~=` may be (SPEC 4): points between two percents,
/// else a share of the larger magnitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tolerance {
    /// An absolute distance (percentage points, as a fraction).
    Points(f64),
    /// A share of the larger of the largest absolute values of the two sides.
    Relative(f64),
}

impl Tolerance {
    /// The distance allowed between `l` and `r`: an upper bound of the true one, since
    /// the intervals hold the true values.
    pub fn of(self, l: &Interval, r: &Interval) -> f64 {
        match self {
            Tolerance::Points(p) => p,
            Tolerance::Relative(f) => {
                let m = l.abs().hi.max(r.abs().hi);
                if m.is_finite() {
                    Interval::point(m).mul(&Interval::point(f)).hi
                } else {
                    f64::INFINITY
                }
            }
        }
    }

    /// How far a value may lie from one in `other`, whatever its own size: for the
    /// relative tolerance f, |x - y| <= f max(|x|, |y|) gives |x - y| <= f / (1 - f) |y|.
    pub fn toward(self, other: &Interval) -> f64 {
        match self {
            Tolerance::Points(p) => p,
            Tolerance::Relative(f) if f < 1.0 => {
                let m = other.abs().hi;
                if m.is_finite() {
                    let one_minus = Interval::point(1.0).sub(&Interval::point(f));
                    let k = Interval::point(f).div_relaxed(&one_minus);
                    Interval::point(m).mul(&k).hi
                } else {
                    f64::INFINITY
                }
            }
            Tolerance::Relative(_) => f64::INFINITY,
        }
    }

    /// In words, for messages: `2 pp`, `10%`.
    pub fn words(self) -> String {
        match self {
            Tolerance::Points(p) => format!("{} pp", crate::wording::significant(p * 100.0, 4)),
            Tolerance::Relative(f) => format!("{}%", crate::wording::significant(f * 100.0, 4)),
        }
    }
}

fn op_words(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "equal to",
        CmpOp::Approx => "about equal to",
        CmpOp::Ne => "different from",
        CmpOp::Lt => "less than",
        CmpOp::Le => "at most",
        CmpOp::Gt => "more than",
        CmpOp::Ge => "at least",
    }
}

enum Outcome {
    Syntax(formula::FormulaError),
    Literal(literal::LiteralError, usize),
    Compile(CompileError),
}

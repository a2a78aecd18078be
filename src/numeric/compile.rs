//! An assertion, read and compiled: both sides in one program, the right side a literal
//! where it reads as one (`half`, `about 25%`), else a formula.

use super::tolerance::Tolerance;
use crate::claim::Text;
use crate::formula::{self, CmpOp, Expr, FormulaError};
use crate::literal::{self, Literal, LiteralError, Quantity};
use crate::number::{Kind, Tag};
use crate::program::{self, CompileError, Op, Program, Scope};
use crate::rules::RuleSet;
use crate::source::Span;

/// An assertion, compiled: one program holding both sides.
pub(super) struct Compiled {
    /// The assertion claim's index.
    pub claim: usize,
    pub prog: Program,
    /// The root nodes of the two sides.
    pub lhs: usize,
    pub rhs: usize,
    pub op: CmpOp,
    /// The tolerance of `~=`.
    pub tol: Tolerance,
    /// The left side's syntax tree, to word it in the document's terms.
    pub lhs_expr: Expr,
    /// The right side, when it is a literal.
    pub rhs_literal: Option<Quantity>,
    pub rhs_text: compact_str::CompactString,
    /// Claim indices it names, sorted.
    pub vars: Vec<usize>,
}

/// What propagation keeps of an assertion that holds on its own: its operations alone
/// (units, kinds, spans and text served their purpose when it was checked alone).
pub(super) struct Live {
    pub claim: usize,
    pub ops: Vec<Op>,
    pub lhs: usize,
    pub rhs: usize,
    pub op: CmpOp,
    pub tol: Tolerance,
    pub vars: Vec<usize>,
    /// The kinds of the two sides, for wording what propagation proves.
    pub kinds: (Kind, Kind),
    /// The left side's span in the assertion's text.
    pub lhs_span: Span,
    /// The size, in base units, of the unit its sides are worded in (1000 for kg where
    /// the values are held in grams).
    pub unit: f64,
}

impl Live {
    /// What propagation keeps of `c`, its sides worded in a unit `unit` base units large
    /// (its operations copied, so that its program serves the next assertion).
    pub fn new(c: &mut Compiled, unit: f64) -> Live {
        Live {
            claim: c.claim,
            ops: c.prog.ops.clone(),
            lhs: c.lhs,
            rhs: c.rhs,
            op: c.op,
            tol: c.tol,
            kinds: (c.prog.meta[c.lhs].kind, c.prog.meta[c.rhs].kind),
            lhs_span: c.lhs_expr.span,
            vars: std::mem::take(&mut c.vars),
            unit,
        }
    }
}

/// Why an assertion cannot be compiled.
pub(super) enum CompileFailure {
    /// It does not parse.
    Syntax(FormulaError),
    /// Its right side starts like a literal but is not one (the literal's error, and
    /// where the right side starts in the assertion).
    Literal(LiteralError, usize),
    /// It parses, but names what it cannot (an unknown id or function, units that clash).
    Compile(CompileError),
}

/// Parses and compiles the assertion of claim `claim`, into `spare` emptied (a program
/// of an earlier assertion, so that its room is used again).
pub(super) fn compile(
    claim: usize,
    text: &Text,
    scope: &Scope<'_>,
    rules: &RuleSet,
    spare: Program,
) -> Result<Compiled, CompileFailure> {
    let words = literal::FormulaWords(rules);
    let split =
        formula::split_assertion(&text.text, Some(&words)).map_err(CompileFailure::Syntax)?;
    let rhs_text = compact_str::CompactString::from(text.text[split.rhs_start..].trim());
    let mut prog = spare;
    prog.clear();
    let (lhs, rhs, rhs_literal) = compile_sides(
        &mut prog,
        &split.lhs,
        text,
        split.rhs_start,
        &rhs_text,
        scope,
        rules,
    )?;
    let mut vars: Vec<usize> = prog
        .ops
        .iter()
        .filter_map(|op| if let Op::Var(c) = *op { Some(c) } else { None })
        .collect();
    vars.sort_unstable();
    vars.dedup();
    // A side without a tag (an unknown, a bare number) takes the other's (SPEC 3), so
    // that `support_a ~= support_b` with an unknown `support_b` is within points.
    let (kl, kr) = (prog.meta[lhs].kind, prog.meta[rhs].kind);
    let tol = Tolerance::for_sides(
        if prog.adapts(lhs) { kr } else { kl },
        if prog.adapts(rhs) { kl } else { kr },
        rules,
    );
    Ok(Compiled {
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

/// Compiles both sides into `prog`, the right one as a literal where it reads as one;
/// checks that their units agree. Returns their roots, and the literal.
fn compile_sides(
    prog: &mut Program,
    lhs_expr: &Expr,
    text: &Text,
    rhs_start: usize,
    rhs_text: &str,
    scope: &Scope<'_>,
    rules: &RuleSet,
) -> Result<(usize, usize, Option<Quantity>), CompileFailure> {
    let lhs = prog
        .compile(lhs_expr, scope, &[], None)
        .map_err(CompileFailure::Compile)?;
    let rest = &text.text[rhs_start..];
    // Where the right side's text starts, past white space.
    let rhs_at = rhs_start + rest.len() - rest.trim_start().len();
    // A date on the right of a date is read as one (`opened < 2025-06`).
    let lhs_date = prog.units[lhs].as_ref().is_some_and(|u| u.is("date"));
    // The id of a quantity of the file on the right is that quantity, even where it is
    // also a word of the rules (`one`, `no`, `half`, `most`) or shaped like a time
    // (`FY2024`): the writer named it (README, Decisions). An assertion or a status
    // claim is no value: the word is read (`- id: half` asserting `= half`).
    let names_a_claim = is_id(rhs_text)
        && matches!(
            scope.lookup(rhs_text),
            Some((_, program::Ref::Quantity { .. } | program::Ref::Unread(_)))
        );
    let read = if names_a_claim {
        // Not a literal: read below as a formula, the id alone.
        Err(literal::LiteralError {
            message: String::new(),
            start: 0,
            end: 0,
            help: None,
        })
    } else {
        match literal::date(rhs_text, rules, lhs_date) {
            Some(days) => Ok(Literal::Value(Quantity {
                interval: days,
                unit: rules.read_unit("date", None).map(Box::new),
                tag: crate::number::Tag::Plain,
                hedged: false,
                truncated: None,
                scale: None,
            })),
            None => literal::parse(rhs_text, rules),
        }
    };
    let (lhs, rhs, lit) = match read {
        Ok(Literal::Value(mut q)) => {
            // A literal without a unit takes the unit of the other side (SPEC 3), as the
            // claims there write it: `harvest = 5 mln` with `harvest` in tonnes is 5 mln
            // tonnes, not 5 mln grams (the base unit values are held in).
            if q.unit.is_none() && q.tag == crate::number::Tag::Plain {
                let f = prog.factors[lhs].unwrap_or(1.0);
                if f.is_finite() && f > 0.0 && f != 1.0 {
                    q.interval = q.interval.mul(&crate::interval::Interval::point(f));
                    q.truncated = q
                        .truncated
                        .map(|t| t.mul(&crate::interval::Interval::point(f)));
                }
            }
            let node = program::Node {
                op: Op::Const(q.interval),
                kind: q.tag.into(),
                from_unknown: false,
                span: Span::new(rhs_at, rhs_text.len()),
            };
            let unit = q.unit.as_ref().map(|u| u.dim.clone());
            let root = prog.push(node, unit).map_err(CompileFailure::Compile)?;
            // The literal is read: a left side of bare numbers takes its unit as written
            // (`5 mln < 6 mln tonnes` compares tonnes).
            prog.bare[root] = false;
            prog.factors[root] = q.unit.as_ref().map(|u| u.factor);
            let (lhs, root) = prog.meet(lhs, root).map_err(CompileFailure::Compile)?;
            (lhs, root, Some(q))
        }
        Ok(Literal::Unknown) => {
            return Err(CompileFailure::Syntax(FormulaError {
                message: "`unknown` is a value for a quantity claim, not a side of an assertion"
                    .into(),
                span: Span::new(rhs_start, text.text.len() - rhs_start),
            }));
        }
        Err(lit_err) => {
            let words = literal::FormulaWords(rules);
            match formula::parse_expr_at(&text.text, rhs_start, Some(&words)) {
                Ok(e) => {
                    let rhs = prog
                        .compile(&e, scope, &[], None)
                        .map_err(CompileFailure::Compile)?;
                    // A side of bare numbers takes the claim unit of the other side.
                    let (lhs, rhs) = prog.meet(lhs, rhs).map_err(CompileFailure::Compile)?;
                    (lhs, rhs, None)
                }
                // A right side that starts like a literal gets the literal's error.
                Err(fe) => {
                    let like_a_formula = rhs_text
                        .starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '(');
                    return Err(if lit_err.help.is_some() || !like_a_formula {
                        CompileFailure::Literal(lit_err, rhs_at)
                    } else {
                        CompileFailure::Syntax(fe)
                    });
                }
            }
        }
    };
    prog.same_unit(lhs, rhs).map_err(CompileFailure::Compile)?;
    Ok((lhs, rhs, lit))
}

/// Whether `text` has the form of an id (SPEC 2: `[A-Za-z_][A-Za-z0-9_]*`).
fn is_id(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// An unknown without a tag takes the tag of what it meets in `+`, `-`, a comparison, or
/// a ratio of two claims (`growth`, `decline`): the first one met (SPEC 3), so that what
/// the claims imply of it is worded in percent or points.
pub(super) fn infer_tags(c: &Compiled, tags: &mut rustc_hash::FxHashMap<usize, Tag>) {
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
                meet(a, b, tags);
                meet(b, a, tags);
            }
            Op::Div(a, b) if matches!(ops[a], Op::Var(_)) && matches!(ops[b], Op::Var(_)) => {
                meet(a, b, tags);
                meet(b, a, tags);
            }
            _ => {}
        }
    }
    meet(c.lhs, c.rhs, tags);
    meet(c.rhs, c.lhs, tags);
}

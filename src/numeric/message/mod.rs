//! Every message of the numeric checks, in one place: what the reasoning of
//! `assertion.rs` and `propagate.rs` found, worded in the document's terms (its scale
//! words, percents or points, a function's phrase from the rules).

use crate::claim::{ClaimKind, ClaimsFile, QuantityClaim, Text};
use crate::code::Code;
use crate::finding::Finding;
use crate::formula::{CmpOp, ExprKind};
use crate::interval::Interval;
use crate::number::Kind;
use crate::numeric::MAX_FILE_NODES;
use crate::numeric::assertion::{Evaluated, Verdict, holding_alternative};
use crate::numeric::compile::{CompileFailure, Compiled};
use crate::numeric::propagate::{Conflict, Derived, Forced};
use crate::program::{CompileError, Scope};
use crate::rules::RuleSet;
use crate::source::Span;
use crate::wording::{self, Style};

mod help;

/// The scale word a quantity was written with (`mln`) and its factor, if the rules know it.
pub fn scale_of(q: &QuantityClaim, rules: &RuleSet) -> Option<(compact_str::CompactString, f64)> {
    let w = q.quantity.as_ref()?.scale.clone()?;
    rules.scales.get(w.as_str()).map(|e| (w, e.value))
}

/// How a quantity's values are shown: as a percent, in points, or in its own unit and
/// scale (`5 mln` for `5 mln` tonnes, whose interval is held in grams).
pub fn style_of(q: &QuantityClaim, rules: &RuleSet) -> Style {
    if is_date(q) {
        return Style::Date;
    }
    Style::for_kind(q.tag.into(), scale_of(q, rules)).in_unit(unit_factor(q))
}

/// How many base units one of a quantity's own unit is (1 without a unit).
fn unit_factor(q: &QuantityClaim) -> f64 {
    q.unit.as_ref().map_or(1.0, |u| u.factor)
}

/// Whether a quantity is a date (SPEC 3: its unit is `date`).
fn is_date(q: &QuantityClaim) -> bool {
    q.unit.as_ref().is_some_and(|u| u.dim.is("date"))
}

/// Words the findings of one file's numeric checks.
pub(super) struct Messages<'a> {
    pub file: &'a ClaimsFile,
    pub rules: &'a RuleSet,
    /// The tag each unknown without one takes from what it meets (SPEC 3).
    pub tags: rustc_hash::FxHashMap<usize, crate::number::Tag>,
}

impl Messages<'_> {
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

    /// The text a claim is labelled by: an assertion, a literal, a status phrase.
    fn text_of(&self, claim: usize) -> Option<&Text> {
        match &self.file.claims.get(claim)?.kind {
            ClaimKind::Assertion(t) => Some(t),
            ClaimKind::Quantity(q) => Some(&q.value),
            ClaimKind::Status(s) => Some(&s.phrase),
        }
    }

    /// An assertion past the file's budget of operations, left unchecked.
    pub fn too_large(&self, claim: usize, text: &Text) -> Finding {
        self.finding(
            Code::FormulaInvalid,
            claim,
            format!(
                "the assertions of this file expand to more than {MAX_FILE_NODES} operations in all: this one is left unchecked"
            ),
            text.span,
            "unchecked".into(),
        )
    }

    /// An assertion that cannot be read or compiled.
    pub fn compile_failure(&self, claim: usize, text: &Text, failure: CompileFailure) -> Finding {
        let part = |s: Span| text.part(s.start, s.end().max(s.start + 1));
        let with_help = |code, message: String, span: Span, label: &str, help: Option<String>| {
            let mut f = self.finding(code, claim, message, span, label.into());
            f.help = help;
            f
        };
        match failure {
            CompileFailure::Syntax(e) => with_help(
                Code::FormulaInvalid,
                format!("cannot read the assertion: {}", e.message),
                part(e.span),
                "here",
                None,
            ),
            CompileFailure::Literal(e, base) => with_help(
                Code::LiteralInvalid,
                format!("cannot read the right side: {}", e.message),
                part(Span::new(base + e.start, e.end.max(e.start + 1) - e.start)),
                "here",
                e.help,
            ),
            CompileFailure::Compile(CompileError::Ref {
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
            CompileFailure::Compile(CompileError::Unread {
                id,
                span,
                claim: unread,
            }) => {
                let line = self.file.source.line(unread.start);
                self.finding(
                    Code::RefUnchecked,
                    claim,
                    format!(
                        "`{id}` (line {line}) could not be read, so this assertion was not checked"
                    ),
                    part(span),
                    "could not be read".into(),
                )
                .label(unread, "reported here")
                .help(format!(
                    "mend `{id}` first: its own finding says what is wrong"
                ))
            }
            CompileFailure::Compile(CompileError::Formula {
                message,
                span,
                help,
            }) => with_help(Code::FormulaInvalid, message, part(span), "here", help),
            CompileFailure::Compile(CompileError::Unit {
                left,
                left_unit,
                right,
                right_unit,
                message,
            }) => self.unit_mismatch(claim, text, message, (left, left_unit), (right, right_unit)),
        }
    }

    /// `unit/mismatch` between two sides of `+`, `-` or a comparison: each side named
    /// with its unit, as the claim or the rules spell it (`` `weight` is in kg and
    /// `price` in USD ``).
    fn unit_mismatch(
        &self,
        claim: usize,
        text: &Text,
        message: String,
        (left, left_unit): (Span, String),
        (right, right_unit): (Span, String),
    ) -> Finding {
        let part = |s: Span| text.part(s.start, s.end().max(s.start + 1));
        // A rule of its own (dates are subtracted, moved by days and compared, never
        // added or multiplied) keeps the program's words.
        if left_unit == "date" || right_unit == "date" {
            return self
                .finding(Code::UnitMismatch, claim, message, part(left), format!("in {left_unit}"))
                .label(part(right), format!("in {right_unit}"))
                .help("subtract one date from the other for the days between them, or move a date by days (`signed + 30 days`)");
        }
        // A side that is one quantity claim is in the unit that claim wrote (`kg`), unless
        // that is the base unit itself, which is spelt as the rules spell it (`USD`).
        let unit_of = |s: Span, dim: String| {
            self.file
                .claim_index(src_text(text, s).trim())
                .and_then(|i| match &self.file.claims[i].kind {
                    ClaimKind::Quantity(q) => q.unit.as_ref().map(|u| u.written.to_string()),
                    _ => None,
                })
                .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case(&dim))
                .unwrap_or(dim)
        };
        let (lu, ru) = (unit_of(left, left_unit), unit_of(right, right_unit));
        let side = |s: Span| wording::shorten(src_text(text, s).trim(), 60);
        let message = if left == right {
            // Both sides inside one call of a function of the rules.
            format!(
                "`{}` combines a value in {lu} with one in {ru}, which cannot be added, subtracted or compared",
                side(left)
            )
        } else {
            format!(
                "`{}` is in {lu} and `{}` in {ru}: they cannot be added, subtracted or compared",
                side(left),
                side(right)
            )
        };
        self.finding(Code::UnitMismatch, claim, message, part(left), format!("in {lu}"))
            .label(part(right), format!("in {ru}"))
            .help(if lu.contains(" per ") || ru.contains(" per ") || lu.contains('/') || ru.contains('/') {
                "`+`, `-` and comparisons need one unit on both sides: correct the `unit` of one claim, or convert one side with a rate".to_owned()
            } else {
                format!(
                    "`+`, `-` and comparisons need one unit on both sides: correct the `unit` of one claim, or convert one side with a rate (a claim in {lu} per {ru})"
                )
            })
    }

    /// The findings of one assertion on its own, from its evaluation.
    pub fn alone(
        &self,
        c: &Compiled,
        text: &Text,
        e: &Evaluated,
        vars: &[Interval],
        scope: &Scope<'_>,
        out: &mut Vec<Finding>,
    ) {
        if let Some((l, r)) = e.mixes_percent_and_points {
            out.push(self.percent_points(c, text, l, r));
        }
        if let Some(point) = e.boundary {
            out.push(self.boundary(c, text, point));
        }
        match e.verdict {
            Verdict::Holds => {}
            Verdict::Undefined { divisor } => out.push(self.undefined(c, text, &e.vals, divisor)),
            Verdict::Fails { truncation_helps } => {
                out.push(self.mismatch(c, text, &e.vals, truncation_helps, vars, scope));
            }
        }
    }

    /// `numeric/boundary`: a strict comparison of stated values that holds only where
    /// both sides meet, at `point` (SPEC 4.1).
    fn boundary(&self, c: &Compiled, text: &Text, point: f64) -> Finding {
        let (lhs_style, _) = self.styles(c);
        let point = wording::stated(&Interval::point(point), &lhs_style);
        let side = |e: &crate::formula::Expr| -> String {
            if let ExprKind::Id(id) = &e.kind
                && let Some(i) = self.file.claim_index(id)
                && let ClaimKind::Quantity(q) = &self.file.claims[i].kind
            {
                return q.value.text.to_string();
            }
            format!("`{}`", src_text(text, e.span))
        };
        let rhs_words = if c.rhs_literal.is_some() {
            c.rhs_text.to_string()
        } else {
            match crate::formula::parse_expr_at(&text.text, c.prog.meta[c.rhs].span.start, None) {
                Ok(e) => side(&e),
                Err(_) => format!("`{}`", c.rhs_text),
            }
        };
        self.finding(
            Code::NumericBoundary,
            c.claim,
            format!(
                "`{}` holds only if {} and {} are both {point}",
                text.text.trim(),
                side(&c.lhs_expr),
                rhs_words
            ),
            text.part(0, text.text.len()),
            format!("holds only at {point}"),
        )
        .help("a strict comparison needs the two sides apart: check the figures (were they swapped?), or the verb")
    }

    fn percent_points(&self, c: &Compiled, text: &Text, l: Kind, r: Kind) -> Finding {
        let name = |k: Kind| match k {
            Kind::Points => "a difference of percentages (percentage points)",
            Kind::Percent => "a percent",
            Kind::Ratio => "a relative change or ratio",
            Kind::Plain => "a number",
        };
        let rs = c.prog.meta[c.rhs].span;
        self.finding(
            Code::NumericPercentPoints,
            c.claim,
            format!("{} is compared with {}", name(l), name(r)),
            text.part(0, text.text.len()),
            name(l).into(),
        )
        .label(text.part(rs.start, rs.end()), name(r).to_owned())
        .help("a change between two percents is in percentage points (pp); a percent change is relative: say which one the text means")
    }

    fn undefined(&self, c: &Compiled, text: &Text, vals: &[Interval], divisor: usize) -> Finding {
        let dspan = c.prog.meta[divisor].span;
        self.finding(
            Code::NumericUndefined,
            c.claim,
            format!(
                "`{}` is {}, which holds zero: the division is undefined and the assertion is left unchecked",
                src_text(text, dspan),
                wording::range(
                    &vals[divisor],
                    &Style::for_kind(Kind::Plain, self.scale_near(&c.vars))
                        .in_unit(self.unit_near(&c.vars, c.prog.units[divisor].as_ref()))
                )
            ),
            text.part(dspan.start, dspan.end()),
            "may be zero".into(),
        )
        .help("state the divisor without zero in its range")
    }

    /// `numeric/rounding` where truncation would make it hold, else `numeric/mismatch`;
    /// labelled on the right side and on every quantity it names.
    fn mismatch(
        &self,
        c: &Compiled,
        text: &Text,
        vals: &[Interval],
        truncation_helps: bool,
        vars: &[Interval],
        scope: &Scope<'_>,
    ) -> Finding {
        let (lhs_style, mut rhs_style) = self.styles(c);
        // Where the two sides are written in different units of one kind (kg and gram),
        // each value names its unit; a literal with a unit of its own is shown in it.
        let units = self.mixed_units(c);
        if let (Some(_), Some(q)) = (&units, &c.rhs_literal)
            && let Some(u) = &q.unit
        {
            rhs_style = rhs_style.in_unit(u.factor);
        }
        let (mut lw, mut rw) = wording::pair(&vals[c.lhs], &lhs_style, &vals[c.rhs], &rhs_style);
        if c.rhs_literal.is_some() {
            rw = wording::stated(&vals[c.rhs], &rhs_style);
        }
        if let Some((l_unit, r_unit)) = &units {
            lw = format!("{lw} {l_unit}");
            rw = format!("{rw} {r_unit}");
        }
        let lhs_desc = self.describe(c, text, &lw);
        let whole = text.part(0, text.text.len());
        let mut f = if truncation_helps {
            self.finding(
                Code::NumericRounding,
                c.claim,
                format!("{lhs_desc}, which does not round to `{}`: it holds only if the figures were truncated, not rounded", c.rhs_text),
                whole,
                lw.clone(),
            )
            .help("write the rounded figure, or allow `numeric/rounding` with the reason the text truncates")
        } else {
            let rhs_desc = if c.rhs_literal.is_some() {
                format!("`{}` reads as {rw}", c.rhs_text)
            } else {
                format!("`{}` is {rw}", c.rhs_text)
            };
            let msg = match c.op {
                CmpOp::Eq => format!("{lhs_desc}, but {rhs_desc}"),
                CmpOp::Approx => format!(
                    "{lhs_desc}, but {rhs_desc}: farther apart than the {} that `~=` allows",
                    c.tol.words()
                ),
                _ => format!(
                    "{lhs_desc} and {rhs_desc}, so `{}` cannot hold",
                    wording::shorten(&text.text, 80)
                ),
            };
            let mut f = self.finding(Code::NumericMismatch, c.claim, msg, whole, lw.clone());
            let help = holding_alternative(c, self.rules, vars, scope)
                .map(|(alt, points)| self.alternative_help(c, alt, points))
                .or_else(|| self.fits_help(c, &vals[c.lhs], &vals[c.rhs], &lw));
            if let Some(h) = help {
                f = f.help(h);
            }
            f
        };
        let rhs_span = c.prog.meta[c.rhs].span;
        f = f.label(text.part(rhs_span.start, rhs_span.end()), rw);
        for &v in &c.vars {
            let cl = &self.file.claims[v];
            if let ClaimKind::Quantity(q) = &cl.kind {
                f = f
                    .label(
                        q.value.span,
                        format!(
                            "{} reads as {}",
                            cl.id,
                            wording::stated(&q.interval, &style_of(q, self.rules))
                        ),
                    )
                    .involving(&cl.id);
            }
        }
        f
    }

    /// The units the two sides of a plain comparison are worded in, where the claims and
    /// literal it names write one kind of unit in several (`3 kg` against `2000 gram`):
    /// then a bare number would read in the wrong one.
    fn mixed_units(&self, c: &Compiled) -> Option<(String, String)> {
        if c.prog.meta[c.lhs].kind != Kind::Plain {
            return None;
        }
        let dim = c.prog.units[c.lhs].as_ref()?;
        let mut written: Vec<(f64, &str)> = c
            .vars
            .iter()
            .filter_map(|&i| match &self.file.claims[i].kind {
                ClaimKind::Quantity(q) => q
                    .unit
                    .as_ref()
                    .filter(|u| u.dim == *dim)
                    .map(|u| (u.factor, &*u.written)),
                _ => None,
            })
            .collect();
        let literal = c
            .rhs_literal
            .as_ref()
            .and_then(|q| q.unit.as_ref())
            .map(|u| (u.factor, &*u.written));
        written.extend(literal);
        let shown = self.unit_near(&c.vars, Some(dim));
        let &(_, name) = written.iter().find(|(f, _)| *f == shown)?;
        if written.iter().all(|(f, _)| *f == shown) {
            return None;
        }
        let right = match (literal, &c.rhs_literal) {
            (Some((_, w)), _) => w,
            _ => name,
        };
        Some((name.to_owned(), right.to_owned()))
    }

    /// The scale word the document uses near these claims.
    fn scale_near(&self, claims: &[usize]) -> Option<(compact_str::CompactString, f64)> {
        claims
            .iter()
            .find_map(|&i| match &self.file.claims[i].kind {
                ClaimKind::Quantity(q) => scale_of(q, self.rules),
                _ => None,
            })
    }

    /// The unit a value of unit `dim` is shown in near these claims: the size (in base
    /// units) of the unit of the first of them in `dim`, preferring one written with a
    /// scale word, so that a side in grams made of claims in tonnes is worded in tonnes.
    pub(super) fn unit_near(&self, claims: &[usize], dim: Option<&crate::unit::Dim>) -> f64 {
        let Some(dim) = dim else { return 1.0 };
        let in_dim = |i: &usize| match &self.file.claims[*i].kind {
            ClaimKind::Quantity(q) => q.unit.as_ref().filter(|u| u.dim == *dim).map(|_| &**q),
            _ => None,
        };
        let mut found = claims.iter().filter_map(in_dim);
        let first = found.clone().next();
        found
            .find(|q| scale_of(q, self.rules).is_some())
            .or(first)
            .map_or(1.0, unit_factor)
    }

    /// How the two sides are shown: in one style where they compare like with like.
    fn styles(&self, c: &Compiled) -> (Style, Style) {
        let scale = self.scale_near(&c.vars);
        let l = c.prog.meta[c.lhs].kind;
        let r = c.prog.meta[c.rhs].kind;
        let date = |i: usize| c.prog.units[i].as_ref().is_some_and(|u| u.is("date"));
        if date(c.lhs) || date(c.rhs) {
            return (Style::Date, Style::Date);
        }
        let unit = |i: usize| {
            let dim = c.prog.units[i].as_ref().or(c.prog.units[c.lhs].as_ref());
            self.unit_near(&c.vars, dim)
        };
        let l_style = Style::for_kind(l, scale.clone()).in_unit(unit(c.lhs));
        let r_style = if r == Kind::Plain
            && l != Kind::Plain
            && c.rhs_literal.as_ref().is_some_and(|q| q.unit.is_none())
        {
            l_style.clone()
        } else {
            Style::for_kind(r, scale).in_unit(unit(c.rhs))
        };
        (l_style, r_style)
    }

    /// The left side in the document's terms: a function's phrase with the claims'
    /// literals, or the formula.
    fn describe(&self, c: &Compiled, text: &Text, value: &str) -> String {
        if let ExprKind::Call { name, args, .. } = &c.lhs_expr.kind
            && let Some(f) = self.rules.functions.get(name.as_str())
            && let Some(phrase) = &f.value.phrase
        {
            let mut s = phrase.replace("{value}", value);
            for (p, a) in f.value.params.iter().zip(args) {
                let shown = match &a.kind {
                    ExprKind::Id(id) => self
                        .file
                        .claim_index(id)
                        .and_then(|i| match &self.file.claims[i].kind {
                            ClaimKind::Quantity(q) if q.quantity.is_some() => {
                                Some(q.value.text.to_string())
                            }
                            _ => None,
                        })
                        .unwrap_or_else(|| id.to_string()),
                    _ => format!("`{}`", src_text(text, a.span)),
                };
                s = s.replace(&format!("{{{p}}}"), &shown);
            }
            return s;
        }
        format!(
            "`{}` is {value}",
            wording::shorten(src_text(text, c.lhs_expr.span), 80)
        )
    }

    /// `numeric/conflict`: the assertions of a set that cannot all hold, each labelled
    /// with what the others force its left side to and what its right side says.
    pub fn conflict(&self, conflict: &Conflict) -> Option<Finding> {
        let set = &conflict.assertions;
        let &owner = set.last()?;
        let names: Vec<String> = set
            .iter()
            .take(10)
            .map(|&c| format!("`{}`", self.file.claims[c].id))
            .collect();
        let list = if set.len() > names.len() {
            format!("{} and {} more", names.join(", "), set.len() - names.len())
        } else {
            match names.split_last() {
                Some((l, rest)) if !rest.is_empty() => format!("{} and {l}", rest.join(", ")),
                _ => names.join(""),
            }
        };
        let forced = |k: usize| conflict.forced.get(k).and_then(|f| f.as_ref());
        let last = set.len() - 1;
        let text = self.text_of(owner)?;
        let message = match forced(last).map(|f| (f, self.forced_words(f))) {
            Some((f, (lhs, rhs))) => format!(
                "the claims {list} cannot all hold: the others make `{}` {lhs}, but `{}` says {rhs}",
                wording::shorten(src_text(text, f.lhs_span), 60),
                self.file.claims[owner].id
            ),
            None => format!("the claims {list} cannot all hold"),
        };
        let label = |k: usize, c: usize| match forced(k).map(|f| self.forced_words(f)) {
            Some((lhs, rhs)) => format!("the others force {lhs}; it says {rhs}"),
            None => format!("{} holds alone", self.file.claims[c].id),
        };
        let mut f = self
            .finding(
                Code::NumericConflict,
                owner,
                if set.len() == 1 {
                    format!("{list} cannot hold for any values of the claims it names")
                } else {
                    message
                },
                text.span,
                if set.len() == 1 {
                    "no values of the claims it names satisfy it".to_owned()
                } else {
                    label(last, owner)
                },
            )
            .help("each holds on its own, but no values of the claims they name satisfy them all: one of the figures is wrong");
        let first = set.len().saturating_sub(10);
        for (k, &c) in set.iter().enumerate().take(last).skip(first) {
            if let Some(t) = self.text_of(c) {
                f = f
                    .label(t.span, label(k, c))
                    .involving(&self.file.claims[c].id);
            }
        }
        Some(f)
    }

    /// The two sides of an assertion of a conflict, worded: the left as the others force
    /// it, the right with the comparison it asks for (`at most 80`).
    fn forced_words(&self, f: &Forced) -> (String, String) {
        let scale = self.scale_near(&f.vars);
        let (l, r) = f.kinds;
        let l_style = Style::for_kind(l, scale.clone()).in_unit(f.unit);
        let r_style = if r == Kind::Plain && l != Kind::Plain {
            l_style.clone()
        } else {
            Style::for_kind(r, scale).in_unit(f.unit)
        };
        // The right side as stated, with the digits its ends need; a strict or open
        // comparison against its nearest end (`women > 40` asks for more than 39.5).
        let point = |x: f64| wording::stated(&Interval::point(x), &r_style);
        let rhs = match f.op {
            CmpOp::Lt | CmpOp::Le => format!("{} {}", op_words(f.op), point(f.rhs.hi)),
            CmpOp::Gt | CmpOp::Ge => format!("{} {}", op_words(f.op), point(f.rhs.lo)),
            CmpOp::Ne => format!("not {}", wording::stated(&f.rhs, &r_style)),
            _ => wording::stated(&f.rhs, &r_style),
        };
        (wording::derived(&f.lhs, &l_style), rhs)
    }

    /// `numeric/derived`: what the assertions imply for a quantity of unknown value.
    pub fn derived(&self, d: &Derived) -> Option<Finding> {
        let claim = &self.file.claims[d.claim];
        let ClaimKind::Quantity(q) = &claim.kind else {
            return None;
        };
        let tag = match q.tag {
            crate::number::Tag::Plain => self.tags.get(&d.claim).copied().unwrap_or(q.tag),
            t => t,
        };
        let style = if is_date(q) {
            Style::Date
        } else {
            Style::for_kind(tag.into(), self.scale_near(&d.near)).in_unit(unit_factor(q))
        };
        let shown = shown_range(&d.interval, &q.interval, &style);
        let mut f = self.finding(
            Code::NumericDerived,
            d.claim,
            format!("the claims imply {} is {shown}", claim.id),
            q.value.span,
            format!("implied: {shown}"),
        );
        for &c in &d.implied_by {
            if let Some(t) = self.text_of(c) {
                f = f
                    .label(t.span, "implies it")
                    .involving(&self.file.claims[c].id);
            }
        }
        Some(f)
    }
}

/// The text of a span of an assertion.
fn src_text(text: &Text, span: Span) -> &str {
    text.text.get(span.start..span.end()).unwrap_or(&text.text)
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
    wording::derived(&Interval::new(lo, hi), style)
}

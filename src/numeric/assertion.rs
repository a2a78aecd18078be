//! An assertion on its own: `numeric/mismatch`, `numeric/rounding`,
//! `numeric/undefined` and `numeric/percent-points`, worded in the document's terms.

use super::op_words;
use super::{Compiled, Ctx, fails};
use crate::claim::ClaimKind;
use crate::claim::Text;
use crate::code::Code;
use crate::expr::{self, Op, Scope};
use crate::formula::{CmpOp, Expr, ExprKind};
use crate::interval::Interval;
use crate::number::Kind;
use crate::source::Span;
use crate::wording::{self, Style};

impl Ctx<'_> {
    /// Checks an assertion on stated values. Returns whether it takes part in propagation.
    pub(super) fn check_alone(&mut self, c: &Compiled, text: &Text, scope: &Scope<'_>) -> bool {
        let mut vals = Vec::new();
        let undefined = expr::eval(&c.prog.ops, &c.prog.meta, &|k| self.vars[k], &mut vals);
        self.percent_points(c, text);
        if let Some(node) = undefined {
            let n = c.prog.ops[node];
            let divisor = if let Op::Div(_, b) = n { b } else { node };
            let dspan = c.prog.meta[divisor].span;
            let f = self
                .finding(
                    Code::NumericUndefined,
                    c.claim,
                    format!("`{}` is {}, which holds zero: the division is undefined and the assertion is left unchecked", self.src_text(text, dspan), wording::range(&vals[divisor], &Style::Plain)),
                    text.part(dspan.start, dspan.end()),
                    "may be zero".into(),
                )
                .help("state the divisor without zero in its range");
            self.out.push(f);
            return false;
        }
        if !fails(c.op, c.tol, &vals[c.lhs], &vals[c.rhs]) {
            self.boundary(c, text, &vals[c.lhs], &vals[c.rhs]);
            return true;
        }
        // Would it hold had the writer truncated its unhedged percents?
        let truncated = |k: usize| match &self.file.claims[k].kind {
            ClaimKind::Quantity(q) => q
                .quantity
                .as_ref()
                .and_then(|x| x.truncated)
                .map_or(self.vars[k], |t| q.domain.clamp(t)),
            _ => self.vars[k],
        };
        let mut tprog = c.prog.clone();
        let rhs_trunc = c.rhs_literal.as_ref().and_then(|q| q.truncated);
        if let Some(t) = rhs_trunc {
            tprog.ops[c.rhs] = Op::Const(t);
        }
        let mut tvals = Vec::new();
        expr::eval(&tprog.ops, &tprog.meta, &truncated, &mut tvals);
        let truncation_helps = !fails(c.op, c.tol, &tvals[c.lhs], &tvals[c.rhs]);
        let (lhs_style, rhs_style) = self.styles(c);
        let (lw, mut rw) = wording::pair(&vals[c.lhs], &lhs_style, &vals[c.rhs], &rhs_style);
        if c.rhs_literal.is_some() {
            rw = wording::stated(&vals[c.rhs], &rhs_style);
        }
        let lhs_desc = self.describe(c, text, &lw);
        let rhs_span = c.prog.meta[c.rhs].span;
        let mut f = if truncation_helps {
            self.finding(
                Code::NumericRounding,
                c.claim,
                format!("{lhs_desc}, which does not round to `{}`: it holds only if the figures were truncated, not rounded", c.rhs_text),
                text.part(0, text.text.len()),
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
                op => format!("{lhs_desc}, so it cannot be {} {}", op_words(op), rhs_desc),
            };
            let mut f = self.finding(
                Code::NumericMismatch,
                c.claim,
                msg,
                text.part(0, text.text.len()),
                lw.clone(),
            );
            if let Some(h) = self.mismatch_help(c, &vals[c.lhs], &vals[c.rhs], &lw, scope) {
                f = f.help(h);
            }
            f
        };
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
                            wording::stated(&q.interval, &self.style_of(v))
                        ),
                    )
                    .involving(&cl.id);
            }
        }
        self.out.push(f);
        false
    }

    /// `numeric/boundary`: a strict comparison of stated values that holds only where
    /// both sides meet at one point (SPEC 4.1).
    pub(super) fn boundary(&mut self, c: &Compiled, text: &Text, l: &Interval, r: &Interval) {
        if c.prog.meta[c.lhs].from_unknown || c.prog.meta[c.rhs].from_unknown {
            return;
        }
        // The two ends that meet: for `<`, the left's lowest and the right's highest.
        let (a, b) = match c.op {
            CmpOp::Lt => (l.lo, r.hi),
            CmpOp::Gt => (l.hi, r.lo),
            _ => return,
        };
        if !a.is_finite() || !b.is_finite() {
            return;
        }
        // Equal, up to the ulps of outward rounding.
        let eps = 1e-9 * a.abs().max(b.abs()).max(f64::MIN_POSITIVE);
        let touching = match c.op {
            CmpOp::Lt => a >= b - eps,
            _ => a <= b + eps,
        };
        if !touching {
            return;
        }
        let (lhs_style, _) = self.styles(c);
        let point = wording::stated(&Interval::point((a + b) / 2.0), &lhs_style);
        let side = |e: &Expr| -> String {
            if let ExprKind::Id(id) = &e.kind
                && let Some(i) = self.file.claim_index(id)
                && let ClaimKind::Quantity(q) = &self.file.claims[i].kind
            {
                return q.value.text.clone();
            }
            format!("`{}`", self.src_text(text, e.span))
        };
        let rhs_words = if c.rhs_literal.is_some() {
            c.rhs_text.clone()
        } else {
            match crate::formula::parse_expr_at(&text.text, c.prog.meta[c.rhs].span.start, None) {
                Ok(e) => side(&e),
                Err(_) => format!("`{}`", c.rhs_text),
            }
        };
        let f = self
            .finding(
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
            .help("a strict comparison needs the two sides apart: check the figures (were they swapped?), or the verb");
        self.out.push(f);
    }

    pub(super) fn percent_points(&mut self, c: &Compiled, text: &Text) {
        let (l, r) = (c.prog.meta[c.lhs].kind, c.prog.meta[c.rhs].kind);
        let bad = matches!(
            (l, r),
            (Kind::Points, Kind::Percent)
                | (Kind::Percent, Kind::Points)
                | (Kind::Ratio, Kind::Points)
                | (Kind::Points, Kind::Ratio)
        );
        if !bad {
            return;
        }
        let name = |k: Kind| match k {
            Kind::Points => "a difference of percentages (percentage points)",
            Kind::Percent => "a percent",
            Kind::Ratio => "a relative change or ratio",
            Kind::Plain => "a number",
        };
        let rs = c.prog.meta[c.rhs].span;
        let f = self
            .finding(
                Code::NumericPercentPoints,
                c.claim,
                format!("{} is compared with {}", name(l), name(r)),
                text.part(0, text.text.len()),
                name(l).into(),
            )
            .label(text.part(rs.start, rs.end()), name(r).to_owned())
            .help("a change between two percents is in percentage points (pp); a percent change is relative: say which one the text means");
        self.out.push(f);
    }

    /// The text of a span of the assertion.
    pub(super) fn src_text<'t>(&self, text: &'t Text, span: Span) -> &'t str {
        text.text.get(span.start..span.end()).unwrap_or(&text.text)
    }

    /// How a claim's values are shown.
    pub(super) fn style_of(&self, claim: usize) -> Style {
        match &self.file.claims[claim].kind {
            ClaimKind::Quantity(q) if q.unit.as_ref().is_some_and(|u| u.dim.is("date")) => {
                Style::Date
            }
            ClaimKind::Quantity(q) => Style::for_kind(q.tag.into(), self.scale_near(&[claim])),
            _ => Style::Plain,
        }
    }

    /// The scale word the document uses near these claims.
    pub(super) fn scale_near(&self, claims: &[usize]) -> Option<(String, f64)> {
        claims
            .iter()
            .find_map(|&i| match &self.file.claims[i].kind {
                ClaimKind::Quantity(q) => q
                    .quantity
                    .as_ref()
                    .and_then(|q| q.scale.clone())
                    .and_then(|w| self.rules.scales.get(&w).map(|e| (w, e.value))),
                _ => None,
            })
    }

    pub(super) fn styles(&self, c: &Compiled) -> (Style, Style) {
        let scale = self.scale_near(&c.vars);
        let l = c.prog.meta[c.lhs].kind;
        let r = c.prog.meta[c.rhs].kind;
        // Both sides in one style where they compare like with like.
        let date = |i: usize| c.prog.units[i].as_ref().is_some_and(|u| u.is("date"));
        if date(c.lhs) || date(c.rhs) {
            return (Style::Date, Style::Date);
        }
        let l_style = Style::for_kind(l, scale.clone());
        let r_style = if r == Kind::Plain
            && l != Kind::Plain
            && c.rhs_literal.as_ref().is_some_and(|q| q.unit.is_none())
        {
            l_style.clone()
        } else {
            Style::for_kind(r, scale)
        };
        (l_style, r_style)
    }

    /// The left side in the document's terms: a function's phrase with the claims'
    /// literals, or the formula.
    pub(super) fn describe(&self, c: &Compiled, text: &Text, value: &str) -> String {
        if let ExprKind::Call { name, args, .. } = &c.lhs_expr.kind
            && let Some(f) = self.rules.functions.get(name)
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
                                Some(q.value.text.clone())
                            }
                            _ => None,
                        })
                        .unwrap_or_else(|| id.clone()),
                    _ => format!("`{}`", self.src_text(text, a.span)),
                };
                s = s.replace(&format!("{{{p}}}"), &shown);
            }
            return s;
        }
        format!(
            "`{}` is {value}",
            wording::shorten(self.src_text(text, c.lhs_expr.span), 80)
        )
    }

    /// What the text could say instead: an alternative function that fits, or ratio words
    /// and a percent range that fit.
    pub(super) fn mismatch_help(
        &self,
        c: &Compiled,
        lhs: &Interval,
        rhs: &Interval,
        lhs_words: &str,
        scope: &Scope<'_>,
    ) -> Option<String> {
        if let ExprKind::Call {
            name,
            args,
            name_span,
        } = &c.lhs_expr.kind
            && let Some(f) = self.rules.functions.get(name)
        {
            for alt in &f.value.alternatives {
                let e = Expr {
                    kind: ExprKind::Call {
                        name: alt.clone(),
                        name_span: *name_span,
                        args: args.clone(),
                    },
                    span: c.lhs_expr.span,
                };
                let mut p = c.prog.clone();
                let Ok(root) = p.compile(&e, scope, &[], None) else {
                    continue;
                };
                let mut vals = Vec::new();
                expr::eval(&p.ops, &p.meta, &|k| self.vars[k], &mut vals);
                if !fails(c.op, c.tol, &vals[root], &vals[c.rhs]) {
                    let arg_text: Vec<String> = args
                        .iter()
                        .map(|a| match &a.kind {
                            ExprKind::Id(id) => id.clone(),
                            _ => "…".into(),
                        })
                        .collect();
                    let extra = if p.meta[root].kind == Kind::Points {
                        ": the text may mean a change in percentage points, not a percent change"
                    } else {
                        ""
                    };
                    return Some(format!(
                        "`{alt}({}) {} {}` would hold{extra}",
                        arg_text.join(", "),
                        c.op.as_str(),
                        c.rhs_text
                    ));
                }
            }
        }
        let kind = c.prog.meta[c.lhs].kind;
        if !matches!(kind, Kind::Ratio | Kind::Percent) || c.rhs_literal.is_none() {
            return None;
        }
        let tol = self.rules.word_tolerance.value;
        let mut words: Vec<(&String, f64)> = self
            .rules
            .ratio_words
            .iter()
            .map(|(w, e)| (w, e.value))
            .collect();
        words.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.len().cmp(&b.0.len())));
        let mut fits: Vec<String> = Vec::new();
        let hedge = |words: &[&str]| {
            words
                .iter()
                .find(|w| self.rules.hedges.contains_key(**w))
                .map(|w| (*w).to_owned())
        };
        if lhs.lo > rhs.hi
            && !lhs.hi.is_finite()
            && let Some(h) = hedge(&["more than", "over"])
        {
            fits.push(format!("`{h} {}`", c.rhs_text));
        } else if lhs.hi < rhs.lo
            && !lhs.lo.is_finite()
            && let Some(h) = hedge(&["less than", "under"])
        {
            fits.push(format!("`{h} {}`", c.rhs_text));
        }
        let mut last = f64::NAN;
        for (w, v) in words {
            let i = Interval::new(v * (1.0 - tol), v * (1.0 + tol));
            if !i.disjoint(lhs) && v != last {
                fits.push(format!("`{w}`"));
                last = v;
            }
        }
        fits.truncate(3);
        fits.push(lhs_words.to_owned());
        let (last, rest) = fits.split_last()?;
        Some(if rest.is_empty() {
            format!("the claims fit {last}")
        } else {
            format!("the claims fit {} or {last}", rest.join(", "))
        })
    }
}

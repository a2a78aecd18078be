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
#![doc = include_str!("../docs/codes/numeric-mismatch.md")]
#![doc = include_str!("../docs/codes/numeric-rounding.md")]
#![doc = include_str!("../docs/codes/numeric-undefined.md")]
#![doc = include_str!("../docs/codes/numeric-percent-points.md")]
#![doc = include_str!("../docs/codes/numeric-derived.md")]
#![doc = include_str!("../docs/codes/numeric-conflict.md")]
#![doc = include_str!("../docs/codes/formula-invalid.md")]
#![doc = include_str!("../docs/codes/ref-unknown.md")]

use crate::claim::{ClaimKind, ClaimsFile, Text};
use crate::code::Code;
use crate::expr::{self, CompileError, Kind, Op, Program, Ref, Scope};
use crate::finding::Finding;
use crate::formula::{self, CmpOp, Expr, ExprKind};
use crate::interval::Interval;
use crate::literal::{self, Literal, Quantity};
use crate::rules::{Domain, RuleSet};
use crate::source::Span;
use crate::wording::{self, Style};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::collections::VecDeque;

/// An assertion, compiled: one arena holding both sides.
struct Compiled {
    /// The assertion claim's index.
    claim: usize,
    prog: Program,
    lhs: usize,
    rhs: usize,
    op: CmpOp,
    lhs_expr: Expr,
    /// The right side, when it is a literal.
    rhs_literal: Option<Quantity>,
    rhs_text: String,
    /// Claim indices it names.
    vars: Vec<usize>,
}

/// What propagation keeps of an assertion that holds on its own: the arena without its
/// units (checked already), and not the text it came from.
struct Live {
    claim: usize,
    prog: Program,
    lhs: usize,
    rhs: usize,
    op: CmpOp,
    vars: Vec<usize>,
}

impl From<Compiled> for Live {
    fn from(c: Compiled) -> Live {
        let mut prog = c.prog;
        for n in &mut prog.nodes {
            n.unit = None;
        }
        prog.nodes.shrink_to_fit();
        Live {
            claim: c.claim,
            prog,
            lhs: c.lhs,
            rhs: c.rhs,
            op: c.op,
            vars: c.vars,
        }
    }
}

/// Runs the numeric checks of one file.
pub fn check(file: &ClaimsFile, rules: &RuleSet, out: &mut Vec<Finding>) {
    let mut ids = HashMap::new();
    for (i, c) in file.claims.iter().enumerate() {
        let r = match &c.kind {
            ClaimKind::Quantity(q) => Ref::Quantity {
                unit: q.unit.as_ref().map(|u| &u.dim),
                tag: q.tag,
                unknown: q.quantity.is_none(),
            },
            other => Ref::Other(other.name()),
        };
        ids.insert(c.id.as_str(), (i, r));
    }
    let scope = Scope { ids: &ids, rules };
    let vars: Vec<Interval> = file
        .claims
        .iter()
        .map(|c| match &c.kind {
            ClaimKind::Quantity(q) => q.interval,
            _ => Interval::ALL,
        })
        .collect();
    let index = ids.iter().map(|(k, (i, _))| (*k, *i)).collect();
    let mut ctx = Ctx {
        index,
        file,
        rules,
        vars,
        out,
    };

    let mut live = Vec::new();
    for (i, c) in file.claims.iter().enumerate() {
        if let ClaimKind::Assertion(text) = &c.kind
            && let Some(comp) = ctx.compile(i, text, &scope)
            && ctx.check_alone(&comp, text, &scope)
        {
            live.push(Live::from(comp));
        }
    }
    ctx.propagate_all(&live);
}

struct Ctx<'a> {
    /// Claim id -> claim index.
    index: HashMap<&'a str, usize>,
    file: &'a ClaimsFile,
    rules: &'a RuleSet,
    vars: Vec<Interval>,
    out: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    fn text_of(&self, claim: usize) -> Option<&Text> {
        match &self.file.claims.get(claim)?.kind {
            ClaimKind::Assertion(t) => Some(t),
            ClaimKind::Quantity(q) => Some(&q.value),
            ClaimKind::Status { phrase, .. } => Some(phrase),
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
            let (rhs, lit) = match literal::parse(&rhs_text, self.rules) {
                Ok(Literal::Value(q)) => {
                    let lead = text.text[split.rhs_start..].len()
                        - text.text[split.rhs_start..].trim_start().len();
                    let span = Span::new(split.rhs_start + lead, rhs_text.len());
                    let node = expr::Node {
                        op: Op::Const(q.interval),
                        unit: q.unit.as_ref().map(|u| u.dim.clone()),
                        kind: q.tag.into(),
                        from_unknown: false,
                        span,
                    };
                    prog.nodes.push(node);
                    (prog.root(), Some(q))
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
            expr::same_unit(&prog.nodes[lhs], &prog.nodes[rhs]).map_err(Outcome::Compile)?;
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
            .nodes
            .iter()
            .filter_map(|n| if let Op::Var(c) = n.op { Some(c) } else { None })
            .collect();
        vars.sort_unstable();
        vars.dedup();
        Some(Compiled {
            claim,
            prog,
            lhs,
            rhs,
            op: split.op,
            lhs_expr: split.lhs,
            rhs_literal,
            rhs_text,
            vars,
        })
    }

    fn outcome_finding(&self, claim: usize, text: &Text, o: Outcome) -> Finding {
        let part = |s: Span| text.part(s.start, s.end().max(s.start + 1));
        match o {
            Outcome::Syntax(e) => self.finding(
                Code::FormulaInvalid,
                claim,
                format!("cannot read the assertion: {}", e.message),
                part(e.span),
                "here".into(),
            ),
            Outcome::Literal(e, base) => {
                let mut f = self.finding(
                    Code::LiteralInvalid,
                    claim,
                    format!("cannot read the right side: {}", e.message),
                    part(Span::new(base + e.start, e.end.max(e.start + 1) - e.start)),
                    "here".into(),
                );
                f.help = e.help;
                f
            }
            Outcome::Compile(CompileError::Ref {
                message,
                span,
                help,
            }) => {
                let mut f = self.finding(
                    Code::RefUnknown,
                    claim,
                    message,
                    part(span),
                    "not a quantity of this file".into(),
                );
                f.help = help;
                f
            }
            Outcome::Compile(CompileError::Formula {
                message,
                span,
                help,
            }) => {
                let mut f = self.finding(
                    Code::FormulaInvalid,
                    claim,
                    message,
                    part(span),
                    "here".into(),
                );
                f.help = help;
                f
            }
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

    /// Checks an assertion on stated values. Returns whether it takes part in propagation.
    fn check_alone(&mut self, c: &Compiled, text: &Text, scope: &Scope<'_>) -> bool {
        let mut vals = Vec::new();
        let undefined = expr::eval(&c.prog, &|k| self.vars[k], &mut vals);
        self.percent_points(c, text);
        if let Some(node) = undefined {
            let n = &c.prog.nodes[node];
            let divisor = if let Op::Div(_, b) = n.op { b } else { node };
            let dspan = c.prog.nodes[divisor].span;
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
        if !fails(c.op, &vals[c.lhs], &vals[c.rhs]) {
            return true;
        }
        // Would it hold had the writer truncated its unhedged percents?
        let truncated = |k: usize| match &self.file.claims[k].kind {
            ClaimKind::Quantity(q) => {
                q.quantity
                    .as_ref()
                    .and_then(|x| x.truncated)
                    .map_or(self.vars[k], |t| {
                        let t = t.intersect(&crate::load::domain_interval(q.domain));
                        if q.domain == Domain::Count {
                            t.whole_numbers()
                        } else {
                            t
                        }
                    })
            }
            _ => self.vars[k],
        };
        let mut tprog = c.prog.clone();
        let rhs_trunc = c.rhs_literal.as_ref().and_then(|q| q.truncated);
        if let Some(t) = rhs_trunc {
            tprog.nodes[c.rhs].op = Op::Const(t);
        }
        let mut tvals = Vec::new();
        expr::eval(&tprog, &truncated, &mut tvals);
        let truncation_helps = !fails(c.op, &tvals[c.lhs], &tvals[c.rhs]);
        let (lhs_style, rhs_style) = self.styles(c);
        let (lw, mut rw) = wording::pair(&vals[c.lhs], &lhs_style, &vals[c.rhs], &rhs_style);
        if c.rhs_literal.is_some() {
            rw = wording::stated(&vals[c.rhs], &rhs_style);
        }
        let lhs_desc = self.describe(c, text, &lw);
        let rhs_span = c.prog.nodes[c.rhs].span;
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

    fn percent_points(&mut self, c: &Compiled, text: &Text) {
        let (l, r) = (c.prog.nodes[c.lhs].kind, c.prog.nodes[c.rhs].kind);
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
        let rs = c.prog.nodes[c.rhs].span;
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
    fn src_text<'t>(&self, text: &'t Text, span: Span) -> &'t str {
        text.text.get(span.start..span.end()).unwrap_or(&text.text)
    }

    /// How a claim's values are shown.
    fn style_of(&self, claim: usize) -> Style {
        match &self.file.claims[claim].kind {
            ClaimKind::Quantity(q) => Style::for_kind(q.tag.into(), self.scale_near(&[claim])),
            _ => Style::Plain,
        }
    }

    /// The scale word the document uses near these claims.
    fn scale_near(&self, claims: &[usize]) -> Option<(String, f64)> {
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

    fn styles(&self, c: &Compiled) -> (Style, Style) {
        let scale = self.scale_near(&c.vars);
        let l = c.prog.nodes[c.lhs].kind;
        let r = c.prog.nodes[c.rhs].kind;
        // Both sides in one style where they compare like with like.
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
    fn describe(&self, c: &Compiled, text: &Text, value: &str) -> String {
        if let ExprKind::Call { name, args, .. } = &c.lhs_expr.kind
            && let Some(f) = self.rules.functions.get(name)
            && let Some(phrase) = &f.value.phrase
        {
            let mut s = phrase.replace("{value}", value);
            for (p, a) in f.value.params.iter().zip(args) {
                let shown = match &a.kind {
                    ExprKind::Id(id) => self
                        .index
                        .get(id.as_str())
                        .and_then(|&i| match &self.file.claims[i].kind {
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
        format!("`{}` is {value}", self.src_text(text, c.lhs_expr.span))
    }

    /// What the text could say instead: an alternative function that fits, or ratio words
    /// and a percent range that fit.
    fn mismatch_help(
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
                expr::eval(&p, &|k| self.vars[k], &mut vals);
                if !fails(c.op, &vals[root], &vals[c.rhs]) {
                    let arg_text: Vec<String> = args
                        .iter()
                        .map(|a| match &a.kind {
                            ExprKind::Id(id) => id.clone(),
                            _ => "…".into(),
                        })
                        .collect();
                    let extra = if p.nodes[root].kind == Kind::Points {
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
        let kind = c.prog.nodes[c.lhs].kind;
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

    /// Propagation over connected groups of assertions.
    fn propagate_all(&mut self, live: &[Live]) {
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

    fn solve_group(&mut self, live: &[Live], mut active: Vec<usize>) {
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
    fn propagate(
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
            expr::eval(
                &c.prog,
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
            if !expr::narrow(&c.prog, &mut vals) {
                return Err(a);
            }
            for (i, node) in c.prog.nodes.iter().enumerate() {
                let Op::Var(v) = node.op else { continue };
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

    fn is_count(&self, claim: usize) -> bool {
        matches!(&self.file.claims[claim].kind, ClaimKind::Quantity(q) if q.domain == Domain::Count)
    }

    /// A minimal set of assertions that cannot hold together: the shortest conflicting
    /// prefix in file order, then a deletion filter over it in file order.
    fn minimal_conflict(&self, live: &[Live], active: &[usize], rounds: usize) -> Vec<usize> {
        let mut prefix = Vec::new();
        for &a in active {
            prefix.push(a);
            if self.propagate(live, &prefix, rounds).is_err() {
                break;
            }
        }
        if self.propagate(live, &prefix, rounds).is_ok() {
            return Vec::new();
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

    fn report_conflict(&mut self, live: &[Live], set: &[usize]) {
        let Some(&last) = set.last() else { return };
        let owner = live[last].claim;
        let names: Vec<String> = set
            .iter()
            .map(|&i| format!("`{}`", self.file.claims[live[i].claim].id))
            .collect();
        let list = match names.split_last() {
            Some((l, rest)) if !rest.is_empty() => format!("{} and {l}", rest.join(", ")),
            _ => names.join(""),
        };
        let Some(text) = self.text_of(owner) else {
            return;
        };
        let mut f = self
            .finding(
                Code::NumericConflict,
                owner,
                format!("the claims {list} cannot all hold"),
                text.span,
                "cannot hold together with the others".into(),
            )
            .help("each holds on its own, but no values of the claims they name satisfy them all: one of the figures is wrong");
        for &i in &set[..set.len() - 1] {
            let c = live[i].claim;
            if let Some(t) = self.text_of(c) {
                f = f
                    .label(t.span, format!("{} holds alone", self.file.claims[c].id))
                    .involving(&self.file.claims[c].id);
            }
        }
        self.out.push(f);
    }

    fn derived_notes(
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
            let style = Style::for_kind(q.tag.into(), self.scale_near(&neighbours));
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

/// Whether `l op r` fails: no values of the two intervals satisfy it (endpoints count as
/// closed, so touching intervals never fail).
pub fn fails(op: CmpOp, l: &Interval, r: &Interval) -> bool {
    if l.is_empty() || r.is_empty() {
        return false;
    }
    match op {
        CmpOp::Eq => l.disjoint(r),
        CmpOp::Ne => l.is_point() && r.is_point() && l.lo == r.lo,
        CmpOp::Lt | CmpOp::Le => l.lo > r.hi,
        CmpOp::Gt | CmpOp::Ge => l.hi < r.lo,
    }
}

fn op_words(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "equal to",
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

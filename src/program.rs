//! The compiled program of an assertion: its syntax tree ([`crate::formula`]) with
//! functions inlined, ids resolved to claims, units and percent tags checked, laid out in
//! an arena whose children come before their parents.
//!
//! Forward evaluation gives every node its interval; backward revision (HC4-revise)
//! narrows children from their parent, so that an assertion can narrow the intervals of
//! the claims it names. Both are sound: no value a claim allows is ever removed.

use crate::claim::{ClaimKind, ClaimsFile};
use crate::formula::{BinOp, Expr, ExprKind};
use crate::interval::Interval;
use crate::number::{Kind, Tag};
use crate::rules::RuleSet;
use crate::source::Span;
use crate::unit::Dim;

/// Most nodes one assertion may expand to once functions are inlined.
pub const MAX_NODES: usize = 10_000;

/// One operation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// A constant.
    Const(Interval),
    /// A claim's value, by claim index.
    Var(usize),
    /// `-a`.
    Neg(usize),
    /// `a + b`.
    Add(usize, usize),
    /// `a - b`.
    Sub(usize, usize),
    /// `a * b`.
    Mul(usize, usize),
    /// `a / b`.
    Div(usize, usize),
    /// `min(a, b)`.
    Min(usize, usize),
    /// `max(a, b)`.
    Max(usize, usize),
    /// `|a|`.
    Abs(usize),
}

/// What is known of a node besides its operation: needed to compile and to word
/// findings, not to propagate.
#[derive(Clone, Copy, Debug)]
pub struct Meta {
    /// Percent, points, ratio or plain.
    pub kind: Kind,
    /// Whether an unknown claim's value flows into it.
    pub from_unknown: bool,
    /// Where it is written in the assertion's text.
    pub span: Span,
}

/// A node to add to the arena: its operation and what is known of it.
#[derive(Clone, Debug)]
pub struct Node {
    /// The operation.
    pub op: Op,
    /// Percent, points, ratio or plain.
    pub kind: Kind,
    /// Whether an unknown claim's value flows into it.
    pub from_unknown: bool,
    /// Where it is written in the assertion's text.
    pub span: Span,
}

/// A compiled expression.
#[derive(Clone, Debug, Default)]
pub struct Program {
    /// Children before parents; the last node is the root.
    pub ops: Vec<Op>,
    /// Each node's kind, origin and span, beside `ops`.
    pub meta: Vec<Meta>,
    /// Each node's unit (`None` adapts to whatever it meets: a bare number). Needed only
    /// while compiling: dropped for propagation.
    pub units: Vec<Option<Dim>>,
    /// Each node's claim unit, as base units in one of it: the unit the first claim it
    /// names in its unit is written in (1e6 for tonnes, where values are held in grams);
    /// `None` where no claim gives one. A bare number beside it is read in that unit.
    pub factors: Vec<Option<f64>>,
    /// Whether a node is made of bare numbers alone (no claim, no unit, no tag of its
    /// own): what takes the claim unit of what it meets.
    pub bare: Vec<bool>,
    /// How deep `compile` is: bounded, since inlined functions nest their bodies.
    depth: usize,
}

/// The deepest the compiler descends, functions inlined.
pub const MAX_COMPILE_DEPTH: usize = 300;

/// What the compiler needs to know of the file's claims.
pub struct Scope<'a> {
    /// The claims, and their ids.
    pub file: &'a ClaimsFile,
    /// The rules.
    pub rules: &'a RuleSet,
}

impl<'a> Scope<'a> {
    /// The claim an id names, and what it is. A claim that is in the file but could not
    /// be read (reported where it stands) is [`Ref::Unread`], at its id.
    pub fn lookup(&self, id: &str) -> Option<(usize, Ref<'a>)> {
        let &(span, index) = self.file.ids.get(id)?;
        let Some(i) = index else {
            return Some((0, Ref::Unread(span)));
        };
        let c = self.file.claims.get(i as usize)?;
        Some((i as usize, Ref::of(&c.kind)))
    }
}

impl<'a> Ref<'a> {
    /// What a claim of this kind is, to a formula.
    pub fn of(kind: &'a ClaimKind) -> Ref<'a> {
        match kind {
            ClaimKind::Quantity(q) => Ref::Quantity {
                unit: q.unit.as_ref().map(|u| &u.dim),
                tag: q.tag,
                unknown: q.quantity.is_none(),
            },
            other => Ref::Other(other.name()),
        }
    }
}

/// What an id names.
#[derive(Clone, Copy, Debug)]
pub enum Ref<'a> {
    /// A quantity: its unit, tag, and whether it is unknown.
    Quantity {
        /// Its unit.
        unit: Option<&'a Dim>,
        /// Its tag.
        tag: Tag,
        /// `value: unknown`.
        unknown: bool,
    },
    /// Another kind of claim ("an assertion", "a status").
    Other(&'static str),
    /// A claim of the file that could not be read: the span of its id.
    Unread(Span),
}

/// Why an expression cannot be compiled.
#[derive(Clone, Debug)]
pub enum CompileError {
    /// `ref/unknown`: an id that names no quantity.
    Ref {
        /// The message.
        message: String,
        /// Where.
        span: Span,
        /// The help.
        help: Option<String>,
    },
    /// `ref/unchecked`: an id of a claim that could not be read (it has its own
    /// finding); the assertion is left unchecked rather than reported again.
    Unread {
        /// The id.
        id: String,
        /// Where the assertion names it.
        span: Span,
        /// The claim's id, where it stands.
        claim: Span,
    },
    /// `formula/invalid`: a function that does not exist, wrong arity, too large.
    Formula {
        /// The message.
        message: String,
        /// Where.
        span: Span,
        /// The help.
        help: Option<String>,
    },
    /// `unit/mismatch`: two sides of different units.
    Unit {
        /// The message.
        message: String,
        /// The left operand.
        left: Span,
        /// Its unit.
        left_unit: String,
        /// The right operand.
        right: Span,
        /// Its unit.
        right_unit: String,
    },
}

/// The built-in functions and their signatures.
pub const BUILTINS: &[(&str, &str)] = &[
    ("sum", "sum(a, b, ...)"),
    ("min", "min(a, b, ...)"),
    ("max", "max(a, b, ...)"),
    ("abs", "abs(x)"),
];

impl Program {
    /// Empties the program, keeping its room: one program serves each assertion of a
    /// file in turn.
    pub fn clear(&mut self) {
        self.ops.clear();
        self.meta.clear();
        self.units.clear();
        self.factors.clear();
        self.bare.clear();
        self.depth = 0;
    }

    /// The root node's index.
    pub fn root(&self) -> usize {
        self.ops.len().saturating_sub(1)
    }

    /// Adds a node and its unit.
    pub fn push(&mut self, node: Node, unit: Option<Dim>) -> Result<usize, CompileError> {
        if self.ops.len() >= MAX_NODES {
            return Err(CompileError::Formula {
                message: format!("the formula expands to more than {MAX_NODES} operations"),
                span: node.span,
                help: Some("split it into several assertions".into()),
            });
        }
        self.ops.push(node.op);
        self.meta.push(Meta {
            kind: node.kind,
            from_unknown: node.from_unknown,
            span: node.span,
        });
        let (factor, bare) = self.factor_of(node.op, unit.as_ref());
        self.factors.push(factor);
        self.bare.push(bare && unit.is_none());
        self.units.push(unit);
        Ok(self.ops.len() - 1)
    }

    /// The claim unit (see [`Program::factors`]) and bareness of a new node `op` of unit
    /// `unit`, from its children's.
    fn factor_of(&self, op: Op, unit: Option<&Dim>) -> (Option<f64>, bool) {
        let f = |i: usize| self.factors.get(i).copied().flatten();
        let b = |i: usize| self.bare.get(i).copied().unwrap_or(false);
        let same = |i: usize| self.units.get(i).and_then(Option::as_ref) == unit;
        match op {
            Op::Const(_) => (None, true),
            // Set by the caller, who knows the claim.
            Op::Var(_) => (None, false),
            Op::Neg(a) | Op::Abs(a) => (f(a), b(a)),
            Op::Add(x, y) | Op::Sub(x, y) | Op::Min(x, y) | Op::Max(x, y) => (
                [x, y].into_iter().filter(|&i| same(i)).find_map(f),
                b(x) && b(y),
            ),
            Op::Mul(x, y) | Op::Div(x, y) => {
                let none = |i: usize| self.units.get(i).is_some_and(Option::is_none);
                let factor = if none(y) {
                    f(x)
                } else if none(x) && matches!(op, Op::Mul(..)) {
                    f(y)
                } else {
                    None
                };
                (factor, b(x) && b(y))
            }
        }
    }

    /// Where one of `a` and `b` is made of bare numbers and the other has a claim unit,
    /// the bare one read in that unit (README, Decisions; SPEC 3: a number without a
    /// unit takes the unit of what it meets in `+`, `-`, a comparison, `min`, `max`):
    /// `harvest + 1 mln` with `harvest` in tonnes adds 1 mln tonnes, not 1 mln grams (the
    /// base unit values are held in). Returns the two nodes to use.
    pub fn meet(&mut self, a: usize, b: usize) -> Result<(usize, usize), CompileError> {
        let takes = |p: &Program, x: usize, y: usize| {
            if !p.bare[x] || p.meta[x].kind != Kind::Plain {
                return None;
            }
            let dim = p.units[y].clone()?;
            let f = p.factors[y].filter(|f| f.is_finite() && *f > 0.0 && *f != 1.0)?;
            Some((f, dim))
        };
        if let Some((f, dim)) = takes(self, a, b) {
            return Ok((self.times(a, f, dim)?, b));
        }
        if let Some((f, dim)) = takes(self, b, a) {
            return Ok((a, self.times(b, f, dim)?));
        }
        Ok((a, b))
    }

    /// The bare node `i` multiplied by `f`, in unit `dim`.
    fn times(&mut self, i: usize, f: f64, dim: Dim) -> Result<usize, CompileError> {
        let m = self.meta[i];
        let factor = self.push(
            Node {
                op: Op::Const(Interval::point(f)),
                kind: Kind::Plain,
                from_unknown: false,
                span: m.span,
            },
            None,
        )?;
        let j = self.push(
            Node {
                op: Op::Mul(i, factor),
                kind: m.kind,
                from_unknown: m.from_unknown,
                span: m.span,
            },
            Some(dim),
        )?;
        self.factors[j] = Some(f);
        Ok(j)
    }

    /// Compiles `e` into this arena, returning its root index. `params` maps a function's
    /// parameters to the compiled arguments while its body is inlined.
    pub fn compile(
        &mut self,
        e: &Expr,
        scope: &Scope<'_>,
        params: &[(&str, usize)],
        span: Option<Span>,
    ) -> Result<usize, CompileError> {
        if self.depth >= MAX_COMPILE_DEPTH {
            return Err(CompileError::Formula {
                message: format!(
                    "the formula nests deeper than {MAX_COMPILE_DEPTH} levels once its functions are inlined"
                ),
                span: span.unwrap_or(e.span),
                help: Some("split it into several assertions".into()),
            });
        }
        self.depth += 1;
        let r = self.compile_node(e, scope, params, span);
        self.depth -= 1;
        r
    }

    fn compile_node(
        &mut self,
        e: &Expr,
        scope: &Scope<'_>,
        params: &[(&str, usize)],
        span: Option<Span>,
    ) -> Result<usize, CompileError> {
        // Inside an inlined body, every node is shown at the call's span.
        let at = span.unwrap_or(e.span);
        match &e.kind {
            ExprKind::Number { value, tag } => self.push(
                Node {
                    op: Op::Const(*value),
                    kind: (*tag).into(),
                    from_unknown: false,
                    span: at,
                },
                None,
            ),
            // A duration or a date written in the formula (SPEC 3).
            ExprKind::Time { value, unit } => self.push(
                Node {
                    op: Op::Const(*value),
                    kind: Kind::Plain,
                    from_unknown: false,
                    span: at,
                },
                Some(Dim::base(unit.as_str())),
            ),
            ExprKind::Id(name) => {
                if let Some(&(_, i)) = params.iter().find(|(p, _)| p == name) {
                    return Ok(i);
                }
                match scope.lookup(name) {
                    Some((idx, Ref::Quantity { unit, tag, unknown })) => {
                        let i = self.push(
                            Node {
                                op: Op::Var(idx),
                                kind: tag.into(),
                                from_unknown: unknown,
                                span: at,
                            },
                            unit.cloned(),
                        )?;
                        self.factors[i] = match scope.file.claims.get(idx).map(|c| &c.kind) {
                            Some(ClaimKind::Quantity(q)) => q.unit.as_ref().map(|u| u.factor),
                            _ => None,
                        };
                        Ok(i)
                    }
                    Some((_, Ref::Unread(claim))) => Err(CompileError::Unread {
                        id: name.to_string(),
                        span: at,
                        claim,
                    }),
                    Some((_, Ref::Other(what))) => Err(CompileError::Ref {
                        message: format!("`{name}` is {what} claim, not a quantity"),
                        span: at,
                        help: Some("a formula may name only claims with a `value`".into()),
                    }),
                    None => Err(CompileError::Ref {
                        message: format!("no claim of this file has the id `{name}`"),
                        span: at,
                        help: crate::suggest::closest(
                            name,
                            scope
                                .file
                                .claims
                                .iter()
                                .filter(|c| matches!(c.kind, ClaimKind::Quantity(_)))
                                .map(|c| c.id.as_str()),
                        )
                        .map(|c| format!("did you mean `{c}`?")),
                    }),
                }
            }
            ExprKind::Neg(a) => {
                let a = self.compile(a, scope, params, span)?;
                let n = self.meta[a];
                let node = Node {
                    op: Op::Neg(a),
                    kind: n.kind,
                    from_unknown: n.from_unknown,
                    span: at,
                };
                self.push(node, self.units[a].clone())
            }
            ExprKind::Binary(op, a, b) => {
                let ia = self.compile(a, scope, params, span)?;
                let ib = self.compile(b, scope, params, span)?;
                let op = match op {
                    BinOp::Add => Op::Add(ia, ib),
                    BinOp::Sub => Op::Sub(ia, ib),
                    BinOp::Mul => Op::Mul(ia, ib),
                    BinOp::Div => Op::Div(ia, ib),
                };
                self.combine(op, ia, ib, at)
            }
            ExprKind::Call {
                name,
                name_span,
                args,
            } => self.call(name, *name_span, args, e.span, scope, params, span),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn call(
        &mut self,
        name: &str,
        name_span: Span,
        args: &[Expr],
        call_span: Span,
        scope: &Scope<'_>,
        params: &[(&str, usize)],
        span: Option<Span>,
    ) -> Result<usize, CompileError> {
        let at = span.unwrap_or(call_span);
        let name_at = span.unwrap_or(name_span);
        if let Some((_, sig)) = BUILTINS.iter().find(|(n, _)| *n == name) {
            let need_one = name == "abs";
            if (need_one && args.len() != 1) || args.is_empty() {
                return Err(CompileError::Formula {
                    message: format!(
                        "`{name}` takes {}, not {}",
                        if need_one {
                            "one argument"
                        } else {
                            "one or more arguments"
                        },
                        args.len()
                    ),
                    span: at,
                    help: Some(format!("write `{sig}`")),
                });
            }
            let compiled = args
                .iter()
                .map(|a| self.compile(a, scope, params, span))
                .collect::<Result<Vec<_>, _>>()?;
            if name == "abs" {
                let n = self.meta[compiled[0]];
                let node = Node {
                    op: Op::Abs(compiled[0]),
                    kind: n.kind,
                    from_unknown: n.from_unknown,
                    span: at,
                };
                return self.push(node, self.units[compiled[0]].clone());
            }
            let mut acc = compiled[0];
            for &b in &compiled[1..] {
                let op = match name {
                    "sum" => Op::Add(acc, b),
                    "min" => Op::Min(acc, b),
                    _ => Op::Max(acc, b),
                };
                acc = self.combine(op, acc, b, at)?;
            }
            return Ok(acc);
        }
        let Some(f) = scope.rules.functions.get(name) else {
            let all: Vec<&str> = scope
                .rules
                .functions
                .keys()
                .map(String::as_str)
                .chain(BUILTINS.iter().map(|(n, _)| *n))
                .collect();
            let help = crate::suggest::closest(name, all.iter().copied()).map(|c| {
                let sig = scope.rules.functions.get(c).map_or_else(
                    || {
                        BUILTINS
                            .iter()
                            .find(|(n, _)| *n == c)
                            .map_or(String::new(), |(_, s)| (*s).to_owned())
                    },
                    |f| format!("{c}({})", f.value.params.join(", ")),
                );
                format!("did you mean `{sig}`?")
            });
            return Err(CompileError::Formula {
                message: format!("there is no function `{name}`"),
                span: name_at,
                help,
            });
        };
        let f = &f.value;
        if f.params.len() != args.len() {
            return Err(CompileError::Formula {
                message: format!(
                    "`{name}` takes {} argument{}, not {}",
                    f.params.len(),
                    if f.params.len() == 1 { "" } else { "s" },
                    args.len()
                ),
                span: at,
                help: Some(format!("write `{name}({})`", f.params.join(", "))),
            });
        }
        let mut bound: Vec<(&str, usize)> = Vec::with_capacity(args.len());
        for (p, a) in f.params.iter().zip(args) {
            bound.push((p.as_str(), self.compile(a, scope, params, span)?));
        }
        self.compile(&f.body, scope, &bound, Some(at))
    }

    /// Adds a binary node, checking units and computing its kind.
    fn combine(&mut self, op: Op, a: usize, b: usize, at: Span) -> Result<usize, CompileError> {
        // A bare number beside a claim takes its claim unit in `+`, `-`, `min` and `max`;
        // in `*` and `/` it stays a plain number (`price * 2`).
        let (op, a, b) = match op {
            Op::Add(..) | Op::Sub(..) | Op::Min(..) | Op::Max(..) => {
                let (a, b) = self.meet(a, b)?;
                let op = match op {
                    Op::Add(..) => Op::Add(a, b),
                    Op::Sub(..) => Op::Sub(a, b),
                    Op::Min(..) => Op::Min(a, b),
                    _ => Op::Max(a, b),
                };
                (op, a, b)
            }
            _ => (op, a, b),
        };
        let (na, nb) = (self.meta[a], self.meta[b]);
        let additive = matches!(op, Op::Add(..) | Op::Sub(..) | Op::Min(..) | Op::Max(..));
        let date = |u: &Option<Dim>| u.as_ref().is_some_and(|u| u.is("date"));
        let days = |u: &Option<Dim>| u.as_ref().is_some_and(|u| u.is("days"));
        let (ua, ub) = (&self.units[a], &self.units[b]);
        // Dates are subtracted, moved by days and compared, never added to each other,
        // multiplied or divided (SPEC 3).
        if (matches!(op, Op::Add(..)) && date(ua) && date(ub))
            || (matches!(op, Op::Mul(..) | Op::Div(..)) && (date(ua) || date(ub)))
        {
            let unit = |u: &Option<Dim>| u.as_ref().map_or("no unit".into(), Dim::to_string);
            return Err(CompileError::Unit {
                message: "a date can be compared, subtracted from a date (the days between) or moved by days, nothing else".into(),
                left: self.meta[a].span,
                left_unit: unit(ua),
                right: self.meta[b].span,
                right_unit: unit(ub),
            });
        }
        let unit = if matches!(op, Op::Sub(..)) && date(ua) && date(ub) {
            // The difference of two dates is in days (SPEC 3).
            Some(Dim::base("days"))
        } else if (matches!(op, Op::Add(..) | Op::Sub(..)) && date(ua) && days(ub))
            || (matches!(op, Op::Add(..)) && days(ua) && date(ub))
        {
            // A date moved by days is a date.
            Some(Dim::base("date"))
        } else if additive {
            self.same_unit(a, b)?
        } else {
            match (&self.units[a], &self.units[b]) {
                (None, None) => None,
                (Some(u), None) => Some(u.clone()),
                (None, Some(u)) => Some(if matches!(op, Op::Div(..)) {
                    Dim::default().div(u)
                } else {
                    u.clone()
                }),
                (Some(x), Some(y)) => Some(if matches!(op, Op::Div(..)) {
                    x.div(y)
                } else {
                    x.mul(y)
                }),
            }
        };
        // An unknown or a number without a tag takes the tag of what it meets in `+` and
        // `-` (SPEC 3): `rate_after - rate_before` with an unknown `rate_before` is a
        // change in points.
        let (ka, kb) = match op {
            Op::Add(..) | Op::Sub(..) | Op::Min(..) | Op::Max(..) => (
                if self.adapts(a) { nb.kind } else { na.kind },
                if self.adapts(b) { na.kind } else { nb.kind },
            ),
            _ => (na.kind, nb.kind),
        };
        let kind = match op {
            // A percent taken from an exact percent (`100% - share`: the rest) is a percent.
            Op::Sub(..)
                if matches!(self.ops[a], Op::Const(_))
                    && na.kind == Kind::Percent
                    && kb == Kind::Percent =>
            {
                Kind::Percent
            }
            Op::Add(..) | Op::Sub(..) => additive_kind(ka, kb, matches!(op, Op::Sub(..))),
            Op::Mul(..) => match (na.kind, nb.kind) {
                (Kind::Plain, k) | (k, Kind::Plain) => k,
                _ => Kind::Plain,
            },
            Op::Div(..) => {
                // A number divided by a bare number keeps its tag (a percent stays a
                // percent); a ratio of two quantities is a ratio.
                if self.adapts(b) && matches!(self.ops[b], Op::Const(_)) {
                    na.kind
                } else {
                    Kind::Ratio
                }
            }
            _ if ka == kb => ka,
            _ => Kind::Plain,
        };
        let from_unknown = na.from_unknown || nb.from_unknown;
        self.push(
            Node {
                op,
                kind,
                from_unknown,
                span: at,
            },
            unit,
        )
    }

    /// Whether node `i` has no tag of its own and takes the tag of what it meets: a number
    /// without `%` or `pp`, or an unknown quantity without a tag (SPEC 3).
    pub fn adapts(&self, i: usize) -> bool {
        let m = self.meta[i];
        m.kind == Kind::Plain
            && match self.ops[i] {
                Op::Const(_) => true,
                Op::Var(_) => m.from_unknown,
                Op::Neg(a) => self.adapts(a),
                _ => false,
            }
    }

    /// The unit both sides of `+`, `-` or a comparison share; a side without a unit takes
    /// the other's.
    pub fn same_unit(&self, a: usize, b: usize) -> Result<Option<Dim>, CompileError> {
        match (&self.units[a], &self.units[b]) {
            (None, u) | (u, None) => Ok(u.clone()),
            (Some(x), Some(y)) if x == y => Ok(Some(x.clone())),
            (Some(x), Some(y)) => Err(CompileError::Unit {
                message: format!("{x} and {y} cannot be added, subtracted or compared"),
                left: self.meta[a].span,
                left_unit: x.to_string(),
                right: self.meta[b].span,
                right_unit: y.to_string(),
            }),
        }
    }
}

fn additive_kind(a: Kind, b: Kind, sub: bool) -> Kind {
    use Kind::*;
    match (a, b) {
        (Percent, Percent) if sub => Points,
        (Percent, Percent) => Percent,
        (Percent, Points) | (Points, Percent) => Percent,
        (Points, Points) => Points,
        (Ratio, _) | (_, Ratio) => Ratio,
        (Percent, _) | (_, Percent) => Percent,
        (Points, _) | (_, Points) => Points,
        _ => Plain,
    }
}

mod eval;

pub use eval::{eval, narrow};

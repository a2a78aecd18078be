//! Assertions (SPEC 4) -> an AST with a span on every node.
//!
//! ```text
//! assertion := expr op expr            op := '=' | '~=' | '!=' | '<' | '<=' | '>' | '>='
//! expr      := term (('+' | '-') term)*
//! term      := unary (('*' | '/') unary)*
//! unary     := '-' unary | atom
//! atom      := number | '(' expr ')' | id | function '(' expr (',' expr)* ')'
//! ```
//!
//! The right side may instead be a literal of SPEC 3 as a whole (`half`, `about 25%`);
//! that is decided by the caller, which tries the literal first. Inside an expression,
//! a literal in a unit of time stands for its interval (SPEC 3, dates as values): a
//! duration (`30 days`, `about 3 months`) and a date (`2024-03-01`, `2024-Q3`), read by
//! the caller's [`Words`]. Spans are byte offsets in the formula's text.

use crate::interval::Interval;
use crate::number::{DigitBuf, MAX_DIGITS, Tag, decimal};
use crate::source::Span;

/// The longest formula read; a longer one is `formula/invalid`.
pub const MAX_FORMULA_LEN: usize = 4_096;
/// The deepest nesting of parentheses, calls and signs.
pub const MAX_DEPTH: usize = 64;
/// The most binary operators in one formula (`sum(...)` takes any number of terms).
pub const MAX_OPERATORS: usize = 256;

/// An expression node.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where, in the formula's text.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An exact number, possibly scaled or a percent.
    Number {
        /// Its value (a point, or one ulp wide where not exact in binary).
        value: Interval,
        /// Percent, points or plain.
        tag: Tag,
    },
    /// A literal in a unit of time (SPEC 3): a duration or a date, rounded and hedged
    /// like any literal.
    Time {
        /// Every value it allows: days, or day numbers of a date.
        value: Interval,
        /// Which of the two.
        unit: TimeUnit,
    },
    /// A claim id (or, in a function body, a parameter): inline up to 24 bytes, as most
    /// ids are.
    Id(compact_str::CompactString),
    /// `-e`.
    Neg(Box<Expr>),
    /// `a op b`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `name(args)`.
    Call {
        /// The function's name.
        name: compact_str::CompactString,
        /// Where the name is.
        name_span: Span,
        /// The arguments.
        args: Vec<Expr>,
    },
}

/// The unit of a literal of time in a formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    /// A duration, in days (`30 days`, `3 months`).
    Days,
    /// A date: the day numbers it covers (`2024-03-01`).
    Date,
}

impl TimeUnit {
    /// The name of its base unit.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Days => "days",
            TimeUnit::Date => "date",
        }
    }
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `~=`: vague equality, within the rules' tolerance.
    Approx,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// As written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Approx => "~=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

impl Expr {
    /// Calls `f` on this node and every node below it, children first.
    pub fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        match &self.kind {
            ExprKind::Neg(e) => e.walk(f),
            ExprKind::Binary(_, a, b) => {
                a.walk(f);
                b.walk(f);
            }
            ExprKind::Call { args, .. } => args.iter().for_each(|a| a.walk(f)),
            ExprKind::Number { .. } | ExprKind::Time { .. } | ExprKind::Id(_) => {}
        }
        f(self);
    }
}

/// A formula that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct FormulaError {
    /// What was expected.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// The left side, the operator, and the text of the right side (read by the caller, as a
/// literal or an expression).
#[derive(Clone, Debug)]
pub struct Split {
    /// The left expression.
    pub lhs: Expr,
    /// The comparison.
    pub op: CmpOp,
    /// Where the operator is.
    pub op_span: Span,
    /// Byte offset where the right side starts.
    pub rhs_start: usize,
}

/// The words of the rules an expression reads: the scale words a number may carry
/// (`1.5 mln`), and the literals of time that stand inside it (SPEC 3).
pub trait Words {
    /// The factor of a scale word (lowercase), if it is one.
    fn scale(&self, word: &str) -> Option<f64>;
    /// A duration written as a literal (`30 days`, `about 3 months`): the days it
    /// allows; `None` where the text is no literal in a unit of days.
    fn duration(&self, text: &str) -> Option<Interval>;
    /// A date written as a time of SPEC 2 (`2024-03-01`, `2024-Q3`): its day numbers.
    fn date(&self, text: &str) -> Option<Interval>;
}

/// The words of the rules, where the caller has them (`None`: bare numbers only).
pub type Scales<'a> = Option<&'a dyn Words>;

/// Parses a whole expression (a function body, or a right side).
pub fn parse_expr(text: &str) -> Result<Expr, FormulaError> {
    parse_expr_at(text, 0, None)
}

/// Parses an expression that starts at `start` and runs to the end of `text`.
pub fn parse_expr_at(text: &str, start: usize, scales: Scales<'_>) -> Result<Expr, FormulaError> {
    check_len(text)?;
    let mut p = Parser {
        s: text,
        pos: start,
        depth: 0,
        operators: 0,
        scales,
    };
    let e = p.expr()?;
    p.ws();
    if p.pos < text.len() {
        return Err(p.unexpected("an operator or the end"));
    }
    Ok(e)
}

/// Parses `expr op`, leaving the right side to the caller.
pub fn split_assertion(text: &str, scales: Scales<'_>) -> Result<Split, FormulaError> {
    check_len(text)?;
    let mut p = Parser {
        s: text,
        pos: 0,
        depth: 0,
        operators: 0,
        scales,
    };
    let lhs = p.expr()?;
    p.ws();
    let start = p.pos;
    let rest = &text[start..];
    let (op, len) = [
        ("!=", CmpOp::Ne),
        ("~=", CmpOp::Approx),
        ("<=", CmpOp::Le),
        (">=", CmpOp::Ge),
        ("=", CmpOp::Eq),
        ("<", CmpOp::Lt),
        (">", CmpOp::Gt),
    ]
    .iter()
    .find(|(s, _)| rest.starts_with(s))
    .map(|(s, op)| (*op, s.len()))
    .ok_or_else(|| {
        if rest.is_empty() {
            FormulaError {
                message: "an assertion needs a comparison: =, ~=, !=, <, <=, > or >=".into(),
                span: Span::new(0, text.len()),
            }
        } else {
            p.unexpected("a comparison (=, ~=, !=, <, <=, >, >=)")
        }
    })?;
    let rhs_start = start + len;
    if text[rhs_start..].trim().is_empty() {
        return Err(FormulaError {
            message: format!("nothing after `{}`", op.as_str()),
            span: Span::new(start, len),
        });
    }
    Ok(Split {
        lhs,
        op,
        op_span: Span::new(start, len),
        rhs_start,
    })
}

fn check_len(text: &str) -> Result<(), FormulaError> {
    if text.len() > MAX_FORMULA_LEN {
        return Err(FormulaError {
            message: format!(
                "a formula of {} bytes is longer than {}",
                crate::wording::count(text.len()),
                crate::wording::count(MAX_FORMULA_LEN)
            ),
            span: Span::new(0, text.len()),
        });
    }
    Ok(())
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
    depth: usize,
    /// Binary operators read so far: a chain of them nests the tree as deep as it is long.
    operators: usize,
    scales: Scales<'a>,
}

impl Parser<'_> {
    /// The character at the position: an ASCII byte read as it is, as most are.
    fn here(&self) -> Option<char> {
        match self.s.as_bytes().get(self.pos) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            _ => self.s.get(self.pos..)?.chars().next(),
        }
    }

    fn ws(&mut self) {
        while let Some(c) = self.here() {
            if !c.is_whitespace() {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.ws();
        self.here()
    }

    fn unexpected(&self, expected: &str) -> FormulaError {
        match self.here() {
            Some(c) => FormulaError {
                message: format!("expected {expected}, found `{c}`"),
                span: Span::new(self.pos, c.len_utf8()),
            },
            None => FormulaError {
                message: format!("expected {expected}, found the end"),
                span: Span::new(self.s.len(), 0),
            },
        }
    }

    fn operator(&mut self) -> Result<(), FormulaError> {
        self.operators += 1;
        if self.operators > MAX_OPERATORS {
            return Err(FormulaError {
                message: format!("the formula has more than {MAX_OPERATORS} operators"),
                span: Span::new(self.pos.saturating_sub(1), 1),
            });
        }
        Ok(())
    }

    fn deeper(&mut self) -> Result<(), FormulaError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(FormulaError {
                message: format!("the formula nests deeper than {MAX_DEPTH} levels"),
                span: Span::new(self.pos, 0),
            });
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<Expr, FormulaError> {
        let mut lhs = self.term()?;
        loop {
            let op = match self.peek() {
                Some('+') => BinOp::Add,
                Some('-') => BinOp::Sub,
                _ => return Ok(lhs),
            };
            self.pos += 1;
            self.operator()?;
            let rhs = self.term()?;
            lhs = binary(op, lhs, rhs);
        }
    }

    fn term(&mut self) -> Result<Expr, FormulaError> {
        let mut lhs = self.unary()?;
        loop {
            let op = match self.peek() {
                Some('*') => BinOp::Mul,
                Some('/') => BinOp::Div,
                _ => return Ok(lhs),
            };
            self.pos += 1;
            self.operator()?;
            let rhs = self.unary()?;
            lhs = binary(op, lhs, rhs);
        }
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        if self.peek() == Some('-') {
            let start = self.pos;
            self.pos += 1;
            self.deeper()?;
            let e = self.unary()?;
            self.depth -= 1;
            let span = Span::new(start, e.span.end() - start);
            return Ok(Expr {
                kind: ExprKind::Neg(Box::new(e)),
                span,
            });
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, FormulaError> {
        let start = self.pos;
        if let Some(e) = self.time_literal()? {
            return Ok(e);
        }
        match self.peek() {
            Some('(') => {
                let open = self.pos;
                self.pos += 1;
                self.deeper()?;
                let mut e = self.expr()?;
                self.depth -= 1;
                if self.peek() != Some(')') {
                    return Err(self.unexpected("`)`"));
                }
                self.pos += 1;
                e.span = Span::new(open, self.pos - open);
                Ok(e)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => self.number(),
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let start = self.pos;
                let len = name_len(self.s.as_bytes().get(start..).unwrap_or_default());
                let name = compact_str::CompactString::from(&self.s[start..start + len]);
                self.pos += len;
                let name_span = Span::new(start, len);
                if self.peek() == Some('(') {
                    self.pos += 1;
                    self.deeper()?;
                    let mut args = Vec::new();
                    if self.peek() != Some(')') {
                        loop {
                            args.push(self.expr()?);
                            match self.peek() {
                                Some(',') => self.pos += 1,
                                Some(')') => break,
                                _ => return Err(self.unexpected("`,` or `)`")),
                            }
                        }
                    }
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Expr {
                        kind: ExprKind::Call {
                            name,
                            name_span,
                            args,
                        },
                        span: Span::new(start, self.pos - start),
                    });
                }
                Ok(Expr {
                    kind: ExprKind::Id(name),
                    span: name_span,
                })
            }
            _ => {
                self.pos = self.pos.max(start);
                Err(self.unexpected("a number, an id, a function or `(`"))
            }
        }
    }

    /// A literal of time at the current position, if the words read one there: a date
    /// (`2024-03-01`, `2024-03`, `2024-Q3`, `2024-H2`: never a bare year, which stays a
    /// number), else a duration, the words up to the next operator (`30 days`, `about 3
    /// months`, `~2 weeks`, `2 to 3 weeks`). Nothing else is tried: a bare number, an id
    /// or a call is read as before.
    fn time_literal(&mut self) -> Result<Option<Expr>, FormulaError> {
        let Some(words) = self.scales else {
            return Ok(None);
        };
        self.ws();
        let start = self.pos;
        let rest = &self.s[start..];
        let b = rest.as_bytes();
        if b.len() >= 6 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
            // `YYYY-` then a month (and a day), a quarter or a half, and no more.
            let two = |i: usize| b.len() >= i + 2 && b[i..i + 2].iter().all(u8::is_ascii_digit);
            let end = if matches!(b[5], b'Q' | b'H') && b.get(6).is_some_and(u8::is_ascii_digit) {
                7
            } else if two(5) && b.get(7) == Some(&b'-') && two(8) {
                10
            } else if two(5) {
                7
            } else {
                0
            };
            let ends = end > 0
                && !b
                    .get(end)
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.');
            if !ends {
                return Ok(None);
            }
            let Some(value) = words.date(&rest[..end]) else {
                return Err(FormulaError {
                    message: format!(
                        "`{}` is written like a date but is none: a date is a day \
                         (2024-10-14), a month (2024-10), a quarter (2024-Q3) or a half-year (2024-H1)",
                        &rest[..end]
                    ),
                    span: Span::new(start, end),
                });
            };
            self.pos += end;
            return Ok(Some(Expr {
                kind: ExprKind::Time {
                    value,
                    unit: TimeUnit::Date,
                },
                span: Span::new(start, end),
            }));
        }
        // The words up to the next operator: a hedge symbol may open them.
        let mut chars = rest.char_indices();
        let Some((_, first)) = chars.next() else {
            return Ok(None);
        };
        if !(first.is_alphanumeric() || matches!(first, '.' | '~' | '≈')) {
            return Ok(None);
        }
        let operator = |c: char| {
            matches!(
                c,
                '+' | '-' | '*' | '/' | '(' | ')' | ',' | '=' | '<' | '>' | '!' | '~' | '≈'
            )
        };
        if first.is_ascii_alphabetic() {
            // An id or a function's name followed by an operator (or nothing), white space
            // between or not, is one word up to the operator, so no duration (below): said
            // at once, as most atoms are.
            let word = name_len(b);
            if rest[word..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(operator)
            {
                return Ok(None);
            }
        }
        let end = chars
            .find(|&(_, c)| operator(c))
            .map_or(rest.len(), |(i, _)| i);
        let text = rest[..end].trim_end();
        // A duration has a unit (a letter) after a number (a digit, or a word: white
        // space between): a lone id or number is not tried.
        let numbered = first.is_ascii_digit() || matches!(first, '.' | '~' | '≈');
        if !text.contains(char::is_alphabetic) || !(numbered || text.contains(char::is_whitespace))
        {
            return Ok(None);
        }
        let Some(value) = words.duration(text) else {
            return Ok(None);
        };
        self.pos += text.len();
        Ok(Some(Expr {
            kind: ExprKind::Time {
                value,
                unit: TimeUnit::Days,
            },
            span: Span::new(start, text.len()),
        }))
    }

    /// `digits ('.' digits)?` then `%`, `pp` or a scale word is left to the literal
    /// grammar; here `%` and `pp` are read, and scale words are resolved by the caller.
    fn number(&mut self) -> Result<Expr, FormulaError> {
        let start = self.pos;
        let b = self.s.as_bytes();
        let mut i = start;
        let mut all = DigitBuf::default();
        while i < b.len() && b[i].is_ascii_digit() {
            all.push(b[i]);
            i += 1;
        }
        let int_len = all.count;
        if b.get(i) == Some(&b'.') {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                all.push(b[i]);
                i += 1;
            }
        }
        if all.count == 0 {
            self.pos = start;
            return Err(self.unexpected("a number"));
        }
        if let Some(end) = crate::number::exponent_end(b, i) {
            return Err(FormulaError {
                message: format!(
                    "`{}` is exponent notation, which claimlint does not read: {}",
                    &self.s[start..end],
                    crate::number::exponent_help(&self.s[start..i], &self.s[i + 1..end])
                ),
                span: Span::new(start, end - start),
            });
        }
        if all.count > MAX_DIGITS {
            return Err(FormulaError {
                message: format!("a number of more than {MAX_DIGITS} digits"),
                span: Span::new(start, i - start),
            });
        }
        let mut value = decimal(all.as_bytes(), -((all.count - int_len) as i64));
        self.pos = i;
        let mut tag = Tag::Plain;
        let save = self.pos;
        self.ws();
        let rest = &self.s[self.pos..];
        // `get`, not indexing: the text after a number may be any character (found by
        // fuzzing: `6` followed by a three-byte character).
        let word_end = |w: &str| {
            rest.get(..w.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(w))
                && !rest.get(w.len()..).is_some_and(|tail| {
                    tail.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                })
        };
        if rest.starts_with('%') {
            self.pos += 1;
            tag = Tag::Percent;
        } else if word_end("pp") {
            self.pos += 2;
            tag = Tag::Points;
        } else {
            let len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            match self
                .scales
                .and_then(|w| w.scale(&rest[..len].to_lowercase()))
            {
                Some(f) if len > 0 => {
                    value = value.mul(&Interval::point(f));
                    self.pos += len;
                }
                _ => self.pos = save,
            }
        }
        if tag != Tag::Plain {
            value = value.div_relaxed(&Interval::point(100.0));
        }
        Ok(Expr {
            kind: ExprKind::Number { value, tag },
            span: Span::new(start, self.pos - start),
        })
    }
}

/// The length of the name (an id's or a function's) that `b` starts with. A name is
/// ASCII: the first byte of any other character ends it.
fn name_len(b: &[u8]) -> usize {
    b.iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
        .unwrap_or(b.len())
}

fn binary(op: BinOp, a: Expr, b: Expr) -> Expr {
    let span = Span::new(a.span.start, b.span.end().saturating_sub(a.span.start));
    Expr {
        kind: ExprKind::Binary(op, Box::new(a), Box::new(b)),
        span,
    }
}

#[cfg(test)]
mod tests;

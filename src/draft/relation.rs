//! Relations the prose states between figures, as assertions: "X, half of the Y", "A, or
//! 58% of the total", "one in five", "a 25% increase compared to 2023", "rose 5% from A
//! to B", "B, down from A", "up 5% to B", "cut by a fifth", "doubled to B", "nearly
//! double the Y", "40% higher than Y", and parts named beside their total ("612,000
//! merchants: 410,000 shops and 202,000 cafes"). The words of each kind come from the
//! rules' `draft.relations`.
//!
//! This file holds the reader and what every kind of relation uses; parts of a whole are
//! read in `part`, changes in `change`, multipliers and comparatives in `compare`.

mod change;
mod compare;
mod part;

use super::figure::{FigKind, Figure, Finder};
use super::time::Mention as Time;
use super::token::Kind;

/// One side of a relation: a figure of the draft, or an unknown the text names but
/// gives no figure for.
#[derive(Clone, Debug, PartialEq)]
pub enum Side {
    /// The figure with this index (in the whole article).
    Figure(usize),
    /// An unknown: of the same unit and measure as a figure (an earlier value, a
    /// whole), at a time if the text gives one, or named by the text's words.
    New {
        /// The figure whose unit and measure it takes.
        like: Option<usize>,
        /// Its time.
        when: Option<String>,
        /// The words that name it ("total", "record"), where it is not like a figure.
        label: String,
    },
}

/// A relation found in a sentence.
#[derive(Clone, Debug)]
pub struct Relation {
    /// The function (`share`, `growth`, `decline`, `change`, `times`, `sum`) or a
    /// comparison (`>` / `<`: the first side compared with the second).
    pub func: &'static str,
    /// Its arguments, in order (for `sum`, the parts and then the total).
    pub args: Vec<Side>,
    /// The right side: a literal (`half`, `25%`); empty for a comparison or a sum.
    pub rhs: String,
    /// The quote's span.
    pub quote: (usize, usize),
    /// Figures the relation stands for, that need no claim of their own (its amount).
    pub consumed: Vec<usize>,
}

/// Reads the relations of one sentence.
struct Reader<'a, 'b> {
    fd: &'b Finder<'a>,
    figs: &'b [Figure],
    base: usize,
    times: &'b [Time],
    out: Vec<Relation>,
    /// Figures already the whole of a share.
    wholes: Vec<usize>,
}

/// The relations of one sentence. `figs` are the sentence's figures, whose article
/// indices start at `base`; `prev` is the article index of the figure an anaphora
/// ("This is a 25% increase") refers to, from the sentence before.
pub fn find(
    fd: &Finder,
    figs: &[Figure],
    base: usize,
    times: &[Time],
    prev: Option<usize>,
) -> Vec<Relation> {
    let mut r = Reader {
        fd,
        figs,
        base,
        times,
        out: Vec::new(),
        wholes: Vec::new(),
    };
    r.shares();
    r.ratios_alone(prev);
    r.one_in_n();
    r.sums();
    r.rest();
    r.change_nouns(prev);
    r.verbs();
    r.multipliers();
    r.comparatives();
    r.compared_with();
    r.tallies();
    r.out
}

/// A literal's numbers divided by a hundred, as written (`25` -> `0.25`, `about 7.5`
/// -> `about 0.075`, `50` -> `0.50`: the digits keep their precision).
fn hundredths(literal: &str) -> String {
    let mut out = String::with_capacity(literal.len() + 4);
    let mut num = String::new();
    let flush = |num: &mut String, out: &mut String| {
        if num.is_empty() {
            return;
        }
        let digits = num.replace(',', "");
        let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
        let int = format!("{int:0>3}");
        let (hi, lo) = int.split_at(int.len() - 2);
        let hi = hi.trim_start_matches('0');
        out.push_str(if hi.is_empty() { "0" } else { hi });
        out.push('.');
        out.push_str(lo);
        out.push_str(frac);
        num.clear();
    };
    let mut chars = literal.chars().peekable();
    while let Some(c) = chars.next() {
        let in_number = c.is_ascii_digit()
            || (matches!(c, '.' | ',')
                && !num.is_empty()
                && chars.peek().is_some_and(char::is_ascii_digit));
        if in_number {
            num.push(c);
        } else {
            flush(&mut num, &mut out);
            out.push(c);
        }
    }
    flush(&mut num, &mut out);
    out
}

/// Words before `half` that make it a part of a time ("the first half of 2025").
pub const TIME_HALVES: &[&str] = &["first", "second", "latter", "last", "later", "earlier"];

fn amount(g: &Figure) -> bool {
    matches!(g.kind, FigKind::Count | FigKind::Money)
}

fn valued(g: &Figure) -> bool {
    matches!(
        g.kind,
        FigKind::Count | FigKind::Money | FigKind::Percent | FigKind::Points
    )
}

impl Reader<'_, '_> {
    fn f(&self, k: usize) -> &str {
        self.fd.f(k)
    }

    fn is(&self, kind: &str, k: usize) -> bool {
        self.fd
            .rules
            .draft()
            .relation(kind)
            .is_some_and(|s| s.contains(self.f(k)))
    }

    fn at(&self, k: usize) -> Option<usize> {
        self.figs.iter().position(|g| g.first == k)
    }

    fn start(&self, k: usize) -> usize {
        self.fd.toks.get(k).map_or(0, |t| t.start)
    }

    fn end(&self, k: usize) -> usize {
        self.fd.toks.get(k).map_or(0, |t| t.end)
    }

    fn side(&self, j: usize) -> Side {
        Side::Figure(self.base + j)
    }

    fn new_like(&self, j: usize, when: Option<String>) -> Side {
        Side::New {
            like: Some(self.base + j),
            when,
            label: String::new(),
        }
    }

    fn named(&self, label: String) -> Side {
        Side::New {
            like: None,
            when: None,
            label,
        }
    }

    /// Whether tokens `(a, z)` hold a clause break: `;`, or a word that opens a clause.
    fn clause_break(&self, a: usize, z: usize) -> bool {
        (a + 1..z).any(|k| matches!(self.f(k), ";" | "while" | "but" | "whereas"))
    }

    /// The nearest figure ending before token `k`, within `gap` tokens, that `ok` takes.
    fn before(&self, k: usize, gap: usize, ok: impl Fn(&Figure) -> bool) -> Option<usize> {
        self.figs
            .iter()
            .enumerate()
            .rev()
            .find(|(_, g)| g.last < k && ok(g))
            .filter(|(_, g)| k - g.last <= gap && !self.clause_break(g.last, k))
            .map(|(j, _)| j)
    }

    /// The words of the noun phrase at `k`, for an unknown's name.
    fn np(&self, k: usize) -> Option<(String, usize)> {
        let mut k = k;
        while matches!(self.f(k), "of" | "the" | "its" | "their" | "as" | "than") {
            k += 1;
        }
        // "of its worldwide turnover", "of the total": a word the stop words hold for
        // its other uses ("sold 2 mln worldwide") is an adjective here.
        let lead = k;
        while matches!(
            self.f(k),
            "worldwide" | "global" | "annual" | "overall" | "total" | "combined" | "yearly"
        ) && k < lead + 3
        {
            k += 1;
        }
        let words = |a: usize, z: usize| (a..=z).map(|i| self.f(i)).collect::<Vec<_>>().join(" ");
        match self.fd.noun_phrase_after(k) {
            Some((_, z)) => Some((words(lead, z), z)),
            None if k > lead => Some((words(lead, k - 1), k - 1)),
            // "a quarter of those on the app": the pronoun and what places it.
            None if matches!(self.f(k), "those" | "all") => {
                let z = (k + 1..k + 6)
                    .take_while(|&t| self.fd.toks.get(t).is_some_and(|x| x.kind == Kind::Word))
                    .last()
                    .unwrap_or(k);
                Some((words(k, z), z))
            }
            None => None,
        }
    }

    /// A ratio word at `k`, with a hedge before it: (first token, last token, literal).
    fn ratio_word(&self, k: usize) -> Option<(usize, usize, String)> {
        let fd = self.fd;
        // "the first half of January": a time, not a ratio.
        if !fd.starts_ratio_word(k) || (k > 0 && TIME_HALVES.contains(&self.f(k - 1))) {
            return None;
        }
        let first = (1..=3usize)
            .rev()
            .find(|&n| k >= n && fd.rules.hedges.contains_key(&self.phrase(k - n, k)))
            .map_or(k, |n| k - n);
        let (n, _) = (1..=2usize)
            .rev()
            .map(|n| (n, self.phrase(k, k + n)))
            .find(|(_, p)| fd.rules.ratio_words.contains_key(p))?;
        Some((
            first,
            k + n - 1,
            fd.written(first, k + n - 1).to_lowercase(),
        ))
    }

    fn phrase(&self, a: usize, z: usize) -> String {
        if z > self.fd.toks.len() {
            return String::new();
        }
        (a..z).map(|k| self.f(k)).collect::<Vec<_>>().join(" ")
    }

    fn push(
        &mut self,
        func: &'static str,
        args: Vec<Side>,
        rhs: String,
        quote: (usize, usize),
        consumed: Vec<usize>,
    ) {
        self.out.push(Relation {
            func,
            args,
            rhs,
            quote: (self.start(quote.0), self.end(quote.1)),
            consumed,
        });
    }

    /// The amount of a relation as a literal: `12 points` is `12 pp`, `25 basis points`
    /// `0.25 pp`.
    fn amount_literal(&self, g: &Figure) -> String {
        if g.kind == FigKind::Count && g.unit.as_ref().is_some_and(|(u, _)| u == "bp") {
            return format!("{} pp", hundredths(&g.literal));
        }
        if g.kind == FigKind::Count
            && g.unit
                .as_ref()
                .is_some_and(|(u, _)| u == "points" || u == "point")
        {
            return format!("{} pp", g.literal);
        }
        g.literal.clone()
    }

    fn is_points(&self, g: &Figure) -> bool {
        g.kind == FigKind::Points
            || (g.kind == FigKind::Count
                && g.unit
                    .as_ref()
                    .is_some_and(|(u, _)| u == "points" || u == "point" || u == "bp"))
    }
}

//! Figures: the numbers of a sentence worth checking, each as a literal of the claim
//! language (hedge, sign, currency, number, scale, range), with what it counts.
//!
//! The grammar is written over tokens, with the words of the rules (hedges, scale words,
//! number and ratio words of `literals:`, and the `draft:` words); the literal it builds
//! is read back by the literal parser before it is drafted (see `super::draft`).
//!
//! This file holds the finder and its view of the sentence's tokens; a figure's number
//! is read in `number`, the figure at a token in `read`, what it counts in `noun`.

mod noun;
mod number;
mod read;

use super::time::Mention;
use super::token::{Kind, Token};
use crate::rules::RuleSet;

/// What kind of number a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigKind {
    /// A count or an amount.
    Count,
    /// Money: a currency sign, code or word.
    Money,
    /// A percent.
    Percent,
    /// Percentage points.
    Points,
    /// A ratio word (`half`, `a third`).
    Ratio,
}

/// A figure found in a sentence.
#[derive(Clone, Debug)]
pub struct Figure {
    /// Its tokens, first and last (the literal's).
    pub first: usize,
    /// Last token of the literal.
    pub last: usize,
    /// The literal as written, white space folded (`more than 12.5 mln`).
    pub literal: String,
    /// The literal without a currency the literal language may not read, and the unit
    /// that currency stands for (`₹500 crore` -> `500 crore`, `INR`).
    pub fallback: Option<(String, String)>,
    /// Its kind.
    pub kind: FigKind,
    /// The unit of what it counts, and whether that is a guess.
    pub unit: Option<(String, bool)>,
    /// What it counts (`fake accounts`, `share of voters`).
    pub measure: Option<String>,
    /// The span of the shortest quote: the literal and what it counts.
    pub quote: (usize, usize),
    /// The time of its sentence, if any.
    pub as_of: Option<String>,
    /// Written with a word the literal language does not read: noted, not drafted.
    pub unread: bool,
}

/// Reads the figures of one sentence.
pub struct Finder<'a> {
    /// The article.
    pub text: &'a str,
    /// The sentence's tokens.
    pub toks: &'a [Token],
    /// The rules.
    pub rules: &'a RuleSet,
    /// Tokens taken by times.
    pub timed: Vec<bool>,
    /// Each token folded once (lowercase, apostrophes straightened).
    pub lower: Vec<String>,
}

const PERCENT: &[(&str, FigKind)] = &[
    ("percentage points", FigKind::Points),
    ("percentage point", FigKind::Points),
    ("pp", FigKind::Points),
    ("per cent", FigKind::Percent),
    ("percent", FigKind::Percent),
    ("%", FigKind::Percent),
];

/// The signs of money the literal language reads before a number, which the draft meets
/// as tokens of their own.
pub(super) const CURRENCY_SIGNS: &[&str] = &["$", "€", "£"];

/// A number of the text and where it ends.
struct Amount {
    first: usize,
    last: usize,
    /// The digits as the literal writes them (space-grouped thousands joined by commas).
    digits: String,
    word: bool,
}

impl<'a> Finder<'a> {
    /// A finder over one sentence; `times` are the sentence's times.
    pub fn new(
        text: &'a str,
        toks: &'a [Token],
        lower: Vec<String>,
        rules: &'a RuleSet,
        times: &[Mention],
    ) -> Self {
        let mut timed = vec![false; toks.len()];
        for m in times {
            for t in timed.iter_mut().take(m.last + 1).skip(m.first) {
                *t = true;
            }
        }
        Finder {
            text,
            toks,
            rules,
            timed,
            lower,
        }
    }

    fn t(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// Token `i`, folded (lowercase, apostrophes straightened), or `""`.
    pub fn f(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn adjacent(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// The folded text of tokens `[a, z)`, with single spaces where the text has white
    /// space and none where it has none.
    fn phrase(&self, a: usize, z: usize) -> std::borrow::Cow<'_, str> {
        if z > self.toks.len() || a >= z {
            return std::borrow::Cow::Borrowed("");
        }
        if z == a + 1 {
            return std::borrow::Cow::Borrowed(self.f(a));
        }
        let mut s = String::new();
        for i in a..z {
            if i > a && !self.adjacent(i - 1) {
                s.push(' ');
            }
            s.push_str(self.f(i));
        }
        std::borrow::Cow::Owned(s)
    }

    /// The article's text of tokens `[a, z]`, white space folded.
    pub fn written(&self, a: usize, z: usize) -> String {
        let (Some(s), Some(e)) = (self.toks.get(a), self.toks.get(z)) else {
            return String::new();
        };
        fold_ws(self.text.get(s.start..e.end).unwrap_or(""))
    }

    /// Every figure of the sentence, in order.
    pub fn figures(&self) -> Vec<Figure> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.figure_at(i) {
                Some(f) => {
                    i = f.last + 1;
                    out.push(f);
                }
                // "aged 18 to 64", "pages 12-14": the other end of a number that is no
                // figure is none either.
                None if self.kind(i) == Some(Kind::Num)
                    && !self.is_time(i)
                    && matches!(self.f(i + 1), "to" | "-" | "–")
                    && self.kind(i + 2) == Some(Kind::Num) =>
                {
                    i += 3;
                }
                None => i += 1,
            }
        }
        self.elided_counts(&mut out);
        self.elided_units(&mut out);
        out
    }

    /// "The Labour Federation held 11 seats and independents won four.": a number word
    /// after a verb of a tally, ending its clause, counts what a figure before it in the
    /// sentence counts (its noun left out). It takes that unit, as a guess.
    fn elided_counts(&self, figs: &mut Vec<Figure>) {
        let mut found = Vec::new();
        // The figures are in text order: `p` is the first that does not end before `i`.
        let mut p = 0;
        for i in 1..self.toks.len() {
            while p < figs.len() && figs[p].last < i {
                p += 1;
            }
            if figs.get(p).is_some_and(|g| g.first <= i) {
                continue;
            }
            let ends = matches!(self.f(i + 1), "," | "." | ";" | "and" | "but" | "while");
            let tally = matches!(
                self.f(i - 1),
                "won"
                    | "took"
                    | "held"
                    | "gained"
                    | "lost"
                    | "kept"
                    | "secured"
                    | "retained"
                    | "scored"
                    | "added"
            );
            if !ends || !tally || matches!(self.f(i), "one" | "no" | "none" | "zero") {
                continue;
            }
            let Some(amount) = self.amount(i).filter(|a| a.word && a.first == a.last) else {
                continue;
            };
            if self.not_a_figure(&amount) {
                continue;
            }
            let unit = figs[..p]
                .iter()
                .rev()
                .take_while(|g| i - g.last <= 20)
                .find(|g| g.kind == FigKind::Count)
                .filter(|g| !(g.last..i).any(|t| self.f(t) == ";"))
                .and_then(|g| g.unit.clone());
            let Some((u, _)) = unit else {
                continue;
            };
            found.push(Figure {
                first: i,
                last: i,
                literal: lower_first(&self.written(i, i)),
                fallback: None,
                kind: FigKind::Count,
                unit: Some((u, true)),
                measure: None,
                quote: (self.toks[i].start, self.toks[i].end),
                as_of: None,
                unread: false,
            });
        }
        if !found.is_empty() {
            figs.extend(found);
            figs.sort_by_key(|g| g.first);
        }
    }

    /// "2.3 million hectares, up from 2.1 million", "raise capacity to 50 million
    /// passengers, from 36 million today", "compared with 1.7": a bare count set
    /// against a counted figure before it counts the same thing, its noun left out.
    /// It takes that unit, as a guess.
    fn elided_units(&self, figs: &mut [Figure]) {
        for j in 1..figs.len() {
            let g = &figs[j];
            if g.kind != FigKind::Count || g.unit.is_some() || g.first < 2 {
                continue;
            }
            let k = g.first;
            let set_against = match self.f(k - 1) {
                "from" | "than" | "versus" | "vs" | "against" => true,
                // "by 32 votes to 4": "to" right after a counted figure ("weakened 0.3%
                // to 87.58", "from Oct. 14 to 18" set no count against another).
                "to" => {
                    let p = &figs[j - 1];
                    p.kind == FigKind::Count && p.unit.is_some() && k - p.last <= 3
                }
                "with" => matches!(self.f(k - 2), "compared" | "compares" | "comparison"),
                // "down from a peak of 348,000"
                "of" => (k.saturating_sub(5)..k - 1).any(|t| self.f(t) == "from"),
                _ => false,
            };
            if !set_against {
                continue;
            }
            // "412 cases in 19 states, compared with 285": not the count in the phrase
            // that places the figure before it.
            let placed = |p: &Figure, q: &Figure| {
                matches!(
                    self.f(p.first.wrapping_sub(1)),
                    "in" | "across" | "among" | "at" | "over" | "from"
                ) && p.first.saturating_sub(q.last) <= 3
            };
            let counts: Vec<&Figure> = figs[..j]
                .iter()
                .filter(|p| p.kind == FigKind::Count)
                .collect();
            let unit = (0..counts.len())
                .rev()
                .find(|&c| c == 0 || !placed(counts[c], counts[c - 1]))
                .map(|c| counts[c])
                .filter(|p| k - p.last <= 24 && !(p.last..k).any(|t| self.f(t) == ";"))
                .and_then(|p| p.unit.clone());
            if let Some((u, _)) = unit {
                figs[j].unit = Some((u, true));
            }
        }
    }

    /// The folded words of tokens `[a, z]`, single-spaced.
    fn words(&self, a: usize, z: usize) -> String {
        (a..=z).map(|k| self.f(k)).collect::<Vec<_>>().join(" ")
    }

    /// Whether token `i` is a time's.
    pub fn is_time(&self, i: usize) -> bool {
        self.timed.get(i).copied().unwrap_or(false)
    }
}

/// The text with its first letter lowercase: a hedge or number word that opens a
/// sentence reads the same in the literal language, and reads as a literal.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_uppercase() && c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_owned(),
    }
}

/// White space folded to single spaces, no-break spaces included.
pub fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn value_of(digits: &str) -> f64 {
    digits.replace(',', "").parse().unwrap_or(f64::NAN)
}

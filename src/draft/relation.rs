//! Relations the prose states between figures, as assertions: "X, half of the Y", "A, or
//! 58% of the total", "one in five", "a 25% increase compared to 2023", "rose 5% from A
//! to B", "B, down from A", "up 5% to B", "cut by a fifth", "doubled to B", "nearly
//! double the Y", "40% higher than Y", and parts named beside their total ("612,000
//! merchants: 410,000 shops and 202,000 cafes"). The words of each kind come from the
//! rules' `draft.relations`.

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
            .draft
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
        self.fd
            .noun_phrase_after(k)
            .map(|(a, z)| ((a..=z).map(|i| self.f(i)).collect::<Vec<_>>().join(" "), z))
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

    /// X, [or] half of the Y; A, or 58% of the total.
    fn shares(&mut self) {
        for j in 0..self.figs.len() {
            let a = &self.figs[j];
            if !amount(a) {
                continue;
            }
            let Some(r) = self.figs.get(j + 1) else {
                continue;
            };
            if !matches!(r.kind, FigKind::Ratio | FigKind::Percent) {
                continue;
            }
            let between: Vec<&str> = (a.last + 1..r.first).map(|k| self.f(k)).collect();
            let linked = between.iter().any(|&w| w == "," || w == "(" || w == "or");
            // ", and a quarter of the projects": a clause of its own.
            let new_clause = between
                .iter()
                .any(|&w| matches!(w, "and" | "but" | ";" | "while" | "which" | "who"));
            if !linked || new_clause || between.len() > 12 {
                continue;
            }
            let mut k = r.last + 1;
            if self.f(k) != "of" && r.kind == FigKind::Percent {
                continue;
            }
            // "A$500,000 in prize money, half of which goes to the players": a share of
            // the figure before.
            if self.f(k) == "of" && matches!(self.f(k + 1), "which" | "whom") {
                let rhs = r.literal.clone();
                let q1 = self.fd.noun_phrase_after(k + 3).map_or(k + 1, |(_, z)| z);
                let part = Side::New {
                    like: Some(self.base + j),
                    when: None,
                    label: a
                        .measure
                        .as_ref()
                        .map_or("part".into(), |m| format!("part of {m}")),
                };
                self.wholes.push(j);
                self.push(
                    "share",
                    vec![part, self.side(j)],
                    rhs,
                    (r.first, q1),
                    vec![self.base + j + 1],
                );
                continue;
            }
            let mut skipped = 0;
            while skipped < 7
                && self.at(k).is_none()
                && self.fd.toks.get(k).is_some_and(|t| t.kind == Kind::Word)
                && !matches!(self.f(k), "and" | "or" | "but")
            {
                k += 1;
                skipped += 1;
            }
            let whole = match self.at(k).filter(|&b| b > j + 1 && amount(&self.figs[b])) {
                Some(b) => {
                    self.wholes.push(b);
                    (
                        self.side(b),
                        self.last_token_of(self.figs[b].quote.1)
                            .max(self.figs[b].last),
                    )
                }
                None => match self.np(r.last + 1) {
                    Some((label, z)) if self.f(r.last + 1) == "of" => (
                        Side::New {
                            like: Some(self.base + j),
                            when: None,
                            label,
                        },
                        z,
                    ),
                    _ => continue,
                },
            };
            let rhs = r.literal.clone();
            let first = r.first;
            self.push(
                "share",
                vec![self.side(j), whole.0],
                rhs,
                (first, whole.1),
                vec![self.base + j + 1],
            );
        }
    }

    /// A ratio word no share took: "about a third of the money, 2.3 billion roubles" is
    /// a share of an unknown whole; "a fifth of visitors" a share of two unknowns.
    fn ratios_alone(&mut self, prev: Option<usize>) {
        let taken: Vec<usize> = self.out.iter().flat_map(|r| r.consumed.clone()).collect();
        for j in 0..self.figs.len() {
            let r = &self.figs[j];
            if !matches!(r.kind, FigKind::Ratio | FigKind::Percent)
                || taken.contains(&(self.base + j))
            {
                continue;
            }
            if self.f(r.last + 1) != "of" {
                continue;
            }
            // "More than half of it, ¥47 billion": the whole is the amount the sentence
            // before was about.
            if matches!(self.f(r.last + 2), "it" | "this" | "that")
                && let Some(whole) = prev
                && let Some(p) = self.figs.get(j + 1).filter(|g| {
                    amount(g) && self.f(g.first.saturating_sub(1)) == "," && g.first <= r.last + 5
                })
            {
                let q1 = p.last;
                let rhs = r.literal.clone();
                let first = r.first;
                self.push(
                    "share",
                    vec![self.side(j + 1), Side::Figure(whole)],
                    rhs,
                    (first, q1),
                    vec![self.base + j],
                );
                continue;
            }
            let Some((label, z)) = self.np(r.last + 1) else {
                continue;
            };
            // ", A": the part named after the whole.
            let part = self
                .figs
                .get(j + 1)
                .filter(|g| {
                    amount(g) && self.f(g.first.saturating_sub(1)) == "," && g.first <= z + 3
                })
                .map(|_| j + 1);
            let rhs = r.literal.clone();
            let (args, q1) = match part {
                Some(p) => (
                    vec![
                        self.side(p),
                        Side::New {
                            like: Some(self.base + p),
                            when: None,
                            label,
                        },
                    ],
                    self.figs[p].last,
                ),
                None if r.kind == FigKind::Ratio => (
                    vec![self.named(format!("part of {label}")), self.named(label)],
                    z,
                ),
                None => continue,
            };
            let first = r.first;
            self.push("share", args, rhs, (first, q1), vec![self.base + j]);
        }
    }

    /// [hedge] one in N [things]: a share.
    fn one_in_n(&mut self) {
        let toks = self.fd.toks;
        for k in 0..toks.len() {
            // "one in five", "9 in 10": a count of a count.
            let k_value: Option<f64> = match toks.get(k) {
                _ if self.f(k) == "one" => Some(1.0),
                Some(t) if t.kind == Kind::Num && !self.fd.is_time(k) => {
                    t.text(self.fd.text).replace(',', "").parse().ok()
                }
                _ => None,
            };
            let Some(k_value) = k_value.filter(|_| self.f(k + 1) == "in") else {
                continue;
            };
            let n_tok = k + 2;
            let n: Option<f64> = match toks.get(n_tok) {
                Some(t) if t.kind == Kind::Num => {
                    t.text(self.fd.text).replace(',', "").parse().ok()
                }
                Some(_) => self
                    .fd
                    .rules
                    .number_words
                    .get(self.f(n_tok))
                    .map(|e| e.value),
                None => None,
            };
            let Some(n) = n.filter(|n| *n >= 2.0 && *n > k_value && *n <= 1000.0) else {
                continue;
            };
            let word = match n as u32 {
                _ if k_value != 1.0 => {
                    let p = format!("{:.1}", 100.0 * k_value / n);
                    format!("{}%", p.trim_end_matches(".0"))
                }
                2 => "half".to_owned(),
                3 => "a third".to_owned(),
                4 => "a quarter".to_owned(),
                5 => "a fifth".to_owned(),
                10 => "a tenth".to_owned(),
                _ => {
                    let p = format!("{:.1}", 100.0 / n);
                    format!("{}%", p.trim_end_matches(".0"))
                }
            };
            let first = (1..=3usize)
                .rev()
                .find(|&m| k >= m && self.fd.rules.hedges.contains_key(&self.phrase(k - m, k)))
                .map_or(k, |m| k - m);
            let rhs = if first < k {
                format!("{} {word}", self.phrase(first, k))
            } else {
                word
            };
            let covering = |t: usize| self.figs.iter().position(|g| g.first <= t && t <= g.last);
            let consumed: Vec<usize> = [covering(n_tok), covering(k)]
                .into_iter()
                .flatten()
                .map(|j| self.base + j)
                .collect();
            let label = self.np(n_tok + 1).map(|(l, _)| l).unwrap_or_default();
            let last = self.np(n_tok + 1).map_or(n_tok, |(_, z)| z);
            // The part: a figure just before (", about one in five").
            let part = self.before(first, 3, amount);
            let (part, q0) = match part {
                Some(j) => (self.side(j), self.figs[j].first),
                None => (self.named(format!("part of {label}")), first),
            };
            let whole = Side::New {
                like: match &part {
                    Side::Figure(g) => Some(*g),
                    _ => None,
                },
                when: None,
                label: if label.is_empty() {
                    "whole".into()
                } else {
                    label
                },
            };
            self.push("share", vec![part, whole], rhs, (q0, last), consumed);
        }
    }

    /// T: a and b; T, including a and b; T, of which a and b.
    fn sums(&mut self) {
        for j in 0..self.figs.len() {
            let t = &self.figs[j];
            if !amount(t) {
                continue;
            }
            // The total's counted words, then the mark that opens its parts.
            let mut k = t.last + 1;
            while k < t.last + 5
                && self.fd.toks.get(k).is_some_and(|x| x.kind == Kind::Word)
                && !matches!(self.f(k), "including" | "of")
            {
                k += 1;
            }
            let opens = matches!(self.f(k), ":" | "—" | "–" | "(")
                || self.f(k) == "including"
                || (self.f(k) == "," && matches!(self.f(k + 1), "including" | "of"));
            if !opens {
                continue;
            }
            let mut parts = Vec::new();
            let mut p = j + 1;
            let mut last = t.last;
            while let Some(g) = self.figs.get(p) {
                let gap = g.first.saturating_sub(last);
                if !amount(g) || g.kind != t.kind || gap > 6 || self.clause_break(last, g.first) {
                    break;
                }
                parts.push(p);
                last = self.figs[p].last.max(self.last_token_of(g.quote.1));
                p += 1;
            }
            if parts.len() >= 2 {
                let mut args: Vec<Side> = parts.iter().map(|&q| self.side(q)).collect();
                args.push(self.side(j));
                let q1 = self.figs[*parts.last().unwrap_or(&j)].last;
                let q1 = self
                    .last_token_of(self.figs[*parts.last().unwrap_or(&j)].quote.1)
                    .max(q1);
                self.push("sum", args, String::new(), (t.first, q1), vec![]);
            }
        }
    }

    /// "T, of which P came from A and the rest from B", "Of the T, P went to A and the
    /// rest to B": the parts and the rest (an unknown) sum to the total. "71% of the
    /// samples and H1N1 the rest": the shares and the rest sum to 100%.
    fn rest(&mut self) {
        for k in 1..self.fd.toks.len() {
            if !(matches!(self.f(k), "rest" | "remainder" | "balance") && self.f(k - 1) == "the") {
                continue;
            }
            // The figures of its clause, within a bounded reach.
            let before: Vec<usize> = (0..self.figs.len())
                .filter(|&j| {
                    let g = &self.figs[j];
                    g.last < k && k - g.last <= 40 && !self.clause_break(g.last, k)
                })
                .collect();
            let total = before.iter().copied().find(|&j| {
                let g = &self.figs[j];
                let end = self.last_token_of(g.quote.1).max(g.last);
                amount(g)
                    && ((self.f(end + 1) == ","
                        && self.f(end + 2) == "of"
                        && matches!(self.f(end + 3), "which" | "whom"))
                        || (g.first >= 2
                            && self.f(g.first - 1) == "the"
                            && self.f(g.first - 2) == "of"))
            });
            let rest_like = |j: usize| Side::New {
                like: Some(self.base + j),
                when: None,
                label: "rest".into(),
            };
            if let Some(t) = total {
                let parts: Vec<usize> = before
                    .iter()
                    .copied()
                    .filter(|&j| {
                        j > t && amount(&self.figs[j]) && self.figs[j].kind == self.figs[t].kind
                    })
                    .collect();
                if parts.is_empty() {
                    continue;
                }
                let mut args: Vec<Side> = parts.iter().map(|&p| self.side(p)).collect();
                args.push(rest_like(t));
                args.push(self.side(t));
                let q0 = self.figs[t].first;
                self.push("sum", args, String::new(), (q0, k), vec![]);
            } else {
                // The shares from the first "N% of" on: "46% of likely voters and
                // Whitcomb by 41%, with 9% undecided and the rest".
                let Some(&p0) = before.iter().find(|&&j| {
                    self.figs[j].kind == FigKind::Percent && self.f(self.figs[j].last + 1) == "of"
                }) else {
                    continue;
                };
                let parts: Vec<usize> = before
                    .iter()
                    .copied()
                    .filter(|&j| j >= p0 && self.figs[j].kind == FigKind::Percent)
                    .collect();
                let mut args: Vec<Side> = parts.iter().map(|&p| self.side(p)).collect();
                args.push(rest_like(p0));
                let q0 = self.figs[p0].first;
                self.push("sum", args, "100%".into(), (q0, k), vec![]);
            }
        }
    }

    /// The token that ends at byte `end` (or the last before it).
    fn last_token_of(&self, end: usize) -> usize {
        self.fd.toks.iter().rposition(|t| t.end <= end).unwrap_or(0)
    }

    /// "a 25% increase compared to 2023", "a fall of 38%".
    fn change_nouns(&mut self, prev: Option<usize>) {
        for pj in 0..self.figs.len() {
            let p = &self.figs[pj];
            if !matches!(p.kind, FigKind::Percent | FigKind::Points) {
                continue;
            }
            let noun = p.last + 1;
            let (up, down) = (self.is("increase", noun), self.is("decrease", noun));
            // "a fall of 38%"
            let of_noun = p.first >= 2 && self.f(p.first - 1) == "of";
            let (up2, down2) = if of_noun {
                (
                    self.is("increase", p.first - 2),
                    self.is("decrease", p.first - 2),
                )
            } else {
                (false, false)
            };
            if !(up || down || up2 || down2) {
                continue;
            }
            let up = up || up2;
            let head = if of_noun && (up2 || down2) {
                p.first - 2
            } else {
                p.first
            };
            let tail = if up2 || down2 { p.last } else { noun };
            let compared = self.compared_time(tail);
            let when = compared.as_ref().and_then(|(w, _)| w.clone());
            let t_last = compared.as_ref().map_or(tail, |(_, t)| *t);
            let after = self
                .before(head, 12, amount)
                .map(|j| self.base + j)
                .or(if compared.is_some() { prev } else { None });
            let Some(after) = after else {
                // "The 20% cut": both ends unknown.
                let func = if up { "growth" } else { "decline" };
                let a = if head > 0 && matches!(self.f(head - 1), "a" | "an" | "the") {
                    head - 1
                } else {
                    head
                };
                let label = self.np(tail + 1).map(|(l, _)| l).unwrap_or_default();
                let args = vec![
                    self.named(format!("{label} before").trim().to_owned()),
                    self.named(format!("{label} after").trim().to_owned()),
                ];
                let rhs = p.literal.clone();
                self.push(func, args, rhs, (a, t_last), vec![]);
                continue;
            };
            let func = match (p.kind, up) {
                (FigKind::Points, _) => "change",
                (_, true) => "growth",
                (_, false) => "decline",
            };
            let before = Side::New {
                like: Some(after),
                when,
                label: String::new(),
            };
            let args = if p.kind == FigKind::Points && !up {
                vec![Side::Figure(after), before]
            } else {
                vec![before, Side::Figure(after)]
            };
            let a = if head > 0 && matches!(self.f(head - 1), "a" | "an") {
                head - 1
            } else {
                head
            };
            let rhs = p.literal.clone();
            self.push(func, args, rhs, (a, t_last), vec![self.base + pj]);
        }
    }

    /// A time compared with, just after token `k`: its value and last token.
    fn compared_time(&self, k: usize) -> Option<(Option<String>, usize)> {
        self.times
            .iter()
            .find(|t| t.compared && t.first > k && t.first <= k + 6)
            .map(|t| (t.value.clone(), t.last))
    }

    /// rose/fell [by] [P] [from A] [to B]; B, up/down [P] from A; doubled to B.
    fn verbs(&mut self) {
        let n = self.fd.toks.len();
        let mut v = 0;
        while v < n {
            let (rose, fell, doubled) = (
                self.is("rose", v),
                self.is("fell", v),
                self.is("doubled", v),
            );
            // "made up 71%", "shut down": a particle, not a change.
            let particle =
                matches!(self.f(v), "up" | "down") && v > 0 && self.is("particle", v - 1);
            if !(rose || fell || doubled) || particle || self.fd.is_time(v) || self.at(v).is_some()
            {
                v += 1;
                continue;
            }
            let (mut pct, mut ratio, mut from, mut to) = (None, None, None, None);
            let mut k = v + 1;
            let mut last = v;
            let mut loose = 0;
            let mut by_amount = None;
            while k < n && loose < 9 {
                let w = self.f(k);
                let found = pct.is_some() || ratio.is_some() || from.is_some() || to.is_some();
                // The period of an abbreviation ("approx. 40%") ends nothing.
                let abbreviation =
                    w == "." && k > 0 && self.fd.rules.draft.abbreviations.contains(self.f(k - 1));
                if (matches!(w, "." | ";" | ":" | "but" | "while" | "which" | "after")
                    && !abbreviation)
                    || (w == "and" && found)
                    || (k > v + 1 && (self.is("rose", k) || self.is("fell", k)))
                {
                    break;
                }
                if w == "by" && pct.is_none() && ratio.is_none() {
                    if let Some((_, z, lit)) =
                        self.ratio_word(k + 1).filter(|_| self.at(k + 1).is_none())
                    {
                        ratio = Some(lit);
                        last = z;
                        k = z + 1;
                        continue;
                    }
                    // "rose by almost £400m": a change by an amount.
                    if let Some(g) = self.at(k + 1).filter(|&g| amount(&self.figs[g])) {
                        by_amount = Some(g);
                        last = self.figs[g].last;
                        k = last + 1;
                        continue;
                    }
                    k += 1;
                    continue;
                }
                // "down from the 6.6% it projected": over a determiner.
                let det = usize::from(matches!(
                    self.f(k + 1),
                    "the" | "a" | "an" | "its" | "their"
                ));
                if (w == "from" || w == "to")
                    && let Some(g) = self.at(k + 1 + det)
                {
                    if w == "from" {
                        from = Some(g)
                    } else {
                        to = Some(g)
                    }
                    last = self.figs[g].last;
                    k = last + 1;
                    continue;
                }
                if let Some(g) = self.at(k) {
                    let gk = &self.figs[g];
                    if pct.is_none()
                        && ratio.is_none()
                        && from.is_none()
                        && to.is_none()
                        && !doubled
                        && (matches!(gk.kind, FigKind::Percent | FigKind::Points)
                            || self.is_points(gk))
                    {
                        pct = Some(g);
                        last = gk.last;
                        k = last + 1;
                        continue;
                    }
                    break;
                }
                loose += 1;
                k += 1;
            }
            let compared = self.compared_time(last);
            let when = compared.as_ref().and_then(|(w, _)| w.clone());
            let mut q_end = compared.as_ref().map_or(last, |(_, t)| (*t).max(last));
            // "B, up 5% from 2023", "15 seats, down from 29": the figure before the verb.
            let reach = if matches!(self.f(v), "up" | "down") {
                14
            } else {
                3
            };
            // Not a standard the figure is set against ("below the 85% standard").
            let near_before = self.before(v, reach, |g| {
                valued(g)
                    && !(g.first > 0
                        && matches!(
                            self.f(g.first - 1),
                            "the" | "a" | "an" | "below" | "above" | "against" | "than"
                        ))
            });
            let rhs_fig = pct;
            // Money is money in any of its writings ("KZT 62.5 billion ... up from 41
            // billion tenge"); the check compares the currencies.
            let same = |a: usize, b: usize| {
                let (x, y) = (&self.figs[a], &self.figs[b]);
                x.kind == y.kind && (x.unit == y.unit || x.kind == FigKind::Money)
            };
            if doubled {
                let word = match self.f(v) {
                    "doubled" => "double",
                    "tripled" | "trebled" => "triple",
                    "quadrupled" => "four times",
                    "halved" => "half",
                    _ => "",
                };
                let b = to.or(near_before.filter(|&g| amount(&self.figs[g])));
                // "roughly doubled": the hedge goes with the ratio.
                let hedge = (1..=2usize)
                    .rev()
                    .find(|&m| v >= m && self.fd.rules.hedges.contains_key(&self.phrase(v - m, v)))
                    .map(|m| self.phrase(v - m, v));
                let word = match hedge {
                    Some(h) if !word.is_empty() => format!("{h} {word}"),
                    _ => word.to_owned(),
                };
                if let Some(b) = b.filter(|_| !word.is_empty()) {
                    let before = match from {
                        Some(a) if same(a, b) => self.side(a),
                        _ => self.new_like(b, when),
                    };
                    let q0 = if to.is_some() { v } else { self.figs[b].first };
                    self.push(
                        "times",
                        vec![self.side(b), before],
                        word,
                        (q0, q_end.max(v)),
                        vec![],
                    );
                }
                v = last.max(v) + 1;
                continue;
            }
            let amount_lit = rhs_fig
                .map(|p| self.amount_literal(&self.figs[p]))
                .or(ratio.clone())
                .or(by_amount.map(|g| self.amount_literal(&self.figs[g])));
            let b = to.or(near_before);
            let q0 = match (to, b) {
                (None, Some(b)) => self.figs[b].first,
                _ => v,
            };
            if let Some(rhs) = amount_lit {
                let points =
                    by_amount.is_some() || rhs_fig.is_some_and(|p| self.is_points(&self.figs[p]));
                // A rate whose ends the story does not give (GDP "grew 0.3%") stays a
                // figure too.
                let consumed: Vec<usize> = rhs_fig
                    .or(by_amount)
                    .filter(|_| b.is_some())
                    .map(|p| self.base + p)
                    .into_iter()
                    .collect();
                let (before, after) = match b {
                    Some(b) => (
                        match from {
                            Some(a) if same(a, b) => self.side(a),
                            _ => self.new_like(b, when),
                        },
                        self.side(b),
                    ),
                    None => {
                        // Both ends unknown: "Apple's shipments rose 2%".
                        let label = self
                            .fd
                            .noun_phrase_before_plain(v)
                            .map(|(a, z)| (a..=z).map(|i| self.f(i)).collect::<Vec<_>>().join(" "))
                            .unwrap_or_default();
                        (
                            Side::New {
                                like: None,
                                when,
                                label: format!("{label} before").trim().to_owned(),
                            },
                            Side::New {
                                like: None,
                                when: None,
                                label: format!("{label} after").trim().to_owned(),
                            },
                        )
                    }
                };
                let (func, args) = match (points, fell) {
                    (true, false) => ("change", vec![before, after]),
                    (true, true) => ("change", vec![after, before]),
                    (false, false) => ("growth", vec![before, after]),
                    (false, true) => ("decline", vec![before, after]),
                };
                if b.is_none() {
                    q_end = q_end.max(last);
                }
                self.push(func, args, rhs, (q0.min(v), q_end), consumed);
            } else if let (Some(a), Some(b)) = (from, b)
                && same(a, b)
                && a != b
            {
                self.push(
                    if fell { "<" } else { ">" },
                    vec![self.side(b), self.side(a)],
                    String::new(),
                    (q0.min(v), q_end),
                    vec![],
                );
            }
            v = last.max(v) + 1;
        }
    }

    /// A, [hedge] double / twice / three times [the|as many as] B.
    fn multipliers(&mut self) {
        let n = self.fd.toks.len();
        let mut k = 0;
        while k < n {
            let Some((first, last, lit)) = self.ratio_word(k) else {
                k += 1;
                continue;
            };
            let value = self
                .fd
                .rules
                .ratio_words
                .get(&self.phrase(k, last + 1))
                .map_or(0.0, |e| e.value);
            if value < 2.0 || self.at(k).is_some() {
                k = last + 1;
                continue;
            }
            // The first side: the nearest amount before, its counted words included
            // ("1,180 beds occupied by flu patients on Sunday, nearly double the 610").
            let a = self
                .figs
                .iter()
                .enumerate()
                .rev()
                .find(|(_, g)| g.last < first && amount(g))
                .filter(|(_, g)| {
                    let end = self.last_token_of(g.quote.1).max(g.last);
                    first.saturating_sub(end) <= 8 && !self.clause_break(g.last, first)
                })
                .map(|(j, _)| j);
            let Some(a) = a else {
                k = last + 1;
                continue;
            };
            let mut j = last + 1;
            while matches!(
                self.f(j),
                "the" | "as" | "many" | "much" | "that" | "of" | "its" | "their"
            ) && j < last + 5
            {
                j += 1;
            }
            let (b, q1) = match self.at(j).filter(|&g| amount(&self.figs[g])) {
                Some(g) => (self.side(g), self.figs[g].last),
                None => match self.np(last + 1) {
                    // "the Authority's entire budget of £20.9 billion": the figure the
                    // noun names.
                    Some((_, z))
                        if let Some(g) = (z + 1..z + 4)
                            .find(|&t| self.f(t) == "of")
                            .and_then(|t| self.at(t + 1))
                            .filter(|&g| amount(&self.figs[g])) =>
                    {
                        (self.side(g), self.figs[g].last)
                    }
                    Some((label, z)) => (
                        Side::New {
                            like: Some(self.base + a),
                            when: None,
                            label,
                        },
                        z,
                    ),
                    None => {
                        k = last + 1;
                        continue;
                    }
                },
            };
            if b == self.side(a) {
                k = last + 1;
                continue;
            }
            let q0 = self.figs[a].first;
            self.push("times", vec![self.side(a), b], lit, (q0, q1), vec![]);
            k = last + 1;
        }
    }

    /// A, P more/higher than B (or than the Y); P lower/less than.
    fn comparatives(&mut self) {
        for pj in 0..self.figs.len() {
            let p = &self.figs[pj];
            if p.kind != FigKind::Percent {
                continue;
            }
            let w = p.last + 1;
            let (more, less) = (self.is("more", w), self.is("less", w));
            if !(more || less) {
                continue;
            }
            let Some(a) = self.before(p.first, 4, amount).or_else(|| {
                // "closed 2.3% higher in Seoul at ₩218,500": the new value after `at`.
                (w + 1..w + 6)
                    .find(|&k| self.f(k) == "at")
                    .and_then(|k| self.at(k + 1))
                    .filter(|&g| amount(&self.figs[g]))
            }) else {
                continue;
            };
            if a > pj {
                let rhs = p.literal.clone();
                let before = self.new_like(a, None);
                let q = (p.first, self.figs[a].last);
                let func = if more { "growth" } else { "decline" };
                self.push(
                    func,
                    vec![before, self.side(a)],
                    rhs,
                    q,
                    vec![self.base + pj],
                );
                continue;
            }
            let mut j = w + 1;
            if self.f(j) == "than" {
                j += 1;
            }
            while matches!(self.f(j), "the" | "its" | "their") {
                j += 1;
            }
            let (b, q1) = match self.at(j).filter(|&g| amount(&self.figs[g])) {
                Some(g) => (self.side(g), self.figs[g].last),
                None => match self.np(w + 1) {
                    Some((label, z)) => (
                        Side::New {
                            like: Some(self.base + a),
                            when: None,
                            label,
                        },
                        z,
                    ),
                    None => (self.new_like(a, None), w),
                },
            };
            let rhs = p.literal.clone();
            let q0 = self.figs[a].first;
            self.push(
                if more { "growth" } else { "decline" },
                vec![b, self.side(a)],
                rhs,
                (q0, q1),
                vec![self.base + pj],
            );
        }
    }
}

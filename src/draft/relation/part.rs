//! Parts of a whole: a share ("X, half of the Y"; "A, or 58% of the total"), a ratio
//! word alone, "one in five", and parts named beside their total ("612,000 merchants:
//! 410,000 shops and 202,000 cafes").

use super::{Reader, Side, amount};
use crate::draft::figure::{FigKind, Figure};
use crate::draft::token::Kind;

/// The name of an unknown part of a figure: `part of residents`, or `part`.
fn part_of(whole: &Figure) -> String {
    whole
        .measure
        .as_ref()
        .map_or("part".into(), |m| format!("part of {m}"))
}

impl Reader<'_, '_> {
    /// The token the words from `k` lead to: past at most `most` words, none of them
    /// `and`, `or` or `but`, and no figure. Where a whole written after `of` starts.
    fn past_words(&self, mut k: usize, most: usize) -> usize {
        let end = k + most;
        while k < end
            && self.at(k).is_none()
            && self.fd.toks.get(k).is_some_and(|t| t.kind == Kind::Word)
            && !matches!(self.f(k), "and" | "or" | "but")
        {
            k += 1;
        }
        k
    }

    /// The last token of figure `b`'s quote.
    fn quote_last(&self, b: usize) -> usize {
        self.last_token_of(self.figs[b].quote.1)
            .max(self.figs[b].last)
    }

    /// X, [or] half of the Y; A, or 58% of the total.
    pub(super) fn shares(&mut self) {
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
                    label: part_of(a),
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
            k = self.past_words(k, 7);
            let whole = match self.at(k).filter(|&b| b > j + 1 && amount(&self.figs[b])) {
                Some(b) => {
                    self.wholes.push(b);
                    (self.side(b), self.quote_last(b))
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
            // "2.1 billion pesos ($114 million) ..., about 88% of the 2.4 billion
            // pesos": the part is the amount the conversion in brackets follows.
            let part = match j.checked_sub(1) {
                Some(i)
                    if self.f(a.first.saturating_sub(1)) == "("
                        && amount(&self.figs[i])
                        && a.first.saturating_sub(self.figs[i].last) <= 3 =>
                {
                    i
                }
                _ => j,
            };
            self.push(
                "share",
                vec![self.side(part), whole.0],
                rhs,
                (first, whole.1),
                vec![self.base + j + 1],
            );
        }
    }

    /// A ratio word no share took: "about a third of the money, 2.3 billion roubles" is
    /// a share of an unknown whole; "a fifth of visitors" a share of two unknowns.
    pub(super) fn ratios_alone(&mut self, prev: Option<usize>) {
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
            // "two thirds of the city's 310,000 residents": the whole is the figure the
            // words after `of` lead to, the part a share of it.
            let k = self.past_words(r.last + 2, 5);
            // Only where the figure follows a determiner or a possessive: not "15% of the
            // price of phones under 6,000 yuan".
            let before = self.f(k - 1);
            let whose = matches!(before, "the" | "its" | "their" | "our" | "his" | "her")
                || ["'s", "’s", "s'", "s’"].iter().any(|e| before.ends_with(e));
            if let Some(b) = self
                .at(k)
                .filter(|&b| whose && b > j && amount(&self.figs[b]))
            {
                let part = Side::New {
                    like: Some(self.base + b),
                    when: None,
                    label: part_of(&self.figs[b]),
                };
                let q1 = self.quote_last(b);
                let (rhs, first) = (r.literal.clone(), r.first);
                self.wholes.push(b);
                self.push(
                    "share",
                    vec![part, self.side(b)],
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
    pub(super) fn one_in_n(&mut self) {
        let toks = self.fd.toks;
        for k in 0..toks.len() {
            // "one in five", "9 in 10", "six in ten": a count of a count.
            let k_value: Option<f64> = match toks.get(k) {
                _ if self.f(k) == "one" => Some(1.0),
                Some(t) if t.kind == Kind::Num && !self.fd.is_time(k) => {
                    t.text(self.fd.text).replace(',', "").parse().ok()
                }
                Some(t) if t.kind == Kind::Word && self.f(k + 1) == "in" => {
                    self.fd.rules.number_words.get(self.f(k)).map(|e| e.value)
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
    pub(super) fn sums(&mut self) {
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
                // Parts in another currency are a conversion ("38,000 pesos a month
                // (about $2,070)"), not a part.
                let other_money = t.kind == FigKind::Money
                    && matches!((currency(t), currency(g)), (Some(x), Some(y)) if x != y);
                if !amount(g)
                    || g.kind != t.kind
                    || other_money
                    || gap > 6
                    || self.clause_break(last, g.first)
                {
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
    pub(super) fn rest(&mut self) {
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
    pub(super) fn last_token_of(&self, end: usize) -> usize {
        self.fd.toks.iter().rposition(|t| t.end <= end).unwrap_or(0)
    }
}

/// The currency of a figure of money: its unit, else the sign its literal opens with.
fn currency(g: &crate::draft::figure::Figure) -> Option<&str> {
    if let Some((u, _)) = &g.unit {
        return Some(u);
    }
    if let Some((_, u)) = &g.fallback {
        return Some(u);
    }
    let lit = g
        .literal
        .trim_start_matches(|c: char| c.is_alphabetic() || c == ' ');
    [("$", "USD"), ("€", "EUR"), ("£", "GBP")]
        .iter()
        .find(|(s, _)| lit.starts_with(s) || g.literal.contains(s))
        .map(|(_, u)| *u)
}

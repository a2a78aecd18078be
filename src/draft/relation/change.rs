//! Changes: a noun ("a 25% increase compared to 2023", and "This is a 25% increase"
//! after the sentence that names the figure) and a verb ("rose 5% from A to B", "B, down
//! from A", "up 5% to B", "cut by a fifth").

use super::{Reader, Side, amount, valued};
use crate::draft::figure::FigKind;

impl Reader<'_, '_> {
    /// "a 25% increase compared to 2023", "a fall of 38%".
    pub(super) fn change_nouns(&mut self, prev: Option<usize>) {
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
    pub(super) fn compared_time(&self, k: usize) -> Option<(Option<String>, usize)> {
        self.times
            .iter()
            .find(|t| t.compared && t.first > k && t.first <= k + 6)
            .map(|t| (t.value.clone(), t.last))
    }

    /// rose/fell [by] [P] [from A] [to B]; B, up/down [P] from A; doubled to B.
    pub(super) fn verbs(&mut self) {
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
            while k < n && loose < 10 {
                let w = self.f(k);
                let found = pct.is_some() || ratio.is_some() || from.is_some() || to.is_some();
                // The period of an abbreviation ("approx. 40%") ends nothing.
                let abbreviation = w == "."
                    && k > 0
                    && self.fd.rules.draft().abbreviations.contains(self.f(k - 1));
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
                // "down from a peak of 348,000": over the noun that names the other end.
                let named_end =
                    if w == "from" && self.at(k + 1 + det).is_none() && self.f(k + 2 + det) == "of"
                    {
                        self.at(k + 3 + det)
                    } else {
                        None
                    };
                if (w == "from" || w == "to")
                    && let Some(g) = self.at(k + 1 + det).or(named_end)
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
                // The hyphen inside "2-kg" is no word of its own.
                let joined = w == "-"
                    && k > 0
                    && self
                        .fd
                        .toks
                        .get(k + 1)
                        .is_some_and(|n| n.start == self.end(k))
                    && self.end(k - 1) == self.start(k);
                // Nor the comma of "to B, from A".
                let comma = w == "," && (to.is_some() || from.is_some());
                if !joined && !comma {
                    loose += 1;
                }
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
                let unit_x = x.unit.as_ref().map(|(u, _)| u);
                let unit_y = y.unit.as_ref().map(|(u, _)| u);
                x.kind == y.kind && (unit_x == unit_y || x.kind == FigKind::Money)
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
}

//! Comparisons: multipliers ("doubled to B", "nearly double the Y") and comparatives
//! ("40% higher than Y").

use super::{Reader, Side, amount, valued};
use crate::draft::figure::FigKind;

impl Reader<'_, '_> {
    /// A, [hedge] double / twice / three times [the|as many as] B.
    pub(super) fn multipliers(&mut self) {
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
    pub(super) fn comparatives(&mut self) {
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
            // "about 4.6 million tonnes of maize in the 2025 season, the most on record
            // and 18% more than last year": after a comma, over the figure's own words,
            // where no other value stands between.
            let far = || {
                self.before(p.first, 16, amount).filter(|&a| {
                    (self.figs[a].last..p.first).any(|k| self.f(k) == ",")
                        && !self.figs[a + 1..pj].iter().any(valued)
                })
            };
            let Some(a) = self.before(p.first, 4, amount).or_else(far).or_else(|| {
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
            // "than last year", "than in the same months of 2024": an earlier value.
            let then = self
                .times
                .iter()
                .find(|t| t.first >= j && t.first <= j + 5 && self.at(j).is_none());
            let (b, q1) = match self.at(j).filter(|&g| amount(&self.figs[g])) {
                Some(g) => (self.side(g), self.figs[g].last),
                None if let Some(t) = then => (self.new_like(a, t.value.clone()), t.last),
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

impl Reader<'_, '_> {
    /// "Turnout was 58.4%, compared with 63.1% at the last election": two values of one
    /// measure set side by side with no direction word. The comparison their values as
    /// written make is drafted (a guess, as every relation is: `# check: relation`);
    /// where they are equal, nothing is.
    pub(super) fn compared_with(&mut self) {
        for bj in 1..self.figs.len() {
            let b = &self.figs[bj];
            let k = b.first;
            if !valued(b) || k < 2 {
                continue;
            }
            let marked = (matches!(self.f(k - 1), "with" | "to")
                && matches!(self.f(k - 2), "compared" | "compares"))
                || matches!(self.f(k - 1), "versus" | "vs");
            if !marked {
                continue;
            }
            let unit = |g: &crate::draft::figure::Figure| g.unit.as_ref().map(|(u, _)| u.clone());
            let Some(a) = self.before(k - 2, 14, |g| {
                valued(g) && g.kind == b.kind && (g.kind == FigKind::Money || unit(g) == unit(b))
            }) else {
                continue;
            };
            // A change that a verb already drafted over these words.
            let (s0, s1) = (self.start(self.figs[a].first), self.end(b.last));
            if self.out.iter().any(|r| r.quote.0 < s1 && s0 < r.quote.1) {
                continue;
            }
            let (Some(x), Some(y)) = (self.value(a), self.value(bj)) else {
                continue;
            };
            // The values as written: "2 tonnes" against "1.7 tonnes" is a rise, though
            // "2" read to its precision allows 1.7.
            let (x, y) = ((x.lo + x.hi) / 2.0, (y.lo + y.hi) / 2.0);
            let func = if !(x.is_finite() && y.is_finite()) {
                continue;
            } else if x < y {
                "<"
            } else if x > y {
                ">"
            } else {
                continue;
            };
            let q0 = self.figs[a].first;
            let q1 = b.last;
            self.push(
                func,
                vec![self.side(a), self.side(bj)],
                String::new(),
                (q0, q1),
                vec![],
            );
        }
    }

    /// The values a figure's literal allows, as the literal language reads it.
    fn value(&self, j: usize) -> Option<crate::interval::Interval> {
        let g = &self.figs[j];
        let read = |lit: &str| match crate::literal::parse(lit, self.fd.rules) {
            Ok(crate::literal::Literal::Value(q)) => Some(q.interval),
            _ => None,
        };
        read(&g.literal).or_else(|| g.fallback.as_ref().and_then(|(lit, _)| read(lit)))
    }
}

impl Reader<'_, '_> {
    /// A tally: "beat her by 2,306 votes to 2,289", "passed by 32 votes to 4", "won by 11
    /// votes, 1,482 to 1,471": two counts of one thing, the first set against the
    /// second; drafted as the comparison their values make.
    pub(super) fn tallies(&mut self) {
        for aj in 0..self.figs.len().saturating_sub(1) {
            let (a, b) = (&self.figs[aj], &self.figs[aj + 1]);
            if a.kind != FigKind::Count || b.kind != FigKind::Count || a.first == 0 {
                continue;
            }
            let unit = |g: &crate::draft::figure::Figure| g.unit.as_ref().map(|(u, _)| u.clone());
            // "1,482 to 1,471", "2,306 votes to 2,289": nothing else between.
            let to = if self.f(a.last + 1) == "to" {
                a.last + 1
            } else {
                a.last + 2
            };
            if self.f(to) != "to" || b.first != to + 1 || unit(a) != unit(b) {
                continue;
            }
            // Not the ends of a change ("from 5 to 3", "rose 10 to 12").
            let before = self.f(a.first - 1);
            if before == "from" || self.is("rose", a.first - 1) || self.is("fell", a.first - 1) {
                continue;
            }
            let (Some(x), Some(y)) = (self.value(aj), self.value(aj + 1)) else {
                continue;
            };
            let (x, y) = ((x.lo + x.hi) / 2.0, (y.lo + y.hi) / 2.0);
            let func = if x > y {
                ">"
            } else if x < y {
                "<"
            } else {
                continue;
            };
            let (q0, q1) = (a.first, b.last);
            self.push(
                func,
                vec![self.side(aj), self.side(aj + 1)],
                String::new(),
                (q0, q1),
                vec![],
            );
        }
    }
}

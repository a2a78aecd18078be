//! Comparisons: multipliers ("doubled to B", "nearly double the Y") and comparatives
//! ("40% higher than Y").

use super::{Reader, Side, amount};
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

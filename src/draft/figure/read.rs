//! A figure read at a token: its literal put together from its number, hedge, currency
//! and scale (or a ratio word), with its kind, its unit and what it counts.

use super::{CURRENCY_SIGNS, FigKind, Figure, Finder, PERCENT, fold_ws, lower_first, value_of};
use crate::draft::token::{Kind, fold};

impl Finder<'_> {
    pub(super) fn figure_at(&self, i: usize) -> Option<Figure> {
        if let Some(f) = self.ratio_at(i) {
            return Some(f);
        }
        let amount = self.amount(i)?;
        if amount.word {
            // A number word is a figure only with a scale or a counted word after it:
            // "two people", "five million", not "one of them".
            let next = self.f(amount.last + 1);
            let plural_np = self
                .noun_phrase_after(amount.last + 1)
                .is_some_and(|(_, z)| {
                    let h = self.f(z);
                    h.ends_with('s') && h.chars().count() > 3
                        || self.rules.draft().units.contains_key(h)
                });
            let of_the = next == "of"
                && matches!(
                    self.f(amount.last + 2),
                    "the" | "them" | "those" | "its" | "their"
                );
            let counted = self.rules.scales.contains_key(next)
                || self.glued(amount.last).is_some()
                || PERCENT.iter().any(|(w, _)| *w == next)
                || self.rules.draft().units.contains_key(next)
                || plural_np
                || of_the;
            if !counted || matches!(self.f(i), "no" | "none" | "zero" | "one") {
                return None;
            }
            if i > 0 && matches!(self.f(i - 1), "the" | "of" | "these" | "those") {
                return None;
            }
        }
        if self.not_a_figure(&amount) {
            return None;
        }
        // Leftwards: currency, sign, hedge, `between`.
        let mut first = amount.first;
        let mut currency = self.currency_before(first);
        let mut written_currency = None;
        if let Some((c, w, unit)) = currency.take() {
            first = c;
            written_currency = Some((w, unit));
        }
        if first > 0
            && matches!(self.t(first - 1), "-" | "−")
            && self.adjacent(first - 1)
            && (first < 2 || !self.adjacent(first - 2))
        {
            first -= 1;
        }
        let between = first > 0 && self.f(first - 1) == "between";
        let hedge = if between {
            Some(first - 1)
        } else {
            self.hedge_before(first)
        };
        let lit_first = hedge.unwrap_or(first);
        // Rightwards: scale, then a range.
        let money = written_currency.is_some();
        let (mut last, mut kind) = match self.scale_after(amount.last, money) {
            Some((e, k)) => (e, k),
            None => (amount.last, None),
        };
        // `$5 mln`, `5 mln euros`: a word of money after the number.
        let mut money_after = None;
        if written_currency.is_none()
            && let Some(unit) = self.rules.draft().money.get(self.f(last + 1))
            && self.f(last + 1).chars().all(char::is_lowercase)
        {
            money_after = Some((last + 1, unit.clone()));
        }
        let after_from = lit_first > 0 && self.f(lit_first - 1) == "from";
        let sep = self.t(last + 1);
        let range_sep = (matches!(sep, "-" | "–" | "—") && (self.adjacent(last) || sep != "-"))
            || (sep == "to" || sep == "To")
            || (between && self.f(last + 1) == "and");
        if range_sep && !after_from && money_after.is_none() {
            let mut k = last + 2;
            let second_currency =
                self.currency_before(k + 1).is_some() || CURRENCY_SIGNS.contains(&self.t(k));
            if second_currency {
                k += 1;
                while self.kind(k) == Some(Kind::Mark)
                    || (self.kind(k) == Some(Kind::Word) && self.adjacent(k))
                {
                    k += 1;
                }
            }
            if let Some(second) = self.amount(k).filter(|s| !s.word || between)
                && (second_currency == money || !second_currency)
            {
                let (end, k2) = match self.scale_after(second.last, money) {
                    Some((e, k2)) => (e, k2),
                    None => (second.last, None),
                };
                let same_kind = kind.is_none() || k2.is_none() || kind == k2;
                // `3-1` is a score, not a range, and `1,482 to 1,471` a tally; `to`
                // after a percent and before money is a change ("rose 5% to $3 bn").
                let ascending = value_of(&second.digits) >= value_of(&amount.digits);
                if same_kind
                    && (ascending || !matches!(sep, "-" | "to" | "To"))
                    && (sep != "to" || kind == k2 || k2.is_none() && kind.is_none())
                {
                    last = end;
                    kind = kind.or(k2);
                } else if between {
                    return None;
                }
            } else if between {
                return None;
            }
        } else if between {
            return None;
        }
        // `48.3 per 100,000 [people]`: a rate, one figure whose unit is its base.
        let mut rate = false;
        if kind.is_none()
            && money_after.is_none()
            && self.f(last + 1) == "per"
            && self.kind(last + 2) == Some(Kind::Num)
            && !self.timed.get(last + 2).copied().unwrap_or(true)
        {
            rate = true;
            last += 2;
            if self
                .rules
                .draft()
                .units
                .get(self.f(last + 1))
                .is_some_and(|u| u == "people")
            {
                last += 1;
            }
        }
        // A scale word the literal language does not read (`crore` before the rules
        // have it): the number alone would be wrong, so the figure is noted, not drafted.
        let unread_scale = kind.is_none()
            && self.rules.draft().scales.contains(self.f(last + 1))
            && !self.rules.scales.contains_key(self.f(last + 1));
        if unread_scale {
            last += 1;
        }
        let fig_kind = match kind {
            Some(k) => k,
            None if money || money_after.is_some() => FigKind::Money,
            None => FigKind::Count,
        };
        // A bare year-like number (`2000`) is caught as a time; a bare small integer with
        // nothing counted after it is still a figure ("won 3 of 5").
        let literal = {
            let mut s = lower_first(&self.written(lit_first, last));
            if amount.last > amount.first {
                // Space-grouped thousands: written with commas.
                let raw = self.written(amount.first, amount.last);
                s = s.replacen(&raw, &amount.digits, 1);
            }
            s
        };
        let mut fallback = None;
        if unread_scale {
            return Some(Figure {
                first: lit_first,
                last,
                literal: self.written(lit_first, last),
                fallback: None,
                kind: fig_kind,
                unit: None,
                measure: None,
                quote: (self.toks[lit_first].start, self.toks[last].end),
                as_of: None,
                unread: true,
            });
        }
        if let Some((w, Some(unit))) = &written_currency {
            let without = literal.replace(w.as_str(), "");
            fallback = Some((fold_ws(&without), unit.clone()));
        }
        let mut quote_end = self.toks.get(last).map_or(0, |t| t.end);
        let mut unit = None;
        if let Some((k, u)) = &money_after {
            // `5 mln euros`: the literal reads `5 mln` with the unit of the word.
            fallback = Some((literal.clone(), u.clone()));
            unit = Some((u.clone(), false));
            quote_end = self.toks.get(*k).map_or(quote_end, |t| t.end);
        }
        let mut measure = None;
        let mut quote_start = self.toks.get(lit_first).map_or(0, |t| t.start);
        let _ = &mut quote_start;
        let after = if money_after.is_some() {
            last + 2
        } else {
            last + 1
        };
        match fig_kind {
            FigKind::Count if self.glued(last).is_some() => {
                let w = self.glued(last).unwrap_or(last);
                let head = self.f(w);
                // "a two-hour drive": the span's unit is the plural the rules know.
                let plural = format!("{head}s");
                let span = self.rules.draft().durations.contains(&plural);
                unit = (if span { self.unit_of(w, &plural) } else { None })
                    .or_else(|| self.unit_of(w, head))
                    .or(Some((head.to_owned(), true)));
                quote_end = self.toks[w].end;
                measure = match self.noun_phrase_after(w + 1) {
                    Some((a, z)) => {
                        quote_end = self.toks[z].end;
                        Some(self.words(a, z))
                    }
                    None => Some(head.to_owned()),
                };
            }
            FigKind::Count if rate => {
                if let Some((a, z)) = self.noun_phrase_before(lit_first) {
                    measure = Some(self.words(a, z));
                    quote_start = self.toks[a].start;
                }
            }
            FigKind::Count => {
                if let Some((a, z)) = self.noun_phrase_after(after) {
                    let head = self.f(z);
                    unit = self.unit_of(z, head);
                    measure = Some(self.words(a, z));
                    quote_end = self.toks[z].end;
                    let measuring = unit.as_ref().is_some_and(|(u, _)| {
                        self.rules.draft().measuring_units.contains(&fold(u))
                    });
                    if measuring && a == z {
                        // "30 mln tonnes of wheat", "exports ... 30 mln tonnes"
                        measure = None;
                        if self.f(z + 1) == "of"
                            && let Some((a2, z2)) = self.noun_phrase_after(z + 2)
                        {
                            measure = Some(self.words(a2, z2));
                            quote_end = self.toks[z2].end;
                        } else if let Some((a2, z2)) = self.noun_phrase_before(lit_first) {
                            measure = Some(self.words(a2, z2));
                            quote_start = self.toks[a2].start;
                        }
                    }
                }
            }
            FigKind::Percent | FigKind::Points | FigKind::Money | FigKind::Ratio => {
                let mut k = after;
                let of = matches!(self.f(k), "of" | "in" | "for");
                if of {
                    k += 1;
                }
                if let Some((a, z)) = self
                    .noun_phrase_after(k)
                    .filter(|_| of || fig_kind == FigKind::Money)
                {
                    let np = self.words(a, z);
                    measure = Some(if fig_kind == FigKind::Percent && self.f(after) == "of" {
                        format!("share of {np}")
                    } else {
                        np
                    });
                    quote_end = self.toks[z].end;
                } else if let Some((a, z)) = self.noun_phrase_before(lit_first) {
                    measure = Some(self.words(a, z));
                    quote_start = self.toks[a].start;
                }
            }
        }
        Some(Figure {
            first: lit_first,
            last,
            literal,
            fallback,
            kind: fig_kind,
            unit,
            measure,
            quote: (quote_start, quote_end),
            as_of: None,
            unread: false,
        })
    }

    /// `half of`, `a third of`, `about two thirds of`: a ratio word as a figure.
    pub(super) fn ratio_at(&self, i: usize) -> Option<Figure> {
        if self.kind(i) != Some(Kind::Word)
            || !self.starts_ratio_word(i)
            || (i > 0 && crate::draft::relation::TIME_HALVES.contains(&self.f(i - 1)))
        {
            return None;
        }
        let (n, _) = (1..=2usize)
            .rev()
            .map(|n| (n, self.phrase(i, i + n)))
            .find(|(_, p)| self.rules.ratio_words.contains_key(&**p))?;
        let last = i + n - 1;
        let next = self.f(last + 1);
        // Fractions, not multipliers: `twice`, `double` and `three times` are relations.
        let value = self
            .rules
            .ratio_words
            .get(&*self.phrase(i, i + n))
            .map_or(0.0, |e| e.value);
        if value >= 1.0 || !(next == "of" || (next == "the" && self.f(i).ends_with("half"))) {
            return None;
        }
        let lit_first = self.hedge_before(i).unwrap_or(i);
        let mut k = last + 1;
        if next == "of" {
            k += 1;
        }
        let (measure, quote_end) = match self.noun_phrase_after(k) {
            Some((a, z)) => (
                Some(format!("share of {}", self.words(a, z))),
                self.toks[z].end,
            ),
            None => (None, self.toks[last].end),
        };
        Some(Figure {
            first: lit_first,
            last,
            literal: lower_first(&self.written(lit_first, last)),
            fallback: None,
            kind: FigKind::Ratio,
            unit: None,
            measure,
            quote: (self.toks[lit_first].start, quote_end),
            as_of: None,
            unread: false,
        })
    }
}

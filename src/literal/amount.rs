//! One amount of a literal: sign, currency, digits or a number word, and its scale.

use super::rounding::Digits;
use super::{Amount, CURRENCIES, LiteralError, Parser, Scale, err};
use crate::interval::Interval;
use crate::number::{DigitBuf, MAX_DIGITS};

impl Parser<'_> {
    /// `sign? currency? amount scale?`.
    pub(super) fn amount(&self, pos: usize, allow_sign: bool) -> Result<Amount, LiteralError> {
        let mut p = pos;
        let mut negative = false;
        if allow_sign {
            for sign in ["-", "−"] {
                if self.s[p..].starts_with(sign) {
                    negative = true;
                    p = self.skip_ws(p + sign.len());
                    break;
                }
            }
        }
        let mut currency = None;
        if let Some(c) = self.s[p..].chars().next()
            && let Some(&(_, unit)) = CURRENCIES.iter().find(|(sym, _)| *sym == c)
        {
            currency = Some(unit);
            p = self.skip_ws(p + c.len_utf8());
        }
        let (rounding, exact, last_digit, word, end) = if let Some((d, end)) = self.digits(p)? {
            d.into_parts(end, self.rules.trailing_zeros.value)
        } else if let Some((w, end)) = self.longest(p, &self.rules.number_word_list) {
            let v = self.rules.number_words.get(w).map_or(f64::NAN, |e| e.value);
            let x = Interval::point(v);
            (x, x, 0.0, true, end)
        } else {
            return Err(self.expected_number(p));
        };
        let (scale, end) = self.scale(end);
        Ok(Amount {
            rounding,
            exact,
            last_digit,
            word,
            negative,
            scale,
            currency,
            end,
        })
    }

    pub(super) fn expected_number(&self, p: usize) -> LiteralError {
        let (word, end) = self.word_at(p);
        let mut e = err(
            if word.is_empty() {
                "expected a number, a number word or a ratio word".to_owned()
            } else {
                format!("`{word}` is not a number, a hedge or a ratio word")
            },
            p,
            if end > p { end } else { self.s.len() },
        );
        // An id (`users_1`, `share(`) is not a misspelt word: no suggestion.
        let id_like =
            self.s[end..].starts_with(|c: char| c == '_' || c == '(' || c.is_ascii_digit());
        if word.chars().count() >= 3 && !id_like {
            let known = self
                .rules
                .hedge_words
                .iter()
                .chain(&self.rules.ratio_word_list)
                .chain(&self.rules.number_word_list);
            // Compare with the same number of words as the candidate.
            if let Some(k) = known.into_iter().find(|k| {
                let n = k.split(' ').count();
                let cand: Vec<&str> = self.s[p..].split_whitespace().take(n).collect();
                crate::suggest::one_edit(&cand.join(" "), k)
            }) {
                e.help = Some(format!("did you mean `{k}`?"));
            }
        }
        e
    }

    /// ASCII digits with `,ddd` groups and a decimal part.
    pub(super) fn digits(&self, pos: usize) -> Result<Option<(Digits, usize)>, LiteralError> {
        let b = self.s.as_bytes();
        let mut i = pos;
        let mut all = DigitBuf::default();
        while i < b.len() && b[i].is_ascii_digit() {
            all.push(b[i]);
            i += 1;
        }
        if all.count > 0 {
            // Thousands groups: exactly three digits after each comma.
            while i + 3 < b.len() + 1
                && b.get(i) == Some(&b',')
                && b.get(i + 1..i + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
            {
                all.extend(&b[i + 1..i + 4]);
                i += 4;
            }
        }
        let int_len = all.count;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                all.push(b[i]);
                i += 1;
            }
        }
        if all.count == 0 {
            return Ok(None);
        }
        if all.count > MAX_DIGITS {
            return Err(err(
                format!(
                    "a number of {} digits is more than claimlint reads ({MAX_DIGITS})",
                    all.count
                ),
                pos,
                i,
            ));
        }
        let frac_len = all.count - int_len;
        Ok(Some((Digits { all, frac_len }, i)))
    }

    /// `%`, `percent`, `per cent`, `pp`, `percentage point(s)` or a scale word, after
    /// optional white space.
    pub(super) fn scale(&self, end: usize) -> (Option<Scale>, usize) {
        let p = self.skip_ws(end);
        if self.s[p..].starts_with('%') {
            return (Some(Scale::Percent), p + 1);
        }
        for (w, s) in [
            ("percentage points", Scale::Points),
            ("percentage point", Scale::Points),
            ("pp", Scale::Points),
            ("percent", Scale::Percent),
            ("per cent", Scale::Percent),
        ] {
            if let Some(e) = self.phrase(p, w) {
                return (Some(s), e);
            }
        }
        if let Some((w, e)) = self.longest(p, &self.rules.scale_words) {
            let f = self.rules.scales.get(w).map_or(1.0, |e| e.value);
            return (Some(Scale::Word(w.to_owned(), f)), e);
        }
        (None, end)
    }
}

//! One amount of a literal: sign, currency, digits or a number word, and its scale.

use super::rounding::Digits;
use super::{Amount, LiteralError, Parser, Scale, err};
use crate::interval::Interval;
use crate::number::{DigitBuf, MAX_DIGITS, exponent_end, exponent_help};

impl<'a> Parser<'a> {
    /// A currency sign, prefix or ISO code at `pos` (SPEC 3): its unit and where the
    /// amount starts.
    pub(super) fn currency(&self, pos: usize) -> Option<(&'a str, usize)> {
        let rest = &self.s[pos..];
        // Most literals start with a digit: no currency to look for.
        let first = rest.chars().next()?;
        if first.is_ascii_digit() || first == '.' {
            return None;
        }
        for sign in self.rules.currency_list.starting_with(first) {
            let Some(after) = rest.strip_prefix(sign.as_str()) else {
                continue;
            };
            // A prefix of letters (`Tk`) ends where the word does.
            if sign.ends_with(char::is_alphabetic) && after.starts_with(char::is_alphabetic) {
                continue;
            }
            let unit = self.rules.currencies.get(sign).map(|e| e.value.as_str())?;
            return Some((unit, self.skip_ws(pos + sign.len())));
        }
        // A three-letter ISO 4217 code, a space, then the amount: `KZT 500 bn`.
        let b = rest.as_bytes();
        if b.len() > 4
            && b[..3].iter().all(u8::is_ascii_uppercase)
            && (b[3] == b' ' || b[3] == b'\t')
        {
            let at = self.skip_ws(pos + 3);
            if self.s[at..].starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                return Some((&rest[..3], at));
            }
        }
        None
    }

    /// `sign? currency? amount scale?`.
    pub(super) fn amount(&self, pos: usize, allow_sign: bool) -> Result<Amount<'a>, LiteralError> {
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
        if let Some((unit, at)) = self.currency(p) {
            currency = Some(unit);
            p = at;
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
        // Exponent notation (`2e3`) is refused: `e3` is never a unit (SPEC 3).
        if let Some(exp_end) = exponent_end(b, i) {
            let mut e = err(
                format!(
                    "`{}` is exponent notation, which claimlint does not read (`{}` is not a unit)",
                    &self.s[pos..exp_end],
                    &self.s[i..exp_end]
                ),
                pos,
                exp_end,
            );
            e.help = Some(exponent_help(&self.s[pos..i], &self.s[i + 1..exp_end]));
            return Err(e);
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
    pub(super) fn scale(&self, end: usize) -> (Option<Scale<'a>>, usize) {
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
            return (Some(Scale::Word(w, f)), e);
        }
        (None, end)
    }
}

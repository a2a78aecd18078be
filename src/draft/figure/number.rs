//! The number of a figure: digits or a number word, the hedge and the currency before
//! it, the scale or percent word after it, a unit glued to it by a hyphen; and the
//! numbers that are no figure (an age, a page, a phone number, a score).

use super::{Amount, CURRENCY_SIGNS, FigKind, Finder, PERCENT, value_of};
use crate::draft::token::Kind;

impl Finder<'_> {
    /// A number at `i`: digits (with space-grouped thousands) or a number word.
    pub(super) fn amount(&self, i: usize) -> Option<Amount> {
        let tok = self.toks.get(i)?;
        if self.timed.get(i).copied().unwrap_or(true) {
            return None;
        }
        if tok.kind == Kind::Num {
            let mut digits = self.t(i).to_owned();
            let mut last = i;
            // `816 000`: groups of three digits after white space are thousands.
            let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
            if plain(&digits) && digits.len() <= 3 {
                while let Some(n) = self.toks.get(last + 1)
                    && n.kind == Kind::Num
                    && plain(n.text(self.text))
                    && n.text(self.text).len() == 3
                    && self.text[self.toks[last].end..n.start]
                        .chars()
                        .all(|c| matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}'))
                    && !self.timed.get(last + 1).copied().unwrap_or(true)
                {
                    digits.push(',');
                    digits.push_str(n.text(self.text));
                    last += 1;
                }
                // `1,234 567.8`? Only whole groups: a decimal tail ends the number.
                if let Some(n) = self.toks.get(last + 1)
                    && n.kind == Kind::Num
                    && n.start == self.toks[last].end
                {
                    return None;
                }
            }
            return Some(Amount {
                first: i,
                last,
                digits,
                word: false,
            });
        }
        if tok.kind == Kind::Word {
            // Number words, longest first (`a dozen`).
            for n in (1..=2).rev() {
                let p = self.phrase(i, i + n);
                if self.rules.number_words.contains_key(&*p) {
                    return Some(Amount {
                        first: i,
                        last: i + n - 1,
                        digits: self.written(i, i + n - 1),
                        word: true,
                    });
                }
            }
        }
        None
    }

    /// A scale after token `i`: (end token, kind, is a scale word).
    pub(super) fn scale_after(&self, i: usize, money: bool) -> Option<(usize, Option<FigKind>)> {
        for n in (1..=2).rev() {
            let p = self.phrase(i + 1, i + 1 + n);
            if let Some(&(_, k)) = PERCENT.iter().find(|(w, _)| *w == p) {
                return Some((i + n, Some(k)));
            }
            if self.rules.scales.contains_key(&*p) {
                // One-letter scales (`m`, `k`, `b`) only written against the number or
                // after money: `5 m` may be metres.
                if p.chars().count() == 1 && !(self.adjacent(i) || money) {
                    return None;
                }
                // A scale word ends at a word boundary: `mln.` is `mln`.
                return Some((i + n, None));
            }
        }
        None
    }

    /// A currency before token `i`: (first token, text as written, unit where it is
    /// not a sign the literal language reads).
    pub(super) fn currency_before(&self, i: usize) -> Option<(usize, String, Option<String>)> {
        if i == 0 {
            return None;
        }
        for n in (1..=3usize).rev() {
            if i < n {
                continue;
            }
            let a = i - n;
            // The sign and the number may be apart by a space; the parts of a sign not.
            if (a..i - 1).any(|k| !self.adjacent(k)) {
                continue;
            }
            let written: String = (a..i).map(|k| self.t(k)).collect();
            if n == 1 && CURRENCY_SIGNS.contains(&written.as_str()) {
                return Some((a, written, None));
            }
            if let Some(unit) = self.rules.draft().money.get(&written) {
                // A word of money (`dollars`) comes after the amount, not before it.
                if written.chars().all(char::is_lowercase) {
                    continue;
                }
                // A one- or two-letter prefix (`N`, `Rs`) is money only against the number.
                if written.chars().count() <= 2
                    && written.chars().all(char::is_alphabetic)
                    && !self.adjacent(i - 1)
                {
                    continue;
                }
                return Some((a, written, Some(unit.clone())));
            }
        }
        None
    }

    /// A hedge ending just before token `i`: its first token.
    pub(super) fn hedge_before(&self, i: usize) -> Option<usize> {
        (1..=3usize).rev().find_map(|n| {
            (i >= n && self.rules.hedges.contains_key(&*self.phrase(i - n, i))).then(|| i - n)
        })
    }

    /// Whether the number at `a` is no figure: an age, a page, an ordinal, a phone
    /// number, a name with a number, a time of day, a score.
    pub(super) fn not_a_figure(&self, a: &Amount) -> bool {
        let d = &self.rules.draft();
        let i = a.first;
        // "Three years after the state promised ...": a span that opens its sentence
        // before "after" or "before" dates what follows (after a mark too, below).
        if i == 0 && self.span_dates(a) {
            return true;
        }
        if i > 0 {
            let mut prev = self.f(i - 1);
            // `No. 10`: the word before the period.
            if prev == "." && i > 1 {
                prev = self.f(i - 2);
            }
            // `Kaarel Tamm, 58, said`: an age after a name.
            if prev == ","
                && i > 1
                && self.t(i - 2).starts_with(char::is_uppercase)
                && self.kind(i - 2) == Some(Kind::Word)
                && matches!(self.t(a.last + 1), "," | ")" | ".")
                && a.digits.len() <= 3
                && !a.digits.contains(['.', ','])
            {
                return true;
            }
            // A threshold after the word before its hedge (`children under 5`, `waited
            // more than 12 hours`).
            if let Some(h) = self.hedge_before(i)
                && h > 0
                && d.not_before.contains(self.f(h - 1))
            {
                return true;
            }
            // `within 62 days`, `over 12 years`, `in nearly five years`, `the next three
            // weeks`: a span that frames. The hedge before the number may be the framing
            // word itself (`over`); a word may both open a noun phrase and frame (`next`).
            if d.durations.contains(self.f(a.last + 1))
                || self
                    .noun_phrase_after(a.last + 1)
                    .is_some_and(|(a0, z)| a0 == a.last + 1 && d.durations.contains(self.f(z)))
            {
                let mut k = i;
                if let Some(h) = self.hedge_before(i) {
                    if d.framing.contains(self.f(h)) {
                        return true;
                    }
                    k = h;
                }
                while k > 0
                    && !d.framing.contains(self.f(k - 1))
                    && d.determiners.contains(self.f(k - 1))
                {
                    k -= 1;
                }
                if k > 0 && d.framing.contains(self.f(k - 1)) {
                    return true;
                }
                let opens = k == 0
                    || matches!(
                        self.t(k - 1),
                        "," | "-" | "—" | "–" | ":" | "(" | "\"" | "“"
                    );
                if opens && self.span_dates(a) {
                    return true;
                }
            }
            // `1. The Ashby exchange`: the number of a list item at the start of a line.
            if self.list_marker(i) {
                return true;
            }
            // `Nimbus 9`, `iOS 18.1`, `Tab 3 will`: a bare number after a name, with
            // nothing counted after it, is part of the name.
            // Not a list of results ("won 9, Reform UK 4 and independents 3").
            let mut n0 = i - 1;
            while n0 > 0
                && self.kind(n0 - 1) == Some(Kind::Word)
                && self.t(n0 - 1).starts_with(char::is_uppercase)
            {
                n0 -= 1;
            }
            let named = self.kind(i - 1) == Some(Kind::Word)
                && !(n0 > 0 && self.t(n0 - 1) == ",")
                && self.t(i - 1).chars().any(char::is_uppercase)
                && i > 1
                && !self.rules.hedges.contains_key(self.f(i - 1))
                && !self.rules.draft().money.contains_key(self.t(i - 1))
                && !matches!(self.kind(a.last + 1), Some(Kind::Mark) if !matches!(self.t(a.last + 1), "," | "." | ";" | ")"))
                && self.scale_after(a.last, false).is_none()
                && self.noun_phrase_after(a.last + 1).is_none()
                && !a.word;
            if named {
                return true;
            }
            // `(555) 123 4567`: numbers side by side, or after a closing bracket.
            if prev == ")" || self.kind(i - 1) == Some(Kind::Num) {
                return true;
            }
            if d.not_before.contains(prev.trim_end_matches('.'))
                || (i > 1 && d.not_before.contains(&*self.phrase(i - 2, i)))
            {
                return true;
            }
            // `KSh2,500`, `Rs500`, `N412.6 billion`: a prefix of money joined to the
            // number (one letter only before a number written as an amount: `N95` is a
            // name).
            let glued_money = self.rules.draft().money.contains_key(self.t(i - 1))
                && (self.t(i - 1).chars().count() >= 2
                    || a.digits.contains([',', '.'])
                    || self.scale_after(a.last, true).is_some());
            // `COVID-19`, `F-35`, `G7`, `#3`: a number joined to a word or mark before it.
            if self.adjacent(i - 1)
                && !glued_money
                && (self.kind(i - 1) == Some(Kind::Word)
                    || (matches!(self.t(i - 1), "-" | "#" | "/" | ":" | ".")
                        && i > 1
                        && self.adjacent(i - 2)))
            {
                return true;
            }
            // `(555) 123`, `+1 555`
            if matches!(self.t(i - 1), "+") && self.adjacent(i - 1) {
                return true;
            }
        }
        let j = a.last;
        let next = self.f(j + 1);
        if self.kind(j + 1) == Some(Kind::Num) {
            return true;
        }
        // `5.1.3`: a version, not a number.
        if next == "."
            && self.adjacent(j)
            && self.adjacent(j + 1)
            && self.kind(j + 2) == Some(Kind::Num)
        {
            return true;
        }
        if i == 0 && self.list_marker(i) {
            return true;
        }
        if d.not_after.contains(next) || d.not_after.contains(&*self.phrase(j + 1, j + 3)) {
            return true;
        }
        // `221 Baker Street`: capitalised words, then a word of an address.
        let mut k = j + 1;
        while k <= j + 3
            && self.kind(k) == Some(Kind::Word)
            && self.t(k).starts_with(char::is_uppercase)
        {
            if k > j + 1 && d.not_after.contains(self.f(k)) {
                return true;
            }
            k += 1;
        }
        if self.adjacent(j) {
            // `1st`, `45-year-old`, `10:30`, `3/4`, `555-1234-5678`.
            let n = self.t(j + 1);
            if matches!(next, "st" | "nd" | "rd" | "th" | "s") {
                return true;
            }
            if matches!(n, ":" | "/") && self.kind(j + 2) == Some(Kind::Num) {
                return true;
            }
            if matches!(n, "-" | "–") && self.adjacent(j + 1) {
                // `4.4-km stretch`, `8-car trains` are figures (see `glued`); `45-year-old`,
                // `214-page`, `10-year` are not.
                if self.kind(j + 2) == Some(Kind::Word)
                    && !self.rules.scales.contains_key(self.f(j + 2))
                    && self.glued(j).is_none()
                {
                    return true;
                }
                // `3-1`: a score, not a range.
                if self.kind(j + 2) == Some(Kind::Num)
                    && value_of(self.t(j + 2)) < value_of(&a.digits)
                {
                    return true;
                }
                // Three numbers joined by hyphens: a phone number or a code.
                if self.kind(j + 2) == Some(Kind::Num)
                    && matches!(self.t(j + 3), "-" | ".")
                    && self.kind(j + 4) == Some(Kind::Num)
                {
                    return true;
                }
            }
        }
        // A year-like number with no scale, unit or currency is a time (`timed`); one
        // inside a phone number's parentheses is no figure.
        if i > 0 && self.t(i - 1) == "(" && self.t(j + 1) == ")" && a.digits.len() == 3 {
            return true;
        }
        false
    }

    /// Whether a span ("three years") is followed by "after" or "before": it dates what
    /// follows rather than measures.
    fn span_dates(&self, a: &Amount) -> bool {
        let d = &self.rules.draft();
        let z = match self.noun_phrase_after(a.last + 1) {
            Some((_, z)) if d.durations.contains(self.f(z)) => z,
            _ if d.durations.contains(self.f(a.last + 1)) => a.last + 1,
            _ => return false,
        };
        matches!(self.f(z + 1), "after" | "before")
    }

    /// Whether the number at token `i` opens a line and is followed by `.` or `)` and a
    /// space: the number of a list item (`1. The Ashby ...`).
    fn list_marker(&self, i: usize) -> bool {
        let Some(tok) = self.toks.get(i) else {
            return false;
        };
        // Only white space back to a line break (or the text's start): a bounded look,
        // so that a text of one long line stays linear.
        let before = self.text.as_bytes()[..tok.start]
            .iter()
            .rev()
            .find(|&&b| !matches!(b, b' ' | b'\t' | b'\r'));
        let opens_line = before.is_none_or(|&b| b == b'\n');
        opens_line
            && self.adjacent(i)
            && matches!(self.t(i + 1), "." | ")")
            && self
                .text
                .get(self.toks[i + 1].end..)
                .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\n']))
    }

    /// Whether token `i` is the first word of a ratio word of the rules (a cheap test
    /// before the phrases are put together).
    pub fn starts_ratio_word(&self, i: usize) -> bool {
        let w = self.f(i);
        !w.is_empty()
            && self
                .rules
                .ratio_word_list
                .iter()
                .any(|r| r.split(' ').next() == Some(w))
    }

    /// A unit glued to a number by a hyphen (`4.4-km`, `8-car`): its word's token.
    pub(super) fn glued(&self, j: usize) -> Option<usize> {
        if !(self.adjacent(j) && self.adjacent(j + 1) && matches!(self.t(j + 1), "-" | "–")) {
            return None;
        }
        let w = self.f(j + 2);
        let d = &self.rules.draft();
        if self.kind(j + 2) != Some(Kind::Word) || w.contains('-') {
            return None;
        }
        if d.durations.contains(w) || d.durations.contains(&format!("{w}s")) {
            // "a two-year ban", "a 30-month investigation", "a two-hour drive": a span
            // that measures the noun after it; not "a 10-year high", "its 41-year
            // history", "the 10-year bond" (the words after it, and an article only).
            let next = self.f(j + 3);
            let measured = j > 0
                && matches!(self.f(j - 1), "a" | "an")
                && self.kind(j + 3) == Some(Kind::Word)
                && !d.not_after.contains(next)
                && !d.stop_words.contains(next)
                && !d.durations.contains(next);
            return measured.then_some(j + 2);
        }
        // "a 50-kg bag", "a 2-litre bottle": the size of what a price is for.
        if d.not_after.contains(w) || d.containers.contains(self.f(j + 3)) {
            return None;
        }
        Some(j + 2)
    }
}

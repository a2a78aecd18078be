//! Figures: the numbers of a sentence worth checking, each as a literal of the claim
//! language (hedge, sign, currency, number, scale, range), with what it counts.
//!
//! The grammar is written over tokens, with the words of the rules (hedges, scale words,
//! number and ratio words of `literals:`, and the `draft:` words); the literal it builds
//! is read back by the literal parser before it is drafted (see `super::draft`).

use super::time::Mention;
use super::token::{Kind, Token, fold};
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

const CURRENCY_SIGNS: &[&str] = &["$", "€", "£"];

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
        out
    }

    /// A number at `i`: digits (with space-grouped thousands) or a number word.
    fn amount(&self, i: usize) -> Option<Amount> {
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
    fn scale_after(&self, i: usize, money: bool) -> Option<(usize, Option<FigKind>)> {
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
    fn currency_before(&self, i: usize) -> Option<(usize, String, Option<String>)> {
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
            if let Some(unit) = self.rules.draft.money.get(&written) {
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
    fn hedge_before(&self, i: usize) -> Option<usize> {
        (1..=3usize).rev().find_map(|n| {
            (i >= n && self.rules.hedges.contains_key(&*self.phrase(i - n, i))).then(|| i - n)
        })
    }

    /// Whether the number at `a` is no figure: an age, a page, an ordinal, a phone
    /// number, a name with a number, a time of day, a score.
    fn not_a_figure(&self, a: &Amount) -> bool {
        let d = &self.rules.draft;
        let i = a.first;
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
                && !self.rules.draft.money.contains_key(self.t(i - 1))
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
            // `COVID-19`, `F-35`, `G7`, `#3`: a number joined to a word or mark before it.
            if self.adjacent(i - 1)
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
    fn glued(&self, j: usize) -> Option<usize> {
        if !(self.adjacent(j) && self.adjacent(j + 1) && matches!(self.t(j + 1), "-" | "–")) {
            return None;
        }
        let w = self.f(j + 2);
        let d = &self.rules.draft;
        if self.kind(j + 2) != Some(Kind::Word)
            || d.not_after.contains(w)
            || d.durations.contains(w)
            || d.durations.contains(&format!("{w}s"))
            || w.contains('-')
        {
            return None;
        }
        Some(j + 2)
    }

    fn figure_at(&self, i: usize) -> Option<Figure> {
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
                        || self.rules.draft.units.contains_key(h)
                });
            let of_the = next == "of"
                && matches!(
                    self.f(amount.last + 2),
                    "the" | "them" | "those" | "its" | "their"
                );
            let counted = self.rules.scales.contains_key(next)
                || PERCENT.iter().any(|(w, _)| *w == next)
                || self.rules.draft.units.contains_key(next)
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
            && let Some(unit) = self.rules.draft.money.get(self.f(last + 1))
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
                // `3-1` is a score, not a range; `to` after a percent and before money is
                // a change ("rose 5% to $3 bn").
                let ascending = value_of(&second.digits) >= value_of(&amount.digits);
                if same_kind
                    && (ascending || sep != "-")
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
                .draft
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
            && self.rules.draft.scales.contains(self.f(last + 1))
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
                unit = self.unit_of(w, head).or(Some((head.to_owned(), true)));
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
                    let measuring = unit
                        .as_ref()
                        .is_some_and(|(u, _)| self.rules.draft.measuring_units.contains(&fold(u)));
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
    fn ratio_at(&self, i: usize) -> Option<Figure> {
        if self.kind(i) != Some(Kind::Word)
            || !self.starts_ratio_word(i)
            || (i > 0 && super::relation::TIME_HALVES.contains(&self.f(i - 1)))
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

    /// The noun phrase starting at token `i` (determiners skipped): (first, head).
    pub fn noun_phrase_after(&self, mut i: usize) -> Option<(usize, usize)> {
        let d = &self.rules.draft;
        while self.kind(i) == Some(Kind::Word) && d.determiners.contains(self.f(i)) {
            i += 1;
        }
        let mut z = None;
        let mut k = i;
        while k < i + 4
            && self.kind(k) == Some(Kind::Word)
            && !self.timed.get(k).copied().unwrap_or(true)
            && !d.stop_words.contains(self.f(k))
            && !self.rules.hedges.contains_key(self.f(k))
            && !self.is_relation_word(k)
        {
            z = Some(k);
            k += 1;
            // A counted word is the head: what follows it is the clause's.
            let f = self.f(k - 1);
            if d.units.contains_key(f) || self.rules.unit(f).is_some() {
                break;
            }
        }
        // "accounts removed": a participle after the head is a verb.
        if let Some(zz) = z
            && zz > i
            && self.f(zz).ends_with("ed")
        {
            z = Some(zz - 1);
        }
        z.map(|z| (i, z))
    }

    /// The noun phrase ending before token `i`, over a few linking words ("revenue of
    /// $5 bn", "the rate stood at 5%").
    pub fn noun_phrase_before(&self, i: usize) -> Option<(usize, usize)> {
        let d = &self.rules.draft;
        let mut k = i;
        let mut skipped = 0;
        while k > 0
            && skipped < 3
            && self.kind(k - 1) == Some(Kind::Word)
            && (matches!(
                self.f(k - 1),
                "of" | "at"
                    | "to"
                    | "was"
                    | "is"
                    | "were"
                    | "are"
                    | "by"
                    | "reached"
                    | "hit"
                    | "totalled"
                    | "totaled"
                    | "stood"
                    | "be"
                    | "been"
                    | "will"
                    | "worth"
            ) || self.is_relation_word(k - 1))
        {
            k -= 1;
            skipped += 1;
        }
        let z = k.checked_sub(1)?;
        let mut a = None;
        let mut j = z + 1;
        while j > 0
            && j > z.saturating_sub(3)
            && self.kind(j - 1) == Some(Kind::Word)
            && !(j > 1 && matches!(self.kind(j - 2), Some(Kind::Num) | Some(Kind::Mark)))
            && !self.is_scale_word(j - 1)
            && !self.timed.get(j - 1).copied().unwrap_or(true)
            && !d.stop_words.contains(self.f(j - 1))
            && !d.determiners.contains(self.f(j - 1))
            && !self.rules.hedges.contains_key(self.f(j - 1))
            && !self.is_relation_word(j - 1)
        {
            j -= 1;
            a = Some(j);
        }
        a.map(|a| (a, z))
    }

    fn is_scale_word(&self, k: usize) -> bool {
        let f = self.f(k);
        self.rules.scales.contains_key(f)
            || matches!(
                f,
                "percent" | "per" | "cent" | "percentage" | "point" | "points" | "pp"
            )
    }

    fn is_relation_word(&self, k: usize) -> bool {
        let f = self.f(k);
        ["rose", "fell", "increase", "decrease", "doubled"]
            .iter()
            .any(|r| self.rules.draft.relation(r).is_some_and(|s| s.contains(f)))
    }

    /// The unit of a counted word: from the rules' words, a unit of the rules, or a
    /// guess from a plural.
    fn unit_of(&self, k: usize, head: &str) -> Option<(String, bool)> {
        // "25 basis points": the unit of `bps`.
        if matches!(head, "points" | "point") && k > 0 && self.f(k - 1) == "basis" {
            return self
                .rules
                .draft
                .units
                .get("bps")
                .map(|u| (u.clone(), false));
        }
        if let Some(u) = self.rules.draft.units.get(head) {
            return Some((u.clone(), false));
        }
        if self.rules.unit(head).is_some() {
            return Some((head.to_owned(), false));
        }
        let written = self.t(k);
        if head.ends_with('s') && head.chars().count() > 3 && head.is_ascii() {
            // A capitalised plural after a number is most often a people (`Kazakhs`).
            if written.starts_with(char::is_uppercase) {
                return Some(("people".to_owned(), true));
            }
            return Some((head.to_owned(), true));
        }
        None
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

impl Finder<'_> {
    /// The noun phrase whose last word is just before token `i` (no linking words
    /// skipped): (first, last).
    pub fn noun_phrase_before_plain(&self, i: usize) -> Option<(usize, usize)> {
        let d = &self.rules.draft;
        let z = i.checked_sub(1)?;
        let mut a = None;
        let mut j = i;
        while j > 0
            && j + 4 > i
            && self.kind(j - 1) == Some(Kind::Word)
            && !d.stop_words.contains(self.f(j - 1))
            && !d.determiners.contains(self.f(j - 1))
        {
            j -= 1;
            a = Some(j);
        }
        a.map(|a| (a, z))
    }
}

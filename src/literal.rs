//! Quantity literals (SPEC 3) -> [`Quantity`]: the interval of every value a rounded,
//! hedged phrase allows, with its unit and percent tag.
//!
//! A written number stands for everything that rounds to it (`12.5 mln` is
//! [12.45, 12.55] mln); a hedge widens or bounds that interval; a ratio word stands for
//! its fraction within the word tolerance. Words come from the rules; the number itself is
//! read from its digits as written, never through a float first.

use crate::interval::Interval;
use crate::number::Tag;
use crate::rules::{Hedge, RuleSet, WordList};
use crate::unit::ParsedUnit;

/// A literal that was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Every value the phrase allows, in base units (percents as fractions).
    pub interval: Interval,
    /// The unit written in the literal, if any (boxed: most literals have none, and a
    /// loaded claim keeps its unit on the claim).
    pub unit: Option<Box<ParsedUnit>>,
    /// Percent, points or plain.
    pub tag: Tag,
    /// Whether a hedge was written.
    pub hedged: bool,
    /// For an unhedged percent: what it allows if the writer truncated instead of
    /// rounding (SPEC 4.2).
    pub truncated: Option<Interval>,
    /// The scale word used (`mln`), to word derived values in the document's terms.
    pub scale: Option<compact_str::CompactString>,
}

/// A literal: a quantity or `unknown`.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `unknown`.
    Unknown,
    /// A value.
    Value(Quantity),
}

/// Why a literal could not be read, and where (byte offsets in the literal's text).
#[derive(Clone, Debug, PartialEq)]
pub struct LiteralError {
    /// One line: what was expected.
    pub message: String,
    /// Start of the part that failed.
    pub start: usize,
    /// End of the part that failed.
    pub end: usize,
    /// A suggestion, where a word is one edit from a known one.
    pub help: Option<String>,
}

/// The longest literal read; longer text is refused, not scanned.
pub const MAX_LITERAL_LEN: usize = 1_000;

/// A date as a value (SPEC 3): a time of SPEC 2 that is not relative, and not a bare
/// year unless `year_is_date` (the claim says `unit: date`): the interval of its days.
pub fn date(text: &str, rules: &RuleSet, year_is_date: bool) -> Option<Interval> {
    let t = text.trim();
    let b = t.as_bytes();
    // Cheap: a date starts with four digits and a `-` or `.`, or with `FY`.
    let dated = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit);
    let shaped = (dated && (b.len() == 4 || matches!(b[4], b'-' | b'.'))) || t.starts_with("FY");
    if !shaped || (b.len() == 4 && !year_is_date) {
        return None;
    }
    let ctx = crate::time::Context {
        fiscal_year_start: rules.fiscal_year_start.value,
        reference: None,
    };
    let r = crate::time::Time::read(t, &ctx).ok()?;
    Some(Interval::new(r.time.first as f64, r.time.last as f64))
}

/// The words of the rules as a formula reads them: its scale words, and the durations
/// and dates that stand inside it (SPEC 3).
pub struct FormulaWords<'a>(pub &'a RuleSet);

impl crate::formula::Words for FormulaWords<'_> {
    fn scale(&self, word: &str) -> Option<f64> {
        self.0.scales.get(word).map(|e| e.value)
    }

    fn duration(&self, text: &str) -> Option<Interval> {
        match parse(text, self.0) {
            Ok(Literal::Value(q))
                if q.tag == Tag::Plain && q.unit.as_ref().is_some_and(|u| u.dim.is("days")) =>
            {
                Some(q.interval)
            }
            _ => None,
        }
    }

    fn date(&self, text: &str) -> Option<Interval> {
        date(text, self.0, false)
    }
}

/// Reads a literal with the words of `rules`.
pub fn parse(text: &str, rules: &RuleSet) -> Result<Literal, LiteralError> {
    if text.len() > MAX_LITERAL_LEN {
        return Err(err(
            format!(
                "a literal of {} bytes is longer than {}",
                crate::wording::count(text.len()),
                crate::wording::count(MAX_LITERAL_LEN)
            ),
            0,
            text.len(),
        ));
    }
    Parser { s: text, rules }.literal()
}

fn err(message: impl Into<String>, start: usize, end: usize) -> LiteralError {
    LiteralError {
        message: message.into(),
        start,
        end,
        help: None,
    }
}

/// One written number: its interval of rounding, its exact value, and its scale.
struct Amount<'a> {
    /// The rounding interval, before scaling.
    rounding: Interval,
    /// The value as written, before scaling.
    exact: Interval,
    /// The unit of its last digit (for truncation), before scaling.
    last_digit: f64,
    /// Whether it is a number word (exact).
    word: bool,
    negative: bool,
    scale: Option<Scale<'a>>,
    currency: Option<&'a str>,
    end: usize,
}

#[derive(Clone)]
enum Scale<'a> {
    Percent,
    Points,
    /// A scale word of the rules, and its factor.
    Word(&'a str, f64),
}

struct Parser<'a> {
    s: &'a str,
    rules: &'a RuleSet,
}

impl<'a> Parser<'a> {
    fn skip_ws(&self, mut pos: usize) -> usize {
        while let Some(c) = self.s[pos..].chars().next() {
            if !c.is_whitespace() {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }

    fn at_end(&self, pos: usize) -> bool {
        self.skip_ws(pos) == self.s.len()
    }

    /// Matches `phrase` (lowercase, single spaces) at `pos`, case-insensitively, a space
    /// matching any run of white space; a phrase ending in a letter or digit must end at a
    /// word boundary. Returns the end.
    fn phrase(&self, pos: usize, phrase: &str) -> Option<usize> {
        // Most words tried fail on a first letter: ASCII is compared byte by byte, up to
        // the phrase's first space or a character beyond ASCII on either side, where the
        // general loop below takes over.
        let (text, words) = (self.s.as_bytes(), phrase.as_bytes());
        let mut k = 0;
        while let Some(&p) = words.get(k) {
            let t = *text.get(pos + k)?;
            if p == b' ' || !p.is_ascii() || !t.is_ascii() {
                break;
            }
            if !t.eq_ignore_ascii_case(&p) {
                return None;
            }
            k += 1;
        }
        self.phrase_from(pos, phrase, k)
    }

    /// [`Parser::phrase`] character by character from the phrase's byte `k` on, the first
    /// `k` bytes (ASCII, no space) having matched at `pos`.
    fn phrase_from(&self, pos: usize, phrase: &str, k: usize) -> Option<usize> {
        let (pos, rest) = (pos + k, phrase.get(k..)?);
        let mut t = self.s.get(pos..)?.char_indices().peekable();
        let mut end = pos;
        let mut pchars = rest.chars().peekable();
        while let Some(pc) = pchars.next() {
            if pc == ' ' {
                let mut n = 0;
                while let Some(&(_, c)) = t.peek() {
                    if !c.is_whitespace() {
                        break;
                    }
                    t.next();
                    n += 1;
                }
                if n == 0 {
                    return None;
                }
                while pchars.peek() == Some(&' ') {
                    pchars.next();
                }
                continue;
            }
            let (i, c) = t.next()?;
            let same = c == pc
                || if c.is_ascii() && pc.is_ascii() {
                    c.eq_ignore_ascii_case(&pc)
                } else {
                    c.to_lowercase().eq(pc.to_lowercase())
                };
            if !same {
                return None;
            }
            end = pos + i + c.len_utf8();
        }
        let last_alnum = phrase.chars().last().is_some_and(char::is_alphanumeric);
        let next_alnum = self.s[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if last_alnum && next_alnum {
            return None;
        }
        Some(end)
    }

    /// The longest of `words` (sorted longest first) at `pos`.
    fn longest(&self, pos: usize, words: &'a WordList) -> Option<(&'a str, usize)> {
        // Only words that start with the text's first letter (lowercased) can match.
        let first = self.s[pos..].chars().next()?;
        let mut lower = first.to_lowercase();
        let (l0, single) = (lower.next()?, lower.next().is_none());
        let matched = |w: &'a String| self.phrase(pos, w).map(|end| (w.as_str(), end));
        if single {
            words.starting_with(l0).find_map(matched)
        } else {
            words.iter().find_map(matched)
        }
    }

    /// The word (letters) at `pos`, and its end.
    fn word_at(&self, pos: usize) -> (&'a str, usize) {
        let rest = &self.s[pos..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        (&rest[..len], pos + len)
    }

    fn literal(&self) -> Result<Literal, LiteralError> {
        let start = self.skip_ws(0);
        if start == self.s.len() {
            return Err(err("an empty literal", 0, self.s.len()));
        }
        if let Some(end) = self.phrase(start, "unknown")
            && self.at_end(end)
        {
            return Ok(Literal::Unknown);
        }
        if let Some(end) = self.phrase(start, "between") {
            return self.between(self.skip_ws(end));
        }
        let (hedge, pos) = match self.longest(start, &self.rules.hedge_words) {
            Some((w, end)) => (self.rules.hedges.get(w).map(|e| e.value), self.skip_ws(end)),
            None => (None, start),
        };
        if let Some((w, end)) = self.longest(pos, &self.rules.range_word_list) {
            if hedge.is_some() {
                let mut e = err(
                    format!("`{w}` names a range outright: a hedge before it says nothing more"),
                    start,
                    pos,
                );
                e.help = Some(format!("drop the hedge: `{}`", self.s[pos..].trim()));
                return Err(e);
            }
            return self.range_word(w, end);
        }
        if let Some((w, end)) = self.longest(pos, &self.rules.ratio_word_list) {
            if !self.at_end(end) {
                return Err(err(
                    "a ratio word stands alone: nothing may follow it",
                    self.skip_ws(end),
                    self.s.len(),
                ));
            }
            let value = self.rules.ratio_words.get(w).map_or(f64::NAN, |e| e.value);
            return Ok(self.ratio(Interval::point(value), hedge));
        }
        let first = self.amount(pos, true)?;
        // `N times`: a ratio with N exact.
        let after = self.skip_ws(first.end);
        if first.scale.is_none()
            && first.currency.is_none()
            && let Some(end) = self.phrase(after, "times")
        {
            if !self.at_end(end) {
                return Err(err(
                    "nothing may follow `times`",
                    self.skip_ws(end),
                    self.s.len(),
                ));
            }
            let x = if first.negative {
                first.exact.neg()
            } else {
                first.exact
            };
            return Ok(self.ratio(x, hedge));
        }
        // A range: `12 to 15 mln`, `10-12%`.
        let sep = self.phrase(after, "to").or_else(|| {
            ["-", "–", "—"]
                .iter()
                .find_map(|d| self.s[after..].starts_with(d).then(|| after + d.len()))
        });
        let (lo_amt, hi_amt, end) = match sep {
            Some(sep_end) if first.end > 0 => {
                let second = self.amount(self.skip_ws(sep_end), true)?;
                let end = second.end;
                (first, Some(second), end)
            }
            _ => {
                let end = first.end;
                (first, None, end)
            }
        };
        self.finish(hedge, lo_amt, hi_amt, end)
    }

    fn between(&self, pos: usize) -> Result<Literal, LiteralError> {
        let first = self.amount(pos, true)?;
        let and = self.skip_ws(first.end);
        let Some(after_and) = self.phrase(and, "and") else {
            return Err(err(
                "expected `and` after the first number of `between`",
                and,
                self.s.len(),
            ));
        };
        let second = self.amount(self.skip_ws(after_and), true)?;
        let end = second.end;
        self.finish(None, first, Some(second), end)
    }

    /// A range word, then a scale and a unit, which apply to both its ends.
    fn range_word(&self, w: &str, end: usize) -> Result<Literal, LiteralError> {
        let Some(def) = self.rules.range_words.get(w).map(|e| &e.value) else {
            return Err(err(format!("`{w}` is not a range word"), 0, end));
        };
        let word_end = end;
        let (scale, end) = self.scale(end);
        let mut interval = def.interval;
        let mut tag = def.tag;
        let mut scale_name = None;
        match scale {
            None => {}
            Some(_) if def.tag != Tag::Plain => {
                return Err(err(
                    format!("`{w}` is already a percent: nothing may scale it"),
                    self.skip_ws(word_end),
                    end,
                ));
            }
            Some(Scale::Percent) | Some(Scale::Points) => {
                tag = if matches!(scale, Some(Scale::Percent)) {
                    Tag::Percent
                } else {
                    Tag::Points
                };
                interval = interval.div_relaxed(&Interval::point(100.0));
            }
            Some(Scale::Word(name, f)) => {
                interval = interval.mul(&Interval::point(f));
                scale_name = Some(name.into());
            }
        }
        let unit = if self.s[end..].trim().is_empty() {
            None
        } else {
            self.check_unit_text(end)?;
            self.rules.read_unit(self.s[end..].trim(), None)
        };
        if let Some(u) = &unit
            && u.factor != 1.0
        {
            interval = interval.mul(&Interval::point(u.factor));
        }
        Ok(Literal::Value(Quantity {
            interval,
            unit: unit.map(Box::new),
            tag,
            hedged: false,
            truncated: None,
            scale: scale_name,
        }))
    }

    /// A ratio: `x` within the word tolerance, then the hedge.
    fn ratio(&self, x: Interval, hedge: Option<Hedge>) -> Literal {
        let tol = self.rules.word_tolerance.value;
        let d = x.abs().mul(&Interval::point(tol));
        let rounding = Interval::new(x.sub(&d).lo, x.add(&d).hi);
        Literal::Value(Quantity {
            interval: apply_hedge(hedge, rounding, x, x),
            unit: None,
            tag: Tag::Plain,
            hedged: hedge.is_some(),
            truncated: None,
            scale: None,
        })
    }

    fn finish(
        &self,
        hedge: Option<Hedge>,
        first: Amount,
        second: Option<Amount>,
        end: usize,
    ) -> Result<Literal, LiteralError> {
        // In a range, an end with no scale takes the other's (`10-12%`, `12 to 15 mln`).
        let scale_of_range = second.as_ref().and_then(|s| s.scale.clone());
        let currency = first.currency.or(second.as_ref().and_then(|s| s.currency));
        // Only a lone unhedged percent in figures keeps its truncation interval.
        let truncation = hedge.is_none() && second.is_none() && !first.word;
        let (lo_q, x_lo, trunc_lo, tag, scale_name) =
            scaled(&first, scale_of_range.as_ref(), truncation);
        let (interval, x_hi, trunc) = match &second {
            Some(s) => {
                let (hi_q, x_hi, _, tag2, _) = scaled(s, first.scale.as_ref(), false);
                if tag2 != tag {
                    return Err(err("the two ends of a range have different scales", 0, end));
                }
                (lo_q.hull(&hi_q), x_hi, None)
            }
            None => (lo_q, x_lo, trunc_lo),
        };
        let unit_text = self.s[end..].trim();
        let unit = if unit_text.is_empty() {
            currency.and_then(|c| self.rules.read_unit("", Some(c)))
        } else {
            self.check_unit_text(end)?;
            self.rules.read_unit(unit_text, currency)
        };
        let mut interval = apply_hedge(hedge, interval, x_lo, x_hi);
        let mut truncated = trunc;
        if let Some(u) = &unit
            && u.factor != 1.0
        {
            let f = Interval::point(u.factor);
            interval = interval.mul(&f);
            truncated = truncated.map(|t| t.mul(&f));
        }
        Ok(Literal::Value(Quantity {
            interval,
            unit: unit.map(Box::new),
            tag,
            hedged: hedge.is_some(),
            truncated,
            scale: scale_name,
        }))
    }

    /// The unit must start with a letter, and a first word one edit from a scale word or
    /// hedge is a typo, not a unit.
    fn check_unit_text(&self, end: usize) -> Result<(), LiteralError> {
        let p = self.skip_ws(end);
        let first = self.s[p..].chars().next().unwrap_or(' ');
        if !(first.is_alphabetic() || first == '/' || first == '°') {
            return Err(err(
                format!(
                    "unexpected `{}` where a unit or the end was expected",
                    &self.s[p..].trim_end()
                ),
                p,
                self.s.len(),
            ));
        }
        let (word, wend) = self.word_at(p);
        let lower = word.to_lowercase();
        if lower.chars().count() >= 3 && self.rules.unit(&lower).is_none() {
            let near = self
                .rules
                .scale_words
                .iter()
                .chain(&self.rules.hedge_words)
                .find(|w| {
                    w.chars().count() >= 2
                        && w.as_str() != lower
                        && crate::suggest::one_edit(&lower, w)
                });
            if let Some(w) = near {
                let mut e = err(
                    format!("`{word}` is not a scale word or a unit claimlint knows"),
                    p,
                    wend,
                );
                e.help = Some(format!("did you mean `{w}`?"));
                return Err(e);
            }
        }
        Ok(())
    }
}

mod amount;
mod rounding;

use rounding::{apply_hedge, scaled};

#[cfg(test)]
mod tests;

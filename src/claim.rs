//! Claims, their three kinds, and times: plain data, no I/O.

use crate::code::Code;
use crate::interval::Interval;
use crate::literal::Quantity;
use crate::number::Domain;
use crate::number::Tag;
use crate::source::{SourceFile, Span};
use crate::unit::ParsedUnit;
use std::sync::Arc;

/// One claims file, loaded.
#[derive(Debug)]
pub struct ClaimsFile {
    /// Its text and name.
    pub source: Arc<SourceFile>,
    /// `document:`.
    pub document: Document,
    /// The claims, in file order (those that could not be read are left out).
    pub claims: Vec<Claim>,
    /// Every id the file gives, with where it is first written and the index in
    /// `claims` of its claim, if that claim could be read. Built as the file is loaded.
    pub ids: IdIndex,
}

/// Ids to where they are first written and the index of their claim, if it could be
/// read (kept small: a large file holds one entry per claim).
pub type IdIndex = crate::hash::TextMap<Box<str>, (Span, Option<u32>)>;

impl ClaimsFile {
    /// The claim with this id, if the file has one that could be read.
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.ids.get(id).and_then(|&(_, i)| i).map(|i| i as usize)
    }
}

/// The `document:` block.
#[derive(Debug, Default)]
pub struct Document {
    /// `source:`, relative to the claims file.
    pub source: Option<(String, Span)>,
    /// `date:`.
    pub date: Option<Time>,
}

/// A text as written in a scalar, mapped back to the file.
#[derive(Clone, Debug)]
pub struct Text {
    /// The text (decoded, for a quoted scalar).
    pub text: String,
    /// The whole scalar in the file.
    pub span: Span,
    /// Where the text's first byte is, past the start of the scalar (0 plain, 1 quoted),
    /// when the scalar holds it verbatim (no escapes), so that a part of it can be
    /// labelled.
    pub verbatim: Option<u8>,
}

impl Text {
    /// The file span of bytes `[from, to)` of the text; the whole scalar where the text
    /// is not verbatim.
    pub fn part(&self, from: usize, to: usize) -> Span {
        match self.verbatim {
            Some(skip) => Span::new(
                self.span.start + usize::from(skip) + from.min(self.text.len()),
                to.min(self.text.len()).saturating_sub(from),
            ),
            None => self.span,
        }
    }
}

/// One claim.
#[derive(Debug)]
pub struct Claim {
    /// Its id.
    pub id: String,
    /// Where the id's value is.
    pub id_span: Span,
    /// What it claims.
    pub kind: ClaimKind,
    /// `quote:` (boxed: most claims have none).
    pub quote: Option<Box<Text>>,
    /// The claim's time: `as_of`, else `document.date`, else unspecified.
    pub time: Option<Time>,
    /// Whether the claim gives `as_of` (an invalid one leaves the time unspecified,
    /// rather than taking the document's date).
    pub has_as_of: bool,
    /// `allow:` entries.
    pub allow: Box<[Allow]>,
}

/// The three kinds of claim.
#[derive(Debug)]
pub enum ClaimKind {
    /// `value:`.
    Quantity(Box<QuantityClaim>),
    /// `assert:` (boxed, as the other kinds: a claim stays small).
    Assertion(Box<Text>),
    /// `status:` about a `subject:`.
    Status(Box<StatusClaim>),
}

/// A status claim, read.
#[derive(Debug)]
pub struct StatusClaim {
    /// What the status is about.
    pub subject: Text,
    /// The phrase.
    pub phrase: Text,
}

impl ClaimKind {
    /// "a quantity", "an assertion", "a status".
    pub fn name(&self) -> &'static str {
        match self {
            ClaimKind::Quantity(_) => "a quantity",
            ClaimKind::Assertion(_) => "an assertion",
            ClaimKind::Status(_) => "a status",
        }
    }
}

/// A quantity claim, read.
#[derive(Debug)]
pub struct QuantityClaim {
    /// The literal as written.
    pub value: Text,
    /// The value read, or `None` for `unknown`.
    pub quantity: Option<Quantity>,
    /// The interval, in base units, narrowed to its domain.
    pub interval: Interval,
    /// The unit, from the literal or `unit:`.
    pub unit: Option<ParsedUnit>,
    /// `measure:`, folded.
    pub measure: Option<String>,
    /// The domain.
    pub domain: Domain,
    /// Percent, points or plain.
    pub tag: Tag,
}

/// One `allow:` entry.
#[derive(Debug, Clone)]
pub struct Allow {
    /// The code it silences.
    pub code: Code,
    /// Where the entry is.
    pub span: Span,
}

/// A time: the interval of days it covers, as day numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Time {
    /// First day.
    pub first: i64,
    /// Last day.
    pub last: i64,
}

impl Time {
    /// Reads `2024`, `2024-Q3`, `2024-10` or `2024-10-14`.
    pub fn parse(s: &str) -> Option<Time> {
        let s = s.trim();
        // At most three parts; a fourth makes it no time.
        let mut it = s.split('-');
        let mut held: [&str; 3] = [""; 3];
        let mut n = 0;
        for p in it.by_ref().take(3) {
            held[n] = p;
            n += 1;
        }
        if it.next().is_some() {
            return None;
        }
        let parts = &held[..n];
        let num = |p: &str, len: usize| -> Option<i64> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let year = num(parts.first()?, 4)?;
        match parts {
            [_] => Some(Time {
                first: day(year, 1, 1),
                last: day(year, 12, 31),
            }),
            [_, q] if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
                let q = num(&q[1..], 1).filter(|q| (1..=4).contains(q))?;
                let m = (q - 1) * 3 + 1;
                Some(Time {
                    first: day(year, m, 1),
                    last: day(year, m + 2, days_in_month(year, m + 2)),
                })
            }
            [_, m] => {
                let m = num(m, 2).filter(|m| (1..=12).contains(m))?;
                Some(Time {
                    first: day(year, m, 1),
                    last: day(year, m, days_in_month(year, m)),
                })
            }
            [_, m, d] => {
                let m = num(m, 2).filter(|m| (1..=12).contains(m))?;
                let d = num(d, 2).filter(|d| (1..=days_in_month(year, m)).contains(d))?;
                let x = day(year, m, d);
                Some(Time { first: x, last: x })
            }
            _ => None,
        }
    }

    /// Whether the two share a day.
    pub fn overlaps(&self, o: &Time) -> bool {
        self.first <= o.last && o.first <= self.last
    }
}

/// The four forms a time may take, for messages.
pub const TIME_FORMS: &str = "`2024`, `2024-Q3`, `2024-10` or `2024-10-14`";

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn day(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Two claims' times: the same, overlapping, or disjoint (SPEC 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeRelation {
    /// Equal intervals, or both unspecified.
    Same,
    /// Sharing a day (an unspecified time overlaps every time).
    Overlapping,
    /// No common day.
    Disjoint,
}

/// How two claim times relate.
pub fn relate(a: Option<Time>, b: Option<Time>) -> TimeRelation {
    match (a, b) {
        (None, None) => TimeRelation::Same,
        (Some(a), Some(b)) if a == b => TimeRelation::Same,
        (Some(a), Some(b)) if !a.overlaps(&b) => TimeRelation::Disjoint,
        _ => TimeRelation::Overlapping,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_intervals_of_days() {
        let y = Time::parse("2024");
        let q = Time::parse("2024-Q4");
        let m = Time::parse("2024-10");
        let d = Time::parse("2024-10-14");
        assert!(y.is_some() && q.is_some() && m.is_some() && d.is_some());
        assert_eq!(
            Time::parse("2024-Q1").map(|t| t.last - t.first + 1),
            Some(91)
        );
        assert_eq!(relate(d, d), TimeRelation::Same);
        assert_eq!(relate(y, d), TimeRelation::Overlapping);
        assert_eq!(relate(Time::parse("2023"), d), TimeRelation::Disjoint);
        assert_eq!(relate(None, d), TimeRelation::Overlapping);
        assert_eq!(relate(None, None), TimeRelation::Same);
        assert_eq!(day(1970, 1, 1), 0);
    }

    #[test]
    fn invalid_times() {
        for s in [
            "2024-13",
            "Q3 2024",
            "2024-02-30",
            "24",
            "2024-Q5",
            "2024-1-1",
            "",
        ] {
            assert_eq!(Time::parse(s), None, "{s}");
        }
        assert!(Time::parse("2024-02-29").is_some());
    }
}

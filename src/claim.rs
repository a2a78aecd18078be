//! Claims and their three kinds: plain data, no I/O.

use crate::code::Code;
use crate::interval::Interval;
use crate::literal::Quantity;
use crate::number::Domain;
use crate::number::Tag;
use crate::source::{SourceFile, Span};
use crate::time::Time;
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
    /// How messages name a claim's `as_of` where its interval's own form does not: as
    /// written (`FY2024`, `2012..2015`), a relative time with its day (`yesterday
    /// (2024-10-14)`). By claim index, sorted; kept apart so that a claim stays small.
    pub time_labels: Vec<(u32, Box<str>)>,
}

/// Ids to where they are first written and the index of their claim, if it could be
/// read (kept small: a large file holds one entry per claim).
pub type IdIndex = crate::hash::TextMap<compact_str::CompactString, (Span, Option<u32>)>;

impl ClaimsFile {
    /// The claim with this id, if the file has one that could be read.
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        self.ids.get(id).and_then(|&(_, i)| i).map(|i| i as usize)
    }

    /// A claim's time as a message names it: as the reader wrote it (a relative time
    /// with the day it resolved to); `None` where it has no time.
    pub fn time_words(&self, claim: usize) -> Option<String> {
        let c = self.claims.get(claim)?;
        let t = c.time?;
        let label = if c.has_as_of {
            let at = u32::try_from(claim).ok()?;
            self.time_labels
                .binary_search_by_key(&at, |(i, _)| *i)
                .ok()
                .and_then(|k| self.time_labels.get(k))
                .map(|(_, l)| &**l)
        } else {
            self.document.date_label.as_deref()
        };
        Some(label.map_or_else(|| t.to_string(), str::to_owned))
    }
}

/// The `document:` block.
#[derive(Debug, Default)]
pub struct Document {
    /// `source:`, relative to the claims file.
    pub source: Option<(String, Span)>,
    /// `date:`.
    pub date: Option<Time>,
    /// How messages name `date:`, where its interval's own form does not (`FY2024`).
    pub date_label: Option<Box<str>>,
}

/// A text as written in a scalar, mapped back to the file.
#[derive(Clone, Debug)]
pub struct Text {
    /// The text (decoded, for a quoted scalar): held inline up to 24 bytes, as most
    /// ids, values, units and phrases are.
    pub text: compact_str::CompactString,
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
    pub id: compact_str::CompactString,
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
    /// Where `measure:` is written, for messages that quote it as written.
    pub measure_span: Option<Span>,
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

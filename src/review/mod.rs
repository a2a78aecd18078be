//! `claimlint review`: the article of each claims file with every quoted passage marked,
//! and beside each mark its claims and their findings; as one HTML page
//! ([`html::page`]) or as text for a terminal ([`text::render`]).
//!
//! A front end of the library: it takes what a check gives (the findings, the loaded
//! claims, the article's text) and renders it; it checks nothing itself.
//!
//! # Marks
//!
//! A quote marks the passage where the quote check finds it: its first occurrence in the
//! article. Quotes whose passages overlap or repeat (two claims quoting the same words)
//! make one mark over the union of their passages, listing every claim in it, shown with
//! the worst severity among the findings of those claims. A finding belongs to its own
//! claim and to every other claim it involves (both sides of a conflict).

pub mod html;
mod layout;
pub mod text;

pub use layout::{Block, Layout, Passage};

use crate::check::Checked;
use crate::claim::{Claim, ClaimKind, ClaimsFile};
use crate::report::FileReport;
use crate::rules::RuleSet;
use crate::source::{SourceFile, Span};
use crate::wording::{Style, stated};
use std::sync::Arc;

/// One claims file, checked, with what a reader of the article needs.
#[derive(Debug)]
pub struct Review {
    /// The claims file and its findings (after baseline, allow and severities).
    pub report: FileReport,
    /// The article (`document.source`), where it was given and could be read.
    pub article: Option<Arc<SourceFile>>,
    /// The claims that could be read, in file order (a finding's `claim` indexes here).
    pub claims: Vec<ClaimView>,
}

/// What the page shows of one claim.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimView {
    /// Its id.
    pub id: String,
    /// "a quantity", "an assertion", "a status".
    pub kind: &'static str,
    /// The first and last line (1-based) of the claims file that the claim's fields
    /// are written on.
    pub lines: (usize, usize),
    /// `quote:`, as written.
    pub quote: Option<String>,
    /// Where the quote occurs in the article, if it does.
    pub passage: Option<Span>,
    /// What it says, as written: the value, the assertion, or the subject and status.
    pub written: String,
    /// What its value reads as (`more than 12.45 mln people`), for a quantity.
    pub reads_as: Option<String>,
}

impl Review {
    /// The review of a checked file: its findings, its claims as loaded, and the article
    /// with the passages its quotes were found at, as the check gave them.
    pub fn new(checked: Checked, rules: &RuleSet) -> Review {
        let Checked {
            file,
            findings,
            passages,
        } = checked;
        let found = passages.as_ref().map_or(&[][..], |p| p.found());
        let text = passages.as_ref().map_or("", |p| &*p.article().text);
        let claims = file
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let passage = found.get(i).copied().flatten().map(|s| trimmed(text, s));
                view(c, passage, &file, rules)
            })
            .collect();
        Review {
            article: passages.as_ref().map(|p| Arc::clone(p.article())),
            claims,
            report: FileReport {
                source: file.source,
                findings,
            },
        }
    }

    /// The review of a file that could not be read as text: its findings, no claims.
    pub fn unread(report: FileReport) -> Review {
        Review {
            report,
            article: None,
            claims: Vec::new(),
        }
    }

    /// The passages, paragraphs and the findings of each claim, as both views show them.
    pub fn layout(&self) -> Layout {
        Layout::of(self)
    }
}

/// A passage without the white space at its ends (a quote found at the end of an
/// article reaches past its last word).
fn trimmed(text: &str, s: Span) -> Span {
    let Some(t) = text.get(s.start..s.end()) else {
        return s;
    };
    let start = s.start + (t.len() - t.trim_start().len());
    Span::new(start, t.trim().len())
}

/// What the page shows of one claim.
fn view(c: &Claim, passage: Option<Span>, file: &ClaimsFile, rules: &RuleSet) -> ClaimView {
    let mut spans = vec![c.id_span];
    if let Some(q) = &c.quote {
        spans.push(q.span);
    }
    let (written, reads_as) = match &c.kind {
        ClaimKind::Quantity(q) => {
            spans.push(q.value.span);
            (q.value.text.to_string(), Some(reads_as(q.as_ref(), rules)))
        }
        ClaimKind::Assertion(a) => {
            spans.push(a.span);
            (a.text.to_string(), None)
        }
        ClaimKind::Status(s) => {
            spans.push(s.subject.span);
            spans.push(s.phrase.span);
            (format!("{}: {}", s.subject.text, s.phrase.text), None)
        }
    };
    let first = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let last = spans.iter().map(|s| s.end()).max().unwrap_or(0);
    ClaimView {
        id: c.id.to_string(),
        kind: c.kind.name(),
        lines: (
            file.source.line(first),
            file.source.line(last.saturating_sub(1).max(first)),
        ),
        quote: c.quote.as_ref().map(|q| q.text.to_string()),
        passage,
        written,
        reads_as,
    }
}

/// A quantity's value in words, in the unit it was written in.
fn reads_as(q: &crate::claim::QuantityClaim, rules: &RuleSet) -> String {
    if q.quantity.is_none() {
        return "unknown".into();
    }
    let style = Style::for_kind(q.tag.into(), crate::numeric::scale_of(q, rules));
    let factor = q
        .unit
        .as_ref()
        .map_or(1.0, |u| u.factor)
        .max(f64::MIN_POSITIVE);
    let iv = if (factor - 1.0).abs() > f64::EPSILON {
        crate::interval::Interval::new(q.interval.lo / factor, q.interval.hi / factor)
    } else {
        q.interval
    };
    let mut s = stated(&iv, &style);
    if let Some(u) = &q.unit
        && !u.written.is_empty()
    {
        s.push(' ');
        s.push_str(&u.written);
    }
    s
}

/// Reads and checks one claims file as `check` does ([`crate::run::checked_file`]), and
/// keeps what the page shows. Nothing is read twice: the claims and the article come
/// from the check.
pub fn review_file(
    path: &std::path::Path,
    rules: &RuleSet,
    max_bytes: u64,
) -> Result<Review, crate::error::ToolError> {
    Ok(match crate::run::checked_file(path, rules, max_bytes)? {
        Ok(checked) => Review::new(checked, rules),
        Err(report) => Review::unread(report),
    })
}

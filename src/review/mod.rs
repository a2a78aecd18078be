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

use crate::check::FileReport;
use crate::claim::{ClaimKind, ClaimsFile};
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
    /// What its value reads as (`more than 12.45 mln people`), for a quantity.
    pub reads_as: Option<String>,
}

impl Review {
    /// The review of a checked file, from the claims as loaded and the article's text.
    pub fn new(
        report: FileReport,
        file: &ClaimsFile,
        article: Option<Arc<SourceFile>>,
        rules: &RuleSet,
    ) -> Review {
        let passages = match &article {
            Some(a) => crate::quote::passages(
                &a.text,
                file.claims
                    .iter()
                    .map(|c| c.quote.as_ref().map_or("", |q| q.text.as_str())),
            ),
            None => vec![None; file.claims.len()],
        };
        let claims = file
            .claims
            .iter()
            .zip(passages)
            .map(|(c, passage)| {
                let mut spans = vec![c.id_span];
                if let Some(q) = &c.quote {
                    spans.push(q.span);
                }
                let reads_as = match &c.kind {
                    ClaimKind::Quantity(q) => {
                        spans.push(q.value.span);
                        Some(reads_as(q, rules))
                    }
                    ClaimKind::Assertion(a) => {
                        spans.push(a.span);
                        None
                    }
                    ClaimKind::Status(s) => {
                        spans.push(s.subject.span);
                        spans.push(s.phrase.span);
                        None
                    }
                };
                let first = spans.iter().map(|s| s.start).min().unwrap_or(0);
                let last = spans.iter().map(|s| s.end()).max().unwrap_or(0);
                ClaimView {
                    id: c.id.clone(),
                    kind: c.kind.name(),
                    lines: (
                        report.source.line_col(first).0,
                        report.source.line_col(last.saturating_sub(1).max(first)).0,
                    ),
                    quote: c.quote.as_ref().map(|q| q.text.clone()),
                    passage,
                    reads_as,
                }
            })
            .collect();
        Review {
            report,
            article,
            claims,
        }
    }

    /// The passages, paragraphs and the findings of each claim, as both views show them.
    pub fn layout(&self) -> Layout {
        Layout::of(self)
    }
}

/// A quantity's value in words, in the unit it was written in.
fn reads_as(q: &crate::claim::QuantityClaim, rules: &RuleSet) -> String {
    let Some(quantity) = &q.quantity else {
        return "unknown".into();
    };
    let scale = quantity
        .scale
        .clone()
        .and_then(|w| rules.scales.get(&w).map(|e| (w, e.value)));
    let style = Style::for_kind(q.tag.into(), scale);
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

/// Today's way of getting what the page needs from one claims file: check it as the
/// command line does, then load its claims and read its article beside the check.
/// (The check will hand them over itself: then this reads nothing a second time.)
pub fn review_file(
    path: &std::path::Path,
    rules: &RuleSet,
    max_bytes: u64,
) -> Result<Review, crate::error::ToolError> {
    let report = crate::run::check_file(path, rules, max_bytes)?;
    let mut ignored = Vec::new();
    let file = crate::load::load(&report.source, Some(path), rules, &mut ignored);
    let article = file.document.source.as_ref().and_then(|(name, _)| {
        let shown = std::path::Path::new(&file.source.name)
            .parent()
            .map_or_else(|| name.clone(), |d| d.join(name).display().to_string());
        crate::quote::read_source(Some(path), name, &shown).ok()
    });
    Ok(Review::new(report, &file, article, rules))
}

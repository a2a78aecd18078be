//! What lies under the cursor in a checked claims file: a literal, an id, a function, a
//! status phrase, a quote, an `allow` code.

use super::session::{Checked, Document, Session};
use crate::claim::{Claim, ClaimKind, ClaimsFile};
use crate::rules::RuleSet;
use crate::source::Span;
use lsp_types::TextDocumentPositionParams;

/// A thing under the cursor; spans are in the checked text.
#[derive(Debug)]
pub enum Spot<'a> {
    /// A claim's `value:`.
    Literal(&'a Claim),
    /// A claim's own `id:`.
    Id(&'a Claim),
    /// A word of a formula: an id (`call` false) or a function's name (`call` true).
    Word {
        /// The word.
        word: &'a str,
        /// Where it is.
        span: Span,
        /// Whether `(` follows it.
        call: bool,
    },
    /// A status phrase.
    Status(&'a Claim),
    /// A quote.
    Quote(&'a Claim),
    /// An `allow` code.
    Allow(crate::code::Code, Span),
}

/// A checked claims document, at a position.
pub struct At<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its check.
    pub checked: &'a Checked,
    /// Its claims.
    pub file: &'a ClaimsFile,
    /// Its rules.
    pub rules: &'a RuleSet,
    /// The byte offset in the checked text.
    pub offset: usize,
}

/// The checked document and offset of a request, if the document is a checked claims file.
pub fn at<'a>(s: &'a Session, p: &TextDocumentPositionParams) -> Option<At<'a>> {
    let doc = s.document(p.text_document.uri.as_str())?;
    let checked = doc.checked.as_ref().filter(|c| c.version == doc.version)?;
    let file = &checked.analysis.as_ref()?.file;
    let rules = checked.rules.as_deref()?;
    let offset = doc
        .lines
        .offset(&doc.text, p.position)
        .checked_sub(checked.shift)?;
    Some(At {
        doc,
        checked,
        file,
        rules,
        offset,
    })
}

fn holds(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end()
}

impl<'a> At<'a> {
    /// What is under the cursor.
    pub fn spot(&self) -> Option<Spot<'a>> {
        let o = self.offset;
        let text = &*self.file.source.text;
        // Claims are in file order: the one under the cursor is the last that starts
        // before it (a claim's keys may come before its id, so its neighbours are looked
        // at too).
        let k = self.file.claims.partition_point(|c| c.id_span.start <= o);
        let lo = k.saturating_sub(2);
        let hi = (k + 1).min(self.file.claims.len());
        for c in &self.file.claims[lo..hi] {
            if holds(c.id_span, o) {
                return Some(Spot::Id(c));
            }
            if let Some(q) = &c.quote
                && holds(q.span, o)
            {
                return Some(Spot::Quote(c));
            }
            for a in &c.allow {
                if holds(a.span, o) {
                    return Some(Spot::Allow(a.code, a.span));
                }
            }
            match &c.kind {
                ClaimKind::Quantity(q) if holds(q.value.span, o) => return Some(Spot::Literal(c)),
                ClaimKind::Status(s) if holds(s.phrase.span, o) => return Some(Spot::Status(c)),
                ClaimKind::Assertion(t) if holds(t.span, o) => {
                    let (start, end) = word_at(text, o, t.span);
                    if start == end {
                        return None;
                    }
                    let word = &text[start..end];
                    if word.starts_with(|c: char| c.is_ascii_digit()) {
                        return None;
                    }
                    let call = text[end..t.span.end()].trim_start().starts_with('(');
                    return Some(Spot::Word {
                        word,
                        span: Span::new(start, end - start),
                        call,
                    });
                }
                _ => {}
            }
        }
        None
    }
}

/// The identifier around `o`, within `within`: `[A-Za-z0-9_]` runs.
pub fn word_at(text: &str, o: usize, within: Span) -> (usize, usize) {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = text.as_bytes();
    let lo = within.start.min(b.len());
    let hi = within.end().min(b.len());
    let o = o.clamp(lo, hi);
    let mut start = o;
    while start > lo && is_word(b[start - 1]) {
        start -= 1;
    }
    let mut end = o;
    while end < hi && is_word(b[end]) {
        end += 1;
    }
    (start, end)
}

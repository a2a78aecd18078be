//! The fast path for a well-formed claims file: the events of the parser that serde-saphyr
//! is built on (granit-parser, the same scanner and the same parser, with the same
//! options), turned straight into the tree [`super::parse`] gives, without the serde layer
//! between them.
//!
//! It takes plain YAML alone: one document whose root is a mapping of `document` and
//! `claims`, no anchors, aliases, tags or merge keys, no duplicate key, no error. On
//! anything else it gives up, and the caller reads the file again through serde-saphyr,
//! which reports what is unusual, with its budgets and alias limits. Since nothing is
//! expanded here, the work is linear in the events, and so in the file's size.

use super::{Node, NodeKind};
use crate::source::Span;
use granit_parser::{Event, Parser, ScalarStyle, StrInput};
use std::borrow::Cow;

/// The deepest nesting read here (and by the scanner); deeper files take the generic
/// path, which reports them.
pub(super) const MAX_DEPTH: usize = 64;

/// A mapping with more entries than this takes the generic path (a claim has a dozen
/// keys at most), so that the duplicate-key check stays a short scan.
const MAX_ENTRIES: usize = 64;

/// Why the fast path gave up: the generic path says what is wrong, if anything.
pub(super) struct GiveUp;

type Step<T> = Result<T, GiveUp>;

/// A key the fast readers take: a scalar, not a merge key, not seen before in its mapping,
/// and not one too many.
pub(super) fn check_key(entries: &[(Node<'_>, Node<'_>)], key: &Node<'_>) -> Step<()> {
    let Some(k) = key.as_str() else {
        return Err(GiveUp);
    };
    if k == "<<"
        || entries.len() >= MAX_ENTRIES
        || entries.iter().any(|(o, _)| o.as_str() == Some(k))
    {
        return Err(GiveUp);
    }
    Ok(())
}

/// Reads a claims file, handing each claim to `on_claim` as soon as it is read. Returns
/// the `document:` node, if any.
pub(super) fn claims<'t>(
    text: &'t str,
    on_claim: &mut dyn FnMut(Node<'t>),
) -> Step<Option<Node<'t>>> {
    let mut r = Reader::new(text);
    r.require(|e| matches!(e, Event::StreamStart))?;
    r.require(|e| matches!(e, Event::DocumentStart(..)))?;
    let (start, _) = r.next()?;
    if !matches!(start, Event::MappingStart(_, 0, None)) {
        return Err(GiveUp);
    }
    let (mut document, mut claims) = (None, false);
    loop {
        let (key, _) = r.next()?;
        match key {
            Event::MappingEnd => break,
            Event::Scalar(k, ScalarStyle::Plain, 0, None)
                if k == "document" && document.is_none() =>
            {
                let (ev, sp) = r.next()?;
                document = Some(r.node(ev, sp, 1)?);
            }
            Event::Scalar(k, ScalarStyle::Plain, 0, None) if k == "claims" && !claims => {
                claims = true;
                r.require(|e| matches!(e, Event::SequenceStart(_, 0, None)))?;
                loop {
                    let (ev, sp) = r.next()?;
                    if matches!(ev, Event::SequenceEnd) {
                        break;
                    }
                    on_claim(r.node(ev, sp, 2)?);
                }
            }
            _ => return Err(GiveUp),
        }
    }
    r.require(|e| matches!(e, Event::DocumentEnd))?;
    r.require(|e| matches!(e, Event::StreamEnd))?;
    if !claims {
        return Err(GiveUp);
    }
    // A `document:` that is not a mapping is for the generic path to report.
    match &document {
        Some(Node {
            kind: NodeKind::Map(_),
            ..
        })
        | None => Ok(document),
        Some(_) => Err(GiveUp),
    }
}

struct Reader<'t> {
    parser: Parser<'t, StrInput<'t>>,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Self {
        // The options serde-saphyr reads with (see `raw::options`): no comments, and a
        // block nesting limit past the depth budget.
        let mut options = granit_parser::Options::default();
        options.emit_comments = false;
        options.block_nesting_limit = options.block_nesting_limit.max(MAX_DEPTH + 1);
        Reader {
            parser: Parser::new_from_str_with_options(text, options),
        }
    }

    /// The next event; an error or the end of the stream gives up. Comments are not
    /// emitted with these options.
    fn next(&mut self) -> Step<(Event<'t>, Span)> {
        // The parser's span is large: it is made our small one at once.
        match self.parser.next_event() {
            Some(Ok((e, span))) => Ok((e, to_span(&span)?)),
            Some(Err(_)) | None => Err(GiveUp),
        }
    }

    /// Reads the next event, giving up unless it is the one `want` accepts.
    fn require(&mut self, want: impl Fn(&Event<'t>) -> bool) -> Step<()> {
        let (e, _) = self.next()?;
        if want(&e) { Ok(()) } else { Err(GiveUp) }
    }

    /// The node that starts with `ev`, read to its end.
    fn node(&mut self, ev: Event<'t>, span: Span, depth: usize) -> Step<Node<'t>> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        let kind = match ev {
            Event::Scalar(value, style, 0, None) => scalar(value, style),
            Event::SequenceStart(_, 0, None) => {
                let mut items = Vec::new();
                loop {
                    let (ev, sp) = self.next()?;
                    if matches!(ev, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(ev, sp, depth + 1)?);
                }
                NodeKind::Seq(items)
            }
            Event::MappingStart(_, 0, None) => {
                // Sized for a claim's keys at once: one allocation, not three.
                let mut entries: Vec<(Node<'t>, Node<'t>)> = Vec::with_capacity(8);
                loop {
                    let (ev, sp) = self.next()?;
                    if matches!(ev, Event::MappingEnd) {
                        break;
                    }
                    let key = self.node(ev, sp, depth + 1)?;
                    check_key(&entries, &key)?;
                    let (ev, sp) = self.next()?;
                    let value = self.node(ev, sp, depth + 1)?;
                    entries.push((key, value));
                }
                NodeKind::Map(entries)
            }
            // Anchors, aliases, tags, and anything out of place.
            _ => return Err(GiveUp),
        };
        let span = match kind {
            NodeKind::Seq(_) | NodeKind::Map(_) => Span::new(span.start, 0),
            _ => span,
        };
        Ok(Node { kind, span })
    }
}

/// A scalar as the generic path reads it: the YAML 1.2 core schema's nulls are null, and
/// every other scalar is its text (a number or a boolean keeps the text it was written
/// as, which for a plain scalar on one line is its value).
fn scalar(value: Cow<'_, str>, style: ScalarStyle) -> NodeKind<'_> {
    if style == ScalarStyle::Plain && matches!(&*value, "" | "~" | "null" | "Null" | "NULL") {
        return NodeKind::Null;
    }
    NodeKind::Scalar(value)
}

fn to_span(span: &granit_parser::Span) -> Step<Span> {
    let r = span.byte_range().ok_or(GiveUp)?;
    Ok(Span::new(r.start, r.end.saturating_sub(r.start)))
}

//! The first reader of the fast path: a scanner of claimlint's own for the YAML that claims
//! files are written in, straight from the bytes to the tree [`super::parse`] gives, with
//! the spans the parser's events give (see `events`), without events in between.
//!
//! It reads one document whose root is a block mapping of `document` and `claims`, made
//! of block and flow mappings and sequences; plain scalars (on several lines in a block),
//! single- and double-quoted scalars (with escapes; on several lines in a block) and
//! literal and folded block scalars; comments. It gives up on anything else, and on
//! anything it is not sure of: tabs, carriage returns and control characters anywhere,
//! document markers and directives, anchors, aliases, tags, complex keys, an indentation
//! indicator, an empty block scalar, a flow scalar over several lines, a key the parser
//! would read differently; and, as the event reader does, on a duplicate key, a merge
//! key, a mapping of more than 64 entries or a nesting deeper than 64. The caller then
//! reads the file with the event reader, and failing that with serde-saphyr, which
//! reports what is unusual. Every step moves forward, so the work is linear in the file.
//!
//! This file reads the root and the block collections; the scanner's cursor, each kind of
//! scalar and the flow collections are read in the files below it.

mod block_scalar;
mod cursor;
mod flow;
mod plain;
mod quoted;

use super::events::{GiveUp, MAX_DEPTH, check_key};
use super::{Node, NodeKind};
use crate::source::Span;

/// The longest key read here: the parser looks no further for the `:` of a key.
const MAX_KEY: usize = 1000;

type Step<T> = Result<T, GiveUp>;

/// Reads a claims file, lending each claim to `on_claim` as soon as it is read; it may
/// take it, and the room of a claim's mapping it leaves is used again for the next
/// claim's. Returns the `document:` node, if any.
pub(super) fn claims<'t>(
    text: &'t str,
    on_claim: &mut dyn FnMut(&mut Node<'t>),
) -> Step<Option<Node<'t>>> {
    plain_text(text.as_bytes())?;
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        pos: 0,
        line: 0,
        spare: Vec::new(),
    };
    s.skip_to_token();
    if s.at_end() || s.col() != 0 {
        return Err(GiveUp);
    }
    let (mut document, mut claims) = (None, false);
    loop {
        let (key, Stop::Colon) = s.plain_line(false)? else {
            return Err(GiveUp);
        };
        let colon = s.pos;
        s.pos += 1;
        match key {
            "document" if document.is_none() => {
                let d = s.value(0, 1, colon, false)?;
                if !matches!(d.kind, NodeKind::Map(_)) {
                    return Err(GiveUp);
                }
                document = Some(d);
            }
            "claims" if !claims => {
                claims = true;
                s.claims(on_claim)?;
            }
            _ => return Err(GiveUp),
        }
        if s.at_end() {
            break;
        }
        if s.col() != 0 {
            return Err(GiveUp);
        }
    }
    if !claims {
        return Err(GiveUp);
    }
    Ok(document)
}

/// Gives up on any byte the scanner does not read: a tab, a carriage return, a control
/// character, a byte-order mark, a Unicode line or paragraph separator, a non-character;
/// and on any line that starts with a document marker or a directive.
fn plain_text(b: &[u8]) -> Step<()> {
    if marker(b) {
        return Err(GiveUp);
    }
    let mut i = 0;
    while i < b.len() {
        // Most bytes are printable ASCII, passed over many at once.
        let at = crate::source::first_not(b, i, |c| (0x20..0x7f).contains(c));
        if at >= b.len() {
            break;
        }
        if gives_up_at(b, at) {
            return Err(GiveUp);
        }
        i = at + 1;
    }
    Ok(())
}

/// Whether a line starts with a document marker or a directive.
fn marker(line: &[u8]) -> bool {
    line.first() == Some(&b'%') || line.starts_with(b"---") || line.starts_with(b"...")
}

/// Whether the byte at `at` is one the scanner gives up on (see [`plain_text`]).
fn gives_up_at(b: &[u8], at: usize) -> bool {
    let next = |k: usize| b.get(at + k).copied();
    match next(0) {
        None | Some(0x20..=0x7e) => false,
        Some(b'\n') => marker(b.get(at + 1..).unwrap_or_default()),
        Some(0..=0x1f | 0x7f) => true,
        // C1 controls, NEL among them.
        Some(0xc2) => matches!(next(1), Some(0x80..=0x9f)),
        Some(0xe2) => next(1) == Some(0x80) && matches!(next(2), Some(0xa8 | 0xa9)),
        Some(0xef) => matches!(
            (next(1), next(2)),
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
        ),
        Some(_) => false,
    }
}

/// Where a plain scalar's line stopped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// At a `:` that makes it a key (the position is at the `:`).
    Colon,
    /// At the end of the line or of the file (the position is there).
    Eol,
    /// At a comment (the position is at the `#`).
    Comment,
    /// At a flow indicator (in a flow collection).
    Flow,
}

struct Scanner<'t> {
    text: &'t str,
    b: &'t [u8],
    pos: usize,
    /// Where the current line starts.
    line: usize,
    /// An empty list of entries, with room, to read the next mapping into.
    spare: Vec<(Node<'t>, Node<'t>)>,
}

impl<'t> Scanner<'t> {
    /// The value of `claims:` at the root: a sequence, each item handed on.
    fn claims(&mut self, on_claim: &mut dyn FnMut(&mut Node<'t>)) -> Step<()> {
        let on_claim = &mut |s: &mut Self, mut n: Node<'t>| {
            on_claim(&mut n);
            s.recycle(n);
        };
        self.skip_spaces();
        match self.peek() {
            b'[' => {
                self.flow_seq(0, 2, on_claim)?;
                return self.end_line();
            }
            b'#' | b'\n' => {}
            _ => return Err(GiveUp),
        }
        self.skip_to_token();
        if self.at_end() || !self.at_entry() {
            return Err(GiveUp);
        }
        let c = self.col();
        self.block_seq(c, c == 0, 2, on_claim)?;
        Ok(())
    }

    /// An empty list to read a mapping's entries into: the spare one, else a new one.
    fn entries(&mut self) -> Vec<(Node<'t>, Node<'t>)> {
        let spare = std::mem::take(&mut self.spare);
        if spare.capacity() == 0 {
            Vec::with_capacity(8)
        } else {
            spare
        }
    }

    /// Keeps the room of a node's entries, emptied, for the next mapping.
    fn recycle(&mut self, n: Node<'t>) {
        if let NodeKind::Map(mut entries) = n.kind {
            entries.clear();
            if entries.capacity() > self.spare.capacity() {
                self.spare = entries;
            }
        }
    }

    /// A block sequence whose first `-` is here, at column `c`; `indentless` where it is a
    /// mapping's value at the mapping's own column. Its items are handed to `item`.
    fn block_seq(
        &mut self,
        c: usize,
        indentless: bool,
        depth: usize,
        item: &mut dyn FnMut(&mut Self, Node<'t>),
    ) -> Step<Span> {
        let mut span = Span::new(self.pos, 0);
        if indentless {
            // The parser places such a sequence at its first item's token.
            let mut p = self.pos + 1;
            while self.b.get(p) == Some(&b' ') {
                p += 1;
            }
            if matches!(self.b.get(p), None | Some(b'\n' | b'#')) {
                return Err(GiveUp);
            }
            span = Span::new(p, 0);
        }
        loop {
            self.pos += 1;
            let node = self.value(c, depth, 0, true)?;
            item(self, node);
            if self.at_end() {
                break;
            }
            let col = self.col();
            if col > c {
                return Err(GiveUp);
            }
            if col < c || !self.at_entry() {
                break;
            }
        }
        Ok(span)
    }

    /// A node after a `key:` (`colon` is where the `:` stands) or a `-` (`entry`), in a
    /// block collection at column `parent`. Ends at the next token.
    fn value(&mut self, parent: usize, depth: usize, colon: usize, entry: bool) -> Step<Node<'t>> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        self.skip_spaces();
        match self.peek() {
            b'\n' | b'#' => {
                if self.peek() == b'#' {
                    self.skip_comment();
                }
                let eol = self.pos;
                self.skip_to_token();
                let col = self.col();
                if !self.at_end() && col > parent {
                    return self.block_node(parent, depth);
                }
                if !self.at_end() && !entry && col == parent && self.at_entry() {
                    let mut items = Vec::new();
                    let span = self.block_seq(col, true, depth + 1, &mut |_, n| items.push(n))?;
                    return Ok(Node {
                        kind: NodeKind::Seq(items),
                        span,
                    });
                }
                // An empty node: the parser places it at the `:` of a key, after the
                // spaces and comment of a `-`.
                let at = if entry { eol } else { colon };
                Ok(Node {
                    kind: NodeKind::Null,
                    span: Span::new(at, 0),
                })
            }
            b'|' | b'>' => {
                let node = self.block_scalar(parent)?;
                self.skip_to_token();
                Ok(node)
            }
            b'[' | b'{' => {
                let node = self.flow(parent, depth)?;
                self.end_line()?;
                Ok(node)
            }
            _ => {
                let line = self.line;
                let (key, node) = self.scalar_or_key(parent)?;
                if key {
                    // `- key: value`: a mapping in a sequence, at the key's column.
                    if !entry {
                        return Err(GiveUp);
                    }
                    let c = node.span.start - line;
                    return self.block_map(c, depth, node);
                }
                Ok(node)
            }
        }
    }

    /// A node on a line of its own, deeper than its collection at column `parent`.
    fn block_node(&mut self, parent: usize, depth: usize) -> Step<Node<'t>> {
        let c = self.col();
        match self.peek() {
            b'-' if self.at_entry() => {
                let mut items = Vec::new();
                let span = self.block_seq(c, false, depth + 1, &mut |_, n| items.push(n))?;
                Ok(Node {
                    kind: NodeKind::Seq(items),
                    span,
                })
            }
            b'[' | b'{' => {
                let node = self.flow(parent, depth)?;
                self.end_line()?;
                Ok(node)
            }
            b'|' | b'>' => Err(GiveUp),
            _ => {
                let (key, node) = self.scalar_or_key(parent)?;
                if key {
                    return self.block_map(c, depth, node);
                }
                Ok(node)
            }
        }
    }

    /// A block mapping at column `c` whose first key is read (the position on its `:`).
    fn block_map(&mut self, c: usize, depth: usize, first: Node<'t>) -> Step<Node<'t>> {
        let span = Span::new(first.span.start, 0);
        let mut entries = self.entries();
        let mut key = first;
        loop {
            check_key(&entries, &key)?;
            let colon = self.pos;
            self.pos += 1;
            let value = self.value(c, depth + 1, colon, false)?;
            entries.push((key, value));
            if self.at_end() {
                break;
            }
            let col = self.col();
            if col < c {
                break;
            }
            if col > c || self.at_entry() {
                return Err(GiveUp);
            }
            let line = self.line;
            let (is_key, k) = self.scalar_or_key(c)?;
            if !is_key || self.line != line {
                return Err(GiveUp);
            }
            key = k;
        }
        Ok(Node {
            kind: NodeKind::Map(entries),
            span,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `plain_text` one byte at a time, as it read before it passed over printable ASCII
    /// sixteen bytes at once: the reference it is held to.
    fn plain_text_by_bytes(b: &[u8]) -> bool {
        !marker(b) && !(0..b.len()).any(|at| gives_up_at(b, at))
    }

    proptest! {
        /// Runs of printable ASCII longer and shorter than sixteen bytes, between the
        /// bytes the scanner gives up on (a tab, a control, NEL, a line separator, a
        /// byte-order mark, a marker after a line break) and characters it reads.
        #[test]
        fn plain_text_gives_up_where_a_reading_of_every_byte_does(
            s in "([a-z :#-]{0,40}|\n|\n---|\n...|\n%|\t|\r|\u{7f}|\u{85}|\u{a0}|\u{2028}|\u{2019}|\u{feff}|\u{fffd}|\u{fffe}|é|€){0,12}"
        ) {
            prop_assert_eq!(plain_text(s.as_bytes()).is_ok(), plain_text_by_bytes(s.as_bytes()), "{:?}", s);
        }
    }

    #[test]
    fn plain_text_looks_at_every_byte() {
        let clean = "a line of printable ASCII, longer than sixteen bytes";
        assert!(plain_text(clean.as_bytes()).is_ok());
        for bad in ["\t", "\r", "\u{85}", "\u{2028}", "\n---", "\u{7f}"] {
            for at in [0, 1, 15, 16, 17, 31, 32, clean.len()] {
                let mut s = clean.to_owned();
                s.insert_str(at, bad);
                assert!(plain_text(s.as_bytes()).is_err(), "{s:?}");
            }
        }
    }
}

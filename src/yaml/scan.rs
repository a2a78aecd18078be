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

use super::events::GiveUp;
use super::{Node, NodeKind};
use crate::source::Span;
use std::borrow::Cow;

/// The deepest nesting read here (as the event reader).
const MAX_DEPTH: usize = 64;

/// The most entries of one mapping read here (as the event reader).
const MAX_ENTRIES: usize = 64;

/// The longest key read here: the parser looks no further for the `:` of a key.
const MAX_KEY: usize = 1000;

type Step<T> = Result<T, GiveUp>;

/// Reads a claims file, handing each claim to `on_claim` as soon as it is read. Returns
/// the `document:` node, if any.
pub(super) fn claims<'t>(
    text: &'t str,
    on_claim: &mut dyn FnMut(Node<'t>),
) -> Step<Option<Node<'t>>> {
    plain_text(text.as_bytes())?;
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        pos: 0,
        line: 0,
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
    let marker = |rest: &[u8]| {
        rest.first() == Some(&b'%') || rest.starts_with(b"---") || rest.starts_with(b"...")
    };
    if marker(b) {
        return Err(GiveUp);
    }
    for (i, &c) in b.iter().enumerate() {
        // Most bytes are printable ASCII: one comparison.
        if (0x20..0x7f).contains(&c) {
            continue;
        }
        let next = |k: usize| b.get(i + k).copied();
        let bad = match c {
            b'\n' => marker(b.get(i + 1..).unwrap_or_default()),
            0..=0x1f | 0x7f => true,
            // C1 controls, NEL among them.
            0xc2 => matches!(next(1), Some(0x80..=0x9f)),
            0xe2 => next(1) == Some(0x80) && matches!(next(2), Some(0xa8 | 0xa9)),
            0xef => matches!(
                (next(1), next(2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ),
            _ => false,
        };
        if bad {
            return Err(GiveUp);
        }
    }
    Ok(())
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
}

impl<'t> Scanner<'t> {
    fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn peek(&self) -> u8 {
        self.b.get(self.pos).copied().unwrap_or(b'\n')
    }

    fn peek_at(&self, i: usize) -> u8 {
        self.b.get(self.pos + i).copied().unwrap_or(b'\n')
    }

    /// The column of the position, in bytes: only ever asked at a token that spaces and
    /// ASCII indicators precede on its line, where bytes are characters.
    fn col(&self) -> usize {
        self.pos - self.line
    }

    fn slice(&self, from: usize, to: usize) -> Step<&'t str> {
        self.text.get(from..to).ok_or(GiveUp)
    }

    fn skip_spaces(&mut self) {
        while self.b.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    /// Skips a comment, to the end of its line.
    fn skip_comment(&mut self) {
        while self.pos < self.b.len() && self.b[self.pos] != b'\n' {
            self.pos += 1;
        }
    }

    /// Steps over a line break.
    fn newline(&mut self) {
        self.pos += 1;
        self.line = self.pos;
    }

    /// Skips spaces, comments and line breaks up to the next token (or the end). Called
    /// where a `#` can only start a comment: at a line's start or after a space.
    fn skip_to_token(&mut self) {
        loop {
            self.skip_spaces();
            match self.peek() {
                b'#' => self.skip_comment(),
                b'\n' if !self.at_end() => self.newline(),
                _ => return,
            }
        }
    }

    /// After a node on a line: spaces and a comment, then the end of the line, then on to
    /// the next token. Anything else on the line gives up.
    fn end_line(&mut self) -> Step<()> {
        let before = self.pos;
        self.skip_spaces();
        if self.peek() == b'#' && self.pos > before {
            self.skip_comment();
        }
        if self.peek() != b'\n' {
            return Err(GiveUp);
        }
        self.skip_to_token();
        Ok(())
    }

    /// Whether a block sequence entry (`-` then a space or the end of the line) is here.
    fn at_entry(&self) -> bool {
        self.peek() == b'-' && matches!(self.peek_at(1), b' ' | b'\n')
    }

    /// The value of `claims:` at the root: a sequence, each item handed on.
    fn claims(&mut self, on_claim: &mut dyn FnMut(Node<'t>)) -> Step<()> {
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

    /// A block sequence whose first `-` is here, at column `c`; `indentless` where it is a
    /// mapping's value at the mapping's own column. Its items are handed to `item`.
    fn block_seq(
        &mut self,
        c: usize,
        indentless: bool,
        depth: usize,
        item: &mut dyn FnMut(Node<'t>),
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
            item(self.value(c, depth, 0, true)?);
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
                    let span = self.block_seq(col, true, depth + 1, &mut |n| items.push(n))?;
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
                let span = self.block_seq(c, false, depth + 1, &mut |n| items.push(n))?;
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

    /// A scalar in a block, or the key that starts a mapping: `(true, key)` with the
    /// position on the key's `:`; otherwise the scalar, with the position at the next token.
    fn scalar_or_key(&mut self, parent: usize) -> Step<(bool, Node<'t>)> {
        let start = self.pos;
        match self.peek() {
            b'"' | b'\'' => {
                let line = self.line;
                let (value, end) = self.quoted(parent, false)?;
                let span = Span::new(start, end - start);
                let node = Node {
                    kind: NodeKind::Scalar(value),
                    span,
                };
                let after = self.pos;
                self.skip_spaces();
                if self.peek() == b':' && matches!(self.peek_at(1), b' ' | b'\n') {
                    if self.line != line || self.pos - start > MAX_KEY {
                        return Err(GiveUp);
                    }
                    return Ok((true, node));
                }
                self.pos = after;
                self.end_line()?;
                Ok((false, node))
            }
            _ => {
                let (first, stop) = self.plain_line(false)?;
                let end = start + first.len();
                match stop {
                    Stop::Colon => {
                        if self.pos - start > MAX_KEY {
                            return Err(GiveUp);
                        }
                        Ok((
                            true,
                            plain_node(Cow::Borrowed(first), Span::new(start, first.len())),
                        ))
                    }
                    Stop::Comment => {
                        self.skip_to_token();
                        Ok((
                            false,
                            plain_node(Cow::Borrowed(first), Span::new(start, first.len())),
                        ))
                    }
                    Stop::Eol => {
                        let (value, end) = self.plain_more(parent, first, end)?;
                        Ok((false, plain_node(value, Span::new(start, end - start))))
                    }
                    Stop::Flow => Err(GiveUp),
                }
            }
        }
    }

    /// The lines that continue a plain scalar in a block, after its first line (`first`,
    /// ending at `end`, the position at the end of that line). Ends at the next token.
    fn plain_more(
        &mut self,
        parent: usize,
        first: &'t str,
        mut end: usize,
    ) -> Step<(Cow<'t, str>, usize)> {
        let mut value: Option<String> = None;
        loop {
            // Blank lines, then the next line's indentation.
            let mut p = self.pos;
            let mut breaks = 0usize;
            let mut line = self.line;
            loop {
                if p >= self.b.len() {
                    break;
                }
                // At a line break.
                p += 1;
                line = p;
                while self.b.get(p) == Some(&b' ') {
                    p += 1;
                }
                if self.b.get(p) == Some(&b'\n') {
                    breaks += 1;
                    continue;
                }
                break;
            }
            let col = p - line;
            let next = self.b.get(p).copied();
            if next.is_none() || col <= parent || next == Some(b'#') {
                // Not a continuation: what follows is read as the next token.
                self.skip_to_token();
                break;
            }
            if let Some(b) = next
                && is_indicator(b)
            {
                return Err(GiveUp);
            }
            self.pos = p;
            self.line = line;
            let start = p;
            let (more, stop) = self.plain_line(false)?;
            if matches!(stop, Stop::Colon | Stop::Flow) {
                return Err(GiveUp);
            }
            let v = value.get_or_insert_with(|| first.to_owned());
            if breaks == 0 {
                v.push(' ');
            } else {
                v.extend(std::iter::repeat_n('\n', breaks));
            }
            v.push_str(more);
            end = start + more.len();
            if stop == Stop::Comment {
                self.skip_to_token();
                break;
            }
        }
        Ok((value.map_or(Cow::Borrowed(first), Cow::Owned), end))
    }

    /// One line of a plain scalar from here: its text, trailing spaces trimmed, and where
    /// it stopped (the position is there). In a flow collection, it stops at a flow
    /// indicator too.
    fn plain_line(&mut self, flow: bool) -> Step<(&'t str, Stop)> {
        let start = self.pos;
        let first = self.peek();
        if self.at_end() || first == b'\n' || first == b' ' {
            return Err(GiveUp);
        }
        if is_indicator(first) {
            // `-` starts a plain scalar when a character that could follow it does.
            let next = self.peek_at(1);
            if first != b'-' || next == b' ' || next == b'\n' || (flow && is_flow(next)) {
                return Err(GiveUp);
            }
        }
        let mut end = start;
        let b = self.b;
        let mut i = start;
        let stop = loop {
            let Some(&c) = b.get(i) else {
                break Stop::Eol;
            };
            match c {
                b'\n' => break Stop::Eol,
                b' ' => {
                    if b.get(i + 1) == Some(&b'#') {
                        break Stop::Comment;
                    }
                }
                b':' => {
                    let n = b.get(i + 1).copied().unwrap_or(b'\n');
                    if n == b' ' || n == b'\n' || (flow && is_flow(n)) {
                        break Stop::Colon;
                    }
                    end = i + 1;
                }
                b',' | b'[' | b']' | b'{' | b'}' if flow => break Stop::Flow,
                _ => end = i + 1,
            }
            i += 1;
        };
        self.pos = match stop {
            Stop::Comment => i + 1,
            _ => i,
        };
        Ok((self.slice(start, end)?, stop))
    }

    /// A quoted scalar from its opening quote: its value and the end of its span (past
    /// the closing quote, where the position is left). In a block it may run over several
    /// lines, each indented past `parent`; in a flow collection it stays on one.
    fn quoted(&mut self, parent: usize, flow: bool) -> Step<(Cow<'t, str>, usize)> {
        let single = self.peek() == b'\'';
        let quote = self.peek();
        self.pos += 1;
        let start = self.pos;
        // The common case: no escape, no line break.
        let b = self.b;
        let mut i = start;
        while let Some(&c) = b.get(i) {
            if c == quote || c == b'\n' || (!single && c == b'\\') {
                break;
            }
            i += 1;
        }
        if b.get(i) == Some(&quote) && !(single && b.get(i + 1) == Some(&b'\'')) {
            self.pos = i + 1;
            return Ok((Cow::Borrowed(self.slice(start, i)?), i + 1));
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(self.slice(start, i)?);
        self.pos = i;
        // Where the spaces just written start, so that a line break drops them.
        let mut spaces: Option<usize> = None;
        loop {
            let Some(&c) = b.get(self.pos) else {
                return Err(GiveUp);
            };
            match c {
                b'\'' if single => {
                    if b.get(self.pos + 1) == Some(&b'\'') {
                        out.push('\'');
                        spaces = None;
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                        break;
                    }
                }
                b'"' if !single => {
                    self.pos += 1;
                    break;
                }
                b'\\' if !single => {
                    spaces = None;
                    if b.get(self.pos + 1) == Some(&b'\n') {
                        // An escaped line break: the lines join with nothing between.
                        if flow {
                            return Err(GiveUp);
                        }
                        self.pos += 1;
                        self.newline();
                        self.skip_spaces();
                        if self.peek() == b'\n' {
                            return Err(GiveUp);
                        }
                        self.continuation(parent)?;
                    } else {
                        out.push(self.escape()?);
                    }
                }
                b' ' => {
                    spaces.get_or_insert(out.len());
                    out.push(' ');
                    self.pos += 1;
                }
                b'\n' => {
                    if flow {
                        return Err(GiveUp);
                    }
                    if let Some(s) = spaces.take() {
                        out.truncate(s);
                    }
                    self.newline();
                    self.skip_spaces();
                    let mut breaks = 0;
                    while self.peek() == b'\n' && !self.at_end() {
                        breaks += 1;
                        self.newline();
                        self.skip_spaces();
                    }
                    self.continuation(parent)?;
                    if breaks == 0 {
                        out.push(' ');
                    } else {
                        out.extend(std::iter::repeat_n('\n', breaks));
                    }
                }
                _ => {
                    spaces = None;
                    // Up to the next character that needs a look.
                    let from = self.pos;
                    let mut j = from + 1;
                    while let Some(&c) = b.get(j) {
                        if c == b' ' || c == b'\n' || c == quote || (!single && c == b'\\') {
                            break;
                        }
                        j += 1;
                    }
                    out.push_str(self.slice(from, j)?);
                    self.pos = j;
                }
            }
        }
        Ok((Cow::Owned(out), self.pos))
    }

    /// A continuation line of a quoted scalar must be indented past its collection.
    fn continuation(&self, parent: usize) -> Step<()> {
        if self.at_end() || self.col() <= parent {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// A double-quoted scalar's escape, from its `\`.
    fn escape(&mut self) -> Step<char> {
        let e = self.peek_at(1);
        self.pos += 2;
        let c = match e {
            b'0' => '\0',
            b'a' => '\x07',
            b'b' => '\x08',
            b't' => '\t',
            b'n' => '\n',
            b'v' => '\x0b',
            b'f' => '\x0c',
            b'r' => '\r',
            b'e' => '\x1b',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{a0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            b'x' => self.hex(2)?,
            b'u' => self.hex(4)?,
            b'U' => self.hex(8)?,
            _ => return Err(GiveUp),
        };
        Ok(c)
    }

    /// `n` hex digits as a character; a surrogate gives up.
    fn hex(&mut self, n: usize) -> Step<char> {
        let digits = self.b.get(self.pos..self.pos + n).ok_or(GiveUp)?;
        let mut v = 0u32;
        for &d in digits {
            v = (v << 4) | char::from(d).to_digit(16).ok_or(GiveUp)?;
        }
        self.pos += n;
        char::from_u32(v).ok_or(GiveUp)
    }

    /// A literal (`|`) or folded (`>`) block scalar, from its indicator, in a collection
    /// at column `parent`, as the parser reads it. Ends where the parser ends it: at the
    /// first less indented line that is not blank, after its spaces.
    fn block_scalar(&mut self, parent: usize) -> Step<Node<'t>> {
        let literal = self.peek() == b'|';
        self.pos += 1;
        #[derive(PartialEq)]
        enum Chomp {
            Clip,
            Strip,
            Keep,
        }
        let chomp = match self.peek() {
            b'-' => Chomp::Strip,
            b'+' => Chomp::Keep,
            _ => Chomp::Clip,
        };
        if chomp != Chomp::Clip {
            self.pos += 1;
        }
        let before = self.pos;
        self.skip_spaces();
        if self.peek() == b'#' && self.pos > before {
            self.skip_comment();
        }
        if self.at_end() || self.peek() != b'\n' {
            return Err(GiveUp);
        }
        self.newline();
        // Leading blank lines, and the indentation of the first line that is not.
        let b = self.b;
        let mut max = 0;
        let mut breaks = 0usize;
        loop {
            self.skip_spaces();
            max = max.max(self.col());
            if self.at_end() {
                return Err(GiveUp);
            }
            if self.peek() == b'\n' {
                breaks += 1;
                self.newline();
                continue;
            }
            break;
        }
        let indent = max.max(parent + 1);
        if self.col() != indent {
            return Err(GiveUp);
        }
        let start = self.pos;
        let mut out = String::new();
        let (mut leading_break, mut leading_blank) = (false, false);
        loop {
            let trailing_blank = self.peek() == b' ';
            if !literal && leading_break && !leading_blank && !trailing_blank {
                if breaks == 0 {
                    out.push(' ');
                } else {
                    out.extend(std::iter::repeat_n('\n', breaks));
                }
            } else {
                if leading_break {
                    out.push('\n');
                }
                out.extend(std::iter::repeat_n('\n', breaks));
            }
            breaks = 0;
            leading_blank = trailing_blank;
            let from = self.pos;
            while self.pos < b.len() && b[self.pos] != b'\n' {
                self.pos += 1;
            }
            out.push_str(self.slice(from, self.pos)?);
            if self.at_end() {
                // A last line without a line break.
                return Err(GiveUp);
            }
            self.newline();
            leading_break = true;
            // The next line's indentation, and blank lines.
            loop {
                while self.col() < indent && self.peek() == b' ' && !self.at_end() {
                    self.pos += 1;
                }
                if self.peek() == b'\n' && !self.at_end() {
                    breaks += 1;
                    self.newline();
                    continue;
                }
                break;
            }
            if self.at_end() || self.col() != indent {
                break;
            }
        }
        let end = self.pos;
        if chomp != Chomp::Strip {
            out.push('\n');
        }
        if chomp == Chomp::Keep {
            out.extend(std::iter::repeat_n('\n', breaks));
        }
        Ok(Node {
            kind: NodeKind::Scalar(Cow::Owned(out)),
            span: Span::new(start, end - start),
        })
    }

    /// A block mapping at column `c` whose first key is read (the position on its `:`).
    fn block_map(&mut self, c: usize, depth: usize, first: Node<'t>) -> Step<Node<'t>> {
        let span = Span::new(first.span.start, 0);
        let mut entries: Vec<(Node<'t>, Node<'t>)> = Vec::with_capacity(8);
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

    /// Spaces, line breaks and comments inside a flow collection, each new line indented
    /// past the block collection at column `parent`.
    fn flow_space(&mut self, parent: usize) -> Step<()> {
        loop {
            let before = self.pos;
            self.skip_spaces();
            match self.peek() {
                b'#' if self.pos > before || self.pos == self.line => self.skip_comment(),
                b'\n' if !self.at_end() => {
                    self.newline();
                    self.skip_spaces();
                    if self.peek() != b'\n' && self.col() <= parent {
                        return Err(GiveUp);
                    }
                    self.pos = self.line;
                }
                _ => return Ok(()),
            }
        }
    }

    /// A flow collection from its bracket.
    fn flow(&mut self, parent: usize, depth: usize) -> Step<Node<'t>> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        if self.peek() == b'[' {
            let mut items = Vec::new();
            let span = self.flow_seq(parent, depth + 1, &mut |n| items.push(n))?;
            return Ok(Node {
                kind: NodeKind::Seq(items),
                span,
            });
        }
        let span = Span::new(self.pos, 0);
        self.pos += 1;
        let mut entries: Vec<(Node<'t>, Node<'t>)> = Vec::new();
        loop {
            self.flow_space(parent)?;
            if self.peek() == b'}' {
                self.pos += 1;
                break;
            }
            let key = match self.peek() {
                b'"' | b'\'' => {
                    let start = self.pos;
                    let (v, end) = self.quoted(parent, true)?;
                    self.skip_spaces();
                    if self.peek() != b':' || self.pos - start > MAX_KEY {
                        return Err(GiveUp);
                    }
                    Node {
                        kind: NodeKind::Scalar(v),
                        span: Span::new(start, end - start),
                    }
                }
                _ => {
                    let start = self.pos;
                    let (k, Stop::Colon) = self.plain_line(true)? else {
                        return Err(GiveUp);
                    };
                    if self.pos - start > MAX_KEY {
                        return Err(GiveUp);
                    }
                    plain_node(Cow::Borrowed(k), Span::new(start, k.len()))
                }
            };
            if !matches!(self.peek_at(1), b' ' | b'\n') {
                return Err(GiveUp);
            }
            check_key(&entries, &key)?;
            self.pos += 1;
            self.flow_space(parent)?;
            let value = self.flow_node(parent, depth + 1)?;
            entries.push((key, value));
            self.flow_space(parent)?;
            match self.peek() {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(GiveUp),
            }
        }
        Ok(Node {
            kind: NodeKind::Map(entries),
            span,
        })
    }

    /// A flow sequence from its `[`, each item handed to `item`.
    fn flow_seq(
        &mut self,
        parent: usize,
        depth: usize,
        item: &mut dyn FnMut(Node<'t>),
    ) -> Step<Span> {
        let span = Span::new(self.pos, 0);
        self.pos += 1;
        loop {
            self.flow_space(parent)?;
            if self.peek() == b']' {
                self.pos += 1;
                break;
            }
            item(self.flow_node(parent, depth)?);
            self.flow_space(parent)?;
            match self.peek() {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(GiveUp),
            }
        }
        Ok(span)
    }

    /// A node inside a flow collection: a nested collection or a scalar on one line.
    fn flow_node(&mut self, parent: usize, depth: usize) -> Step<Node<'t>> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        let start = self.pos;
        match self.peek() {
            b'[' | b'{' => self.flow(parent, depth),
            b'"' | b'\'' => {
                let (v, end) = self.quoted(parent, true)?;
                Ok(Node {
                    kind: NodeKind::Scalar(v),
                    span: Span::new(start, end - start),
                })
            }
            _ => {
                let (v, Stop::Flow) = self.plain_line(true)? else {
                    return Err(GiveUp);
                };
                Ok(plain_node(Cow::Borrowed(v), Span::new(start, v.len())))
            }
        }
    }
}

/// A key the event reader takes: a scalar, not a merge key, not seen before in its
/// mapping, and not one too many.
fn check_key(entries: &[(Node<'_>, Node<'_>)], key: &Node<'_>) -> Step<()> {
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

/// A plain scalar as the generic path reads it (see `events::scalar`).
fn plain_node(value: Cow<'_, str>, span: Span) -> Node<'_> {
    let kind = if matches!(&*value, "" | "~" | "null" | "Null" | "NULL") {
        NodeKind::Null
    } else {
        NodeKind::Scalar(value)
    };
    Node { kind, span }
}

/// A character that cannot start a plain scalar (`-` can, before some characters).
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

fn is_flow(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

//! Plain scalars: one line of one, the lines that continue it in a block, a plain or
//! quoted scalar in a block that may be the key of a mapping, and the characters that
//! cannot start one.

use super::{GiveUp, MAX_KEY, Node, NodeKind, Scanner, Span, Step, Stop};
use std::borrow::Cow;

impl<'t> Scanner<'t> {
    /// A scalar in a block, or the key that starts a mapping: `(true, key)` with the
    /// position on the key's `:`; otherwise the scalar, with the position at the next token.
    pub(super) fn scalar_or_key(&mut self, parent: usize) -> Step<(bool, Node<'t>)> {
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
    pub(super) fn plain_more(
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
    pub(super) fn plain_line(&mut self, flow: bool) -> Step<(&'t str, Stop)> {
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
        let b = self.b;
        let mut i = start;
        let stop = loop {
            // A run of bytes that only continue the scalar, as most are, passed over at
            // once; then the byte that may stop it.
            i += b
                .get(i..)
                .unwrap_or_default()
                .iter()
                .position(|&c| MAY_STOP[usize::from(c)])
                .unwrap_or(b.len().saturating_sub(i));
            let Some(&c) = b.get(i) else {
                break Stop::Eol;
            };
            match c {
                b'\n' => break Stop::Eol,
                // A comment starts at a `#` after a space (the scalar's first byte is no
                // `#`: that is an indicator).
                b'#' if i > start && b.get(i - 1) == Some(&b' ') => break Stop::Comment,
                b':' => {
                    let n = b.get(i + 1).copied().unwrap_or(b'\n');
                    if n == b' ' || n == b'\n' || (flow && is_flow(n)) {
                        break Stop::Colon;
                    }
                }
                b',' | b'[' | b']' | b'{' | b'}' if flow => break Stop::Flow,
                _ => {}
            }
            i += 1;
        };
        self.pos = i;
        // The text, without the spaces before where it stopped.
        let text = self.slice(start, i)?;
        Ok((text.trim_end_matches(' '), stop))
    }
}

/// A plain scalar as the generic path reads it (see `events::scalar`).
pub(super) fn plain_node(value: Cow<'_, str>, span: Span) -> Node<'_> {
    let kind = if matches!(&*value, "" | "~" | "null" | "Null" | "NULL") {
        NodeKind::Null
    } else {
        NodeKind::Scalar(value)
    };
    Node { kind, span }
}

/// The bytes that may end a line of a plain scalar: a line break, a colon, a `#` and the
/// flow indicators (which end it only in a flow collection). Any other byte continues it.
const MAY_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let stops = b"\n:#,[]{}";
    while k < stops.len() {
        t[stops[k] as usize] = true;
        k += 1;
    }
    t
};

/// A character that cannot start a plain scalar (`-` can, before some characters).
pub(super) fn is_indicator(b: u8) -> bool {
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

pub(super) fn is_flow(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

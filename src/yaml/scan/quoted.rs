//! Single- and double-quoted scalars: on one line or, in a block, several; a double
//! quote's escapes.

use super::{GiveUp, Scanner, Step};
use std::borrow::Cow;

impl<'t> Scanner<'t> {
    /// A quoted scalar from its opening quote: its value and the end of its span (past
    /// the closing quote, where the position is left). In a block it may run over several
    /// lines, each indented past `parent`; in a flow collection it stays on one.
    pub(super) fn quoted(&mut self, parent: usize, flow: bool) -> Step<(Cow<'t, str>, usize)> {
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
        // Where the spaces just written start, so that a line break drops them: those
        // that end the first stretch too.
        let kept = out.trim_end_matches(' ').len();
        let mut spaces: Option<usize> = (kept < out.len()).then_some(kept);
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
    pub(super) fn continuation(&self, parent: usize) -> Step<()> {
        if self.at_end() || self.col() <= parent {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// A double-quoted scalar's escape, from its `\`.
    pub(super) fn escape(&mut self) -> Step<char> {
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
    pub(super) fn hex(&mut self, n: usize) -> Step<char> {
        let digits = self.b.get(self.pos..self.pos + n).ok_or(GiveUp)?;
        let mut v = 0u32;
        for &d in digits {
            v = (v << 4) | char::from(d).to_digit(16).ok_or(GiveUp)?;
        }
        self.pos += n;
        char::from_u32(v).ok_or(GiveUp)
    }
}

//! The scanner's cursor: peeking at bytes, stepping over spaces, comments and line
//! breaks, the column of a token.

use super::{GiveUp, Scanner, Step};

impl<'t> Scanner<'t> {
    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    pub(super) fn peek(&self) -> u8 {
        self.b.get(self.pos).copied().unwrap_or(b'\n')
    }

    pub(super) fn peek_at(&self, i: usize) -> u8 {
        self.b.get(self.pos + i).copied().unwrap_or(b'\n')
    }

    /// The column of the position, in bytes: only ever asked at a token that spaces and
    /// ASCII indicators precede on its line, where bytes are characters.
    pub(super) fn col(&self) -> usize {
        self.pos - self.line
    }

    pub(super) fn slice(&self, from: usize, to: usize) -> Step<&'t str> {
        self.text.get(from..to).ok_or(GiveUp)
    }

    pub(super) fn skip_spaces(&mut self) {
        while self.b.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    /// Skips a comment, to the end of its line.
    pub(super) fn skip_comment(&mut self) {
        while self.pos < self.b.len() && self.b[self.pos] != b'\n' {
            self.pos += 1;
        }
    }

    /// Steps over a line break.
    pub(super) fn newline(&mut self) {
        self.pos += 1;
        self.line = self.pos;
    }

    /// Skips spaces, comments and line breaks up to the next token (or the end). Called
    /// where a `#` can only start a comment: at a line's start or after a space.
    pub(super) fn skip_to_token(&mut self) {
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
    pub(super) fn end_line(&mut self) -> Step<()> {
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
    pub(super) fn at_entry(&self) -> bool {
        self.peek() == b'-' && matches!(self.peek_at(1), b' ' | b'\n')
    }
}

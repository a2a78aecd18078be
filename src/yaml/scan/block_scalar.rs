//! Literal (`|`) and folded (`>`) block scalars, with their chomping indicator.

use super::{GiveUp, Node, NodeKind, Scanner, Span, Step};
use std::borrow::Cow;

impl<'t> Scanner<'t> {
    /// A literal (`|`) or folded (`>`) block scalar, from its indicator, in a collection
    /// at column `parent`, as the parser reads it. Ends where the parser ends it: at the
    /// first less indented line that is not blank, after its spaces.
    pub(super) fn block_scalar(&mut self, parent: usize) -> Step<Node<'t>> {
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
}

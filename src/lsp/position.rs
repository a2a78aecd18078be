//! Byte offsets of a text and the protocol's positions: a line, and a column in UTF-16
//! code units (the encoding every client supports).
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`, as the protocol says. A position past the
//! end of its line stands for the end of the line, one past the last line for the end of
//! the text, and one inside a character (the middle of a surrogate pair) for its start:
//! a client's mistake never leads to a slice off a character boundary.

use crate::source::Span;
use lsp_types::{Position, Range};

/// Where each line of a text starts.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The lines of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// How many lines the text has.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the text has no line at all (never: an empty text has one empty line).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The bytes of line `line` (0-based) without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let Some(&start) = self.starts.get(line) else {
            return Span::new(text.len(), 0);
        };
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        if end > start && b.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && b.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end - start)
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The position of a byte offset (clamped to the text, and to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let line_span = self.line_span(text, line);
        let upto = offset.min(line_span.end());
        let start = line_span.start.min(upto);
        let col: usize = text
            .get(start..upto)
            .map_or(0, |s| s.chars().map(char::len_utf16).sum());
        Position::new(to_u32(line), to_u32(col))
    }

    /// The byte offset of a position, clamped as the module says.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        let want = pos.character as usize;
        let mut units = 0usize;
        for (i, c) in text[span.start..span.end()].char_indices() {
            let next = units + c.len_utf16();
            if next > want {
                return span.start + i;
            }
            units = next;
        }
        span.end()
    }

    /// The range of a span.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end()),
        )
    }

    /// The span of a range (its ends clamped, and put in order if they were not).
    pub fn span(&self, text: &str, range: Range) -> Span {
        let a = self.offset(text, range.start);
        let b = self.offset(text, range.end);
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        Span::new(a, b - a)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        // ₸ is one unit, the emoji two (a surrogate pair), “ one.
        let text = "a: ₸😀“x”\nb";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(idx.position(text, x), Position::new(0, 7));
        assert_eq!(idx.offset(text, Position::new(0, 7)), x);
        let b = text.find('b').unwrap_or(0);
        assert_eq!(idx.position(text, b), Position::new(1, 0));
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\r\ncd\re";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 3);
        assert_eq!(
            idx.offset(text, Position::new(0, 99)),
            2,
            "end of line, before \\r\\n"
        );
        assert_eq!(idx.offset(text, Position::new(1, 1)), 5);
        assert_eq!(
            idx.offset(text, Position::new(2, 0)),
            7,
            "a lone \\r ends a line"
        );
        assert_eq!(idx.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(idx.position(text, 999), Position::new(2, 1));
    }

    #[test]
    fn the_middle_of_a_surrogate_pair_is_its_start() {
        let text = "😀z";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, Position::new(0, 1)), 0);
        assert_eq!(idx.offset(text, Position::new(0, 2)), 4);
        // A byte offset inside a character is moved to its start.
        assert_eq!(idx.position(text, 2), Position::new(0, 0));
    }

    #[test]
    fn reversed_ranges_are_put_in_order() {
        let text = "abcdef";
        let idx = LineIndex::new(text);
        let s = idx.span(text, Range::new(Position::new(0, 4), Position::new(0, 1)));
        assert_eq!(s, Span::new(1, 3));
    }
}

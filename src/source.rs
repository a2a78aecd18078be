//! Source files and byte spans: what every label of a finding points into.

use std::sync::Arc;

/// A byte range in one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Length in bytes.
    pub len: usize,
}

impl Span {
    /// A span from `start` of `len` bytes.
    pub const fn new(start: usize, len: usize) -> Self {
        Self { start, len }
    }

    /// The byte offset just past the span.
    pub const fn end(&self) -> usize {
        self.start + self.len
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len).into()
    }
}

/// The longest line a report draws. miette lays out the labels of a line with format
/// widths, which cannot pass 65,535 columns (it panics), and draws a whole line under
/// every finding on it: a minified file would be drawn once per finding. A finding on a
/// longer line is written with its place instead (`SourceFile::place_not_drawn`).
pub const LONGEST_DRAWN_LINE: usize = 10_000;

/// A named source text: a claims file, a rules file, an article.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given or found, shown in every output.
    pub name: String,
    /// The text, without a leading byte-order mark (borrowed for the compiled-in rules).
    pub text: std::borrow::Cow<'static, str>,
    /// Byte offsets where each line starts.
    line_starts: std::borrow::Cow<'static, [usize]>,
    /// Whether the text has a carriage return not followed by a line feed (a line break
    /// to miette, not to `line_starts`): found on the first snippet drawn.
    lone_cr: std::sync::OnceLock<bool>,
}

impl SourceFile {
    /// A source from its name and text; a leading BOM is dropped.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let line_starts = line_starts(&text).into();
        Arc::new(Self {
            name: name.into(),
            text: std::borrow::Cow::Owned(text),
            line_starts,
            lone_cr: std::sync::OnceLock::new(),
        })
    }

    /// A source of a text compiled into the program (without a byte-order mark), with its
    /// line starts found at build time: neither is copied or counted at run time.
    pub fn compiled_in(
        name: impl Into<String>,
        text: &'static str,
        line_starts: &'static [usize],
    ) -> Arc<Self> {
        Arc::new(Self {
            name: name.into(),
            text: std::borrow::Cow::Borrowed(text),
            line_starts: std::borrow::Cow::Borrowed(line_starts),
            lone_cr: std::sync::OnceLock::new(),
        })
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line(offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, col + 1)
    }

    /// The 1-based line of a byte offset (clamped to the text): [`SourceFile::line_col`]
    /// without counting the column's characters.
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The byte offset of a 1-based line and column (in characters), clamped to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices()
            .take_while(|&(_, c)| c != '\n')
            .nth(col.saturating_sub(1))
            .map_or_else(
                || start + rest.find('\n').unwrap_or(rest.len()),
                |(i, _)| start + i,
            )
    }

    /// Whether a report can draw the lines of `span` (with the line before and after):
    /// none is longer than [`LONGEST_DRAWN_LINE`] bytes.
    pub fn drawable(&self, span: Span) -> bool {
        let first = self.line(span.start).saturating_sub(1).max(1);
        let last = self.line(span.end()).saturating_add(1);
        (first..=last).all(|line| self.line_len(line) <= LONGEST_DRAWN_LINE)
    }

    /// The length in bytes of a 1-based line, without its line break (0 past the end).
    fn line_len(&self, line: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return 0;
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        let text = self.text.get(start..end).unwrap_or("");
        text.strip_suffix('\r').unwrap_or(text).len()
    }

    /// Where a span starts, as `NAME:LINE:COL`, for a finding not drawn: said with why.
    pub fn place_not_drawn(&self, span: Span) -> String {
        let (line, col) = self.line_col(span.start);
        let longest = crate::wording::count(LONGEST_DRAWN_LINE);
        format!(
            "at {}:{line}:{col} (not drawn: a line there is longer than {longest} bytes)",
            self.name
        )
    }

    /// The text a span covers, or "" where the span does not fall on the text.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end()).unwrap_or("")
    }
}

/// miette reads a snippet by counting lines from the start of the text, so a file's
/// snippets together took time in the product of its size and its findings (4.3 s for the
/// human report of 10,000 claims). It is given the text from a line start a few lines
/// before the span instead, found by the line starts, and its answer is moved back by the
/// lines and bytes cut: the same snippet, line, column and count, in time of the snippet.
/// A text with a carriage return alone (a line break to miette, not to the line starts)
/// is read whole, as before.
impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        // miette slices out of bounds (and panics) for a span that starts past the end.
        if span.offset() > self.text.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let lone_cr = *self.lone_cr.get_or_init(|| has_lone_cr(&self.text));
        let (skipped_lines, from) = if lone_cr {
            (0, 0)
        } else {
            // miette looks one byte back from an empty span: the window holds that byte.
            let anchor = span.offset().saturating_sub(usize::from(span.is_empty()));
            let line = (self.line(anchor) - 1).saturating_sub(context_lines_before);
            (line, self.line_starts.get(line).copied().unwrap_or(0))
        };
        let window = self.text.get(from..).unwrap_or("");
        let inner = window.read_span(
            &(span.offset() - from, span.len()).into(),
            context_lines_before,
            context_lines_after,
        )?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            (inner.span().offset() + from, inner.span().len()).into(),
            inner.line() + skipped_lines,
            inner.column(),
            inner.line_count() + skipped_lines,
        )))
    }
}

/// Whether `text` has a `\r` that does not start a `\r\n`.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut lone = false;
    each_position(bytes, b'\r', |i| {
        lone = bytes.get(i + 1) != Some(&b'\n');
        !lone
    });
    lone
}

/// Calls `found` with each position of `byte` in `bytes`, in order, while it returns
/// true. The search is memchr's vector one where the target always has it (SSE2 on
/// x86-64, NEON on AArch64: chosen when compiled), else its portable one (eight bytes at a
/// time); never the one that asks the processor what it can do on its first call, which
/// is slow inside a virtual machine and costs a small file more than it saves
/// (`docs/PERFORMANCE.md`).
fn each_position(bytes: &[u8], byte: u8, mut found: impl FnMut(usize) -> bool) {
    #[cfg(target_arch = "x86_64")]
    if let Some(one) = memchr::arch::x86_64::sse2::memchr::One::new(byte) {
        one.iter(bytes).all(&mut found);
        return;
    }
    #[cfg(target_arch = "aarch64")]
    if let Some(one) = memchr::arch::aarch64::neon::memchr::One::new(byte) {
        one.iter(bytes).all(&mut found);
        return;
    }
    memchr::arch::all::memchr::One::new(byte)
        .iter(bytes)
        .all(found);
}

/// The first position of `byte` in `bytes`, searched as [`each_position`] searches.
pub(crate) fn first_byte(bytes: &[u8], byte: u8) -> Option<usize> {
    let mut first = None;
    each_position(bytes, byte, |i| {
        first = Some(i);
        false
    });
    first
}

/// The first position from `from` whose byte `passed` does not pass, or the end: sixteen
/// bytes at a time, where the compiler compares them side by side, then up to the first
/// other one. For the searches that pass over plain ASCII (the scanner's check of a claims
/// file, a report's search for characters to escape).
pub(crate) fn first_not(bytes: &[u8], mut from: usize, passed: impl Fn(&u8) -> bool) -> usize {
    while let Some(chunk) = bytes.get(from..from + 16) {
        if chunk.iter().fold(true, |clean, b| clean & passed(b)) {
            from += 16;
            continue;
        }
        return from + chunk.iter().take_while(|b| passed(b)).count();
    }
    let rest = bytes.get(from..).unwrap_or_default();
    from + rest.iter().take_while(|b| passed(b)).count()
}

/// The byte offsets where the lines of `text` start.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    each_position(text.as_bytes(), b'\n', |i| {
        starts.push(i + 1);
        true
    });
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::SourceCode;
    use proptest::prelude::*;

    /// A snippet as miette reads it: its bytes, span, line, column and count of lines.
    type Snippet = (Vec<u8>, (usize, usize), usize, usize, usize);

    /// What miette reads of `text` for a span, with its context: from the source, and
    /// from the text itself as miette reads any string.
    fn snippets(
        text: &str,
        span: (usize, usize),
        before: usize,
        after: usize,
    ) -> [Option<Snippet>; 2] {
        let source = SourceFile::new("f", text);
        let span: miette::SourceSpan = span.into();
        let fields = |c: Box<dyn miette::SpanContents<'_> + '_>| {
            let at = (c.span().offset(), c.span().len());
            (c.data().to_vec(), at, c.line(), c.column(), c.line_count())
        };
        [
            source.read_span(&span, before, after).ok().map(fields),
            text.read_span(&span, before, after).ok().map(fields),
        ]
    }

    proptest! {
        /// The first of a byte is the one a byte-by-byte search finds, wherever it lies
        /// in a vector search's blocks, and none where the bytes lack it.
        #[test]
        fn first_byte_is_the_first_found_one_byte_at_a_time(
            bytes in proptest::collection::vec(prop_oneof![Just(b'a'), Just(0u8), Just(b'\r')], 0..100),
        ) {
            for b in [0u8, b'\r', b'\n'] {
                prop_assert_eq!(first_byte(&bytes, b), bytes.iter().position(|&c| c == b));
            }
        }

        /// The line starts are after every line break, found one byte at a time, on text
        /// with breaks at any offset.
        #[test]
        fn line_starts_are_after_every_line_break(
            pieces in proptest::collection::vec(
                prop_oneof![Just("a"), Just("abcdefghijklmnopq"), Just("é"), Just("\n"), Just("\r\n")],
                0..80,
            ),
        ) {
            let text: String = pieces.concat();
            let mut expected = vec![0];
            expected.extend(text.bytes().enumerate().filter(|&(_, c)| c == b'\n').map(|(i, _)| i + 1));
            prop_assert_eq!(line_starts(&text), expected);
        }

        /// A snippet read from a window of the text is the one miette reads from the
        /// whole text: the same bytes, span, line, column and count, or the same refusal.
        #[test]
        fn snippet_is_the_one_miette_reads_from_the_whole_text(
            pieces in proptest::collection::vec(
                prop_oneof![Just("ab"), Just("é"), Just(" "), Just("\n"), Just("\r\n"), Just("\n\n")],
                0..60,
            ),
            lone_cr in proptest::option::of(0usize..60),
            start in 0usize..130,
            len in 0usize..40,
            before in 0usize..4,
            after in 0usize..4,
        ) {
            let mut pieces = pieces;
            if let Some(at) = lone_cr {
                pieces.insert(at.min(pieces.len()), "\r");
            }
            let text: String = pieces.concat();
            if start > text.len() {
                // miette itself slices out of bounds there (and panics); the source refuses.
                let source = SourceFile::new("f", text.as_str());
                prop_assert!(source.read_span(&(start, len).into(), before, after).is_err());
                return Ok(());
            }
            let [ours, miettes] = snippets(&text, (start, len), before, after);
            prop_assert_eq!(ours, miettes);
        }
    }

    #[test]
    fn empty_span_at_a_line_start_reads_as_miette_reads_it() {
        // miette stops one byte before an empty span: here on the line before it.
        let text = "abab ab \n\nab";
        let [ours, miettes] = snippets(text, (9, 0), 0, 0);
        assert_eq!(ours, miettes);
        assert_eq!(ours.map(|s| s.0), Some(Vec::new()));
    }

    #[test]
    fn an_empty_span_just_past_the_end_is_refused_not_sliced() {
        // miette reads it as the slice 4..3 of "abc", and panics.
        let source = SourceFile::new("f", "abc");
        assert!(source.read_span(&(4, 0).into(), 0, 0).is_err());
    }

    #[test]
    fn snippet_far_into_a_long_text_counts_every_line_before_it() {
        let text = "x: 1\r\n".repeat(5000) + "y: 2\n";
        let at = text.len() - 5;
        let [ours, miettes] = snippets(&text, (at, 1), 2, 1);
        assert_eq!(ours.as_ref().map(|s| s.2), Some(4998));
        assert_eq!(ours, miettes);
    }

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("a", "ab\ncé d\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let d = f.text.find('d').unwrap_or(0);
        assert_eq!(f.line_col(d), (2, 4));
        assert_eq!(f.offset_of(2, 4), d);
    }

    #[test]
    fn a_span_is_drawn_unless_a_line_by_it_is_too_long() {
        let long = "x".repeat(LONGEST_DRAWN_LINE + 1);
        let text = format!("a: 1\r\nb: 2\n{long}\nc: 3\nd: 4\ne: 5");
        let f = SourceFile::new("f", text.clone());
        let at = |s: &str| Span::new(text.find(s).unwrap_or(usize::MAX), s.len());
        assert!(f.drawable(at("a: 1")));
        assert!(!f.drawable(at("b: 2")), "the next line is too long");
        assert!(!f.drawable(at("xx")));
        assert!(!f.drawable(at("c: 3")), "the line before is too long");
        assert!(f.drawable(at("d: 4")));
        assert!(
            f.drawable(at("e: 5")),
            "the last line, without a line break"
        );
        // A line of exactly the longest length, its CR not counted, is drawn.
        let f = SourceFile::new("g", "y".repeat(LONGEST_DRAWN_LINE) + "\r\nz");
        assert!(f.drawable(Span::new(3, 1)));
        assert_eq!(
            f.place_not_drawn(Span::new(3, 1)),
            "at g:1:4 (not drawn: a line there is longer than 10,000 bytes)"
        );
    }

    #[test]
    fn bom_is_dropped() {
        let f = SourceFile::new("a", "\u{feff}x: 1");
        assert_eq!(f.text, "x: 1");
    }
}

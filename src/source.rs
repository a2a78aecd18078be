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

/// A named source text: a claims file, a rules file, an article.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as given or found, shown in every output.
    pub name: String,
    /// The text, without a leading byte-order mark (borrowed for the compiled-in rules).
    pub text: std::borrow::Cow<'static, str>,
    /// Byte offsets where each line starts.
    line_starts: std::borrow::Cow<'static, [usize]>,
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

    /// The text a span covers, or "" where the span does not fall on the text.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end()).unwrap_or("")
    }
}

impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// The byte offsets where the lines of `text` start.
///
/// The search is memchr's portable one (eight bytes at a time): its vector searches ask
/// the processor what it can do on their first call, which is slow inside a virtual
/// machine and costs a small file more than it saves (`docs/PERFORMANCE.md`).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    let newline = memchr::arch::all::memchr::One::new(b'\n');
    starts.extend(newline.iter(text.as_bytes()).map(|i| i + 1));
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn bom_is_dropped() {
        let f = SourceFile::new("a", "\u{feff}x: 1");
        assert_eq!(f.text, "x: 1");
    }
}

//! Help for the slips behind most `yaml/syntax` findings: a colon or a leading quote
//! inside a sentence pasted as a plain value, a tab, a key out of line. A recognised slip
//! gets a message that says what went wrong in the editor's words (not the parser's
//! "mapping values are not allowed in this context"), the spot, and the fix.

use crate::source::Span;

/// What to add to a `yaml/syntax` finding: where to point, the label there, and a help
/// line with the fix.
#[derive(Debug, PartialEq)]
pub struct Slip {
    /// What went wrong, in the editor's words.
    pub message: String,
    /// The spot of the slip (may differ from the parser's position).
    pub span: Span,
    /// The label on that spot.
    pub label: &'static str,
    /// The fix.
    pub help: String,
}

/// The slip behind the parser's `message` at byte `at` of `text`, where one is recognised.
pub fn recognise(text: &str, at: usize, message: &str) -> Option<Slip> {
    let at = at.min(text.len());
    if message.contains("tab") {
        return tab(text, at);
    }
    let line = Line::at(text, at);
    if message.contains("trailing content after") && message.contains("quoted scalar") {
        let (key, value) = line.key_value()?;
        return Some(Slip {
            message: format!(
                "the value of `{key}` begins with a quote mark, so YAML ends it at the matching one and cannot read the rest of the line"
            ),
            span: Span::new(line.start + line.text.len() - value.len(), 1),
            label: "the quote mark that starts the value",
            help: format!(
                "quote the whole sentence, `{key}: {}`, or write it on the next line after \
                 `{key}: >-`",
                single_quoted(value)
            ),
        });
    }
    if message.contains("mapping values are not allowed") {
        if let Some((key, value)) = line.key_value()
            && at >= line.start + line.text.len() - value.len()
            && !value.starts_with(['"', '\''])
        {
            return Some(Slip {
                message: format!(
                    "the value of `{key}` holds a colon and a space, which YAML reads as the start of a new key"
                ),
                span: Span::new(at, 1),
                label: "a colon and a space inside the value",
                help: format!(
                    "quote the whole value, `{key}: {}`, or write it on the next line after \
                     `{key}: >-`",
                    single_quoted(value)
                ),
            });
        }
        return misaligned(text, &line);
    }
    if message.contains("did not find expected") {
        return misaligned(text, &line);
    }
    None
}

/// A tab in the indentation of the line at `at` or of the lines after it.
fn tab(text: &str, at: usize) -> Option<Slip> {
    let mut start = Line::at(text, at).start;
    for _ in 0..3 {
        let line = Line::at(text, start);
        let indent = line.text.len() - line.text.trim_start_matches([' ', '\t']).len();
        if let Some(i) = line.text[..indent].find('\t') {
            return Some(Slip {
                message: "a tab indents this line, and YAML indents with spaces only".to_owned(),
                span: Span::new(line.start + i, 1),
                label: "a tab",
                help: "replace the tab with spaces, lined up with the keys above".to_owned(),
            });
        }
        start = line.start + line.text.len() + 1;
        if start >= text.len() {
            break;
        }
    }
    None
}

/// A key whose indentation differs from the keys of the claim above it.
fn misaligned(text: &str, line: &Line<'_>) -> Option<Slip> {
    let indent = line.indent();
    let (key, _) = line.key_value()?;
    let above = line.previous_content(text)?;
    // The keys of a claim line up under the first one, after its `- `.
    let expected = above.indent()
        + if above.text.trim_start().starts_with("- ") {
            2
        } else {
            0
        };
    if expected == indent {
        return None;
    }
    let key = key.trim_start_matches("- ");
    let spaces = |n: usize| format!("{n} space{}", if n == 1 { "" } else { "s" });
    Some(Slip {
        message: format!(
            "`{key}` is indented by {}, but the key above it by {}, so YAML cannot tell which claim it belongs to",
            spaces(indent),
            spaces(expected)
        ),
        span: Span::new(line.start + indent, key.len().max(1)),
        label: "out of line",
        help: format!(
            "indent `{key}` by {} to line it up with the keys above",
            spaces(expected)
        ),
    })
}

/// `value` in single quotes, each `'` inside doubled.
fn single_quoted(value: &str) -> String {
    format!("'{}'", value.trim_end().replace('\'', "''"))
}

/// One line of the file.
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    /// The line that holds byte `at`.
    fn at(text: &'a str, at: usize) -> Line<'a> {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        Line {
            start,
            text: text[start..end].trim_end_matches('\r'),
        }
    }

    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    /// `key: value` (the key with its `- ` if it opens a list item), or `key:` alone.
    fn key_value(&self) -> Option<(&'a str, &'a str)> {
        let body = self.text.trim_start_matches(' ');
        let item = body.strip_prefix("- ").unwrap_or(body);
        let colon = item.find(':')?;
        let key = &item[..colon];
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        let rest = &item[colon + 1..];
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        Some((key, rest.trim_start_matches(' ')))
    }

    /// The nearest line above that is neither blank nor a comment.
    fn previous_content(&self, text: &'a str) -> Option<Line<'a>> {
        let mut end = self.start;
        while end > 0 {
            let line = Line::at(text, end - 1);
            let body = line.text.trim_start();
            if !body.is_empty() && !body.starts_with('#') {
                return Some(line);
            }
            end = line.start;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(text: &str, line: usize, col: usize, message: &str) -> Option<Slip> {
        let at: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum::<usize>()
            + col
            - 1;
        recognise(text, at, message)
    }

    #[test]
    fn a_colon_inside_a_sentence() {
        let text = "claims:\n  - id: a\n    value: 5\n    quote: Riesbeck said: it grew\n";
        let s = help(
            text,
            4,
            25,
            "mapping values are not allowed in this context",
        );
        let s = s.unwrap_or_else(|| panic!("recognised"));
        assert_eq!(&text[s.span.start..s.span.start + 1], ":");
        assert!(
            s.help.contains("`quote: 'Riesbeck said: it grew'`"),
            "{}",
            s.help
        );
    }

    #[test]
    fn a_leading_quote() {
        let text = "claims:\n  - id: a\n    quote: \"Growth\" isn't the word\n";
        let s = help(
            text,
            3,
            21,
            "invalid trailing content after double-quoted scalar",
        );
        let s = s.unwrap_or_else(|| panic!("recognised"));
        assert_eq!(&text[s.span.start..s.span.start + 1], "\"");
        assert!(
            s.help.contains("`quote: '\"Growth\" isn''t the word'`"),
            "{}",
            s.help
        );
    }

    #[test]
    fn a_tab_on_the_next_line() {
        let text = "claims:\n  - id: a\n\tvalue: 5\n";
        let s = help(text, 2, 9, "while scanning a plain scalar, found a tab");
        let s = s.unwrap_or_else(|| panic!("recognised"));
        assert_eq!(&text[s.span.start..s.span.start + 1], "\t");
    }

    #[test]
    fn keys_out_of_line() {
        for (text, line, col, message) in [
            (
                "claims:\n  - id: a\n    value: 5\n     unit: people\n",
                4,
                10,
                "mapping values are not allowed in this context",
            ),
            (
                "claims:\n  - id: a\n    value: 5\n   unit: people\n",
                4,
                4,
                "while parsing a block collection, did not find expected '-' indicator",
            ),
        ] {
            let s = help(text, line, col, message).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(&text[s.span.start..s.span.start + 4], "unit");
            assert!(s.message.contains("the key above it by 4"), "{}", s.message);
            assert!(s.help.contains("by 4 spaces"), "{}", s.help);
        }
    }

    #[test]
    fn other_errors_get_no_guess() {
        let text = "claims:\n  - id: a\n    value: [12, 13\n  - id: b\n";
        assert_eq!(help(text, 4, 7, "illegal placement of ':' indicator"), None);
        assert_eq!(recognise("", 0, "found a tab"), None);
        assert_eq!(recognise("x", 99, "mapping values are not allowed"), None);
    }
}

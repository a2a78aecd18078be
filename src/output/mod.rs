//! Renderers: one per format, each from the same findings to bytes.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod location;
pub mod sarif;

use crate::code::Severity;
use crate::report::FileReport;
use std::borrow::Cow;

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

impl Counts {
    /// Counts the findings of several files.
    pub fn of(reports: &[FileReport]) -> Counts {
        Counts::of_findings(reports.iter().flat_map(|r| &r.findings))
    }

    /// Counts findings.
    pub fn of_findings<'a>(
        findings: impl IntoIterator<Item = &'a crate::finding::Finding>,
    ) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Note => c.notes += 1,
            }
        }
        c
    }
}

/// Text from a file, made safe to print: control characters (ANSI escapes included) are
/// escaped, bidirectional controls shown as `<U+202E>`, so that no byte of a file can
/// drive the terminal or reorder what the reader sees.
pub fn escape(s: &str) -> Cow<'_, str> {
    // Most text has nothing to escape, and is kept as it is, without a copy.
    if !any_char(s, |c| c.is_control() || is_bidi(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c if is_bidi(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether a character of `s` is one `bad` holds for: `s.contains(bad)`, a byte at a time
/// where the text is ASCII (most of a file), decoding only the other characters. A
/// report looks through a whole file this way before it draws from it, and the
/// standard library's search, which decodes every character, took a twentieth of the
/// report of a 1,000-claim file.
pub(crate) fn any_char(s: &str, bad: impl Fn(char) -> bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match s.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => c,
                None => return false,
            }
        };
        if bad(c) {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

/// The bidirectional controls, which reorder what a terminal shows.
pub(crate) fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}'
    )
}

/// Like [`escape`], but keeps line breaks: for multi-line reports.
pub fn escape_keep_lines(s: &str) -> String {
    s.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text with what a search for characters to escape must find and must pass over:
    /// ASCII controls, C1 controls, bidirectional controls, and other characters of one
    /// to four bytes.
    fn text() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            8 => proptest::char::range(' ', '~'),
            2 => Just('\n'),
            1 => Just('\t'),
            1 => proptest::char::range('\0', '\u{1f}'),
            1 => Just('\u{7f}'),
            1 => proptest::char::range('\u{80}', '\u{9f}'),
            1 => proptest::sample::select(vec!['\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}']),
            2 => proptest::sample::select(vec!['£', 'é', '\u{a0}', '漢', '\u{2028}', '\u{feff}', '😀']),
        ];
        proptest::collection::vec(c, 0..64).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn any_char_finds_what_a_search_of_every_character_finds(s in text()) {
            let report = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi(c);
            let escaped = |c: char| c.is_control() || is_bidi(c);
            prop_assert_eq!(any_char(&s, report), s.contains(report));
            prop_assert_eq!(any_char(&s, escaped), s.chars().any(escaped));
        }
    }

    #[test]
    fn any_char_looks_at_every_kind_of_character() {
        let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
        assert!(!any_char("", |_| true));
        assert!(any_char("plain \u{85} text", c1));
        assert!(!any_char("£ é 漢 😀", c1));
        assert!(any_char("a\u{202e}b", is_bidi));
        assert!(any_char("😀", |c| c == '😀'));
        assert!(any_char("ab\u{1b}[31m", char::is_control));
    }
}

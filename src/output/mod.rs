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
    if !has_control(s, &[]) {
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

/// Whether `s` has a control character (but those in `keep`) or a bidirectional
/// control: what a report escapes. Printable ASCII, most of any file, is passed over 16
/// bytes at a time; only the other characters are decoded. A report looks through each
/// file this way before it draws from it, and a search that decodes every character took
/// 0.2 ms of the report of a 1,000-claim file.
pub(crate) fn has_control(s: &str, keep: &[char]) -> bool {
    let bytes = s.as_bytes();
    // Printable ASCII, and the line breaks and tabs kept: passed over at once.
    let (lf, tab) = (keep.contains(&'\n'), keep.contains(&'\t'));
    let printable =
        |b: &u8| (b' '..=b'~').contains(b) | (lf & (*b == b'\n')) | (tab & (*b == b'\t'));
    let mut i = 0;
    while i < bytes.len() {
        i = crate::source::first_not(bytes, i, printable);
        // `i` is at a character's start: it moves by ASCII bytes and whole characters.
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if is_escaped(c, keep) {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

/// Whether a report escapes `c`: a control character (but those in `keep`), or a
/// bidirectional control.
pub(crate) fn is_escaped(c: char, keep: &[char]) -> bool {
    (c.is_control() && !keep.contains(&c)) || is_bidi(c)
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
    /// runs of printable ASCII (longer and shorter than the 16 bytes looked at at once),
    /// ASCII controls, C1 controls, bidirectional controls, and other characters of one to
    /// four bytes.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => "[ -~]{0,40}",
            2 => Just("\n".to_owned()),
            1 => Just("\t".to_owned()),
            1 => proptest::char::range('\0', '\u{1f}').prop_map(String::from),
            1 => Just("\u{7f}".to_owned()),
            1 => proptest::char::range('\u{80}', '\u{9f}').prop_map(String::from),
            1 => proptest::sample::select(vec!['\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}']).prop_map(String::from),
            2 => proptest::sample::select(vec!['£', 'é', '\u{a0}', '漢', '\u{2028}', '\u{feff}', '😀']).prop_map(String::from),
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn has_control_finds_what_a_search_of_every_character_finds(s in text()) {
            let report = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi(c);
            let escaped = |c: char| c.is_control() || is_bidi(c);
            prop_assert_eq!(has_control(&s, &['\n', '\t']), s.contains(report));
            prop_assert_eq!(has_control(&s, &[]), s.chars().any(escaped));
        }
    }

    #[test]
    fn has_control_looks_at_every_byte() {
        let clean = "a line of printable ASCII, longer than sixteen bytes";
        assert!(!has_control("", &[]));
        assert!(!has_control(clean, &[]));
        assert!(!has_control(&format!("{clean}\n{clean}"), &['\n']));
        assert!(has_control(&format!("{clean}\n{clean}"), &[]));
        // At the last byte of a chunk, after one, and after a character of four bytes.
        assert!(has_control(&format!("{}\u{1b}", &clean[..15]), &[]));
        assert!(has_control(&format!("{}\u{1b}", &clean[..16]), &[]));
        assert!(has_control(&format!("😀{}\u{85}", &clean[..20]), &[]));
        assert!(has_control(&format!("{clean}\u{202e}"), &[]));
        assert!(!has_control(&format!("{clean}£ é 漢 😀\u{2028}"), &[]));
    }
}

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
    if !s.chars().any(|c| c.is_control() || is_bidi(c)) {
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

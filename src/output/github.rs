//! `github`: GitHub Actions workflow commands, one a finding:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
//!
//! Values are escaped as the runner requires (`%`, CR and LF in the message; also `:`
//! and `,` in properties), so that no text of a file can end a command early or forge
//! another.

use super::escape;
use super::location::Region;
use crate::code::Severity;
use crate::report::FileReport;
use std::fmt::Write;

/// A message: `%`, CR and LF escaped. Text from a file is escaped by the caller first.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: also `:` and `,`.
fn property(s: &str) -> String {
    data(&escape(s)).replace(':', "%3A").replace(',', "%2C")
}

/// Renders the findings of every file.
pub fn render(reports: &[FileReport]) -> String {
    let mut s = String::new();
    for f in reports.iter().flat_map(|r| &r.findings) {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let r = Region::of(&f.file, f.primary());
        let mut message = escape(&f.message).into_owned();
        if let Some(h) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(&escape(h));
        }
        let _ = writeln!(
            s,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&f.file.name),
            r.line,
            r.column,
            r.end_line,
            r.end_column,
            property(&format!("claimlint {}[{}]", f.severity, f.code)),
            data(&message)
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_cannot_be_forged() {
        assert_eq!(data("50%\n::error::x"), "50%25%0A::error::x");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
        assert_eq!(data(&escape("\u{1b}[31m")), "\\u{1b}[31m");
    }
}

//! `concise`: one line a finding, `PATH:LINE:COL: severity[code] message`.

use super::escape;
use crate::report::FileReport;
use std::borrow::Cow;
use std::fmt::Write;
use std::sync::Arc;

/// Renders the findings of every file.
pub fn render(reports: &[FileReport]) -> String {
    // Sized once: a line is about its file name, its message and 40 bytes more.
    let mut s = String::with_capacity(
        reports
            .iter()
            .flat_map(|r| &r.findings)
            .map(|f| f.file.name.len() + f.message.len() + 40)
            .sum(),
    );
    for r in reports {
        let name = escape(&r.source.name);
        for f in &r.findings {
            let (line, col) = f.file.line_col(f.primary().start);
            let name = if Arc::ptr_eq(&f.file, &r.source) {
                Cow::Borrowed(&*name)
            } else {
                escape(&f.file.name)
            };
            s.push_str(&name);
            let _ = write!(s, ":{line}:{col}: ");
            s.push_str(f.severity.as_str());
            s.push('[');
            s.push_str(f.code.as_str());
            s.push_str("] ");
            s.push_str(&escape(&f.message));
            s.push('\n');
        }
    }
    s
}

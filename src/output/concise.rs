//! `concise`: one line a finding, `PATH:LINE:COL: severity[code] message`.

use super::escape;
use crate::check::FileReport;
use std::fmt::Write;

/// Renders the findings of every file.
pub fn render(reports: &[FileReport]) -> String {
    let mut s = String::new();
    for r in reports {
        for f in &r.findings {
            let (line, col) = f.file.line_col(f.primary().start);
            let _ = writeln!(
                s,
                "{}:{line}:{col}: {}[{}] {}",
                escape(&f.file.name),
                f.severity,
                f.code,
                escape(&f.message)
            );
        }
    }
    s
}

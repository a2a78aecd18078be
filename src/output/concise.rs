//! `concise`: one line a finding, `PATH:LINE:COL: severity[code] message`.

use super::escape;
use crate::check::FileReport;
use std::borrow::Cow;
use std::fmt::Write;
use std::sync::Arc;

/// Renders the findings of every file.
pub fn render(reports: &[FileReport]) -> String {
    let mut s = String::new();
    for r in reports {
        let name = escape(&r.source.name);
        for f in &r.findings {
            let (line, col) = f.file.line_col(f.primary().start);
            let name = if Arc::ptr_eq(&f.file, &r.source) {
                Cow::Borrowed(&*name)
            } else {
                escape(&f.file.name)
            };
            let _ = writeln!(
                s,
                "{name}:{line}:{col}: {}[{}] {}",
                f.severity,
                f.code,
                escape(&f.message)
            );
        }
    }
    s
}

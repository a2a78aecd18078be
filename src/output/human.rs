//! `human`: miette's graphical report, a label on every claim involved.

use super::{Counts, escape};
use crate::check::FileReport;
use crate::finding::{Finding, Label, Related};
use crate::source::SourceFile;
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::fmt::Write;
use std::sync::Arc;

/// Renders every finding, then a summary line.
pub fn render(reports: &[FileReport], color: bool, width: usize) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(width);
    let mut s = String::new();
    for r in reports {
        for f in &r.findings {
            let safe = sanitized(f);
            if handler.render_report(&mut s, &safe).is_err() {
                let _ = writeln!(
                    s,
                    "{}: {}[{}] {}",
                    safe.file.name, f.severity, f.code, safe.message
                );
            }
            s.push('\n');
        }
    }
    let c = Counts::of(reports);
    let files = reports.len();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        s,
        "{}, {}, {} in {}",
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.notes, "note"),
        plural(files, "file")
    );
    s
}

/// The finding with every text from a file escaped, so that no byte of a file reaches the
/// terminal raw. Spans move with the escaped text.
fn sanitized(f: &Finding) -> Finding {
    let (file, map) = escaped_source(&f.file);
    let mut g = f.clone();
    g.file = file;
    g.message = escape(&f.message);
    g.help = f.help.as_deref().map(escape);
    g.labels = f
        .labels
        .iter()
        .map(|l| Label {
            span: map(l.span),
            text: escape(&l.text),
        })
        .collect();
    g.related = f
        .related
        .iter()
        .map(|r| {
            let (rf, rmap) = escaped_source(&r.file);
            Related {
                file: rf,
                span: rmap(r.span),
                message: escape(&r.message),
            }
        })
        .collect();
    g
}

type SpanMap = Box<dyn Fn(crate::source::Span) -> crate::source::Span>;

/// A copy of a source whose control characters (but tabs and line breaks) are escaped,
/// and the map of old spans to new ones. Clean sources are shared as they are.
fn escaped_source(src: &Arc<SourceFile>) -> (Arc<SourceFile>, SpanMap) {
    let dirty = |c: char| {
        (c.is_control() && c != '\n' && c != '\t' && c != '\r')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
    };
    if !src.text.contains(dirty) && !src.name.contains(dirty) {
        return (Arc::clone(src), Box::new(|s| s));
    }
    // offsets[i] = new offset of old byte i.
    let mut text = String::with_capacity(src.text.len());
    let mut offsets = Vec::with_capacity(src.text.len() + 1);
    for c in src.text.chars() {
        for _ in 0..c.len_utf8() {
            offsets.push(text.len());
        }
        if dirty(c) {
            text.push_str(&escape(&c.to_string()));
        } else {
            text.push(c);
        }
    }
    offsets.push(text.len());
    let file = SourceFile::new(escape(&src.name), text);
    let map = move |s: crate::source::Span| {
        let a = offsets.get(s.start).copied().unwrap_or(0);
        let b = offsets.get(s.end()).copied().unwrap_or(a);
        crate::source::Span::new(a, b.saturating_sub(a))
    };
    (file, Box::new(map))
}

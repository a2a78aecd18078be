//! `human`: miette's graphical report, a label on every claim involved.

use super::{Counts, escape};
use crate::finding::{Finding, Label, Related};
use crate::report::FileReport;
use crate::source::SourceFile;
use crate::source::Span;
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

/// Renders every finding, then a summary line.
pub fn render(reports: &[FileReport], color: bool, width: usize) -> String {
    let mut s = String::new();
    Renderer::new(color, width).findings(&mut s, reports.iter().flat_map(|r| &r.findings));
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

/// Draws findings as the report does, without its summary line, for front ends that show
/// findings among other text a few at a time: the handler and the escaped copy of each
/// source are made once and kept from one call to the next (a review of a file with
/// thousands of findings would otherwise scan the whole file for each line it draws).
pub struct Renderer {
    handler: GraphicalReportHandler,
    escaped: Escaped,
}

impl Renderer {
    /// A renderer with colour or without, for a terminal `width` columns wide.
    pub fn new(color: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_width(width);
        Self {
            handler,
            escaped: Escaped::default(),
        }
    }

    /// Appends `findings` to `s`, each followed by a blank line.
    pub fn findings<'a>(&mut self, s: &mut String, findings: impl Iterator<Item = &'a Finding>) {
        for f in findings {
            let safe = self.escaped.finding(f);
            if self.handler.render_report(s, &safe).is_err() {
                let _ = writeln!(
                    s,
                    "{}: {}[{}] {}",
                    safe.file.name, f.severity, f.code, safe.message
                );
            }
            s.push('\n');
        }
    }
}

/// Sources made safe to print, each made once per renderer (a file has many findings).
#[derive(Default)]
struct Escaped {
    by_file: HashMap<*const SourceFile, (Arc<SourceFile>, Option<Vec<usize>>)>,
}

impl Escaped {
    /// The safe copy of a source and the map of its byte offsets (none where the source
    /// is clean and shared as it is).
    fn of(&mut self, src: &Arc<SourceFile>) -> &(Arc<SourceFile>, Option<Vec<usize>>) {
        self.by_file
            .entry(Arc::as_ptr(src))
            .or_insert_with(|| escaped_source(src))
    }

    /// A span of `src`, moved to its safe copy.
    fn span(&mut self, src: &Arc<SourceFile>, s: Span) -> Span {
        match &self.of(src).1 {
            None => s,
            Some(offsets) => {
                let a = offsets.get(s.start).copied().unwrap_or(0);
                let b = offsets.get(s.end()).copied().unwrap_or(a);
                Span::new(a, b.saturating_sub(a))
            }
        }
    }

    /// The finding with every text from a file escaped, so that no byte of a file
    /// reaches the terminal raw. Spans move with the escaped text. Where a line is too
    /// long to draw, the message says where the finding is (its labels are not drawn).
    fn finding(&mut self, f: &Finding) -> Finding {
        let mut g = f.clone();
        g.file = Arc::clone(&self.of(&f.file).0);
        g.message = escape(&f.message).into_owned();
        g.help = f.help.as_deref().map(|h| escape(h).into_owned());
        g.labels = f
            .labels
            .iter()
            .map(|l| Label {
                span: self.span(&f.file, l.span),
                text: escape(&l.text).into_owned(),
            })
            .collect();
        let drawn = g.drawn();
        g.message = placed(g.message, drawn, &f.file, f.primary());
        g.related = f
            .related
            .iter()
            .map(|r| {
                let file = Arc::clone(&self.of(&r.file).0);
                let span = self.span(&r.file, r.span);
                let message = escape(&r.message).into_owned();
                Related {
                    message: placed(message, file.drawable(span), &r.file, r.span),
                    file,
                    span,
                }
            })
            .collect();
        g
    }
}

/// `message`, followed by where `span` of `file` is where the report cannot draw it.
fn placed(message: String, drawn: bool, file: &SourceFile, span: Span) -> String {
    if drawn {
        return message;
    }
    format!("{message}\n{}", escape(&file.place_not_drawn(span)))
}

/// The control characters of a file that reach the terminal as they are.
const KEPT: [char; 2] = ['\n', '\t'];

/// A copy of a source whose control characters (but tabs and line breaks) are escaped,
/// the CR of each CRLF dropped, and the map from old byte offsets to new ones. A clean
/// source is shared as it is.
fn escaped_source(src: &Arc<SourceFile>) -> (Arc<SourceFile>, Option<Vec<usize>>) {
    if !super::has_control(&src.text, &KEPT) && !super::has_control(&src.name, &KEPT) {
        return (Arc::clone(src), None);
    }
    let mut text = String::with_capacity(src.text.len());
    let mut offsets = Vec::with_capacity(src.text.len() + 1);
    let mut chars = src.text.chars().peekable();
    while let Some(c) = chars.next() {
        for _ in 0..c.len_utf8() {
            offsets.push(text.len());
        }
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if super::is_escaped(c, &KEPT) {
            text.push_str(&escape(&c.to_string()));
        } else {
            text.push(c);
        }
    }
    offsets.push(text.len());
    (SourceFile::new(escape(&src.name), text), Some(offsets))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;
    use crate::source::LONGEST_DRAWN_LINE;
    use proptest::prelude::*;

    /// Text of every shape a report meets: wide and combining characters, tabs, CRLF,
    /// control characters, and lines too long to draw (of letters, and of tabs, which
    /// miette widens to four columns).
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            8 => Just("ab".to_owned()),
            2 => Just("é漢\u{301}".to_owned()),
            2 => Just("\t".to_owned()),
            3 => Just("\n".to_owned()),
            2 => Just("\r\n".to_owned()),
            1 => Just("\u{1b}[31m\u{202e}".to_owned()),
            1 => Just("x".repeat(LONGEST_DRAWN_LINE + 1)),
            1 => Just("\t".repeat(LONGEST_DRAWN_LINE)),
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    /// A span of `text` on character boundaries, from two fractions of it.
    fn span(text: &str, a: f64, len: usize) -> Span {
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = floor((a * text.len() as f64) as usize);
        let end = floor((start + len).min(text.len()));
        Span::new(start, end - start)
    }

    proptest! {
        /// Any finding on any text is written, and none is lost: no label, line or
        /// character makes the report fail or panic.
        #[test]
        fn any_finding_on_any_text_is_written(
            claims in text(),
            article in text(),
            labels in proptest::collection::vec((0.0..=1.0f64, 0usize..30), 1..4),
            quoted in proptest::option::of((0.0..=1.0f64, 0usize..30)),
        ) {
            let file = SourceFile::new("c.claims.yaml", claims);
            let source = SourceFile::new("article.md", article);
            let mut f = Finding::new(Code::NumericMismatch, &file, "the message", Span::default(), "");
            f.labels = labels
                .iter()
                .map(|&(a, len)| Label { span: span(&file.text, a, len), text: "here".into() })
                .collect();
            if let Some((a, len)) = quoted {
                f.related.push(Related {
                    span: span(&source.text, a, len),
                    file: Arc::clone(&source),
                    message: "the passage".into(),
                });
            }
            let mut s = String::new();
            Renderer::new(false, 80).findings(&mut s, std::iter::once(&f));
            prop_assert!(s.contains("the message"), "{}", s);
            prop_assert!(quoted.is_none() || s.contains("the passage"), "{}", s);
        }
    }
}

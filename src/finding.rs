//! A finding: code, severity, message, labels on the exact spans, help, and related
//! passages (the quoted sentence of the source article). It implements
//! `miette::Diagnostic` by hand, so every renderer reads the same value.

use crate::code::{Code, Severity};
use crate::source::{SourceFile, Span};
use std::fmt;
use std::sync::Arc;

/// A label on a span of the finding's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it says there.
    pub text: String,
}

/// A passage of another file shown with the finding (the article a claim quotes).
#[derive(Clone, Debug)]
pub struct Related {
    /// The file.
    pub file: Arc<SourceFile>,
    /// The passage.
    pub span: Span,
    /// A line saying what it is.
    pub message: String,
}

/// One finding about a claims file.
#[derive(Clone, Debug)]
pub struct Finding {
    /// The code.
    pub code: Code,
    /// The severity in force (from the rules).
    pub severity: Severity,
    /// One line, lowercase, naming the values.
    pub message: String,
    /// The file the labels point into.
    pub file: Arc<SourceFile>,
    /// Labels; the first is the primary one, on the claim at fault.
    pub labels: Vec<Label>,
    /// What would be consistent.
    pub help: Option<String>,
    /// Passages of other files.
    pub related: Vec<Related>,
    /// The index of the claim it belongs to (where `allow` must stand), if any.
    pub claim: Option<usize>,
    /// The ids of every claim involved, the owner first.
    pub ids: Vec<String>,
}

impl Finding {
    /// A finding with its code's default severity and a primary label.
    pub fn new(
        code: Code,
        file: &Arc<SourceFile>,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            message: message.into(),
            file: Arc::clone(file),
            labels: vec![Label {
                span,
                text: label.into(),
            }],
            help: None,
            related: Vec::new(),
            claim: None,
            ids: Vec::new(),
        }
    }

    /// Adds a secondary label.
    pub fn label(mut self, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Says which claim it belongs to.
    pub fn owner(mut self, claim: usize, id: &str) -> Self {
        self.claim = Some(claim);
        if !self.ids.iter().any(|i| i == id) {
            self.ids.insert(0, id.to_owned());
        }
        self
    }

    /// Names another claim involved.
    pub fn involving(mut self, id: &str) -> Self {
        if !self.ids.iter().any(|i| i == id) {
            self.ids.push(id.to_owned());
        }
        self
    }

    /// Whether a report can draw every label: no line by one is too long
    /// ([`SourceFile::drawable`](crate::source::SourceFile::drawable)).
    pub fn drawn(&self) -> bool {
        self.labels.iter().all(|l| self.file.drawable(l.span))
    }

    /// The primary span.
    pub fn primary(&self) -> Span {
        self.labels.first().map_or(Span::default(), |l| l.span)
    }

    /// The sort key that makes output deterministic: file order, then code.
    pub fn sort_key(&self) -> (usize, usize, Code, &str) {
        let p = self.primary();
        (p.start, p.len, self.code, &self.message)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Finding {}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Note => miette::Severity::Advice,
    }
}

impl miette::Diagnostic for Finding {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette_severity(self.severity))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.file.as_ref())
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if !self.drawn() {
            return None;
        }
        Some(Box::new(self.labels.iter().enumerate().map(|(i, l)| {
            let text = (!l.text.is_empty()).then(|| l.text.clone());
            if i == 0 {
                miette::LabeledSpan::new_primary_with_span(text, l.span)
            } else {
                miette::LabeledSpan::new_with_span(text, l.span)
            }
        })))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

impl fmt::Display for Related {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Related {}

impl miette::Diagnostic for Related {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.file.as_ref())
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        if !self.file.drawable(self.span) {
            return None;
        }
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(Some("quoted here".into()), self.span),
        )))
    }
}

//! Failures of the tool itself (exit 2): bad arguments, unreadable paths, malformed rules
//! or config. Findings about a claims file are not errors; they are [`crate::Finding`]s.

use crate::source::{SourceFile, Span};
use std::fmt;
use std::sync::Arc;

/// What kind of failure it is: the code printed with it (SPEC 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A rules file is malformed: `rules/invalid`.
    Rules,
    /// `claimlint.yaml` is malformed: `config/invalid`.
    Config,
    /// The command cannot be done as asked (bad arguments, a claims path that does not
    /// exist or cannot be read, a file in the way of one it would write): `usage`.
    Usage,
    /// The system refused a read or a write: a file written (`-o`, a baseline, `init`),
    /// standard output (a full disk; a closed pipe is no failure), or a file read that is
    /// not claims, rules or config (a baseline, the article of `draft`): `io`, with the
    /// path and the system's reason.
    Io,
}

impl ErrorKind {
    /// The code as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Rules => "rules/invalid",
            ErrorKind::Config => "config/invalid",
            ErrorKind::Usage => "usage",
            ErrorKind::Io => "io",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why the tool could not do its job.
#[derive(Debug, Clone)]
pub struct ToolError {
    /// What kind of failure: its code.
    pub kind: ErrorKind,
    /// One line, lowercase, with the values.
    pub message: String,
    /// The file and span at fault, where there is one.
    pub at: Option<(Arc<SourceFile>, Span)>,
    /// What would fix it.
    pub help: Option<String>,
}

impl ToolError {
    /// A failure with no position.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            at: None,
            help: None,
        }
    }

    /// A failure at a span of a file.
    pub fn at(
        kind: ErrorKind,
        message: impl Into<String>,
        file: &Arc<SourceFile>,
        span: Span,
    ) -> Self {
        Self {
            kind,
            message: message.into(),
            at: Some((Arc::clone(file), span)),
            help: None,
        }
    }

    /// The same failure with a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        // Where the line is too long to draw, the place is said instead.
        match &self.at {
            Some((file, span)) if !file.drawable(*span) => {
                write!(f, "\n{}", file.place_not_drawn(*span))
            }
            _ => Ok(()),
        }
    }
}

impl std::error::Error for ToolError {}

impl miette::Diagnostic for ToolError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.kind.as_str()))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.at
            .as_ref()
            .map(|(f, _)| f.as_ref() as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let (file, span) = self.at.as_ref()?;
        if !file.drawable(*span) {
            return None;
        }
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(Some("here".into()), *span),
        )))
    }
}

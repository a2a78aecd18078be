//! Findings as the protocol's diagnostics: the same code, severity, message and help as
//! the command line, the other claims involved and the article's passage as related
//! locations, every range in UTF-16 positions.

use super::analysis::Analysis;
use super::document::{Document, MAX_DOCUMENT_BYTES};
use super::position::LineIndex;
use super::uri;
use crate::code::Severity;
use crate::error::ToolError;
use crate::finding::Finding;
use crate::source::{SourceFile, Span};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range, Uri,
};
use std::path::PathBuf;
use std::sync::Arc;

/// The name every diagnostic gives as its source.
pub const SOURCE: &str = "claimlint";

/// The diagnostics of a checked claims file. `shift` is the bytes the editor's text has
/// before the checked text (a byte-order mark).
pub fn all(doc: &Document, shift: usize, a: &Analysis) -> Vec<Diagnostic> {
    let article_uri = a.file.document.source.as_ref().and_then(|(name, _)| {
        let base = doc.path.as_deref()?.parent()?;
        uri::from_path(&base.join(name)).parse::<Uri>().ok()
    });
    // An article's lines are indexed once, however many findings show it.
    let mut indexes: Vec<(Arc<SourceFile>, LineIndex)> = Vec::new();
    a.findings
        .iter()
        .map(|f| one(doc, shift, f, article_uri.as_ref(), &mut indexes))
        .collect()
}

fn one(
    doc: &Document,
    shift: usize,
    f: &Finding,
    article_uri: Option<&Uri>,
    indexes: &mut Vec<(Arc<SourceFile>, LineIndex)>,
) -> Diagnostic {
    let range = |s: Span| {
        doc.lines
            .range(&doc.text, Span::new(s.start + shift, s.len))
    };
    let mut related = Vec::new();
    for l in f.labels.iter().skip(1) {
        related.push(DiagnosticRelatedInformation {
            location: Location::new(doc.uri.clone(), range(l.span)),
            message: if l.text.is_empty() {
                "involved".to_owned()
            } else {
                l.text.clone()
            },
        });
    }
    if let Some(uri) = article_uri {
        for r in &f.related {
            let at = match indexes.iter().position(|(k, _)| Arc::ptr_eq(k, &r.file)) {
                Some(i) => i,
                None => {
                    indexes.push((Arc::clone(&r.file), LineIndex::new(&r.file.text)));
                    indexes.len() - 1
                }
            };
            let lines = &indexes[at].1;
            related.push(DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), lines.range(&r.file.text, r.span)),
                message: r.message.clone(),
            });
        }
    }
    Diagnostic {
        range: range(f.primary()),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.as_str().to_owned())),
        code_description: None,
        source: Some(SOURCE.to_owned()),
        message: message(&f.message, f.help.as_deref()),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

fn message(message: &str, help: Option<&str>) -> String {
    match help {
        Some(h) => format!("{message}\nhelp: {h}"),
        None => message.to_owned(),
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

fn start() -> Range {
    Range::new(Position::new(0, 0), Position::new(0, 0))
}

/// The diagnostic of a claims file that cannot be checked because its config or rules
/// cannot be read (where `check` exits with 2), at the start of the file, with the place
/// at fault as a related location.
pub fn tool_error(e: &ToolError) -> Diagnostic {
    let related = e.at.as_ref().and_then(|(file, span)| {
        let path = std::path::absolute(PathBuf::from(&file.name)).ok()?;
        let uri = uri::from_path(&path).parse::<Uri>().ok()?;
        let lines = LineIndex::new(&file.text);
        Some(vec![DiagnosticRelatedInformation {
            location: Location::new(uri, lines.range(&file.text, *span)),
            message: "here".to_owned(),
        }])
    });
    Diagnostic {
        range: start(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(e.kind.as_str().to_owned())),
        source: Some(SOURCE.to_owned()),
        message: message(
            &format!("this file cannot be checked: {}", e.message),
            e.help.as_deref(),
        ),
        related_information: related,
        ..Diagnostic::default()
    }
}

/// The diagnostic of a claims file larger than `check` reads.
pub fn too_large(len: usize) -> Diagnostic {
    Diagnostic {
        range: start(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("usage".to_owned())),
        source: Some(SOURCE.to_owned()),
        message: format!(
            "this file is not checked: {len} bytes is more than the {} bytes claimlint reads",
            MAX_DOCUMENT_BYTES
        ),
        ..Diagnostic::default()
    }
}

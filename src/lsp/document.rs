//! A document open in the editor, and the last check of a claims file's text.

use super::analysis::Analysis;
use super::position::LineIndex;
use crate::rules::RuleSet;
use lsp_types::Uri;
use std::path::PathBuf;
use std::sync::Arc;

/// The largest document checked (as `check`'s default `--max-file-size`).
pub const MAX_DOCUMENT_BYTES: usize = crate::run::MAX_FILE_BYTES as usize;

/// A document open in the editor.
#[derive(Debug)]
pub struct Document {
    /// Its URI, as the client sent it.
    pub uri: Uri,
    /// Its path, for a `file:` URI.
    pub path: Option<PathBuf>,
    /// The client's version of the text.
    pub version: i32,
    /// The text.
    pub text: String,
    /// Its lines.
    pub lines: LineIndex,
    /// Whether it is a claims file (by its name).
    pub claims: bool,
    /// The last check of its text, if it is a claims file that was checked.
    pub checked: Option<Checked>,
}

/// A claims file's check.
#[derive(Debug)]
pub struct Checked {
    /// The version of the text checked.
    pub version: i32,
    /// The findings and claims (none where the file is excluded or the rules failed).
    pub analysis: Option<Analysis>,
    /// The rules it was checked with.
    pub rules: Option<Arc<RuleSet>>,
    /// The article it quotes, where it has one.
    pub(super) article: Option<PathBuf>,
    /// Bytes the editor's text has before the checked text (a byte-order mark).
    pub shift: usize,
}

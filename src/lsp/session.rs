//! The server's state: the documents open in the editor, the settings, and the rules in
//! force for each config, read once and kept until a rules file or a config changes.
//!
//! Notifications change the state and mark claims files to check; the loop checks them
//! once the messages that came in together are handled, so that a burst of keystrokes
//! is checked once, on its last text, and a result is never published over a newer one.
//! The check of one file is `check`, below this file.

mod check;

pub use super::document::{Checked, Document, MAX_DOCUMENT_BYTES};
use super::position::LineIndex;
use super::transport::Out;
use super::uri;
use crate::config::{self, Config};
use crate::error::ToolError;
use crate::rules::RuleSet;
use lsp_types::{
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, PublishDiagnosticsParams, Uri,
};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Options a client may give in `initializationOptions`, as the command line's.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// One config for every file (`--config`).
    pub config: Option<PathBuf>,
    /// No config at all (`--isolated`).
    pub isolated: bool,
    /// More rule files or folders (`--rules`).
    pub rules: Vec<PathBuf>,
    /// Start from no rules (`--no-default-rules`).
    pub no_default_rules: bool,
    /// Whether the client takes snippets in completions (from its capabilities).
    #[serde(skip)]
    pub snippets: bool,
}

/// The rules in force for one config.
#[derive(Debug)]
struct InForce {
    config: Option<Config>,
    rules: Result<Arc<RuleSet>, ToolError>,
    paths: Vec<PathBuf>,
}

/// The server's state.
#[derive(Debug, Default)]
pub struct Session {
    docs: HashMap<String, Document>,
    settings: Settings,
    in_force: HashMap<Option<PathBuf>, Arc<InForce>>,
    to_check: BTreeSet<String>,
}

impl Session {
    /// A session with these settings.
    pub fn new(settings: Settings) -> Self {
        Session {
            settings,
            ..Session::default()
        }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The open document at `uri`.
    pub fn document(&self, uri: &str) -> Option<&Document> {
        self.docs.get(uri)
    }

    /// `textDocument/didOpen`.
    pub fn open(&mut self, p: DidOpenTextDocumentParams, log: &mut Vec<String>) {
        let key = p.text_document.uri.as_str().to_owned();
        let uri = p.text_document.uri;
        let path = uri::to_path(&key);
        let name = path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| key.rsplit('/').next().unwrap_or("").to_owned());
        let claims = crate::discover::is_claims_file(&name);
        let text = p.text_document.text;
        if text.len() > MAX_DOCUMENT_BYTES {
            log.push(format!(
                "`{key}` is larger than claimlint reads; it is not checked"
            ));
        }
        let doc = Document {
            lines: LineIndex::new(&text),
            uri,
            path: path.clone(),
            version: p.text_document.version,
            text,
            claims,
            checked: None,
        };
        self.docs.insert(key.clone(), doc);
        if claims {
            self.to_check.insert(key);
        }
        if let Some(p) = path {
            self.article_changed(&p);
        }
    }

    /// `textDocument/didChange`: the edits in order, each on the text the previous left.
    pub fn change(&mut self, p: DidChangeTextDocumentParams, log: &mut Vec<String>) {
        let uri = p.text_document.uri.as_str();
        let Some(doc) = self.docs.get_mut(uri) else {
            log.push(format!(
                "a change to `{uri}`, which is not open, was ignored"
            ));
            return;
        };
        if p.text_document.version < doc.version {
            log.push(format!(
                "a change to `{uri}` of version {} after version {} was ignored",
                p.text_document.version, doc.version
            ));
            return;
        }
        for c in p.content_changes {
            match c.range {
                None => doc.text = c.text,
                Some(r) => {
                    let span = doc.lines.span(&doc.text, r);
                    if doc.lines.offset(&doc.text, r.start) > doc.lines.offset(&doc.text, r.end) {
                        log.push(format!(
                            "an edit of `{uri}` ended before it started; its ends were swapped"
                        ));
                    }
                    doc.text.replace_range(span.start..span.end(), &c.text);
                }
            }
            doc.lines = LineIndex::new(&doc.text);
        }
        doc.version = p.text_document.version;
        if doc.text.len() > MAX_DOCUMENT_BYTES {
            log.push(format!(
                "`{uri}` is larger than claimlint reads; it is not checked"
            ));
        }
        let (claims, path) = (doc.claims, doc.path.clone());
        if claims {
            self.to_check.insert(uri.to_owned());
        }
        if let Some(p) = path {
            self.article_changed(&p);
        }
    }

    /// `textDocument/didSave`: a rules file or config is read again from disk.
    pub fn save(&mut self, p: &DidSaveTextDocumentParams) {
        if let Some(path) = uri::to_path(p.text_document.uri.as_str()) {
            self.changed_on_disk(&path);
        }
    }

    /// `textDocument/didClose`; returns the uri whose diagnostics are to be cleared.
    pub fn close(&mut self, p: &DidCloseTextDocumentParams) -> Option<Uri> {
        let uri = p.text_document.uri.as_str();
        let doc = self.docs.remove(uri)?;
        self.to_check.remove(uri);
        if let Some(path) = &doc.path {
            // An article read from the editor is read from disk again.
            self.article_changed(path);
        }
        doc.claims.then_some(doc.uri)
    }

    /// `workspace/didChangeWatchedFiles`.
    pub fn watched(&mut self, p: &DidChangeWatchedFilesParams) {
        for c in &p.changes {
            if let Some(path) = uri::to_path(c.uri.as_str()) {
                self.changed_on_disk(&path);
            }
        }
    }

    /// A file changed on disk: a config or rules file makes the rules be read again for
    /// every claims file that uses them; an article, its claims files checked again.
    pub fn changed_on_disk(&mut self, path: &Path) {
        let is_config = path.file_name().is_some_and(|n| n == config::FILE_NAME);
        let is_rules = self.in_force.values().any(|f| {
            f.paths
                .iter()
                .any(|r| path.starts_with(r) || same_file(path, r))
        }) || self.settings.rules.iter().any(|r| path.starts_with(r));
        if is_config || is_rules {
            // A config may appear, go, or change what it governs: every open claims file
            // finds its config again. Rules are read at most once per config.
            self.in_force.clear();
            let all: Vec<String> = self
                .docs
                .values()
                .filter(|d| d.claims)
                .map(|d| d.uri.as_str().to_owned())
                .collect();
            self.to_check.extend(all);
        }
        self.article_changed(path);
    }

    fn article_changed(&mut self, path: &Path) {
        let hit: Vec<String> = self
            .docs
            .values()
            .filter(|d| {
                d.checked
                    .as_ref()
                    .and_then(|c| c.article.as_deref())
                    .is_some_and(|a| same_file(a, path))
            })
            .map(|d| d.uri.as_str().to_owned())
            .collect();
        self.to_check.extend(hit);
    }

    /// Whether a check is waiting.
    pub fn has_pending(&self) -> bool {
        !self.to_check.is_empty()
    }

    /// Checks the claims file at `uri` now if it is waiting (a request about it is
    /// answered on its latest text); its diagnostics go to `out`.
    pub fn check_now(&mut self, uri: &str, out: &mut Vec<Out>) {
        if self.to_check.remove(uri) {
            self.check(uri, out);
        }
    }

    /// Checks every waiting claims file; their diagnostics go to `out`.
    pub fn check_pending(&mut self, out: &mut Vec<Out>) {
        while let Some(uri) = self.to_check.pop_first() {
            self.check(&uri, out);
        }
    }
}

/// A `textDocument/publishDiagnostics` notification.
pub fn publish(
    uri: &Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) -> Option<Out> {
    #[derive(serde::Serialize)]
    struct Publish<'a> {
        jsonrpc: &'static str,
        method: &'static str,
        params: &'a PublishDiagnosticsParams,
    }
    let params = PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics,
        version,
    };
    let body = serde_json::to_string(&Publish {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: &params,
    });
    // Serializing plain data cannot fail; were it to, the client would be told nothing.
    body.ok().map(Out::Json)
}

/// Whether two paths name the same file (also where one of them no longer exists).
pub fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

//! Checking one claims file of the session: the rules in force for its config (read once
//! per config and kept), then the check of its text with the open documents as they
//! are in the editor, and the diagnostics published.

use super::{Checked, InForce, MAX_DOCUMENT_BYTES, Session, publish, same_file};
use crate::config::{self, Config, RuleOptions};
use crate::lsp::transport::Out;
use crate::lsp::{analysis, diagnostic};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl Session {
    /// The rules in force for a claims file at `claims` (none for an unsaved file).
    fn in_force(&mut self, claims: Option<&Path>) -> Arc<InForce> {
        let config_path = if self.settings.isolated {
            None
        } else if let Some(c) = &self.settings.config {
            Some(c.clone())
        } else {
            claims.and_then(config::find)
        };
        if let Some(f) = self.in_force.get(&config_path) {
            return Arc::clone(f);
        }
        let opts = RuleOptions {
            no_defaults: self.settings.no_default_rules,
            extra: self.settings.rules.clone(),
        };
        let config = config_path.as_deref().map(Config::load).transpose();
        let (config, rules) = match config {
            Ok(c) => {
                let r = config::rules_for(c.as_ref(), &opts);
                (c, r)
            }
            Err(e) => (None, Err(e)),
        };
        let mut paths: Vec<PathBuf> = config.iter().flat_map(|c| c.rules.clone()).collect();
        paths.extend(self.settings.rules.iter().cloned());
        let f = Arc::new(InForce {
            config,
            rules,
            paths,
        });
        self.in_force.insert(config_path, Arc::clone(&f));
        f
    }

    /// Checks the claims file at `uri` and publishes its diagnostics to `out`.
    pub(super) fn check(&mut self, uri: &str, out: &mut Vec<Out>) {
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        if !doc.claims {
            return;
        }
        let path = doc.path.clone();
        let f = self.in_force(path.as_deref());
        let Some(doc) = self.docs.get(uri) else {
            return;
        };
        let mut article = None;
        let excluded = match (&f.config, &path) {
            (Some(c), Some(p)) => c.excludes(p),
            _ => false,
        };
        let shift = if doc.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let (diagnostics, analysis, rules) = if excluded {
            (Vec::new(), None, None)
        } else if doc.text.len() > MAX_DOCUMENT_BYTES {
            (vec![diagnostic::too_large(doc.text.len())], None, None)
        } else {
            match &f.rules {
                Err(e) => (vec![diagnostic::tool_error(e)], None, None),
                Ok(rules) => {
                    let name = path
                        .as_deref()
                        .map_or_else(|| uri.to_owned(), crate::run::display_name);
                    let source = SourceFile::new(name, doc.text.as_str());
                    let docs = &self.docs;
                    let open = |p: &Path| {
                        docs.values()
                            .find(|d| d.path.as_deref().is_some_and(|dp| same_file(dp, p)))
                            .map(|d| Arc::from(d.text.as_str()))
                    };
                    let a = analysis::analyse(source, path.as_deref(), rules, &open);
                    article = a.file.document.source.as_ref().and_then(|(name, _)| {
                        let base = path.as_deref()?.parent()?;
                        Some(base.join(name))
                    });
                    let d = diagnostic::all(doc, shift, &a);
                    (d, Some(a), Some(Arc::clone(rules)))
                }
            }
        };
        let version = doc.version;
        out.extend(publish(&doc.uri, diagnostics, Some(version)));
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.checked = Some(Checked {
                version,
                analysis,
                rules,
                article,
                shift,
            });
        }
    }
}

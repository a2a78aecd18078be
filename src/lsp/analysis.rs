//! The one place the server calls the library's checks: a claims file's text in, its
//! findings and its loaded claims out, with the article its quotes come from.

use crate::claim::ClaimsFile;
use crate::finding::Finding;
use crate::quote::Article as Source;
use crate::rules::RuleSet;
use crate::run::read::MAX_SOURCE_BYTES;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A claims file, checked.
#[derive(Debug)]
pub struct Analysis {
    /// Its findings, as `check` reports them.
    pub findings: Vec<Finding>,
    /// Its claims, loaded (for hover, definition and completion).
    pub file: ClaimsFile,
    /// The article of `document.source`, where it could be read.
    pub article: Option<Article>,
}

/// The article a claims file quotes.
#[derive(Debug)]
pub struct Article {
    /// Where it is.
    pub path: PathBuf,
    /// Its text (the editor's, where it is open).
    pub source: Arc<SourceFile>,
}

/// The text of a file open in the editor, by path.
pub type OpenText<'a> = &'a dyn Fn(&Path) -> Option<Arc<str>>;

/// Checks one claims file's text with the library's API, as `check` does: the article
/// is the editor's text where it is open in the editor, else the file on disk.
pub fn analyse(
    source: Arc<SourceFile>,
    path: Option<&Path>,
    rules: &RuleSet,
    open: OpenText<'_>,
) -> Analysis {
    let threads = crate::run::threads_for(source.text.len());
    let claims_name = source.name.clone();
    let loaded = crate::load(source, rules, threads);
    let article = loaded
        .article_name()
        .map(|name| read_article(path, &claims_name, name, open));
    let shown = match &article {
        Some((Source::Text(text), Some(p))) => Some(Article {
            path: p.clone(),
            source: Arc::clone(text),
        }),
        _ => None,
    };
    let checked = crate::check(loaded, rules, article.as_ref().map(|(a, _)| a), threads);
    Analysis {
        findings: checked.findings,
        file: checked.file,
        article: shown,
    }
}

/// The path of `document.source` of a claims file at `claims`, if it lies inside the
/// claims file's repository (SPEC 7); the error says why not.
pub fn article_path(claims: &Path, name: &str) -> Result<PathBuf, String> {
    if Path::new(name).is_absolute() {
        return Err("an absolute path leaves the repository".into());
    }
    let claims = std::path::absolute(claims).map_err(|e| crate::discover::io_words(&e))?;
    let repo = crate::run::read::repository(&claims)
        .ok_or("the claims file has no folder")?
        .canonicalize()
        .map_err(|e| crate::discover::io_words(&e))?;
    let base = claims.parent().ok_or("the claims file has no folder")?;
    let joined = base.join(name);
    let target = joined
        .canonicalize()
        .map_err(|e| crate::discover::io_words(&e))?;
    if !target.starts_with(&repo) {
        return Err("it lies outside the repository".into());
    }
    Ok(joined)
}

/// The article, as the library takes it, and its path where it is known: the editor's
/// text where it is open (within the limits `check` keeps), else the run layer reads
/// it from disk as `check` does.
fn read_article(
    claims: Option<&Path>,
    claims_name: &str,
    name: &str,
    open: OpenText<'_>,
) -> (Source, Option<PathBuf>) {
    let path = claims.and_then(|c| article_path(c, name).ok());
    if let Some(p) = &path
        && let Some(text) = open(p)
    {
        let shown = Path::new(claims_name)
            .parent()
            .map_or_else(|| name.to_owned(), |d| d.join(name).display().to_string());
        let source = if text.len() as u64 > MAX_SOURCE_BYTES {
            Source::Unreadable(format!(
                "it is larger than {} MiB",
                MAX_SOURCE_BYTES / 1024 / 1024
            ))
        } else if text.contains('\0') {
            Source::Unreadable("it is a binary file".into())
        } else {
            Source::Text(SourceFile::new(shown, &*text))
        };
        return (source, path);
    }
    (crate::run::read::article(claims, claims_name, name), path)
}

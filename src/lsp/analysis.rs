//! The one place the server calls the library's checks: a claims file's text in, its
//! findings and its loaded claims out, with the article its quotes come from.

use crate::claim::ClaimsFile;
use crate::finding::Finding;
use crate::quote::MAX_SOURCE_BYTES;
use crate::rules::RuleSet;
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

/// Checks one claims file's text.
pub fn analyse(
    source: Arc<SourceFile>,
    path: Option<&Path>,
    rules: &RuleSet,
    open: OpenText<'_>,
) -> Analysis {
    let report = crate::check::check_source(Arc::clone(&source), path, rules);
    let mut scratch = Vec::new();
    let file = crate::load::load(&source, path, rules, &mut scratch);
    let article = file
        .document
        .source
        .as_ref()
        .and_then(|(name, _)| read_article(path?, name, open).ok());
    Analysis {
        findings: report.findings,
        file,
        article,
    }
}

/// The path of `document.source` of a claims file at `claims`, if it lies inside the
/// claims file's repository (SPEC 7); the error says why not.
pub fn article_path(claims: &Path, name: &str) -> Result<PathBuf, String> {
    if Path::new(name).is_absolute() {
        return Err("an absolute path leaves the repository".into());
    }
    let claims = std::path::absolute(claims).map_err(|e| crate::discover::io_words(&e))?;
    let repo = crate::quote::repository(&claims)
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

/// Reads the article: the editor's text where it is open, else the file, within the
/// limits `check` keeps.
fn read_article(claims: &Path, name: &str, open: OpenText<'_>) -> Result<Article, String> {
    let path = article_path(claims, name)?;
    let shown = crate::run::display_name(&path);
    if let Some(text) = open(&path) {
        return Ok(Article {
            source: SourceFile::new(shown, &*text),
            path,
        });
    }
    let meta = std::fs::metadata(&path).map_err(|e| crate::discover::io_words(&e))?;
    if !meta.is_file() || meta.len() > MAX_SOURCE_BYTES {
        return Err("not a text file claimlint reads".into());
    }
    let bytes = std::fs::read(&path).map_err(|e| crate::discover::io_words(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())?;
    Ok(Article {
        source: SourceFile::new(shown, text),
        path,
    })
}

//! Reading what a run checks: a claims file's bytes, within a size limit, and the
//! article it names in `document.source`, kept inside the repository.

use crate::discover::io_words;
use crate::quote::Article;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest source read.
pub const MAX_SOURCE_BYTES: u64 = 16 * 1024 * 1024;

/// The bytes of a claims file of at most `max_bytes`; the error says why not, in a few
/// words.
pub fn claims(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_words(&e))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > max_bytes {
        return Err(format!(
            "{} bytes is more than the {max_bytes} bytes claimlint reads (--max-file-size)",
            meta.len()
        ));
    }
    // The limit holds even for a file that grows while it is read.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let file = std::fs::File::open(path).map_err(|e| io_words(&e))?;
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, max_bytes.saturating_add(1)),
        &mut bytes,
    )
    .map_err(|e| io_words(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "it grew past the {max_bytes} bytes claimlint reads while it was read"
        ));
    }
    Ok(bytes)
}

/// The article `name` (a claims file's `document.source`), relative to the claims file at
/// `claims` (`None` where the claims were not read from a file), shown by its path from
/// the working folder as the claims file, `claims_name`, is.
pub fn article(claims: Option<&Path>, claims_name: &str, name: &str) -> Article {
    let shown = Path::new(claims_name)
        .parent()
        .map_or_else(|| name.to_owned(), |d| d.join(name).display().to_string());
    match source(claims, name, &shown) {
        Ok(a) => Article::Text(a),
        Err(why) => Article::Unreadable(why),
    }
}

/// The repository of a claims file: the nearest folder above it holding `.git` or
/// `claimlint.yaml`, else the file's own folder.
pub fn repository(claims: &Path) -> Option<PathBuf> {
    let start = claims.parent()?.to_path_buf();
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        if d.join(".git").exists() || d.join("claimlint.yaml").exists() {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    Some(start)
}
/// Reads `name`, relative to the claims file, if it is a UTF-8 text file inside the
/// repository. The error says why not, in a few words.
fn source(claims: Option<&Path>, name: &str, shown: &str) -> Result<Arc<SourceFile>, String> {
    let claims = claims.ok_or("the claims were not read from a file")?;
    let claims = &std::path::absolute(claims).map_err(|e| io_words(&e))?;
    if Path::new(name).is_absolute() {
        return Err("an absolute path leaves the repository".into());
    }
    let repo = repository(claims).ok_or("the claims file has no folder")?;
    let repo = repo.canonicalize().map_err(|e| io_words(&e))?;
    let base = claims.parent().ok_or("the claims file has no folder")?;
    let target = base.join(name).canonicalize().map_err(|e| io_words(&e))?;
    if !target.starts_with(&repo) {
        return Err("it lies outside the repository".into());
    }
    let meta = std::fs::metadata(&target).map_err(|e| io_words(&e))?;
    if meta.is_dir() {
        return Err("it is a folder".into());
    }
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(format!(
            "it is larger than {} MiB",
            MAX_SOURCE_BYTES / 1024 / 1024
        ));
    }
    let bytes = std::fs::read(&target).map_err(|e| io_words(&e))?;
    let text = String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
    if text.contains('\0') {
        return Err("it is a binary file".into());
    }
    Ok(SourceFile::new(shown, text))
}

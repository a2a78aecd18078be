//! Finding claims files: the paths named, and the claims files in folders (honouring
//! .gitignore), in a stable order.

use crate::error::{ErrorKind, ToolError};
use std::path::{Path, PathBuf};

/// Whether a file name is a claims file's: `claims.yaml`, `NAME.claims.yaml` (`.yml` too).
pub fn is_claims_file(name: &str) -> bool {
    ["claims.yaml", "claims.yml"]
        .iter()
        .any(|s| name == *s || name.ends_with(&format!(".{s}")))
}

/// A claims file to check, and whether it was named on the command line (rather than
/// found in a folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The path, as given or found.
    pub path: PathBuf,
    /// Named on the command line.
    pub explicit: bool,
}

/// The claims files of the given paths: a file is taken as it is (it must be a regular
/// file), a folder is searched. A path that does not exist is an error.
pub fn claims_files(paths: &[PathBuf]) -> Result<Vec<Found>, ToolError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| {
            ToolError::new(
                ErrorKind::Usage,
                format!("cannot read `{}`: {}", p.display(), io_words(&e)),
            )
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            let walk = ignore::WalkBuilder::new(p)
                .require_git(false)
                .follow_links(false)
                .build();
            for entry in walk {
                let Ok(entry) = entry else { continue };
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && is_claims_file(&entry.file_name().to_string_lossy()) {
                    found.push(entry.into_path());
                }
            }
            found.sort();
            out.extend(found.into_iter().map(|path| Found {
                path,
                explicit: false,
            }));
        } else if meta.is_file() {
            out.push(Found {
                path: p.clone(),
                explicit: true,
            });
        } else {
            return Err(ToolError::new(
                ErrorKind::Usage,
                format!("`{}` is not a regular file or a folder", p.display()),
            ));
        }
    }
    Ok(out)
}

/// The rules files of a `--rules` path: the file, or a folder's `*.yaml` and `*.yml`.
pub fn rules_files(p: &Path) -> Result<Vec<PathBuf>, ToolError> {
    let meta = std::fs::metadata(p).map_err(|e| {
        ToolError::new(
            ErrorKind::Rules,
            format!("cannot read rules `{}`: {}", p.display(), io_words(&e)),
        )
    })?;
    if meta.is_file() {
        return Ok(vec![p.to_path_buf()]);
    }
    if !meta.is_dir() {
        return Err(ToolError::new(
            ErrorKind::Rules,
            format!("rules `{}` is not a file or a folder", p.display()),
        ));
    }
    let rd = std::fs::read_dir(p).map_err(|e| {
        ToolError::new(
            ErrorKind::Rules,
            format!(
                "cannot read rules folder `{}`: {}",
                p.display(),
                io_words(&e)
            ),
        )
    })?;
    let mut v: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    v.sort();
    Ok(v)
}

/// An I/O error in a few plain words.
pub fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

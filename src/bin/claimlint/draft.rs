//! `draft ARTICLE [-o FILE]`: reads the article, finds the rules as `check` would for a
//! claims file beside the output, drafts, and writes (never over an existing file).

use crate::args::DraftArgs;
use claimlint::config::{Config, RuleOptions};
use claimlint::discover::io_words;
use claimlint::error::{ErrorKind, ToolError};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The largest article read.
const MAX_ARTICLE_BYTES: u64 = 64 * 1024 * 1024;

/// Drafts; returns what goes to standard output (the draft, or a line saying where it
/// was written).
pub fn run(a: &DraftArgs) -> Result<String, ToolError> {
    let usage = |m: String| ToolError::new(ErrorKind::Usage, m);
    let stdin = a.article.as_os_str() == "-";
    if let Some(out) = &a.output
        && std::fs::symlink_metadata(out).is_ok()
    {
        return Err(usage(format!(
            "`{}` exists: claimlint draft writes no file over another",
            out.display()
        ))
        .with_help("name another file with -o, or remove this one"));
    }
    let mut bytes = Vec::new();
    if stdin {
        std::io::stdin()
            .lock()
            .take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                ToolError::new(
                    ErrorKind::Io,
                    format!("cannot read standard input: {}", io_words(&e)),
                )
            })?;
    } else {
        let meta =
            std::fs::metadata(&a.article).map_err(|e| crate::io_error("read", &a.article, &e))?;
        if !meta.is_file() {
            return Err(usage(format!(
                "`{}` is not a regular file",
                a.article.display()
            )));
        }
        std::fs::File::open(&a.article)
            .and_then(|f| f.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|e| crate::io_error("read", &a.article, &e))?;
    }
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(usage(format!(
            "the article is larger than {} MiB",
            MAX_ARTICLE_BYTES / 1024 / 1024
        )));
    }
    let mut text =
        String::from_utf8(bytes).map_err(|_| usage("the article is not UTF-8 text".to_owned()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    // The rules of a claims file where the draft goes.
    let here = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("claims.yaml"));
    let s = &a.source;
    let config = if s.isolated {
        None
    } else {
        match &s.config {
            Some(c) => Some(Config::load(c)?),
            None => claimlint::config::find(&here)
                .map(|p| Config::load(&p))
                .transpose()?,
        }
    };
    let rules = claimlint::config::rules_for(
        config.as_ref(),
        &RuleOptions {
            no_defaults: s.no_default_rules,
            extra: s.rules.clone(),
        },
    )?;
    let source = (!stdin).then(|| relative_to(&a.article, &here)).flatten();
    let draft = claimlint::draft::draft(&text, &claimlint::draft::Options { source }, &rules);
    match &a.output {
        None => Ok(draft),
        Some(out) => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(out)
                .map_err(|e| crate::io_error("create", out, &e))?;
            std::io::Write::write_all(&mut f, draft.as_bytes())
                .map_err(|e| crate::io_error("write", out, &e))?;
            Ok(String::new())
        }
    }
}

/// `article` as a path relative to the folder of `claims`, with `/` between parts.
fn relative_to(article: &Path, claims: &Path) -> Option<String> {
    let article = std::path::absolute(article).ok()?;
    let claims = std::path::absolute(claims).ok()?;
    let base = claims.parent()?;
    let norm = |p: &Path| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    v.pop();
                }
                Component::CurDir => {}
                c => v.push(c.as_os_str().to_string_lossy().into_owned()),
            }
        }
        v
    };
    let (a, b) = (norm(&article), norm(base));
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return None;
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); b.len() - common];
    parts.extend(a[common..].iter().cloned());
    Some(parts.join("/"))
}

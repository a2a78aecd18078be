//! `claimlint.yaml`: the project config, found by walking up from each claims file
//! (SPEC 1). It holds `rules:` (rule files or folders, relative to it), `severity:` (per
//! code) and `exclude:` (globs, relative to it). An unknown key, or a rule path outside
//! the repository, is `config/invalid` (exit 2).

use crate::error::{ErrorKind, ToolError};
use crate::rules::read::{Null, invalid, list_of};
use crate::rules::{RuleSet, RulesBuilder, load_defaults};
use crate::source::SourceFile;
use crate::yaml::{self, Node, NodeKind};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The config's file name.
pub const FILE_NAME: &str = "claimlint.yaml";

/// A loaded config.
#[derive(Debug)]
pub struct Config {
    /// Its path.
    pub path: PathBuf,
    /// Its folder: rule paths and excludes are relative to it.
    pub dir: PathBuf,
    /// Rule files and folders, resolved.
    pub rules: Vec<PathBuf>,
    /// The config's own text, for its `severity:` block.
    source: Arc<SourceFile>,
    severity: Option<Node<'static>>,
    exclude: GlobSet,
}

/// The config that governs a claims file: `claimlint.yaml` in its folder or the nearest
/// folder above, not going above the repository (the first folder holding `.git`).
pub fn find(claims: &Path) -> Option<PathBuf> {
    let claims = std::path::absolute(claims).ok()?;
    let mut dir = claims.parent();
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        if d.join(".git").exists() {
            return None;
        }
        dir = d.parent();
    }
    None
}

fn bad(file: &Arc<SourceFile>, node: &Node, msg: impl Into<String>) -> ToolError {
    invalid(ErrorKind::Config, file, node, msg)
}

impl Config {
    /// Reads and checks a config file.
    pub fn load(path: &Path) -> Result<Config, ToolError> {
        let text = std::fs::read(path)
            .map_err(|e| {
                ToolError::new(
                    ErrorKind::Config,
                    format!(
                        "cannot read `{}`: {}",
                        path.display(),
                        crate::discover::io_words(&e)
                    ),
                )
            })
            .and_then(|b| {
                String::from_utf8(b).map_err(|_| {
                    ToolError::new(
                        ErrorKind::Config,
                        format!("`{}` is not UTF-8", path.display()),
                    )
                })
            })?;
        let source = SourceFile::new(path.display().to_string(), text);
        let abs = std::path::absolute(path).map_err(|e| {
            ToolError::new(
                ErrorKind::Config,
                format!(
                    "cannot resolve `{}`: {}",
                    path.display(),
                    crate::discover::io_words(&e)
                ),
            )
        })?;
        let dir = abs
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let mut config = Config {
            path: path.to_path_buf(),
            dir,
            rules: Vec::new(),
            source: Arc::clone(&source),
            severity: None,
            exclude: GlobSet::empty(),
        };
        let root = match yaml::parse(&source) {
            Ok(Some(r)) => r,
            Ok(None) => return Ok(config),
            Err(e) => return Err(ToolError::at(ErrorKind::Config, e.message, &source, e.span)),
        };
        let NodeKind::Map(entries) = &root.kind else {
            return Err(bad(
                &source,
                &root,
                "the config must be a mapping of `rules`, `severity` and `exclude`",
            ));
        };
        let repo = config.dir.canonicalize().map_err(|e| {
            ToolError::new(
                ErrorKind::Config,
                format!(
                    "cannot resolve `{}`: {}",
                    config.dir.display(),
                    crate::discover::io_words(&e)
                ),
            )
        })?;
        let mut globs = GlobSetBuilder::new();
        for (k, v) in entries {
            match k.as_str() {
                Some("rules") => {
                    for item in list(&source, v, "rules")? {
                        let rel = item
                            .as_str()
                            .ok_or_else(|| bad(&source, item, "a rules entry is a path"))?;
                        let p = config.dir.join(rel);
                        let resolved = p.canonicalize().map_err(|e| {
                            bad(
                                &source,
                                item,
                                format!(
                                    "cannot read rules `{rel}`: {}",
                                    crate::discover::io_words(&e)
                                ),
                            )
                        })?;
                        if !resolved.starts_with(&repo) {
                            return Err(bad(&source, item, format!("rules `{rel}` lie outside the repository")).with_help("rule files and folders must be inside the folder of claimlint.yaml"));
                        }
                        config.rules.push(p);
                    }
                }
                Some("severity") => config.severity = Some(v.clone()),
                Some("exclude") => {
                    for item in list(&source, v, "exclude")? {
                        let g = item
                            .as_str()
                            .ok_or_else(|| bad(&source, item, "an exclude entry is a glob"))?;
                        let glob = Glob::new(g)
                            .map_err(|e| bad(&source, item, format!("`{g}` is not a glob: {e}")))?;
                        globs.add(glob);
                    }
                }
                other => {
                    let name = other.unwrap_or("");
                    let mut e = bad(
                        &source,
                        k,
                        format!("unknown key `{name}` in claimlint.yaml"),
                    );
                    e = e.with_help(
                        match crate::suggest::closest(name, ["rules", "severity", "exclude"]) {
                            Some(c) => {
                                format!("did you mean `{c}`? known keys: rules, severity, exclude")
                            }
                            None => "known keys: rules, severity, exclude".to_owned(),
                        },
                    );
                    return Err(e);
                }
            }
        }
        config.exclude = globs.build().map_err(|e| {
            ToolError::new(
                ErrorKind::Config,
                format!("excludes of `{}`: {e}", path.display()),
            )
        })?;
        // Check the severity block now, so that a bad code fails early.
        if let Some(sev) = &config.severity {
            RulesBuilder::default()
                .severity(&source, sev)
                .map_err(as_config)?;
        }
        Ok(config)
    }

    /// Whether a claims file is excluded: its path relative to the config's folder
    /// matches a glob (or any of its parent folders does).
    pub fn excludes(&self, claims: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let Ok(abs) = std::path::absolute(claims) else {
            return false;
        };
        let rel = abs.strip_prefix(&self.dir).unwrap_or(&abs);
        let mut p = Some(rel);
        while let Some(x) = p {
            if !x.as_os_str().is_empty() && self.exclude.is_match(x) {
                return true;
            }
            p = x.parent();
        }
        false
    }
}

fn as_config(mut e: ToolError) -> ToolError {
    e.kind = ErrorKind::Config;
    e
}

/// A list of the config: `rules:` or `exclude:` with nothing after it is an empty list.
fn list<'n, 'a>(
    file: &Arc<SourceFile>,
    node: &'n Node<'a>,
    what: &str,
) -> Result<&'n [Node<'a>], ToolError> {
    list_of(
        ErrorKind::Config,
        file,
        node,
        &format!("`{what}`"),
        Null::Empty,
    )
}

/// How the rules of a run are put together.
#[derive(Clone, Debug, Default)]
pub struct RuleOptions {
    /// Start from no rules.
    pub no_defaults: bool,
    /// `--rules` paths, merged last.
    pub extra: Vec<PathBuf>,
}

/// The rules in force for a config: defaults, then the config's rules and severities,
/// then `--rules`.
pub fn rules_for(config: Option<&Config>, opts: &RuleOptions) -> Result<Arc<RuleSet>, ToolError> {
    let adds_nothing =
        config.is_none_or(|c| c.rules.is_empty() && c.severity.is_none()) && opts.extra.is_empty();
    if adds_nothing && !opts.no_defaults {
        return finished_defaults();
    }
    let mut b = if opts.no_defaults {
        RulesBuilder::default()
    } else {
        load_defaults()?
    };
    if let Some(c) = config {
        for p in &c.rules {
            add_path(&mut b, p)?;
        }
        if let Some(sev) = &c.severity {
            b.severity(&c.source, sev).map_err(as_config)?;
        }
    }
    for p in &opts.extra {
        add_path(&mut b, p)?;
    }
    b.finish().map(Arc::new)
}

/// The default rules, finished once per process and shared by every file that uses them
/// as they are.
fn finished_defaults() -> Result<Arc<RuleSet>, ToolError> {
    static FINISHED: std::sync::OnceLock<Result<Arc<RuleSet>, ToolError>> =
        std::sync::OnceLock::new();
    FINISHED
        .get_or_init(|| crate::rules::finish_defaults().map(Arc::new))
        .clone()
}

fn add_path(b: &mut RulesBuilder, p: &Path) -> Result<(), ToolError> {
    for f in crate::discover::rules_files(p)? {
        let bytes = std::fs::read(&f).map_err(|e| {
            ToolError::new(
                ErrorKind::Rules,
                format!(
                    "cannot read `{}`: {}",
                    f.display(),
                    crate::discover::io_words(&e)
                ),
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            ToolError::new(ErrorKind::Rules, format!("`{}` is not UTF-8", f.display()))
        })?;
        b.add(&SourceFile::new(f.display().to_string(), text))?;
    }
    Ok(())
}

//! The run layer: find the claims files, the config and rules of each, read them and the
//! articles they name, choose threads, and check them with the pure checks of
//! [`crate::check`].

use crate::check::{self, Threads};
use crate::config::{self, Config, RuleOptions};
use crate::discover;
use crate::error::{ErrorKind, ToolError};
use crate::report::FileReport;
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub mod read;

/// What to check, and how.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Files and folders (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// `--config FILE`: one config for every file, instead of the one found.
    pub config: Option<PathBuf>,
    /// `--isolated`: no config at all.
    pub isolated: bool,
    /// `--force-exclude`: excludes hold for files named on the command line too.
    pub force_exclude: bool,
    /// How rules are put together.
    pub rules: RuleOptions,
    /// The largest claims file read, in bytes (0: the default, [`MAX_FILE_BYTES`]).
    pub max_file_bytes: u64,
}

/// Finds and checks every claims file; the reports come in the order the files were
/// found (folders sorted by path).
pub fn run(opts: &RunOptions) -> Result<Vec<FileReport>, ToolError> {
    run_with(opts, check_file)
}

/// Finds every claims file and its rules like [`run`], and hands each to `each` (a front
/// end that needs more than the findings); the results come in the same order.
pub fn run_with<T: Send>(
    opts: &RunOptions,
    each: impl Fn(&Path, &RuleSet, u64) -> Result<T, ToolError> + Sync,
) -> Result<Vec<T>, ToolError> {
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let files = discover::claims_files(&paths)?;
    let fixed = match (&opts.config, opts.isolated) {
        (_, true) => None,
        (Some(c), false) => Some(Config::load(c)?),
        (None, false) => None,
    };
    let mut configs: HashMap<PathBuf, Config> = HashMap::new();
    let mut rules: HashMap<Option<PathBuf>, Arc<RuleSet>> = HashMap::new();
    let mut jobs: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for f in files {
        let config_path = if opts.isolated {
            None
        } else if let Some(c) = &fixed {
            Some(c.path.clone())
        } else {
            config::find(&f.path)
        };
        if let Some(cp) = &config_path
            && fixed.is_none()
            && !configs.contains_key(cp)
        {
            configs.insert(cp.clone(), Config::load(cp)?);
        }
        let config = config_path.as_ref().and_then(|cp| {
            fixed
                .as_ref()
                .filter(|c| &c.path == cp)
                .or_else(|| configs.get(cp))
        });
        if let Some(c) = config
            && (!f.explicit || opts.force_exclude)
            && c.excludes(&f.path)
        {
            continue;
        }
        if !rules.contains_key(&config_path) {
            rules.insert(config_path.clone(), config::rules_for(config, &opts.rules)?);
        }
        jobs.push((f.path, config_path));
    }
    let max_bytes = if opts.max_file_bytes == 0 {
        MAX_FILE_BYTES
    } else {
        opts.max_file_bytes
    };
    let check = |(path, config_path): &(PathBuf, Option<PathBuf>)| {
        rules.get(config_path).map(|r| each(path, r, max_bytes))
    };
    // Files are checked in parallel; `collect` keeps the order in which they were found,
    // so the output is the same whatever the number of threads. One file needs no
    // thread pool: it starts sooner without one.
    let reports: Vec<T> = if jobs.len() == 1 {
        jobs.iter().filter_map(check).collect::<Result<_, _>>()?
    } else {
        jobs.par_iter()
            .filter_map(check)
            .collect::<Result<_, _>>()?
    };
    Ok(reports)
}

/// Reads and checks one claims file of at most `max_bytes`. A file that cannot be read,
/// or is larger, is a failure of the tool; one that is not YAML, or not UTF-8, is a
/// finding.
pub fn check_file(path: &Path, rules: &RuleSet, max_bytes: u64) -> Result<FileReport, ToolError> {
    Ok(checked_file(path, rules, max_bytes)?.map_or_else(|r| r, FileReport::from))
}

/// Like [`check_file`], but keeps what the check loaded (the claims, the article and the
/// passages its quotes were found at), for front ends that show more than findings;
/// `Err` is the report of a file that is not text, which has no claims.
pub fn checked_file(
    path: &Path,
    rules: &RuleSet,
    max_bytes: u64,
) -> Result<Result<check::Checked, FileReport>, ToolError> {
    let name = display_name(path);
    let bytes = read::claims(path, max_bytes)
        .map_err(|why| ToolError::new(ErrorKind::Usage, format!("cannot read `{name}`: {why}")))?;
    Ok(checked_bytes(name, bytes, Some(path), rules))
}

/// Checks a claims file's bytes, shown as `name`: the run layer's part of a check. It
/// chooses the threads, and reads the article the file names, relative to `path` (where
/// the claims were read from a file), before the pure checks of [`crate::check`].
pub fn check_bytes(
    name: String,
    bytes: Vec<u8>,
    path: Option<&Path>,
    rules: &RuleSet,
) -> FileReport {
    checked_bytes(name, bytes, path, rules).map_or_else(|r| r, FileReport::from)
}

/// Like [`check_bytes`], but keeps what the check loaded (see [`checked_file`]).
pub fn checked_bytes(
    name: String,
    bytes: Vec<u8>,
    path: Option<&Path>,
    rules: &RuleSet,
) -> Result<check::Checked, FileReport> {
    let source = check::decode(name, bytes)?;
    let threads = threads_for(source.text.len());
    let loaded = check::load(source, rules, threads);
    let article = loaded
        .article_name()
        .map(|name| read::article(path, &loaded.file.source.name, name));
    Ok(check::check(loaded, rules, article.as_ref(), threads))
}

/// Files at least this large take a second thread where one is free: it parses while this
/// one loads the claims already parsed, then runs the other checks beside the numeric
/// ones. Smaller files are done sooner on one.
pub const TWO_THREADS_BYTES: usize = 256 * 1024;

/// The threads a file of `len` bytes is checked on: two where it is large, it is checked
/// alone (files checked side by side already keep the cores busy), and more than one
/// thread is allowed (`RAYON_NUM_THREADS=1`, or a one-core machine, keeps it on one).
pub fn threads_for(len: usize) -> Threads {
    if len < TWO_THREADS_BYTES || rayon::current_thread_index().is_some() {
        return Threads::One;
    }
    let allowed = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1);
    if allowed > 1 {
        Threads::Two
    } else {
        Threads::One
    }
}

/// The largest claims file read by default (`--max-file-size` changes it).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A path as shown: relative to the working folder where it lies below it, without `./`.
pub fn display_name(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let s = rel.display().to_string();
    s.strip_prefix("./").map_or(s.clone(), str::to_owned)
}

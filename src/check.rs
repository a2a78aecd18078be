//! One claims file, checked: load, run every check, then apply `allow` and the
//! severities of the rules.
//!
//! # The codes it reports
//!
#![doc = include_str!("../docs/codes/allow-unused.md")]

use crate::claim::ClaimsFile;
use crate::code::{Code, Level};
use crate::finding::Finding;
use crate::report::FileReport;
use crate::rules::RuleSet;
use crate::source::SourceFile;
use std::path::Path;
use std::sync::Arc;

/// A check: it reads the loaded file and adds its findings.
type Check = fn(&ClaimsFile, &RuleSet, &mut Vec<Finding>);

/// The checks, in the order they run. A new check is one more line here (between the
/// first and the last, it runs beside the numeric checks on a large file).
/// Quotes run last: they show the quoted passage with every finding of a claim.
const CHECKS: &[Check] = &[
    crate::numeric::check,
    crate::numeric::restate::check,
    crate::status::check,
    crate::quote::check,
];

/// Files at least this large take a second thread where one is free: it parses while this
/// one loads the claims already parsed, then runs the other checks beside the numeric
/// ones. Smaller files are done sooner on one.
pub const TWO_THREADS_BYTES: usize = 256 * 1024;

/// Whether a file of `len` bytes is worth a second thread: it is large, it is checked
/// alone (files checked side by side already keep the cores busy), and more than one
/// thread is allowed (`RAYON_NUM_THREADS=1`, or a one-core machine, keeps it on one).
pub fn two_threads(len: usize) -> bool {
    if len < TWO_THREADS_BYTES || rayon::current_thread_index().is_some() {
        return false;
    }
    let allowed = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1);
    allowed > 1
}

/// Checks one claims file's text; `path` is where it is on disk, if anywhere.
pub fn check_source(source: Arc<SourceFile>, path: Option<&Path>, rules: &RuleSet) -> FileReport {
    let mut out = Vec::new();
    let file = crate::load::load(&source, path, rules, &mut out);
    if two_threads(source.text.len()) {
        // The numeric checks on this thread, the others beside them; their findings in the
        // same order as on one thread. Quotes come last either way.
        let (first, others) = CHECKS.split_at(1);
        let (last, middle) = others
            .split_last()
            .map_or((None, others), |(l, m)| (Some(l), m));
        let run = |checks: &[Check], out: &mut Vec<Finding>| {
            checks.iter().for_each(|c| c(&file, rules, out));
        };
        let rest = std::thread::scope(|s| {
            let others = std::thread::Builder::new().spawn_scoped(s, || {
                let mut rest = Vec::new();
                run(middle, &mut rest);
                rest
            });
            run(first, &mut out);
            others.ok().and_then(|h| h.join().ok())
        });
        match rest {
            Some(mut rest) => out.append(&mut rest),
            // No thread to be had: run them here.
            None => run(middle, &mut out),
        }
        if let Some(quote) = last {
            quote(&file, rules, &mut out);
        }
    } else {
        for check in CHECKS {
            check(&file, rules, &mut out);
        }
    }
    apply_allow_and_severity(&file, rules, &mut out);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    FileReport {
        source,
        findings: out,
    }
}

/// Checks a claims file's bytes: a file that is not UTF-8, or holds a NUL, is a
/// `yaml/syntax` finding, not a failure of the tool.
pub fn check_bytes(
    name: String,
    bytes: Vec<u8>,
    path: Option<&Path>,
    rules: &RuleSet,
) -> FileReport {
    let bad = match std::str::from_utf8(&bytes) {
        Err(e) => Some((
            e.valid_up_to(),
            "the file is not UTF-8 (UTF-16 and other encodings are not read)".to_owned(),
        )),
        Ok(t) => t.find('\0').map(|i| {
            (
                i,
                "the file holds a NUL byte, which YAML forbids".to_owned(),
            )
        }),
    };
    match bad {
        // Valid UTF-8: the bytes become the text without a copy.
        None => check_source(
            SourceFile::new(name, String::from_utf8(bytes).unwrap_or_default()),
            path,
            rules,
        ),
        Some((at, why)) => {
            let text = String::from_utf8_lossy(&bytes[..at]).into_owned();
            let source = SourceFile::new(name, text);
            let at = source.text.len();
            let f = Finding::new(
                Code::YamlSyntax,
                &source,
                why,
                crate::source::Span::new(at, 0),
                "here",
            );
            FileReport {
                source,
                findings: vec![f],
            }
        }
    }
}

/// Drops findings a claim allows or whose code is `off`, sets severities, and reports
/// `allow` entries that silenced nothing.
fn apply_allow_and_severity(file: &ClaimsFile, rules: &RuleSet, out: &mut Vec<Finding>) {
    let mut used: Vec<Vec<bool>> = file
        .claims
        .iter()
        .map(|c| {
            c.allow
                .iter()
                .map(|a| rules.level(a.code) == Level::Off)
                .collect()
        })
        .collect();
    out.retain_mut(|f| {
        if let Some(c) = f.claim
            && let Some(claim) = file.claims.get(c)
            && let Some(k) = claim.allow.iter().position(|a| a.code == f.code)
        {
            used[c][k] = true;
            return false;
        }
        match rules.level(f.code) {
            Level::Off => false,
            Level::On(s) => {
                f.severity = s;
                true
            }
        }
    });
    if let Level::On(sev) = rules.level(Code::AllowUnused) {
        for (c, claim) in file.claims.iter().enumerate() {
            for (k, a) in claim.allow.iter().enumerate() {
                if !used[c][k] {
                    let mut f = Finding::new(
                        Code::AllowUnused,
                        &file.source,
                        format!(
                            "`{}` allows `{}`, but no such finding belongs to it",
                            claim.id, a.code
                        ),
                        a.span,
                        "silences nothing",
                    )
                    .owner(c, &claim.id)
                    .help("remove the entry: the claim it excused is now consistent");
                    f.severity = sev;
                    out.push(f);
                }
            }
        }
    }
}

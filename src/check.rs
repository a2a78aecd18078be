//! One claims file, checked: load it, run every check, then finish the findings (the
//! quoted passages attached, `allow` and the severities of the rules applied, sorted).
//!
//! Everything here is pure: the claims come as text, the article (if the file names
//! one) as text already read, and the caller says how many threads the file may use.
//! Reading files, finding the config and the source, and choosing threads belong to the
//! run layer ([`crate::run`]).
//!
//! # The codes it reports
//!
#![doc = include_str!("../docs/codes/allow-unused.md")]

use crate::claim::ClaimsFile;
use crate::code::{Code, Level};
use crate::finding::Finding;
use crate::quote::{Article, Passages};
use crate::report::FileReport;
use crate::rules::RuleSet;
use crate::source::{SourceFile, Span};
use std::sync::Arc;

/// How many threads the check of one file may use. The run layer decides
/// (`run::threads_for`); the checks never look at the machine or the environment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Threads {
    /// Everything on the calling thread.
    #[default]
    One,
    /// A second thread parses while the calling one loads the claims already parsed,
    /// then runs the other checks beside the numeric ones. The findings are the same as
    /// on one thread, in the same order.
    Two,
}

/// A claims file, loaded: its claims (with their spans, and the interval each quantity
/// reads as) and the findings about its form.
#[derive(Debug)]
pub struct Loaded {
    /// The claims.
    pub file: ClaimsFile,
    /// `yaml/syntax`, `schema/invalid`, `literal/invalid`, `unit/mismatch`: what could
    /// not be read (the claims at fault are left out of `file`).
    pub findings: Vec<Finding>,
}

impl Loaded {
    /// The article the file names in `document.source`, relative to the claims file, if
    /// it names one: what the caller reads and passes to [`check`].
    pub fn article_name(&self) -> Option<&str> {
        self.file.document.source.as_ref().map(|(s, _)| s.as_str())
    }
}

/// A claims file, checked: the loaded claims, and every finding, sorted by position.
#[derive(Debug)]
pub struct Checked {
    /// The claims, as loaded.
    pub file: ClaimsFile,
    /// Every finding, with the severities of the rules, sorted by position.
    pub findings: Vec<Finding>,
    /// Where each claim's quote was found, where the file names an article that was
    /// given (for front ends that show the article).
    pub passages: Option<Passages>,
}

impl From<Checked> for FileReport {
    fn from(c: Checked) -> FileReport {
        FileReport {
            source: c.file.source,
            findings: c.findings,
        }
    }
}

/// A check: it reads the loaded file and adds its findings.
type Check = fn(&ClaimsFile, &RuleSet, &mut Vec<Finding>);

/// The checks that need nothing but the claims and the rules, in the order they run. A
/// new check is one more line here (after the first, it runs beside the numeric checks
/// on two threads). Quotes, which also need the article, run after them.
const CHECKS: &[Check] = &[
    crate::numeric::check,
    crate::numeric::restate::check,
    crate::status::check,
];

/// Loads a claims file's text. `source.name` is the name its findings show.
pub fn load(source: Arc<SourceFile>, rules: &RuleSet, threads: Threads) -> Loaded {
    let mut findings = Vec::new();
    let file = crate::load::load(&source, rules, threads == Threads::Two, &mut findings);
    Loaded { file, findings }
}

/// Checks a loaded file. `article` is the text of the source it names, as the caller
/// read it (or why it could not); where the file names a source and `article` is
/// `None`, its quotes are left unchecked with a `source/unreadable` finding.
pub fn check(
    loaded: Loaded,
    rules: &RuleSet,
    article: Option<&Article>,
    threads: Threads,
) -> Checked {
    let Loaded {
        file,
        findings: mut out,
    } = loaded;
    run_checks(&file, rules, threads, &mut out);
    let passages = crate::quote::check(&file, article, &mut out);
    finish(&file, rules, passages.as_ref(), &mut out);
    Checked {
        file,
        findings: out,
        passages,
    }
}

/// Loads and checks a claims file's text: [`load`], then [`check`]. `article` is the
/// text of the source the file names in `document.source`, where the caller knows it.
pub fn check_text(
    source: Arc<SourceFile>,
    rules: &RuleSet,
    article: Option<&Article>,
    threads: Threads,
) -> Checked {
    check(load(source, rules, threads), rules, article, threads)
}

/// Reads a claims file's bytes as text: a file that is not UTF-8, or holds a NUL, is a
/// `yaml/syntax` finding (the report of the file), not a failure of the tool.
pub fn decode(name: String, bytes: Vec<u8>) -> Result<Arc<SourceFile>, FileReport> {
    // The text up to what is wrong, with why and what to do.
    let (text, why, help) = match String::from_utf8(bytes) {
        Ok(mut text) => match crate::source::first_byte(text.as_bytes(), 0) {
            // Valid UTF-8: the bytes become the text without a copy.
            None => return Ok(SourceFile::new(name, text)),
            Some(at) => {
                text.truncate(at);
                (
                    text,
                    "the file holds a NUL byte, which YAML forbids",
                    "remove the NUL byte: a claims file is text, and this one may have been saved by a program that writes binary",
                )
            }
        },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.truncate(at);
            (
                String::from_utf8(bytes).unwrap_or_default(),
                "the file is not UTF-8 (UTF-16 and other encodings are not read)",
                "save the claims file as UTF-8 text (most editors offer the encoding when saving)",
            )
        }
    };
    let source = SourceFile::new(name, text);
    let at = source.text.len();
    let f = Finding::new(Code::YamlSyntax, &source, why, Span::new(at, 0), "here").help(help);
    Err(FileReport {
        source,
        findings: vec![f],
    })
}

/// Runs [`CHECKS`]: on two threads, the numeric checks on this one and the others
/// beside them, their findings in the same order as on one.
fn run_checks(file: &ClaimsFile, rules: &RuleSet, threads: Threads, out: &mut Vec<Finding>) {
    let run = |checks: &[Check], out: &mut Vec<Finding>| {
        checks.iter().for_each(|c| c(file, rules, out));
    };
    if threads == Threads::One {
        run(CHECKS, out);
        return;
    }
    // The numeric checks come first: they check the assertions on their own on two
    // threads, then propagate on one while the other checks run on the second.
    let others = CHECKS.get(1..).unwrap_or_default();
    let mut rest = crate::numeric::check_beside(file, rules, out, || {
        let mut rest = Vec::new();
        run(others, &mut rest);
        rest
    });
    out.append(&mut rest);
}

/// After the checks, in one pass: the passage a claim quotes goes with each of its
/// findings; findings a claim allows, or whose code is `off`, are dropped; severities
/// are set; `allow` entries that silenced nothing are reported; all are sorted.
fn finish(file: &ClaimsFile, rules: &RuleSet, passages: Option<&Passages>, out: &mut Vec<Finding>) {
    if let Some(p) = passages {
        p.attach(file, out);
    }
    apply_allow_and_severity(file, rules, out);
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
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
                            "`{}` allows `{}`, but has no such finding to silence",
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

//! Benchmarks (divan): each stage alone, the whole check at three sizes, and a parse-only
//! baseline that deserializes the same file with the same YAML crate into typed structs
//! and does nothing else, so the cost of checking beyond parsing is visible.
//!
//! `cargo bench --bench check`. Figures and how to read them: docs/PERFORMANCE.md.

#![allow(missing_docs)]

mod baseline;
mod corpus;

use claimlint::rules::{RuleSet, load_defaults};
use claimlint::source::SourceFile;
use divan::{Bencher, black_box};
use std::sync::{Arc, OnceLock};

fn main() {
    divan::main();
}

fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| match load_defaults().and_then(|b| b.finish()) {
        Ok(r) => r,
        Err(e) => panic!("default rules: {e}"),
    })
}

fn file(n: usize) -> Arc<SourceFile> {
    SourceFile::new(format!("{n}.claims.yaml"), corpus::claims_file(n, 42))
}

const SIZES: &[usize] = &[1_000, 10_000, 100_000];

/// The whole check of one file: load, every check, allow and severities.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn whole_check(b: Bencher, n: usize) {
    let src = file(n);
    // The threads the command line would choose for this file.
    let threads = claimlint::run::threads_for(src.text.len());
    b.bench(|| {
        black_box(claimlint::check_text(
            Arc::clone(&src),
            rules(),
            None,
            threads,
        ))
    });
}

/// The report people read, with every snippet drawn (no colour, 100 columns), of the
/// whole check's findings: its time grows with the findings, not with the findings times
/// the file.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn human_report(b: Bencher, n: usize) {
    let src = file(n);
    let threads = claimlint::run::threads_for(src.text.len());
    let reports = [claimlint::FileReport::from(claimlint::check_text(
        src,
        rules(),
        None,
        threads,
    ))];
    b.bench(|| black_box(claimlint::output::human::render(&reports, false, 100)));
}

/// The parse-only baseline.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn parse_only_baseline(b: Bencher, n: usize) {
    let src = file(n);
    b.bench(|| black_box(baseline::parse(&src.text).map(|f| f.claims.len())));
}

const LITERALS: &[&str] = &[
    "20 mln",
    "more than 12.5 mln",
    "about half",
    "$2.4bn",
    "between 3 and 4 thousand",
    "10-12%",
    "3 pp",
    "nearly 1,250 people",
    "3 times",
    "unknown",
];

#[divan::bench]
fn literal_parsing(b: Bencher) {
    let r = rules();
    b.bench(|| {
        for l in LITERALS {
            black_box(claimlint::literal::parse(black_box(l), r).is_ok());
        }
    });
}

const FORMULAS: &[&str] = &[
    "share(monthly_users, residents) = half",
    "growth(users_2023, monthly_users) = 25%",
    "men + women + other = total",
    "max(a, b) - min(a, b) <= abs(c - d) * 2",
    "(x + y) / 2 >= 100% - z",
];

#[divan::bench]
fn formula_parsing(b: Bencher) {
    b.bench(|| {
        for f in FORMULAS {
            black_box(claimlint::formula::split_assertion(black_box(f), None).is_ok());
        }
    });
}

/// One check alone, over a loaded 10,000-claim file.
fn one_check(
    b: Bencher,
    check: fn(&claimlint::claim::ClaimsFile, &RuleSet, &mut Vec<claimlint::Finding>),
) {
    let src = file(10_000);
    let mut sink = Vec::new();
    let loaded = claimlint::load::load(&src, rules(), false, &mut sink);
    b.bench(|| {
        let mut out = Vec::new();
        check(&loaded, rules(), &mut out);
        black_box(out.len())
    });
}

/// Evaluation and propagation alone: the numeric checks of a loaded 10,000-claim file.
#[divan::bench(sample_count = 10)]
fn evaluation_and_propagation(b: Bencher) {
    one_check(b, claimlint::numeric::check);
}

/// Status checking alone, on a loaded 10,000-claim file.
#[divan::bench(sample_count = 10)]
fn status_checking(b: Bencher) {
    one_check(b, claimlint::status::check);
}

/// Loading the default rules: the work every run does before its first file.
#[divan::bench]
fn default_rules(b: Bencher) {
    b.bench(|| black_box(load_defaults().and_then(|r| r.finish()).is_ok()));
}

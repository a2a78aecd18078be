//! Where a fresh process spends the check of one claims file, stage by stage, as a run of
//! `claimlint FILE` goes: `cargo run --release --example anatomy -- FILE [RUNS]`.
//!
//! Each of RUNS processes (default 101) is this program started again on FILE: it
//! finishes the default rules, then reads, decodes, loads and checks the file in the steps
//! of `run::checked_file` (which the binary calls once it has parsed its arguments and
//! found its files), and renders the concise report, timing each stage.
//! The medians of each stage are printed, with the median of each whole process as this
//! program saw it from starting it to its exit: what is not in the stages is the system
//! starting and ending a process, and the runtime before `main`. Stages timed in a process
//! of their own pay what a real run pays (first touches of memory and code), which a loop
//! in one process (`examples/stages`) does not.

#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

use claimlint::check;
use claimlint::run::{self, read};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// The stages, in the order they run.
const STAGES: [&str; 6] = [
    "default rules read and finished",
    "file read",
    "decoded (UTF-8, line starts)",
    "loaded (YAML read, claims built)",
    "checked (with findings finished)",
    "rendered (concise)",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("--one"), Some(path)) => one(Path::new(path)),
        (Some(path), runs) if !path.starts_with('-') => {
            let runs = runs.and_then(|r| r.parse().ok()).unwrap_or(101);
            many(path, runs)
        }
        _ => {
            eprintln!("usage: anatomy FILE [RUNS]");
            ExitCode::from(2)
        }
    }
}

/// One check, in this process: the nanoseconds of each stage on one line.
fn one(path: &Path) -> ExitCode {
    let mut marks = [0u128; STAGES.len()];
    let mut t = Instant::now();
    let mut mark = |i: usize| {
        marks[i] = t.elapsed().as_nanos();
        t = Instant::now();
    };
    let Ok(rules) = claimlint::rules::finish_defaults() else {
        eprintln!("the default rules could not be read");
        return ExitCode::from(2);
    };
    mark(0);
    let Ok(bytes) = read::claims(path, run::MAX_FILE_BYTES) else {
        eprintln!("cannot read {}", path.display());
        return ExitCode::from(2);
    };
    mark(1);
    let Ok(source) = check::decode(run::display_name(path), bytes) else {
        eprintln!("{} is not text", path.display());
        return ExitCode::from(2);
    };
    mark(2);
    let threads = run::threads_for(source.text.len());
    let loaded = check::load(source, &rules, threads);
    mark(3);
    let article = loaded
        .article_name()
        .map(|name| read::article(Some(path), &loaded.file.source.name, name));
    let checked = check::check(loaded, &rules, article.as_ref(), threads);
    mark(4);
    // As the binary does, the claims are left to the system at exit, not freed.
    let check::Checked {
        file,
        findings,
        passages,
    } = checked;
    let reports = [claimlint::FileReport {
        source: std::sync::Arc::clone(&file.source),
        findings,
    }];
    let text = claimlint::output::concise::render(&reports);
    mark(5);
    std::mem::forget((file, passages, reports, text));
    let line: Vec<String> = marks.iter().map(u128::to_string).collect();
    println!("{}", line.join(" "));
    ExitCode::SUCCESS
}

/// `runs` processes of [`one`]: the median of each stage and of the whole process.
fn many(path: &str, runs: usize) -> ExitCode {
    let Ok(me) = std::env::current_exe() else {
        eprintln!("cannot find this program to start it again");
        return ExitCode::from(2);
    };
    let mut stages: Vec<Vec<u128>> = vec![Vec::with_capacity(runs); STAGES.len()];
    let mut whole = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new(&me)
            .args(["--one", path])
            .stderr(Stdio::inherit())
            .output();
        let elapsed = start.elapsed().as_nanos();
        let Ok(out) = out else {
            eprintln!("cannot start {}", me.display());
            return ExitCode::from(2);
        };
        if !out.status.success() {
            return ExitCode::from(2);
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let ns: Vec<u128> = text
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        if ns.len() != STAGES.len() {
            eprintln!("unexpected output: {text}");
            return ExitCode::from(2);
        }
        for (s, n) in stages.iter_mut().zip(ns) {
            s.push(n);
        }
        whole.push(elapsed);
    }
    let micros = |v: &mut Vec<u128>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or(0) as f64 / 1000.0
    };
    println!("{path}: medians of {runs} processes");
    let mut sum = 0.0;
    for (name, v) in STAGES.iter().zip(&mut stages) {
        let m = micros(v);
        sum += m;
        println!("  {name:<36} {m:>9.1} µs");
    }
    println!("  {:<36} {sum:>9.1} µs", "the stages (sum of the medians)");
    println!(
        "  {:<36} {:>9.1} µs",
        "the whole process",
        micros(&mut whole)
    );
    ExitCode::SUCCESS
}

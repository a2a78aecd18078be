//! Times each stage of one file's check, in process, three times over:
//! `cargo run --release --example stages -- FILE [ROUNDS]`.
//!
//! With ROUNDS, `check_text` then runs that many times more on one thread and the mean of
//! a round is printed: a steady loop to profile (`perf record -g`) or to compare builds by.
//!
//! The stages run one after another here (the parse on the loading thread where the file
//! is large enough for two), so their sum is more than a whole run on two threads; the
//! last line of each round times `check_text` on the threads the binary would choose.

#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

#[path = "../benches/baseline.rs"]
mod baseline;
#[path = "../benches/input.rs"]
mod input;

use claimlint::source::SourceFile;
use std::time::{Duration, Instant};

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed())
}

fn main() {
    let (path, text) = input::file_from_args("stages");
    let rules = match claimlint::rules::load_defaults().and_then(|b| b.finish()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("default rules: {e}");
            std::process::exit(2);
        }
    };
    for _ in 0..3 {
        let (parsed, base) = timed(|| baseline::parse(&text).map(|f| f.claims.len()));
        let src = SourceFile::new(path.clone(), text.clone());
        let (read, reading) = timed(|| {
            let mut n = 0usize;
            claimlint::yaml::parse_claims_fast(&src, false, &mut |h| match h {
                claimlint::yaml::Handed::Claim(..) => n += 1,
                claimlint::yaml::Handed::Retract => n = 0,
            })
            .map(|_| n)
        });
        let mut out = Vec::new();
        let (file, load) = timed(|| claimlint::load::load(&src, &rules, false, &mut out));
        let ((), solve) = timed(|| claimlint::numeric::check(&file, &rules, &mut out));
        let ((), restate) = timed(|| claimlint::numeric::restate::check(&file, &rules, &mut out));
        let ((), status) = timed(|| claimlint::status::check(&file, &rules, &mut out));
        let (_, quote) = timed(|| claimlint::quote::check(&file, None, &mut out));
        let ((), free) = timed(|| drop(file));
        println!(
            "parse-only {base:.2?} ({parsed:?} claims) | read {reading:.2?} ({:.0} MB/s, {read:?} claims) | \
             load {load:.2?} | numeric {solve:.2?} | restatements {restate:.2?} | statuses {status:.2?} | \
             quotes {quote:.2?} | free {free:.2?} | {} findings",
            text.len() as f64 / 1e6 / reading.as_secs_f64(),
            out.len()
        );
        let src = SourceFile::new(path.clone(), text.clone());
        let threads = claimlint::run::threads_for(src.text.len());
        let (checked, whole) = timed(|| claimlint::check_text(src, &rules, None, threads));
        let reports = [claimlint::FileReport::from(checked)];
        let (rendered, render) = timed(|| claimlint::output::concise::render(&reports));
        println!(
            "check_text {whole:.2?} | concise output {render:.2?} ({} bytes)",
            rendered.len()
        );
    }
    let rounds: u32 = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    if rounds > 0 {
        let mut findings = 0;
        let t = Instant::now();
        for _ in 0..rounds {
            let src = SourceFile::new(path.clone(), text.clone());
            let checked = claimlint::check_text(src, &rules, None, claimlint::check::Threads::One);
            findings += checked.findings.len();
        }
        println!(
            "check_text on one thread, {rounds} rounds: {:.2?} a round ({findings} findings in all)",
            t.elapsed() / rounds
        );
    }
}

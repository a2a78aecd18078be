//! Times each stage of one file's check.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::unwrap_used,
    missing_docs
)]
#[path = "../benches/baseline.rs"]
mod baseline;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let rules = claimlint::rules::load_defaults()
        .and_then(|b| b.finish())
        .unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let b = baseline::parse(&text).unwrap();
        let base = t.elapsed();
        drop(b);
        let src = claimlint::source::SourceFile::new(path.clone(), text.clone());
        let mut out = Vec::new();
        let t = Instant::now();
        let mut n = 0;
        claimlint::yaml::parse_claims_fast(&src, false, &mut |_| n += 1).unwrap();
        let events = t.elapsed();
        let t = Instant::now();
        let file = claimlint::load::load(&src, None, &rules, &mut out);
        let load = t.elapsed();
        let t = Instant::now();
        claimlint::solve::check(&file, &rules, &mut out);
        let solve = t.elapsed();
        let t = Instant::now();
        claimlint::restate::check(&file, &rules, &mut out);
        let restate = t.elapsed();
        let t = Instant::now();
        claimlint::status::check(&file, &rules, &mut out);
        let status = t.elapsed();
        let t = Instant::now();
        claimlint::quote::check(&file, &rules, &mut out);
        let quote = t.elapsed();
        let t = Instant::now();
        drop(file);
        let dropt = t.elapsed();
        let t = Instant::now();
        let src2 = claimlint::source::SourceFile::new(path.clone(), text.clone());
        let rep = claimlint::check_source(src2, None, &rules);
        let whole = t.elapsed();
        let t = Instant::now();
        let reps = vec![rep];
        let s = claimlint::output::concise::render(&reps);
        let render = t.elapsed();
        let t = Instant::now();
        drop(reps);
        let drop2 = t.elapsed();
        println!(
            "whole {whole:?} render {render:?} ({} bytes) drop report {drop2:?}",
            s.len()
        );
        println!(
            "base {base:?} events {events:?} load {load:?} solve {solve:?} restate {restate:?} status {status:?} quote {quote:?} drop {dropt:?} findings {}",
            out.len()
        );
    }
}

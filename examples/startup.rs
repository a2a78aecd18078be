//! Times what a run does before its first file, in process: the default rules read and
//! finished, and the index of phrase words the drafter builds on first use:
//! `cargo run --release --example startup`.

#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

use std::time::Instant;

fn main() {
    let t = Instant::now();
    let builder = match claimlint::rules::load_defaults() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("default rules: {e}");
            std::process::exit(2);
        }
    };
    let read = t.elapsed();
    let t = Instant::now();
    let rules = match builder.finish() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("default rules: {e}");
            std::process::exit(2);
        }
    };
    let finish = t.elapsed();
    let t = Instant::now();
    let words = rules.phrase_words().words.len();
    let phrase_words = t.elapsed();
    let t = Instant::now();
    let again = claimlint::rules::load_defaults().map(|b| b.finish().is_ok());
    let second = t.elapsed();
    println!(
        "read {read:.2?} | finish {finish:.2?} | phrase words {phrase_words:.2?} ({words} words) | \
         read and finish again {second:.2?} ({again:?})"
    );
}

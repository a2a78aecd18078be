//! Times reading one claims file, from its bytes to the trees the loader is handed, on one
//! thread, with each reader of the fast path alone: `cargo run --release --example read --
//! FILE [RUNS]`. Prints the fastest and the median run, and the throughput of each.

#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

#[path = "../benches/input.rs"]
mod input;

use claimlint::source::SourceFile;
use claimlint::yaml::outline::{self, Reader};
use std::time::Instant;

fn main() {
    let (path, text) = input::file_from_args("read");
    let runs: usize = std::env::args()
        .nth(2)
        .and_then(|r| r.parse().ok())
        .unwrap_or(11)
        .max(1);
    let src = SourceFile::new(path, text);
    let mb = src.text.len() as f64 / 1e6;
    for reader in [Reader::Scanner, Reader::Events] {
        let mut times = Vec::with_capacity(runs);
        let mut claims = None;
        for _ in 0..runs {
            let t = Instant::now();
            claims = outline::count(&src, reader);
            times.push(t.elapsed());
        }
        times.sort();
        let (min, median) = (times[0], times[runs / 2]);
        println!(
            "{reader:?}: {claims:?} claims, {mb:.1} MB | fastest {min:.2?} ({:.0} MB/s) | median {median:.2?} ({:.0} MB/s)",
            mb / min.as_secs_f64(),
            mb / median.as_secs_f64()
        );
    }
}

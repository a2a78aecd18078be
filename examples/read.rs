//! Times reading one claims file, from its bytes to the trees the loader is handed, on one
//! thread, with each reader of the fast path alone: `cargo run --release --example read --
//! FILE [RUNS]`. Prints the fastest and the median run, and the throughput of each. A run
//! of 50 ms or more is timed on the processor where the system tells it (Linux), so that
//! a busy machine, which takes the processor away from the thread, does not count; a
//! shorter one (the system counts in ticks), or elsewhere, in elapsed time.

#![allow(clippy::print_stdout, clippy::print_stderr, missing_docs)]

#[path = "../benches/input.rs"]
mod input;

use claimlint::source::SourceFile;
use claimlint::yaml::outline::{self, Reader};
use std::time::{Duration, Instant};

/// The time this thread has spent on a processor, where the system says.
fn on_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// How long `f` takes: on the processor where the system says and the run is long
/// enough, else elapsed.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let (cpu, wall) = (on_cpu(), Instant::now());
    let v = f();
    let elapsed = wall.elapsed();
    match (cpu, on_cpu()) {
        (Some(a), Some(b)) if elapsed >= Duration::from_millis(50) => (v, b.saturating_sub(a)),
        _ => (v, elapsed),
    }
}

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
            let (n, t) = timed(|| outline::count(&src, reader));
            claims = n;
            times.push(t);
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

//! The parse-only baseline as a program, to compare time and peak memory with
//! `claimlint` on the same file: `cargo run --release --example parse_only -- FILE`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../benches/baseline.rs"]
mod baseline;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_only FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    match baseline::parse(&text) {
        Some(f) => println!("{} claims", f.claims.len()),
        None => {
            eprintln!("not a claims file");
            std::process::exit(1);
        }
    }
}

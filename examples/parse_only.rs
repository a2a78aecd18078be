//! The parse-only baseline as a program, to compare time and peak memory with
//! `claimlint` on the same file: `cargo run --release --example parse_only -- FILE`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../benches/baseline.rs"]
mod baseline;

#[path = "../benches/input.rs"]
mod input;

fn main() {
    let (_, text) = input::file_from_args("parse_only");
    match baseline::parse(&text) {
        Some(f) => println!("{} claims", f.claims.len()),
        None => {
            eprintln!("not a claims file");
            std::process::exit(1);
        }
    }
}

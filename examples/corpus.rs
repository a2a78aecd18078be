//! Writes a generated claims file: `cargo run --release --example corpus -- CLAIMS [SEED] > big.claims.yaml`,
//! or a folder of files: `... -- --files F CLAIMS_PER_FILE DIR`.

#![allow(clippy::print_stderr)]

#[path = "../benches/corpus.rs"]
mod corpus;

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, d: u64| args.get(i).and_then(|a| a.parse::<u64>().ok()).unwrap_or(d);
    if args.first().map(String::as_str) == Some("--files") {
        let (files, per) = (num(1, 2000), num(2, 50) as usize);
        let dir = std::path::PathBuf::from(args.get(3).cloned().unwrap_or_else(|| "corpus".into()));
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            std::process::exit(2);
        }
        for f in 0..files {
            let path = dir.join(format!("f{f:05}.claims.yaml"));
            if let Err(e) = std::fs::write(&path, corpus::claims_file(per, f)) {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(2);
            }
        }
        return;
    }
    let text = corpus::claims_file(num(0, 1000) as usize, num(1, 42));
    let _ = std::io::stdout().write_all(text.as_bytes());
}

//! Writes the input of a language-server session, to time `claimlint lsp` from outside:
//! open a generated claims file, then CHANGES one-line edits, each followed by a hover
//! (which makes the server check the edit then, rather than once for all of them), then
//! shut down.
//!
//! `cargo run --release --example lsp_session -- CLAIMS CHANGES DIR > session.in`, then
//! `target/release/claimlint lsp < session.in > /dev/null` (with CHANGES and with 0: the
//! difference, divided by CHANGES, is the server's time for one change). The claims file
//! is written to DIR (a folder with `.git`, so that no config above it is found).
#![allow(clippy::print_stderr)]

#[path = "../benches/corpus.rs"]
mod corpus;

use serde_json::{Value, json};
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, d: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(d);
    let (claims, changes) = (num(0, 1000), num(1, 50));
    let dir = std::path::PathBuf::from(args.get(2).cloned().unwrap_or_else(|| ".".into()));
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let path = dir.join(format!("c{claims}.claims.yaml"));
    let text = corpus::claims_file(claims, 42);
    if let Err(e) =
        std::fs::create_dir_all(dir.join(".git")).and_then(|()| std::fs::write(&path, &text))
    {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(2);
    }
    let uri = claimlint::lsp::uri::from_path(&path);
    let middle = text.lines().count() / 2;
    let hover = |id: usize| {
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}})
    };
    let mut messages: Vec<Value> = vec![
        json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"processId": null, "capabilities": {}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
               "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}}),
        hover(1),
    ];
    for i in 0..changes {
        messages.push(json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": i + 2},
                       "contentChanges": [{"range": {"start": {"line": middle, "character": 0},
                                                     "end": {"line": middle, "character": 0}},
                                           "text": format!("# {}\n", i % 10)}]}}));
        messages.push(hover(i + 2));
    }
    messages.push(json!({"jsonrpc": "2.0", "id": changes + 2, "method": "shutdown"}));
    messages.push(json!({"jsonrpc": "2.0", "method": "exit"}));
    let mut out = std::io::stdout().lock();
    for m in messages {
        let body = m.to_string();
        if write!(out, "Content-Length: {}\r\n\r\n{body}", body.len()).is_err() {
            std::process::exit(1);
        }
    }
}

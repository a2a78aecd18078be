//! The language server's latency (divan): a one-character change to an open claims file
//! of 1,000 and 10,000 claims, from the `didChange` notification to its diagnostics
//! written as a protocol message. The rules are read when the file is opened, not on
//! each change.
//!
//! `cargo bench --bench lsp`. Figures: docs/PERFORMANCE.md.

#![allow(missing_docs)]

mod corpus;

use claimlint::lsp::Server;
use divan::{Bencher, black_box};
use lsp_server::{Message, Notification};
use serde_json::json;
use std::path::PathBuf;

fn main() {
    divan::main();
}

/// A server with the file open and checked once; the file's URI and text.
fn opened(n: usize) -> (Server, String, String) {
    // The corpus names no article: the check is the same in and out of the server.
    let dir = std::env::temp_dir().join(format!("claimlint-lsp-bench-{n}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(dir.join(".git"));
    let path: PathBuf = dir.join("bench.claims.yaml");
    let text = corpus::claims_file(n, 42);
    let _ = std::fs::write(&path, &text);
    let uri = claimlint::lsp::uri::from_path(&path);
    let mut s = Server::default();
    let mut out = Vec::new();
    let init = lsp_server::Request::new(
        1.into(),
        "initialize".to_owned(),
        json!({"processId": null, "capabilities": {}}),
    );
    s.handle(Message::Request(init), &mut out);
    s.handle(
        Message::Notification(Notification::new(
            "textDocument/didOpen".to_owned(),
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        )),
        &mut out,
    );
    s.check_pending(&mut out);
    (s, uri, text)
}

/// One keystroke: a digit of the middle line typed over, then the check and the
/// diagnostics written out as the server writes them.
#[divan::bench(args = [1_000, 10_000], sample_count = 20, sample_size = 1)]
fn change_to_published(b: Bencher, n: usize) {
    let (mut s, uri, text) = opened(n);
    let line = text.lines().count() / 2;
    let mut version = 1;
    let mut out = Vec::new();
    let mut wire = Vec::new();
    b.bench_local(|| {
        version += 1;
        let digit = if version % 2 == 0 { "7" } else { "8" };
        s.handle(
            Message::Notification(Notification::new(
                "textDocument/didChange".to_owned(),
                json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                                     "end": {"line": line, "character": 0}},
                                           "text": format!("# {digit}\n")}]}),
            )),
            &mut out,
        );
        s.check_pending(&mut out);
        wire.clear();
        for m in out.drain(..) {
            let _ = claimlint::lsp::transport::write_out(&mut wire, &m);
        }
        black_box(wire.len())
    });
}

/// The library's check of the same text alone (load and check, in process): what the
/// server adds is the difference.
#[divan::bench(args = [1_000, 10_000], sample_count = 20, sample_size = 1)]
fn check_only(b: Bencher, n: usize) {
    let text = corpus::claims_file(n, 42);
    let rules = match claimlint::rules::load_defaults().and_then(|r| r.finish()) {
        Ok(r) => r,
        Err(e) => panic!("default rules: {e}"),
    };
    let threads = claimlint::run::threads_for(text.len());
    b.bench_local(|| {
        let source = claimlint::source::SourceFile::new("bench.claims.yaml", text.as_str());
        black_box(
            claimlint::check_text(source, &rules, None, threads)
                .findings
                .len(),
        )
    });
}

//! Benchmarks of `claimlint draft` (divan): an article of 1,000 words, of 10,000 words,
//! and a text of 1 MB, made of the corpus articles of `tests/draft/` one after another.
//!
//! `cargo bench --bench draft`. Figures: docs/draft.md.

#![allow(missing_docs)]

use claimlint::draft::{Options, draft};
use claimlint::rules::{RuleSet, load_defaults};
use divan::{Bencher, black_box};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| match load_defaults().and_then(|b| b.finish()) {
        Ok(r) => r,
        Err(e) => panic!("default rules: {e}"),
    })
}

/// The corpus articles, in folder order.
fn articles() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/draft");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs.iter()
        .filter_map(|d| std::fs::read_to_string(d.join("article.md")).ok())
        .collect()
}

/// A text of at least `words` words, or of at least `bytes` bytes.
fn text(words: usize, bytes: usize) -> String {
    let all = articles();
    let mut s = String::new();
    let mut n = 0;
    for a in all.iter().cycle().take(100_000) {
        if (words > 0 && n >= words) || (bytes > 0 && s.len() >= bytes) || all.is_empty() {
            break;
        }
        // The body of each article: its headline is a line of its own.
        s.push_str(a);
        s.push_str("\n\n");
        n += a.split_whitespace().count();
    }
    if words > 0 {
        // Cut to the words asked for, at a sentence's end.
        let mut count = 0;
        let mut cut = s.len();
        for (i, w) in s.split_inclusive(char::is_whitespace).scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len();
            Some((at, w))
        }) {
            if !w.trim().is_empty() {
                count += 1;
            }
            if count >= words && w.trim_end().ends_with('.') {
                cut = i + w.len();
                break;
            }
        }
        s.truncate(cut);
    }
    s
}

#[divan::bench(args = [1_000, 10_000], sample_count = 20)]
fn draft_words(b: Bencher, words: usize) {
    let t = text(words, 0);
    let opts = Options::default();
    b.bench(|| black_box(draft(black_box(&t), &opts, rules())));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn draft_one_megabyte(b: Bencher) {
    let t = text(0, 1 << 20);
    let opts = Options::default();
    b.bench(|| black_box(draft(black_box(&t), &opts, rules())));
}

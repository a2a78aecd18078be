//! Pre-digests the default rules: their YAML is parsed here, at build time, into tables
//! from which a run builds the node trees the rules loader reads, so that a run does not
//! parse 15 KB of YAML before its first file. The trees carry the same spans as a parse at
//! run time (a test compares them), so `claimlint rules` still says where each default
//! came from.
//!
//! The phrases of the default lifecycles are folded here too, with their lines, so that a
//! run takes the default vocabulary as it is instead of folding thousands of phrases
//! before its first file; a phrase listed twice fails the build.
//!
//! On Linux with glibc it also decides how the program links (`build/link.rs`).

#[path = "src/rules/fold.rs"]
mod fold;
#[path = "build/link.rs"]
mod link;
#[path = "src/rules/phrase_hash.rs"]
mod phrase_hash;
#[path = "src/yaml/raw.rs"]
mod raw;

use raw::Raw;
use serde_saphyr::Spanned;
use std::fmt::Write as _;

const FILES: &[&str] = &["literals", "units", "functions", "lifecycles", "draft"];

fn span(loc: &serde_saphyr::Location) -> (usize, usize) {
    raw::byte_span(loc).unwrap_or((0, 0))
}

/// Where a node stands in a default rules file. In the lifecycles file the lists of
/// phrases are left empty in the tree: the phrases come folded, in `DEFAULT_PHRASES`.
#[derive(Clone, Copy, PartialEq)]
enum At {
    Other,
    Root,
    Lifecycles,
    Definition,
    Listings,
    Phrases,
}

impl At {
    fn child(self, key: Option<&str>) -> At {
        match (self, key) {
            (At::Root, Some("lifecycles")) => At::Lifecycles,
            (At::Lifecycles, _) => At::Definition,
            (At::Definition, Some("phrases" | "negated" | "possible")) => At::Listings,
            (At::Listings, _) => At::Phrases,
            _ => At::Other,
        }
    }
}

/// The tables a default rules file's tree is built from at run time: its nodes in
/// pre-order, and the texts of its scalars (numbers rather than code, so that the
/// binary holds a few kilobytes of data where it held a function of 150 KB run once, and
/// rather than string references, which would each cost a relocation at every start).
#[derive(Default)]
struct Tree {
    /// `[kind, a, b, span start, span length]`: a scalar's text is `text[a..b]`; a
    /// sequence's or mapping's `a` counts its items or entries, which follow it (a
    /// mapping's as key then value).
    nodes: Vec<[usize; 5]>,
    text: String,
}

/// The kinds of node in the tables, written into the generated code too, which the
/// loader reads them back by.
const KINDS: [(&str, usize); 4] = [
    ("NODE_NULL", NULL),
    ("NODE_SCALAR", SCALAR),
    ("NODE_SEQ", SEQ),
    ("NODE_MAP", MAP),
];
const NULL: usize = 0;
const SCALAR: usize = 1;
const SEQ: usize = 2;
const MAP: usize = 3;

impl Tree {
    /// Adds the node as `yaml::parse` would have read it (less the phrases of the
    /// lifecycles file).
    fn emit(&mut self, source: &str, n: &Spanned<Raw>, at: At) {
        let (start, len) = span(&n.referenced);
        let at_node = self.nodes.len();
        self.nodes.push([NULL, 0, 0, start, len]);
        let (kind, a, b) = match &n.value {
            Raw::Null => (NULL, 0, 0),
            Raw::Plain | Raw::Str(_) => {
                let from = self.text.len();
                self.text.push_str(scalar(source, n).unwrap_or(""));
                (SCALAR, from, self.text.len())
            }
            Raw::Seq(items) => {
                let kept: &[_] = if at == At::Phrases { &[] } else { items };
                for i in kept {
                    self.emit(source, i, At::Other);
                }
                (SEQ, kept.len(), 0)
            }
            Raw::Map(entries) => {
                for (k, v) in entries {
                    self.emit(source, k, At::Other);
                    self.emit(source, v, at.child(scalar(source, k)));
                }
                (MAP, entries.len(), 0)
            }
        };
        self.nodes[at_node] = [kind, a, b, start, len];
    }
}

fn scalar<'a>(text: &'a str, n: &'a Spanned<Raw>) -> Option<&'a str> {
    match &n.value {
        Raw::Plain => {
            let (ds, dl) = span(&n.defined);
            text.get(ds..ds + dl)
        }
        Raw::Str(s) => Some(s),
        _ => None,
    }
}

fn entries(n: &Spanned<Raw>) -> &[(Spanned<Raw>, Spanned<Raw>)] {
    match &n.value {
        Raw::Map(e) => e,
        _ => &[],
    }
}

fn get<'a>(text: &str, n: &'a Spanned<Raw>, key: &str) -> Option<&'a Spanned<Raw>> {
    entries(n)
        .iter()
        .find(|(k, _)| scalar(text, k) == Some(key))
        .map(|(_, v)| v)
}

/// The phrases of the default lifecycles, in the order the rules loader lists them, each
/// as (lifecycle, state, polarity, text, folded, line), and the filler words they were
/// folded with, as Rust code.
fn default_phrases(text: &str, root: &Spanned<Raw>) -> String {
    let words = |n: Option<&Spanned<Raw>>| -> Vec<String> {
        match n.map(|n| &n.value) {
            Some(Raw::Seq(items)) => items
                .iter()
                .filter_map(|i| scalar(text, i))
                .map(|w| {
                    w.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut filler = words(get(text, root, "filler_words"));
    filler.sort();
    filler.dedup();
    let mut seen = std::collections::HashMap::new();
    let mut rows = Vec::new();
    for (name, def) in entries(get(text, root, "lifecycles").unwrap_or(root)) {
        let name = scalar(text, name).unwrap_or("");
        let states: Vec<&str> = match get(text, def, "states").map(|n| &n.value) {
            Some(Raw::Seq(items)) => items.iter().filter_map(|i| scalar(text, i)).collect(),
            _ => Vec::new(),
        };
        assert!(
            !states.is_empty(),
            "the default lifecycle `{name}` has no `states`"
        );
        for (key, listings) in entries(def) {
            let polarity = match scalar(text, key) {
                Some("phrases") => 0,
                Some("negated") => 1,
                Some("possible") => 2,
                _ => continue,
            };
            for (state, list) in entries(listings) {
                let state = scalar(text, state).unwrap_or("");
                let index = states
                    .iter()
                    .position(|s| *s == state)
                    .unwrap_or_else(|| panic!("`{state}` is no state of `{name}`"));
                let Raw::Seq(items) = &list.value else {
                    continue;
                };
                for w in items {
                    let phrase = scalar(text, w).unwrap_or("");
                    let folded = fold::fold_phrase_with(phrase, |x| {
                        filler.binary_search_by(|f| f.as_str().cmp(x)).is_ok()
                    });
                    assert!(
                        !folded.is_empty(),
                        "the default phrase `{phrase}` folds to nothing"
                    );
                    if let Some(first) = seen.insert(folded.clone(), phrase.to_owned()) {
                        panic!("the default phrases `{first}` and `{phrase}` fold alike");
                    }
                    let start = span(&w.referenced).0;
                    let line = text.get(..start).unwrap_or("").matches('\n').count() + 1;
                    rows.push((name, index, polarity, phrase.to_owned(), folded, line));
                }
            }
        }
    }
    // Lifecycle by lifecycle in the order of their names (the loader's map), each one's
    // phrases in listed order. Numbers only, the texts as ranges of one string: a table of
    // string references would cost the program a relocation each, at every start.
    rows.sort_by_key(|r| r.0);
    let mut names: Vec<&str> = rows.iter().map(|r| r.0).collect();
    names.dedup();
    let mut blob = String::new();
    let mut out = String::from("pub(super) static DEFAULT_PHRASES: &[[u32; 8]] = &[\n");
    for (name, state, polarity, phrase, folded, line) in &rows {
        let lifecycle = names.iter().position(|n| n == name).unwrap_or(0);
        let t = blob.len();
        blob.push_str(phrase);
        let (f, g) = if folded == phrase {
            (t, blob.len())
        } else {
            let f = blob.len();
            blob.push_str(folded);
            (f, blob.len())
        };
        let _ = writeln!(
            out,
            "    [{lifecycle}, {state}, {polarity}, {t}, {}, {f}, {g}, {line}],",
            t + phrase.len()
        );
    }
    out.push_str("];\n/// The indexes of `DEFAULT_PHRASES` in the order of their folded texts.\n");
    let mut sorted: Vec<usize> = (0..rows.len()).collect();
    sorted.sort_by(|&a, &b| rows[a].4.cmp(&rows[b].4));
    assert!(
        rows.len() <= usize::from(u16::MAX),
        "too many default phrases for the index"
    );
    let _ = writeln!(
        out,
        "pub(super) static DEFAULT_PHRASES_SORTED: &[u16] = &{sorted:?};"
    );
    // The phrases by the hash of their folded text (`src/rules/phrase_hash.rs`), with
    // linear probing, in a table at most half full: each slot holds a row of
    // `DEFAULT_PHRASES` plus one, or 0 where it is empty.
    let slots = (2 * rows.len()).next_power_of_two().max(2);
    let mut table = vec![0u16; slots];
    let mut longest = 0;
    for (r, row) in rows.iter().enumerate() {
        let mut i = phrase_hash::slot(&row.4, slots);
        let mut probes = 1;
        while table[i] != 0 {
            i = (i + 1) & (slots - 1);
            probes += 1;
        }
        table[i] = u16::try_from(r + 1).unwrap_or(u16::MAX);
        longest = longest.max(probes);
    }
    // The longest run of full slots bounds every lookup, a phrase of the table or not.
    let mut run = 0;
    let mut longest_run = 0;
    for s in table.iter().chain(table.iter()) {
        run = if *s == 0 { 0 } else { run + 1 };
        longest_run = longest_run.max(run);
    }
    assert!(
        longest_run <= 64,
        "a run of {longest_run} full slots in the table of default phrases"
    );
    let _ = writeln!(
        out,
        "/// The rows of `DEFAULT_PHRASES` plus one by the hash of their folded text (0: none);\n\
         /// no run of full slots is longer than {longest_run}, no phrase more than {longest} probes away.\n\
         pub(super) static DEFAULT_PHRASE_SLOTS: &[u16] = &{table:?};"
    );
    // Each lifecycle's rows, in the order of `DEFAULT_LIFECYCLES`.
    let mut ranges: Vec<[usize; 2]> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let lifecycle = names.iter().position(|n| *n == row.0).unwrap_or(0);
        match ranges.get_mut(lifecycle) {
            Some(range) => range[1] = r + 1,
            None => ranges.push([r, r + 1]),
        }
    }
    let _ = writeln!(
        out,
        "/// The rows of `DEFAULT_PHRASES` of each lifecycle, in the order of `DEFAULT_LIFECYCLES`.\n\
         pub(super) static DEFAULT_LIFECYCLE_ROWS: &[[u32; 2]] = &{ranges:?};"
    );
    out.push_str("/// The texts `DEFAULT_PHRASES` are ranges of.\n");
    let _ = writeln!(
        out,
        "pub(super) static DEFAULT_PHRASE_TEXT: &str = {blob:?};"
    );
    let _ = writeln!(
        out,
        "/// The lifecycles `DEFAULT_PHRASES` name, by index.\n\
         pub(super) static DEFAULT_LIFECYCLES: &[&str] = &{names:?};"
    );
    out.push_str("/// The filler words the default phrases were folded with.\n");
    let _ = writeln!(
        out,
        "pub(super) static DEFAULT_FILLER: &[&str] = &{filler:?};"
    );
    out
}

fn main() {
    // How the build links, for the tests.
    println!("cargo:rustc-env=CLAIMLINT_LINKAGE={}", link::link());
    let mut code = String::from(
        "// Generated by build.rs from rules/*.yaml: the default rules as node trees.\n",
    );
    let mut tree = Tree::default();
    let mut roots = Vec::new();
    let mut phrases = String::new();
    println!("cargo:rerun-if-changed=src/rules/fold.rs");
    for (i, name) in FILES.iter().enumerate() {
        let path = format!("rules/{name}.yaml");
        println!("cargo:rerun-if-changed={path}");
        println!("cargo:rerun-if-changed=src/yaml/raw.rs");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let options = raw::options(text.len(), serde_saphyr::DuplicateKeyPolicy::PassThrough);
        let root: Spanned<Raw> = serde_saphyr::from_str_with_options(&text, options)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let at = if *name == "lifecycles" {
            At::Root
        } else {
            At::Other
        };
        roots.push(tree.nodes.len());
        tree.emit(&text, &root, at);
        if *name == "lifecycles" {
            phrases = default_phrases(&text, &root);
            let _ = writeln!(
                phrases,
                "/// The index in `DEFAULTS_FILES` of the file they are listed in.\n\
                 pub(super) const DEFAULT_PHRASES_FILE: usize = {i};"
            );
        }
    }
    for (name, kind) in KINDS {
        let _ = writeln!(
            code,
            "/// A node kind of `DEFAULT_TREE_NODES`.\npub(super) const {name}: u32 = {kind};"
        );
    }
    code.push_str(
        "/// The nodes of the default rules files' trees in pre-order, each as [kind \
         (`NODE_NULL` ...), text start or count of items or entries, text end, span start, \
         span length].\n",
    );
    assert!(
        tree.nodes
            .iter()
            .flatten()
            .all(|&v| u32::try_from(v).is_ok()),
        "the default rules are too large for their tables"
    );
    let _ = writeln!(
        code,
        "pub(super) static DEFAULT_TREE_NODES: &[[u32; 5]] = &{:?};",
        tree.nodes
    );
    code.push_str("/// The texts of their scalars.\n");
    let _ = writeln!(
        code,
        "pub(super) static DEFAULT_TREE_TEXT: &str = {:?};",
        tree.text
    );
    code.push_str("/// Where each file's root is in `DEFAULT_TREE_NODES`, in the order of `DEFAULTS_FILES`.\n");
    let _ = writeln!(
        code,
        "pub(super) static DEFAULT_TREE_ROOTS: &[usize] = &{roots:?};"
    );
    code.push_str("/// Where the lines of each default rules file start, by file.\n");
    code.push_str("pub(super) static DEFAULT_LINE_STARTS: &[&[usize]] = &[\n");
    for name in FILES {
        let text = std::fs::read_to_string(format!("rules/{name}.yaml")).unwrap_or_default();
        assert!(
            !text.starts_with('\u{feff}'),
            "rules/{name}.yaml starts with a BOM"
        );
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let _ = writeln!(code, "    &{starts:?},");
    }
    code.push_str("];\n");
    code.push_str(
        "/// The phrases of the default lifecycles, by lifecycle name, each one's in listed \
         order: [lifecycle, state, polarity (0 affirmed, 1 negated, 2 possible), text start, \
         text end, folded start, folded end, line].\n",
    );
    code.push_str(&phrases);
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()))
        .join("default_rules.rs");
    std::fs::write(&out, code).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

//! A claims file's YAML -> [`ClaimsFile`], with `yaml/syntax`, `schema/invalid`,
//! `literal/invalid` and `unit/mismatch` findings for what cannot be read.
//!
//! A claim with a problem is reported and left out of the checks, so that one typo gives
//! one finding and not a cascade; every other claim is still checked.
//!
//! # The codes it reports
//!
#![doc = include_str!("../../docs/codes/yaml-syntax.md")]
#![doc = include_str!("../../docs/codes/schema-invalid.md")]
#![doc = include_str!("../../docs/codes/literal-invalid.md")]
#![doc = include_str!("../../docs/codes/unit-mismatch.md")]

use crate::claim::{ClaimsFile, Document, IdIndex, Text};
use crate::code::Code;
use crate::finding::Finding;
use crate::hash::{TextMap, text_map};
use crate::literal::{Literal, LiteralError};
use crate::rules::RuleSet;
use crate::source::{SourceFile, Span};
use crate::suggest::closest;
use crate::time::{self, TIME_FORMS, Time};
use crate::yaml::{self, Node, NodeKind};

mod item;
mod quantity;
mod slip;
use std::sync::Arc;

/// The keys a claim may carry.
pub const CLAIM_KEYS: &[&str] = &[
    "id",
    "value",
    "unit",
    "measure",
    "domain",
    "assert",
    "status",
    "subject",
    "quote",
    "as_of",
    "published",
    "note",
    "allow",
];
const COMMON_KEYS: &[&str] = &["id", "quote", "as_of", "published", "note", "allow"];
const QUANTITY_KEYS: &[&str] = &["value", "unit", "measure", "domain"];
const ASSERTION_KEYS: &[&str] = &["assert"];
const STATUS_KEYS: &[&str] = &["status", "subject"];

/// The place of `key` in [`CLAIM_KEYS`], if it is one: one comparison of its text.
#[inline]
fn claim_key(key: &str) -> Option<usize> {
    Some(match key {
        "id" => 0,
        "value" => 1,
        "unit" => 2,
        "measure" => 3,
        "domain" => 4,
        "assert" => 5,
        "status" => 6,
        "subject" => 7,
        "quote" => 8,
        "as_of" => 9,
        "published" => 10,
        "note" => 11,
        "allow" => 12,
        _ => return None,
    })
}

/// The values of a claim's keys, each key found once (the first, where one is written
/// twice), rather than searched for each time it is asked for.
struct Fields<'n, 'a> {
    first: [Option<&'n Node<'a>>; CLAIM_KEYS.len()],
    /// Whether every key is a claim key, written once: then none is a duplicate.
    distinct: bool,
}

impl<'n, 'a> Fields<'n, 'a> {
    fn new(entries: &'n [(Node<'a>, Node<'a>)]) -> Self {
        let mut f = Fields {
            first: [None; CLAIM_KEYS.len()],
            distinct: true,
        };
        for (k, v) in entries {
            match k.as_str().and_then(claim_key) {
                Some(i) => match f.first.get_mut(i) {
                    Some(slot @ None) => *slot = Some(v),
                    _ => f.distinct = false,
                },
                None => f.distinct = false,
            }
        }
        f
    }

    /// The value of `key`, a claim key.
    fn get(&self, key: &str) -> Option<&'n Node<'a>> {
        claim_key(key).and_then(|i| self.first.get(i).copied().flatten())
    }
}

/// Loads a claims file. Findings about its form go to `out`. With `pipelined`, a second
/// thread parses while this one loads the claims already parsed (the caller decides).
pub fn load(
    source: &Arc<SourceFile>,
    rules: &RuleSet,
    pipelined: bool,
    out: &mut Vec<Finding>,
) -> ClaimsFile {
    let mut file = ClaimsFile {
        source: Arc::clone(source),
        document: Document::default(),
        claims: Vec::new(),
        ids: crate::hash::text_map(0),
        time_labels: Vec::new(),
    };
    let mut l = Loader {
        src: source,
        rules,
        out,
        pending: Vec::new(),
        label: None,
        labels: Vec::new(),
        literal: None,
    };

    // The fast path hands over each claim as it is read; where it gives up, what it made
    // is dropped and the generic path reads the file again, reporting what is unusual.
    let mark = l.out.len();
    // Sized once from an upper bound (every claim has an `id:`), so that a large file's
    // claims are not copied as the list grows.
    let expected = count_id_keys(source.text.as_bytes()).min(source.text.len() / 8);
    let mut claims = Vec::with_capacity(expected);
    let mut ids: IdIndex = text_map(expected);
    // The literal of a claim's `value:` is read beside the loading, on the parsing
    // thread: it needs nothing but its text and the rules. On one thread the loader reads
    // it where it needs it (a date, or a claim refused before its value, needs none).
    let prepare = |item: &Node| -> Option<Result<Literal, LiteralError>> {
        if !pipelined {
            return None;
        }
        let NodeKind::Map(entries) = &item.kind else {
            return None;
        };
        let value = field(entries, "value")?.as_str()?;
        Some(crate::literal::parse(value, rules))
    };
    let fast = yaml::parse_claims_prepared(source, pipelined, &prepare, &mut |item| match item {
        yaml::Handed::Claim(item, literal) => {
            l.literal = literal.take();
            if let Some(c) = l.claim(item, &mut ids, claims.len()) {
                l.keep_label(claims.len());
                claims.push(c);
            }
        }
        yaml::Handed::Retract => {
            l.out.truncate(mark);
            l.labels.clear();
            l.pending.clear();
            claims.clear();
            ids.clear();
        }
    });
    match fast {
        Some(document) => {
            if let Some(d) = document {
                file.document = l.document(&d);
            }
            file.claims = claims;
        }
        None => {
            l.out.truncate(mark);
            l.labels.clear();
            drop(claims);
            ids.clear();
            l.generic(&mut file, &mut ids);
        }
    }
    file.ids = ids;
    // A claim without `as_of` takes the document's date (the document may come last).
    for c in &mut file.claims {
        if !c.has_as_of {
            c.time = file.document.date;
        }
    }
    // Relative times of claims without `published` resolve against the document's day,
    // known only now.
    let pending = std::mem::take(&mut l.pending);
    for p in pending {
        l.resolve_relative(&mut file, p);
    }
    file.time_labels = std::mem::take(&mut l.labels);
    file.time_labels.sort_unstable_by_key(|(i, _)| *i);
    file
}

/// A relative `as_of` that waits for `document.date`.
struct Pending {
    id: Box<str>,
    text: String,
    span: Span,
}

impl Loader<'_> {
    /// The generic path: the whole file as a tree of nodes.
    fn generic(&mut self, file: &mut ClaimsFile, ids: &mut IdIndex) {
        let source = self.src;
        let root = match yaml::parse(source) {
            Ok(Some(root)) => root,
            Ok(None) => {
                self.out.push(
                    schema(
                        source,
                        Span::new(0, 0),
                        "the file holds no claims: it needs a `claims:` list",
                        "empty",
                    )
                    .help("start with `claims: []`, or run `claimlint init`"),
                );
                return;
            }
            Err(e) if e.several_documents => {
                self.out.push(
                    schema(
                        source,
                        e.span,
                        "the file holds several YAML documents",
                        "a second document starts here",
                    )
                    .help("a claims file is one document: split it into several files"),
                );
                return;
            }
            Err(e) => {
                let finding = match slip::recognise(&source.text, e.span.start, &e.message) {
                    Some(s) => Finding::new(Code::YamlSyntax, source, s.message, s.span, s.label)
                        .help(s.help),
                    // The parser's words, said to be the YAML's, with the usual fixes.
                    None if e.message.starts_with("the file") => {
                        Finding::new(Code::YamlSyntax, source, e.message, e.span, "here")
                    }
                    None => Finding::new(Code::YamlSyntax, source, not_yaml(&e.message), e.span, "here")
                        .help("look at this spot for an unclosed bracket or quote, a colon and a space inside a value (quote the value), or a key out of line"),
                };
                self.out.push(finding);
                return;
            }
        };
        let Some(entries) = self.mapping(&root, "the file") else {
            return;
        };
        self.duplicate_keys(entries);
        let mut claims_node = None;
        for (k, v) in entries {
            match k.as_str() {
                Some("document") => file.document = self.document(v),
                Some("claims") => claims_node = Some(v),
                other => {
                    self.unknown_key(k, other.unwrap_or(""), &["document", "claims"], "the file")
                }
            }
        }
        let Some(claims) = claims_node else {
            self.out.push(
                schema(
                    source,
                    root.span,
                    "the file has no `claims:` list",
                    "claims are missing",
                )
                .help("add `claims:` with the claims under it as a list, or `claims: []`"),
            );
            return;
        };
        let items: &[Node] = match &claims.kind {
            NodeKind::Seq(items) => items,
            NodeKind::Null => &[],
            _ => {
                self.out.push(
                    schema(
                        source,
                        claims.span,
                        format!("`claims` must be a list, not {}", claims.kind_name()),
                        "not a list",
                    )
                    .help("start each claim with `- id:`, one under the other"),
                );
                return;
            }
        };
        for item in items {
            if let Some(c) = self.claim(item, ids, file.claims.len()) {
                self.keep_label(file.claims.len());
                file.claims.push(c);
            }
        }
    }
}

/// A quarter or half-year written the other way round or in lower case (`Q3 2024`,
/// `2024-h1`), as the time it means (`2024-Q3`, `2024-H1`).
fn time_written_otherwise(t: &str) -> Option<String> {
    let t = t.trim();
    let part = |p: &str| {
        let p = p.to_ascii_uppercase();
        matches!(p.as_str(), "Q1" | "Q2" | "Q3" | "Q4" | "H1" | "H2").then_some(p)
    };
    let year =
        |y: &str| (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())).then(|| y.to_owned());
    let (a, b) = t.split_once([' ', '-'])?;
    let fix = match (part(a), year(b), year(a), part(b)) {
        (Some(p), Some(y), _, _) | (_, _, Some(y), Some(p)) => format!("{y}-{p}"),
        _ => return None,
    };
    (fix != t).then_some(fix)
}

/// A parser's message as claimlint's: `the file is not valid YAML: …`.
fn not_yaml(message: &str) -> String {
    format!("the file is not valid YAML: {message}")
}

fn schema(
    src: &Arc<SourceFile>,
    span: Span,
    msg: impl Into<String>,
    label: impl Into<String>,
) -> Finding {
    Finding::new(Code::SchemaInvalid, src, msg, span, label)
}

struct Loader<'a> {
    src: &'a Arc<SourceFile>,
    rules: &'a RuleSet,
    out: &'a mut Vec<Finding>,
    /// Relative times to resolve once `document.date` is known.
    pending: Vec<Pending>,
    /// The time label of the claim just read, until it is kept.
    label: Option<Box<str>>,
    /// Time labels by claim index.
    labels: Vec<(u32, Box<str>)>,
    /// The literal of the claim's `value:`, where it was read beside the loading.
    literal: Option<Result<Literal, LiteralError>>,
}

impl Loader<'_> {
    /// Files the label of the claim just read under its index.
    fn keep_label(&mut self, index: usize) {
        if let (Some(l), Ok(i)) = (self.label.take(), u32::try_from(index)) {
            self.labels.push((i, l));
        }
    }
}

impl Loader<'_> {
    fn mapping<'n, 'a>(
        &mut self,
        node: &'n Node<'a>,
        what: &str,
    ) -> Option<&'n [(Node<'a>, Node<'a>)]> {
        match &node.kind {
            NodeKind::Map(m) => Some(m),
            _ => {
                self.out.push(
                    schema(
                        self.src,
                        self.whole(node),
                        format!("{what} must be a mapping, not {}", node.kind_name()),
                        "expected a mapping",
                    )
                    .help("write its keys and values one per line, `key: value`, lined up under each other"),
                );
                None
            }
        }
    }

    /// A span worth labelling for a node: containers have an empty span at their start.
    fn whole(&self, node: &Node) -> Span {
        if node.span.len > 0 {
            return node.span;
        }
        let rest = &self.src.text[node.span.start.min(self.src.text.len())..];
        let len = rest.find('\n').unwrap_or(rest.len()).min(80);
        Span::new(node.span.start, len)
    }

    fn text(&mut self, node: &Node, key: &str) -> Option<Text> {
        let s = self.scalar(node, key)?;
        Some(Text {
            text: s.into(),
            span: node.span,
            verbatim: verbatim_skip(&self.src.text, node.span, s),
        })
    }

    /// A scalar's text; anything else is reported.
    fn scalar<'n>(&mut self, node: &'n Node, key: &str) -> Option<&'n str> {
        let s = node.as_str();
        if s.is_none() {
            let help = if matches!(node.kind, NodeKind::Null) {
                format!("write a value after `{key}:`, or drop the key")
            } else {
                format!(
                    "write one value after `{key}:`, on the same line (in quotes if it holds `: ` or starts with a quote mark)"
                )
            };
            self.out.push(
                schema(
                    self.src,
                    self.whole(node),
                    format!("`{key}` must be a scalar, not {}", node.kind_name()),
                    "expected a scalar",
                )
                .help(help),
            );
        }
        s
    }

    fn duplicate_keys(&mut self, entries: &[(Node, Node)]) {
        // Small mappings (every claim) are scanned; large ones are hashed.
        let mut seen: TextMap<&str, Span> = text_map(0);
        for (i, (k, _)) in entries.iter().enumerate() {
            let Some(name) = k.as_str() else { continue };
            let first = if entries.len() <= 16 {
                entries[..i]
                    .iter()
                    .find(|(e, _)| e.as_str() == Some(name))
                    .map(|(e, _)| e.span)
            } else {
                let f = seen.get(name).copied();
                seen.entry(name).or_insert(k.span);
                f
            };
            if let Some(first) = first {
                self.out.push(
                    schema(
                        self.src,
                        k.span,
                        format!("duplicate key `{name}`"),
                        "written again here",
                    )
                    .label(first, "first written here")
                    .help("a key may stand once in a mapping: keep one of them"),
                );
            }
        }
    }

    fn unknown_key(&mut self, k: &Node, name: &str, known: &[&str], what: &str) {
        let mut f = schema(
            self.src,
            self.whole(k),
            format!("unknown key `{name}` in {what}"),
            "unknown key",
        );
        f = match closest(name, known.iter().copied()) {
            Some(c) => f.help(format!("did you mean `{c}`?")),
            None => f.help(format!("valid keys: {}", known.join(", "))),
        };
        self.out.push(f);
    }

    fn time_context(&self, reference: Option<i64>) -> time::Context {
        time::Context {
            fiscal_year_start: self.rules.fiscal_year_start.value,
            reference,
        }
    }

    fn not_a_time(&mut self, node: &Node, t: &str, why: Option<String>) {
        let f = schema(
            self.src,
            self.whole(node),
            why.unwrap_or_else(|| format!("`{t}` is not a time")),
            "not a time",
        )
        .help(match time_written_otherwise(t) {
            Some(fix) => format!("write `{fix}`: a time is {TIME_FORMS}"),
            None => format!("a time is {TIME_FORMS}"),
        });
        self.out.push(f);
    }

    /// A claim's `as_of`: its time and label, or, for a relative time with no `published`
    /// day, nothing yet (it waits for `document.date`).
    fn as_of(
        &mut self,
        node: &Node,
        id: Option<&str>,
        published: Option<i64>,
    ) -> (Option<Time>, Option<Box<str>>) {
        let Some(t) = self.scalar(node, "as_of") else {
            return (None, None);
        };
        match Time::read(t, &self.time_context(published)) {
            Ok(r) => (Some(r.time), r.label(t)),
            Err(time::TimeError::NoReference) => {
                if let Some(id) = id {
                    self.pending.push(Pending {
                        id: id.into(),
                        text: t.to_owned(),
                        span: self.whole(node),
                    });
                }
                (None, None)
            }
            Err(time::TimeError::Wrong(why)) => {
                let t = t.to_owned();
                self.not_a_time(node, &t, Some(why));
                (None, None)
            }
            Err(time::TimeError::Invalid) => {
                let t = t.to_owned();
                self.not_a_time(node, &t, None);
                (None, None)
            }
        }
    }

    /// A day (`published`): `2024-10-14`, nothing else.
    fn day(&mut self, node: &Node, key: &str) -> Option<i64> {
        let t = self.scalar(node, key)?;
        match Time::parse(t) {
            Some(d) if d.is_day() => Some(d.first),
            _ => {
                let f = schema(
                    self.src,
                    self.whole(node),
                    format!("`{key}` is a day, not `{t}`"),
                    "not a day",
                )
                .help("write the day the text was published: `2024-10-14`");
                self.out.push(f);
                None
            }
        }
    }

    /// `document.date`: any time but a relative one.
    fn document_date(&mut self, node: &Node) -> (Option<Time>, Option<Box<str>>) {
        let Some(t) = self.scalar(node, "date") else {
            return (None, None);
        };
        let t = t.to_owned();
        match Time::read(&t, &self.time_context(None)) {
            Ok(r) if !r.relative => (Some(r.time), r.label(&t)),
            Ok(_) | Err(time::TimeError::NoReference) => {
                self.not_a_time(
                    node,
                    &t,
                    Some(format!("`document.date` is never relative, and `{t}` is")),
                );
                (None, None)
            }
            Err(time::TimeError::Wrong(why)) => {
                self.not_a_time(node, &t, Some(why));
                (None, None)
            }
            Err(time::TimeError::Invalid) => {
                self.not_a_time(node, &t, None);
                (None, None)
            }
        }
    }

    /// Resolves a relative `as_of` against `document.date`, which must be a day.
    fn resolve_relative(&mut self, file: &mut ClaimsFile, p: Pending) {
        let reference = file.document.date.filter(Time::is_day).map(|d| d.first);
        let read = Time::read(&p.text, &self.time_context(reference));
        let Some(i) = file.claim_index(&p.id) else {
            return;
        };
        match read {
            Ok(r) => {
                if let Some(c) = file.claims.get_mut(i) {
                    c.time = Some(r.time);
                    if let (Some(l), Ok(i)) = (r.label(&p.text), u32::try_from(i)) {
                        self.labels.push((i, l));
                    }
                }
            }
            Err(_) => {
                let f = schema(
                    self.src,
                    p.span,
                    format!(
                        "`{}` is a relative time, but there is no day to resolve it against",
                        p.text
                    ),
                    "relative to what?",
                )
                .help("give the claim `published: 2024-10-14` (the day its text appeared), or the document a `date` that is a day");
                self.out.push(f);
            }
        }
    }

    fn document(&mut self, node: &Node) -> Document {
        let mut d = Document::default();
        let Some(entries) = self.mapping(node, "`document`") else {
            return d;
        };
        self.duplicate_keys(entries);
        for (k, v) in entries {
            match k.as_str() {
                Some("title") => {
                    self.scalar(v, "title");
                }
                Some("source") => {
                    d.source = self.text(v, "source").map(|t| (t.text.into(), t.span))
                }
                Some("date") => (d.date, d.date_label) = self.document_date(v),
                other => self.unknown_key(
                    k,
                    other.unwrap_or(""),
                    &["title", "source", "date"],
                    "`document`",
                ),
            }
        }
        d
    }
}

/// The value of `key` in a mapping (the first, where it is written twice).
fn field<'n, 'a>(entries: &'n [(Node<'a>, Node<'a>)], key: &str) -> Option<&'n Node<'a>> {
    entries
        .iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

/// How many times `id:` is written in `bytes`: sixteen positions at a time, each
/// compared whole without a branch, so that the comparisons run side by side.
fn count_id_keys(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut k = 0;
    while let Some(w) = bytes
        .get(k..k + 18)
        .and_then(|w| <&[u8; 18]>::try_from(w).ok())
    {
        let mut c = 0u8;
        for j in 0..16 {
            c += u8::from((w[j] == b'i') & (w[j + 1] == b'd') & (w[j + 2] == b':'));
        }
        n += usize::from(c);
        k += 16;
    }
    let rest = bytes.get(k..).unwrap_or_default();
    n + rest.windows(3).filter(|&t| t == b"id:").count()
}

fn kind_name(keys: &[&str]) -> &'static str {
    match keys.first() {
        Some(&"value") => "a quantity",
        Some(&"assert") => "an assertion",
        _ => "a status",
    }
}

/// How far into a scalar its text starts (0 plain, 1 quoted), if the file holds the text
/// verbatim there.
fn verbatim_skip(file: &str, span: Span, text: &str) -> Option<u8> {
    let raw = file.get(span.start..span.end())?;
    // A scalar read in place is the file's own bytes there: equal without a comparison.
    if (std::ptr::eq(raw.as_ptr(), text.as_ptr()) && raw.len() == text.len()) || raw == text {
        return Some(0);
    }
    let inner = raw.get(1..raw.len().checked_sub(1)?)?;
    let quoted = (raw.starts_with('"') && raw.ends_with('"'))
        || (raw.starts_with('\'') && raw.ends_with('\''));
    (quoted && inner == text).then_some(1)
}

#[cfg(test)]
mod tests {
    use super::count_id_keys;
    use super::time_written_otherwise as fix;
    use super::{CLAIM_KEYS, Fields, claim_key};
    use crate::yaml::{Node, NodeKind};
    use proptest::prelude::*;

    #[test]
    fn each_claim_key_is_found_at_its_place() {
        for (i, k) in CLAIM_KEYS.iter().enumerate() {
            assert_eq!(claim_key(k), Some(i), "{k}");
        }
        for other in ["", "Id", "ids", "as-of", "values", "allows"] {
            assert_eq!(claim_key(other), None, "{other}");
        }
    }

    #[test]
    fn fields_give_the_first_value_and_see_repeated_or_unknown_keys() {
        let node = |s: &'static str| Node {
            kind: NodeKind::Scalar(s.into()),
            span: crate::source::Span::default(),
        };
        let entries = |keys: &[&'static str]| -> Vec<(Node<'static>, Node<'static>)> {
            keys.iter()
                .enumerate()
                .map(|(i, k)| (node(k), node(["a", "b", "c"][i % 3])))
                .collect()
        };
        let e = entries(&["id", "value", "unit"]);
        let f = Fields::new(&e);
        assert!(f.distinct);
        assert_eq!(f.get("value").and_then(Node::as_str), Some("b"));
        assert_eq!(f.get("quote").and_then(Node::as_str), None);
        let e = entries(&["id", "value", "id"]);
        let f = Fields::new(&e);
        assert!(!f.distinct);
        assert_eq!(f.get("id").and_then(Node::as_str), Some("a"));
        let e = entries(&["id", "vlaue"]);
        assert!(!Fields::new(&e).distinct);
    }

    proptest! {
        /// Sixteen positions at a time count what a look at every position counts:
        /// `id:` at every offset around the blocks' edges, and near misses.
        #[test]
        fn id_keys_are_counted_as_at_every_position(s in "(id:|id|d:|i|:|x|\n|é){0,40}") {
            let every = s.as_bytes().windows(3).filter(|w| *w == b"id:").count();
            prop_assert_eq!(count_id_keys(s.as_bytes()), every, "{:?}", s);
        }
    }

    #[test]
    fn id_keys_at_each_offset_are_counted() {
        for at in 0..40 {
            let mut s = "x".repeat(at);
            s.push_str("id:");
            s.push_str(&"y".repeat(40 - at));
            assert_eq!(count_id_keys(s.as_bytes()), 1, "{s}");
            assert_eq!(count_id_keys(&s.as_bytes()[..at + 2]), 0, "{s}");
        }
        assert_eq!(count_id_keys(b""), 0);
        assert_eq!(count_id_keys(b"id:id:id:"), 3);
    }

    #[test]
    fn a_quarter_written_the_other_way_round_is_given_back_as_a_time() {
        assert_eq!(fix("Q3 2024").as_deref(), Some("2024-Q3"));
        assert_eq!(fix("H1 2024").as_deref(), Some("2024-H1"));
        assert_eq!(fix("2024-h1").as_deref(), Some("2024-H1"));
        assert_eq!(fix("2024-Q3"), None);
        assert_eq!(fix("2024-13"), None);
        assert_eq!(fix("FY24"), None);
    }
}

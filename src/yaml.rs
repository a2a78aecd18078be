//! YAML text -> a tree of nodes with byte spans. The only module that names the YAML crate.
//!
//! Claims, rules and config files are all read through [`parse`]: one YAML document, under
//! the YAML 1.2 core schema with strict booleans, with every duplicate key kept (so that
//! the loader can label both), anchors and aliases bounded, and a node budget that grows
//! with the file so that a large honest file is never refused while a hostile one is.
//! A scalar keeps the text it was written as: `12.50` stays `12.50`, never a float.

use crate::source::{SourceFile, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::borrow::Cow;
use std::fmt;

/// One YAML node and where it stands.
#[derive(Debug, Clone)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// Where it is written (for an alias, the alias); containers have an empty span at
    /// their start.
    pub span: Span,
}

/// The kinds of node.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// `~`, `null` or nothing.
    Null,
    /// A scalar, with its text as written (the decoded text of a quoted scalar).
    Scalar(Cow<'static, str>),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, duplicate keys included, in file order.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn entries(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            NodeKind::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// A word for what this node is, for messages ("a mapping").
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Scalar(_) => "a scalar",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// A YAML file that could not be read, with where.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// What went wrong, without a position prefix.
    pub message: String,
    /// Where.
    pub span: Span,
    /// Whether the file holds more than one document (not a syntax error, but a file
    /// of the wrong shape).
    pub several_documents: bool,
}

/// Parses one YAML document. `None` for an empty document (or one of only comments).
pub fn parse(file: &SourceFile) -> Result<Option<Node>, YamlError> {
    let text = file.text.as_str();
    let max_nodes = 10_000usize.saturating_add(text.len() / 2);
    let budget = serde_saphyr::budget! {
        max_nodes: max_nodes,
        max_events: max_nodes.saturating_mul(4),
        max_depth: 64,
        max_documents: 2,
    };
    let options = serde_saphyr::options! {
        budget: budget,
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(root) if matches!(root.value, Raw::Null) => Ok(None),
        Ok(root) => Ok(Some(convert(text, root))),
        Err(e) => {
            let span = e.location().map_or(Span::new(text.len(), 0), |loc| {
                let off = loc.span().byte_offset().map_or_else(
                    || file.offset_of(loc.line() as usize, loc.column() as usize),
                    |o| o as usize,
                );
                Span::new(off.min(text.len()), 0)
            });
            let raw = e.to_string();
            Err(YamlError {
                several_documents: raw.contains("multiple YAML documents"),
                message: clean_message(&raw),
                span,
            })
        }
    }
}

/// The fast path for a well-formed claims file: typed structs, which the YAML crate reads
/// faster than a generic tree, turned into the same tree `parse` gives. Anything unusual
/// (an unknown key, a duplicate, a null or a list where a scalar belongs, several
/// documents) makes it give up, and the caller takes the generic path, which reports it.
///
/// Each claim is handed to `on_claim` as soon as it is read, so that a large file never
/// stands whole in memory as a tree. Returns the `document:` node, if any; `None` where
/// the fast path gave up (the caller then discards what `on_claim` made of the claims).
pub fn parse_claims_fast(
    file: &SourceFile,
    on_claim: &mut dyn FnMut(Node),
) -> Option<Option<Node>> {
    let text = file.text.as_str();
    let max_nodes = 10_000usize.saturating_add(text.len() / 2);
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: max_nodes,
            max_events: max_nodes.saturating_mul(4),
            max_depth: 64,
            max_documents: 2,
        },
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    };
    // A document marker on a later line may start a second document: the generic path
    // reports that.
    if text.contains("\n---") || text.contains("\n...") {
        return None;
    }
    let typed = serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| {
        serde::de::DeserializeSeed::deserialize(fast::FileSeed { text, on_claim }, de)
    })
    .ok()?;
    Some(typed.document_node(text))
}

/// Typed structs of a well-formed claims file.
mod fast {
    use super::{Node, NodeKind, span_of};
    use crate::source::Span;
    use serde::Deserialize;
    use serde_saphyr::Spanned;
    use std::borrow::Cow;

    /// A scalar field: absent by default; a null, a list or a mapping is an error (so
    /// that the generic path reports it).
    #[derive(Default)]
    pub struct Field(Option<Spanned<String>>);

    impl<'de> Deserialize<'de> for Field {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Spanned::<String>::deserialize(d).map(|s| Field(Some(s)))
        }
    }

    /// The file: a mapping of `document` and `claims`. Written by hand so that each
    /// claim becomes a node as soon as it is read: the typed structs of a large file never
    /// all stand in memory at once.
    pub struct File {
        document: Option<Document>,
    }

    /// Reads a file, with its text at hand for the spans of keys, handing each claim on.
    pub struct FileSeed<'t, 'f> {
        pub text: &'t str,
        pub on_claim: &'f mut dyn FnMut(Node),
    }

    impl<'de> serde::de::DeserializeSeed<'de> for FileSeed<'_, '_> {
        type Value = File;
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<File, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> serde::de::Visitor<'de> for FileSeed<'_, '_> {
        type Value = File;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a claims file")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<File, A::Error> {
            use serde::de::Error;
            let (mut document, mut claims) = (None, false);
            while let Some(key) = m.next_key::<String>()? {
                match key.as_str() {
                    "document" if document.is_none() => {
                        document = Some(m.next_value::<Document>()?)
                    }
                    "claims" if !claims => {
                        m.next_value_seed(ClaimsSeed {
                            text: self.text,
                            on_claim: &mut *self.on_claim,
                        })?;
                        claims = true;
                    }
                    _ => return Err(A::Error::custom("not the fast path")),
                }
            }
            if !claims {
                return Err(A::Error::custom("no claims"));
            }
            Ok(File { document })
        }
    }

    struct ClaimsSeed<'t, 'f> {
        text: &'t str,
        on_claim: &'f mut dyn FnMut(Node),
    }

    impl<'de> serde::de::DeserializeSeed<'de> for ClaimsSeed<'_, '_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> serde::de::Visitor<'de> for ClaimsSeed<'_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of claims")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while let Some(c) = seq.next_element::<Claim>()? {
                (self.on_claim)(c.into_node(self.text));
            }
            Ok(())
        }
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Document {
        #[serde(default)]
        title: Field,
        #[serde(default)]
        source: Field,
        #[serde(default)]
        date: Field,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Claim {
        #[serde(default)]
        id: Field,
        #[serde(default)]
        value: Field,
        #[serde(default)]
        unit: Field,
        #[serde(default)]
        measure: Field,
        #[serde(default)]
        domain: Field,
        #[serde(default)]
        assert: Field,
        #[serde(default)]
        status: Field,
        #[serde(default)]
        subject: Field,
        #[serde(default)]
        quote: Field,
        #[serde(default)]
        as_of: Field,
        #[serde(default)]
        note: Field,
        #[serde(default)]
        allow: Option<Vec<Allow>>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Allow {
        #[serde(default)]
        code: Field,
        #[serde(default)]
        reason: Field,
    }

    /// Where the key of a value is written: the last `key:` before the value (within a
    /// few KiB, so that the search stays short), else an empty span at the value.
    fn key_span(text: &str, key: &str, value: Span) -> Span {
        let end = value.start.min(text.len());
        let mut start = end.saturating_sub(4096);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let window = text.get(start..end).unwrap_or("");
        let mut upto = window.len();
        while let Some(i) = window[..upto].rfind(key) {
            let after = window[i + key.len()..].trim_start_matches([' ', '\t']);
            let before_ok = i == 0
                || window[..i]
                    .ends_with(|c: char| c.is_whitespace() || c == '{' || c == ',' || c == '-');
            if before_ok && after.starts_with(':') {
                return Span::new(start + i, key.len());
            }
            upto = i;
        }
        Span::new(value.start, 0)
    }

    fn scalar(s: Cow<'static, str>, span: Span) -> Node {
        Node {
            kind: NodeKind::Scalar(s),
            span,
        }
    }

    /// The (key, value) entries of the fields present, in file order.
    fn entries(text: &str, fields: Vec<(&'static str, Field)>) -> Vec<(Node, Node)> {
        let mut v: Vec<(Node, Node)> = fields
            .into_iter()
            .filter_map(|(k, f)| {
                let s = f.0?;
                let span = span_of(&s.referenced).unwrap_or_default();
                Some((
                    scalar(Cow::Borrowed(k), key_span(text, k, span)),
                    scalar(Cow::Owned(s.value), span),
                ))
            })
            .collect();
        v.sort_by_key(|(_, val)| val.span.start);
        v
    }

    fn map(entries: Vec<(Node, Node)>) -> Node {
        let span = entries.first().map_or(Span::default(), |(k, _)| k.span);
        Node {
            kind: NodeKind::Map(entries),
            span,
        }
    }

    impl File {
        /// The `document:` mapping, as the generic path gives it.
        pub fn document_node(self, text: &str) -> Option<Node> {
            let d = self.document?;
            Some(map(entries(
                text,
                vec![("title", d.title), ("source", d.source), ("date", d.date)],
            )))
        }
    }

    impl Claim {
        fn into_node(self, text: &str) -> Node {
            let mut e = entries(
                text,
                vec![
                    ("id", self.id),
                    ("value", self.value),
                    ("unit", self.unit),
                    ("measure", self.measure),
                    ("domain", self.domain),
                    ("assert", self.assert),
                    ("status", self.status),
                    ("subject", self.subject),
                    ("quote", self.quote),
                    ("as_of", self.as_of),
                    ("note", self.note),
                ],
            );
            if let Some(allow) = self.allow {
                let items: Vec<Node> = allow
                    .into_iter()
                    .map(|a| map(entries(text, vec![("code", a.code), ("reason", a.reason)])))
                    .collect();
                let span = items.first().map_or(Span::default(), |n| n.span);
                let key = scalar(Cow::Borrowed("allow"), key_span(text, "allow", span));
                let at = e
                    .iter()
                    .position(|(_, v)| v.span.start > span.start)
                    .unwrap_or(e.len());
                e.insert(
                    at,
                    (
                        key,
                        Node {
                            kind: NodeKind::Seq(items),
                            span,
                        },
                    ),
                );
            }
            map(e)
        }
    }
}

/// The crate's message starts with "line L column C: " and may carry a snippet: keep the
/// sentence alone, since our own report shows the position.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let rest = match first.strip_prefix("line ") {
        Some(r) => r.split_once(": ").map_or(first, |(_, m)| m),
        None => first,
    };
    let rest = rest
        .split("; use from_str_multiple")
        .next()
        .unwrap_or(rest)
        .trim();
    // Our report shows the position: drop the crate's own ` at line L, column C`.
    let rest = match rest.rfind(" at line ") {
        Some(i) if rest[i..].contains("column") => rest[..i].trim(),
        _ => rest,
    };
    if rest.starts_with("budget breached") {
        // A node, depth or alias budget: say what it protects against.
        let what = rest.trim_start_matches("budget breached:").trim();
        let what = what.split(" (").next().unwrap_or(what);
        let what = what.split(" at line").next().unwrap_or(what);
        return format!(
            "the file is larger or nests deeper than claimlint reads, or expands too far through anchors and aliases ({what})"
        );
    }
    if rest.is_empty() {
        "the file is not valid YAML".to_owned()
    } else {
        rest.to_owned()
    }
}

fn span_of(loc: &serde_saphyr::Location) -> Option<Span> {
    let sp = loc.span();
    Some(Span::new(
        usize::try_from(sp.byte_offset()?).ok()?,
        usize::try_from(sp.byte_len()?).ok()?,
    ))
}

fn convert(text: &str, node: Spanned<Raw>) -> Node {
    let span = span_of(&node.referenced).unwrap_or_default();
    let kind = match node.value {
        Raw::Null => NodeKind::Null,
        // Numbers and booleans are read from their source text (of the anchor, for an
        // alias), never through a float.
        Raw::Plain => {
            let defined = span_of(&node.defined).unwrap_or(span);
            NodeKind::Scalar(Cow::Owned(
                text.get(defined.start..defined.end())
                    .unwrap_or("")
                    .to_owned(),
            ))
        }
        Raw::Str(s) => NodeKind::Scalar(Cow::Owned(s)),
        Raw::Seq(items) => NodeKind::Seq(items.into_iter().map(|n| convert(text, n)).collect()),
        Raw::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(text, k), convert(text, v)))
                .collect(),
        ),
    };
    Node { kind, span }
}

/// What the YAML crate hands over, before spans are attached.
enum Raw {
    Null,
    /// A number or boolean: its text is taken from the source.
    Plain,
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML node")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Plain)
    }
    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::Str(s))
    }
    fn visit_bytes<E>(self, b: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(b).into_owned()))
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = a.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = a.next_key()? {
            let v = a.next_value()?;
            entries.push((k, v));
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Option<Node>, YamlError> {
        parse(&SourceFile::new("t.yaml", s))
    }

    fn scalar_of<'a>(n: &'a Node, key: &str) -> Option<&'a str> {
        match &n.kind {
            NodeKind::Map(m) => m
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .and_then(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    #[test]
    fn numbers_keep_their_source_text() -> Result<(), String> {
        let n = parse_str("a: 12.50\nb: 1e400\nc: off\nd: 2024-10-14\n")
            .map_err(|e| e.message)?
            .ok_or("empty")?;
        assert_eq!(scalar_of(&n, "a"), Some("12.50"));
        assert_eq!(scalar_of(&n, "b"), Some("1e400"));
        assert_eq!(scalar_of(&n, "c"), Some("off"));
        assert_eq!(scalar_of(&n, "d"), Some("2024-10-14"));
        Ok(())
    }

    #[test]
    fn duplicate_keys_are_kept() -> Result<(), String> {
        let n = parse_str("a: 1\na: 2\n")
            .map_err(|e| e.message)?
            .ok_or("empty")?;
        match n.kind {
            NodeKind::Map(m) => assert_eq!(m.len(), 2),
            _ => return Err("not a map".into()),
        }
        Ok(())
    }

    #[test]
    fn empty_and_comment_only_are_none() {
        assert!(matches!(parse_str(""), Ok(None)));
        assert!(matches!(parse_str("# only\n"), Ok(None)));
    }

    #[test]
    fn syntax_error_has_a_position() {
        let e = parse_str("a: [1, 2\nb: 3\n").err();
        assert!(e.is_some_and(|e| e.span.start > 0 && !e.message.starts_with("line")));
    }

    /// A tree as text: scalars with their spans, containers without (the two paths may
    /// place a container's empty span differently).
    fn shape(n: &Node, out: &mut String) {
        match &n.kind {
            NodeKind::Null => out.push_str("null"),
            NodeKind::Scalar(s) => out.push_str(&format!("{s:?}@{}+{}", n.span.start, n.span.len)),
            NodeKind::Seq(items) => {
                out.push('[');
                items.iter().for_each(|i| {
                    shape(i, out);
                    out.push(',');
                });
                out.push(']');
            }
            NodeKind::Map(entries) => {
                out.push('{');
                for (k, v) in entries {
                    shape(k, out);
                    out.push(':');
                    shape(v, out);
                    out.push(',');
                }
                out.push('}');
            }
        }
    }

    /// The fast path gives the tree the generic path gives, for every fixture it takes.
    #[test]
    fn the_fast_path_gives_the_generic_tree() -> Result<(), String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
            .map(|e| e.path().join("claims.yaml"))
            .collect();
        files.push(root.join("claims.yaml"));
        files.push(root.join("tests/formats/claims.yaml"));
        let mut fast_taken = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| e.to_string())?;
            let src = SourceFile::new("c.yaml", text);
            let mut claims = Vec::new();
            let Some(document) = parse_claims_fast(&src, &mut |n| claims.push(n)) else {
                continue;
            };
            fast_taken += 1;
            let generic = parse(&src).map_err(|e| e.message)?.ok_or("empty")?;
            let field = |key: &str| {
                generic
                    .entries()
                    .and_then(|e| e.iter().find(|(k, _)| k.as_str() == Some(key)))
                    .map(|(_, v)| v.clone())
            };
            let (mut a, mut b) = (String::new(), String::new());
            for n in document.iter().chain(&claims) {
                shape(n, &mut a);
            }
            for n in field("document").iter().chain(
                field("claims")
                    .as_ref()
                    .and_then(Node::items)
                    .unwrap_or(&[]),
            ) {
                shape(n, &mut b);
            }
            assert_eq!(a, b, "{}", f.display());
        }
        assert!(
            fast_taken > 20,
            "the fast path took only {fast_taken} files"
        );
        Ok(())
    }

    #[test]
    fn several_documents_are_an_error() {
        assert!(parse_str("---\na: 1\n---\nb: 2\n").is_err());
    }
}

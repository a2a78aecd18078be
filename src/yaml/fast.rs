//! Typed structs of a well-formed claims file.

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
                "document" if document.is_none() => document = Some(m.next_value::<Document>()?),
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

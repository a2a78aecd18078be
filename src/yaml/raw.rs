//! What the YAML crate hands over, and the options it reads with: shared by the parser
//! (`yaml.rs`) and the build script, which pre-digests the default rules with exactly
//! the same reading. Names nothing of the crate around it, so that both can include it.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// The options every file is read with: one YAML 1.2 document, strict booleans,
/// non-finite floats passed through (their text is what counts), and a node budget that
/// grows with the file.
pub(crate) fn options(
    len: usize,
    duplicate_keys: serde_saphyr::DuplicateKeyPolicy,
) -> serde_saphyr::Options {
    let max_nodes = 10_000usize.saturating_add(len / 2);
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: max_nodes,
            max_events: max_nodes.saturating_mul(4),
            max_depth: 64,
            max_documents: 2,
        },
        strict_booleans: true,
        duplicate_keys: duplicate_keys,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    }
}

/// The byte offset and length of a location, where the crate knows them.
pub(crate) fn byte_span(loc: &serde_saphyr::Location) -> Option<(usize, usize)> {
    let sp = loc.span();
    Some((
        usize::try_from(sp.byte_offset()?).ok()?,
        usize::try_from(sp.byte_len()?).ok()?,
    ))
}

/// What the YAML crate hands over, before spans are attached.
pub(crate) enum Raw {
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

pub(crate) struct RawVisitor;

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

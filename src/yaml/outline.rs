//! A claims file's `document` and claims as one line of text, as each of the two ways of
//! reading it gives them: the fast path and the generic path (serde-saphyr). The tests
//! and the `fast_path` fuzz target compare the two.

use super::{Handed, Node, NodeKind, parse, parse_claims_fast};
use crate::source::SourceFile;

/// Appends a tree as text: scalars with their spans, containers without (the two paths
/// may place a container's empty span differently).
pub fn node(n: &Node, out: &mut String) {
    match &n.kind {
        NodeKind::Null => out.push_str("null"),
        NodeKind::Scalar(s) => out.push_str(&format!("{s:?}@{}+{}", n.span.start, n.span.len)),
        NodeKind::Seq(items) => {
            out.push('[');
            for i in items {
                node(i, out);
                out.push(',');
            }
            out.push(']');
        }
        NodeKind::Map(entries) => {
            out.push('{');
            for (k, v) in entries {
                node(k, out);
                out.push(':');
                node(v, out);
                out.push(',');
            }
            out.push('}');
        }
    }
}

/// The fast path's document and claims, on one thread or two; `None` where it gives up.
pub fn fast(src: &SourceFile, pipelined: bool) -> Option<String> {
    let mut claims = Vec::new();
    let document = parse_claims_fast(src, pipelined, &mut |n| match n {
        Handed::Claim(n, _) => claims.push(n.clone()),
        Handed::Retract => claims.clear(),
    })?;
    let mut out = String::new();
    for n in document.iter().chain(&claims) {
        node(n, &mut out);
    }
    Some(out)
}

/// One of the fast path's two readers.
#[derive(Clone, Copy, Debug)]
pub enum Reader {
    /// claimlint's own scanner.
    Scanner,
    /// The parser's events.
    Events,
}

/// The document and claims as one reader of the fast path reads them, every span
/// written out (of nulls and containers too); `None` where it gives up.
pub fn by(src: &SourceFile, reader: Reader) -> Option<String> {
    let mut claims: Vec<Node<'_>> = Vec::new();
    let text: &str = &src.text;
    // The scanner's claims are copied, not taken, as the loader leaves them: so that the
    // room it uses again is read into as the loader's run reads into it.
    let document = match reader {
        Reader::Scanner => super::scan::claims(text, &mut |n| claims.push(n.clone())).ok()?,
        Reader::Events => super::events::claims(text, &mut |n| claims.push(n)).ok()?,
    };
    Some(format!("{document:?} {claims:?}"))
}

/// The generic path's document and claims; the error's message where it cannot read the
/// file.
pub fn generic(src: &SourceFile) -> Result<String, String> {
    let root = parse(src).map_err(|e| e.message)?.ok_or("an empty file")?;
    let field = |key: &str| {
        root.entries()
            .and_then(|e| e.iter().find(|(k, _)| k.as_str() == Some(key)))
            .map(|(_, v)| v)
    };
    let mut out = String::new();
    let claims = field("claims").and_then(Node::items).unwrap_or(&[]);
    for n in field("document").into_iter().chain(claims) {
        node(n, &mut out);
    }
    Ok(out)
}

/// How many claims one reader of the fast path reads, each claim's tree made and dropped
/// as the loader's would be; `None` where it gives up. For timing each reader alone.
pub fn count(src: &SourceFile, reader: Reader) -> Option<usize> {
    let mut n = 0usize;
    let text: &str = &src.text;
    match reader {
        Reader::Scanner => super::scan::claims(text, &mut |_| n += 1).ok()?,
        Reader::Events => super::events::claims(text, &mut |_| n += 1).ok()?,
    };
    Some(n)
}

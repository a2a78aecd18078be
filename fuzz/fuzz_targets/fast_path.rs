//! Any text as a claims file: where the fast path reads it, it gives the tree the generic
//! path (serde-saphyr) gives, scalars and their spans alike; where it reads it on two
//! threads, the same again.
#![no_main]

use claimlint::source::SourceFile;
use claimlint::yaml::{Node, NodeKind};
use libfuzzer_sys::fuzz_target;

/// A tree as text: scalars with their spans, containers without (the two paths may place
/// a container's empty span differently).
fn shape(n: &Node, out: &mut String) {
    match &n.kind {
        NodeKind::Null => out.push_str("null"),
        NodeKind::Scalar(s) => out.push_str(&format!("{s:?}@{}+{}", n.span.start, n.span.len)),
        NodeKind::Seq(items) => {
            out.push('[');
            for i in items {
                shape(i, out);
                out.push(',');
            }
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

fn fast(src: &SourceFile, pipelined: bool) -> Option<String> {
    let mut claims = Vec::new();
    let document = claimlint::yaml::parse_claims_fast(src, pipelined, &mut |n| claims.push(n.clone()))?;
    let mut s = String::new();
    for n in document.iter().chain(&claims) {
        shape(n, &mut s);
    }
    Some(s)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = SourceFile::new("c.yaml", text);
    let Some(one) = fast(&src, false) else { return };
    let generic = match claimlint::yaml::parse(&src) {
        Ok(Some(root)) => root,
        other => panic!("the fast path read what the generic path did not: {other:?}"),
    };
    let field = |key: &str| {
        generic
            .entries()
            .and_then(|e| e.iter().find(|(k, _)| k.as_str() == Some(key)))
            .map(|(_, v)| v.clone())
    };
    let mut expected = String::new();
    for n in field("document").iter().chain(field("claims").as_ref().and_then(Node::items).unwrap_or(&[])) {
        shape(n, &mut expected);
    }
    assert_eq!(one, expected, "fast and generic paths disagree");
    assert_eq!(fast(&src, true).as_deref(), Some(one.as_str()), "one thread and two disagree");
});

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

use super::*;

fn parse_str(s: &str) -> Result<Option<Node<'static>>, YamlError> {
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

#[path = "../../benches/corpus.rs"]
mod corpus;

/// The fast path gives the tree the generic path gives, for every file it takes: the
/// fixtures, the hostile corpus, a generated corpus, and the YAML forms below.
#[test]
fn the_fast_path_gives_the_generic_tree() -> Result<(), String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, String)> = Vec::new();
    let mut read = |p: std::path::PathBuf| {
        if let Ok(text) = std::fs::read_to_string(&p) {
            files.push((p.display().to_string(), text));
        }
    };
    for dir in ["tests/fixtures"] {
        for e in std::fs::read_dir(root.join(dir)).map_err(|e| e.to_string())? {
            read(e.map_err(|e| e.to_string())?.path().join("claims.yaml"));
        }
    }
    for e in std::fs::read_dir(root.join("tests/hostile")).map_err(|e| e.to_string())? {
        read(e.map_err(|e| e.to_string())?.path());
    }
    read(root.join("claims.yaml"));
    read(root.join("tests/formats/claims.yaml"));
    files.push(("corpus".into(), corpus::claims_file(500, 7)));
    let forms = [
        "claims:\n  - id: a\n    note: a plain scalar\n      on two lines\n\n      and a third\n",
        "claims:\n  - id: 'a'\n    note: \"tab\\there \\u00e9\"\n    quote: 'it''s'\n",
        "claims:\n  - id: a\n    note: |\n      kept\n      lines\n    quote: >-\n      folded\n      text\n",
        "claims: [{id: a, value: 12.50}, {id: b, value: ~, unit: null, note: \"\"}]\n",
        "claims:\r\n  - id: a\r\n    value: 0x1F\r\n    as_of: 2024-10-14\r\n",
        "document: {title: T, date: 2024}\nclaims:\n- id: a\n  value: 1e400\n  note: off\n- id: \u{e9}t\u{e9}\n  note: \u{2014} \u{1f600}\n",
        "---\nclaims:\n  - id: a\n    allow:\n      - {code: numeric/mismatch, reason: r}\n...\n",
        "claims:\n  - id: a  # a comment\n    # another\n    value: 1 # more\n",
    ];
    for (i, f) in forms.iter().enumerate() {
        files.push((format!("form {i}"), (*f).to_owned()));
    }
    let mut fast_taken = 0;
    for (name, text) in files {
        let src = SourceFile::new("c.yaml", text);
        let Some(a) = outline::fast(&src, false) else {
            assert!(!name.starts_with("form"), "the fast path gave up on {name}");
            continue;
        };
        fast_taken += 1;
        assert_eq!(a, outline::generic(&src)?, "{name}");
    }
    assert!(
        fast_taken > 30,
        "the fast path took only {fast_taken} files"
    );
    Ok(())
}

/// Where the fast path gives up, the generic path reads the file (and reports it).
#[test]
fn the_fast_path_gives_up_on_what_it_does_not_read() {
    for text in [
        "claims:\n  - &a {id: a}\n  - *a\n",
        "claims:\n  - !!map {id: a}\n",
        "claims:\n  - id: a\n    id: b\n",
        "claims:\n  - <<: {id: a}\n",
        "claims: []\nextra: 1\n",
        "claims: []\n---\nclaims: []\n",
        "document: 1\nclaims: []\n",
        "claims: {}\n",
        "claims:\n  - [unclosed\n",
        "",
    ] {
        let src = SourceFile::new("c.yaml", text);
        assert!(
            parse_claims_fast(&src, false, &mut |_| {}).is_none(),
            "{text:?}"
        );
        assert!(
            parse_claims_fast(&src, true, &mut |_| {}).is_none(),
            "{text:?}"
        );
    }
}

#[test]
fn several_documents_are_an_error() {
    assert!(parse_str("---\na: 1\n---\nb: 2\n").is_err());
}

/// Read by two threads, a file gives the same claims, in the same order, as on one; and a
/// file the fast path gives up on halfway is given up on either way.
#[test]
fn the_pipelined_fast_path_gives_the_same_tree() -> Result<(), String> {
    let text = corpus::claims_file(3_000, 11);
    let src = SourceFile::new("c.yaml", text.clone());
    let one = outline::fast(&src, false).ok_or("gave up")?;
    let two = outline::fast(&src, true).ok_or("gave up")?;
    assert_eq!(one, two);
    let broken = SourceFile::new("c.yaml", format!("{text}  - &a {{id: x}}\n"));
    assert!(outline::fast(&broken, true).is_none());
    Ok(())
}

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
    let mut files = corpus_files()?;
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

/// Every file of the repository's test corpora, with its name.
fn corpus_files() -> Result<Vec<(String, String)>, String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, String)> = Vec::new();
    let mut read = |p: std::path::PathBuf| {
        if let Ok(text) = std::fs::read_to_string(&p) {
            files.push((p.display().to_string(), text));
        }
    };
    for e in std::fs::read_dir(root.join("tests/fixtures")).map_err(|e| e.to_string())? {
        read(e.map_err(|e| e.to_string())?.path().join("claims.yaml"));
    }
    for e in std::fs::read_dir(root.join("tests/hostile")).map_err(|e| e.to_string())? {
        read(e.map_err(|e| e.to_string())?.path());
    }
    read(root.join("claims.yaml"));
    read(root.join("tests/formats/claims.yaml"));
    files.push(("corpus".into(), corpus::claims_file(500, 7)));
    Ok(files)
}

/// YAML forms of claims files that the scanner reads: every kind of node, comment and
/// scalar style it takes, in blocks and flows.
const SCANNED_FORMS: &[&str] = &[
    "claims:\n  - id: a\n    note: a plain scalar\n      on two lines\n\n      and a third\n",
    "claims:\n  - id: 'a'\n    note: \"tab\\there \\u00e9 \\x41\\U0001F600\\\\ \\\" \\/ \\N\\_\\L\\P\\0\\e\"\n    quote: 'it''s'\n",
    "claims:\n  - id: a\n    note: |\n      kept\n      lines\n    quote: >-\n      folded\n      text\n",
    "claims:\n  - id: a\n    note: |+\n      kept\n\n\n    quote: >\n      folded\n\n      text\n        more\n      back\n\n# end\n",
    "claims:\n  - note: |-\n\n      after a blank\n        deeper\n      # not a comment\n    id: b\n",
    "claims: [{id: a, value: 12.50}, {id: b, value: ~, unit: null, note: \"\"}]\n",
    "document: {title: T, date: 2024}\nclaims:\n- id: a\n  value: 1e400\n  note: off\n- id: \u{e9}t\u{e9}\n  note: \u{2014} \u{1f600}\n",
    "claims:\n  - id: a  # a comment\n    # another\n    value: 1 # more\n",
    "# head\n\ndocument:\n  title: \"A \\\"quoted\\\" title\"\n  date: 2024-10-14\n\nclaims:   # the list\n  # a comment\n  - {id: a, value: \"about 1,000\", quote: 'a, b'}\n\n  - id: b\n    value:\n    unit:   # none\n    allow:\n      - code: numeric/mismatch\n        reason: r\n      -\n      - [x, 'y', \"z\", [], {}]\n",
    "claims:\n- id: a\n  allow:\n  - code: c\n  - {code: d,\n     reason: over lines}\n- id: b\n",
    "claims:\n  - id: a\n    note: \"folded\n      over lines\n\n      with a blank\\\n      and an escaped break\"\n    quote: 'single\n      over lines'\n",
    "claims:\n  -\n    id: a\n  -   # empty\n  -\n    - nested\n    - list\n",
    "claims:\n  - \"id\": a\n    'value': -5\n    as_of: 2024-10\n    url: http://example.com/a#b\n    note: a:b c#d [e] {f}, g\n",
    "claims: [\n    {id: a},\n    [b, c],\n  ]\n",
    "claims:\n  - id: a\n    note: x\nDocument: 1\n",
    // Plain scalars in flow collections: spaces before a `,`, a `]` or a `}`, a `#` inside
    // a word and after a space, colons inside words.
    "claims:\n  - {id: a  , value: 5   , note: a#b c  }  # after\n  - {id: b, allow: [x , y:z  , 'w'  ]   }\n  - [a b  , c]\n",
    "claims:\n  - id: a   \n    note: one  two   # a comment\n    quote: x:y  \n",
    // Spaces before a quoted scalar's line break, on its first line and later ones (found
    // by the `fast_path` fuzz target: the first line's were kept).
    "claims:\n  - id: a\n    note: \"one  \n      two \n      three\"\n    quote: 'four \n      five'\n",
];

/// The scanner gives the tree the event reader gives, spans of nulls and containers
/// included, for every file both read: the fixtures, the hostile corpus, a generated
/// corpus, and the forms above; it reads all of them but files with tabs or carriage
/// returns.
#[test]
fn the_scanner_gives_the_event_readers_tree() -> Result<(), String> {
    use outline::Reader;
    let mut files = corpus_files()?;
    for (i, f) in SCANNED_FORMS.iter().enumerate() {
        files.push((format!("form {i}"), (*f).to_owned()));
    }
    let mut scanned = 0;
    for (name, text) in files {
        let src = SourceFile::new("c.yaml", text);
        let events = outline::by(&src, Reader::Events);
        let Some(scan) = outline::by(&src, Reader::Scanner) else {
            assert!(
                events.is_none() || src.text.contains(['\t', '\r']),
                "the scanner gave up on {name}"
            );
            continue;
        };
        scanned += 1;
        if let Some(events) = events {
            assert_eq!(scan, events, "{name}");
        }
        assert_eq!(
            outline::fast(&src, false),
            Some(outline::generic(&src)?),
            "{name}"
        );
    }
    assert!(scanned > 40, "the scanner read only {scanned} files");
    Ok(())
}

/// Where the scanner gives up, the event reader reads the file (or gives up in turn).
#[test]
fn the_scanner_gives_up_on_what_it_does_not_read() -> Result<(), String> {
    use outline::Reader;
    for text in [
        "claims:\n\t- id: a\n",
        "claims:\r\n  - id: a\r\n",
        "---\nclaims:\n  - id: a\n...\n",
        "%YAML 1.2\n---\nclaims: []\n",
        "claims:\n  - id: a\n    note: |2\n        two\n",
        "claims:\n  - id: a\n    note: |\n      no final break",
        "claims:\n  - {id: a, note: over\n      lines}\n",
        "claims:\n  - ? id\n    : a\n",
        "claims:\n  - id: a\n    note: \"\\ud83d\\ude00\"\n",
        "claims:\n  - id: a\n    note: :x\n",
        "claims: [\n  {id: a}\n]\n",
        "claims:\n  - id: a\n  -\tb\n",
    ] {
        let src = SourceFile::new("c.yaml", text);
        assert!(outline::by(&src, Reader::Scanner).is_none(), "{text:?}");
        if let Some(fast) = outline::fast(&src, false) {
            assert_eq!(fast, outline::generic(&src)?, "{text:?}");
        }
    }
    Ok(())
}

/// A file the scanner gives up on halfway, after handing over claims, and the event
/// reader reads: the claims handed over are retracted, and the loader keeps each claim
/// once.
#[test]
fn a_retracted_read_keeps_each_claim_once() -> Result<(), String> {
    let mut text = corpus::claims_file(600, 3);
    text.push_str("  - id: late\n    note: |2\n        indented by an indicator\n");
    let src = SourceFile::new("c.yaml", text);
    assert!(outline::by(&src, outline::Reader::Scanner).is_none());
    let generic = outline::generic(&src)?;
    assert_eq!(outline::fast(&src, false).as_ref(), Some(&generic));
    assert_eq!(outline::fast(&src, true).as_ref(), Some(&generic));
    let rules = crate::rules::load_defaults()
        .and_then(|b| b.finish())
        .map_err(|e| e.to_string())?;
    const LATE: &str =
        "  - id: late\n    value: 3\n    note: |2\n        indented by an indicator\n";
    // On one thread and on two.
    for pipelined in [false, true] {
        let text = corpus::claims_file(2_000, 3);
        let mut out = Vec::new();
        let plain = crate::load::load(
            &SourceFile::new("c.yaml", text.clone()),
            &rules,
            pipelined,
            &mut out,
        );
        let src = SourceFile::new("c.yaml", text + LATE);
        assert!(outline::by(&src, outline::Reader::Scanner).is_none());
        let mut late_out = Vec::new();
        let file = crate::load::load(&src, &rules, pipelined, &mut late_out);
        assert_eq!(file.claims.len(), plain.claims.len() + 1);
        assert_eq!(
            late_out.len(),
            out.len(),
            "the claims read before the scanner gave up were kept"
        );
    }
    Ok(())
}

/// Generated files in every style the scanner reads, mixed at random: it reads each,
/// with the event reader's tree and the generic path's scalars.
#[test]
fn the_scanner_reads_generated_styles() -> Result<(), String> {
    use outline::Reader;
    for seed in 0..300 {
        let text = styled_file(seed);
        let src = SourceFile::new("c.yaml", text.clone());
        let scan = outline::by(&src, Reader::Scanner)
            .ok_or_else(|| format!("the scanner gave up on seed {seed}:\n{text}"))?;
        let events =
            outline::by(&src, Reader::Events).ok_or_else(|| format!("events on {seed}"))?;
        assert_eq!(scan, events, "seed {seed}:\n{text}");
        assert_eq!(
            outline::fast(&src, false),
            Some(outline::generic(&src)?),
            "seed {seed}:\n{text}"
        );
    }
    Ok(())
}

/// A claims file of a few claims, each key's value in a style drawn from `seed`.
fn styled_file(seed: u64) -> String {
    let mut r = corpus::Rng::new(seed);
    let words = [
        "a",
        "b c",
        "12.50",
        "about 1,000",
        "é",
        "x: y",
        "it's",
        "a \"q\"",
        "~",
        "",
        "-5",
        "50%",
        "#1",
    ];
    let mut out = String::from("# a file\ndocument:\n  title: T\nclaims:\n");
    let n = 1 + r.below(6);
    for i in 0..n {
        let flow = r.below(3) == 0;
        let keys = ["id", "value", "note", "quote", "unit"];
        if flow {
            out.push_str("  - {");
            for (j, k) in keys.iter().enumerate() {
                let w = words[r.below(words.len() as u64) as usize];
                let v = match r.below(3) {
                    _ if *k == "id" => format!("c{i}"),
                    0 if !w.is_empty() && !w.contains([':', '#', ',', '"', '\'']) && w != "-5" => {
                        w.to_owned()
                    }
                    1 => format!("'{}'", w.replace('\'', "''")),
                    _ => format!("{w:?}"),
                };
                if j > 0 {
                    out.push_str(if r.below(4) == 0 { ",\n      " } else { ", " });
                }
                out.push_str(&format!("{k}: {v}"));
            }
            out.push_str("}\n");
            continue;
        }
        out.push_str("  -");
        for (j, k) in keys.iter().enumerate() {
            let w = words[r.below(words.len() as u64) as usize];
            out.push_str(if j == 0 { " " } else { "    " });
            match r.below(7) {
                _ if *k == "id" => out.push_str(&format!("{k}: c{i}\n")),
                0 if !w.contains([':', '#']) && !w.starts_with(['-', '"', '\'']) => {
                    out.push_str(&format!("{k}: {w}\n"))
                }
                1 => out.push_str(&format!("{k}: '{}'  # c\n", w.replace('\'', "''"))),
                2 => out.push_str(&format!("{k}: {w:?}\n")),
                3 => out.push_str(&format!("{k}: |\n      {w}\n      second\n\n")),
                4 => out.push_str(&format!("{k}: >-\n      {w}\n      folded\n")),
                5 => out.push_str(&format!("{k}: plain\n      continued {}\n", i)),
                _ => out.push_str(&format!(
                    "{k}:\n      - [{i}, '{}']\n",
                    w.replace('\'', "''")
                )),
            }
        }
    }
    out
}

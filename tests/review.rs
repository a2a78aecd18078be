//! The review page and the terminal review of the cases in `tests/review/` (and the page
//! of every fixture): snapshots of both, and the page's structure read with an HTML
//! parser, as a browser would build it.

use claimlint::review::{self, Review};
use claimlint::rules::{RuleSet, load_defaults};
use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};

fn rules() -> RuleSet {
    load_defaults()
        .and_then(|b| b.finish())
        .unwrap_or_else(|e| panic!("defaults: {e}"))
}

fn review_of(dir: &Path) -> Review {
    // Paths as the command line shows them: relative to the package.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rel = dir.strip_prefix(root).unwrap_or(dir).join("claims.yaml");
    std::env::set_current_dir(root).unwrap_or_else(|e| panic!("{e}"));
    review::review_file(&rel, &rules(), 1 << 20)
        .unwrap_or_else(|e| panic!("{}: {e}", rel.display()))
}

fn case(name: &str) -> Review {
    review_of(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/review")
            .join(name),
    )
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn text(e: ElementRef) -> String {
    e.text().collect()
}

fn by_id<'a>(doc: &'a Html, id: &str) -> Option<ElementRef<'a>> {
    doc.select(&sel("[id]"))
        .find(|e| e.value().attr("id") == Some(id))
}

/// What every page must be: one policy that forbids everything but its own style, no
/// script, no handler, no link out of the page, no id twice.
fn assert_safe(doc: &Html) {
    let csp: Vec<String> = doc
        .select(&sel(r#"meta[http-equiv="Content-Security-Policy"]"#))
        .filter_map(|m| m.value().attr("content").map(str::to_owned))
        .collect();
    assert_eq!(csp.len(), 1, "one policy");
    assert!(
        csp[0].starts_with("default-src 'none'; style-src 'sha256-"),
        "{}",
        csp[0]
    );
    assert_eq!(
        doc.select(&sel(
            "script, iframe, object, embed, img, svg, link, base, form"
        ))
        .count(),
        0
    );
    let mut ids = std::collections::HashSet::new();
    let all: std::collections::HashSet<&str> = doc
        .select(&sel("[id]"))
        .filter_map(|e| e.value().attr("id"))
        .collect();
    for e in doc.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            assert!(!name.starts_with("on"), "handler {name}={value}");
            assert!(
                !matches!(name, "src" | "srcdoc" | "action" | "formaction" | "style"),
                "{name}"
            );
            if name == "href" {
                assert!(value.starts_with('#'), "a link out: {value}");
                assert!(all.contains(&value[1..]), "a link to nowhere: {value}");
            }
            if name == "id" {
                assert!(ids.insert(value.to_owned()), "id twice: {value}");
            }
        }
    }
}

fn snapshot(dir: &Path, name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => dir,
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// The page with a line break after each block's end, so that its snapshot can be read
/// and its diffs are small (the page itself is one line: white space inside its
/// paragraphs is the article's own).
fn readable(page: &str) -> String {
    let mut s = page.to_owned();
    for tag in [
        "</p>",
        "</li>",
        "</tr>",
        "</section>",
        "</h1>",
        "</h2>",
        "</h3>",
        "</h4>",
        "</pre>",
        "</div>",
        "</style>",
        "</title>",
        "</table>",
        "</caption>",
        "</thead>",
    ] {
        s = s.replace(tag, &format!("{tag}\n"));
    }
    s
}

#[test]
fn every_case_matches_its_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/review");
    for name in ["article", "hostile", "no-source"] {
        let r = case(name);
        let reviews = std::slice::from_ref(&r);
        let page = review::html::page(reviews);
        assert_eq!(page, review::html::page(reviews), "the same bytes twice");
        snapshot(&root.join(name), "page", &readable(&page));
        snapshot(
            &root.join(name),
            "terminal",
            &review::text::render(reviews, false, 100),
        );
        assert_safe(&Html::parse_document(&page));
    }
}

#[test]
fn every_quote_found_is_marked_and_each_mark_leads_to_its_findings() {
    let r = case("article");
    let l = r.layout();
    let doc = Html::parse_document(&review::html::page(std::slice::from_ref(&r)));
    let marks: Vec<ElementRef> = doc.select(&sel("mark")).collect();
    assert_eq!(marks.len(), l.passages.len());
    let article = r
        .article
        .as_ref()
        .map(|a| a.text.clone())
        .unwrap_or_default();
    for (c, claim) in r.claims.iter().enumerate() {
        let (Some(q), Some(span)) = (&claim.quote, claim.passage) else {
            continue;
        };
        let p = l.claim_passage[c].unwrap_or_else(|| panic!("{} has no mark", claim.id));
        let mark =
            by_id(&doc, &format!("f0-p{p}")).unwrap_or_else(|| panic!("mark of {}", claim.id));
        let shown: String = text(mark).split_whitespace().collect::<Vec<_>>().join(" ");
        let quoted = article[span.start..span.end()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(shown.contains(&quoted), "{shown:?} holds {quoted:?} ({q})");
        // The mark says its severity in words, and links to its note.
        let link = mark
            .select(&sel("a"))
            .next()
            .unwrap_or_else(|| panic!("a link in the mark"));
        let note_id = link.value().attr("href").unwrap_or("#")[1..].to_owned();
        let note = by_id(&doc, &note_id).unwrap_or_else(|| panic!("{note_id}"));
        assert!(
            text(note).contains(&claim.id),
            "the note names {}",
            claim.id
        );
        for &k in &l.claim_findings[c] {
            let f = &r.report.findings[k];
            assert!(
                text(note).contains(&f.message),
                "{}: {}",
                claim.id,
                f.message
            );
            if let Some(h) = &f.help {
                assert!(text(note).contains(h.as_str()));
            }
        }
        let word = match l.passages[p].worst {
            None => "checked",
            Some(s) => s.as_str(),
        };
        assert!(text(mark).contains(word), "{} says {word}", claim.id);
    }
    // Overlapping quotes make one mark; a repeated quote shares it.
    let by = |id: &str| {
        r.claims
            .iter()
            .position(|c| c.id == id)
            .unwrap_or(usize::MAX)
    };
    assert_eq!(
        l.claim_passage[by("share")],
        l.claim_passage[by("residents")]
    );
    assert_eq!(
        l.claim_passage[by("riders")],
        l.claim_passage[by("operator_count")]
    );
    assert!(l.claim_passage[by("riders")].is_some());
}

#[test]
fn a_conflicts_link_goes_to_the_other_passage() {
    let r = case("article");
    let l = r.layout();
    let doc = Html::parse_document(&review::html::page(std::slice::from_ref(&r)));
    let contradiction = r
        .report
        .findings
        .iter()
        .position(|f| f.code.as_str() == "status/contradiction")
        .unwrap_or_else(|| panic!("the case has a contradiction"));
    let [a, b] = l.finding_claims[contradiction][..] else {
        panic!("two claims")
    };
    let (pa, pb) = (l.claim_passage[a], l.claim_passage[b]);
    assert!(pa.is_some() && pb.is_some() && pa != pb);
    let note = by_id(&doc, &format!("f0-n{}", pa.unwrap_or(0))).unwrap_or_else(|| panic!("note"));
    let links: Vec<&str> = note
        .select(&sel("a.other"))
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert!(
        links.contains(&format!("#f0-p{}", pb.unwrap_or(0)).as_str()),
        "{links:?}"
    );
}

#[test]
fn the_summary_lists_every_finding_and_every_claim_not_marked() {
    let r = case("article");
    let doc = Html::parse_document(&review::html::page(std::slice::from_ref(&r)));
    let summary = by_id(&doc, "summary").unwrap_or_else(|| panic!("summary"));
    let listed: Vec<String> = summary.select(&sel("ol.findings > li")).map(text).collect();
    assert_eq!(listed.len(), r.report.findings.len());
    for (f, li) in r.report.findings.iter().zip(&listed) {
        assert!(
            li.contains(&f.message) && li.contains(f.code.as_str()),
            "{li}"
        );
    }
    let unmarked: Vec<String> = summary.select(&sel("ul.claims > li")).map(text).collect();
    for (id, why) in [
        ("cost", "not found"),
        ("riders_split", "no quote"),
        ("design", "no quote"),
    ] {
        assert!(
            unmarked.iter().any(|t| t.contains(id) && t.contains(why)),
            "{id}: {unmarked:?}"
        );
    }
    let counts: Vec<String> = summary.select(&sel("table tbody tr")).map(text).collect();
    assert!(counts[0].contains("claims.yaml"), "{counts:?}");
}

#[test]
fn hostile_text_is_text() {
    let r = case("hostile");
    let page = review::html::page(std::slice::from_ref(&r));
    let doc = Html::parse_document(&page);
    assert_safe(&doc);
    let marks: Vec<String> = doc.select(&sel("mark")).map(text).collect();
    for q in [
        "<script>alert(1)</script>",
        "</mark> before \" onmouseover=\"alert(2)\"",
        "javascript:alert(3)",
        "<img src=x onerror=alert(4)>",
        "12 ferries & <b>bold</b>",
    ] {
        assert!(marks.iter().any(|m| m.contains(q)), "{q} in {marks:?}");
    }
    let body = doc
        .select(&sel("body"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(
        body.contains("<script>alert(5)</script>"),
        "the bad id shows as text"
    );
    assert!(
        body.contains("<svg onload=alert(6)>"),
        "the quote not found shows as text"
    );
    assert!(!page.contains("<script") && !page.contains("<svg") && !page.contains("<img"));
}

#[test]
fn without_a_source_the_claims_file_shows_with_findings_on_their_lines() {
    let r = case("no-source");
    let doc = Html::parse_document(&review::html::page(std::slice::from_ref(&r)));
    let lines: Vec<ElementRef> = doc.select(&sel("ol.yaml-file > li")).collect();
    assert_eq!(lines.len(), r.report.source.text.lines().count());
    for f in &r.report.findings {
        let line = r.report.source.line_col(f.primary().start).0;
        let li = by_id(&doc, &format!("f0-l{line}")).unwrap_or_else(|| panic!("line {line}"));
        assert!(text(li).contains(&f.message), "line {line}: {}", f.message);
    }
    assert_eq!(doc.select(&sel("mark")).count(), 0);
}

#[path = "support/dirs.rs"]
mod dirs;

fn fixtures() -> Vec<PathBuf> {
    dirs::folders("tests/fixtures")
}

#[test]
fn every_fixture_has_a_safe_page_with_every_finding_and_every_found_quote() {
    for dir in fixtures() {
        let r = review_of(&dir);
        let l = r.layout();
        let page = review::html::page(std::slice::from_ref(&r));
        let doc = Html::parse_document(&page);
        assert_safe(&doc);
        let summary = by_id(&doc, "summary").unwrap_or_else(|| panic!("summary"));
        assert_eq!(
            summary.select(&sel("ol.findings > li")).count(),
            r.report.findings.len(),
            "{}",
            dir.display()
        );
        let found = r.claims.iter().filter(|c| c.passage.is_some()).count();
        let marked: usize = l.passages.iter().map(|p| p.claims.len()).sum();
        assert_eq!(found, marked, "{}", dir.display());
        assert_eq!(doc.select(&sel("mark")).count(), l.passages.len());
    }
}

fn claimlint(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn review_exits_as_check_does_and_pipes_plain_text() {
    let out = claimlint(&["review", "tests/review/article"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{1b}'), "piped: no escape codes");
    let r = case("article");
    assert_eq!(
        text,
        review::text::render(std::slice::from_ref(&r), false, 100)
    );
    let check = claimlint(&["check", "tests/review/article", "--format", "concise"]);
    assert_eq!(check.status.code(), Some(1));
    for (args, code) in [
        (
            &["review", "tests/review/article", "--fail-on", "never"][..],
            0,
        ),
        (&["review", "tests/fixtures/quote-not-found-ok"][..], 0),
        (&["review", "tests/review/no-such-folder"][..], 2),
        (
            &["review", "tests/review/article", "--color", "always"][..],
            1,
        ),
    ] {
        assert_eq!(claimlint(args).status.code(), Some(code), "{args:?}");
    }
    let coloured = claimlint(&["review", "tests/review/article", "--color", "always"]);
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\u{1b}[4m"));
}

#[test]
fn check_format_html_writes_the_review_page() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-cli");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join("page.html");
    let file_arg = file.to_string_lossy().into_owned();
    let out = claimlint(&["review", "tests/review/article", "-o", &file_arg]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("wrote "));
    let page = std::fs::read_to_string(&file).unwrap_or_default();
    let html = claimlint(&["check", "tests/review/article", "--format", "html"]);
    assert_eq!(html.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&html.stdout), page);
    let r = case("article");
    assert_eq!(page, review::html::page(std::slice::from_ref(&r)));
}

#[test]
fn a_baseline_holds_for_the_review_too() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-baseline");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let b = dir.join("baseline.json").to_string_lossy().into_owned();
    let w = claimlint(&["check", "tests/review/article", "--write-baseline", &b]);
    assert_eq!(w.status.code(), Some(0));
    let out = claimlint(&["review", "tests/review/article", "--baseline", &b]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("0 errors, 0 warnings, 0 notes in 1 file")
    );
}

#[test]
fn a_large_review_lays_out_every_mark_once() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-large");
    large::write(&dir);
    let r = review::review_file(&dir.join("claims.yaml"), &rules(), 1 << 26)
        .unwrap_or_else(|e| panic!("{e}"));
    let l = r.layout();
    assert_eq!(r.claims.len(), 1010);
    assert_eq!(l.passages.len(), 1000);
    assert_eq!(l.blocks.len(), 51);
    let doc = Html::parse_document(&review::html::page(std::slice::from_ref(&r)));
    assert_safe(&doc);
    assert_eq!(doc.select(&sel("mark")).count(), 1000);
}

#[path = "support/large.rs"]
mod large;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any article and any quotes of it: the page and the terminal view are made without a
    /// panic, every quote found is in exactly one mark, marks are sorted and apart, and
    /// each lies in one paragraph. Checked through the pure API, article in memory.
    #[test]
    fn any_article_and_quotes_lay_out(
        words in proptest::collection::vec("[a-c]{1,3}|<b>|&|\u{a0}|\u{2003}|\n\n|é|\"|# ", 1..60),
        picks in proptest::collection::vec((0usize..60, 1usize..6), 0..8),
    ) {
        let article = words.join(" ");
        let mut yaml = String::from("document:\n  source: article.md\nclaims:\n");
        for (k, (i, n)) in picks.iter().enumerate() {
            let q = words.get(*i..(*i + *n).min(words.len())).map(|w| w.join(" ")).unwrap_or_default();
            let q = serde_json::to_string(&q).unwrap_or_default();
            yaml.push_str(&format!("  - id: q{k}\n    value: {k}\n    quote: {q}\n"));
        }
        let rules = rules();
        let art = claimlint::Article::Text(claimlint::source::SourceFile::new("article.md", article));
        let checked = claimlint::check_text(
            claimlint::source::SourceFile::new("claims.yaml", yaml),
            &rules,
            Some(&art),
            claimlint::Threads::One,
        );
        let r = Review::new(checked, &rules);
        let l = r.layout();
        let page = review::html::page(std::slice::from_ref(&r));
        let _ = review::text::render(std::slice::from_ref(&r), false, 40);
        let doc = Html::parse_document(&page);
        proptest::prop_assert_eq!(doc.select(&sel("mark")).count(), l.passages.len());
        for w in l.passages.windows(2) {
            proptest::prop_assert!(w[0].span.end() <= w[1].span.start);
        }
        for (c, claim) in r.claims.iter().enumerate() {
            proptest::prop_assert_eq!(claim.passage.is_some(), l.claim_passage[c].is_some());
        }
        let in_blocks: usize = l.blocks.iter().map(|b| b.passages.len()).sum();
        proptest::prop_assert_eq!(in_blocks, l.passages.len());
        for b in &l.blocks {
            for p in &l.passages[b.passages.clone()] {
                proptest::prop_assert!(b.span.start <= p.span.start && p.span.end() <= b.span.end());
            }
        }
    }
}

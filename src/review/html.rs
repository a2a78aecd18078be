//! The review as one self-contained HTML page: inline CSS, no script, no request of any
//! kind (a Content-Security-Policy meta tag forbids everything but its own style), and
//! every text of the claims and the article escaped by the template (maud escapes each
//! value it is given; nothing here opts out but the page's own CSS).
//!
//! The same inputs give the same bytes: no time, no random id (anchors are numbers).

use super::{Layout, Review};
use crate::code::{Code, Severity};
use crate::finding::Finding;
use crate::output::{Counts, escape};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::BTreeMap;

/// The page's CSS, inlined.
const CSS: &str = include_str!("page.css");
/// The SHA-256 of [`CSS`], base64: the only style the policy allows. The browser test
/// fails where it is stale (the browser then refuses the style and says so).
const CSS_SHA256: &str = "9HKe2WlsifskdK9psBK3bATyw8aO21C7g0x7cTUC1ZY=";

/// The one icon and word of a severity, `None` meaning checked and clean.
pub fn mark_words(s: Option<Severity>) -> (&'static str, &'static str, &'static str) {
    match s {
        Some(Severity::Error) => ("✖", "error", "sev-error"),
        Some(Severity::Warning) => ("⚠", "warning", "sev-warning"),
        Some(Severity::Note) => ("ℹ", "note", "sev-note"),
        None => ("✓", "checked", "sev-clean"),
    }
}

fn badge(s: Option<Severity>) -> Markup {
    let (icon, word, class) = mark_words(s);
    html! { span class={"badge " (class)} { span aria-hidden="true" { (icon) } " " (word) } }
}

/// The whole page for the reviews of a run.
pub fn page(reviews: &[Review]) -> String {
    let layouts: Vec<Layout> = reviews.iter().map(Review::layout).collect();
    let reports: Vec<&crate::report::FileReport> = reviews.iter().map(|r| &r.report).collect();
    let c = counts(reports.iter().flat_map(|r| &r.findings));
    let title = format!(
        "claimlint review: {} error{}, {} warning{}, {} note{}",
        c.errors,
        plural(c.errors),
        c.warnings,
        plural(c.warnings),
        c.notes,
        plural(c.notes)
    );
    let csp = format!(
        "default-src 'none'; style-src 'sha256-{CSS_SHA256}'; img-src 'none'; base-uri 'none'; form-action 'none'"
    );
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(csp);
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                a class="skip" href="#files" { "Skip to the articles" }
                header {
                    h1 { "claimlint review" }
                    p { (title.trim_start_matches("claimlint review: ")) " in " (reviews.len()) " file" (plural(reviews.len())) }
                }
                main {
                    (summary(reviews, &layouts))
                    div id="files" {
                        @for (i, (r, l)) in reviews.iter().zip(&layouts).enumerate() {
                            (file_section(i, r, l))
                        }
                    }
                }
            }
        }
    };
    let mut s = markup.into_string();
    s.push('\n');
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn counts<'a>(fs: impl Iterator<Item = &'a Finding>) -> Counts {
    Counts::of_findings(fs)
}

/// Where a finding is shown: the note of its first mark, else its claim, else its line.
fn finding_target(i: usize, r: &Review, l: &Layout, k: usize) -> String {
    let cs = &l.finding_claims[k];
    if let Some(p) = cs.iter().find_map(|&c| l.claim_passage[c]) {
        return format!("#f{i}-n{p}");
    }
    if r.article.is_some() {
        return match cs.first() {
            Some(&c) => format!("#f{i}-c{c}"),
            None => format!("#f{i}-k{k}"),
        };
    }
    format!("#f{i}-l{}", line_of(r, &r.report.findings[k]))
}

/// Where a claim is shown: its mark in the article, its entry, or its line.
fn claim_href(i: usize, r: &Review, l: &Layout, c: usize) -> String {
    match (l.claim_passage[c], &r.article) {
        (Some(p), _) => format!("#f{i}-p{p}"),
        (None, Some(_)) => format!("#f{i}-c{c}"),
        (None, None) => format!("#f{i}-l{}", r.claims[c].lines.0),
    }
}

fn line_of(r: &Review, f: &Finding) -> usize {
    r.report.source.line_col(f.primary().start).0
}

fn summary(reviews: &[Review], layouts: &[Layout]) -> Markup {
    html! {
        section id="summary" aria-labelledby="summary-h" {
            h2 id="summary-h" { "Summary" }
            table {
                caption { "Findings by file and severity" }
                thead { tr { th scope="col" { "File" } th scope="col" { "Article" } th scope="col" { "Errors" } th scope="col" { "Warnings" } th scope="col" { "Notes" } th scope="col" { "Claims" } } }
                tbody {
                    @for (i, r) in reviews.iter().enumerate() {
                        @let c = counts(r.report.findings.iter());
                        tr {
                            th scope="row" { a href={"#f" (i)} { (escape(&r.report.source.name)) } }
                            td { @if let Some(a) = &r.article { (escape(&a.name)) } @else { "none" } }
                            td class="n" { (c.errors) } td class="n" { (c.warnings) } td class="n" { (c.notes) }
                            td class="n" { (r.claims.len()) }
                        }
                    }
                }
            }
            @for (i, (r, l)) in reviews.iter().zip(layouts).enumerate() {
                @if !r.report.findings.is_empty() || !l.unplaced.is_empty() {
                    h3 { (escape(&r.report.source.name)) }
                }
                @if !r.report.findings.is_empty() {
                    @let mut by_code: BTreeMap<(std::cmp::Reverse<Severity>, Code), usize> = BTreeMap::new();
                    @for f in &r.report.findings { @let _ = by_code.entry((std::cmp::Reverse(f.severity), f.code)).and_modify(|n| *n += 1).or_insert(1); }
                    table {
                        caption { "Findings by code" }
                        thead { tr { th scope="col" { "Code" } th scope="col" { "Severity" } th scope="col" { "Count" } } }
                        tbody {
                            @for ((sev, code), n) in &by_code {
                                tr { td { code { (code) } } td { (badge(Some(sev.0))) } td class="n" { (n) } }
                            }
                        }
                    }
                    h4 { "Every finding" }
                    ol class="findings" {
                        @for (k, f) in r.report.findings.iter().enumerate() {
                            li class="finding" {
                                (badge(Some(f.severity))) code { (f.code) } " "
                                a href=(finding_target(i, r, l, k)) { (escape(&f.message)) }
                                " " span class="reads" { "(line " (line_of(r, f)) ")" }
                            }
                        }
                    }
                }
                @if !l.unplaced.is_empty() {
                    h4 { "Claims not marked in the article" }
                    ul class="claims" {
                        @for &c in &l.unplaced {
                            @let cl = &r.claims[c];
                            li {
                                (badge(l.claim_worst(r, c)))
                                a href=(claim_href(i, r, l, c)) { code { (escape(&cl.id)) } }
                                " (line " (cl.lines.0) "): "
                                (why_unplaced(r, c))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn why_unplaced(r: &Review, c: usize) -> &'static str {
    let cl = &r.claims[c];
    match (&cl.quote, &r.article) {
        (None, _) => "no quote",
        (Some(_), None) => "its quote was not checked: no article could be read",
        (Some(_), Some(_)) => "its quote was not found in the article",
    }
}

fn file_section(i: usize, r: &Review, l: &Layout) -> Markup {
    html! {
        section class="file" id={"f" (i)} aria-labelledby={"f" (i) "-h"} {
            h2 id={"f" (i) "-h"} {
                (escape(&r.report.source.name))
                @if let Some(a) = &r.article { " — " (escape(&a.name)) }
            }
            @if let Some(a) = &r.article {
                @for b in &l.blocks {
                    div class="row" {
                        @let body = block_text(i, &a.text, b, l);
                        @if b.heading { h3 class="text" { (body) } } @else { p class="text" { (body) } }
                        @if !b.passages.is_empty() {
                            div class="notes" {
                                @for p in b.passages.clone() { (note(i, r, l, p)) }
                            }
                        }
                    }
                }
                @if !l.unplaced.is_empty() {
                    h3 { "Claims not marked in the article" }
                    @for &c in &l.unplaced {
                        section class={"note " (mark_words(l.claim_worst(r, c)).2)} {
                            (claim_entry(i, r, l, c))
                            ul class="findings" {
                                @for &k in &l.claim_findings[c] { (finding(i, r, l, k, &[c])) }
                            }
                        }
                    }
                }
                @let loose: Vec<usize> = l.loose.iter().copied().filter(|&k| l.finding_claims[k].is_empty()).collect();
                @if !loose.is_empty() {
                    h3 { "Findings about the file" }
                    ul class="findings" {
                        @for k in loose { (finding_with_id(i, r, l, k, &[], Some(format!("f{i}-k{k}")))) }
                    }
                }
            } @else {
                (yaml_file(i, r, l))
            }
        }
    }
}

/// A paragraph's text with its marks.
fn block_text(i: usize, text: &str, b: &super::Block, l: &Layout) -> Markup {
    // The text between marks, and each mark's text.
    let mut parts: Vec<(Option<usize>, &str)> = Vec::new();
    let mut at = b.span.start;
    for p in b.passages.clone() {
        let m = &l.passages[p];
        let start = m.span.start.max(at);
        parts.push((None, text.get(at..start).unwrap_or("")));
        parts.push((Some(p), text.get(start..m.span.end()).unwrap_or("")));
        at = m.span.end().max(at);
    }
    parts.push((None, text.get(at..b.span.end()).unwrap_or("")));
    html! {
        @for (p, t) in parts {
            @if let Some(p) = p {
                @let (icon, word, class) = mark_words(l.passages[p].worst);
                mark class=(class) id={"f" (i) "-p" (p)} {
                    a href={"#f" (i) "-n" (p)} {
                        span class="badge" { span aria-hidden="true" { (icon) } " " (word) }
                        (shown(t))
                    }
                }
            } @else {
                (shown(t))
            }
        }
    }
}

/// Article text as shown: line breaks kept (as the CSS folds them), other control and
/// bidirectional characters made visible, as the terminal report shows them.
fn shown(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    crate::output::escape_keep_lines(&s).replace("\\t", "\t")
}

/// The note beside a mark: its claims, then their findings.
fn note(i: usize, r: &Review, l: &Layout, p: usize) -> Markup {
    let m = &l.passages[p];
    html! {
        section class={"note " (mark_words(m.worst).2)} id={"f" (i) "-n" (p)} aria-label={"Passage " (p + 1)} {
            h3 { (badge(m.worst)) a href={"#f" (i) "-p" (p)} { "Passage " (p + 1) } }
            @for &c in &m.claims { (claim_entry(i, r, l, c)) }
            @if !m.findings.is_empty() {
                ul class="findings" {
                    @for &k in &m.findings { (finding(i, r, l, k, &m.claims)) }
                }
            }
        }
    }
}

fn claim_entry(i: usize, r: &Review, l: &Layout, c: usize) -> Markup {
    let cl = &r.claims[c];
    html! {
        div class="claim" id={"f" (i) "-c" (c)} {
            p {
                (badge(l.claim_worst(r, c))) " "
                code { (escape(&cl.id)) } ", " (cl.kind) ": " code { (escape(&cl.written)) }
                @if let Some(v) = &cl.reads_as { span class="reads" { " reads as " (escape(v)) } }
            }
            (yaml_lines(r, cl.lines.0, cl.lines.1, &[]))
        }
    }
}

/// One finding, as the terminal report words it, with links to the other claims it
/// involves (`here`: the claims of the note it is shown in).
fn finding(i: usize, r: &Review, l: &Layout, k: usize, here: &[usize]) -> Markup {
    finding_with_id(i, r, l, k, here, None)
}

fn finding_with_id(
    i: usize,
    r: &Review,
    l: &Layout,
    k: usize,
    here: &[usize],
    id: Option<String>,
) -> Markup {
    let f = &r.report.findings[k];
    let others: Vec<usize> = l.finding_claims[k]
        .iter()
        .copied()
        .filter(|c| !here.contains(c))
        .collect();
    let labels: Vec<(usize, String)> = f
        .labels
        .iter()
        .map(|lb| (r.report.source.line_col(lb.span.start).0, lb.text.clone()))
        .collect();
    html! {
        li class={"finding " (mark_words(Some(f.severity)).2)} id=[id] {
            p { (badge(Some(f.severity))) code { "[" (f.code) "]" } " " (escape(&f.message)) }
            @if let Some(h) = &f.help { p class="help" { "help: " (escape(h)) } }
            @if !others.is_empty() {
                p {
                    "Also involves: "
                    @for (n, &c) in others.iter().enumerate() {
                        @if n > 0 { ", " }
                        a class="other" href=(claim_href(i, r, l, c)) { code { (escape(&r.claims[c].id)) } }
                        @if l.claim_passage[c].is_none() { " (not in the article)" }
                    }
                }
            }
            @if !labels.is_empty() {
                @let first = labels.iter().map(|x| x.0).min().unwrap_or(1);
                @let last = labels.iter().map(|x| x.0).max().unwrap_or(first);
                @if last - first < 8 { (yaml_lines(r, first, last, &labels)) }
                @else {
                    @let lines: std::collections::BTreeSet<usize> = labels.iter().map(|x| x.0).collect();
                    @for line in lines { (yaml_lines(r, line, line, &labels)) }
                }
            }
        }
    }
}

/// Lines `first..=last` of the claims file (at most 12), each label beside its line.
fn yaml_lines(r: &Review, first: usize, last: usize, labels: &[(usize, String)]) -> Markup {
    let src = &r.report.source;
    let last = last.min(first + 11);
    html! {
        pre class="yaml" {
            code {
                @for n in first..=last {
                    @let from = src.offset_of(n, 1);
                    @let to = src.text[from..].find('\n').map_or(src.text.len(), |e| from + e);
                    span class="ln" { (format!("{n:>4} │ ")) }
                    (escape(src.text[from..to].trim_end_matches('\r')))
                    @for (_, t) in labels.iter().filter(|x| x.0 == n && !x.1.is_empty()) { "  ← " (escape(t)) }
                    "\n"
                }
            }
        }
    }
}

/// Without an article: the claims file itself, each finding under its line.
fn yaml_file(i: usize, r: &Review, l: &Layout) -> Markup {
    let src = &r.report.source;
    let mut at_line: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, f) in r.report.findings.iter().enumerate() {
        at_line.entry(line_of(r, f)).or_default().push(k);
    }
    let text = src.text.strip_suffix('\n').unwrap_or(&src.text);
    let lines: Vec<&str> = text.split('\n').collect();
    // A finding past the last line (the end of the file) shows under the last line.
    let at_line: BTreeMap<usize, Vec<usize>> =
        at_line.into_iter().fold(BTreeMap::new(), |mut m, (n, ks)| {
            m.entry(n.min(lines.len())).or_default().extend(ks);
            m
        });
    html! {
        p { "This claims file names no article (" code { "document.source" } "), or it could not be read: the file is shown with its findings under their lines." }
        ol class="yaml-file" aria-label="The claims file" {
            @for (n, line) in lines.iter().enumerate() {
                @let n = n + 1;
                li id={"f" (i) "-l" (n)} {
                    span class="ln" { (format!("{n:>4} │ ")) }
                    (escape(line.trim_end_matches('\r')))
                    @if let Some(ks) = at_line.get(&n) {
                        div class="notes" { ul class="findings" { @for &k in ks { (finding(i, r, l, k, &[])) } } }
                    }
                }
            }
        }
    }
}

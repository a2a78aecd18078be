//! A finding as the page shows it (as the terminal report words it, with links to the
//! other claims it involves), the lines of the claims file it points at, and the claims
//! file shown whole, each finding under its line, where there is no article.

use super::anchor::{claim_href, line_of};
use super::badge::{badge, mark_words};
use crate::output::escape;
use crate::review::{Layout, Review};
use maud::{Markup, html};
use std::collections::BTreeMap;

/// One finding, as the terminal report words it, with links to the other claims it
/// involves (`here`: the claims of the note it is shown in).
pub(super) fn finding(i: usize, r: &Review, l: &Layout, k: usize, here: &[usize]) -> Markup {
    finding_with_id(i, r, l, k, here, None)
}

pub(super) fn finding_with_id(
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
        .map(|lb| (r.report.source.line(lb.span.start), lb.text.clone()))
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
pub(super) fn yaml_lines(
    r: &Review,
    first: usize,
    last: usize,
    labels: &[(usize, String)],
) -> Markup {
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
pub(super) fn yaml_file(i: usize, r: &Review, l: &Layout) -> Markup {
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

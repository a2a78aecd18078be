//! One claims file's section of the page: the article with its marks, the note beside
//! each mark (its claims, then their findings), the claims not marked and the findings
//! about the file; without an article, the claims file itself.

use super::badge::{badge, mark_words};
use super::finding::{finding, finding_with_id, yaml_file, yaml_lines};
use crate::output::escape;
use crate::review::{Block, Layout, Review};
use maud::{Markup, html};

pub(super) fn file_section(i: usize, r: &Review, l: &Layout) -> Markup {
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
fn block_text(i: usize, text: &str, b: &Block, l: &Layout) -> Markup {
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

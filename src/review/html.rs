//! The review as one self-contained HTML page: inline CSS, no script, no request of any
//! kind (a Content-Security-Policy meta tag forbids everything but its own style), and
//! every text of the claims and the article escaped by the template (maud escapes each
//! value it is given; nothing here opts out but the page's own CSS).
//!
//! The same inputs give the same bytes: no time, no random id (anchors are numbers).
//!
//! This file is the page's frame and its summary; one file's section is `article` (the
//! article with its marks and notes), a finding and the claims file's lines `finding`,
//! and the pieces all of them use `badge` and `anchor`.

mod anchor;
mod article;
mod badge;
mod finding;

pub use badge::mark_words;

use super::{Layout, Review};
use crate::code::{Code, Severity};
use crate::finding::Finding;
use crate::output::{Counts, escape};
use anchor::{claim_href, finding_target, line_of};
use article::file_section;
use badge::badge;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::BTreeMap;

/// The page's CSS, inlined.
const CSS: &str = include_str!("page.css");
/// The SHA-256 of [`CSS`], base64: the only style the policy allows. The browser test
/// fails where it is stale (the browser then refuses the style and says so).
const CSS_SHA256: &str = "9HKe2WlsifskdK9psBK3bATyw8aO21C7g0x7cTUC1ZY=";

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

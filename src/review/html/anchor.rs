//! The anchors of the page: where a finding or a claim is shown (a note beside its mark,
//! a claim's entry, or a line of the claims file), so that every link lands on it.

use crate::finding::Finding;
use crate::review::{Layout, Review};

/// Where a finding is shown: the note of its first mark, else its claim, else its line.
pub(super) fn finding_target(i: usize, r: &Review, l: &Layout, k: usize) -> String {
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
pub(super) fn claim_href(i: usize, r: &Review, l: &Layout, c: usize) -> String {
    match (l.claim_passage[c], &r.article) {
        (Some(p), _) => format!("#f{i}-p{p}"),
        (None, Some(_)) => format!("#f{i}-c{c}"),
        (None, None) => format!("#f{i}-l{}", r.claims[c].lines.0),
    }
}

pub(super) fn line_of(r: &Review, f: &Finding) -> usize {
    r.report.source.line(f.primary().start)
}

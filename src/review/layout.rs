//! What both views of a review share: the marks (passages) of the article, its
//! paragraphs, and which findings belong to which claim.

use super::Review;
use crate::code::Severity;
use crate::source::Span;
use std::collections::HashMap;
use std::ops::Range;

/// One mark: the union of the passages of quotes that overlap or repeat.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// Where it is in the article.
    pub span: Span,
    /// Its claims, in file order.
    pub claims: Vec<usize>,
    /// The findings of those claims, in report order, each once.
    pub findings: Vec<usize>,
    /// The worst severity among them; `None` where they were checked and are clean.
    pub worst: Option<Severity>,
}

/// A paragraph of the article (a heading is one too). Paragraphs end at blank lines,
/// except inside a mark.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// Its text, past a Markdown heading's `#`s.
    pub span: Span,
    /// Whether it is a Markdown heading.
    pub heading: bool,
    /// The indices of its marks.
    pub passages: Range<usize>,
}

/// The marks, paragraphs and findings of one review.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The marks, in article order; they never overlap.
    pub passages: Vec<Passage>,
    /// The paragraphs, in order (none without an article).
    pub blocks: Vec<Block>,
    /// The mark of each claim, if its quote was found.
    pub claim_passage: Vec<Option<usize>>,
    /// The findings of each claim: those it owns and those that involve it.
    pub claim_findings: Vec<Vec<usize>>,
    /// The claims of each finding: its owner first, then the others it names.
    pub finding_claims: Vec<Vec<usize>>,
    /// Claims without a mark: no quote, a quote not found, or no article.
    pub unplaced: Vec<usize>,
    /// Findings that belong to no claim, or whose claims all lack a mark.
    pub loose: Vec<usize>,
}

impl Layout {
    /// Lays out one review.
    pub(super) fn of(r: &Review) -> Layout {
        let n = r.claims.len();
        let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(n);
        for (i, c) in r.claims.iter().enumerate() {
            by_id.entry(c.id.as_str()).or_insert(i);
        }
        let findings = &r.report.findings;
        let mut claim_findings = vec![Vec::new(); n];
        let mut finding_claims = Vec::with_capacity(findings.len());
        for (k, f) in findings.iter().enumerate() {
            let mut cs: Vec<usize> = f.claim.filter(|&c| c < n).into_iter().collect();
            for id in &f.ids {
                if let Some(&c) = by_id.get(id.as_str())
                    && !cs.contains(&c)
                {
                    cs.push(c);
                }
            }
            for &c in &cs {
                claim_findings[c].push(k);
            }
            finding_claims.push(cs);
        }

        // Marks: the found passages, sorted, merged where they overlap or repeat.
        let mut found: Vec<(Span, usize)> = r
            .claims
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.passage.filter(|s| s.len > 0).map(|s| (s, i)))
            .collect();
        found.sort_by_key(|&(s, i)| (s.start, i));
        let mut passages: Vec<Passage> = Vec::new();
        let mut claim_passage = vec![None; n];
        for (s, i) in found {
            match passages.last_mut() {
                Some(p) if s.start < p.span.end() => {
                    let end = p.span.end().max(s.end());
                    p.span = Span::new(p.span.start, end - p.span.start);
                    p.claims.push(i);
                }
                _ => passages.push(Passage {
                    span: s,
                    claims: vec![i],
                    findings: Vec::new(),
                    worst: None,
                }),
            }
            claim_passage[i] = Some(passages.len() - 1);
        }
        for p in &mut passages {
            p.claims.sort_unstable();
            let mut fs: Vec<usize> = p
                .claims
                .iter()
                .flat_map(|&c| claim_findings[c].iter().copied())
                .collect();
            fs.sort_unstable();
            fs.dedup();
            p.worst = fs.iter().map(|&k| findings[k].severity).max();
            p.findings = fs;
        }
        let unplaced = (0..n).filter(|&c| claim_passage[c].is_none()).collect();
        let loose = (0..findings.len())
            .filter(|&k| {
                finding_claims[k]
                    .iter()
                    .all(|&c| claim_passage[c].is_none())
            })
            .collect();
        let blocks = r
            .article
            .as_ref()
            .map(|a| blocks(&a.text, &passages))
            .unwrap_or_default();
        Layout {
            passages,
            blocks,
            claim_passage,
            claim_findings,
            finding_claims,
            unplaced,
            loose,
        }
    }

    /// The worst severity among the findings of a claim (`None`: clean).
    pub fn claim_worst(&self, r: &Review, c: usize) -> Option<Severity> {
        self.claim_findings
            .get(c)?
            .iter()
            .map(|&k| r.report.findings[k].severity)
            .max()
    }
}

/// The paragraphs of a text: runs of lines that are not blank, joined where a mark
/// crosses a blank line.
fn blocks(text: &str, passages: &[Passage]) -> Vec<Block> {
    let mut paras: Vec<Span> = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                paras.push(Span::new(s, last_end - s));
            }
        } else {
            start.get_or_insert(at + (content.len() - content.trim_start().len()));
            last_end = at + content.trim_end().len();
        }
        at += line.len();
    }
    if let Some(s) = start {
        paras.push(Span::new(s, last_end - s));
    }
    let mut out: Vec<Block> = Vec::new();
    let mut p = 0;
    let mut i = 0;
    while i < paras.len() {
        let first = paras[i].start;
        let mut end = paras[i].end();
        i += 1;
        // A mark that starts here and ends past the paragraph takes the next ones in.
        loop {
            while p < passages.len() && passages[p].span.end() <= end {
                p += 1;
            }
            match passages.get(p) {
                Some(m) if m.span.start < end && i < paras.len() => {
                    end = paras[i].end().max(end);
                    i += 1;
                }
                _ => break,
            }
        }
        let from = out.last().map_or(0, |b: &Block| b.passages.end);
        let to = passages[from..]
            .iter()
            .position(|m| m.span.start >= end)
            .map_or(passages.len(), |k| from + k);
        let text_of = &text[first..end];
        let hashes = text_of.len() - text_of.trim_start_matches('#').len();
        let heading = (1..=6).contains(&hashes) && text_of[hashes..].starts_with(' ');
        let mut shown = first;
        if heading {
            let skip = hashes + 1;
            if passages[from..to]
                .first()
                .is_none_or(|m| m.span.start >= first + skip)
            {
                shown = first + skip;
            }
        }
        out.push(Block {
            span: Span::new(shown, end - shown),
            heading,
            passages: from..to,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, len: usize) -> Passage {
        Passage {
            span: Span::new(start, len),
            claims: vec![0],
            findings: vec![],
            worst: None,
        }
    }

    #[test]
    fn paragraphs_end_at_blank_lines_but_not_inside_a_mark() {
        let text = "# Title\n\nOne two\nthree.\n\n  \nFour five.\n\nSix.";
        let b = blocks(text, &[]);
        let shown: Vec<&str> = b
            .iter()
            .map(|b| &text[b.span.start..b.span.end()])
            .collect();
        assert_eq!(shown, ["Title", "One two\nthree.", "Four five.", "Six."]);
        assert!(b[0].heading && !b[1].heading);
        let three = text.find("three").unwrap_or(0);
        let four = text.find("Four").unwrap_or(0);
        let b = blocks(text, &[mark(three, four + 4 - three)]);
        let shown: Vec<&str> = b
            .iter()
            .map(|b| &text[b.span.start..b.span.end()])
            .collect();
        assert_eq!(
            shown,
            ["Title", "One two\nthree.\n\n  \nFour five.", "Six."]
        );
        assert_eq!(b[1].passages, 0..1);
        assert_eq!(b[2].passages, 1..1);
    }
}

//! The review in a terminal: the article wrapped to the width, each marked passage
//! underlined, a marker in the margin where a passage begins (`✖ error`, `⚠ warning`,
//! `ℹ note`, `✓ checked`: a sign and a word, never colour alone), and under each paragraph
//! its claims and findings as the report prints them.
//!
//! Without colour, the underline is a line of its own under the text: `^` under an
//! error, `~` a warning, `-` a note, `·` a passage checked and clean. With colour, the
//! passage itself is underlined and coloured.

use super::{Block, Layout, Review};
use crate::code::Severity;
use crate::output::escape;
use crate::output::human::Renderer;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// The margin: the widest marker (`⚠ warning`) and two spaces.
const MARGIN: usize = 11;

fn marker(s: Option<Severity>) -> (&'static str, &'static str) {
    match s {
        Some(Severity::Error) => ("✖ error", "\x1b[1;31m"),
        Some(Severity::Warning) => ("⚠ warning", "\x1b[1;33m"),
        Some(Severity::Note) => ("ℹ note", "\x1b[1;34m"),
        None => ("✓ checked", "\x1b[1;32m"),
    }
}

fn underline_char(s: Option<Severity>) -> char {
    match s {
        Some(Severity::Error) => '^',
        Some(Severity::Warning) => '~',
        Some(Severity::Note) => '-',
        None => '·',
    }
}

const RESET: &str = "\x1b[0m";

/// Renders the reviews for a terminal `width` columns wide.
pub fn render(reviews: &[Review], color: bool, width: usize) -> String {
    let width = width.max(MARGIN + 20);
    let mut s = String::new();
    let mut out = Renderer::new(color, width);
    for r in reviews {
        let l = r.layout();
        let title = match &r.article {
            Some(a) => format!("{} — {}", escape(&r.report.source.name), escape(&a.name)),
            None => escape(&r.report.source.name).into_owned(),
        };
        let _ = writeln!(s, "{title}\n{}\n", "═".repeat(title.width().min(width)));
        match &r.article {
            Some(a) => {
                for b in &l.blocks {
                    block(&mut s, &a.text, b, &l, color, width);
                    for p in b.passages.clone() {
                        passage_notes(&mut s, r, &l, p, color, &mut out);
                    }
                }
                if !l.unplaced.is_empty() {
                    let _ = writeln!(s, "Claims not marked in the article\n");
                    for &c in &l.unplaced {
                        claim_line(&mut s, r, &l, c, color);
                        let why = match &r.claims[c].quote {
                            None => "no quote",
                            Some(_) => "its quote was not found in the article",
                        };
                        let _ = writeln!(s, "{:MARGIN$}{why}", "");
                    }
                    s.push('\n');
                    let fs: Vec<usize> = l
                        .unplaced
                        .iter()
                        .flat_map(|&c| l.claim_findings[c].iter().copied())
                        .filter(|k| l.loose.binary_search(k).is_ok())
                        .collect();
                    findings(&mut s, r, &dedup(fs), &mut out);
                }
                let loose: Vec<usize> = l
                    .loose
                    .iter()
                    .copied()
                    .filter(|&k| l.finding_claims[k].is_empty())
                    .collect();
                if !loose.is_empty() {
                    let _ = writeln!(s, "Findings about the file\n");
                    findings(&mut s, r, &loose, &mut out);
                }
            }
            None => yaml_file(&mut s, r, &mut out),
        }
    }
    let c = crate::output::Counts::of_findings(reviews.iter().flat_map(|r| &r.report.findings));
    let (e, w, n) = (c.errors, c.warnings, c.notes);
    let pl = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        s,
        "{}, {}, {} in {}",
        pl(e, "error"),
        pl(w, "warning"),
        pl(n, "note"),
        pl(reviews.len(), "file")
    );
    s
}

fn dedup(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v.dedup();
    v
}

/// One paragraph, wrapped, its passages underlined and marked in the margin.
fn block(s: &mut String, text: &str, b: &Block, l: &Layout, color: bool, width: usize) {
    let room = width - MARGIN;
    let body = text.get(b.span.start..b.span.end()).unwrap_or("");
    // Words with their byte offsets in the article (white space may be several bytes).
    let words: Vec<(usize, &str)> = body
        .split_whitespace()
        .map(|w| {
            (
                b.span.start + (w.as_ptr() as usize - body.as_ptr() as usize),
                w,
            )
        })
        .collect();
    // The passage covering a byte, if any: bytes are asked for in order, and the marks
    // are sorted and apart, so one cursor walks them once.
    let passages = &l.passages[b.passages.clone()];
    let cursor = std::cell::Cell::new(0usize);
    let covering = |at: usize| {
        let mut k = cursor.get();
        while k < passages.len() && passages[k].span.end() <= at {
            k += 1;
        }
        cursor.set(k);
        passages.get(k).filter(|p| p.span.start <= at)
    };
    let mut lines: Vec<Vec<(usize, &str)>> = Vec::new();
    let mut current: Vec<(usize, &str)> = Vec::new();
    let mut used = 0;
    for (at, w) in words {
        let ww = escape(w).width();
        if !current.is_empty() && used + 1 + ww > room {
            lines.push(std::mem::take(&mut current));
            used = 0;
        }
        used += if current.is_empty() { ww } else { ww + 1 };
        current.push((at, w));
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let mut prev_end = b.span.start;
    for line in lines {
        let end = line.last().map_or(prev_end, |(a, w)| a + w.len());
        // The marks that begin on this line (sorted by start: found by halving).
        let from = passages.partition_point(|p| p.span.start < prev_end);
        let to = passages.partition_point(|p| p.span.start < end);
        let starting = passages[from..to.max(from)]
            .iter()
            .map(|p| p.worst.map_or(0, |s| s as u8 + 1))
            .max();
        let mut out = String::new();
        let mut under = String::new();
        let mut any_under = false;
        match starting {
            Some(k) => {
                let sev = [
                    None,
                    Some(Severity::Note),
                    Some(Severity::Warning),
                    Some(Severity::Error),
                ][usize::from(k)];
                let (word, code) = marker(sev);
                let pad = MARGIN - word.width();
                if color {
                    let _ = write!(out, "{code}{word}{RESET}{:pad$}", "");
                } else {
                    let _ = write!(out, "{word}{:pad$}", "");
                }
            }
            None => out.push_str(&" ".repeat(MARGIN)),
        }
        under.push_str(&" ".repeat(MARGIN));
        for (n, (at, w)) in line.iter().enumerate() {
            if n > 0 {
                // The space between two words of one passage is part of it.
                let inside = covering(at - 1).filter(|p| p.span.start < *at);
                push(&mut out, &mut under, " ", inside.map(|p| p.worst), color);
                any_under |= inside.is_some();
            }
            for (k, ch) in w.char_indices() {
                let p = covering(at + k);
                let shown = escape(&w[k..k + ch.len_utf8()]).into_owned();
                push(&mut out, &mut under, &shown, p.map(|p| p.worst), color);
                any_under |= p.is_some();
            }
        }
        if color {
            out.push_str(RESET);
        }
        s.push_str(out.trim_end());
        s.push('\n');
        if any_under && !color {
            s.push_str(under.trim_end());
            s.push('\n');
        }
        prev_end = end;
    }
    s.push('\n');
}

/// Appends text, underlined (in colour) or with its underline on the line below.
fn push(
    out: &mut String,
    under: &mut String,
    t: &str,
    mark: Option<Option<Severity>>,
    color: bool,
) {
    let w = t.width();
    match mark {
        Some(sev) if color => {
            let _ = write!(out, "\x1b[4m{}{t}{RESET}", marker(sev).1);
        }
        Some(sev) => {
            out.push_str(t);
            under.extend(std::iter::repeat_n(underline_char(sev), w));
        }
        None => {
            out.push_str(t);
            under.extend(std::iter::repeat_n(' ', w));
        }
    }
}

fn claim_line(s: &mut String, r: &Review, l: &Layout, c: usize, color: bool) {
    let cl = &r.claims[c];
    let (word, code) = marker(l.claim_worst(r, c));
    let pad = MARGIN - word.width();
    let reads = cl
        .reads_as
        .as_ref()
        .map(|v| format!(" reads as {}", escape(v)))
        .unwrap_or_default();
    if color {
        let _ = write!(s, "{code}{word}{RESET}{:pad$}", "");
    } else {
        let _ = write!(s, "{word}{:pad$}", "");
    }
    let _ = writeln!(
        s,
        "`{}`, {} (line {}): {}{reads}",
        escape(&cl.id),
        cl.kind,
        cl.lines.0,
        escape(&cl.written)
    );
}

/// Under a paragraph: a mark's claims, then the findings shown there first.
fn passage_notes(
    s: &mut String,
    r: &Review,
    l: &Layout,
    p: usize,
    color: bool,
    out: &mut Renderer,
) {
    let m = &l.passages[p];
    for &c in &m.claims {
        claim_line(s, r, l, c, color);
    }
    // A finding of several marks is printed under the first of them. (`m.findings` is
    // sorted, and so is `first`, found in it by halves.)
    let first: Vec<usize> = m
        .findings
        .iter()
        .copied()
        .filter(|&k| {
            l.finding_claims[k]
                .iter()
                .filter_map(|&c| l.claim_passage[c])
                .min()
                == Some(p)
        })
        .collect();
    for &k in &m.findings {
        if first.binary_search(&k).is_err() {
            let f = &r.report.findings[k];
            let _ = writeln!(
                s,
                "{:MARGIN$}{}[{}] {} (shown above)",
                "",
                f.severity,
                f.code,
                escape(&f.message)
            );
        }
    }
    s.push('\n');
    findings(s, r, &first, out);
}

fn findings(s: &mut String, r: &Review, ks: &[usize], out: &mut Renderer) {
    out.findings(s, ks.iter().map(|&k| &r.report.findings[k]));
}

/// Without an article: the claims file, each finding under its line.
fn yaml_file(s: &mut String, r: &Review, out: &mut Renderer) {
    let src = &r.report.source;
    let _ = writeln!(
        s,
        "No article (document.source) to show: the claims file, with its findings.\n"
    );
    let text = src.text.strip_suffix('\n').unwrap_or(&src.text);
    let count = text.split('\n').count();
    let mut at_line: Vec<Vec<usize>> = vec![Vec::new(); count + 1];
    for (k, f) in r.report.findings.iter().enumerate() {
        let n = src.line(f.primary().start).min(count);
        at_line[n].push(k);
    }
    for (n, line) in text.split('\n').enumerate() {
        let n = n + 1;
        let _ = writeln!(s, "{n:>4} │ {}", escape(line.trim_end_matches('\r')));
        if let Some(ks) = at_line.get(n).filter(|k| !k.is_empty()) {
            s.push('\n');
            findings(s, r, ks, out);
        }
    }
    s.push('\n');
}

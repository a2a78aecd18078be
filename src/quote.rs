//! Quotes against their source (SPEC 2, 7): `quote/not-found`, `source/unreadable`.
//!
//! *What it checks*: with `document.source` set, every `quote` must occur in that file,
//! after folding white space (line breaks included) and straightening curly quotes,
//! apostrophes and dashes; case and every word count. The source must be a readable UTF-8
//! text file inside the repository.
//!
//! *Why it matters*: a claim is only as good as the sentence it comes from. A quote that
//! is not in the article was mistyped, paraphrased, or taken from an older version.
//!
//! *Example*: `quote: half of 20 mln residents` against an article that says "half of the
//! 20 mln residents" is `quote/not-found`, with the article's passage as the help.
//!
//! Where a claim's quote is found, every finding of that claim shows the passage of the
//! article as well, so that an editor sees the sentence itself.
//!
//! # The codes it reports
//!
#![doc = include_str!("../docs/codes/quote-not-found.md")]
#![doc = include_str!("../docs/codes/source-unreadable.md")]

use crate::claim::ClaimsFile;
use crate::code::Code;
use crate::finding::{Finding, Related};
use crate::hash::{TextMap, text_map};
use crate::source::{SourceFile, Span};
use std::sync::Arc;

/// Bytes of source scanned for quotes, at most, in one claims file (well under a second
/// in a release build; 1,000 quotes against a 256 KB article).
pub const SCAN_BUDGET: u64 = 256_000_000;
/// Work spent looking for the closest passages of quotes not found, at most, in one
/// claims file (characters compared).
pub const SUGGEST_BUDGET: u64 = 400_000_000;

/// The article a claims file's `document.source` names, as the caller found it.
#[derive(Clone, Debug)]
pub enum Article {
    /// Its text, with the name it is shown under.
    Text(Arc<SourceFile>),
    /// It could not be read: why, in a few words (reported as `source/unreadable`).
    Unreadable(String),
}

/// Where each claim's quote was found in the article: after the checks, the passage is
/// shown with every other finding of the claim, so that an editor sees the sentence.
#[derive(Debug)]
pub struct Passages {
    article: Arc<SourceFile>,
    /// By claim index: the passage its quote matched, if any.
    found: Vec<Option<Span>>,
}

impl Passages {
    /// The article the quotes were matched against.
    pub fn article(&self) -> &Arc<SourceFile> {
        &self.article
    }

    /// By claim index: where its quote occurs in the article (the first occurrence).
    pub fn found(&self) -> &[Option<Span>] {
        &self.found
    }

    /// Adds the passage a finding's claim quotes to the finding (not to a
    /// `quote/not-found`, which shows the closest passage instead).
    pub fn attach(&self, file: &ClaimsFile, out: &mut [Finding]) {
        for f in out.iter_mut() {
            if f.code == Code::QuoteNotFound {
                continue;
            }
            if let Some(c) = f.claim
                && let Some(span) = self.found.get(c).copied().flatten()
            {
                let id = file.claims.get(c).map_or("", |c| c.id.as_str());
                f.related.push(Related {
                    file: Arc::clone(&self.article),
                    span,
                    message: format!("`{id}` quotes the source here"),
                });
            }
        }
    }
}

/// Checks the quotes of one file against `article`, the text of its `document.source`.
/// Returns where they were found, for [`Passages::attach`].
pub fn check(
    file: &ClaimsFile,
    article: Option<&Article>,
    out: &mut Vec<Finding>,
) -> Option<Passages> {
    let Some((name, span)) = &file.document.source else {
        return None;
    };
    let article = match article {
        Some(Article::Text(a)) => a,
        Some(Article::Unreadable(why)) => {
            out.push(unreadable(file, name, *span, why));
            return None;
        }
        None => {
            out.push(unreadable(file, name, *span, "its text was not given"));
            return None;
        }
    };
    let index = Normalized::new(&article.text);
    let mut found: Vec<Option<Span>> = vec![None; file.claims.len()];
    // The work of matching is bounded: the same quote is looked up once, and past a
    // budget of bytes scanned the remaining quotes are left unchecked, with a finding
    // that says so (a hostile file could pair a large source with many quotes).
    let mut seen: TextMap<String, Option<Span>> = text_map(0);
    let mut scan_budget = SCAN_BUDGET;
    let mut suggest_budget = SUGGEST_BUDGET;
    let mut unchecked = 0usize;
    for (i, c) in file.claims.iter().enumerate() {
        let Some(q) = &c.quote else { continue };
        let needle = normalize(&q.text).0;
        if needle.is_empty() {
            continue;
        }
        let hit = match seen.get(&needle) {
            Some(h) => *h,
            None => {
                let cost = index.text.len() as u64 + needle.len() as u64;
                if cost > scan_budget {
                    unchecked += 1;
                    continue;
                }
                scan_budget -= cost;
                let h = index.find(&needle);
                seen.insert(needle.clone(), h);
                h
            }
        };
        match hit {
            Some(s) => found[i] = Some(s),
            None => {
                let mut f = Finding::new(
                    Code::QuoteNotFound,
                    &file.source,
                    format!(
                        "the quote of `{}`, \"{}\", does not occur in `{name}`",
                        c.id,
                        crate::wording::shorten(
                            &q.text.split_whitespace().collect::<Vec<_>>().join(" "),
                            60
                        )
                    ),
                    q.span,
                    "not in the source",
                )
                .owner(i, &c.id);
                if let Some(p) = index.closest(&needle, &mut suggest_budget) {
                    let passage = article.slice(p);
                    f = f.help(format!(
                        "quote the source word for word: the closest passage is \"{}\"",
                        passage.split_whitespace().collect::<Vec<_>>().join(" ")
                    ));
                    f.related.push(Related {
                        file: Arc::clone(article),
                        span: p,
                        message: "the closest passage of the source".into(),
                    });
                }
                out.push(f);
            }
        }
    }
    if unchecked > 0 {
        out.push(
            Finding::new(
                Code::SourceUnreadable,
                &file.source,
                format!(
                    "{unchecked} {} left unchecked: matching them against `{name}` ({} bytes) is more work than claimlint does",
                    if unchecked == 1 { "quote was" } else { "quotes were" },
                    crate::wording::count(article.text.len())
                ),
                *span,
                "source",
            )
            .help("split the claims into several files, or the source into several sources"),
        );
    }
    Some(Passages {
        article: Arc::clone(article),
        found,
    })
}

fn unreadable(file: &ClaimsFile, name: &str, span: Span, why: &str) -> Finding {
    Finding::new(
        Code::SourceUnreadable,
        &file.source,
        format!("cannot read the source `{name}`: {why}, so its quotes are left unchecked"),
        span,
        "source",
    )
    .help(unreadable_help(why))
}

/// The fix for a source that cannot be read, by why it cannot (the run layer's words).
fn unreadable_help(why: &str) -> &'static str {
    if why.contains("absolute") {
        "write `source` as a path relative to this claims file, inside the repository"
    } else if why.contains("outside the repository") {
        "move the article into the repository, or point `source` at a copy inside it"
    } else if why.contains("folder") && why.starts_with("it is") {
        "point `source` at the article's file inside that folder"
    } else if why.contains("UTF-8") {
        "save the article as UTF-8 text (most editors offer the encoding when saving)"
    } else if why.contains("binary") || why.contains("regular file") {
        "point `source` at the article as text (Markdown, plain text or HTML)"
    } else if why.contains("larger than") {
        "point `source` at the part of the article the claims quote"
    } else {
        "correct the path: `source` is relative to this claims file (`article.md` beside it)"
    }
}

/// Folds white space and straightens quotes, apostrophes and dashes. Returns the text and,
/// for each of its bytes, the byte of the original it came from.
fn normalize(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut pending_space: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if pending_space.is_none() {
                pending_space = Some(i);
            }
            continue;
        }
        if let Some(sp) = pending_space.take()
            && !out.is_empty()
        {
            out.push(' ');
            map.push(sp);
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
            | '\u{00bb}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        let before = out.len();
        out.push(c);
        map.extend(std::iter::repeat_n(i, out.len() - before));
    }
    map.push(s.len());
    (out, map)
}

/// A source, normalized once, for finding quotes in it.
struct Normalized {
    text: String,
    map: Vec<usize>,
    original_len: usize,
}

impl Normalized {
    fn new(s: &str) -> Self {
        let (text, map) = normalize(s);
        Normalized {
            text,
            map,
            original_len: s.len(),
        }
    }

    /// The original span of normalized bytes `[from, to)`.
    fn span(&self, from: usize, to: usize) -> Span {
        let a = self.map.get(from).copied().unwrap_or(self.original_len);
        let end = match to.checked_sub(1).and_then(|t| self.map.get(t).copied()) {
            // Just past the original character the last byte came from: the next mapped
            // start (the map never decreases).
            Some(last) if to > from => {
                let k = self.map.partition_point(|&m| m <= last);
                self.map.get(k).copied().unwrap_or(self.original_len)
            }
            _ => a,
        };
        Span::new(a, end.saturating_sub(a))
    }

    fn find(&self, needle: &str) -> Option<Span> {
        let at = self.text.find(needle)?;
        Some(self.span(at, at + needle.len()))
    }

    /// The passage most like `needle`: windows of as many words, scored by similarity.
    /// Nothing where the search would cost more than is left of `budget`.
    fn closest(&self, needle: &str, budget: &mut u64) -> Option<Span> {
        const MAX_WORDS: usize = 50_000;
        let windows = self.text.matches(' ').count().min(MAX_WORDS) as u64 + 1;
        let cost =
            windows.saturating_mul((needle.len() as u64).saturating_mul(needle.len() as u64 * 2));
        if cost > *budget {
            return None;
        }
        *budget -= cost;
        let words: Vec<(usize, usize)> = self
            .text
            .split(' ')
            .scan(0usize, |pos, w| {
                let start = *pos;
                *pos += w.len() + 1;
                Some((start, start + w.len()))
            })
            .take(MAX_WORDS)
            .collect();
        let n = needle.split(' ').count().max(1);
        if words.is_empty() {
            return None;
        }
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..words.len().saturating_sub(n - 1).max(1) {
            let j = (i + n).min(words.len()) - 1;
            let (a, b) = (words[i].0, words[j].1);
            let score = strsim::normalized_levenshtein(
                &self.text[a..b].to_lowercase(),
                &needle.to_lowercase(),
            );
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, a, b));
            }
        }
        best.filter(|(s, _, _)| *s >= 0.5)
            .map(|(_, a, b)| self.span(a, b))
    }
}

/// Where `quote` occurs in `source`, matched as the check matches it (white space folded,
/// curly quotes, apostrophes and dashes straightened).
pub fn find(source: &str, quote: &str) -> Option<Span> {
    let needle = normalize(quote).0;
    if needle.is_empty() {
        return None;
    }
    Normalized::new(source).find(&needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_after_folding() {
        let src = "He said \u{201c}it\u{2019}s   crucial\u{201d} \u{2014} twice.\nThen   left.";
        let n = Normalized::new(src);
        let q = normalize("said \"it's crucial\" - twice. Then left").0;
        let s = n.find(&q);
        assert!(s.is_some());
        let s = s.unwrap_or_default();
        assert_eq!(
            &src[s.start..s.end()],
            "said \u{201c}it\u{2019}s   crucial\u{201d} \u{2014} twice.\nThen   left"
        );
        assert!(n.find("Said").is_none(), "case counts");
    }

    #[test]
    fn closest_passage() {
        let src = "The office opened in March. More than 12.5 mln people use the app.";
        let n = Normalized::new(src);
        let mut budget = u64::MAX;
        let s = n
            .closest(
                &normalize("more than 12.5 million people use").0,
                &mut budget,
            )
            .unwrap_or_default();
        assert!(
            src[s.start..s.end()].contains("12.5 mln"),
            "{}",
            &src[s.start..s.end()]
        );
    }
}

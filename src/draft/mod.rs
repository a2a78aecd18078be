//! `claimlint draft`: from an article's text to a claims file an editor only has to
//! review (docs/draft.md).
//!
//! The article is split into sentences ([`sentence`]), each sentence into tokens
//! ([`token`]); in each sentence the times ([`time`]), figures ([`figure`]), status
//! phrases ([`status`]) and relations ([`relation`]) are found with the words of the
//! rules, and the claims are written as YAML by hand ([`write`]). Every literal is read
//! back by the literal parser before it is drafted, and the whole draft is checked with
//! the same rules before it is returned: a claim that would not load is left out or
//! made plainer, so that a draft never fails for its own syntax.

pub mod figure;
mod header;
mod ids;
mod item;
pub mod relation;
pub mod sentence;
pub mod status;
pub mod time;
pub mod token;
pub mod write;

pub use item::slug;

use crate::code::Code;
use crate::rules::{Polarity, RuleSet};
use crate::source::SourceFile;
use figure::{FigKind, Finder};
use header::header;
use ids::claims;
use item::{Body, Item, quantity, quote, relation_items};
use relation::Side;
use write::Document;

/// What the draft says about its article.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `document.source`: the article's path relative to the draft, if it has one.
    pub source: Option<String>,
}

/// What a claim of the draft is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// A figure.
    Quantity,
    /// An earlier value a relation compares with.
    Unknown,
    /// A relation: its function, or `>` / `<`.
    Assert(&'static str),
    /// A status phrase.
    Status,
}

/// A claim of the draft and the article text it stands for.
#[derive(Clone, Debug)]
pub struct Drafted {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub what: What,
    /// Byte range in the article: the literal, the phrase, the relation's words (empty
    /// for an unknown).
    pub span: (usize, usize),
}

/// A draft: its YAML, and its claims with where each comes from.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The claims file.
    pub text: String,
    /// Its claims, in order.
    pub claims: Vec<Drafted>,
    /// Figures noted but not drafted.
    pub notes: Vec<String>,
}

/// Drafts the claims of `article` with `rules`: the claims file's text.
pub fn draft(article: &str, opts: &Options, rules: &RuleSet) -> String {
    draft_full(article, opts, rules).text
}

/// Drafts the claims of `article` with `rules`, and says where each comes from.
pub fn draft_full(article: &str, opts: &Options, rules: &RuleSet) -> Draft {
    let (doc, body_start) = header(article, rules);
    let doc_year = doc
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<u32>().ok());
    let doc_month = doc
        .date
        .as_deref()
        .and_then(|d| d.get(5..7))
        .and_then(|m| m.parse::<u32>().ok());
    let doc_ym = doc_year.map(|y| (y, doc_month));
    let doc_date = doc.date.clone();
    let mut items: Vec<Item> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let phrases = status::Phrases::new(rules);
    // Figure index (article-wide) -> item index.
    let mut fig_item: Vec<Option<usize>> = Vec::new();
    let mut prev_anchor: Option<usize> = None;
    let mut unnamed = 0u32;
    let mut seq = 0u32;
    let mut next_seq = || {
        seq += 1;
        seq
    };
    for (s_start, s_end) in sentence::split(article, body_start, rules.draft()) {
        let toks = token::tokens(article, s_start, s_end);
        let lower: Vec<String> = toks.iter().map(|t| token::fold(t.text(article))).collect();
        let times = time::mentions_dated(article, &toks, &lower, rules.draft(), doc_ym);
        let fd = Finder::new(article, &toks, lower, rules, &times);
        let mut figs = fd.figures();
        // The segments of the sentence between commas and semicolons: a time in the
        // token's own segment comes first, then the nearest.
        let mut segment = Vec::with_capacity(toks.len());
        let mut seg = 0;
        for t in &toks {
            if matches!(t.text(article), "," | ";" | "—" | "(" | ")") {
                seg += 1;
            }
            segment.push(seg);
        }
        let clause_time = |first: usize| -> Option<String> {
            let own = segment.get(first).copied();
            // A time of another clause only where it opens the sentence before the
            // token ("In Q3 of 2024, Meta revealed ... 1.2 billion").
            times
                .iter()
                .filter(|t| !t.compared && t.value.is_some())
                .filter(|t| segment.get(t.first).copied() == own || t.first < first)
                .min_by_key(|t| {
                    (
                        segment.get(t.first).copied() != own,
                        t.first.abs_diff(first),
                    )
                })
                .and_then(|t| t.value.clone())
                .filter(|v| Some(v) != doc_date.as_ref())
        };
        for f in &mut figs {
            f.as_of = clause_time(f.first);
        }
        let base = fig_item.len();
        let rels = relation::find(&fd, &figs, base, &times, prev_anchor);
        let consumed: Vec<usize> = rels.iter().flat_map(|r| r.consumed.clone()).collect();
        for (j, f) in figs.iter().enumerate() {
            // A ratio word is a relation's amount, never a figure of its own: one no
            // relation took ("half the energy") is left out.
            if consumed.contains(&(base + j)) || f.kind == FigKind::Ratio {
                fig_item.push(None);
                continue;
            }
            match quantity(article, f, rules) {
                Ok(item) => {
                    let mut item = item;
                    item.pos = (f.quote.0, next_seq());
                    item.span = (
                        toks.get(f.first).map_or(0, |t| t.start),
                        toks.get(f.last).map_or(0, |t| t.end),
                    );
                    fig_item.push(Some(items.len()));
                    items.push(item);
                }
                Err(note) => {
                    fig_item.push(None);
                    notes.push(note);
                }
            }
        }
        // The anchor of "This is a 25% increase" in the next sentence: the part of a
        // share, else the first amount.
        let part = rels
            .iter()
            .find(|r| r.func == "share")
            .and_then(|r| match r.args.first() {
                Some(Side::Figure(i)) => Some(*i),
                _ => None,
            });
        let first_amount = figs
            .iter()
            .position(|f| matches!(f.kind, FigKind::Count | FigKind::Money))
            .map(|j| base + j);
        let anchor = part.or(first_amount);
        for r in &rels {
            relation_items(article, r, &fig_item, &mut items, &mut next_seq);
        }
        if anchor.is_some() {
            prev_anchor = anchor;
        } else if !figs.is_empty() {
            prev_anchor = None;
        }
        for m in status::find(&fd, &phrases, rules) {
            let Some(meaning) = rules.phrase(&m.status) else {
                continue;
            };
            let state = rules
                .lifecycles
                .get(&*meaning.lifecycle)
                .and_then(|l| l.value.states.get(meaning.state))
                .cloned()
                .unwrap_or_default();
            let (subject, guess) = m.subject.clone().unwrap_or_else(|| {
                // No words to name it: a subject of its own, so that it is never taken
                // for another mention's.
                unnamed += 1;
                (format!("{} {unnamed}", meaning.lifecycle), true)
            });
            let slug_subject = slug(&subject, 5);
            let slug_subject = if slug_subject.is_empty() {
                meaning.lifecycle.to_string()
            } else {
                slug_subject
            };
            let base = format!(
                "{slug_subject}_{}{state}",
                match meaning.polarity {
                    Polarity::Affirmed => "",
                    Polarity::Negated => "not_",
                    Polarity::Possible => "possibly_",
                }
            );
            items.push(Item {
                base,
                body: Body::Status {
                    subject: slug_subject,
                    guess,
                    status: m.status.clone(),
                },
                as_of: clause_time(m.first),
                quote: Some(quote(article, m.quote)),
                pos: (m.quote.0, next_seq()),
                span: (
                    toks.get(m.first).map_or(0, |t| t.start),
                    toks.get(m.last).map_or(0, |t| t.end),
                ),
                dropped: false,
            });
        }
    }
    // Article order; the arguments of assertions follow their claims.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| items[i].pos);
    let mut new_index = vec![0; items.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut sorted: Vec<Item> = order.iter().map(|&i| items[i].clone()).collect();
    for it in &mut sorted {
        if let Body::Assert { args, .. } = &mut it.body {
            for a in args.iter_mut() {
                *a = new_index[*a];
            }
        }
    }
    let text = finish(&doc, opts, &mut sorted, &notes, rules);
    let (written, owners) = claims(&sorted);
    let claims = written
        .iter()
        .zip(&owners)
        .map(|(c, &i)| Drafted {
            id: c.id.clone(),
            what: match &sorted[i].body {
                Body::Quantity { .. } => What::Quantity,
                Body::Unknown { .. } => What::Unknown,
                Body::Assert { func, .. } => What::Assert(func),
                Body::Status { .. } => What::Status,
            },
            span: sorted[i].span,
        })
        .collect();
    Draft {
        text,
        claims,
        notes,
    }
}

/// Writes the items, checks the result with the rules, and leaves out or makes plainer
/// every claim that does not load; at most a few rounds.
fn finish(
    doc: &Document,
    opts: &Options,
    items: &mut [Item],
    notes: &[String],
    rules: &RuleSet,
) -> String {
    let mut doc = doc.clone();
    for _ in 0..4 {
        let (claims, owners) = claims(items);
        doc.source = None;
        let (text, ranges) = write::yaml(&doc, &claims, notes);
        let report = crate::check_text(
            SourceFile::new("draft.yaml", text.as_str()),
            rules,
            None,
            crate::Threads::One,
        );
        let mut changed = false;
        for f in &report.findings {
            if !matches!(
                f.code,
                Code::YamlSyntax
                    | Code::SchemaInvalid
                    | Code::LiteralInvalid
                    | Code::RefUnknown
                    | Code::UnitMismatch
            ) {
                continue;
            }
            let Some(at) = f.labels.first().map(|l| l.span.start) else {
                continue;
            };
            // The claim whose lines hold the finding (ranges are in file order).
            let k = ranges.partition_point(|&(a, _)| a <= at);
            let Some(k) = k.checked_sub(1).filter(|&k| at < ranges[k].1) else {
                continue;
            };
            let i = owners[k];
            changed = true;
            match &mut items[i].body {
                Body::Quantity { unit, .. } if unit.is_some() && f.code != Code::UnitMismatch => {
                    *unit = None
                }
                _ => items[i].dropped = true,
            }
        }
        if !changed {
            break;
        }
    }
    doc.source = opts.source.clone();
    let (claims, _) = claims(items);
    write::yaml(&doc, &claims, notes).0
}

#[cfg(test)]
mod tests;

//! An article's header: its title and the day of its dateline, from a YAML front matter
//! or the first lines, and where its body starts.

use super::write::Document;
use super::{time, token};
use crate::rules::RuleSet;

/// The title and dateline of an article, and where its body starts (after a YAML front
/// matter, if any).
pub(super) fn header(article: &str, rules: &RuleSet) -> (Document, usize) {
    let mut doc = Document::default();
    let mut body = 0;
    let mut lines = article.lines();
    // Front matter: `---`, `key: value` lines, `---`.
    if article.starts_with("---\n") || article.starts_with("---\r\n") {
        let mut off = article.find('\n').map_or(article.len(), |k| k + 1);
        for line in article[off..].lines() {
            let next = off + line.len() + 1;
            if line.trim() == "---" {
                body = next.min(article.len());
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                let v = v.trim().trim_matches(['"', '\'']).trim();
                match k.trim() {
                    "title" if !v.is_empty() => doc.title = Some(v.to_owned()),
                    "date" => {
                        let d = v.get(..10).unwrap_or(v);
                        if d.len() == 10 && crate::time::Time::parse(d).is_some() {
                            doc.date = Some(d.to_owned());
                        }
                    }
                    _ => {}
                }
            }
            off = next;
        }
        lines = article[body..].lines();
    }
    let mut seen = 0;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if seen == 1 && doc.title.is_none() {
            let heading = t.starts_with('#');
            let text = t.trim_start_matches('#').trim().trim_matches('*').trim();
            let words = text.split_whitespace().count();
            if heading || (words <= 20 && !text.ends_with(['.', '!', '?', ':', ';', ','])) {
                doc.title = Some(text.to_owned());
                continue;
            }
        }
        if doc.date.is_none() {
            doc.date = dateline(t, rules);
        }
        if seen >= 6 || doc.date.is_some() {
            break;
        }
    }
    (doc, body)
}

/// The day of a dateline: a byline or date line, or the start of the first paragraph
/// up to its dash ("ALMATY, Oct. 15, 2024 —").
fn dateline(line: &str, rules: &RuleSet) -> Option<String> {
    let short = line.split_whitespace().count() <= 14;
    let head = if short {
        line
    } else {
        let cut = ["—", " – ", " - ", " -- ", "("]
            .iter()
            .filter_map(|d| line.find(d))
            .min()?;
        if cut > 80 {
            return None;
        }
        &line[..cut]
    };
    let toks = token::tokens(head, 0, head.len());
    let lower: Vec<String> = toks.iter().map(|t| token::fold(t.text(head))).collect();
    time::mentions(head, &toks, &lower, rules.draft(), None)
        .into_iter()
        .filter_map(|m| m.value)
        .find(|v| v.len() == 10)
}

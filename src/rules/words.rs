//! What the help for an unknown status phrase looks up (SPEC 5): the words of the known
//! phrases, the phrases by length (typos are searched among phrases about as long), and
//! the stems of their verbs by lifecycle. Built once per rule set, on the first unknown
//! phrase, so that a run with none pays nothing and a file with many pays once.

use super::PhraseMeaning;
use crate::hash::{TextMap, text_map};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// The index.
#[derive(Clone, Debug, Default)]
pub struct PhraseWords {
    /// Every word of a known phrase.
    pub words: HashSet<String>,
    /// Known phrases (folded) by their length in characters.
    pub by_length: BTreeMap<usize, Vec<(String, PhraseMeaning)>>,
    /// For a verb's stem, how many phrases of each lifecycle have it.
    pub stems: TextMap<String, BTreeMap<Arc<str>, usize>>,
}

impl PhraseWords {
    /// Indexes the folded phrases.
    pub fn new(index: &super::PhraseIndex) -> PhraseWords {
        let mut w = PhraseWords {
            stems: text_map(0),
            ..PhraseWords::default()
        };
        for (k, m) in index.iter() {
            for word in k.split(' ') {
                if !w.words.contains(word) {
                    w.words.insert(word.to_owned());
                }
            }
            w.by_length
                .entry(k.chars().count())
                .or_default()
                .push((k.to_owned(), m.clone()));
            let mut seen: Vec<String> = Vec::new();
            for s in verbs(k) {
                if !seen.contains(&s) {
                    *w.stems
                        .entry(s.clone())
                        .or_default()
                        .entry(Arc::clone(&m.lifecycle))
                        .or_default() += 1;
                    seen.push(s);
                }
            }
        }
        // Iteration order of the hash map does not matter: ties are broken by the text.
        for v in w.by_length.values_mut() {
            v.sort_by(|a, b| a.0.cmp(&b.0));
        }
        w
    }

    /// The lifecycle most of whose phrases share a verb with `folded` (among equals, the
    /// first name).
    pub fn lifecycle_sharing_verbs(&self, folded: &str) -> Option<Arc<str>> {
        let mut score: BTreeMap<&Arc<str>, usize> = BTreeMap::new();
        let mut mine = verbs(folded);
        mine.dedup();
        for s in &mine {
            if let Some(by) = self.stems.get(s) {
                for (l, n) in by {
                    *score.entry(l).or_default() += n;
                }
            }
        }
        score
            .into_iter()
            .fold(
                None,
                |best: Option<(&Arc<str>, usize)>, (l, n)| match best {
                    Some((_, bn)) if bn >= n => best,
                    _ => Some((l, n)),
                },
            )
            .map(|(l, _)| Arc::clone(l))
    }
}

/// Words of a phrase that say when or how, not what: auxiliaries, plans, negations.
const NOT_VERBS: &[&str] = &[
    "a",
    "about",
    "after",
    "aim",
    "aims",
    "am",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "due",
    "expected",
    "for",
    "from",
    "going",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "if",
    "in",
    "intend",
    "intends",
    "is",
    "it",
    "its",
    "may",
    "might",
    "never",
    "no",
    "not",
    "of",
    "on",
    "or",
    "plan",
    "planned",
    "planning",
    "plans",
    "poised",
    "preparing",
    "set",
    "she",
    "should",
    "so",
    "that",
    "the",
    "their",
    "them",
    "they",
    "this",
    "to",
    "up",
    "was",
    "were",
    "whether",
    "will",
    "with",
    "would",
    "yet",
    "longer",
    "still",
    "considering",
    "weighing",
];

/// Prefixes that turn a word into another (`unlicensed`, `reopened`, `disapproved`).
pub const PREFIXES: &[&str] = &[
    "un", "re", "dis", "non", "de", "in", "im", "mis", "pre", "non-",
];

/// A crude stem: `shuttering`, `shuttered`, `shutters` and `shutter` all give `shutter`;
/// `closing`, `closed`, `closes`, `close` give `clos`.
pub fn stem(word: &str) -> String {
    let w = word
        .trim_end_matches("n't")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let mut s = w;
    for suffix in ["ing", "ied", "ed", "es", "s", "e"] {
        if let Some(t) = s.strip_suffix(suffix)
            && t.chars().count() >= 3
        {
            s = t;
            break;
        }
    }
    let s = s.strip_suffix('e').filter(|t| t.len() >= 3).unwrap_or(s);
    // A doubled final consonant (`planned`, `shutting`).
    let b = s.as_bytes();
    if b.len() >= 4 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouls".contains(&b[b.len() - 1]) {
        return s[..s.len() - 1].to_owned();
    }
    s.to_owned()
}

/// The stems of the words of a phrase that say what happens; a word with a prefix of
/// [`PREFIXES`] gives the stem without it too (`unlicensed`, `licensed`).
pub fn verbs(folded: &str) -> Vec<String> {
    let mut v = Vec::new();
    for w in folded.split(' ').filter(|w| !NOT_VERBS.contains(w)) {
        v.push(stem(w));
        if let Some(rest) = PREFIXES
            .iter()
            .find_map(|p| w.strip_prefix(p).filter(|r| r.len() >= 4))
        {
            v.push(stem(rest));
        }
    }
    v.retain(|s| !s.is_empty());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_join_the_forms_of_a_verb() {
        for w in ["shuttering", "shuttered", "shutters", "shutter"] {
            assert_eq!(stem(w), "shutter", "{w}");
        }
        for w in ["closing", "closed", "closes", "close"] {
            assert_eq!(stem(w), "clos", "{w}");
        }
        assert_eq!(stem("planned"), "plan");
        assert_eq!(stem("opened"), "open");
    }
}

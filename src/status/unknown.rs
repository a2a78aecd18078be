//! `status/unknown-phrase`: a phrase no lifecycle knows. The help suggests a known phrase
//! only where the unknown one looks like a typo of it (SPEC 5): about one edit in five
//! characters, the same polarity, and no doubt about the state it would name. Otherwise
//! it shows the two lines a rules file needs to add the phrase, to the lifecycle whose
//! verbs it shares.

use crate::claim::{ClaimsFile, Text};
use crate::code::Code;
use crate::finding::Finding;
use crate::rules::{Polarity, RuleSet};

/// The finding for claim `i`, whose phrase is unknown.
pub(super) fn finding(file: &ClaimsFile, rules: &RuleSet, i: usize, phrase: &Text) -> Finding {
    let c = &file.claims[i];
    let f = Finding::new(
        Code::StatusUnknownPhrase,
        &file.source,
        format!("no lifecycle knows the status `{}`", phrase.text),
        phrase.span,
        "unknown phrase",
    )
    .owner(i, &c.id);
    let folded = rules.fold_phrase(&phrase.text);
    match typo_of(rules, &folded) {
        Some(best) => f.help(format!("did you mean `{best}`?")),
        None => f.help(how_to_add(rules, phrase.text.trim())),
    }
}

/// How many edits make a typo of a phrase this long: about one in five characters.
fn edits_allowed(chars: usize) -> usize {
    (chars / 5).max(1)
}

/// The known phrase `folded` is a typo of, if exactly one meaning lies at the least
/// distance, within the edits allowed, with the same polarity words. A phrase whose words
/// are all words of known phrases is a different wording, not a typo (`has open`).
pub fn typo_of<'r>(rules: &'r RuleSet, folded: &str) -> Option<&'r str> {
    let len = folded.chars().count();
    let allowed = edits_allowed(len);
    let polarity = polarity_words(folded);
    let words: Vec<&str> = folded.split(' ').collect();
    let mut all_known = true;
    let mut best: Option<(usize, &str, (&str, usize, Polarity))> = None;
    let mut doubt = false;
    let mut known_word = vec![false; words.len()];
    for (k, m) in &rules.phrase_index {
        for (w, seen) in words.iter().zip(known_word.iter_mut()) {
            if !*seen && k.split(' ').any(|x| x == *w) {
                *seen = true;
            }
        }
        if k.chars().count().abs_diff(len) > allowed || polarity_words(k) != polarity {
            continue;
        }
        let d = strsim::osa_distance(folded, k);
        if d > allowed || turned_by_a_prefix(&words, k) {
            continue;
        }
        let meaning = (&*m.lifecycle, m.state, m.polarity);
        match best {
            Some((bd, _, bm)) if d == bd => doubt |= bm != meaning,
            Some((bd, bk, _)) if d > bd || (d == bd && k.as_str() > bk) => {}
            _ => {
                best = Some((d, k, meaning));
                doubt = false;
            }
        }
    }
    all_known &= known_word.iter().all(|k| *k);
    if all_known || doubt {
        return None;
    }
    best.map(|(_, k, _)| k)
}

/// Prefixes that turn a word into another (`unlicensed`, `reopened`, `disapproved`): a
/// word that differs from a known one only by them is not a typo of it.
const PREFIXES: &[&str] = &[
    "un", "re", "dis", "non", "de", "in", "im", "mis", "pre", "non-",
];

/// Whether a word of `words` is a word of `known` with a prefix added or taken away.
fn turned_by_a_prefix(words: &[&str], known: &str) -> bool {
    let known: Vec<&str> = known.split(' ').collect();
    words.iter().zip(&known).any(|(a, b)| {
        a != b
            && PREFIXES
                .iter()
                .any(|p| a.strip_prefix(p) == Some(b) || b.strip_prefix(p) == Some(a))
    })
}

/// Words that change what a phrase says of its state: a negation, or a possibility.
fn polarity_words(folded: &str) -> Polarity {
    let mut p = Polarity::Affirmed;
    for w in folded.split(' ') {
        match w {
            "may" | "might" | "could" | "considering" | "considers" | "weighing" | "mulling"
            | "thinking" | "exploring" | "contemplating" | "if" | "whether" => {
                return Polarity::Possible;
            }
            "not" | "never" | "yet" | "no" | "nor" | "without" | "neither" => {
                p = Polarity::Negated;
            }
            w if w.ends_with("n't") => p = Polarity::Negated,
            _ => {}
        }
    }
    p
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

/// A crude stem: `shuttering`, `shuttered`, `shutters` and `shutter` all give `shutter`;
/// `closing`, `closed`, `closes`, `close` give `clos`.
fn stem(word: &str) -> String {
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
fn verbs(folded: &str) -> Vec<String> {
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

/// The lifecycle most of whose phrases share a verb with `folded`.
pub fn lifecycle_sharing_verbs<'r>(rules: &'r RuleSet, folded: &str) -> Option<&'r str> {
    let mine = verbs(folded);
    if mine.is_empty() {
        return None;
    }
    let mut score: std::collections::BTreeMap<&str, usize> = Default::default();
    for (k, m) in &rules.phrase_index {
        if verbs(k).iter().any(|v| mine.contains(v)) {
            *score.entry(&*m.lifecycle).or_default() += 1;
        }
    }
    // The highest score; among equals, the first name.
    score
        .into_iter()
        .fold(None, |best: Option<(&str, usize)>, (l, n)| match best {
            Some((_, bn)) if bn >= n => best,
            _ => Some((l, n)),
        })
        .map(|(l, _)| l)
}

/// A phrase as a YAML flow scalar: plain where it can be, else double-quoted.
fn flow_scalar(p: &str) -> String {
    let plain = !p.is_empty()
        && p.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '\'')
        && !p.starts_with(['\'', '-']);
    if plain {
        p.to_owned()
    } else {
        let escaped: String = p
            .chars()
            .flat_map(|c| match c {
                '"' => vec!['\\', '"'],
                '\\' => vec!['\\', '\\'],
                c => vec![c],
            })
            .collect();
        format!("\"{escaped}\"")
    }
}

/// The help that shows how to add the phrase: a rules file's extension of the lifecycle
/// whose verbs it shares (in flow form, on one line: help is one line), with the state
/// left for the editor to choose, so that a snippet pasted as it is fails loudly rather
/// than files the phrase under a state nobody chose.
pub fn how_to_add(rules: &RuleSet, phrase: &str) -> String {
    let folded = rules.fold_phrase(phrase);
    let key = polarity_words(&folded).key();
    let p = flow_scalar(phrase);
    match lifecycle_sharing_verbs(rules, &folded).and_then(|l| rules.lifecycles.get_key_value(l)) {
        Some((name, lc)) => format!(
            "if it is right, add it to `{name}` in a rules file, <state> being one of {}: `lifecycles: {{ {name}: {{ {key}: {{ <state>: [{p}] }} }} }}`",
            lc.value.states.join(", ")
        ),
        None => format!(
            "if it is right, add it to a lifecycle in a rules file (`claimlint rules --phrases` lists them): `lifecycles: {{ <lifecycle>: {{ {key}: {{ <state>: [{p}] }} }} }}`"
        ),
    }
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

    #[test]
    fn a_word_turned_by_a_prefix_is_not_a_typo() {
        assert!(turned_by_a_prefix(&["is", "unlicensed"], "is licensed"));
        assert!(!turned_by_a_prefix(&["has", "reopend"], "has reopened"));
    }

    #[test]
    fn polarity_words_tell_negation_and_possibility() {
        assert_eq!(polarity_words("has not opened"), Polarity::Negated);
        assert_eq!(polarity_words("hasn't opened"), Polarity::Negated);
        assert_eq!(polarity_words("may open"), Polarity::Possible);
        assert_eq!(polarity_words("has opened"), Polarity::Affirmed);
    }

    #[test]
    fn flow_scalars_are_quoted_where_yaml_needs_it() {
        assert_eq!(flow_scalar("is shuttering"), "is shuttering");
        assert_eq!(flow_scalar("hasn't said"), "hasn't said");
        assert_eq!(flow_scalar("says: no"), "\"says: no\"");
    }
}

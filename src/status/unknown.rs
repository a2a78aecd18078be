//! `status/unknown-phrase`: a phrase no lifecycle knows. The help suggests a known phrase
//! only where the unknown one looks like a typo of it (SPEC 5): about one edit in five
//! characters, the same polarity, and no doubt about the state it would name. Otherwise
//! it shows the two lines a rules file needs to add the phrase, to the lifecycle whose
//! verbs it shares.

use crate::claim::{ClaimsFile, Text};
use crate::code::Code;
use crate::finding::Finding;
use crate::rules::{PREFIXES, Polarity, RuleSet};

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
/// are all words of known phrases is a different wording, not a typo (`has open`), and
/// so is one whose word differs from a known one by a prefix (`unlicensed`).
pub fn typo_of<'r>(rules: &'r RuleSet, folded: &str) -> Option<&'r str> {
    let index = rules.phrase_words();
    let words: Vec<&str> = folded.split(' ').collect();
    if words.iter().all(|w| index.words.contains(*w)) {
        return None;
    }
    let len = folded.chars().count();
    let allowed = edits_allowed(len);
    let polarity = polarity_words(folded);
    let mut best: Option<(usize, &str, (&str, usize, Polarity))> = None;
    let mut doubt = false;
    for (_, same_length) in index
        .by_length
        .range(len.saturating_sub(allowed)..=len + allowed)
    {
        for (k, m) in same_length {
            if polarity_words(k) != polarity {
                continue;
            }
            let d = strsim::osa_distance(folded, k);
            if d > allowed || turned_by_a_prefix(&words, k) {
                continue;
            }
            let meaning = (&*m.lifecycle, m.state, m.polarity);
            match best {
                Some((bd, _, bm)) if d == bd => doubt |= bm != meaning,
                Some((bd, bk, _)) if d > bd || (d == bd && &**k > bk) => {}
                _ => {
                    best = Some((d, k, meaning));
                    doubt = false;
                }
            }
        }
    }
    if doubt {
        return None;
    }
    best.map(|(_, k, _)| k)
}

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
    let sharing = rules.phrase_words().lifecycle_sharing_verbs(&folded);
    match sharing.and_then(|l| rules.lifecycles.get_key_value(&*l)) {
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

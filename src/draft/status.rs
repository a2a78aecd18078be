//! Status phrases of a sentence: every phrase the lifecycles in force know (affirmed,
//! negated, possible), matched word by word with the rules' filler words skipped, and
//! the subject it is about.

use super::figure::Finder;
use super::token::{Kind, fold};
use crate::rules::RuleSet;
use std::collections::{HashMap, HashSet};

/// The phrases the draft takes (folded): those of the lifecycles its rules list
/// (`draft: lifecycles:`), less its `not_phrases`. The compiled-in phrases are searched
/// in their sorted table, word pair by word pair; where rules files layer phrases of
/// their own, those of two words or more are indexed by their first two words and
/// those of one word kept apart.
pub struct Phrases<'r> {
    rules: &'r RuleSet,
    left_out: HashSet<String>,
    layered: Option<Layered<'r>>,
}

struct Layered<'r> {
    by_pair: HashMap<(&'r str, &'r str), Vec<(usize, &'r str)>>,
    single: HashSet<&'r str>,
}

impl<'r> Phrases<'r> {
    /// The phrases in force that the draft takes.
    pub fn new(rules: &'r RuleSet) -> Self {
        let left_out: HashSet<String> = rules
            .draft()
            .not_phrases
            .iter()
            .map(|p| rules.fold_phrase(p))
            .collect();
        let layered = (!rules.phrase_index.is_compiled()).then(|| Layered::new(rules, &left_out));
        Phrases {
            rules,
            left_out,
            layered,
        }
    }

    fn takes(&self, phrase: &str, lifecycle: &str) -> bool {
        self.rules.draft().lifecycles.contains(lifecycle) && !self.left_out.contains(phrase)
    }

    /// The phrases that may start at a word `first` followed by `second`: those of two
    /// words or more that open with both, the most words first, then in text order; then
    /// `first` if it is a phrase of one word. Each with its number of words.
    fn candidates(&self, first: &str, second: Option<&str>) -> Vec<(usize, &'r str)> {
        let words = |p: &str| 1 + p.bytes().filter(|&b| b == b' ').count();
        let mut out = Vec::new();
        if let Some(l) = &self.layered {
            if let Some(v) = second.and_then(|s| l.by_pair.get(&(first, s))) {
                out.extend_from_slice(v);
            }
            if let Some(&p) = l.single.get(first) {
                out.push((1, p));
            }
            return out;
        }
        let index = &self.rules.phrase_index;
        if let Some(second) = second {
            let prefix = format!("{first} {second}");
            for (phrase, lifecycle) in index.compiled_starting_with(&prefix).into_iter().flatten() {
                let whole = phrase
                    .as_bytes()
                    .get(prefix.len())
                    .is_none_or(|&b| b == b' ');
                if whole && self.takes(phrase, lifecycle) {
                    out.push((words(phrase), phrase));
                }
            }
            // In text order already: the most words first keeps it among equals.
            out.sort_by_key(|&(n, _)| std::cmp::Reverse(n));
        }
        // The phrase that is `first` alone sorts before every longer one.
        let single = index
            .compiled_starting_with(first)
            .into_iter()
            .flatten()
            .next()
            .filter(|(p, _)| *p == first);
        if let Some((phrase, lifecycle)) = single
            && self.takes(phrase, lifecycle)
        {
            out.push((1, phrase));
        }
        out
    }
}

impl<'r> Layered<'r> {
    fn new(rules: &'r RuleSet, left_out: &HashSet<String>) -> Self {
        let mut by_pair: HashMap<(&'r str, &'r str), Vec<(usize, &'r str)>> = HashMap::new();
        let mut single = HashSet::new();
        let taken = rules.phrase_index.iter().filter(|(phrase, meaning)| {
            rules.draft().lifecycles.contains(&*meaning.lifecycle)
                && !left_out.contains(&phrase[..])
        });
        for (phrase, _) in taken {
            let mut words = phrase.split(' ');
            let first = words.next().unwrap_or("");
            match words.next() {
                Some(second) => by_pair
                    .entry((first, second))
                    .or_default()
                    .push((2 + words.count(), phrase)),
                None => {
                    single.insert(phrase);
                }
            }
        }
        // A folded phrase is its words joined by single spaces, and a space sorts before
        // any character of a word: text order is the order of the word lists.
        for v in by_pair.values_mut() {
            v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        }
        Layered { by_pair, single }
    }
}

/// A status phrase found in a sentence.
#[derive(Clone, Debug)]
pub struct Mention {
    /// First token of the phrase.
    pub first: usize,
    /// Last token of the phrase.
    pub last: usize,
    /// The phrase as written (`has also opened`).
    pub status: String,
    /// The subject, as words (`office in kazakhstan`), and whether it is a guess.
    pub subject: Option<(String, bool)>,
    /// The quote: the phrase and its subject's words.
    pub quote: (usize, usize),
}

/// The status phrases of one sentence.
pub fn find(fd: &Finder, phrases: &Phrases, rules: &RuleSet) -> Vec<Mention> {
    let toks = fd.toks;
    // Filler words may stand between the words of a phrase (a folded phrase has none).
    let filler: Vec<bool> = (0..toks.len())
        .map(|k| rules.filler_words.contains_key(fd.f(k)))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != Kind::Word || fd.is_time(i) {
            i += 1;
            continue;
        }
        let first = fd.f(i);
        let next = (i + 1..toks.len()).find(|&k| !filler[k]);
        let second = next
            .filter(|&k| toks[k].kind == Kind::Word)
            .map(|k| fd.f(k));
        let mut found = None;
        for (len, phrase) in phrases.candidates(first, second) {
            let mut k = i;
            let mut ok = true;
            for (n, w) in phrase.split(' ').enumerate() {
                while n > 0 && k < toks.len() && filler[k] && fd.f(k) != w {
                    k += 1;
                }
                match toks.get(k) {
                    Some(t) if t.kind == Kind::Word && fd.f(k) == w => k += 1,
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                found = Some((len, k - 1));
                break;
            }
        }
        let Some((len, last)) = found else {
            i += 1;
            continue;
        };
        let status = fd.written(i, last);
        if rules.phrase(&status).is_none() || !verb_use(fd, i, last, len, rules) {
            i += 1;
            continue;
        }
        let (subject, quote) = subject(fd, i, last);
        out.push(Mention {
            first: i,
            last,
            status,
            subject,
            quote,
        });
        i = last + 1;
    }
    out
}

/// Whether a phrase is used as a verb: a one-word phrase after a determiner is an
/// adjective ("the closed plant"), and one joined to a hyphen is part of a word.
fn verb_use(fd: &Finder, first: usize, last: usize, len: usize, rules: &RuleSet) -> bool {
    let toks = fd.toks;
    if let Some(n) = toks.get(last + 1)
        && n.start == toks[last].end
        && n.text(fd.text) == "-"
    {
        return false;
    }
    if first > 0 && toks[first - 1].end == toks[first].start && toks[first - 1].text(fd.text) == "-"
    {
        return false;
    }
    if len == 1 {
        // "passed 41,200 premises", "passed $2 million": the verb of a figure.
        let next_is = |k: usize, kind: Kind| toks.get(k).is_some_and(|t| t.kind == kind);
        if next_is(last + 1, Kind::Num)
            || (next_is(last + 2, Kind::Num)
                && (next_is(last + 1, Kind::Mark)
                    || rules.hedges.contains_key(fd.f(last + 1))
                    || rules
                        .draft()
                        .money
                        .contains_key(toks[last + 1].text(fd.text))))
        {
            return false;
        }
        // "the projects approved in 2022", "devices launched since 2022", "cost per
        // premises passed": a participle after the noun of a prepositional phrase
        // describes it.
        let d = rules.draft();
        let mut k = first;
        while k > 0
            && k + 4 > first
            && toks[k - 1].kind == Kind::Word
            && !d.stop_words.contains(fd.f(k - 1))
            && !d.determiners.contains(fd.f(k - 1))
        {
            k -= 1;
        }
        // Only where no object follows ("confirmed that", "approved a package" are
        // verbs of their own).
        let bare = toks.get(last + 1).is_none_or(|t| {
            t.kind == Kind::Mark
                || matches!(
                    fd.f(last + 1),
                    "in" | "since"
                        | "by"
                        | "at"
                        | "on"
                        | "from"
                        | "during"
                        | "last"
                        | "this"
                        | "before"
                        | "after"
                        | "until"
                        | "so"
                )
        });
        if k < first && bare {
            while k > 0 && d.determiners.contains(fd.f(k - 1)) {
                k -= 1;
            }
            if k > 0
                && matches!(
                    fd.f(k - 1),
                    "of" | "for" | "per" | "with" | "from" | "among" | "on" | "to" | "at" | "by"
                )
            {
                return false;
            }
        }
    }
    if len == 1 && first > 0 {
        let prev = fold(toks[first - 1].text(fd.text));
        if rules.draft().determiners.contains(&prev)
            || matches!(
                prev.as_str(),
                "newly" | "recently" | "soon-to-be" | "to" | "be" | "being"
            )
        {
            return false;
        }
        // "a company named X" is too common a phrase to draft from one word alone, when
        // a lowercase noun stands before it and a capital after it.
    }
    true
}

/// The subject of a phrase: the noun phrase after it ("opened an office in
/// Kazakhstan"), else the one before it ("the agreement was announced").
fn subject(fd: &Finder, first: usize, last: usize) -> (Option<(String, bool)>, (usize, usize)) {
    let toks = fd.toks;
    let start = toks[first].start;
    let mut end = toks[last].end;
    let d = &fd.rules.draft();
    // "approved a $150,000 grant": the thing, past its figure.
    let mut after = last + 1;
    while toks.get(after).is_some_and(|t| t.kind == Kind::Word)
        && d.determiners.contains(fd.f(after))
    {
        after += 1;
    }
    let figure_first = after;
    while toks.get(after).is_some_and(|t| {
        t.kind == Kind::Num
            || (t.kind == Kind::Mark && matches!(fd.f(after), "$" | "€" | "£" | "," | "." | "-"))
            // `60,000-square-metre`: a unit glued to the number.
            || (after > 0 && fd.f(after - 1) == "-" && toks[after - 1].end == t.start)
            || fd.rules.scales.contains_key(fd.f(after))
    }) && after < figure_first + 6
    {
        after += 1;
    }
    let mut after = if after > figure_first {
        after
    } else {
        last + 1
    };
    // "has completed the acquisition of Harbourline": the phrase ends in its noun.
    if fd.f(after) == "of" {
        after += 1;
        let mut k = after;
        while toks.get(k).is_some_and(|t| t.kind == Kind::Word) && d.determiners.contains(fd.f(k)) {
            k += 1;
        }
        let start_fig = k;
        while toks.get(k).is_some_and(|t| {
            t.kind == Kind::Num
                || (t.kind == Kind::Mark && matches!(fd.f(k), "$" | "€" | "£" | "," | "." | "-"))
                || (k > 0 && fd.f(k - 1) == "-" && toks[k - 1].end == t.start)
        }) && k < start_fig + 8
        {
            k += 1;
        }
        if k > start_fig {
            after = k;
        }
    }
    if let Some((a, mut z)) = fd.noun_phrase_after(after) {
        // A named thing is its name: "smaller rival Harbourline Freight" and "Harbourline"
        // are one subject.
        let name = (a..=z).find(|&k| {
            toks[k].text(fd.text).starts_with(char::is_uppercase)
                && !d.money.contains_key(toks[k].text(fd.text))
        });
        if let Some(k) = name {
            end = toks[z].end;
            return (Some((fd.f(k).to_owned(), false)), (start, end));
        }
        // "an office in Kazakhstan": one place or owner after the noun.
        let prep = fold(toks.get(z + 1).map_or("", |t| t.text(fd.text)));
        if matches!(prep.as_str(), "in" | "of" | "for" | "at")
            && toks.get(z + 2).is_some_and(|t| {
                t.kind == Kind::Word
                    && t.text(fd.text).starts_with(char::is_uppercase)
                    && !d.money.contains_key(t.text(fd.text))
            })
        {
            let mut k = z + 2;
            while toks.get(k + 1).is_some_and(|t| {
                t.kind == Kind::Word
                    && t.text(fd.text).starts_with(char::is_uppercase)
                    && !d.stop_words.contains(&fold(t.text(fd.text)))
            }) && k < z + 4
            {
                k += 1;
            }
            z = k;
        }
        end = toks[z].end;
        let words: Vec<String> = (a..=z)
            .map(|k| fold(toks[k].text(fd.text)))
            .filter(|w| !d.determiners.contains(w))
            .collect();
        return (Some((words.join(" "), false)), (start, end));
    }
    // Before: over auxiliaries, and over a relative clause's subject to its antecedent.
    let mut k = first;
    while k > 0
        && matches!(
            fold(toks[k - 1].text(fd.text)).as_str(),
            "was"
                | "were"
                | "is"
                | "are"
                | "been"
                | "be"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "also"
                | "not"
                | "already"
                | "now"
        )
    {
        k -= 1;
    }
    if let Some((a, z)) = fd.noun_phrase_before_plain(k) {
        let mut a = a;
        let mut z = z;
        if a > 0
            && matches!(fold(toks[a - 1].text(fd.text)).as_str(), "that" | "which")
            && let Some((a2, z2)) = fd.noun_phrase_before_plain(a - 1)
        {
            a = a2;
            z = z2;
        }
        let words: Vec<String> = (a..=z)
            .map(|k| fold(toks[k].text(fd.text)))
            .filter(|w| !d.determiners.contains(w))
            .collect();
        return (
            Some((words.join(" "), true)),
            (toks[a].start.min(start), end),
        );
    }
    (None, (start, end))
}

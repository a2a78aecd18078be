//! Status phrases of a sentence: every phrase the lifecycles in force know (affirmed,
//! negated, possible), matched word by word with the rules' filler words skipped, and
//! the subject it is about.

use super::figure::Finder;
use super::token::{Kind, fold};
use crate::rules::RuleSet;
use std::collections::{HashMap, HashSet};

/// The phrases the draft takes (folded): those of the lifecycles its rules list
/// (`draft: lifecycles:`), less its `not_phrases`. A folded phrase is its words joined
/// by single spaces, so in text order the phrases that go on from a run of words are
/// one stretch, found by two binary searches. The compiled-in phrases are searched in
/// their sorted table, as they are; where rules files layer phrases of their own, the
/// merged phrases the draft takes are sorted here.
pub struct Phrases<'r> {
    rules: &'r RuleSet,
    /// The compiled-in table: whether the draft takes each of its lifecycles, and its
    /// number of phrases.
    table: Option<(Vec<bool>, usize)>,
    left_out: HashSet<String, foldhash::fast::RandomState>,
    /// Where rules files layer phrases: those the draft takes, sorted.
    layered: Vec<&'r str>,
    /// The stretch of each first word met so far (an article repeats its words).
    first_words: std::cell::RefCell<HashMap<String, (usize, usize), foldhash::fast::RandomState>>,
}

impl<'r> Phrases<'r> {
    /// The phrases in force that the draft takes.
    pub fn new(rules: &'r RuleSet) -> Self {
        let d = rules.draft();
        let left_out: HashSet<String, foldhash::fast::RandomState> =
            d.not_phrases.iter().map(|p| rules.fold_phrase(p)).collect();
        let index = &rules.phrase_index;
        let table = index.compiled_table().map(|(lifecycles, len)| {
            let taken = lifecycles
                .iter()
                .map(|l| d.lifecycles.contains(*l))
                .collect();
            (taken, len)
        });
        let mut layered = Vec::new();
        if table.is_none() {
            layered = index
                .iter()
                .filter(|(phrase, meaning)| {
                    d.lifecycles.contains(&*meaning.lifecycle) && !left_out.contains(*phrase)
                })
                .map(|(phrase, _)| phrase)
                .collect();
            layered.sort_unstable();
        }
        Phrases {
            rules,
            table,
            left_out,
            layered,
            first_words: std::cell::RefCell::default(),
        }
    }

    fn len(&self) -> usize {
        self.table.as_ref().map_or(self.layered.len(), |t| t.1)
    }

    /// The `i`th phrase in text order.
    fn nth(&self, i: usize) -> &'r str {
        match &self.table {
            Some(_) => self
                .rules
                .phrase_index
                .compiled_nth(i)
                .map_or("", |(phrase, _)| phrase),
            None => self.layered.get(i).copied().unwrap_or(""),
        }
    }

    /// Whether the draft takes the `i`th phrase.
    fn takes(&self, i: usize) -> bool {
        match &self.table {
            Some((taken, _)) => {
                self.rules
                    .phrase_index
                    .compiled_nth(i)
                    .is_some_and(|(phrase, lifecycle)| {
                        taken.get(lifecycle).copied().unwrap_or(false)
                            && !self.left_out.contains(phrase)
                    })
            }
            None => true,
        }
    }

    /// The stretch of phrases that are `word` or go on from it.
    fn starting(&self, word: &str) -> (usize, usize) {
        if let Some(&s) = self.first_words.borrow().get(word) {
            return s;
        }
        let s = self.going_on((0, self.len()), word);
        self.first_words.borrow_mut().insert(word.to_owned(), s);
        s
    }

    /// The stretch `[from, to)` of phrases (within `range`) that are `words` or go on
    /// from it by more words: `words` itself sorts first, then each `words …` (a space
    /// sorts before any character of a word), then the rest.
    fn going_on(&self, (from, to): (usize, usize), words: &str) -> (usize, usize) {
        let first = |mut lo: usize, mut hi: usize, before: &dyn Fn(&str) -> bool| {
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if before(self.nth(mid)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        let start = first(from, to, &|p| p < words);
        let end = first(start, to, &|p| {
            p.starts_with(words) && p.as_bytes().get(words.len()).is_none_or(|&b| b == b' ')
        });
        (start, end)
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
        // The longest phrase that the words from here spell, filler words skipped (a
        // folded phrase has none): the stretch of phrases narrows word by word.
        let mut words = fd.f(i).to_owned();
        let mut stretch = phrases.starting(&words);
        let (mut k, mut n) = (i, 1);
        let mut found = None;
        while stretch.0 < stretch.1 {
            if phrases.nth(stretch.0) == words && phrases.takes(stretch.0) {
                found = Some((n, k));
            }
            let Some(next) = (k + 1..toks.len()).find(|&j| !filler[j]) else {
                break;
            };
            if toks[next].kind != Kind::Word {
                break;
            }
            words.push(' ');
            words.push_str(fd.f(next));
            stretch = phrases.going_on(stretch, &words);
            (k, n) = (next, n + 1);
        }
        let Some((len, last)) = found else {
            i += 1;
            continue;
        };
        let status = fd.written(i, last);
        let Some(meaning) = rules.phrase(&status) else {
            i += 1;
            continue;
        };
        if !COUNTED.contains(&&*meaning.lifecycle) && verb_of_figure(fd, i, last, rules) {
            // Its words are the figure's verb, the shorter phrases inside it too
            // ("were rejected", "rejected").
            i = last + 1;
            continue;
        }
        if !verb_use(fd, i, last, len, rules) {
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

/// Lifecycles whose things a story counts as it gives their state ("has opened 47 of
/// the 120 clinics", "have closed 12 roads"): a phrase of theirs next to a count is a
/// status of what it counts. Any other phrase next to a count is the verb of that
/// figure ("had hired 212 doctors", "plans to buy 2 million bags", "1,160 flights were
/// cancelled", "charged more than the 30% cap"): hiring staff is no appointment, a
/// purchase of grain no takeover.
const COUNTED: &[&str] = &["opening"];

/// Whether a count stands right after the phrase (over a hedge, "all", "another", "the",
/// a sign of money) or right before it (a number and the words it counts).
fn verb_of_figure(fd: &Finder, first: usize, last: usize, rules: &RuleSet) -> bool {
    let toks = fd.toks;
    let number = |k: usize| {
        toks.get(k).is_some_and(|t| t.kind == Kind::Num) || rules.number_words.contains_key(fd.f(k))
    };
    let mut k = last + 1;
    let mut skipped = 0;
    while skipped < 3
        && toks.get(k).is_some()
        && !number(k)
        && (rules.hedges.contains_key(fd.f(k))
            || matches!(
                fd.f(k),
                "all" | "another" | "the" | "more" | "less" | "than"
            )
            || super::figure::CURRENCY_SIGNS.contains(&fd.f(k))
            || rules.draft().money.contains_key(toks[k].text(fd.text)))
    {
        k += 1;
        skipped += 1;
    }
    // "has agreed to buy 60% of Kafue": a stake right after the phrase is the deal's own
    // figure ("charged more than the 30% cap" is a verb of its figure).
    if number(k) {
        return skipped > 0 || !matches!(fd.f(k + 1), "%" | "percent" | "per" | "stake");
    }
    // "1,160 flights were cancelled", "120 extra screening staff hired" (the
    // auxiliaries before a one-word phrase skipped).
    let d = rules.draft();
    let mut k = first;
    while k > 0
        && k + 2 > first
        && matches!(
            fd.f(k - 1),
            "was" | "were" | "is" | "are" | "been" | "be" | "has" | "have" | "had"
        )
    {
        k -= 1;
    }
    let first = k;
    while k > 0
        && k + 4 > first
        && toks[k - 1].kind == Kind::Word
        && !d.stop_words.contains(fd.f(k - 1))
        && !d.determiners.contains(fd.f(k - 1))
        && !number(k - 1)
    {
        k -= 1;
    }
    k < first && k > 0 && toks[k - 1].kind == Kind::Num
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
            // "signed a two-year extension": a number word glued to its unit.
            || (fd.f(after + 1) == "-" && fd.rules.number_words.contains_key(fd.f(after)))
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

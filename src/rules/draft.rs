//! The `draft:` section of the rules: the words `claimlint draft` reads an article with
//! (abbreviations, the words that count a figure, the words that make a number no
//! figure, months, the words of relations). Lists merge by union, mappings by key, so
//! that a newsroom's rules file adds to the defaults of `rules/draft.yaml`.

use super::Origin;
use super::read::{fold_word, known_keys, list, map, scalar};
use crate::error::ToolError;
use crate::source::SourceFile;
use crate::yaml::Node;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The words `draft` reads an article with. Every word is lowercase, single-spaced.
#[derive(Clone, Debug, Default)]
pub struct DraftWords {
    /// Words written with a final period that do not end a sentence (`mr`, `inc`).
    pub abbreviations: BTreeSet<String>,
    /// A counted word -> the unit it counts in (`residents` -> `people`).
    pub units: BTreeMap<String, String>,
    /// Words just before a number that make it no figure (`aged`, `page`).
    pub not_before: BTreeSet<String>,
    /// Words just after a number that make it no figure (`year-old`, `p.m.`).
    pub not_after: BTreeSet<String>,
    /// Month names and their numbers.
    pub months: BTreeMap<String, u32>,
    /// Signs, prefixes and words of money -> their unit (`₹` -> `INR`), for money the
    /// literal language does not read yet.
    pub money: BTreeMap<String, String>,
    /// Words of the relations, by kind: `increase`, `decrease` (nouns: "a 25% increase"),
    /// `rose`, `fell` (verbs: "rose 5% to"), `compared` ("compared to 2023"), `doubled`,
    /// `more`, `less` ("40% higher than"), and `particle`: verbs after which "up" and
    /// "down" are no change ("made up 71%").
    pub relations: BTreeMap<String, BTreeSet<String>>,
    /// Words that open a noun phrase and are left out of a subject or measure.
    pub determiners: BTreeSet<String>,
    /// Words that end a noun phrase (prepositions, conjunctions, common verbs).
    pub stop_words: BTreeSet<String>,
    /// Words that scale a number (`crore`): where the literal language does not read
    /// one, its figure is noted in the draft, not drafted with a wrong value.
    pub scales: BTreeSet<String>,
    /// Units that measure rather than count (`t`, `km`, `days`): the measure of such a
    /// figure is what they measure ("30 mln tonnes of wheat", "exports ... 30 mln t").
    pub measuring_units: BTreeSet<String>,
    /// Containers a price is for: a measure glued to its number before one of them is
    /// the container's size, not a figure ("a 50-kg bag", "a 2-litre bottle").
    pub containers: BTreeSet<String>,
    /// Words of spans of time (`days`, `months`): with a framing word before the
    /// number (`within 62 days`, `over 12 years`) the span frames, it is no figure.
    pub durations: BTreeSet<String>,
    /// The words that frame a span (`within`, `over`, `in`).
    pub framing: BTreeSet<String>,
    /// The lifecycles whose phrases the draft takes as statuses (`opening`, `case`).
    /// The vocabulary knows many more phrases than an article's checkable statuses
    /// ("said", "fell"): a lifecycle left out here is still checked, never drafted.
    pub lifecycles: BTreeSet<String>,
    /// Phrases of those lifecycles that the draft never takes ("owns").
    pub not_phrases: BTreeSet<String>,
    /// Where each word was read, in reading order: (key, word, origin); a later file's
    /// entry for the same key and word is the one in force (`claimlint rules`). For
    /// `relations` the key is the kind (`rose`).
    pub origins: Vec<(&'static str, String, Origin)>,
}

const KEYS: &[&str] = &[
    "abbreviations",
    "units",
    "not_before",
    "not_after",
    "months",
    "money",
    "relations",
    "determiners",
    "stop_words",
    "scales",
    "measuring_units",
    "containers",
    "durations",
    "framing",
    "lifecycles",
    "not_phrases",
];

impl DraftWords {
    /// Merges `later` (the `draft:` sections of files read after these words) over these
    /// words: what reading its files after these words' files would have given.
    pub(super) fn merge(&mut self, later: &DraftWords) {
        let DraftWords {
            abbreviations,
            units,
            not_before,
            not_after,
            months,
            money,
            relations,
            determiners,
            stop_words,
            scales,
            measuring_units,
            containers,
            durations,
            framing,
            lifecycles,
            not_phrases,
            origins,
        } = later;
        for (into, from) in [
            (&mut self.abbreviations, abbreviations),
            (&mut self.not_before, not_before),
            (&mut self.not_after, not_after),
            (&mut self.determiners, determiners),
            (&mut self.stop_words, stop_words),
            (&mut self.scales, scales),
            (&mut self.measuring_units, measuring_units),
            (&mut self.containers, containers),
            (&mut self.durations, durations),
            (&mut self.framing, framing),
            (&mut self.lifecycles, lifecycles),
            (&mut self.not_phrases, not_phrases),
        ] {
            into.extend(from.iter().cloned());
        }
        self.units.extend(units.clone());
        self.money.extend(money.clone());
        self.months.extend(months.clone());
        for (kind, words) in relations {
            self.relations
                .entry(kind.clone())
                .or_default()
                .extend(words.iter().cloned());
        }
        self.origins.extend(origins.iter().cloned());
    }

    /// Merges one `draft:` section over these words.
    pub(super) fn add(&mut self, file: &Arc<SourceFile>, v: &Node) -> Result<(), ToolError> {
        let m = map(file, v, "draft")?;
        known_keys(file, m, KEYS, "draft")?;
        let name: Arc<str> = file.name.as_str().into();
        let mut at = Origins {
            file,
            name: &name,
            out: &mut self.origins,
        };
        for (k, v) in m {
            match k.as_str().unwrap_or("") {
                "abbreviations" => at.words(v, "abbreviations", &mut self.abbreviations)?,
                "not_before" => at.words(v, "not_before", &mut self.not_before)?,
                "not_after" => at.words(v, "not_after", &mut self.not_after)?,
                "determiners" => at.words(v, "determiners", &mut self.determiners)?,
                "stop_words" => at.words(v, "stop_words", &mut self.stop_words)?,
                "scales" => at.words(v, "scales", &mut self.scales)?,
                "durations" => at.words(v, "durations", &mut self.durations)?,
                "framing" => at.words(v, "framing", &mut self.framing)?,
                "lifecycles" => {
                    for n in list(file, v, "lifecycles")? {
                        let name = scalar(file, n, "a lifecycle's name")?.trim();
                        self.lifecycles.insert(name.to_owned());
                        at.record("lifecycles", name, n);
                    }
                }
                "not_phrases" => at.words(v, "not_phrases", &mut self.not_phrases)?,
                "measuring_units" => at.words(v, "measuring_units", &mut self.measuring_units)?,
                "containers" => at.words(v, "containers", &mut self.containers)?,
                "units" => {
                    for (unit, ws) in map(file, v, "units")? {
                        let unit = scalar(file, unit, "a unit")?.trim().to_owned();
                        for w in list(file, ws, "the words of a unit")? {
                            let t = fold_word(scalar(file, w, "the words of a unit")?);
                            if !t.is_empty() {
                                at.record("units", &t, w);
                                self.units.insert(t, unit.clone());
                            }
                        }
                    }
                }
                "months" => {
                    for (name, n) in map(file, v, "months")? {
                        let t = scalar(file, n, "a month's number")?;
                        let n = t
                            .parse::<u32>()
                            .ok()
                            .filter(|n| (1..=12).contains(n))
                            .ok_or_else(|| {
                                super::read::bad(
                                    file,
                                    n,
                                    format!("a month's number is 1 to 12, not `{t}`"),
                                )
                            })?;
                        let month = fold_word(scalar(file, name, "a month")?);
                        at.record("months", &month, name);
                        self.months.insert(month, n);
                    }
                }
                "money" => {
                    for (sign, unit) in map(file, v, "money")? {
                        let unit = scalar(file, unit, "a unit")?.trim().to_owned();
                        // Signs keep their case (`Tk`); words are folded.
                        let s = scalar(file, sign, "a sign or word of money")?.trim();
                        at.record("money", s, sign);
                        self.money.insert(s.to_owned(), unit);
                    }
                }
                "relations" => {
                    for (kind_node, ws) in map(file, v, "relations")? {
                        let kind = scalar(file, kind_node, "a kind of relation")?;
                        if !RELATION_KINDS.contains(&kind) {
                            return Err(super::read::bad(
                                file,
                                kind_node,
                                format!(
                                    "`{kind}` is not a kind of relation: {}",
                                    RELATION_KINDS.join(", ")
                                ),
                            ));
                        }
                        let key = RELATION_KINDS
                            .iter()
                            .find(|k| **k == kind)
                            .copied()
                            .unwrap_or("relations");
                        let set = self.relations.entry(kind.to_owned()).or_default();
                        at.words(ws, key, set)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The words of a kind of relation.
    pub fn relation(&self, kind: &str) -> Option<&BTreeSet<String>> {
        self.relations.get(kind)
    }
}

/// The kinds of relation words.
pub const RELATION_KINDS: &[&str] = &[
    "increase", "decrease", "rose", "fell", "compared", "doubled", "more", "less", "particle",
];

/// Records where each word of one `draft:` section was read.
struct Origins<'a> {
    file: &'a Arc<SourceFile>,
    name: &'a Arc<str>,
    out: &'a mut Vec<(&'static str, String, Origin)>,
}

impl Origins<'_> {
    fn record(&mut self, key: &'static str, word: &str, node: &Node) {
        self.out.push((
            key,
            word.to_owned(),
            Origin {
                file: Arc::clone(self.name),
                line: self.file.line(node.span.start),
            },
        ));
    }

    /// Reads a list of words (folded) into `into`, recording each under `key`.
    fn words(
        &mut self,
        v: &Node,
        key: &'static str,
        into: &mut BTreeSet<String>,
    ) -> Result<(), ToolError> {
        for w in list(self.file, v, key)? {
            let t = fold_word(scalar(self.file, w, key)?);
            if !t.is_empty() {
                self.record(key, &t, w);
                into.insert(t);
            }
        }
        Ok(())
    }
}

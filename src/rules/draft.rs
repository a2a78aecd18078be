//! The `draft:` section of the rules: the words `claimlint draft` reads an article with
//! (abbreviations, the words that count a figure, the words that make a number no
//! figure, months, the words of relations). Lists merge by union, mappings by key, so
//! that a newsroom's rules file adds to the defaults of `rules/draft.yaml`.

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
    /// `more`, `less` ("40% higher than").
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
    /// Words of spans of time (`days`, `months`): with a framing word before the
    /// number (`within 62 days`, `over 12 years`) the span frames, it is no figure.
    pub durations: BTreeSet<String>,
    /// The words that frame a span (`within`, `over`, `in`).
    pub framing: BTreeSet<String>,
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
    "durations",
    "framing",
];

impl DraftWords {
    /// Merges one `draft:` section over these words.
    pub(super) fn add(&mut self, file: &Arc<SourceFile>, v: &Node) -> Result<(), ToolError> {
        let m = map(file, v, "draft")?;
        known_keys(file, m, KEYS, "draft")?;
        for (k, v) in m {
            match k.as_str().unwrap_or("") {
                "abbreviations" => words(file, v, "abbreviations", &mut self.abbreviations)?,
                "not_before" => words(file, v, "not_before", &mut self.not_before)?,
                "not_after" => words(file, v, "not_after", &mut self.not_after)?,
                "determiners" => words(file, v, "determiners", &mut self.determiners)?,
                "stop_words" => words(file, v, "stop_words", &mut self.stop_words)?,
                "scales" => words(file, v, "scales", &mut self.scales)?,
                "durations" => words(file, v, "durations", &mut self.durations)?,
                "framing" => words(file, v, "framing", &mut self.framing)?,
                "measuring_units" => {
                    words(file, v, "measuring_units", &mut self.measuring_units)?;
                }
                "units" => {
                    for (unit, ws) in map(file, v, "units")? {
                        let unit = scalar(file, unit, "a unit")?.trim().to_owned();
                        let mut set = BTreeSet::new();
                        words(file, ws, "the words of a unit", &mut set)?;
                        for w in set {
                            self.units.insert(w, unit.clone());
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
                        self.months
                            .insert(fold_word(scalar(file, name, "a month")?), n);
                    }
                }
                "money" => {
                    for (sign, unit) in map(file, v, "money")? {
                        let unit = scalar(file, unit, "a unit")?.trim().to_owned();
                        // Signs keep their case (`Tk`); words are folded.
                        let s = scalar(file, sign, "a sign or word of money")?.trim();
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
                        let set = self.relations.entry(kind.to_owned()).or_default();
                        words(file, ws, "the words of a relation", set)?;
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
    "increase", "decrease", "rose", "fell", "compared", "doubled", "more", "less",
];

fn words(
    file: &Arc<SourceFile>,
    v: &Node,
    what: &str,
    into: &mut BTreeSet<String>,
) -> Result<(), ToolError> {
    for w in list(file, v, what)? {
        let t = fold_word(scalar(file, w, what)?);
        if !t.is_empty() {
            into.insert(t);
        }
    }
    Ok(())
}

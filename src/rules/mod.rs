//! The rule set: vocabularies, units, functions, lifecycles, settings and severities.
//!
//! Rules are data. They are loaded from YAML (the defaults compiled in from `rules/`, then
//! the config's folders, then `--rules`), merged by name at every level, and then
//! *finished*: units resolved to base units, functions checked for cycles, phrases
//! folded and indexed, so that the checks only look things up.

mod draft;
mod finish;
mod fold;
mod function;
mod hedge;
mod index;
mod list;
mod load;
mod phrase_hash;
mod polarity;
pub(crate) mod read;
#[cfg(test)]
mod tests;
mod unit_memo;
mod vocab;
mod wordlist;
mod words;

pub use draft::{DraftWords, RELATION_KINDS};
pub use list::{Line, PhraseLine, Place, lines, phrases};
pub use load::{RulesBuilder, finish_defaults, load_defaults};

use crate::code::{Code, Level};
use crate::formula::Expr;
use crate::hash::TextMap;
pub use crate::number::Domain;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where a rules entry came from, for `claimlint rules` and for errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The rules file's name (`<default>/literals.yaml` for the compiled-in defaults),
    /// shared by every entry of the file.
    pub file: Arc<str>,
    /// 1-based line of the entry.
    pub line: usize,
}

/// A value of the rules and where it was defined (an entry of a rules file).
#[derive(Clone, Debug)]
pub struct Defined<T> {
    /// The value.
    pub value: T,
    /// Where it was defined.
    pub origin: Origin,
}

/// How a hedge widens or bounds the rounding interval `[lo, hi]` of `x` (SPEC 3).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hedge {
    /// `[x, x]`.
    Exact,
    /// `[lo - p|x|, hi + p|x|]`.
    Around(f64),
    /// `(lo, +inf)`, or `(lo, hi + p|x|]` with a `within`.
    Above(Option<f64>),
    /// `(-inf, hi)`, or `[lo - p|x|, hi)` with a `within`.
    Below(Option<f64>),
    /// `[lo, +inf)`.
    From,
    /// `(-inf, hi]`.
    To,
}

/// Whether trailing zeros of a written integer count as written digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrailingZeros {
    /// `20` is [19.5, 20.5].
    Significant,
    /// `20` is [15, 25].
    Rounded,
}

/// A unit as the rules define it.
#[derive(Clone, Debug)]
pub struct UnitDef {
    /// `is: 1000 gram`: the factor and the unit it multiplies, if not a base unit.
    pub is: Option<(f64, String)>,
    /// The default domain of quantities in this unit.
    pub domain: Option<Domain>,
    /// The name as the rules spell it (`USD`), white space folded: messages print it so.
    pub spelling: String,
    /// The unit of `is`, as the rules spell it (`JPY` in `yen: 1 JPY`); empty for a base
    /// unit.
    pub is_spelling: String,
}

/// A unit resolved to a base unit.
#[derive(Clone, Debug)]
pub struct ResolvedUnit {
    /// The base unit's name, lowercase.
    pub base: String,
    /// The base unit's name as the rules spell it (`USD`, `gram`), for messages.
    pub base_spelling: String,
    /// How many base units one of this unit is.
    pub factor: f64,
    /// The default domain.
    pub domain: Option<Domain>,
}

/// A range word of the rules (`a majority`: (50%, 100%]): an interval named outright.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeWord {
    /// Its interval (open ends are read as closed, as every end is when deciding a
    /// failure), percents as fractions.
    pub interval: crate::interval::Interval,
    /// Whether its ends are percents.
    pub tag: crate::number::Tag,
    /// As written in the rules (`(50%, 100%]`).
    pub text: String,
}

/// A function of the rules.
#[derive(Clone, Debug)]
pub struct FunctionDef {
    /// Parameter names.
    pub params: Vec<String>,
    /// The formula's text.
    pub formula: String,
    /// The formula, parsed.
    pub body: Expr,
    /// Functions the help proposes when this one does not fit.
    pub alternatives: Vec<String>,
    /// How a value of it is worded, with `{param}` and `{value}` placeholders.
    pub phrase: Option<String>,
}

pub use index::PhraseIndex;
pub use polarity::Polarity;
pub use unit_memo::UnitMemo;
pub use vocab::{Exclusion, Lifecycle, Phrase, TakenOver};
pub use wordlist::WordList;
pub use words::{PREFIXES, PhraseWords};

/// What a status phrase names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseMeaning {
    /// The lifecycle's name.
    pub lifecycle: Arc<str>,
    /// The state's index in it.
    pub state: usize,
    /// Whether the phrase affirms the state, negates it, or says it may come.
    pub polarity: Polarity,
}

/// The merged, finished rule set.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// Scale words and their factors.
    pub scales: BTreeMap<String, Defined<f64>>,
    /// Hedges.
    pub hedges: BTreeMap<String, Defined<Hedge>>,
    /// Ratio words and their fractions.
    pub ratio_words: BTreeMap<String, Defined<f64>>,
    /// Number words and their values.
    pub number_words: BTreeMap<String, Defined<f64>>,
    /// The relative tolerance of ratio words.
    pub word_tolerance: Defined<f64>,
    /// How trailing zeros are read.
    pub trailing_zeros: Defined<TrailingZeros>,
    /// Rounds of propagation over a connected group.
    pub propagation_rounds: Defined<u32>,
    /// The first month of a fiscal year (`FY2024`), 1 to 12.
    pub fiscal_year_start: Defined<u32>,
    /// The tolerance of `~=` between two percent or points values, as a fraction (2 pp is
    /// 0.02).
    pub approx_points: Defined<f64>,
    /// The tolerance of `~=` otherwise, relative to the larger magnitude.
    pub approx_relative: Defined<f64>,
    /// Currency signs and prefixes (`$`, `US$`, `Tk`) and the units they stand for.
    pub currencies: BTreeMap<String, Defined<String>>,
    /// Range words and their intervals.
    pub range_words: BTreeMap<String, Defined<RangeWord>>,
    /// Units by lowercase name.
    pub units: BTreeMap<String, Defined<UnitDef>>,
    /// Functions.
    pub functions: BTreeMap<String, Defined<FunctionDef>>,
    /// Lifecycles.
    pub lifecycles: BTreeMap<String, Defined<Lifecycle>>,
    /// Pairs of states of different lifecycles that cannot hold together for one subject
    /// at one time, resolved to (lifecycle, state index).
    pub exclusions: Vec<Exclusion>,
    /// Every phrase a later rules file took over from an earlier one, in loading order.
    pub taken_over: Vec<TakenOver>,
    /// Words ignored in status phrases.
    pub filler_words: BTreeMap<String, Defined<()>>,
    /// Severity per code, where the rules set one.
    pub severity: BTreeMap<Code, Defined<Level>>,
    /// Units resolved to base units (filled by `finish`).
    pub resolved_units: TextMap<String, ResolvedUnit>,
    /// Folded status phrase -> meaning (filled by `finish`).
    pub phrase_index: PhraseIndex,
    /// What the help for an unknown phrase looks up, built on first use.
    pub phrase_words: std::sync::OnceLock<PhraseWords>,
    /// The units read with these rules, by text.
    pub unit_memo: UnitMemo,
    /// Hedge words, longest first (filled by `finish`).
    pub hedge_words: WordList,
    /// Scale words, longest first.
    pub scale_words: WordList,
    /// Ratio words, longest first.
    pub ratio_word_list: WordList,
    /// Number words, longest first.
    pub number_word_list: WordList,
    /// Currency signs and prefixes, longest first.
    pub currency_list: WordList,
    /// Range words, longest first.
    pub range_word_list: WordList,
    /// The `draft:` sections of the rules files, in their order, to be merged over the
    /// defaults' on first use.
    draft_sections: DraftWords,
    /// The words `claimlint draft` reads an article with, merged on first use: a check
    /// never reads them.
    draft: std::sync::OnceLock<DraftWords>,
}

impl RuleSet {
    /// The severity of a code under these rules.
    pub fn level(&self, code: Code) -> Level {
        self.severity
            .get(&code)
            .map_or(Level::On(code.default_severity()), |e| e.value)
    }

    /// The unit named `name` (any case), resolved.
    pub fn unit(&self, name: &str) -> Option<&ResolvedUnit> {
        if name.is_ascii() && !name.bytes().any(|b| b.is_ascii_uppercase()) {
            self.resolved_units.get(name)
        } else {
            self.resolved_units.get(&name.to_lowercase())
        }
    }

    /// Folds a status phrase: lowercase, white space folded, curly apostrophes and quotes
    /// straightened, filler words dropped.
    pub fn fold_phrase(&self, phrase: &str) -> String {
        fold_phrase(&self.filler_words, phrase)
    }

    /// What a status phrase names, if any lifecycle knows it.
    pub fn phrase(&self, phrase: &str) -> Option<PhraseMeaning> {
        self.phrase_index.get(&self.fold_phrase(phrase))
    }

    /// The words `claimlint draft` reads an article with: the defaults of
    /// `rules/draft.yaml`, with the `draft:` sections of the rules files merged over
    /// them (read on first use).
    pub fn draft(&self) -> &DraftWords {
        self.draft.get_or_init(|| {
            let mut words = load::default_draft_words().unwrap_or_default();
            words.merge(&self.draft_sections);
            words
        })
    }

    /// The words, lengths and verbs of the known phrases (built on first use).
    pub fn phrase_words(&self) -> &PhraseWords {
        self.phrase_words
            .get_or_init(|| PhraseWords::new(&self.phrase_index))
    }

    /// The states of different lifecycles that `(lifecycle, state)` excludes at one time.
    pub fn excluded_with<'r>(
        &'r self,
        lifecycle: &'r str,
        state: usize,
    ) -> impl Iterator<Item = (&'r str, usize, &'r Exclusion)> + 'r {
        self.exclusions.iter().filter_map(move |x| {
            let [(la, sa), (lb, sb)] = &x.pair;
            if &**la == lifecycle && *sa == state {
                Some((&**lb, *sb, x))
            } else if &**lb == lifecycle && *sb == state {
                Some((&**la, *sa, x))
            } else {
                None
            }
        })
    }
}

/// Folds a status phrase with the given filler words (see [`RuleSet::fold_phrase`]).
pub(crate) fn fold_phrase(filler_words: &BTreeMap<String, Defined<()>>, phrase: &str) -> String {
    fold::fold_phrase_with(phrase, |w| filler_words.contains_key(w))
}

//! Which lifecycle, state and polarity each folded status phrase names. For the
//! compiled-in lifecycles alone, the table the build script folded and laid out by hash
//! is the index, searched in place; where rules files layer their own phrases over them,
//! the merged phrases are indexed in a hash map.

use super::PhraseMeaning;
use super::polarity::Polarity;
use crate::hash::TextMap;
use std::borrow::Cow;
use std::sync::Arc;

/// The phrases of the compiled-in lifecycles as the build script folded them; the file's
/// tree then has its lists of phrases left empty.
#[derive(Clone, Copy, Debug)]
pub struct Prefolded {
    /// Lifecycle by lifecycle, in the order of their names, each one's phrases in listed
    /// order: [lifecycle, state, polarity (0 affirmed, 1 negated, 2 possible), text start,
    /// text end, folded start, folded end, line], the texts as ranges of `text`.
    pub phrases: &'static [[u32; 8]],
    /// The texts of the phrases.
    pub text: &'static str,
    /// The lifecycles, by index.
    pub lifecycles: &'static [&'static str],
    /// The filler words they were folded with, sorted.
    pub filler: &'static [&'static str],
    /// The indexes of `phrases`, in the order of their folded texts.
    pub sorted: &'static [u16],
    /// The indexes of `phrases` plus one, by the hash of their folded texts
    /// ([`super::phrase_hash`]), 0 where a slot is empty.
    pub slots: &'static [u16],
    /// The rows of `phrases` of each lifecycle, in the order of `lifecycles`.
    pub lifecycle_rows: &'static [[u32; 2]],
}

impl Prefolded {
    /// The folded text of phrase `i`.
    pub(super) fn folded(&self, i: usize) -> &'static str {
        let text: &'static str = self.text;
        self.phrases
            .get(i)
            .and_then(|r| text.get(r[5] as usize..r[6] as usize))
            .unwrap_or("")
    }
}

/// The index of folded phrases.
#[derive(Clone, Debug)]
pub enum PhraseIndex {
    /// The compiled-in phrases, searched in their table.
    Compiled {
        /// The table.
        table: Prefolded,
        /// The lifecycles' names, shared by every meaning.
        lifecycles: Vec<Arc<str>>,
    },
    /// The phrases of layered rules.
    Built(TextMap<Cow<'static, str>, PhraseMeaning>),
}

impl PhraseIndex {
    /// The index of the compiled-in table.
    pub(super) fn compiled(table: Prefolded) -> Self {
        PhraseIndex::Compiled {
            table,
            lifecycles: table.lifecycles.iter().map(|&n| n.into()).collect(),
        }
    }

    /// What a folded phrase names.
    pub fn get(&self, folded: &str) -> Option<PhraseMeaning> {
        match self {
            PhraseIndex::Built(map) => map.get(folded).cloned(),
            PhraseIndex::Compiled { table, lifecycles } => {
                let slots = table.slots.len();
                let mut i = super::phrase_hash::slot(folded, slots);
                // Bounded by the table's longest run of full slots.
                for _ in 0..slots {
                    let r = usize::from(*table.slots.get(i)?).checked_sub(1)?;
                    if table.folded(r) == folded {
                        return Some(meaning(table.phrases.get(r)?, lifecycles));
                    }
                    i = (i + 1) & (slots - 1);
                }
                None
            }
        }
    }

    /// How many phrases it knows.
    pub fn len(&self) -> usize {
        match self {
            PhraseIndex::Built(map) => map.len(),
            PhraseIndex::Compiled { table, .. } => table.phrases.len(),
        }
    }

    /// Whether it knows no phrase.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every folded phrase and what it names, in no particular order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = (&str, PhraseMeaning)> + '_> {
        match self {
            PhraseIndex::Built(map) => Box::new(map.iter().map(|(k, m)| (&**k, m.clone()))),
            PhraseIndex::Compiled { table, lifecycles } => Box::new(
                table
                    .phrases
                    .iter()
                    .enumerate()
                    .map(move |(i, row)| (table.folded(i), meaning(row, lifecycles))),
            ),
        }
    }
}

impl PhraseIndex {
    /// For the compiled-in table (`None` for layered rules): the names of its
    /// lifecycles, and how many phrases it has.
    pub fn compiled_table(&self) -> Option<(&'static [&'static str], usize)> {
        match self {
            PhraseIndex::Compiled { table, .. } => Some((table.lifecycles, table.sorted.len())),
            PhraseIndex::Built(_) => None,
        }
    }

    /// For the compiled-in table: its `i`th folded phrase in text order, with the index
    /// of its lifecycle among [`PhraseIndex::compiled_table`]'s names.
    pub fn compiled_nth(&self, i: usize) -> Option<(&'static str, usize)> {
        let PhraseIndex::Compiled { table, .. } = self else {
            return None;
        };
        let r = *table.sorted.get(i)? as usize;
        Some((table.folded(r), table.phrases.get(r)?[0] as usize))
    }
}

fn meaning(row: &[u32; 8], lifecycles: &[Arc<str>]) -> PhraseMeaning {
    PhraseMeaning {
        lifecycle: lifecycles
            .get(row[0] as usize)
            .cloned()
            .unwrap_or_else(|| "".into()),
        state: row[1] as usize,
        polarity: Polarity::from_index(row[2]),
    }
}

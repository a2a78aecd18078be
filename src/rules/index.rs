//! Which lifecycle, state and polarity each folded status phrase names. For the
//! compiled-in lifecycles alone, the table the build script folded and sorted is the
//! index, searched in place; where rules files layer their own phrases over them, the
//! merged phrases are indexed in a hash map.

use super::PhraseMeaning;
use super::vocab::{Polarity, Prefolded};
use crate::hash::TextMap;
use std::borrow::Cow;
use std::sync::Arc;

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
                let i = table
                    .sorted
                    .binary_search_by(|&r| table.folded(r as usize).cmp(folded))
                    .ok()?;
                let row = table.phrases.get(*table.sorted.get(i)? as usize)?;
                Some(meaning(row, lifecycles))
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

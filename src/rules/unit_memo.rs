//! Units read from text with the rules, each text once: a file writes the same few
//! units over and over (`mln`, `%`, `USD`).

use super::RuleSet;
use crate::hash::TextMap;
use crate::unit::{self, Known, ParsedUnit};
use compact_str::CompactString;
use std::fmt;
use std::sync::Mutex;

/// The units a rule set has read, by their text and currency. Bounded at
/// [`UnitMemo::MAX`] entries (what is not kept is read each time); a clone starts empty.
#[derive(Default)]
pub struct UnitMemo(Mutex<UnitMemoMap>);

type UnitMemoMap = TextMap<(Option<CompactString>, CompactString), Option<ParsedUnit>>;

impl UnitMemo {
    /// The most units kept.
    pub const MAX: usize = 4096;
}

impl Clone for UnitMemo {
    fn clone(&self) -> Self {
        UnitMemo::default()
    }
}

impl fmt::Debug for UnitMemo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UnitMemo")
    }
}

impl RuleSet {
    /// Reads `words (('per' | '/') words)?` into a unit, each word through the rules'
    /// units (see [`unit::read`]); the currency, if the literal had one, multiplies the
    /// result. `None` for empty text.
    pub fn read_unit(&self, text: &str, currency: Option<&str>) -> Option<ParsedUnit> {
        let key = (currency.map(CompactString::from), CompactString::from(text));
        if let Ok(memo) = self.unit_memo.0.lock()
            && let Some(unit) = memo.get(&key)
        {
            return unit.clone();
        }
        let unit = unread(self, text, currency);
        if let Ok(mut memo) = self.unit_memo.0.lock()
            && memo.len() < UnitMemo::MAX
        {
            memo.insert(key, unit.clone());
        }
        unit
    }
}

/// [`RuleSet::read_unit`], without the memo.
fn unread(rules: &RuleSet, text: &str, currency: Option<&str>) -> Option<ParsedUnit> {
    unit::read(text, currency, &|folded| {
        rules.unit(folded).map(|r| Known {
            base: &r.base,
            spelling: &r.base_spelling,
            factor: r.factor,
            domain: r.domain,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_read_once_by_their_text_and_the_memo_is_bounded() {
        let rules = crate::rules::load_defaults()
            .and_then(|b| b.finish())
            .unwrap_or_else(|e| panic!("{e}"));
        let len = || rules.unit_memo.0.lock().map(|m| m.len()).unwrap_or(0);
        for (text, currency) in [
            ("mln", None),
            ("USD per gram", None),
            ("", Some("$")),
            ("tonnes", None),
        ] {
            let first = rules.read_unit(text, currency);
            let before = len();
            assert_eq!(rules.read_unit(text, currency), first, "{text}");
            assert_eq!(len(), before, "{text} is read again");
            assert_eq!(first, unread(&rules, text, currency), "{text}");
        }
        // A currency makes another unit of the same text.
        assert_ne!(
            rules.read_unit("per gram", Some("$")),
            rules.read_unit("per gram", None)
        );
        for i in 0..UnitMemo::MAX + 10 {
            let text = format!("widget{i}");
            assert_eq!(rules.read_unit(&text, None), unread(&rules, &text, None));
        }
        assert_eq!(len(), UnitMemo::MAX);
        // A clone of the rules starts with none.
        assert_eq!(
            rules.clone().unit_memo.0.lock().map(|m| m.len()).ok(),
            Some(0)
        );
    }
}

//! A list of words tried longest first, with the words of each first letter found at
//! once: a literal tries several such lists at each position, and most of their words
//! cannot start there.

use std::ops::Deref;

/// Words in the order they are tried (longest first), indexed by first character.
#[derive(Clone, Debug, Default)]
pub struct WordList {
    words: Vec<String>,
    /// The indices of the words, by first character, each character's in list order.
    order: Vec<u32>,
    /// Each first character and where its words start in `order`, by character.
    firsts: Vec<(char, u32)>,
}

impl WordList {
    /// The list of `words`, in their order.
    pub fn new(words: Vec<String>) -> WordList {
        let first = |i: u32| words.get(i as usize).and_then(|w| w.chars().next());
        let n = u32::try_from(words.len()).unwrap_or(u32::MAX);
        // An empty word starts with no character.
        let mut order: Vec<u32> = (0..n).filter(|&i| first(i).is_some()).collect();
        // Stable: each character's words keep their order.
        order.sort_by_key(|&i| first(i));
        let mut firsts: Vec<(char, u32)> = Vec::new();
        for (at, &i) in (0u32..).zip(&order) {
            if let Some(c) = first(i)
                && firsts.last().is_none_or(|&(last, _)| last != c)
            {
                firsts.push((c, at));
            }
        }
        WordList {
            words,
            order,
            firsts,
        }
    }

    /// The words whose first character is `c`, in list order.
    pub fn starting_with(&self, c: char) -> impl Iterator<Item = &String> {
        let k = self.firsts.partition_point(|&(f, _)| f < c);
        let range = match self.firsts.get(k) {
            Some(&(f, start)) if f == c => {
                let end = self
                    .firsts
                    .get(k + 1)
                    .map_or(self.order.len(), |&(_, e)| e as usize);
                start as usize..end
            }
            _ => 0..0,
        };
        self.order
            .get(range)
            .unwrap_or_default()
            .iter()
            .filter_map(|&i| self.words.get(i as usize))
    }
}

impl Deref for WordList {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.words
    }
}

impl<'a> IntoIterator for &'a WordList {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.words.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_a_first_letter_are_those_a_scan_finds_in_the_same_order() {
        let words: Vec<String> = [
            "more than",
            "almost",
            "about",
            "m",
            "Mln",
            "around",
            "",
            "ünder",
            "mln",
            "a",
        ]
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
        let list = WordList::new(words.clone());
        assert_eq!(&list[..], &words[..]);
        for c in ['a', 'm', 'M', 'ü', 'z', '\0'] {
            let scanned: Vec<&String> = words.iter().filter(|w| w.starts_with(c)).collect();
            let indexed: Vec<&String> = list.starting_with(c).collect();
            assert_eq!(indexed, scanned, "{c:?}");
        }
        assert_eq!(WordList::default().starting_with('a').count(), 0);
    }
}

//! What a figure counts: the noun phrase after it or before it (over a few linking
//! words), and the unit of its counted word.

use super::Finder;
use crate::draft::token::Kind;

impl Finder<'_> {
    /// The noun phrase starting at token `i` (determiners skipped): (first, head).
    pub fn noun_phrase_after(&self, mut i: usize) -> Option<(usize, usize)> {
        let d = &self.rules.draft();
        while self.kind(i) == Some(Kind::Word) && d.determiners.contains(self.f(i)) {
            i += 1;
        }
        let mut z = None;
        let mut k = i;
        while k < i + 4
            && self.kind(k) == Some(Kind::Word)
            && !self.timed.get(k).copied().unwrap_or(true)
            && !d.stop_words.contains(self.f(k))
            && !self.rules.hedges.contains_key(self.f(k))
            && !self.is_relation_word(k)
            // "about KSh6,000 two years ago": a number word before a span of time opens
            // a time, not the noun ("two plants in Europe", "even one station" are).
            && !(self.rules.number_words.contains_key(self.f(k))
                && d.durations.contains(self.f(k + 1)))
        {
            z = Some(k);
            k += 1;
            // A counted word is the head: what follows it is the clause's.
            let f = self.f(k - 1);
            if d.units.contains_key(f) || self.rules.unit(f).is_some() {
                break;
            }
        }
        // "accounts removed": a participle after the head is a verb.
        if let Some(zz) = z
            && zz > i
            && self.f(zz).ends_with("ed")
        {
            z = Some(zz - 1);
        }
        z.map(|z| (i, z))
    }

    /// The noun phrase ending before token `i`, over a few linking words ("revenue of
    /// $5 bn", "the rate stood at 5%").
    pub fn noun_phrase_before(&self, i: usize) -> Option<(usize, usize)> {
        let d = &self.rules.draft();
        let mut k = i;
        let mut skipped = 0;
        while k > 0
            && skipped < 3
            && self.kind(k - 1) == Some(Kind::Word)
            && (matches!(
                self.f(k - 1),
                "of" | "at"
                    | "to"
                    | "was"
                    | "is"
                    | "were"
                    | "are"
                    | "by"
                    | "reached"
                    | "hit"
                    | "totalled"
                    | "totaled"
                    | "stood"
                    | "be"
                    | "been"
                    | "will"
                    | "worth"
            ) || self.is_relation_word(k - 1))
        {
            k -= 1;
            skipped += 1;
        }
        let z = k.checked_sub(1)?;
        let mut a = None;
        let mut j = z + 1;
        while j > 0
            && j > z.saturating_sub(3)
            && self.kind(j - 1) == Some(Kind::Word)
            && !(j > 1 && matches!(self.kind(j - 2), Some(Kind::Num) | Some(Kind::Mark)))
            && !self.is_scale_word(j - 1)
            && !self.timed.get(j - 1).copied().unwrap_or(true)
            && !d.stop_words.contains(self.f(j - 1))
            && !d.determiners.contains(self.f(j - 1))
            && !self.rules.hedges.contains_key(self.f(j - 1))
            && !self.is_relation_word(j - 1)
        {
            j -= 1;
            a = Some(j);
        }
        a.map(|a| (a, z))
    }

    /// The noun phrase whose last word is just before token `i` (no linking words
    /// skipped): (first, last).
    pub fn noun_phrase_before_plain(&self, i: usize) -> Option<(usize, usize)> {
        let d = &self.rules.draft();
        let z = i.checked_sub(1)?;
        let mut a = None;
        let mut j = i;
        while j > 0
            && j + 4 > i
            && self.kind(j - 1) == Some(Kind::Word)
            && !d.stop_words.contains(self.f(j - 1))
            && !d.determiners.contains(self.f(j - 1))
        {
            j -= 1;
            a = Some(j);
        }
        a.map(|a| (a, z))
    }

    pub(super) fn is_scale_word(&self, k: usize) -> bool {
        let f = self.f(k);
        self.rules.scales.contains_key(f)
            || matches!(
                f,
                "percent" | "per" | "cent" | "percentage" | "point" | "points" | "pp"
            )
    }

    pub(super) fn is_relation_word(&self, k: usize) -> bool {
        let f = self.f(k);
        ["rose", "fell", "increase", "decrease", "doubled"]
            .iter()
            .any(|r| {
                self.rules
                    .draft()
                    .relation(r)
                    .is_some_and(|s| s.contains(f))
            })
    }

    /// The unit of a counted word: from the rules' words, a unit of the rules, or a
    /// guess from a plural.
    pub(super) fn unit_of(&self, k: usize, head: &str) -> Option<(String, bool)> {
        // "25 basis points": the unit of `bps`.
        if matches!(head, "points" | "point") && k > 0 && self.f(k - 1) == "basis" {
            return self
                .rules
                .draft()
                .units
                .get("bps")
                .map(|u| (u.clone(), false));
        }
        if let Some(u) = self.rules.draft().units.get(head) {
            return Some((u.clone(), false));
        }
        if self.rules.unit(head).is_some() {
            return Some((head.to_owned(), false));
        }
        let written = self.t(k);
        if head.ends_with('s') && head.chars().count() > 3 && head.is_ascii() {
            // A capitalised plural after a number is most often a people (`Kazakhs`).
            if written.starts_with(char::is_uppercase) {
                return Some(("people".to_owned(), true));
            }
            return Some((head.to_owned(), true));
        }
        None
    }
}

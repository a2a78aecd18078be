//! "Did you mean": the closest of a set of known words.

/// The candidate closest to `word`, if one is close enough to be a likely typo.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&lower, &c.to_lowercase());
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.filter(|&(_, s)| s >= 0.7).map(|(c, _)| c)
}

/// Whether `a` and `b` are at most one edit apart (case-insensitive; a swap of two
/// neighbouring letters is one edit).
pub fn one_edit(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return one_edit_ascii(a.as_bytes(), b.as_bytes());
    }
    if a.len().abs_diff(b.len()) > 4 {
        // Cheap rejection: one edit changes the length by at most one character.
        return false;
    }
    strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase()) <= 1
}

/// [`one_edit`] for ASCII text, without a copy or a table: the two are equal, but for
/// one letter changed, added, dropped, or two neighbours swapped (any case).
fn one_edit_ascii(a: &[u8], b: &[u8]) -> bool {
    let same = |x: &[u8], y: &[u8]| x.eq_ignore_ascii_case(y);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let Some(i) = short
        .iter()
        .zip(long)
        .position(|(x, y)| !x.eq_ignore_ascii_case(y))
    else {
        return true;
    };
    if short.len() < long.len() {
        return same(&short[i..], &long[i + 1..]);
    }
    same(&short[i + 1..], &long[i + 1..])
        || (i + 1 < short.len()
            && short[i].eq_ignore_ascii_case(&long[i + 1])
            && short[i + 1].eq_ignore_ascii_case(&long[i])
            && same(&short[i + 2..], &long[i + 2..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a table for ASCII text, as with one: the same answer as the distance.
    #[test]
    fn one_edit_for_ascii_is_the_distance_at_most_one() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "bac", "abd", "abcd", "abdc", "Abc", "mln", "mn",
            "mnl", "lmn", "million", "milion", "millon", "millino", "about", "abuot", "aboout",
            "bout", "nearly", "neary", "ABOUT", "x", "xy", "yx", "xyz",
        ];
        for a in words {
            for b in words {
                let by_table = strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase()) <= 1;
                assert_eq!(one_edit(a, b), by_table, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn finds_a_typo() {
        assert_eq!(closest("vaule", ["value", "unit", "quote"]), Some("value"));
        assert_eq!(closest("zzzz", ["value", "unit"]), None);
    }
}

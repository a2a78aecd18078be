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
    if a.len().abs_diff(b.len()) > 4 {
        // Cheap rejection: one edit changes the length by at most one character.
        return false;
    }
    strsim::osa_distance(&a.to_lowercase(), &b.to_lowercase()) <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_typo() {
        assert_eq!(closest("vaule", ["value", "unit", "quote"]), Some("value"));
        assert_eq!(closest("zzzz", ["value", "unit"]), None);
    }
}

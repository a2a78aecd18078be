//! How a status phrase is folded for matching. It stands alone (no import from the
//! crate) because the build script folds the default phrases with it too, once, at build
//! time.

/// Folds a status phrase: words lowercased (curly apostrophes and quotes straightened),
/// single spaces, and the words `is_filler` names dropped.
pub fn fold_phrase_with(phrase: &str, is_filler: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(phrase.len());
    for w in phrase.split_whitespace() {
        // Lowercase ASCII, the common case, is taken as it is.
        let word: std::borrow::Cow<'_, str> =
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                std::borrow::Cow::Borrowed(w)
            } else {
                let straight: String = w
                    .chars()
                    .map(|c| match c {
                        '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
                        '\u{201c}' | '\u{201d}' => '"',
                        c => c,
                    })
                    .collect();
                std::borrow::Cow::Owned(straight.to_lowercase())
            };
        if is_filler(&word) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

//! Words, numbers and marks of a sentence, with their byte offsets in the article.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner apostrophes, hyphens and periods (`don't`, `year-old`, `U.S`).
    Word,
    /// ASCII digits with `,ddd` groups and a decimal part (`1,200.5`).
    Num,
    /// Any other character that is not white space (`$`, `%`, `,`, `“`).
    Mark,
}

/// A token of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its kind.
    pub kind: Kind,
    /// First byte.
    pub start: usize,
    /// Just past its last byte.
    pub end: usize,
}

impl Token {
    /// Its text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The units of a span of time that a number word may be glued to ("a two-year ban"),
/// and the number words that are split from them: the English words of two to twenty
/// and the tens ("one-week" and "mid-year" stay one word, as names of their own).
const SPANS: &[&str] = &["year", "month", "week", "day", "hour", "minute", "decade"];
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// The tokens of `text[from..to]`, offsets in `text`.
pub fn tokens(text: &str, from: usize, to: usize) -> Vec<Token> {
    let s = text.get(from..to).unwrap_or("");
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            // Thousands groups: exactly three digits after each comma.
            while j + 3 < b.len() + 1
                && b.get(j) == Some(&b',')
                && b.get(j + 1..j + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !b.get(j + 4).is_some_and(u8::is_ascii_digit)
            {
                j += 4;
            }
            if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
            }
            out.push(Token {
                kind: Kind::Num,
                start: from + i,
                end: from + j,
            });
            while it.peek().is_some_and(|&(k, _)| k < j) {
                it.next();
            }
            continue;
        }
        if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            loop {
                let rest = &s[end..];
                let mut cs = rest.chars();
                match cs.next() {
                    Some(d) if d.is_alphabetic() => end += d.len_utf8(),
                    // An inner apostrophe, hyphen or period joins two runs of letters.
                    Some(d)
                        if (is_apostrophe(d) || d == '-' || d == '.')
                            && cs.next().is_some_and(char::is_alphabetic) =>
                    {
                        end += d.len_utf8();
                    }
                    _ => break,
                }
            }
            // "two-year", "three-month": a span glued to its number word is read as
            // "30-month" is, number, hyphen and unit ("two-year-old" stays one word).
            let word = &s[i..end];
            let span = word.split_once('-').filter(|(n, unit)| {
                SPANS.contains(&unit.to_ascii_lowercase().as_str())
                    && NUMBER_WORDS.contains(&n.to_ascii_lowercase().as_str())
            });
            if let Some((n, _)) = span {
                let cut = i + n.len();
                for (a, z, kind) in [
                    (i, cut, Kind::Word),
                    (cut, cut + 1, Kind::Mark),
                    (cut + 1, end, Kind::Word),
                ] {
                    out.push(Token {
                        kind,
                        start: from + a,
                        end: from + z,
                    });
                }
            } else {
                out.push(Token {
                    kind: Kind::Word,
                    start: from + i,
                    end: from + end,
                });
            }
            while it.peek().is_some_and(|&(k, _)| k < end) {
                it.next();
            }
            continue;
        }
        out.push(Token {
            kind: Kind::Mark,
            start: from + i,
            end: from + i + c.len_utf8(),
        });
    }
    out
}

/// A word folded for lookups: lowercase, apostrophes straightened.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if is_apostrophe(c) {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s, 0, s.len()).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn numbers_words_and_marks() {
        assert_eq!(
            texts("U.S. sales rose 12.5% to $1,200.50 (don’t)"),
            [
                "U.S", ".", "sales", "rose", "12.5", "%", "to", "$", "1,200.50", "(", "don’t", ")"
            ]
        );
        assert_eq!(
            texts("1,20 and 1,2345"),
            ["1", ",", "20", "and", "1", ",", "2345"]
        );
        assert_eq!(texts("a 45-year-old"), ["a", "45", "-", "year-old"]);
        assert_eq!(texts("12.5mln"), ["12.5", "mln"]);
    }
}

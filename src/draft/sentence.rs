//! Sentences of an article, as byte ranges, so that every quote is a slice of the text.
//!
//! A sentence ends at `.`, `!` or `?` (and the closing quotes or brackets after it)
//! followed by white space and a capital, a digit or an opening quote; at a blank line;
//! and at a line break after a line that ends a sentence or reads as a headline. A
//! period after an abbreviation of the rules (`Mr.`, `Inc.`), a single letter (`J.`,
//! `U.S.`) or a number word like `No.` never ends one: a sentence left whole is a
//! longer quote, where a wrong split would lose the words a claim needs.

use crate::rules::DraftWords;

/// The sentences of `text[from..]`, as `(start, end)` byte ranges without their outer
/// white space.
pub fn split(text: &str, from: usize, words: &DraftWords) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = from;
    let b = text.as_bytes();
    let mut i = from;
    let push = |out: &mut Vec<(usize, usize)>, a: usize, z: usize| {
        let s = &text[a..z];
        let lead = s.len() - s.trim_start().len();
        let t = s.trim();
        if !t.is_empty() {
            out.push((a + lead, a + lead + t.len()));
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            let line_start = text[..i].rfind('\n').map_or(0, |k| k + 1).max(start);
            let line = text[line_start..i].trim();
            let next_nl = text[i + 1..].find('\n').map_or(text.len(), |k| i + 1 + k);
            let next_line = text[i + 1..next_nl].trim();
            if line.is_empty()
                || next_line.is_empty()
                || ends_sentence(line)
                || (headline(line) && opens_sentence(next_line))
                || block_start(next_line)
            {
                push(&mut out, start, i);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if matches!(c, b'.' | b'!' | b'?') {
            // The end of the mark and of any closing quotes or brackets after it.
            let mut j = i + 1;
            while let Some(ch) = text[j..].chars().next() {
                if matches!(
                    ch,
                    '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '.' | '!' | '?'
                ) {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[j..];
            let ws = rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len();
            let next = rest[ws..].chars().next();
            let opens = next.is_some_and(|n| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '[')
            });
            if ws > 0 && opens && !(c == b'.' && abbreviation_before(text, i, words)) {
                push(&mut out, start, j);
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, text.len());
    out
}

/// Whether the word before the period at `dot` is an abbreviation, an initial or a
/// decimal point's number.
fn abbreviation_before(text: &str, dot: usize, words: &DraftWords) -> bool {
    let before = &text[..dot];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '\u{2019}'))
        .map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // `U.S.`, `J.`, `a.m.`: letters with periods between, or one letter.
    let letters: Vec<&str> = word.split('.').collect();
    if letters
        .iter()
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
    let lower = super::token::fold(word);
    words.abbreviations.contains(lower.as_str())
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', ':', '"', '\u{201d}', ')'])
}

fn opens_sentence(line: &str) -> bool {
    line.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '"' | '\u{201c}' | '#' | '*' | '-' | '>')
    })
}

/// A short line with no final period: a headline, a title, a list item.
fn headline(line: &str) -> bool {
    line.split_whitespace().count() <= 16 || line.starts_with('#')
}

/// A Markdown block: a heading, a list item, a quote, a rule.
fn block_start(line: &str) -> bool {
    line.starts_with(['#', '-', '*', '>', '+', '|'])
        || line
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let rules = crate::rules::load_defaults()
            .and_then(crate::rules::RulesBuilder::finish)
            .unwrap_or_else(|e| panic!("{e}"));
        split(text, 0, rules.draft())
            .into_iter()
            .map(|(a, z)| &text[a..z])
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        assert_eq!(
            sentences(
                "Mr. Smith and Ms. Lee met at Acme Inc. on Monday. Sales rose 12.5% in the U.S. market. It was No. 10 again."
            ),
            [
                "Mr. Smith and Ms. Lee met at Acme Inc. on Monday.",
                "Sales rose 12.5% in the U.S. market.",
                "It was No. 10 again."
            ]
        );
        assert_eq!(
            sentences("It costs approx. 40 dollars. J. R. Smith agreed. About 3 mln. units sold."),
            [
                "It costs approx. 40 dollars.",
                "J. R. Smith agreed.",
                "About 3 mln. units sold."
            ]
        );
    }

    #[test]
    fn quotes_and_headlines() {
        assert_eq!(
            sentences(
                "Title without a period\nHe said: “It is “crucial” now.” Then he left!\n\nNext paragraph?"
            ),
            [
                "Title without a period",
                "He said: “It is “crucial” now.”",
                "Then he left!",
                "Next paragraph?"
            ]
        );
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        assert_eq!(
            sentences(
                "The company said that its revenue, which had been falling for years and\nyears across many of its markets, rose again."
            ),
            [
                "The company said that its revenue, which had been falling for years and\nyears across many of its markets, rose again."
            ]
        );
    }
}

//! Times written in a sentence: years, quarters, months, days. A time becomes the
//! `as_of` of the figures and statuses of its sentence, or the time of an unknown a
//! relation compares with; its numbers are never figures.

use super::token::{Kind, Token, fold};
use crate::rules::DraftWords;

/// A time mentioned in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// The time in the claim language (`2024`, `2024-Q3`, `2024-10-14`), where it can be
    /// written there.
    pub value: Option<String>,
    /// What the article wrote, for a comment where `value` is `None` (`2012–13`).
    pub written: String,
    /// Whether it is what something is compared with ("compared to 2023", "from 2023").
    pub compared: bool,
}

/// A year a number can be: four digits from 1800 to 2100.
pub fn year(text: &str, t: &Token) -> Option<u32> {
    let s = t.text(text);
    if t.kind != Kind::Num || s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|y| (1800..=2100).contains(y))
}

fn num(text: &str, t: Option<&Token>) -> Option<u32> {
    let t = t?;
    let s = t.text(text);
    (t.kind == Kind::Num && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn adjacent(a: &Token, b: &Token) -> bool {
    a.end == b.start
}

const ORDINAL_QUARTERS: &[(&str, u32)] =
    &[("first", 1), ("second", 2), ("third", 3), ("fourth", 4)];

/// The times of one sentence's tokens. `doc_year` completes a day or month written
/// without its year.
pub fn mentions(
    text: &str,
    toks: &[Token],
    lower: &[String],
    words: &DraftWords,
    doc_year: Option<u32>,
) -> Vec<Mention> {
    mentions_dated(text, toks, lower, words, doc_year.map(|y| (y, None)))
}

/// Words before a month in its sentence that put it ahead of the dateline ("will open
/// in March", "is due in June", "expects 30% by December"); without one, a month alone
/// is the last one up to the dateline ("opened in October" in a story of February is
/// last October). A day of a month keeps the dateline's year ("from July 1").
const FUTURE: &[&str] = &[
    "will",
    "would",
    "shall",
    "plans",
    "plan",
    "expected",
    "expects",
    "expect",
    "due",
    "scheduled",
    "aims",
    "intends",
    "hopes",
    "next",
    "upcoming",
    "forecast",
    "forecasts",
    "projected",
    "projects",
    "predicts",
    "target",
    "targets",
];

/// The times of a sentence; `doc` is the dateline's year and month, where there is one.
pub fn mentions_dated(
    text: &str,
    toks: &[Token],
    lower: &[String],
    words: &DraftWords,
    doc: Option<(u32, Option<u32>)>,
) -> Vec<Mention> {
    let doc_year = doc.map(|(y, _)| y);
    // The year of a month the sentence gives no year for: the dateline's, or the one
    // before or after it where the month falls outside it.
    let year_of = |month: u32, i: usize| -> Option<u32> {
        let (y, dm) = doc?;
        let Some(dm) = dm else { return Some(y) };
        // "by December", "until March": a deadline ahead.
        let ahead = (0..i).any(|k| FUTURE.contains(&lower.get(k).map_or("", String::as_str)))
            || (i > 0 && matches!(lower.get(i - 1).map(String::as_str), Some("by" | "until")));
        Some(match (ahead, month.cmp(&dm)) {
            (false, std::cmp::Ordering::Greater) => y - 1,
            (true, std::cmp::Ordering::Less) => y + 1,
            _ => y,
        })
    };
    let mut out = Vec::new();
    let w = |i: usize| lower.get(i).map_or("", String::as_str);
    let month = |i: usize| -> Option<u32> {
        let t = toks.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let f = lower.get(i)?;
        // `May` is a month only with a capital; `march` and `may` are words too.
        if !t.text(text).starts_with(char::is_uppercase) {
            return None;
        }
        words.months.get(f.trim_end_matches('.')).copied()
    };
    let mut last_year: Option<u32> = None;
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        let mut value = None;
        let mut last = i;
        let mut matched = false;
        if let Some(m) = month(i) {
            // Month [day][,] [year]
            let mut j = i + 1;
            if toks.get(j).is_some_and(|t| t.text(text) == ".") {
                j += 1;
            }
            let day = num(text, toks.get(j)).filter(|d| (1..=31).contains(d));
            if day.is_some() {
                last = j;
                j += 1;
            }
            if toks.get(j).is_some_and(|t| t.text(text) == ",")
                && toks.get(j + 1).and_then(|t| year(text, t)).is_some()
            {
                j += 1;
            }
            let y = toks.get(j).and_then(|t| year(text, t));
            if y.is_some() {
                last = j;
            }
            // "in June", "that April": a month alone, in the year the sentence last
            // named, else the dateline's.
            let alone = day.is_none()
                && y.is_none()
                && i > 0
                && matches!(
                    w(i - 1),
                    "in" | "that"
                        | "since"
                        | "by"
                        | "until"
                        | "last"
                        | "early"
                        | "late"
                        | "mid"
                        | "from"
                        | "before"
                        | "after"
                        | "through"
                );
            if alone {
                matched = true;
                value = last_year
                    .or_else(|| year_of(m, i))
                    .map(|y| format!("{y:04}-{m:02}"));
            }
            if day.is_some() || y.is_some() {
                matched = true;
                value = y.or(last_year).or(doc_year).map(|y| match day {
                    Some(d) => format!("{y:04}-{m:02}-{d:02}"),
                    None => format!("{y:04}-{m:02}"),
                });
                if day.is_some() && y.is_none() && doc_year.is_none() {
                    value = None;
                }
            }
        } else if let Some(d) = num(text, toks.get(i)).filter(|d| (1..=31).contains(d))
            && let Some(m) = month(i + 1)
        {
            // Day month [year]
            matched = true;
            last = i + 1;
            let y = toks.get(i + 2).and_then(|t| year(text, t));
            if y.is_some() {
                last = i + 2;
            }
            value = y.or(doc_year).map(|y| format!("{y:04}-{m:02}-{d:02}"));
        } else if w(i) == "q"
            && let Some(q) = num(text, toks.get(i + 1)).filter(|q| (1..=4).contains(q))
            && toks.get(i + 1).is_some_and(|t| adjacent(&toks[i], t))
        {
            // Q3 [of|,] 2024
            matched = true;
            last = i + 1;
            let mut j = i + 2;
            if matches!(w(j), "of" | ",") {
                j += 1;
            }
            if let Some(y) = toks.get(j).and_then(|t| year(text, t)) {
                last = j;
                value = Some(format!("{y:04}-Q{q}"));
            }
        } else if let Some(&(_, q)) = ORDINAL_QUARTERS.iter().find(|(o, _)| *o == w(i))
            && w(i + 1) == "quarter"
        {
            // the third quarter of 2024
            let mut j = i + 2;
            if w(j) == "of" {
                j += 1;
            }
            if let Some(y) = toks.get(j).and_then(|t| year(text, t)) {
                matched = true;
                last = j;
                value = Some(format!("{y:04}-Q{q}"));
            }
        } else if matches!(w(i), "last" | "this" | "next")
            && matches!(w(i + 1), "year" | "year's")
            && !(i > 0 && matches!(w(i - 1), "the" | "a" | "every"))
        {
            // "last year", "this year's": the dateline's year, or the one before or after.
            matched = true;
            last = i + 1;
            value = doc_year.map(|y| match w(i) {
                "last" => format!("{:04}", y - 1),
                "next" => format!("{:04}", y + 1),
                _ => format!("{y:04}"),
            });
        } else if w(i) == "fy"
            && toks
                .get(i + 1)
                .is_some_and(|t| t.kind == Kind::Num && adjacent(&toks[i], t))
        {
            // FY2024: the fiscal year depends on the rules' start month; left to the editor.
            matched = true;
            last = i + 1;
        } else if let Some(y) = toks.get(i).and_then(|t| year(text, t))
            && !counted_after(text, toks, i, words)
        {
            matched = true;
            value = Some(format!("{y:04}"));
            // 2012–13, 2012-2013: a fiscal year or a period.
            if let (Some(d), Some(n)) = (toks.get(i + 1), toks.get(i + 2))
                && matches!(d.text(text), "-" | "–" | "—" | "/")
                && adjacent(&toks[i], d)
                && adjacent(d, n)
                && n.kind == Kind::Num
                && (n.end - n.start == 2 || year(text, n).is_some())
            {
                last = i + 2;
                value = None;
            }
            // ISO dates: 2024-10-14, 2024-10.
            let iso = |k: usize| {
                toks.get(k).is_some_and(|t| t.text(text) == "-")
                    && toks
                        .get(k + 1)
                        .is_some_and(|t| t.kind == Kind::Num && t.end - t.start == 2)
            };
            if iso(i + 1) && toks.get(i + 1).is_some_and(|t| adjacent(&toks[i], t)) {
                let m = num(text, toks.get(i + 2)).filter(|m| (1..=12).contains(m));
                if let Some(m) = m {
                    last = i + 2;
                    value = Some(format!("{y:04}-{m:02}"));
                    if iso(i + 3)
                        && let Some(d) = num(text, toks.get(i + 4)).filter(|d| (1..=31).contains(d))
                    {
                        last = i + 4;
                        value = Some(format!("{y:04}-{m:02}-{d:02}"));
                    }
                }
            }
            // The 1990s.
            if toks
                .get(i + 1)
                .is_some_and(|t| adjacent(&toks[i], t) && matches!(t.text(text), "s" | "'s"))
            {
                last = i + 1;
                value = None;
            }
        }
        if matched {
            // The dateline itself, at the head of the first sentence, names no year for
            // the months after it: they take theirs from the dateline as any month does;
            // nor does "last year" ("pleaded guilty last year and will be sentenced in
            // January").
            let dateline = doc.is_some_and(|(y, m)| {
                let ym = m.map(|m| format!("{y:04}-{m:02}-"));
                ym.is_some_and(|ym| value.as_deref().is_some_and(|v| v.starts_with(&ym)))
            }) || matches!(w(start), "last" | "this" | "next");
            if let Some(y) = value
                .as_deref()
                .and_then(|v| v.get(..4))
                .and_then(|y| y.parse().ok())
                .filter(|_| !dateline)
            {
                last_year = Some(y);
            }
            if let Some(v) = &value
                && crate::time::Time::parse(v).is_none()
            {
                value = None;
            }
            let written = text
                .get(toks[start].start..toks[last].end)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Mention {
                first: start,
                last,
                value,
                written,
                // "on October 14" is a day, "up 5% on 2023" a comparison.
                // "18% more than last year": "than" sets it against the figure.
                compared: (compared_before(text, toks, start, words)
                    || (start > 0 && w(start - 1) == "than"))
                    && !(last > start && start > 0 && fold(toks[start - 1].text(text)) == "on"),
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a year-like number is a figure: money before it, or a counted word or a
/// percent after it (`$2000`, `2000 people`, `2024 %`).
fn counted_after(text: &str, toks: &[Token], i: usize, words: &DraftWords) -> bool {
    let next = toks
        .get(i + 1)
        .map(|t| fold(t.text(text)))
        .unwrap_or_default();
    let money_before = i > 0 && {
        let p = toks[i - 1].text(text);
        matches!(p, "$" | "€" | "£") || words.money.contains_key(p)
    };
    money_before || words.units.contains_key(&next) || matches!(next.as_str(), "%" | "percent")
}

/// Whether the words before token `i` make the time one compared with.
pub fn compared_before(text: &str, toks: &[Token], i: usize, words: &DraftWords) -> bool {
    let Some(set) = words.relation("compared") else {
        return false;
    };
    // Skip "the", "late", "early", "mid" and a month before the year.
    let mut k = i;
    while k > 0 {
        let f = fold(toks[k - 1].text(text));
        if matches!(
            f.as_str(),
            "the" | "late" | "early" | "mid" | "end" | "of" | "same" | "period" | "in"
        ) || words.months.contains_key(&f)
        {
            if f == "in" && k >= 2 && fold(toks[k - 2].text(text)) == "than" {
                return true;
            }
            k -= 1;
        } else {
            break;
        }
    }
    (1..=2).any(|n| {
        k >= n && {
            let phrase: Vec<String> = toks[k - n..k].iter().map(|t| fold(t.text(text))).collect();
            set.contains(&phrase.join(" "))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::token::tokens;

    fn times(s: &str, doc_year: Option<u32>) -> Vec<(Option<String>, String, bool)> {
        let rules = crate::rules::load_defaults()
            .and_then(crate::rules::RulesBuilder::finish)
            .unwrap_or_else(|e| panic!("{e}"));
        let toks = tokens(s, 0, s.len());
        let lower: Vec<String> = toks.iter().map(|t| fold(t.text(s))).collect();
        mentions(s, &toks, &lower, rules.draft(), doc_year)
            .into_iter()
            .map(|m| (m.value, m.written, m.compared))
            .collect()
    }

    fn v(s: &str) -> Option<String> {
        Some(s.to_owned())
    }

    #[test]
    fn years_quarters_months_and_days() {
        assert_eq!(
            times("In Q3 of 2024, sales rose compared to 2023.", None),
            [
                (v("2024-Q3"), "Q3 of 2024".into(), false),
                (v("2023"), "2023".into(), true)
            ]
        );
        assert_eq!(
            times(
                "On October 14 it opened; in April 2015 it closed; on 3 May 2020 too.",
                Some(2024)
            ),
            [
                (v("2024-10-14"), "October 14".into(), false),
                (v("2015-04"), "April 2015".into(), false),
                (v("2020-05-03"), "3 May 2020".into(), false)
            ]
        );
        assert_eq!(
            times("On October 14 it opened.", None),
            [(None, "October 14".into(), false)]
        );
        assert_eq!(
            times("the third quarter of 2024 and 2024-10-14", None),
            [
                (v("2024-Q3"), "third quarter of 2024".into(), false),
                (v("2024-10-14"), "2024-10-14".into(), false)
            ]
        );
    }

    #[test]
    fn fiscal_years_are_times_not_ranges() {
        assert_eq!(
            times("in fiscal 2012–13 the deficit", None),
            [(None, "2012–13".into(), false)]
        );
        assert_eq!(
            times("in FY2024 and the 1990s", None),
            [
                (None, "FY2024".into(), false),
                (None, "1990s".into(), false)
            ]
        );
    }

    #[test]
    fn may_is_a_month_only_with_a_capital() {
        assert_eq!(
            times("it may 2024", None),
            [(v("2024"), "2024".into(), false)]
        );
    }
}

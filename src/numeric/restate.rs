//! Restatements (SPEC 4.4): two quantities of the same `measure` and the same time must
//! overlap.
//!
//! *Why it matters*: an article that gives "20 mln residents" in one paragraph and
//! "18 mln residents" in another has one of them wrong.
//!
//! Each claim is compared with the earlier claims of its (measure, time) in constant
//! time: it disagrees with some earlier one exactly when it lies wholly above the lowest
//! earlier upper bound or wholly below the highest earlier lower bound.
//!
//! # The codes it reports
//!
#![doc = include_str!("../../docs/codes/numeric-restated.md")]

use super::style_of;
use crate::claim::{ClaimKind, ClaimsFile, QuantityClaim};
use crate::code::Code;
use crate::finding::Finding;
use crate::hash::{TextMap, text_map};
use crate::interval::Interval;
use crate::rules::RuleSet;
use crate::source::Span;
use crate::time::Time;
use crate::unit::Dim;
use crate::wording::stated;

struct Seen {
    /// (claim, its upper bound) with the lowest upper bound so far.
    min_hi: (usize, f64),
    /// (claim, its lower bound) with the highest lower bound so far.
    max_lo: (usize, f64),
}

/// Reports every claim that disagrees with an earlier one of the same measure and time.
pub fn check(file: &ClaimsFile, rules: &RuleSet, out: &mut Vec<Finding>) {
    let mut groups: TextMap<(&str, Option<Time>, Option<&Dim>), Seen> = text_map(0);
    for (i, c) in file.claims.iter().enumerate() {
        let ClaimKind::Quantity(q) = &c.kind else {
            continue;
        };
        let (Some(measure), Some(_)) = (&q.measure, &q.quantity) else {
            continue;
        };
        let iv = q.interval;
        let key = (measure.as_str(), c.time, q.unit.as_ref().map(|u| &u.dim));
        let Some(seen) = groups.get_mut(&key) else {
            groups.insert(
                key,
                Seen {
                    min_hi: (i, iv.hi),
                    max_lo: (i, iv.lo),
                },
            );
            continue;
        };
        let other = if iv.lo > seen.min_hi.1 {
            Some(seen.min_hi.0)
        } else if iv.hi < seen.max_lo.1 {
            Some(seen.max_lo.0)
        } else {
            None
        };
        if iv.hi < seen.min_hi.1 {
            seen.min_hi = (i, iv.hi);
        }
        if iv.lo > seen.max_lo.1 {
            seen.max_lo = (i, iv.lo);
        }
        let Some(j) = other else { continue };
        let ClaimKind::Quantity(p) = &file.claims[j].kind else {
            continue;
        };
        let style = |q| style_of(q, rules);
        out.push(
            Finding::new(
                Code::NumericRestated,
                &file.source,
                format!(
                    "`{}` restates {} as {}, but `{}` gave {}",
                    c.id,
                    as_written(file, q.measure_span, measure),
                    q.value.text,
                    file.claims[j].id,
                    p.value.text
                ),
                q.value.span,
                format!("reads as {}", stated(&iv, &style(q))),
            )
            .label(p.value.span, format!("reads as {}", stated(&p.interval, &style(p))))
            .owner(i, &c.id)
            .involving(&file.claims[j].id)
            .help(help(q, &p.interval, rules).unwrap_or_else(|| {
                "the two values share no number: correct one, or give them different `measure`s or times".to_owned()
            })),
        );
    }
}

/// The fix where the later value may be a round figure: `about 18,000` (a hedge of the
/// rules), or `trailing_zeros: rounded`, whichever makes the two share a number.
fn help(q: &QuantityClaim, other: &Interval, rules: &RuleSet) -> Option<String> {
    let written = q.value.text.trim();
    let digits = written
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .map_or(written, |i| &written[..i]);
    let zeros = digits.len() - digits.trim_end_matches('0').len();
    if q.quantity.as_ref().is_none_or(|v| v.hedged)
        || zeros == 0
        || written.as_bytes().get(digits.len()) == Some(&b'.')
        || !digits.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let meets = |i: &Interval| i.lo <= other.hi && other.lo <= i.hi;
    let about = rules.hedges.keys().find_map(|h| {
        let text = format!("{h} {written}");
        match crate::literal::parse(&text, rules) {
            Ok(crate::literal::Literal::Value(v))
                if v.interval.is_bounded() && meets(&v.interval) =>
            {
                Some(text)
            }
            _ => None,
        }
    });
    // Read with `trailing_zeros: rounded`: half a unit of the last non-zero digit,
    // scaled as the literal is (`20 mln` is 15–25 mln).
    let iv = q.interval;
    let mid = (iv.lo + iv.hi) / 2.0;
    let number: f64 = digits
        .replace(',', "")
        .parse()
        .ok()
        .filter(|n: &f64| *n > 0.0)?;
    let half = 0.5 * 10f64.powi(zeros.min(30) as i32) * (mid / number);
    let rounded = Interval::new(mid - half, mid + half);
    match (about, meets(&rounded)) {
        (Some(a), true) => Some(format!(
            "if `{written}` is a round figure, write `{a}`, or set `trailing_zeros: rounded` under `literals:` in the rules"
        )),
        (Some(a), false) => Some(format!("if `{written}` is a round figure, write `{a}`")),
        (None, true) => Some(format!(
            "if `{written}` is a round figure, set `trailing_zeros: rounded` under `literals:` in the rules"
        )),
        (None, false) => None,
    }
}

/// The measure as the user wrote it (quotes dropped), else its folded form.
fn as_written<'a>(file: &'a ClaimsFile, span: Option<Span>, folded: &'a str) -> &'a str {
    span.and_then(|s| file.source.text.get(s.start..s.end()))
        .map(|t| t.trim().trim_matches(['"', '\'']))
        .filter(|t| !t.is_empty())
        .unwrap_or(folded)
}

//! No false alarms: claims written from true values (rounded, hedged, in any scale) with
//! assertions that hold for those values must never get an error. Property tests over
//! random true values: the checker reasons about every value the text allows, so the
//! truth is always among them.

use claimlint::code::Severity;
use claimlint::rules::{RuleSet, load_defaults};
use claimlint::source::SourceFile;
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static R: OnceLock<RuleSet> = OnceLock::new();
    R.get_or_init(|| match load_defaults().and_then(|b| b.finish()) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    })
}

/// `x` written with `digits` significant digits, in `mln` where it is large.
fn written(x: f64, digits: usize) -> String {
    if x.abs() >= 1e6 {
        format!("{} mln", round_sig(x / 1e6, digits))
    } else {
        round_sig(x, digits)
    }
}

fn round_sig(x: f64, digits: usize) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let mag = x.abs().log10().floor() as i32;
    let decimals = (digits as i32 - 1 - mag).max(0) as usize;
    format!("{x:.decimals$}")
}

/// A hedge that the true value satisfies.
fn hedged(x: f64, digits: usize, hedge: u8) -> String {
    let w = written(x, digits);
    match hedge {
        0 => w,
        1 => format!("about {w}"),
        2 => format!("more than {}", written(x * 0.9, digits)),
        3 => format!("less than {}", written(x * 1.1, digits)),
        4 => format!("nearly {}", written(x * 1.02, digits)),
        _ => format!("at least {}", written(x * 0.95, digits)),
    }
}

fn errors(text: &str) -> Vec<String> {
    let report = claimlint::check_text(
        SourceFile::new("claims.yaml", text),
        rules(),
        None,
        claimlint::Threads::One,
    );
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{}: {}", f.code, f.message))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Parts, a total and a share, all written from true values.
    #[test]
    fn true_claims_get_no_error(
        a in 1.0e3..5.0e7f64,
        b in 1.0e3..5.0e7f64,
        da in 2usize..5,
        db in 2usize..5,
        dt in 2usize..5,
        ha in 0u8..6,
        hb in 0u8..6,
    ) {
        let total = a + b;
        let share = a / total * 100.0;
        let text = format!(
            "claims:\n  - id: a\n    value: {}\n  - id: b\n    value: {}\n  - id: total\n    value: {}\n  - id: parts\n    assert: a + b = total\n  - id: part_share\n    assert: share(a, total) = {}%\n  - id: order\n    assert: a < total\n",
            hedged(a, da, ha),
            hedged(b, db, hb),
            written(total, dt),
            round_sig(share, 2),
        );
        let e = errors(&text);
        prop_assert!(e.is_empty(), "{text}\n{e:?}");
    }

    /// A growth from an unknown base to a stated value, and the base restated: the
    /// derived bound never conflicts with a true restatement.
    #[test]
    fn true_growth_and_restatement_get_no_error(
        before in 1.0e4..1.0e8f64,
        growth_pct in -60.0..300.0f64,
        d in 2usize..5,
    ) {
        let after = before * (1.0 + growth_pct / 100.0);
        let text = format!(
            "claims:\n  - id: before\n    value: unknown\n    measure: users\n    as_of: 2023\n  - id: after\n    value: {}\n  - id: g\n    assert: growth(before, after) = {}%\n  - id: before_stated\n    value: {}\n    as_of: 2023\n  - id: same\n    assert: before = before_stated\n",
            written(after, d),
            round_sig(growth_pct, 2),
            written(before, d),
        );
        let e = errors(&text);
        prop_assert!(e.is_empty(), "{text}\n{e:?}");
    }

    /// A share written as a ratio word the true share lies within (the word's tolerance
    /// is 4%), and statuses that move forward in time.
    #[test]
    fn true_ratio_words_and_statuses_get_no_error(
        word in prop::sample::select(vec![("half", 0.5), ("a third", 1.0 / 3.0), ("two thirds", 2.0 / 3.0), ("a quarter", 0.25), ("three quarters", 0.75), ("a tenth", 0.1)]),
        off in -0.039..0.039f64,
        total in 1.0e4..1.0e8f64,
        first in 2000i32..2020,
    ) {
        let part = total * word.1 * (1.0 + off);
        let text = format!(
            "claims:\n  - id: part\n    value: exactly {part:.6}\n  - id: total\n    value: exactly {total:.6}\n  - id: s\n    assert: share(part, total) = {}\n  - id: planned\n    subject: plant\n    status: plans to open\n    as_of: {first}\n  - id: opened\n    subject: plant\n    status: has opened\n    as_of: {}\n  - id: closed\n    subject: plant\n    status: has closed\n    as_of: {}\n",
            word.0,
            first + 1,
            first + 3,
        );
        let e = errors(&text);
        prop_assert!(e.is_empty(), "{text}\n{e:?}");
    }

    /// Money as articles write it (a sign, an ISO code or a currency word, in any scale,
    /// crore and lakh included), a price `a gram`, and a range word for a share: written
    /// from true values, never an error.
    #[test]
    fn true_money_and_range_words_get_no_error(
        a in 1.0e5..5.0e11f64,
        b in 1.0e5..5.0e11f64,
        grams in 1.0e2..1.0e6f64,
        fa in 0usize..4,
        fb in 0usize..4,
        sa in 0usize..6,
        sb in 0usize..6,
        d in 2usize..5,
    ) {
        let total = a + b;
        let share = a / total;
        let word = if share > 0.5 { "a majority" } else { "a minority" };
        let price = total / grams;
        let text = format!(
            "claims:\n  - id: a\n    value: {}\n  - id: b\n    value: {}\n  - id: total\n    value: {}\n    unit: KZT\n  - id: grams\n    value: {}\n    unit: gram\n  - id: price\n    value: ₸{} a gram\n  - id: parts\n    assert: a + b = total\n  - id: part_share\n    assert: share(a, total) = {word}\n  - id: per_gram\n    assert: total / grams = price\n",
            money(a, fa, sa, d),
            money(b, fb, sb, d),
            written(total, d),
            written(grams, d),
            round_sig(price, d),
        );
        let e = errors(&text);
        prop_assert!(e.is_empty(), "{text}\n{e:?}");
    }

    /// `~=` between two values that lie within its tolerance, written as an article
    /// would (rounded, hedged, in percents or in a scale), range words for the sizes, and
    /// the rest of a share: never an error.
    #[test]
    fn true_approximate_equality_gets_no_error(
        a in 1.0e3..5.0e9f64,
        rel in -0.09..0.09f64,
        pct in 1.0..99.0f64,
        dpts in -1.9..1.9f64,
        da in 2usize..5,
        db in 2usize..5,
        ha in 0u8..6,
        hb in 0u8..6,
    ) {
        let b = a * (1.0 + rel);
        let p2 = (pct + dpts).clamp(0.5, 99.5);
        let size = if (100.0..1000.0).contains(&a) { "triple-digit" } else if a >= 1000.0 { "more than 999" } else { "double-digit" };
        let text = format!(
            "claims:\n  - id: a\n    value: {}\n  - id: b\n    value: {}\n  - id: near\n    assert: a ~= b\n  - id: p\n    value: {}%\n  - id: q\n    value: {}%\n  - id: even\n    assert: p ~= q\n  - id: rest_of_p\n    assert: rest(p) ~= {}%\n  - id: size\n    assert: a = {size}\n",
            hedged(a, da, ha),
            hedged(b, db, hb),
            round_sig(pct, 3),
            round_sig(p2, 3),
            round_sig(100.0 - pct, 3),
        );
        let e = errors(&text);
        prop_assert!(e.is_empty(), "{text}\n{e:?}");
    }

    /// Dates as values: two true days, written as days or the month or quarter they lie
    /// in, their true distance written in days, weeks or months: never an error.
    #[test]
    fn true_dates_get_no_error(
        start in 18_000i64..22_000,
        gap in 1i64..1500,
        form in 0usize..3,
        unit in 0usize..3,
    ) {
        let end = start + gap;
        let written = |z: i64, form: usize| {
            let (y, m, d) = civil(z);
            match form {
                0 => format!("{y:04}-{m:02}-{d:02}"),
                1 => format!("{y:04}-{m:02}"),
                _ => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
            }
        };
        let took = match unit {
            0 => format!("about {gap} days"),
            1 => format!("about {} weeks", (gap + 3) / 7),
            _ => format!("about {} months", (gap + 15) / 30),
        };
        let text = format!(
            "claims:\n  - id: began\n    value: {}\n  - id: ended\n    value: {}\n  - id: took\n    value: {took}\n  - id: order\n    assert: began <= ended\n  - id: length\n    assert: ended - began = took\n",
            written(start, 0),
            written(end, form),
        );
        let e = errors(&text);
        prop_assert!(e.is_empty(), "{text}\n{e:?}");
    }
}

/// The civil date of a day number since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `x` tenge written with `digits` significant digits: a sign, a code or a word, and a
/// scale word.
fn money(x: f64, form: usize, scale: usize, digits: usize) -> String {
    let (word, factor) = [
        ("", 1.0),
        (" thousand", 1e3),
        (" mln", 1e6),
        ("bn", 1e9),
        (" crore", 1e7),
        (" lakh", 1e5),
    ][scale];
    let n = format!("{}{word}", round_sig(x / factor, digits));
    match form {
        0 => format!("₸{n}"),
        1 => format!("KZT {n}"),
        2 => format!("₸ {n}"),
        _ => format!("{n} tenge"),
    }
}

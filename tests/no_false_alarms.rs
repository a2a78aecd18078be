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
    findings(text, Severity::Error)
}

/// The findings of `severity` or worse.
fn findings(text: &str, severity: Severity) -> Vec<String> {
    let report = claimlint::check_text(
        SourceFile::new("claims.yaml", text),
        rules(),
        None,
        claimlint::Threads::One,
    );
    report
        .findings
        .iter()
        .filter(|f| f.severity >= severity)
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
        cur in 0usize..CURRENCIES.len(),
        sign in 0usize..2,
    ) {
        let total = a + b;
        let share = a / total;
        let word = if share > 0.5 { "a majority" } else { "a minority" };
        let price = total / grams;
        let c = &CURRENCIES[cur];
        let text = format!(
            "claims:\n  - id: a\n    value: {}\n  - id: b\n    value: {}\n  - id: total\n    value: {}\n    unit: {}\n  - id: grams\n    value: {}\n    unit: gram\n  - id: price\n    value: {}{} a gram\n  - id: parts\n    assert: a + b = total\n  - id: part_share\n    assert: share(a, total) = {word}\n  - id: per_gram\n    assert: total / grams = price\n",
            money(c, a, fa, sa, d),
            money(c, b, fb, sb, d),
            written(total, d),
            c.code,
            written(grams, d),
            c.signs[sign % c.signs.len()],
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
        n in 1u32..1000,
    ) {
        let b = a * (1.0 + rel);
        let p2 = (pct + dpts).clamp(0.5, 99.5);
        // Range words as an article uses them, for a count, a percent and a share.
        let size = match n { 1..=9 => "single-digit", 10..=99 => "double-digit", _ => "triple-digit" };
        let pct_size = if pct < 10.0 { "single-digit %" } else { "double-digit %" };
        let part = if pct > 50.0 { "most" } else { "a minority" };
        let text = format!(
            "claims:\n  - id: a\n    value: {}\n  - id: b\n    value: {}\n  - id: near\n    assert: a ~= b\n  - id: near_written\n    assert: a ~= {}\n  - id: p\n    value: {}%\n  - id: q\n    value: {}%\n  - id: even\n    assert: p ~= q\n  - id: even_written\n    assert: p ~= {}%\n  - id: rest_of_p\n    assert: rest(p) ~= {}%\n  - id: n\n    value: {}\n  - id: size\n    assert: n = {size}\n  - id: pct_size\n    assert: p = {pct_size}\n  - id: part\n    assert: p = {part}\n  - id: part_size\n    value: {pct_size}\n  - id: same_size\n    assert: p ~= part_size\n",
            hedged(a, da, ha),
            hedged(b, db, hb),
            hedged(b, db, hb),
            round_sig(pct, 3),
            round_sig(p2, 3),
            round_sig(p2, 2),
            round_sig(100.0 - pct, 3),
            n,
        );
        let e = errors(&text);
        prop_assert!(e.is_empty(), "{text}\n{e:?}");
    }

    /// Dates as values: two true days, written as days or the month, quarter or
    /// half-year they lie in, their true distance written in days, weeks, months or years
    /// (hedged, as a claim or inside the formula), a date written in the formula: never an
    /// error.
    #[test]
    fn true_dates_get_no_error(
        start in 18_000i64..22_000,
        gap in 1i64..1500,
        form in 0usize..4,
        unit in 0usize..4,
    ) {
        let end = start + gap;
        let written = |z: i64, form: usize| {
            let (y, m, d) = civil(z);
            match form {
                0 => format!("{y:04}-{m:02}-{d:02}"),
                1 => format!("{y:04}-{m:02}"),
                2 => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
                _ => format!("{y:04}-H{}", (m - 1) / 6 + 1),
            }
        };
        let took = match unit {
            0 => format!("about {gap} days"),
            1 => format!("about {} weeks", (gap + 3) / 7),
            2 => format!("about {} months", (gap + 15) / 30),
            _ => format!("about {} years", (gap + 182) / 365),
        };
        let text = format!(
            "claims:\n  - id: began\n    value: {}\n  - id: ended\n    value: {}\n  - id: took\n    value: {took}\n  - id: order\n    assert: began <= ended\n  - id: length\n    assert: ended - began = took\n  - id: moved\n    assert: began + {took} = ended\n  - id: moved_back\n    assert: ended - {took} = began\n  - id: exact\n    assert: began + exactly {gap} days = ended\n  - id: at_most\n    assert: began + at most {} weeks >= ended\n  - id: written_in\n    assert: ended - {} = took\n",
            written(start, 0),
            written(end, form),
            (gap + 6) / 7,
            written(start, form),
        );
        let e = errors(&text);
        prop_assert!(e.is_empty(), "{text}\n{e:?}");
    }
}

/// A time in year `y`, in one of the forms of SPEC 2, and the day relative times resolve
/// against (`published`), where the form is relative: every form is the whole year `y`
/// or lies inside it.
fn time_in(y: i32, form: usize, day: u32) -> (String, Option<String>) {
    let (m, d) = (day % 12 + 1, day % 28 + 1);
    match form {
        0 => (format!("{y}"), None),
        1 => (format!("{y}-H{}", day % 2 + 1), None),
        2 => (format!("FY{y}"), None),
        3 => (format!("{y}-{m:02}..{y}-12"), None),
        4 => (format!("{y}-Q{}", day % 4 + 1), None),
        5 => ("last year".into(), Some(format!("{}-{m:02}-{d:02}", y + 1))),
        6 => ("this year".into(), Some(format!("{y}-{m:02}-{d:02}"))),
        7 => ("next year".into(), Some(format!("{}-{m:02}-{d:02}", y - 1))),
        // Mid-month, so that the day before and the weekday before lie in the year.
        8 => ("yesterday".into(), Some(format!("{y}-{m:02}-15"))),
        9 => ("last Thursday".into(), Some(format!("{y}-{m:02}-15"))),
        10 => ("Monday".into(), Some(format!("{y}-{m:02}-20"))),
        _ => (
            "last month".into(),
            Some(format!("{y}-{:02}-{d:02}", m.max(2))),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Statuses that move forward over times written in any form of SPEC 2 (half-years,
    /// fiscal years, periods, relative times with their `published` day), and one figure
    /// restated for the same year written two ways: never an error, nor a warning (a
    /// status that goes back is one).
    #[test]
    fn true_times_get_no_error(
        y in 1990i32..2040,
        forms in prop::array::uniform4(0usize..12),
        days in prop::array::uniform4(0u32..400),
        x in 1.0e3..1.0e9f64,
        da in 2usize..5,
        db in 2usize..5,
        whole in 0usize..4,
    ) {
        let claim = |id: &str, body: &str, (time, published): (String, Option<String>)| {
            let published = published.map_or(String::new(), |p| format!("\n    published: {p}"));
            format!("  - id: {id}\n{body}\n    as_of: {time}{published}\n")
        };
        // The same year, written as a whole: the year, its fiscal year (from January by
        // default), a period of its months, or a relative year.
        let same_year = [
            (format!("{y}"), None),
            (format!("FY{y}"), None),
            (format!("{y}-01..{y}-12"), None),
            ("last year".into(), Some(format!("{}-06-15", y + 1))),
        ];
        let text = format!(
            "claims:\n{}{}{}{}{}",
            claim("planned", "    subject: plant\n    status: plans to open", time_in(y, forms[0], days[0])),
            claim("opened", "    subject: plant\n    status: has opened", time_in(y + 2, forms[1], days[1])),
            claim("closed", "    subject: plant\n    status: has closed", time_in(y + 4, forms[2], days[2])),
            claim("output", &format!("    value: {}\n    measure: output", written(x, da)), same_year[whole].clone()),
            claim("output_again", &format!("    value: {}\n    measure: output", written(x, db)), same_year[(whole + 1 + forms[3] % 3) % 4].clone()),
        );
        let e = findings(&text, Severity::Warning);
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

/// A currency as articles write it: its signs or prefixes, its ISO code, its word.
struct Currency {
    signs: &'static [&'static str],
    code: &'static str,
    word: &'static str,
}

const CURRENCIES: &[Currency] = &[
    Currency {
        signs: &["₸"],
        code: "KZT",
        word: "tenge",
    },
    Currency {
        signs: &["$", "US$"],
        code: "USD",
        word: "dollars",
    },
    Currency {
        signs: &["₹"],
        code: "INR",
        word: "rupees",
    },
    Currency {
        signs: &["¥"],
        code: "JPY",
        word: "yen",
    },
    Currency {
        signs: &["€"],
        code: "EUR",
        word: "euros",
    },
    Currency {
        signs: &["£"],
        code: "GBP",
        word: "pounds sterling",
    },
    Currency {
        signs: &["₽"],
        code: "RUB",
        word: "roubles",
    },
    Currency {
        signs: &["C$", "CA$"],
        code: "CAD",
        word: "CAD",
    },
];

/// `x` of currency `c` written with `digits` significant digits: a sign or prefix (with
/// or without a space), a code or a word, and a scale word.
fn money(c: &Currency, x: f64, form: usize, scale: usize, digits: usize) -> String {
    let (word, factor) = [
        ("", 1.0),
        (" thousand", 1e3),
        (" mln", 1e6),
        ("bn", 1e9),
        (" crore", 1e7),
        (" lakh", 1e5),
    ][scale];
    let n = format!("{}{word}", round_sig(x / factor, digits));
    let sign = c.signs[(form + scale) % c.signs.len()];
    match form {
        0 => format!("{sign}{n}"),
        1 => format!("{} {n}", c.code),
        2 => format!("{sign} {n}"),
        _ => format!("{n} {}", c.word),
    }
}

use super::*;
use crate::number::decimal;
use crate::rules::{RuleSet, load_defaults};
use proptest::prelude::*;

fn rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| match load_defaults().and_then(|b| b.finish()) {
        Ok(r) => r,
        Err(e) => panic!("default rules: {e}"),
    })
}

fn q(text: &str) -> Quantity {
    match parse(text, rules()) {
        Ok(Literal::Value(q)) => q,
        other => panic!("{text}: {other:?}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn between(text: &str, lo: f64, hi: f64) {
    let i = q(text).interval;
    assert!(
        close(i.lo, lo) && close(i.hi, hi),
        "{text}: got [{}, {}], want [{lo}, {hi}]",
        i.lo,
        i.hi
    );
}

#[test]
fn rounding_intervals() {
    between("12.5 mln", 12.45e6, 12.55e6);
    between("20 mln", 19.5e6, 20.5e6);
    between("25%", 0.245, 0.255);
    between("12.50", 12.495, 12.505);
    between("1,234", 1233.5, 1234.5);
    between(".5", 0.45, 0.55);
    between("12.5mln", 12.45e6, 12.55e6);
    between("$2.4bn", 2.35e9, 2.45e9);
    between("25 %", 0.245, 0.255);
    between("3 pp", 0.025, 0.035);
    between("3 percentage points", 0.025, 0.035);
    between("7 per cent", 0.065, 0.075);
}

#[test]
fn hedges() {
    between("about 100", 89.5, 110.5);
    between("~100", 89.5, 110.5);
    between("exactly 20", 20.0, 20.0);
    between("nearly 100", 89.5, 100.5);
    between("just over 100", 99.5, 110.5);
    let i = q("more than 12.5 mln").interval;
    assert!(close(i.lo, 12.45e6) && i.hi == f64::INFINITY);
    let i = q("at most 5").interval;
    assert!(i.lo == f64::NEG_INFINITY && close(i.hi, 5.5));
    let i = q("≥ 5").interval;
    assert!(close(i.lo, 4.5) && i.hi == f64::INFINITY);
}

#[test]
fn ratio_and_number_words() {
    between("half", 0.48, 0.52);
    between("about half", 0.43, 0.57);
    let i = q("more than half").interval;
    assert!(close(i.lo, 0.48) && i.hi == f64::INFINITY);
    between("3 times", 2.88, 3.12);
    between("twice", 1.92, 2.08);
    between("two million", 2e6, 2e6);
    between("no", 0.0, 0.0);
    between("a dozen", 12.0, 12.0);
}

#[test]
fn ranges() {
    between("12 to 15 mln", 11.5e6, 15.5e6);
    between("10-12%", 0.095, 0.125);
    between("between 3 and 4", 2.5, 4.5);
}

#[test]
fn signs_units_and_currencies() {
    between("-5", -5.5, -4.5);
    between("−5", -5.5, -4.5);
    let p = q("$6 per gram");
    assert_eq!(
        p.unit.map(|u| u.dim.to_string()),
        Some("USD per gram".into())
    );
    let c = q("250 cents");
    assert!(close(c.interval.lo, 2.495) && close(c.interval.hi, 2.505));
    assert_eq!(c.unit.map(|u| u.dim.to_string()), Some("USD".into()));
    assert_eq!(
        q("20 mln people").unit.map(|u| u.dim.to_string()),
        Some("people".into())
    );
}

fn unit_of(text: &str) -> Option<String> {
    q(text).unit.map(|u| u.dim.to_string())
}

#[test]
fn currencies_signs_prefixes_codes_and_words() {
    between("US$189", 188.5, 189.5);
    assert_eq!(unit_of("US$189").as_deref(), Some("USD"));
    assert_eq!(unit_of("US$ 2bn").as_deref(), Some("USD"));
    between("₹500 crore", 499.5e7, 500.5e7);
    assert_eq!(unit_of("₹500 crore").as_deref(), Some("INR"));
    between("¥2.4 trillion", 2.35e12, 2.45e12);
    assert_eq!(unit_of("¥2.4 trillion").as_deref(), Some("JPY"));
    between("KZT 500 bn", 499.5e9, 500.5e9);
    assert_eq!(unit_of("KZT 500 bn").as_deref(), Some("KZT"));
    assert_eq!(unit_of("500 bn tenge").as_deref(), Some("KZT"));
    assert_eq!(unit_of("₸500").as_deref(), Some("KZT"));
    assert_eq!(unit_of("C$5").as_deref(), Some("CAD"));
    assert_eq!(unit_of("HK$5 mln").as_deref(), Some("HKD"));
    assert_eq!(unit_of("€5 to €6 mln").as_deref(), Some("EUR"));
    assert_eq!(unit_of("5 sterling").as_deref(), Some("GBP"));
    assert_eq!(unit_of("3 yuan").as_deref(), Some("CNY"));
    assert_eq!(unit_of("3 renminbi").as_deref(), Some("CNY"));
    // `pounds` is left to the rules: money or mass.
    assert_eq!(unit_of("45 billion pounds").as_deref(), Some("pounds"));
    between("3 lakh", 2.5e5, 3.5e5);
    // `$6 a gram` is USD per gram.
    assert_eq!(unit_of("$6 a gram").as_deref(), Some("USD per gram"));
    // Three lowercase letters are no code; a code needs an amount after it.
    assert!(parse("six 5", rules()).is_err());
    assert!(parse("USD", rules()).is_err());
}

#[test]
fn exponent_notation_is_refused_with_the_number_written_out() {
    for (text, help) in [
        ("2e3", "write `2000` or `2 thousand`"),
        ("2.5E6", "write `2500000` or `2.5 million`"),
        ("1.5e-3", "write `0.0015`"),
        ("$3e9", "write `3000000000` or `3 billion`"),
    ] {
        let e = parse(text, rules()).err();
        assert_eq!(e.and_then(|e| e.help).as_deref(), Some(help), "{text}");
    }
    let e = parse("1e400", rules()).err();
    assert!(e.is_some_and(|e| e.message.contains("exponent")));
    // A word that merely starts with `e` is a unit.
    assert_eq!(unit_of("5 euros").as_deref(), Some("EUR"));
}

#[test]
fn range_words_name_their_interval() {
    let m = q("a majority");
    assert!(close(m.interval.lo, 0.5) && close(m.interval.hi, 1.0));
    assert_eq!(m.tag, Tag::Percent);
    between("Most", 0.5, 1.0);
    between("double-digit", 10.0, 100.0);
    let d = q("double-digit %");
    assert!(close(d.interval.lo, 0.1) && close(d.interval.hi, 1.0));
    assert_eq!(d.tag, Tag::Percent);
    between("triple-digit mln", 1e8, 1e9);
    assert_eq!(unit_of("single-digit people").as_deref(), Some("people"));
    let e = parse("about a majority", rules()).err();
    assert_eq!(
        e.and_then(|e| e.help).as_deref(),
        Some("drop the hedge: `a majority`")
    );
    assert!(parse("a majority %", rules()).is_err());
}

#[test]
fn truncation_allowance_for_unhedged_percents() {
    let t = q("95%").truncated;
    assert!(t.is_some_and(|t| close(t.lo, 0.945) && close(t.hi, 0.96)));
    assert_eq!(q("about 95%").truncated, None);
    assert_eq!(q("95").truncated, None);
}

#[test]
fn huge_and_tiny_numbers_widen_outward() {
    let big = format!("1{}", "0".repeat(400 - 1));
    let i = q(&big).interval;
    assert!(!i.lo.is_nan() && i.hi == f64::INFINITY);
    let tiny = format!("0.{}1", "0".repeat(380));
    let i = q(&tiny).interval;
    assert!(i.lo <= 0.0 && i.hi > 0.0);
}

#[test]
fn errors_label_the_part_that_failed() {
    let r = rules();
    let e = parse("12.5 mlm", r).err();
    assert!(
        e.as_ref().is_some_and(|e| e.start == 5 && e.end == 8),
        "{e:?}"
    );
    assert_eq!(e.and_then(|e| e.help), Some("did you mean `mln`?".into()));
    let e = parse("abuot 5", r).err();
    assert_eq!(e.and_then(|e| e.help), Some("did you mean `about`?".into()));
    assert!(parse("", r).is_err());
    assert!(parse("half the people", r).is_err());
    assert!(parse("12,5", r).is_err());
    assert_eq!(parse("unknown", r), Ok(Literal::Unknown));
}

proptest! {
    /// A literal's interval holds every number the phrase allows: any number that
    /// rounds to the written digits.
    #[test]
    fn rounding_interval_holds_every_rounded_value(int in 0u64..1_000_000, frac_digits in 0usize..4, t in 0.0..1.0f64) {
        let r = rules();
        let scale = 10f64.powi(frac_digits as i32);
        let written = int as f64 / scale;
        let text = format!("{written:.frac_digits$}");
        let Ok(Literal::Value(q)) = parse(&text, r) else { return Err(TestCaseError::fail(text)); };
        let half = 0.5 / scale;
        let x = written - half + 2.0 * half * t;
        prop_assert!(q.interval.lo <= x + 1e-9 * x.abs() && x - 1e-9 * x.abs() <= q.interval.hi);
    }

    #[test]
    fn hedged_literals_hold_the_written_value(int in 1u64..100_000, hedge in prop::sample::select(vec!["about", "nearly", "just over", "at least", "at most", "up to", "exactly", "~"])) {
        let r = rules();
        let text = format!("{hedge} {int}");
        let Ok(Literal::Value(q)) = parse(&text, r) else { return Err(TestCaseError::fail(text)); };
        let x = int as f64;
        prop_assert!(q.interval.lo <= x && x <= q.interval.hi, "{}: [{}, {}]", text, q.interval.lo, q.interval.hi);
    }

    /// Digits and an exponent read as the standard library reads their text: the
    /// value is that correctly rounded number, or a point where it is a whole number.
    #[test]
    fn decimal_reads_what_the_text_says(digits in "[0-9]{1,30}", exp in -340i64..340) {
        let v: f64 = format!("{digits}e{exp}").parse().unwrap_or(f64::NAN);
        let i = decimal(digits.as_bytes(), exp);
        prop_assert!(i.lo <= v && v <= i.hi, "{digits}e{exp}: {v} not in [{}, {}]", i.lo, i.hi);
        prop_assert!(i.lo == v || i.lo == v.next_down() || (v.is_infinite() && i.lo == f64::MAX));
    }

    /// Where the digits and the power of ten are exact doubles, the value is the one the
    /// standard parser gives, to the bit.
    #[test]
    fn decimal_fast_path_is_correctly_rounded(digits in "[0-9]{1,15}", exp in -22i64..=22) {
        let v: f64 = format!("{digits}e{exp}").parse().unwrap_or(f64::NAN);
        let i = decimal(digits.as_bytes(), exp);
        let mid = if i.is_point() { i.lo } else { i.lo.next_up() };
        prop_assert_eq!(mid, v, "{}e{}", digits, exp);
    }

    #[test]
    fn any_text_never_panics(s in "\\PC{0,40}") {
        let _ = parse(&s, rules());
    }

    /// A formula read with the words of the rules (durations and dates inside it): any
    /// text is read or refused, never a panic, and every span lies on the text.
    #[test]
    fn any_formula_with_words_never_panics(
        s in "([0-9]{1,4}|[-+*/()=<>~≈ .,%Q]|20[0-9]{2}-[0-9QH]{1,2}(-[0-9]{2})?|days|weeks|about|two|x|mln|\u{a0}|\\PC){0,16}"
    ) {
        let words = FormulaWords(rules());
        match crate::formula::split_assertion(&s, Some(&words)) {
            Ok(split) => {
                prop_assert!(split.rhs_start <= s.len());
                let mut inside = true;
                split.lhs.walk(&mut |e| inside &= e.span.end() <= s.len());
                prop_assert!(inside, "{s:?}");
            }
            Err(e) => prop_assert!(e.span.end() <= s.len(), "{s:?}"),
        }
    }
}

/// A phrase of `words` and the text that writes it with `gaps` between its words (runs
/// of white space), in upper case where `upper` says, then `tail`.
fn phrase_and_text(words: &[&str], gaps: &[&str], upper: &[bool], tail: &str) -> (String, String) {
    let phrase = words.join(" ");
    let mut text = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push_str(gaps.get(i - 1).copied().unwrap_or(" "));
        }
        if upper.get(i).copied().unwrap_or(false) {
            text.push_str(&w.to_uppercase());
        } else {
            text.push_str(w);
        }
    }
    text.push_str(tail);
    (phrase, text)
}

proptest! {
    /// A phrase of several words matches its text written with any white space between
    /// the words and in any case, as the character-by-character reading
    /// (`phrase_from` from the phrase's start) says.
    #[test]
    fn a_phrase_of_words_matches_as_its_characters_do(
        words in prop::collection::vec(prop::sample::select(vec!["per", "cent", "more", "than", "k", "mln", "é", "a"]), 1..4),
        gaps in prop::collection::vec(prop::sample::select(vec![" ", "  ", "\t", "\u{a0}", " \u{a0}\t", ""]), 3),
        upper in prop::collection::vec(any::<bool>(), 4),
        tail in prop::sample::select(vec!["", " 5", "s", "5", ".", "\u{a0}"]),
    ) {
        let (phrase, text) = phrase_and_text(&words, &gaps, &upper, tail);
        let parser = Parser { s: &text, rules: rules() };
        prop_assert_eq!(
            parser.phrase(0, &phrase),
            parser.phrase_from(0, &phrase, 0),
            "{:?} for {:?}", text, phrase
        );
    }

    /// A phrase matches where, and as far as, the character-by-character reading says:
    /// at every position of texts of ASCII and other letters (the Kelvin sign lowercases
    /// to `k`, `İ` to two characters), runs of white space (a no-break space among them)
    /// and digits, for phrases of the same characters.
    #[test]
    fn a_phrase_matches_as_its_characters_do(
        text in "([aAkKmMnNsS1 \t\n.]|\u{a0}|\u{212a}|\u{130}|\u{17f}|ß|é|É|mln|MLN|about){0,12}",
        phrase in "([akmns1 .]|\u{a0}|\u{212a}|\u{17f}|ß|é|i\u{307}|mln|about){0,6}",
    ) {
        let parser = Parser { s: &text, rules: rules() };
        for (pos, _) in text.char_indices().chain([(text.len(), ' ')]) {
            prop_assert_eq!(
                parser.phrase(pos, &phrase),
                parser.phrase_from(pos, &phrase, 0),
                "{:?} at {} for {:?}", text, pos, phrase
            );
        }
    }
}

//! Intervals worded in the document's terms: `61%–64%`, `more than 9.92 mln`.

use crate::interval::Interval;
use crate::number::Kind;

/// How to show a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Style {
    /// As a percent.
    Percent,
    /// In percentage points.
    Points,
    /// With a scale word (`mln`, 1e6), where the value reaches it, in a unit `unit` base
    /// units large (values are held in base units: a claim in tonnes is shown in tonnes).
    Scaled(compact_str::CompactString, f64, f64),
    /// As a plain number, in a unit this many base units large.
    InUnit(f64),
    /// As a plain number.
    Plain,
    /// As days (day numbers of the unit `date`): `2025-06-30`, `2025`.
    Date,
}

impl Style {
    /// The style for a value of this kind, with the document's scale if any.
    pub fn for_kind(kind: Kind, scale: Option<(compact_str::CompactString, f64)>) -> Style {
        match kind {
            Kind::Percent | Kind::Ratio => Style::Percent,
            Kind::Points => Style::Points,
            Kind::Plain => scale.map_or(Style::Plain, |(w, f)| Style::Scaled(w, f, 1.0)),
        }
    }

    /// The same style for a value shown in a unit `factor` base units large (`tonnes`
    /// where values are held in grams): a number is divided by it before it is worded, so
    /// that `5 mln` tonnes reads `5 mln`. Percents, points and dates are left alone.
    pub fn in_unit(self, factor: f64) -> Style {
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        match self {
            Style::Scaled(w, f, _) => Style::Scaled(w, f, factor),
            Style::Plain | Style::InUnit(_) if factor == 1.0 => Style::Plain,
            Style::Plain | Style::InUnit(_) => Style::InUnit(factor),
            other => other,
        }
    }

    /// `x` (in base units) in this style's unit and scale, and the scale word to follow
    /// it, if any.
    fn shown(&self, x: f64) -> (f64, Option<&str>) {
        match self {
            Style::Percent | Style::Points => (x * 100.0, None),
            Style::Scaled(w, f, u) if (x / u).abs() >= *f => (x / u / f, Some(w.as_str())),
            Style::Scaled(_, _, u) | Style::InUnit(u) => (x / u, None),
            Style::Plain | Style::Date => (x, None),
        }
    }
}

/// One number in a style, with `digits` significant digits.
fn number(x: f64, style: &Style, digits: usize) -> String {
    // Room for most numbers and their word, so that it is not grown a byte at a time.
    let mut out = String::with_capacity(24);
    write_number(&mut out, x, style, digits);
    out
}

/// Appends one number in a style, with `digits` significant digits.
fn write_number(out: &mut String, x: f64, style: &Style, digits: usize) {
    let (v, word) = style.shown(x);
    write_significant(out, v, digits);
    match style {
        Style::Percent => out.push('%'),
        Style::Points => out.push_str(" pp"),
        _ => {
            if let Some(w) = word {
                out.push(' ');
                out.push_str(w);
            }
        }
    }
}

/// A count of things (bytes, quotes) as a reader reads it, its thousands grouped: `70,021`.
pub fn count(n: usize) -> String {
    significant(n as f64, 15)
}

/// `x` with `digits` significant digits, without trailing zeros after the point.
pub fn significant(x: f64, digits: usize) -> String {
    let mut out = String::new();
    write_significant(&mut out, x, digits);
    out
}

/// Appends `x` with `digits` significant digits, without trailing zeros after the point.
fn write_significant(out: &mut String, x: f64, digits: usize) {
    use std::fmt::Write;
    if x == 0.0 {
        out.push('0');
        return;
    }
    if !x.is_finite() {
        let _ = write!(out, "{x}");
        return;
    }
    // Outward rounding leaves an end an ulp or two off the number it stands for
    // (5,999.5 as 5,999.4999999999991): snap it to 14 significant digits first, so that
    // it is written as that number rounds (`6,000`), not as the ulp tips it (`5,999`).
    let x = snap(x);
    let mag = i64::from(crate::exact::decimal_exponent(x));
    let decimals = (digits as i64 - 1 - mag).max(0) as usize;
    if mag >= 15 {
        let _ = write!(out, "{x:.3e}");
        return;
    }
    if write_shown(out, x, decimals) {
        return;
    }
    let at = out.len();
    let _ = write!(out, "{x:.decimals$}");
    tidy(out, at);
}

/// Leaves the number written from byte `at` of `out` as a reader reads it: without
/// trailing zeros after the point, `0` for `-0`, its thousands grouped.
fn tidy(out: &mut String, at: usize) {
    if out[at..].contains('.') {
        let kept = out[at..].trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(at + kept);
    }
    if &out[at..] == "-0" {
        out.truncate(at);
        out.push('0');
    }
    group_thousands(out, at);
}

/// Appends `x` with `decimals` decimals by integer arithmetic, as the formatter's exact
/// rounding writes it (`{x:.decimals$}`: the exact binary value, ties to even) and
/// [`tidy`] leaves it, and says whether it did: it does unless `x` scaled to an integer
/// is 1e12 or more. The formatter's exact mode is slow for the numbers messages write,
/// many of them ends of rounding intervals (`25.65`), which are ties at the digits they
/// are written with.
fn write_shown(out: &mut String, x: f64, decimals: usize) -> bool {
    let (Some(n), Some(&p)) = (rounded_scaled(x.abs(), decimals), POW10.get(decimals)) else {
        return false;
    };
    let (mut int, mut frac, mut d) = (n / p, n % p, decimals);
    while d > 0 && frac % 10 == 0 {
        frac /= 10;
        d -= 1;
    }
    // Written from the right: the decimals kept, the point, the integer's digits grouped
    // by three, the sign. Below 1e12 with at most 15 decimals, it fits.
    let mut buf = [0u8; 48];
    let mut at = buf.len();
    let mut put = |b: u8| {
        at -= 1;
        buf[at] = b;
    };
    for _ in 0..d {
        put(b'0' + (frac % 10) as u8);
        frac /= 10;
    }
    if d > 0 {
        put(b'.');
    }
    let mut k = 0;
    loop {
        if k > 0 && k % 3 == 0 {
            put(b',');
        }
        put(b'0' + (int % 10) as u8);
        int /= 10;
        k += 1;
        if int == 0 {
            break;
        }
    }
    if x < 0.0 && n != 0 {
        put(b'-');
    }
    // ASCII: the text is the bytes.
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
    true
}

/// The powers of ten that numbers are written with, exact as integers and as `f64`.
const POW10: [u64; 16] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
    10_000_000_000,
    100_000_000_000,
    1_000_000_000_000,
    10_000_000_000_000,
    100_000_000_000_000,
    1_000_000_000_000_000,
];

/// `x` (not negative) times 10^`decimals`, rounded as the exact value rounds (ties to
/// even), where that is below 1e12. Away from a tie, the product in floating point is off
/// the exact one by far less than its distance to the tie; near one, the exact value is
/// compared with the tie in integers (`x` is `m`·2^`e` exactly).
fn rounded_scaled(x: f64, decimals: usize) -> Option<u64> {
    let p = *POW10.get(decimals)?;
    let scaled = x * p as f64;
    if scaled.is_nan() || scaled >= 1e12 {
        return None;
    }
    let floor = scaled.floor();
    if (scaled - floor - 0.5).abs() >= 1e-3 {
        // Below 1e12, so the cast is exact.
        return Some(scaled.round() as u64);
    }
    let k = floor as u64;
    // x = m·2^e: compare m·10^d·2^(e+1), twice the exact product, with 2k + 1 (m·10^d
    // is below 2^53·10^15 < 2^103).
    let (m, e) = crate::exact::parts(x);
    let twice =
        crate::exact::cmp_shifted(u128::from(m) * u128::from(p), e + 1, u128::from(2 * k + 1));
    Some(match twice {
        std::cmp::Ordering::Greater => k + 1,
        std::cmp::Ordering::Less => k,
        std::cmp::Ordering::Equal => k + (k & 1),
    })
}

/// `x` rounded to 14 significant digits (arithmetic, not text: messages format many
/// numbers while they search for the digits that show a gap).
fn snap(x: f64) -> f64 {
    let mag = crate::exact::decimal_exponent(x);
    let p = 13 - mag;
    if !(-290..=290).contains(&p) {
        return x;
    }
    // The powers of ten up to 1e22 are doubles: the table's is `powi`'s, without its loop.
    let scale = match crate::exact::EXACT_POWERS.get(p.unsigned_abs() as usize) {
        Some(&q) if p >= 0 => q,
        Some(&q) => 1.0 / q,
        None => 10f64.powi(p),
    };
    let s = (x * scale).round() / scale;
    if s.is_finite() { s } else { x }
}

/// Separates the thousands of the number written from byte `at` of `out`, as a reader
/// writes them: `16200` becomes `16,200` (SPEC section 7).
fn group_thousands(out: &mut String, at: usize) {
    let start = at + usize::from(out[at..].starts_with('-'));
    let end = out[start..].find('.').map_or(out.len(), |i| start + i);
    let digits = end - start;
    if digits <= 3 || !out[start..end].bytes().all(|b| b.is_ascii_digit()) {
        return;
    }
    // At most 16 digits here (larger numbers are written with an exponent).
    let mut grouped = [0u8; 64];
    let mut n = 0;
    for (i, &d) in out.as_bytes()[start..end].iter().enumerate() {
        if i > 0 && (digits - i).is_multiple_of(3) {
            let Some(slot) = grouped.get_mut(n) else {
                return;
            };
            *slot = b',';
            n += 1;
        }
        let Some(slot) = grouped.get_mut(n) else {
            return;
        };
        *slot = d;
        n += 1;
    }
    if let Ok(g) = std::str::from_utf8(&grouped[..n]) {
        out.replace_range(start..end, g);
    }
}

/// Appends `word` lowercased, as `str::to_lowercase` would (without a copy for ASCII).
pub fn push_lowercase(out: &mut String, word: &str) {
    if word.is_ascii() {
        let at = out.len();
        out.push_str(word);
        out[at..].make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// Folds a word or a unit name as the rules write it: lowercase, white space folded.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        push_lowercase(&mut out, w);
    }
    out
}

/// Whether `s` is an identifier: `[A-Za-z_][A-Za-z0-9_]*` (a claim id, a function or
/// parameter name of the rules).
pub fn is_identifier(s: &str) -> bool {
    let mut b = s.bytes();
    b.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// Text from a file, cut to `max` characters with an ellipsis, for messages.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Day numbers in words: the days they cover, in the shortest form (`2025`, `2025-Q4`,
/// `2025-06-30`), or `after`/`before` a day.
fn days(i: &Interval) -> String {
    let day = |x: f64| crate::time::Time {
        first: x as i64,
        last: x as i64,
    };
    match (i.lo.is_finite(), i.hi.is_finite()) {
        (false, false) => "any day".into(),
        (true, false) => format!("on or after {}", day(i.lo.ceil())),
        (false, true) => format!("on or before {}", day(i.hi.floor())),
        (true, true) => crate::time::Time {
            first: i.lo.ceil() as i64,
            last: (i.hi.floor() as i64).max(i.lo.ceil() as i64),
        }
        .to_string(),
    }
}

/// An interval in words: `61%–64%`, `more than 9.92 mln`, `less than 5`, `12`; a percent
/// from two significant digits (a side of a mismatch, SPEC 4.2), any other number from
/// three, more where the two ends would read alike.
pub fn range(i: &Interval, style: &Style) -> String {
    let base = if matches!(style, Style::Percent | Style::Points) {
        2
    } else {
        3
    };
    range_from(i, style, base)
}

/// A value claimlint worked out (a derived value, what the others of a conflict force),
/// in words with three significant digits, percents included: `1.69%–1.81%` (SPEC 3),
/// `more than 9.92 mln` (SPEC 4.3).
pub fn derived(i: &Interval, style: &Style) -> String {
    range_from(i, style, 3)
}

/// An interval in words, from `base` significant digits.
fn range_from(i: &Interval, style: &Style, base: usize) -> String {
    if i.is_empty() {
        return "no value".into();
    }
    if *style == Style::Date {
        return days(i);
    }
    match (i.lo.is_finite(), i.hi.is_finite()) {
        (false, false) => "any value".into(),
        (true, false) => format!("more than {}", bound(i.lo, style, base, false)),
        (false, true) => format!("less than {}", bound(i.hi, style, base, true)),
        (true, true) => {
            let (lo, hi) = shown_ends(i);
            let (mut a, mut b) = (String::new(), String::new());
            for d in base..=8 {
                a.clear();
                b.clear();
                write_number(&mut a, lo, style, d);
                write_number(&mut b, hi, style, d);
                if a != b {
                    a.push('–');
                    a.push_str(&b);
                    return a;
                }
            }
            a
        }
    }
}

/// A bounded interval's two ends as words give them: an end that is zero at the other's
/// eighth significant digit (the most a number is written with) is zero, the trace of
/// the arithmetic's rounding, not a figure (`0–1.43 million`, not `-0.00000000931–1.43
/// million`); `0.5–1,000,000` keeps its figure.
fn shown_ends(i: &Interval) -> (f64, f64) {
    let near_zero = |x: f64, other: f64| {
        let digit = 10f64.powi(crate::exact::decimal_exponent(other) - 7);
        other != 0.0 && 2.0 * x.abs() < digit
    };
    let lo = if near_zero(i.lo, i.hi) { 0.0 } else { i.lo };
    let hi = if near_zero(i.hi, i.lo) { 0.0 } else { i.hi };
    (lo, hi)
}

/// An open end in words, with the digits that keep it on the safe side: an upper bound
/// never written below its value (`less than 120.5`, not `less than 120`), a lower bound
/// never above it.
fn bound(x: f64, style: &Style, base: usize, upper: bool) -> String {
    let mut t = String::new();
    for d in base..=8 {
        t.clear();
        write_number(&mut t, x, style, d);
        let Some(shown) = leading_number(&t) else {
            break;
        };
        let v = snap(style.shown(x).0);
        let tol = 1e-12 * v.abs().max(1e-300);
        if (upper && shown >= v - tol) || (!upper && shown <= v + tol) {
            break;
        }
    }
    t
}

/// The number a written value starts with (`12,500.5` of `12,500.5 mln`), read back.
fn leading_number(t: &str) -> Option<f64> {
    let mut buf = [0u8; 48];
    let mut n = 0;
    for &b in t.as_bytes() {
        match b {
            b',' => {}
            b'0'..=b'9' | b'.' | b'-' => {
                *buf.get_mut(n)? = b;
                n += 1;
            }
            _ => break,
        }
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

/// A stated interval in words, with as many digits as its ends need to be shown exactly
/// (`more than 12.45 mln`, not `more than 12.4 mln`).
pub fn stated(i: &Interval, style: &Style) -> String {
    if *style == Style::Date {
        return days(i);
    }
    let d = [i.lo, i.hi]
        .iter()
        .filter(|x| x.is_finite())
        .filter_map(|&x| exact_digits(x, style, 8))
        .max();
    match d {
        Some(d) if i.is_bounded() => {
            let (a, b) = (number(i.lo, style, d), number(i.hi, style, d));
            if a == b { a } else { format!("{a}–{b}") }
        }
        Some(d) if i.lo.is_finite() => format!("more than {}", number(i.lo, style, d)),
        Some(d) if i.hi.is_finite() => format!("less than {}", number(i.hi, style, d)),
        _ => range(i, style),
    }
}

/// The significant digits (at least 2, at most `max`) that write `x` exactly in a style,
/// if so few do.
fn exact_digits(x: f64, style: &Style, max: usize) -> Option<usize> {
    let v = style.shown(x).0;
    if let Some(d) = exact_digits_by_arithmetic(v, max) {
        return d;
    }
    let mut t = String::new();
    (2..=max).find(|&d| {
        t.clear();
        write_number(&mut t, x, style, d);
        let shown = leading_number(&t).unwrap_or(f64::NAN);
        let v = style.shown(x).0;
        (shown - v).abs() <= 1e-9 * v.abs().max(1e-12)
    })
}

/// What [`exact_digits`] finds for the shown value `v`, by integer arithmetic instead
/// of writing `v` and reading it back: a number is written with `d - 1 - mag` decimals
/// (none below zero) of its value snapped to 14 digits, and read back as that integer
/// over a power of ten, which is what parsing the text gives. `None` where `v` is
/// written another way (an exponent) or too large for the arithmetic.
fn exact_digits_by_arithmetic(v: f64, max: usize) -> Option<Option<usize>> {
    if !v.is_finite() {
        return None;
    }
    let target = v.abs();
    if target == 0.0 {
        return Some((2..=max).next());
    }
    let s = snap(v).abs();
    let mag = i64::from(crate::exact::decimal_exponent(s));
    if mag >= 15 {
        return None;
    }
    for d in 2..=max {
        let decimals = (d as i64 - 1 - mag).max(0) as usize;
        let n = rounded_scaled(s, decimals)?;
        let shown = n as f64 / *POW10.get(decimals)? as f64;
        if (shown - target).abs() <= 1e-9 * target.max(1e-12) {
            return Some(Some(d));
        }
    }
    Some(None)
}

/// Two intervals worded so that their disjointness shows: more digits where the
/// rounded texts would seem to meet, and the digits that write a stated end exactly
/// where four or fewer do (`99.5–100.5`, not `99–101`).
pub fn pair(a: &Interval, sa: &Style, b: &Interval, sb: &Style) -> (String, String) {
    let ranges = || (range(a, sa), range(b, sb));
    if sa != sb || !a.is_bounded() || !b.is_bounded() || *sa == Style::Date {
        return ranges();
    }
    let (mut ends_a, mut ends_b) = (shown_ends(a), shown_ends(b));
    // The nearest ends are what the two sides differ by: written as they are, however
    // close to zero (`-5–-0.000000001` against `0.00000001–100`, not `-5–0` and `0–100`).
    let a_below = a.hi < b.lo;
    let (near_a, near_b) = if a_below { (a.hi, b.lo) } else { (a.lo, b.hi) };
    if a_below {
        (ends_a.1, ends_b.0) = (near_a, near_b);
    } else {
        (ends_a.0, ends_b.1) = (near_a, near_b);
    }
    // A side whose two ends are written exactly in four digits or fewer keeps them.
    let least = |(lo, hi): (f64, f64)| match (exact_digits(lo, sa, 4), exact_digits(hi, sa, 4)) {
        (Some(l), Some(h)) => l.max(h),
        _ => 2,
    };
    let (least_a, least_b) = (least(ends_a), least(ends_b));
    for d in 2..=8 {
        let x = |(lo, hi): (f64, f64), least: usize| {
            let d = d.max(least);
            let (l, h) = (number(lo, sa, d), number(hi, sa, d));
            if lo == hi || (hi - lo) <= 1e-12 * lo.abs() {
                number(lo, sa, d.max(4))
            } else if l == h {
                l
            } else {
                format!("{l}–{h}")
            }
        };
        // The nearest ends must read differently.
        if number(near_a, sa, d) != number(near_b, sa, d) {
            return (x(ends_a, least_a), x(ends_b, least_b));
        }
    }
    ranges()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        let share = Interval::new(12.45 / 20.5, 12.55 / 19.5);
        assert_eq!(range(&share, &Style::Percent), "61%–64%");
        assert_eq!(derived(&share, &Style::Percent), "60.7%–64.4%");
        // SPEC 3: a derived rate, in percent with three digits.
        let rate = Interval::new(0.01689, 0.01811);
        assert_eq!(derived(&rate, &Style::Percent), "1.69%–1.81%");
        // A value in tonnes, held in grams, with the document's scale word.
        let tonnes = Style::Scaled("mln".into(), 1e6, 1e6);
        assert_eq!(
            range(&Interval::new(4.5e12, 5.5e12), &tonnes),
            "4.5 mln–5.5 mln"
        );
        assert_eq!(range(&Interval::new(4.5e9, 5.5e9), &tonnes), "4,500–5,500");
        assert_eq!(
            range(&Interval::new(4.5e6, 5.5e6), &Style::Plain.in_unit(1000.0)),
            "4,500–5,500"
        );
        assert_eq!(
            range(
                &Interval::new(9.92e6, f64::INFINITY),
                &Style::Scaled("mln".into(), 1e6, 1.0)
            ),
            "more than 9.92 mln"
        );
        assert_eq!(range(&Interval::point(12.0), &Style::Plain), "12");
        assert_eq!(significant(0.5, 2), "0.5");
        assert_eq!(significant(1234.0, 3), "1,234");
    }

    #[test]
    fn the_table_of_powers_of_ten_is_what_powi_gives() {
        for p in -22i32..=22 {
            let q = crate::exact::EXACT_POWERS[p.unsigned_abs() as usize];
            let q = if p >= 0 { q } else { 1.0 / q };
            assert_eq!(q.to_bits(), 10f64.powi(p).to_bits(), "1e{p}");
        }
    }

    #[test]
    fn thousands_are_separated() {
        for (x, digits, text) in [
            (16200.0, 5, "16,200"),
            (-18000.0, 5, "-18,000"),
            (1234567.891, 10, "1,234,567.891"),
            (999.0, 3, "999"),
            (0.0169, 3, "0.0169"),
            (100000.0, 6, "100,000"),
        ] {
            assert_eq!(significant(x, digits), text);
        }
        assert_eq!(
            range(&Interval::new(16200.0, 19800.0), &Style::Plain),
            "16,200–19,800"
        );
    }

    #[test]
    fn an_end_at_zero_but_for_rounding_reads_as_zero() {
        // What a total leaves of a part: zero, less the arithmetic's rounding.
        let m = Style::Scaled("million".into(), 1e6, 1.0);
        assert_eq!(
            derived(&Interval::new(-0.00931, 1.43e6), &m),
            "0–1.43 million"
        );
        assert_eq!(
            range(&Interval::new(-1.43e6, 0.00931), &m),
            "-1.43 million–0"
        );
        // A small end that is a figure stays one.
        assert_eq!(derived(&Interval::new(2.0, 1.43e6), &m), "2–1.43 million");
        // So in the two sides of a mismatch.
        let (x, y) = pair(
            &Interval::new(-0.00931, 1.43e6),
            &m,
            &Interval::new(2.1e6, 2.2e6),
            &m,
        );
        assert_eq!(
            (x.as_str(), y.as_str()),
            ("0–1.43 million", "2.1 million–2.2 million")
        );
        // But not the ends the two sides differ by, nor a figure.
        let pairs = [
            ((0.00931, 1.43e6), (0.0, 0.0), "0.00931–1.43 million", "0"),
            (
                (-5.0, -1e-9),
                (1e-8, 100.0),
                "-5–-0.000000001",
                "0.00000001–100",
            ),
            ((0.5, 1e6), (0.0, 0.4), "0.5–1,000,000", "0–0.4"),
        ];
        for ((a0, a1), (b0, b1), want_a, want_b) in pairs {
            let (a, b) = (Interval::new(a0, a1), Interval::new(b0, b1));
            let style = if a1 > 1e6 { &m } else { &Style::Plain };
            let (x, y) = pair(&a, style, &b, style);
            assert_eq!((x.as_str(), y.as_str()), (want_a, want_b));
        }
        assert_eq!(
            range(&Interval::new(0.5, 1e6), &Style::Plain),
            "0.5–1,000,000"
        );
    }

    #[test]
    fn an_end_an_ulp_off_reads_as_its_number() {
        // Outward rounding leaves `6,000` (5,999.5–6,000.5) an ulp wider on each side.
        let a = Interval::new(5999.499999999999, 6000.500000000001);
        let b = Interval::new(4999.499999999999, 5000.500000000001);
        let (x, y) = pair(&a, &Style::Plain, &b, &Style::Plain);
        assert_eq!((x.as_str(), y.as_str()), ("6,000", "5,000"));
    }

    /// The next number of a xorshift sequence: many numbers of every size, the same on
    /// every run.
    fn xorshift(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// Integer arithmetic writes what the formatter's exact rounding writes, tidied,
    /// wherever it writes at all.
    #[test]
    fn fixed_decimals_by_arithmetic_match_the_formatter() {
        let (mut written, mut ties) = (0, 0);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for i in 0..200_000u32 {
            let seed = xorshift(&mut seed);
            let mantissa = (seed % 10_000_000) as f64;
            let x = match i % 4 {
                0 => snap(mantissa / 10f64.powi((seed >> 40) as i32 % 12)),
                1 => -snap(mantissa / 10f64.powi((seed >> 40) as i32 % 12)),
                2 => snap((mantissa + 0.5) / 10f64.powi((seed >> 40) as i32 % 6)),
                _ => f64::from_bits(0x3ff0_0000_0000_0000 + (seed >> 20)) * 1e3,
            };
            let decimals = (seed >> 50) as usize % 9;
            let mut fast = String::new();
            if write_shown(&mut fast, x, decimals) {
                written += 1;
                let scaled = x.abs() * 10f64.powi(decimals as i32);
                ties += usize::from((scaled - scaled.floor() - 0.5).abs() < 1e-3);
                let mut exact = format!("{x:.decimals$}");
                tidy(&mut exact, 0);
                assert_eq!(fast, exact, "{x} with {decimals} decimals");
            }
        }
        assert!(written > 150_000, "only {written} written by arithmetic");
        assert!(ties > 5_000, "only {ties} ties");
    }

    /// The digits found by arithmetic are those found by writing the number and reading
    /// it back, wherever the arithmetic answers.
    #[test]
    fn exact_digits_by_arithmetic_match_writing_and_reading_back() {
        let by_text = |v: f64, max: usize| {
            let mut t = String::new();
            (2..=max).find(|&d| {
                t.clear();
                write_significant(&mut t, v, d);
                let shown = leading_number(&t).unwrap_or(f64::NAN);
                (shown - v).abs() <= 1e-9 * v.abs().max(1e-12)
            })
        };
        let mut answered = 0;
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..100_000u32 {
            let seed = xorshift(&mut seed);
            let mantissa = (seed % 100_000_000) as f64;
            let scale = 10f64.powi((seed >> 40) as i32 % 14 - 6);
            let v = match i % 3 {
                0 => mantissa * scale,
                1 => -(mantissa + 0.5) * scale,
                _ => f64::from_bits(0x3ff0_0000_0000_0000 + (seed >> 20)) * scale,
            };
            let max = 2 + (seed >> 56) as usize % 7;
            if let Some(fast) = exact_digits_by_arithmetic(v, max) {
                answered += 1;
                assert_eq!(fast, by_text(v, max), "{v} up to {max} digits");
            }
        }
        assert!(answered > 80_000, "only {answered} answered");
    }

    #[test]
    fn pairs_show_their_gap() {
        let a = Interval::new(0.52001, 0.53);
        let b = Interval::new(0.48, 0.52);
        let (x, y) = pair(&a, &Style::Percent, &b, &Style::Percent);
        assert_ne!(x.split('–').next(), y.split('–').nth(1));
    }
}

//! Numbers and their tags, at the bottom of the house: the digits of a written number
//! read into a tight interval, and whether a value is a percent, points, or a ratio.
//! Literals, formulas, the compiled expressions and the wording of messages all use
//! these; this module uses nothing of claimlint but [`Interval`].

use crate::interval::Interval;

/// Whether a value is a percent, a difference of percents, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    /// A plain number.
    Plain,
    /// A percent (`25%` is 0.25).
    Percent,
    /// Percentage points.
    Points,
}

/// What a value is, for the percent/points check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plain number.
    Plain,
    /// A percent.
    Percent,
    /// Percentage points: a difference of percents.
    Points,
    /// A ratio of two values: a share, a growth.
    Ratio,
}

impl From<Tag> for Kind {
    fn from(t: Tag) -> Self {
        match t {
            Tag::Plain => Kind::Plain,
            Tag::Percent => Kind::Percent,
            Tag::Points => Kind::Points,
        }
    }
}

/// The domain of a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    /// Any real.
    Signed,
    /// `>= 0`.
    Nonnegative,
    /// A nonnegative whole number.
    Count,
    /// Between 0 and 1.
    Share,
}

impl Domain {
    /// The names, as written in YAML.
    pub const NAMES: &'static [&'static str] = &["signed", "nonnegative", "count", "share"];

    /// The domain named `s`.
    pub fn parse(s: &str) -> Option<Domain> {
        match s {
            "signed" => Some(Domain::Signed),
            "nonnegative" => Some(Domain::Nonnegative),
            "count" => Some(Domain::Count),
            "share" => Some(Domain::Share),
            _ => None,
        }
    }

    /// Its name.
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Signed => "signed",
            Domain::Nonnegative => "nonnegative",
            Domain::Count => "count",
            Domain::Share => "share",
        }
    }

    /// Every value the domain allows.
    pub fn interval(self) -> Interval {
        match self {
            Domain::Signed => Interval::ALL,
            Domain::Nonnegative | Domain::Count => Interval::new(0.0, f64::INFINITY),
            Domain::Share => Interval::new(0.0, 1.0),
        }
    }

    /// The values of `i` the domain allows: within its interval, and whole for a count.
    pub fn clamp(self, i: Interval) -> Interval {
        let i = i.intersect(&self.interval());
        if self == Domain::Count {
            i.whole_numbers()
        } else {
            i
        }
    }

    /// What the domain allows, in words, for a help line (nothing for `signed`).
    pub fn help(self) -> &'static str {
        match self {
            Domain::Count => {
                "a count is a whole number of 0 or more: correct the figure, or give the claim `domain: nonnegative` if it is not counted in whole units"
            }
            Domain::Share => {
                "a share lies between 0% and 100%: correct the figure, or give the claim `domain: signed` if it is not a share"
            }
            Domain::Nonnegative => {
                "a nonnegative value is 0 or more: correct the figure, or give the claim `domain: signed` if it may be negative"
            }
            Domain::Signed => "",
        }
    }
}

/// The most digits a written number may have, in a literal or a formula.
pub const MAX_DIGITS: usize = 400;

/// The decimal digits of a written number: on the stack up to [`DigitBuf::INLINE`]
/// digits (every number a claim writes), on the heap beyond, up to [`MAX_DIGITS`]
/// digits and a few more (the `5` of a rounding bound). `count` goes on counting past
/// what it holds, for the message that says the number is too long. Small, so that a
/// number read is cheap to make and to move (a buffer of `MAX_DIGITS` on the stack was
/// a tenth of reading a literal, in zeroing and copying it).
#[derive(Clone, Default)]
pub struct DigitBuf {
    b: [u8; DigitBuf::INLINE],
    n: usize,
    /// All the digits, once there are more than fit inline.
    spill: Vec<u8>,
    /// Digits pushed, held or not.
    pub count: usize,
}

impl DigitBuf {
    /// The digits held without an allocation.
    pub const INLINE: usize = 32;
    /// The most digits held.
    const MAX: usize = MAX_DIGITS + 8;

    /// A buffer holding `digits` (as many as fit).
    pub fn of(digits: &[u8]) -> Self {
        let mut d = DigitBuf::default();
        d.extend(digits);
        d
    }

    /// Appends a digit.
    pub fn push(&mut self, d: u8) {
        if self.spill.is_empty() {
            if let Some(slot) = self.b.get_mut(self.n) {
                *slot = d;
                self.n += 1;
            } else {
                self.spill.reserve(Self::MAX);
                self.spill.extend_from_slice(&self.b);
                self.spill.push(d);
            }
        } else if self.spill.len() < Self::MAX {
            self.spill.push(d);
        }
        self.count += 1;
    }

    /// Appends digits.
    pub fn extend(&mut self, ds: &[u8]) {
        for &d in ds {
            self.push(d);
        }
    }

    /// The digits held.
    pub fn as_bytes(&self) -> &[u8] {
        if self.spill.is_empty() {
            &self.b[..self.n]
        } else {
            &self.spill
        }
    }

    /// Subtracts one from a number of at least 1 (`100` -> `099`).
    pub fn decrement(&mut self) {
        let digits = if self.spill.is_empty() {
            &mut self.b[..self.n]
        } else {
            &mut self.spill[..]
        };
        for b in digits.iter_mut().rev() {
            if *b == b'0' {
                *b = b'9';
            } else {
                *b -= 1;
                break;
            }
        }
    }
}

/// `digits * 10^exp` as a tight interval: a point where the value is a whole number
/// below 2^53 (exact), else one ulp either side of the correctly rounded value. `digits`
/// are ASCII digits; the text `digits e exp` is put together on the stack and read by the
/// standard library's correctly rounded parser.
pub fn decimal(digits: &[u8], exp: i64) -> Interval {
    let v = match exact_product(digits, exp) {
        Some(v) => v,
        None => {
            let mut buf = [0u8; MAX_DIGITS + 40];
            match scientific(&mut buf, digits, exp) {
                Some(text) => text.parse::<f64>().unwrap_or(f64::NAN),
                // Longer than any number claimlint reads: put together on the heap.
                None => format!("{}e{exp}", String::from_utf8_lossy(digits))
                    .parse()
                    .unwrap_or(f64::NAN),
            }
        }
    };
    if v.is_nan() {
        return Interval::ALL;
    }
    if exp >= 0 && v < 9_007_199_254_740_992.0 {
        return Interval::point(v);
    }
    if v.is_infinite() {
        return Interval::new(f64::MAX, f64::INFINITY);
    }
    Interval::new(v.next_down(), v.next_up())
}

/// `digits * 10^exp` where both are exact doubles (at most 15 digits, `|exp| <= 22`):
/// then one multiplication or division, rounded to nearest as IEEE 754 rounds every
/// operation, is the correctly rounded value (Clinger's fast path), as the standard
/// parser would give.
fn exact_product(digits: &[u8], exp: i64) -> Option<f64> {
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let mut m: u64 = 0;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        m = m * 10 + u64::from(d - b'0');
    }
    let p = *crate::exact::EXACT_POWERS.get(usize::try_from(exp.unsigned_abs()).ok()?)?;
    let m = m as f64;
    Some(if exp >= 0 { m * p } else { m / p })
}

/// `digits e exp` written into `buf`, if it fits (and `digits` are ASCII digits).
fn scientific<'b>(buf: &'b mut [u8], digits: &[u8], exp: i64) -> Option<&'b str> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n = digits.len();
    buf.get_mut(..n)?.copy_from_slice(digits);
    *buf.get_mut(n)? = b'e';
    n += 1;
    if exp < 0 {
        *buf.get_mut(n)? = b'-';
        n += 1;
    }
    let mut e = exp.unsigned_abs();
    let start = n;
    loop {
        *buf.get_mut(n)? = b'0' + (e % 10) as u8;
        n += 1;
        e /= 10;
        if e == 0 {
            break;
        }
    }
    buf.get_mut(start..n)?.reverse();
    std::str::from_utf8(buf.get(..n)?).ok()
}

/// The end of an exponent (`e3`, `E-5`, `e+12`) that starts at `i`, right after the digits.
pub fn exponent_end(b: &[u8], i: usize) -> Option<usize> {
    if !matches!(b.get(i), Some(b'e' | b'E')) {
        return None;
    }
    let mut j = i + 1;
    if matches!(b.get(j), Some(b'+' | b'-')) {
        j += 1;
    }
    let start = j;
    while b.get(j).is_some_and(u8::is_ascii_digit) {
        j += 1;
    }
    // `5e3x` is no exponent either: a letter after the digits makes it a word.
    (j > start && !b.get(j).is_some_and(u8::is_ascii_alphabetic)).then_some(j)
}

/// The help for a number in exponent notation: the same number in digits, or with a
/// scale word (`2e3`: `2000` or `2 thousand`).
pub fn exponent_help(mantissa: &str, exponent: &str) -> String {
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = int
        .chars()
        .chain(frac.chars())
        .filter(char::is_ascii_digit)
        .collect();
    let exp = exponent
        .trim_start_matches('+')
        .parse::<i64>()
        .unwrap_or(i64::MAX)
        .saturating_sub(frac.len() as i64);
    let plain = shifted(&digits, exp);
    let mut forms: Vec<String> = Vec::new();
    if let Some(p) = &plain
        && p.len() <= 16
    {
        forms.push(format!("`{p}`"));
    }
    // The largest scale word that leaves a whole part: `2.5 million`.
    let digits_before_point = digits.trim_start_matches('0').len() as i64 + exp;
    for (k, word) in [
        (12, "trillion"),
        (9, "billion"),
        (6, "million"),
        (3, "thousand"),
    ] {
        if digits_before_point > k && digits_before_point <= k + 3 {
            if let Some(s) = shifted(&digits, exp - k) {
                forms.push(format!("`{s} {word}`"));
            }
            break;
        }
    }
    match forms.as_slice() {
        [] => "write the number as the text does, in digits or with a scale word (`2000`, `2 thousand`)".into(),
        [one] => format!("write {one}"),
        [a, b, ..] => format!("write {a} or {b}"),
    }
}

/// `digits * 10^exp` as a plain decimal (no exponent), if it is not absurdly long.
fn shifted(digits: &str, exp: i64) -> Option<String> {
    if digits.is_empty() || exp.abs() > 30 {
        return None;
    }
    let s = if exp >= 0 {
        format!("{digits}{}", "0".repeat(exp as usize))
    } else {
        let point = exp.unsigned_abs() as usize;
        let padded = if digits.len() <= point {
            format!("{}{digits}", "0".repeat(point - digits.len() + 1))
        } else {
            digits.to_owned()
        };
        let (a, b) = padded.split_at(padded.len() - point);
        let b = b.trim_end_matches('0');
        if b.is_empty() {
            a.to_owned()
        } else {
            format!("{a}.{b}")
        }
    };
    let t = s.trim_start_matches('0');
    Some(if t.is_empty() || t.starts_with('.') {
        format!("0{t}")
    } else {
        t.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_buffers_hold_long_numbers_on_the_heap_and_count_past_what_they_hold() {
        for len in [
            0,
            1,
            DigitBuf::INLINE - 1,
            DigitBuf::INLINE,
            DigitBuf::INLINE + 1,
            MAX_DIGITS,
        ] {
            let digits: Vec<u8> = (0..len).map(|i| b'1' + (i % 9) as u8).collect();
            let mut d = DigitBuf::of(&digits);
            assert_eq!(d.as_bytes(), &digits[..], "{len} digits");
            assert_eq!(d.count, len);
            d.push(b'5');
            assert_eq!(d.as_bytes().len(), len + 1);
            assert_eq!(d.as_bytes().last(), Some(&b'5'));
        }
        // Past MAX_DIGITS + 8 digits, the buffer keeps counting but holds no more.
        let long = vec![b'7'; MAX_DIGITS + 20];
        let d = DigitBuf::of(&long);
        assert_eq!(d.count, MAX_DIGITS + 20);
        assert_eq!(d.as_bytes().len(), MAX_DIGITS + 8);
        // Decrementing borrows across the inline and the heap digits alike.
        for len in [3, DigitBuf::INLINE + 3] {
            let mut digits = vec![b'0'; len];
            digits[0] = b'1';
            let mut d = DigitBuf::of(&digits);
            d.decrement();
            let mut want = vec![b'9'; len];
            want[0] = b'0';
            assert_eq!(d.as_bytes(), &want[..]);
        }
    }
}

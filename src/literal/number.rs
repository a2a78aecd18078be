//! Numbers as written: digits to their rounding interval, scales, hedges.

use super::{Amount, Scale, Tag};
use crate::interval::Interval;
use crate::rules::{Hedge, TrailingZeros};

/// An amount after its scale: (rounding interval, exact value, truncation interval, tag,
/// scale word).
pub(super) fn scaled(
    a: &Amount,
    fallback: Option<&Scale>,
) -> (Interval, Interval, Option<Interval>, Tag, Option<String>) {
    let scale = a.scale.as_ref().or(fallback);
    let sign = |i: Interval| if a.negative { i.neg() } else { i };
    let rounding = sign(a.rounding);
    let exact = sign(a.exact);
    // Truncation: x may stand for [x - u/2, x + u) (for a negative x, (x - u, x + u/2]).
    let u = a.last_digit;
    let trunc = (u > 0.0).then(|| {
        let u = Interval::point(u);
        if a.negative {
            Interval::new(exact.sub(&u).lo, rounding.hi)
        } else {
            Interval::new(rounding.lo, exact.add(&u).hi)
        }
    });
    let (tag, factor) = match scale {
        Some(Scale::Percent) => (Tag::Percent, None),
        Some(Scale::Points) => (Tag::Points, None),
        Some(Scale::Word(_, f)) => (Tag::Plain, Some(*f)),
        None => (Tag::Plain, Some(1.0)),
    };
    // A percent or point is a hundredth; a scale word multiplies.
    let apply = |i: Interval| match factor {
        None => i.div_relaxed(&Interval::point(100.0)),
        Some(1.0) => i,
        Some(f) => i.mul(&Interval::point(f)),
    };
    let name = match scale {
        Some(Scale::Word(w, _)) => Some(w.clone()),
        _ => None,
    };
    (apply(rounding), apply(exact), trunc.map(&apply), tag, name)
}

/// Applies a hedge to the rounding interval `r` of a value whose exact ends are `x_lo`
/// and `x_hi` (the same for a single number).
pub(super) fn apply_hedge(
    hedge: Option<Hedge>,
    r: Interval,
    x_lo: Interval,
    x_hi: Interval,
) -> Interval {
    let pct = |p: f64, x: Interval| x.abs().mul(&Interval::point(p)).hi;
    match hedge {
        None => r,
        Some(Hedge::Exact) => x_lo.hull(&x_hi),
        Some(Hedge::Around(p)) => Interval::new(
            r.sub(&Interval::point(pct(p, x_lo))).lo,
            r.add(&Interval::point(pct(p, x_hi))).hi,
        ),
        Some(Hedge::Above(within)) => Interval::new(
            r.lo,
            within.map_or(f64::INFINITY, |p| r.add(&Interval::point(pct(p, x_hi))).hi),
        ),
        Some(Hedge::Below(within)) => Interval::new(
            within.map_or(f64::NEG_INFINITY, |p| {
                r.sub(&Interval::point(pct(p, x_lo))).lo
            }),
            r.hi,
        ),
        Some(Hedge::From) => Interval::new(r.lo, f64::INFINITY),
        Some(Hedge::To) => Interval::new(f64::NEG_INFINITY, r.hi),
    }
}

/// The most digits a written number may have, in a literal or a formula.
pub const MAX_DIGITS: usize = 400;

/// The decimal digits of a written number, on the stack: reading a number allocates
/// nothing. Holds up to [`MAX_DIGITS`] digits and a few more (the `5` of a rounding
/// bound); `count` goes on counting past what it holds, for the message that says the
/// number is too long.
#[derive(Clone)]
pub struct DigitBuf {
    b: [u8; MAX_DIGITS + 8],
    n: usize,
    /// Digits pushed, held or not.
    pub count: usize,
}

impl Default for DigitBuf {
    fn default() -> Self {
        DigitBuf {
            b: [0; MAX_DIGITS + 8],
            n: 0,
            count: 0,
        }
    }
}

impl DigitBuf {
    /// A buffer holding `digits` (as many as fit).
    pub fn of(digits: &[u8]) -> Self {
        let mut d = DigitBuf::default();
        d.extend(digits);
        d
    }

    /// Appends a digit.
    pub fn push(&mut self, d: u8) {
        if let Some(slot) = self.b.get_mut(self.n) {
            *slot = d;
            self.n += 1;
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
        &self.b[..self.n]
    }

    /// Subtracts one from a number of at least 1 (`100` -> `099`).
    fn decrement(&mut self) {
        for b in self.b[..self.n].iter_mut().rev() {
            if *b == b'0' {
                *b = b'9';
            } else {
                *b -= 1;
                break;
            }
        }
    }
}

/// The digits of a written number: its whole part, then its decimals.
pub(super) struct Digits {
    pub(super) all: DigitBuf,
    pub(super) frac_len: usize,
}

fn trim_zeros_start(d: &[u8]) -> &[u8] {
    let k = d.iter().take_while(|&&b| b == b'0').count();
    &d[k..]
}

impl Digits {
    /// (rounding interval, exact value, unit of the last digit, is a word, end).
    pub(super) fn into_parts(
        self,
        end: usize,
        zeros: TrailingZeros,
    ) -> (Interval, Interval, f64, bool, usize) {
        let all = self.all.as_bytes();
        let exact = decimal(all, -(self.frac_len as i64));
        // The exponent of the last written digit.
        let mut mantissa = trim_zeros_start(all);
        let mut exp = -(self.frac_len as i64);
        if self.frac_len == 0 && zeros == TrailingZeros::Rounded && !mantissa.is_empty() {
            let kept = mantissa.len() - mantissa.iter().rev().take_while(|&&b| b == b'0').count();
            exp += (mantissa.len() - kept) as i64;
            mantissa = &mantissa[..kept];
        }
        if mantissa.is_empty() {
            mantissa = b"0";
        }
        // x +- u/2 = (10 M +- 5) * 10^(exp - 1).
        let mut m5 = DigitBuf::of(mantissa);
        m5.push(b'5');
        let hi = decimal(m5.as_bytes(), exp - 1);
        let lo = if mantissa == b"0" {
            decimal(b"5", exp - 1).neg()
        } else {
            let mut m = DigitBuf::of(mantissa);
            m.decrement();
            let mut d5 = DigitBuf::of(trim_zeros_start(m.as_bytes()));
            d5.push(b'5');
            decimal(d5.as_bytes(), exp - 1)
        };
        let last_digit = decimal(b"1", exp);
        (
            Interval::new(lo.lo, hi.hi),
            exact,
            last_digit.hi,
            false,
            end,
        )
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

/// The powers of ten a double holds exactly.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

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
    let p = *EXACT_POWERS.get(usize::try_from(exp.unsigned_abs()).ok()?)?;
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

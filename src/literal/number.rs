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
    let (tag, apply): (Tag, Box<dyn Fn(Interval) -> Interval>) = match scale {
        Some(Scale::Percent) => (
            Tag::Percent,
            Box::new(|i: Interval| i.div_relaxed(&Interval::point(100.0))),
        ),
        Some(Scale::Points) => (
            Tag::Points,
            Box::new(|i: Interval| i.div_relaxed(&Interval::point(100.0))),
        ),
        Some(Scale::Word(_, f)) => {
            let f = *f;
            (
                Tag::Plain,
                Box::new(move |i: Interval| i.mul(&Interval::point(f))),
            )
        }
        None => (Tag::Plain, Box::new(|i| i)),
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

/// The digits of a written number.
pub(super) struct Digits {
    pub(super) int: String,
    pub(super) frac: String,
}

impl Digits {
    /// (rounding interval, exact value, unit of the last digit, is a word, end).
    pub(super) fn into_parts(
        self,
        end: usize,
        zeros: TrailingZeros,
    ) -> (Interval, Interval, f64, bool, usize) {
        let all = format!("{}{}", self.int, self.frac);
        let exact = decimal(&all, -(self.frac.len() as i64));
        // The exponent of the last written digit.
        let mut mantissa = all.trim_start_matches('0').to_owned();
        let mut exp = -(self.frac.len() as i64);
        if self.frac.is_empty() && zeros == TrailingZeros::Rounded && !mantissa.is_empty() {
            let stripped = mantissa.trim_end_matches('0');
            exp += (mantissa.len() - stripped.len()) as i64;
            mantissa = stripped.to_owned();
        }
        if mantissa.is_empty() {
            mantissa = "0".to_owned();
        }
        // x +- u/2 = (10 M +- 5) * 10^(exp - 1).
        let hi = decimal(&format!("{mantissa}5"), exp - 1);
        let lo = if mantissa == "0" {
            decimal("5", exp - 1).neg()
        } else {
            decimal(&format!("{}5", decrement(&mantissa)), exp - 1)
        };
        let last_digit = decimal("1", exp);
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
/// below 2^53 (exact), else one ulp either side of the correctly rounded value.
pub fn decimal(digits: &str, exp: i64) -> Interval {
    let v: f64 = format!("{digits}e{exp}").parse().unwrap_or(f64::NAN);
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

/// `m - 1` for a decimal digit string `m >= 1`, without leading zeros.
pub(super) fn decrement(m: &str) -> String {
    let mut d: Vec<u8> = m.bytes().collect();
    for b in d.iter_mut().rev() {
        if *b == b'0' {
            *b = b'9';
        } else {
            *b -= 1;
            break;
        }
    }
    let s = String::from_utf8(d).unwrap_or_default();
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".to_owned()
    } else {
        t.to_owned()
    }
}

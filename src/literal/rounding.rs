//! Numbers as written: digits to their rounding interval, scales, hedges.

use super::{Amount, Scale};
use crate::interval::Interval;
use crate::number::{DigitBuf, Tag, decimal};
use crate::rules::{Hedge, TrailingZeros};

/// An amount after its scale: (rounding interval, exact value, truncation interval of a
/// percent where `truncation` asks for it, tag, scale word).
pub(super) fn scaled(
    a: &Amount,
    fallback: Option<&Scale>,
    truncation: bool,
) -> (
    Interval,
    Interval,
    Option<Interval>,
    Tag,
    Option<compact_str::CompactString>,
) {
    let scale = a.scale.as_ref().or(fallback);
    let sign = |i: Interval| if a.negative { i.neg() } else { i };
    let rounding = sign(a.rounding);
    let exact = sign(a.exact);
    let (tag, factor) = match scale {
        Some(Scale::Percent) => (Tag::Percent, None),
        Some(Scale::Points) => (Tag::Points, None),
        Some(Scale::Word(_, f)) => (Tag::Plain, Some(*f)),
        None => (Tag::Plain, Some(1.0)),
    };
    // Truncation: x may stand for [x - u/2, x + u) (for a negative x, (x - u, x + u/2]).
    // Only a percent keeps it.
    let u = a.last_digit;
    let trunc = (truncation && tag == Tag::Percent && u > 0.0).then(|| {
        let u = Interval::point(u);
        if a.negative {
            Interval::new(exact.sub(&u).lo, rounding.hi)
        } else {
            Interval::new(rounding.lo, exact.add(&u).hi)
        }
    });
    // A percent or point is a hundredth; a scale word multiplies.
    let apply = |i: Interval| match factor {
        None => i.div_relaxed(&Interval::point(100.0)),
        Some(1.0) => i,
        Some(f) => i.mul(&Interval::point(f)),
    };
    let name = match scale {
        Some(Scale::Word(w, _)) => Some((*w).into()),
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

//! Closed intervals of reals with outward rounding: the arithmetic every check stands on.
//!
//! Each operation returns an interval that holds every result of the operation on values
//! of its operands (soundness): a result computed in floating point is widened by one ulp
//! wherever the operation was not exact. Bounds may be infinite; `lo` is never `+inf` and
//! `hi` never `-inf`, so no operation meets `inf - inf`. An interval with `lo > hi` is
//! empty. Endpoints are treated as closed: a finding is raised only where intervals are
//! disjoint, so two that only touch never fail.

use std::cmp::Ordering;

/// A closed interval `[lo, hi]`, possibly unbounded, possibly empty.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Lower bound (`-inf` for none).
    pub lo: f64,
    /// Upper bound (`+inf` for none).
    pub hi: f64,
}

const INF: f64 = f64::INFINITY;

fn down(x: f64) -> f64 {
    if x.is_nan() { -INF } else { x.next_down() }
}

fn up(x: f64) -> f64 {
    if x.is_nan() { INF } else { x.next_up() }
}

/// `a + b` rounded down and up; exact results are not widened.
fn add_bounds(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    if !s.is_finite() {
        return (
            if s.is_nan() { -INF } else { s },
            if s.is_nan() { INF } else { s },
        );
    }
    // TwoSum: the rounding error of a + b, exactly.
    let bb = s - a;
    let err = (a - (s - bb)) + (b - bb);
    if err == 0.0 {
        (s, s)
    } else if err > 0.0 {
        (s, up(s))
    } else {
        (down(s), s)
    }
}

/// `a * b` rounded down and up, with `0 * inf = 0` (the bounds stand for finite values).
fn mul_bounds(a: f64, b: f64) -> (f64, f64) {
    if a == 0.0 || b == 0.0 {
        return (0.0, 0.0);
    }
    let p = a * b;
    if p.is_infinite() {
        if a.is_infinite() || b.is_infinite() {
            return (p, p);
        }
        // Overflow of finite operands: the true product lies beyond MAX.
        return if p > 0.0 {
            (f64::MAX, INF)
        } else {
            (-INF, -f64::MAX)
        };
    }
    if p.abs() < TINY {
        // Near or below the subnormal range the error term is not exact: widen both ways.
        return (down(p), up(p));
    }
    // Whether the exact product lies beyond the rounded one (further from zero).
    match crate::exact::cmp_product(a, b, p) {
        Ordering::Equal => (p, p),
        Ordering::Greater if p > 0.0 => (p, up(p)),
        Ordering::Less if p < 0.0 => (p, up(p)),
        _ => (down(p), p),
    }
}

/// Below this magnitude, error-free transformations are not trusted.
const TINY: f64 = 1e-290;

/// Whether each end of `x` is zero, infinite, or between 1e-100 and 1e100 in magnitude.
/// A product or quotient of two such finite ends stays far from overflow and from
/// [`TINY`], so its bounds are the floats just below and above its exact value: they
/// grow with it, and the extreme pair of ends of two intervals gives the extreme bounds.
fn tame(x: &Interval) -> bool {
    let end = |v: f64| v == 0.0 || v.is_infinite() || (1e-100..=1e100).contains(&v.abs());
    end(x.lo) && end(x.hi)
}

/// `a / b` rounded down and up, for `b != 0`.
fn div_bounds(a: f64, b: f64) -> (f64, f64) {
    if a == 0.0 {
        return (0.0, 0.0);
    }
    if a.is_infinite() && b.is_infinite() {
        // Both stand for unbounded values: the quotient can be anything of its sign.
        return if (a > 0.0) == (b > 0.0) {
            (0.0, INF)
        } else {
            (-INF, 0.0)
        };
    }
    let q = a / b;
    if q.is_infinite() {
        return if a.is_infinite() {
            (q, q)
        } else if q > 0.0 {
            (f64::MAX, INF)
        } else {
            (-INF, -f64::MAX)
        };
    }
    if b.is_infinite() {
        return if (a > 0.0) == (b > 0.0) {
            (0.0, up(0.0))
        } else {
            (down(0.0), 0.0)
        };
    }
    if q.abs() < TINY || a.abs() < TINY || b.abs() < TINY {
        return (down(q), up(q));
    }
    // The sign of the remainder a - q*b says which side the true quotient is on; q*b
    // has the sign of a, so it is the sign of a where |a| is the larger, else the other.
    let r_positive = match crate::exact::cmp_product(q, b, a) {
        Ordering::Equal => return (q, q),
        Ordering::Less => a > 0.0,
        Ordering::Greater => a < 0.0,
    };
    if r_positive == (b > 0.0) {
        (q, up(q))
    } else {
        (down(q), q)
    }
}

impl Interval {
    /// Every real.
    pub const ALL: Interval = Interval { lo: -INF, hi: INF };
    /// The empty interval.
    pub const EMPTY: Interval = Interval { lo: INF, hi: -INF };

    /// `[lo, hi]`, normalised so that `lo` is never `+inf` nor `hi` `-inf` (a bound at
    /// infinity stands for a finite value beyond `MAX`); NaN bounds widen to infinity.
    pub fn new(lo: f64, hi: f64) -> Interval {
        let lo = if lo.is_nan() {
            -INF
        } else if lo == INF {
            f64::MAX
        } else {
            lo
        };
        let hi = if hi.is_nan() {
            INF
        } else if hi == -INF {
            -f64::MAX
        } else {
            hi
        };
        Interval { lo, hi }
    }

    /// The single point `x`.
    pub fn point(x: f64) -> Interval {
        Interval::new(x, x)
    }

    /// Whether no real lies in it.
    pub fn is_empty(&self) -> bool {
        self.lo > self.hi
    }

    /// Whether it is one point.
    pub fn is_point(&self) -> bool {
        self.lo == self.hi
    }

    /// Whether `x` lies in it.
    pub fn contains(&self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }

    /// Whether both bounds are finite.
    pub fn is_bounded(&self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }

    /// The common part.
    pub fn intersect(&self, o: &Interval) -> Interval {
        Interval {
            lo: self.lo.max(o.lo),
            hi: self.hi.min(o.hi),
        }
    }

    /// The smallest interval holding both.
    pub fn hull(&self, o: &Interval) -> Interval {
        if self.is_empty() {
            return *o;
        }
        if o.is_empty() {
            return *self;
        }
        Interval {
            lo: self.lo.min(o.lo),
            hi: self.hi.max(o.hi),
        }
    }

    /// Whether the two share no point (touching intervals are not disjoint).
    pub fn disjoint(&self, o: &Interval) -> bool {
        self.is_empty() || o.is_empty() || self.hi < o.lo || o.hi < self.lo
    }

    /// `-self`.
    pub fn neg(&self) -> Interval {
        if self.is_empty() {
            return *self;
        }
        Interval::new(-self.hi, -self.lo)
    }

    /// `self + o`.
    pub fn add(&self, o: &Interval) -> Interval {
        if self.is_empty() || o.is_empty() {
            return Interval::EMPTY;
        }
        Interval::new(add_bounds(self.lo, o.lo).0, add_bounds(self.hi, o.hi).1)
    }

    /// `self - o`.
    pub fn sub(&self, o: &Interval) -> Interval {
        self.add(&o.neg())
    }

    /// `self * o`.
    pub fn mul(&self, o: &Interval) -> Interval {
        if self.is_empty() || o.is_empty() {
            return Interval::EMPTY;
        }
        // By a positive finite constant (a scale, a percent): the ends map to the ends.
        if o.lo == o.hi && o.lo > 0.0 && o.lo.is_finite() {
            return Interval::new(mul_bounds(self.lo, o.lo).0, mul_bounds(self.hi, o.lo).1);
        }
        // Both at least zero (most values are): the least product is of the lower ends,
        // the greatest of the upper ones.
        if self.lo >= 0.0 && o.lo >= 0.0 && tame(self) && tame(o) {
            return Interval::new(mul_bounds(self.lo, o.lo).0, mul_bounds(self.hi, o.hi).1);
        }
        self.mul_corners(o)
    }

    /// `self * o` from the products of every pair of ends.
    fn mul_corners(&self, o: &Interval) -> Interval {
        let mut lo = INF;
        let mut hi = -INF;
        for a in [self.lo, self.hi] {
            for b in [o.lo, o.hi] {
                let (l, h) = mul_bounds(a, b);
                lo = lo.min(l);
                hi = hi.max(h);
            }
        }
        Interval::new(lo, hi)
    }

    /// `self / o`; `None` where `o` holds zero (the quotient is then unbounded or
    /// undefined, and the caller decides what that means).
    pub fn div(&self, o: &Interval) -> Option<Interval> {
        if self.is_empty() || o.is_empty() {
            return Some(Interval::EMPTY);
        }
        if o.contains(0.0) {
            return None;
        }
        // By a positive finite constant: the ends map to the ends.
        if o.lo == o.hi && o.lo > 0.0 && o.lo.is_finite() {
            return Some(Interval::new(
                div_bounds(self.lo, o.lo).0,
                div_bounds(self.hi, o.lo).1,
            ));
        }
        // At least zero by more than zero: the least quotient is the lower end by the
        // upper one, the greatest the upper end by the lower one.
        if self.lo >= 0.0 && o.lo > 0.0 && tame(self) && tame(o) {
            return Some(Interval::new(
                div_bounds(self.lo, o.hi).0,
                div_bounds(self.hi, o.lo).1,
            ));
        }
        Some(self.div_corners(o))
    }

    /// `self / o`, for `o` without zero, from the quotients of every pair of ends.
    fn div_corners(&self, o: &Interval) -> Interval {
        let mut lo = INF;
        let mut hi = -INF;
        for a in [self.lo, self.hi] {
            for b in [o.lo, o.hi] {
                let (l, h) = div_bounds(a, b);
                lo = lo.min(l);
                hi = hi.max(h);
            }
        }
        Interval::new(lo, hi)
    }

    /// `self / o`, where a divisor holding zero gives the tightest sound answer the
    /// propagation can use: every real, or a half line when the signs allow it.
    pub fn div_relaxed(&self, o: &Interval) -> Interval {
        if let Some(q) = self.div(o) {
            return q;
        }
        if self.is_empty() || o.is_empty() {
            return Interval::EMPTY;
        }
        // o holds zero. If o is [0, b] with b > 0 and self > 0, the quotient is at least
        // self.lo / b; and symmetrically. Otherwise nothing is known.
        if o.lo == 0.0 && o.hi > 0.0 {
            if self.lo > 0.0 {
                return Interval::new(div_bounds(self.lo, o.hi).0, INF);
            }
            if self.hi < 0.0 {
                return Interval::new(-INF, div_bounds(self.hi, o.hi).1);
            }
        }
        if o.hi == 0.0 && o.lo < 0.0 {
            if self.lo > 0.0 {
                return Interval::new(-INF, div_bounds(self.lo, o.lo).1);
            }
            if self.hi < 0.0 {
                return Interval::new(div_bounds(self.hi, o.lo).0, INF);
            }
        }
        Interval::ALL
    }

    /// `min(self, o)`.
    pub fn min(&self, o: &Interval) -> Interval {
        if self.is_empty() || o.is_empty() {
            return Interval::EMPTY;
        }
        Interval::new(self.lo.min(o.lo), self.hi.min(o.hi))
    }

    /// `max(self, o)`.
    pub fn max(&self, o: &Interval) -> Interval {
        if self.is_empty() || o.is_empty() {
            return Interval::EMPTY;
        }
        Interval::new(self.lo.max(o.lo), self.hi.max(o.hi))
    }

    /// `|self|`.
    pub fn abs(&self) -> Interval {
        if self.is_empty() {
            return *self;
        }
        if self.lo >= 0.0 {
            *self
        } else if self.hi <= 0.0 {
            self.neg()
        } else {
            Interval::new(0.0, (-self.lo).max(self.hi))
        }
    }

    /// The whole numbers it holds, as an interval (empty where it holds none).
    pub fn whole_numbers(&self) -> Interval {
        if self.is_empty() {
            return *self;
        }
        let lo = if self.lo.is_finite() {
            self.lo.ceil()
        } else {
            self.lo
        };
        let hi = if self.hi.is_finite() {
            self.hi.floor()
        } else {
            self.hi
        };
        Interval { lo, hi }
    }

    /// Widened by `d >= 0` on both sides.
    pub fn widen(&self, d: f64) -> Interval {
        Interval::new(add_bounds(self.lo, -d).0, add_bounds(self.hi, d).1)
    }

    /// The width `hi - lo` (an upper bound of it).
    pub fn width(&self) -> f64 {
        add_bounds(self.hi, -self.lo).1
    }
}

#[cfg(test)]
mod tests;

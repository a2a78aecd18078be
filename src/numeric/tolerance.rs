//! The tolerance of `~=` (SPEC 4): how far apart its two sides may be.

use crate::interval::Interval;
use crate::number::Kind;
use crate::rules::RuleSet;

/// How far apart the two sides of `~=` may be (SPEC 4): points between two percents,
/// else a share of the larger magnitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tolerance {
    /// An absolute distance (percentage points, as a fraction).
    Points(f64),
    /// A share of the larger of the largest absolute values of the two sides.
    Relative(f64),
}

impl Tolerance {
    /// The tolerance of an assertion whose sides are of these kinds: points where both
    /// are percents or points (a share or growth against a percent counts), else
    /// relative.
    pub fn for_sides(l: Kind, r: Kind, rules: &RuleSet) -> Tolerance {
        let tagged = |k: Kind| matches!(k, Kind::Percent | Kind::Points | Kind::Ratio);
        if tagged(l) && tagged(r) && (l != Kind::Ratio || r != Kind::Ratio) {
            Tolerance::Points(rules.approx_points.value)
        } else {
            Tolerance::Relative(rules.approx_relative.value)
        }
    }

    /// The distance allowed between `l` and `r`: an upper bound of the true one, since
    /// the intervals hold the true values.
    pub fn of(self, l: &Interval, r: &Interval) -> f64 {
        match self {
            Tolerance::Points(p) => p,
            Tolerance::Relative(f) => {
                let m = l.abs().hi.max(r.abs().hi);
                if m.is_finite() {
                    Interval::point(m).mul(&Interval::point(f)).hi
                } else {
                    f64::INFINITY
                }
            }
        }
    }

    /// How far a value may lie from one in `other`, whatever its own size: for the
    /// relative tolerance f, |x - y| <= f max(|x|, |y|) gives |x - y| <= f / (1 - f) |y|.
    pub fn toward(self, other: &Interval) -> f64 {
        match self {
            Tolerance::Points(p) => p,
            Tolerance::Relative(f) if f < 1.0 => {
                let m = other.abs().hi;
                if m.is_finite() {
                    let one_minus = Interval::point(1.0).sub(&Interval::point(f));
                    let k = Interval::point(f).div_relaxed(&one_minus);
                    Interval::point(m).mul(&k).hi
                } else {
                    f64::INFINITY
                }
            }
            Tolerance::Relative(_) => f64::INFINITY,
        }
    }

    /// In words, for messages: `2 pp`, `10%`.
    pub fn words(self) -> String {
        match self {
            Tolerance::Points(p) => format!("{} pp", crate::wording::significant(p * 100.0, 4)),
            Tolerance::Relative(f) => format!("{}%", crate::wording::significant(f * 100.0, 4)),
        }
    }
}

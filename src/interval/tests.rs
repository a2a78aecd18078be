use super::*;
use proptest::prelude::*;

fn iv(lo: f64, hi: f64) -> Interval {
    Interval::new(lo, hi)
}

#[test]
fn exact_operations_are_not_widened() {
    assert_eq!(iv(1.0, 2.0).add(&iv(3.0, 4.0)), iv(4.0, 6.0));
    assert_eq!(iv(1.0, 2.0).mul(&iv(3.0, 4.0)), iv(3.0, 8.0));
    assert_eq!(iv(1.0, 2.0).div(&iv(2.0, 4.0)), Some(iv(0.25, 1.0)));
}

#[test]
fn inexact_operations_are_widened() {
    let t = iv(1.0, 1.0).div(&iv(3.0, 3.0)).unwrap_or(Interval::EMPTY);
    assert!(t.lo < t.hi);
    assert!(t.lo <= 1.0 / 3.0 && 1.0 / 3.0 <= t.hi);
    let s = iv(0.1, 0.1).add(&iv(0.2, 0.2));
    assert!(s.lo < s.hi);
}

#[test]
fn infinities_never_give_nan() {
    let all = Interval::ALL;
    for x in [
        all.add(&all),
        all.sub(&all),
        all.mul(&all),
        all.mul(&iv(0.0, 0.0)),
    ] {
        assert!(!x.lo.is_nan() && !x.hi.is_nan());
    }
    assert_eq!(iv(0.0, 0.0).mul(&all), iv(0.0, 0.0));
    let q = iv(1.0, INF).div(&iv(2.0, INF)).unwrap_or(Interval::EMPTY);
    assert_eq!((q.lo, q.hi), (0.0, INF));
}

#[test]
fn division_by_zero_is_refused() {
    assert_eq!(iv(1.0, 2.0).div(&iv(-1.0, 1.0)), None);
    assert_eq!(iv(1.0, 2.0).div(&iv(0.0, 0.0)), None);
    let r = iv(1.0, 2.0).div_relaxed(&iv(0.0, 4.0));
    assert_eq!((r.lo, r.hi), (0.25, INF));
}

#[test]
fn overflow_widens_outward() {
    let big = iv(f64::MAX, f64::MAX);
    let p = big.mul(&iv(2.0, 2.0));
    assert!(p.lo >= f64::MAX && p.hi == INF);
    let s = big.add(&big);
    assert!(s.hi == INF && !s.lo.is_nan());
}

#[test]
fn touching_is_not_disjoint() {
    assert!(!iv(1.0, 2.0).disjoint(&iv(2.0, 3.0)));
    assert!(iv(1.0, 2.0).disjoint(&iv(2.0f64.next_up(), 3.0)));
}

#[test]
fn whole_numbers() {
    assert_eq!(iv(19.5, 20.5).whole_numbers(), iv(20.0, 20.0));
    assert!(iv(7.1, 7.3).whole_numbers().is_empty());
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6..1e6f64,
        -1e300..1e300f64,
        -1.0..1.0f64,
        Just(0.0),
        Just(1e-320),
    ]
}

/// An interval and a value inside it.
fn interval_and_member() -> impl Strategy<Value = (Interval, f64)> {
    (finite(), finite(), 0.0..=1.0f64).prop_map(|(a, b, t)| {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let x = (lo + (hi - lo) * t).clamp(lo, hi);
        (iv(lo, hi), if x.is_finite() { x } else { lo })
    })
}

proptest! {
    #[test]
    fn add_is_sound((a, x) in interval_and_member(), (b, y) in interval_and_member()) {
        prop_assert!(a.add(&b).contains(x + y) || !(x + y).is_finite());
    }

    #[test]
    fn sub_is_sound((a, x) in interval_and_member(), (b, y) in interval_and_member()) {
        prop_assert!(a.sub(&b).contains(x - y) || !(x - y).is_finite());
    }

    #[test]
    fn mul_is_sound((a, x) in interval_and_member(), (b, y) in interval_and_member()) {
        let p = x * y;
        let r = a.mul(&b);
        prop_assert!(r.contains(p) || (p.is_infinite() && (r.hi == INF || r.lo == -INF)));
    }

    #[test]
    fn div_is_sound((a, x) in interval_and_member(), (b, y) in interval_and_member()) {
        if let Some(r) = a.div(&b) {
            let q = x / y;
            prop_assert!(r.contains(q) || (q.is_infinite() && (r.hi == INF || r.lo == -INF)));
        } else {
            prop_assert!(b.contains(0.0));
        }
        let q = x / y;
        if y != 0.0 && q.is_finite() {
            prop_assert!(a.div_relaxed(&b).contains(q));
        }
    }

    #[test]
    fn min_max_abs_are_sound((a, x) in interval_and_member(), (b, y) in interval_and_member()) {
        prop_assert!(a.min(&b).contains(x.min(y)));
        prop_assert!(a.max(&b).contains(x.max(y)));
        prop_assert!(a.abs().contains(x.abs()));
        prop_assert!(a.neg().contains(-x));
    }
}

/// `a * b` and `a / b` bounded as before claimlint compared products in integers: by the
/// sign of the exact error, from a fused multiply-add.
fn bounds_by_fma(a: f64, b: f64, divide: bool) -> (f64, f64) {
    let (r, err) = if divide {
        let q = a / b;
        // a - q*b, over b: positive where the true quotient is above q.
        let rem = (-q).mul_add(b, a);
        (
            q,
            if (rem > 0.0) == (b > 0.0) { 1.0 } else { -1.0 } * rem.abs(),
        )
    } else {
        let p = a * b;
        (p, a.mul_add(b, -p))
    };
    if err == 0.0 {
        (r, r)
    } else if err > 0.0 {
        (r, up(r))
    } else {
        (down(r), r)
    }
}

proptest! {
    #[test]
    fn bounds_are_those_a_fused_multiply_add_gives(a in finite(), b in finite()) {
        let ok = |x: f64| x != 0.0 && x.abs() >= TINY;
        if ok(a) && ok(b) && ok(a * b) && (a * b).is_finite() {
            prop_assert_eq!(mul_bounds(a, b), bounds_by_fma(a, b, false));
        }
        if ok(a) && ok(b) && ok(a / b) && (a / b).is_finite() {
            prop_assert_eq!(div_bounds(a, b), bounds_by_fma(a, b, true));
        }
    }
}

#[test]
fn bounds_of_products_and_quotients_near_ties() {
    // Products and quotients that are exact, one ulp off, and far from exact.
    for (a, b) in [
        (3.0, 0.5),
        (0.1, 3.0),
        (1.0 / 3.0, 3.0),
        (-0.1, 3.0),
        (7.0, -0.1),
    ] {
        assert_eq!(mul_bounds(a, b), bounds_by_fma(a, b, false), "{a} * {b}");
        assert_eq!(div_bounds(a, b), bounds_by_fma(a, b, true), "{a} / {b}");
    }
    assert_eq!(mul_bounds(3.0, 0.5), (1.5, 1.5));
    assert_eq!(div_bounds(1.0, 4.0), (0.25, 0.25));
}

/// Ends of every kind: zero of either sign, infinite, tame, tiny, huge, near the limits.
fn end() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-0.0),
        Just(INF),
        Just(-INF),
        (-1e6..1e6f64),
        (-1.0..1.0f64),
        (-300.0..300.0f64).prop_map(|e| 10f64.powf(e)),
        (-300.0..300.0f64).prop_map(|e| -(10f64.powf(e))),
        Just(1e-100),
        Just(1e100),
        Just(1e-320),
        Just(f64::MAX),
    ]
}

fn any_interval() -> impl Strategy<Value = Interval> {
    (end(), end(), any::<bool>()).prop_map(|(a, b, point)| {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        // Keep `lo` below `+inf` and `hi` above `-inf`, as every interval made is.
        let (lo, hi) = (lo.min(f64::MAX), hi.max(f64::MIN));
        if point && lo.is_finite() {
            iv(lo, lo)
        } else {
            iv(lo, hi)
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]
    /// The products and quotients of the lower and upper ends alone, where they are
    /// taken, are those of every pair of ends.
    #[test]
    fn ends_chosen_by_sign_give_what_every_pair_gives(a in any_interval(), b in any_interval()) {
        // (By a positive constant the ends map to the ends, tame or not: another path.)
        prop_assume!(!(b.lo == b.hi && b.lo > 0.0 && b.lo.is_finite()));
        let (m, c) = (a.mul(&b), a.mul_corners(&b));
        prop_assert!(m.lo.to_bits() == c.lo.to_bits() && m.hi.to_bits() == c.hi.to_bits(),
            "{a:?} * {b:?}: {m:?} against {c:?}");
        if !b.is_empty() && !b.contains(0.0) && !a.is_empty() {
            let (d, c) = (a.div(&b).unwrap_or(Interval::ALL), a.div_corners(&b));
            prop_assert!(d.lo.to_bits() == c.lo.to_bits() && d.hi.to_bits() == c.hi.to_bits(),
                "{a:?} / {b:?}: {d:?} against {c:?}");
        }
    }
}

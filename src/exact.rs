//! Exact comparisons of binary floating-point numbers, done in integers.
//!
//! A finite `f64` is `m`·2^`e` exactly, with `m` below 2^53. Comparing two such numbers,
//! a product of two of them, or one with a power of ten, is then a comparison of
//! integers. The alternatives each cost a run something at start-up:
//! - `f64::log10` is the one function of the system maths library that claimlint would
//!   need, and that library would then be loaded at every start;
//! - `f64::mul_add` (a fused multiply-add, exact for the error of a product) asks the
//!   processor what it can do on its first call. Inside a virtual machine, such as a CI
//!   runner, that question is slow.
//!
//! Without them an empty run is a tenth shorter, a 1,000-claim run 2% (`docs/PERFORMANCE.md`).

use std::cmp::Ordering;

/// The powers of ten a double holds exactly.
pub const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `|x|` as `(m, e)` with `|x| = m·2^e` exactly, `m` below 2^53. `x` is finite.
pub fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits() & !(1 << 63);
    let exponent = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if exponent == 0 {
        // Subnormal (or zero): no implicit leading bit.
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    }
}

/// `a`·2^`s` against `b`, for `a`, `b` below 2^117, any shift.
pub fn cmp_shifted(a: u128, s: i32, b: u128) -> Ordering {
    if a == 0 || b == 0 {
        return a.cmp(&b);
    }
    let bits = |v: u128| 128 - v.leading_zeros() as i32;
    // The bit lengths decide, unless they are equal once shifted.
    let la = bits(a) + s;
    let lb = bits(b);
    if la != lb {
        return la.cmp(&lb);
    }
    // Equal lengths, both at most 117 bits: shift the one that needs shifting left.
    if s >= 0 {
        (a << s).cmp(&b)
    } else {
        a.cmp(&(b << -s))
    }
}

/// The largest power of five the comparisons with powers of ten use: 5^27 is below 2^63.
const MAX_POW5: i32 = 27;

/// `|x|` against 10^`k`, exactly, for `k` in ±27 and a finite `x`; `None` outside that.
pub fn cmp_pow10(x: f64, k: i32) -> Option<Ordering> {
    if !(-MAX_POW5..=MAX_POW5).contains(&k) {
        return None;
    }
    let (m, e) = parts(x);
    let p5 = u128::from(5u64.pow(k.unsigned_abs()));
    Some(if k >= 0 {
        // m·2^e against 5^k·2^k: m·2^(e-k) against 5^k.
        cmp_shifted(u128::from(m), e - k, p5)
    } else {
        // m·2^e against 2^k / 5^-k: m·5^-k·2^(e-k) against 1.
        cmp_shifted(u128::from(m) * p5, e - k, 1)
    })
}

/// ⌊log10 |x|⌋ of a finite, non-zero `x`: exact where `|x|` lies between 10^-27 and
/// 10^28 (every number a claim states), and at most one off beyond; 0 for zero and
/// what is not finite.
pub fn decimal_exponent(x: f64) -> i32 {
    if x == 0.0 || !x.is_finite() {
        return 0;
    }
    let (m, e) = parts(x);
    // ⌊log2 |x|⌋, and from it ⌊log10 |x|⌋ or one less.
    let log2 = e + 63 - m.leading_zeros() as i32;
    let mut k = (f64::from(log2) * std::f64::consts::LOG10_2).floor() as i32;
    let at_least = |k: i32| match usize::try_from(k).ok().and_then(|k| EXACT_POWERS.get(k)) {
        // A power of ten that is a double: compared as one.
        Some(&p) => Some(x.abs() >= p),
        None => cmp_pow10(x, k).map(Ordering::is_ge),
    };
    if at_least(k + 1) == Some(true) {
        k += 1;
    } else if at_least(k) == Some(false) {
        k -= 1;
    }
    k
}

/// `|x·y|` (the exact product, not the rounded one) against `|z|`, for finite, non-zero
/// `x`, `y` and `z`.
pub fn cmp_product(x: f64, y: f64, z: f64) -> Ordering {
    let (mx, ex) = parts(x);
    let (my, ey) = parts(y);
    let (mz, ez) = parts(z);
    // Below 2^106 and 2^53.
    let product = u128::from(mx) * u128::from(my);
    cmp_shifted(product, ex + ey - ez, u128::from(mz))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reproducible stream of doubles spread over many magnitudes.
    fn doubles(n: usize, seed: u64) -> impl Iterator<Item = f64> {
        let mut s = seed;
        (0..n).map(move |_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let mantissa = (s >> 12) as f64 / (1u64 << 52) as f64 + 1.0;
            let exp = ((s & 0xff) as i32) - 128;
            let sign = if s & 0x100 == 0 { 1.0 } else { -1.0 };
            sign * mantissa * 2f64.powi(exp)
        })
    }

    /// ⌊log10 |x|⌋ read off the exact decimal expansion (41 significant digits).
    fn exponent_of_expansion(x: f64) -> i32 {
        let s = format!("{:.40e}", x.abs());
        s.split_once('e')
            .and_then(|(_, e)| e.parse().ok())
            .unwrap_or(i32::MIN)
    }

    #[test]
    fn decimal_exponent_is_exact_at_and_beside_every_power_of_ten() {
        for k in -27..=27 {
            let p: f64 = format!("1e{k}").parse().unwrap_or(f64::NAN);
            for x in [p, p.next_down(), p.next_up(), -p, 2.0 * p, 9.99 * p] {
                assert_eq!(decimal_exponent(x), exponent_of_expansion(x), "{x:e}");
            }
        }
        // 1e23 is not a double: the nearest one lies below it.
        assert_eq!(decimal_exponent(1e23), 22);
        assert_eq!(decimal_exponent(1.0), 0);
        // 0.1 is 0.1000…0555 as a double: just above a tenth.
        assert_eq!(decimal_exponent(0.1), -1);
        assert_eq!(decimal_exponent(0.1f64.next_down()), -2);
    }

    #[test]
    fn decimal_exponent_matches_the_exact_expansion_and_log10() {
        for x in doubles(200_000, 0x9e37_79b9_7f4a_7c15) {
            let exact = exponent_of_expansion(x);
            let k = decimal_exponent(x);
            if x.abs() >= 1e-27 && x.abs() < 1e28 {
                assert_eq!(k, exact, "{x:e}");
                // log10 agrees wherever it is not within rounding of an integer.
                let l = x.abs().log10();
                if (l - l.round()).abs() > 1e-12 {
                    assert_eq!(k, l.floor() as i32, "{x:e}");
                }
            } else {
                assert!((k - exact).abs() <= 1, "{x:e}: {k} against {exact}");
            }
        }
        for x in [f64::MAX, f64::MIN_POSITIVE, 5e-324, 1e300, 1e-300] {
            assert!((decimal_exponent(x) - exponent_of_expansion(x)).abs() <= 1);
        }
    }

    #[test]
    fn products_compare_as_a_fused_multiply_add_says() {
        let xs: Vec<f64> = doubles(3_000, 0x2545_f491_4f6c_dd1d).collect();
        let ys: Vec<f64> = doubles(3_000, 0x1234_5678_9abc_def1).collect();
        for (&x, &y) in xs.iter().zip(&ys) {
            let p = x * y;
            // The error of the rounded product, exactly.
            let err = x.mul_add(y, -p);
            let want = if err == 0.0 {
                Ordering::Equal
            } else if (err > 0.0) == (p > 0.0) {
                Ordering::Greater
            } else {
                Ordering::Less
            };
            assert_eq!(cmp_product(x, y, p), want, "{x:e} * {y:e}");
            // And against neighbours of the rounded product.
            assert_eq!(cmp_product(x, y, p.abs().next_up()), Ordering::Less);
            assert_eq!(cmp_product(x, y, p.abs().next_down()), Ordering::Greater);
        }
        assert_eq!(cmp_product(3.0, 0.5, 1.5), Ordering::Equal);
        // 0.1·3 exactly is 0.3000…0166: above the double 0.3 (0.2999…9889), below the
        // rounded product 0.30000000000000004.
        assert_eq!(cmp_product(0.1, 3.0, 0.3), Ordering::Greater);
        assert_eq!(cmp_product(0.1, 3.0, 0.1 * 3.0), Ordering::Less);
    }

    #[test]
    fn powers_of_ten_compare_exactly() {
        assert_eq!(cmp_pow10(1000.0, 3), Some(Ordering::Equal));
        assert_eq!(cmp_pow10(999.999_999_999_999_9, 3), Some(Ordering::Less));
        assert_eq!(cmp_pow10(0.1, -1), Some(Ordering::Greater));
        assert_eq!(cmp_pow10(0.1f64.next_down(), -1), Some(Ordering::Less));
        assert_eq!(cmp_pow10(1e30, 30), None);
    }
}

//! A deterministic generator of realistic claims files (SPEC 2-5): hedged and rounded
//! literals, assertions with the default functions, unknowns, restatements, statuses and
//! quotes, with a share of them inconsistent. The same arguments give the same bytes.

#![allow(dead_code)]

use std::fmt::Write;

/// A small deterministic PRNG (SplitMix64): no dependency, the same stream everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

const HEDGES: &[&str] = &[
    "",
    "",
    "about ",
    "more than ",
    "nearly ",
    "at least ",
    "just over ",
    "up to ",
];
const STATUSES: &[&str] = &[
    "plans to open",
    "has opened",
    "aims to open",
    "has not opened",
    "operates",
    "has closed",
];

/// One claims file of about `n` claims. Every group of ten claims is one story: a
/// population, a count of users, an unknown base year, a share, a growth, a restatement,
/// two statuses and a derived total; about one group in `1 / bad_every` is inconsistent.
pub fn claims_file(n: usize, seed: u64) -> String {
    let mut r = Rng::new(seed);
    let mut s = String::with_capacity(n * 130);
    s.push_str("document:\n  title: Generated corpus\n  date: 2024-10-15\n\nclaims:\n");
    let groups = n.div_ceil(10);
    for g in 0..groups {
        let residents = 5 + r.below(95);
        let share_pct = 20 + r.below(60);
        let users = residents as f64 * share_pct as f64 / 100.0;
        let growth = 5 + r.below(40);
        let bad = r.below(8) == 0;
        let hedge = HEDGES[r.below(HEDGES.len() as u64) as usize];
        let written_share = if bad {
            (share_pct + 15).min(99)
        } else {
            share_pct
        };
        let _ = write!(
            s,
            "  - id: residents_{g}\n    value: {residents} mln\n    unit: people\n    measure: residents of region {g}\n    quote: the {residents} mln residents\n\
             \x20 - id: users_{g}\n    value: {hedge}{users:.1} mln\n    unit: people\n    measure: users in region {g}\n\
             \x20 - id: users_before_{g}\n    value: unknown\n    unit: people\n    as_of: 2023\n\
             \x20 - id: share_{g}\n    assert: share(users_{g}, residents_{g}) = about {written_share}%\n\
             \x20 - id: growth_{g}\n    assert: growth(users_before_{g}, users_{g}) = {growth}%\n\
             \x20 - id: users_again_{g}\n    value: {again:.1} mln\n    unit: people\n    measure: users in region {g}\n\
             \x20 - id: office_{g}_a\n    subject: office_{g}\n    status: {st_a}\n\
             \x20 - id: office_{g}_b\n    subject: office_{g}\n    status: {st_b}\n    as_of: 2024\n\
             \x20 - id: total_{g}\n    value: unknown\n\
             \x20 - id: total_sum_{g}\n    assert: total_{g} = users_{g} + residents_{g}\n",
            again = if bad { users * 1.5 } else { users },
            st_a = STATUSES[r.below(STATUSES.len() as u64) as usize],
            st_b = STATUSES[r.below(STATUSES.len() as u64) as usize],
        );
    }
    s
}

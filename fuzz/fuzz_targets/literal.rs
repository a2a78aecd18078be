//! Any text as a quantity literal: read or refused, never a panic, never a NaN bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static RULES: OnceLock<Option<claimlint::RuleSet>> = OnceLock::new();

fuzz_target!(|text: &str| {
    let Some(rules) = RULES.get_or_init(|| claimlint::rules::load_defaults().and_then(|b| b.finish()).ok()) else { return };
    if let Ok(claimlint::literal::Literal::Value(q)) = claimlint::literal::parse(text, rules) {
        assert!(!q.interval.lo.is_nan() && !q.interval.hi.is_nan(), "{text:?}");
    }
});

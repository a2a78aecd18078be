//! Any bytes as a claims file: loaded and checked, every check, no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static RULES: OnceLock<Option<claimlint::RuleSet>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some(rules) = RULES.get_or_init(|| claimlint::rules::load_defaults().and_then(|b| b.finish()).ok()) else { return };
    let report: claimlint::FileReport = match claimlint::check::decode("claims.yaml".into(), data.to_vec()) {
        Ok(source) => claimlint::check_text(source, rules, None, claimlint::Threads::One).into(),
        Err(report) => report,
    };
    // Every renderer must take what the checks give.
    let reports = [report];
    let _ = claimlint::output::concise::render(&reports);
    let _ = claimlint::output::json::render(&reports);
    let _ = claimlint::output::human::render(&reports, false, 100);
});

//! Any text as a rules file merged over the defaults: accepted or `rules/invalid`, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(mut b) = claimlint::rules::load_defaults() else { return };
    let source = claimlint::source::SourceFile::new("rules.yaml", text);
    if b.add(&source).is_ok() {
        let _ = b.finish();
    }
});

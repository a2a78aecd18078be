//! Any text as an assertion or an expression: parsed or refused, never a panic; every
//! span lies on the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match claimlint::formula::split_assertion(text, None) {
        Ok(s) => {
            assert!(s.rhs_start <= text.len());
            s.lhs.walk(&mut |e| assert!(e.span.end() <= text.len(), "{text:?}"));
        }
        Err(e) => assert!(e.span.end() <= text.len(), "{text:?}"),
    }
    if let Ok(e) = claimlint::formula::parse_expr(text) {
        e.walk(&mut |n| assert!(n.span.end() <= text.len(), "{text:?}"));
    }
});

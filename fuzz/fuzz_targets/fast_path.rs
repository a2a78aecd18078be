//! Any text as a claims file: where the fast path reads it, it gives the tree the generic
//! path (serde-saphyr) gives, scalars and their spans alike; where it reads it on two
//! threads, the same again.
#![no_main]

use claimlint::source::SourceFile;
use claimlint::yaml::outline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = SourceFile::new("c.yaml", text);
    let Some(one) = outline::fast(&src, false) else { return };
    assert_eq!(Ok(one.as_str()), outline::generic(&src).as_deref(), "fast and generic paths disagree");
    assert_eq!(outline::fast(&src, true).as_deref(), Some(one.as_str()), "one thread and two disagree");
});

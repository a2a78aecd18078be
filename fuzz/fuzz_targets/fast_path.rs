//! Any text as a claims file: where the fast path reads it, it gives the tree the generic
//! path (serde-saphyr) gives, scalars and their spans alike; where it reads it on two
//! threads, the same again. Where the scanner reads it, it gives that tree too, and where
//! the event reader also reads it, the event reader's tree, to the spans of nulls and
//! containers.
#![no_main]

use claimlint::source::SourceFile;
use claimlint::yaml::outline::{self, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let src = SourceFile::new("c.yaml", text);
    if let Some(scan) = outline::by(&src, Reader::Scanner) {
        if let Some(events) = outline::by(&src, Reader::Events) {
            assert_eq!(scan, events, "the scanner and the event reader disagree");
        }
        assert!(outline::generic(&src).is_ok(), "the scanner read what the generic path refuses");
    }
    let Some(one) = outline::fast(&src, false) else { return };
    assert_eq!(Ok(one.as_str()), outline::generic(&src).as_deref(), "fast and generic paths disagree");
    assert_eq!(outline::fast(&src, true).as_deref(), Some(one.as_str()), "one thread and two disagree");
});

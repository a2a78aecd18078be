//! A large case, made on the fly: an article of 5,000 words and a claims file of 1,000
//! claims quoting it (some of them inconsistent), to show the review stays usable.

use std::fmt::Write;
use std::path::Path;

/// Writes `claims.yaml` and `article.md` into `dir`.
pub fn write(dir: &Path) {
    let mut article = String::from("# Ridership across the network\n\n");
    let mut claims = String::from("document:\n  source: article.md\n  date: 2024-10-15\nclaims:\n");
    for para in 0..50 {
        for k in 0..20 {
            let n = para * 20 + k;
            // Five words a sentence, twenty sentences a paragraph.
            let _ = write!(article, "Station {n} counted {} riders. ", 100 + n);
            let value = if n % 50 == 7 { 100 + n + 40 } else { 100 + n };
            let _ = write!(
                claims,
                "  - id: s{n}\n    value: {value}\n    unit: people\n    quote: Station {n} counted {} riders\n",
                100 + n
            );
        }
        article.push_str("\n\n");
    }
    for n in (0..1000).step_by(100) {
        let _ = write!(
            claims,
            "  - id: sum{n}\n    assert: s{n} + s{} > 10000\n",
            n + 1
        );
    }
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("article.md"), article).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("claims.yaml"), claims).unwrap_or_else(|e| panic!("{e}"));
}

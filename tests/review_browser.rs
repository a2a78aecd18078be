//! The review page in a real browser: headless Chromium driven by Playwright
//! (`tests/browser/review.py`), with axe-core for accessibility. It needs Chromium at
//! `/usr/bin/chromium`, Playwright from PyPI and axe-core from npm, which `.ci/run`
//! installs; `cargo test` leaves it out (`#[ignore]`), `cargo test -- --ignored` runs
//! it, and it FAILS where the browser cannot run.

use claimlint::review;
use claimlint::rules::load_defaults;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "support/large.rs"]
mod large;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Writes the page of a case with the command line, as a user would, and says what the
/// browser must find on it: the passages of every quote found, the findings that
/// belong to a marked claim.
fn page(dir: &Path, out: &Path, name: &str, isolated: bool) -> serde_json::Value {
    let html = out.join(format!("{name}.html"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimlint"));
    cmd.current_dir(root())
        .arg("review")
        .arg(dir)
        .arg("-o")
        .arg(&html);
    if isolated {
        cmd.arg("--isolated");
    }
    let status = cmd.status().unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(status.code(), Some(0 | 1)), "{name}: {status}");
    let rules = load_defaults()
        .and_then(|b| b.finish())
        .unwrap_or_else(|e| panic!("{e}"));
    let r = review::review_file(&dir.join("claims.yaml"), &rules, 1 << 26)
        .unwrap_or_else(|e| panic!("{e}"));
    let l = r.layout();
    let article = r
        .article
        .as_ref()
        .map(|a| a.text.clone())
        .unwrap_or_default();
    let quotes: Vec<&str> = r
        .claims
        .iter()
        .filter_map(|c| c.passage)
        .map(|s| &article[s.start..s.end()])
        .collect();
    let messages: Vec<serde_json::Value> = r
        .report
        .findings
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let quoted = l.finding_claims[k]
                .iter()
                .any(|&c| l.claim_passage[c].is_some());
            json!({"message": f.message, "quoted": quoted})
        })
        .collect();
    let conflict = r.report.findings.iter().enumerate().any(|(k, _)| {
        l.finding_claims[k]
            .iter()
            .filter(|&&c| l.claim_passage[c].is_some())
            .count()
            > 1
    });
    json!({"page": html, "quotes": quotes, "messages": messages, "conflict_link": conflict})
}

#[test]
#[ignore = "needs Chromium, Playwright and axe-core: .ci/run installs them and runs it"]
fn the_page_in_a_real_browser() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-browser");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    let large_dir = out.join("large");
    large::write(&large_dir);
    let mut specs = serde_json::Map::new();
    for name in ["article", "hostile", "no-source"] {
        let dir = root().join("tests/review").join(name);
        specs.insert(name.into(), page(&dir, &out, name, false));
    }
    specs.insert("large".into(), page(&large_dir, &out, "large", true));
    let spec_path = out.join("spec.json");
    std::fs::write(&spec_path, serde_json::Value::Object(specs).to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let axe = std::env::var_os("CLAIMLINT_AXE").map_or_else(
        || root().join("target/browser/node_modules/axe-core/axe.min.js"),
        PathBuf::from,
    );
    assert!(
        axe.exists(),
        "axe-core is not at {} (npm install --prefix target/browser axe-core@4, as .ci/run does)",
        axe.display()
    );
    let run = Command::new("python3")
        .arg(root().join("tests/browser/review.py"))
        .arg(&spec_path)
        .arg(&axe)
        .arg(out.join("screenshots"))
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.status.success(), "the browser checks failed:\n{said}");
    assert!(said.contains("every check passed"), "{said}");
}

//! Every output format on one file with several findings (tests/formats/): snapshots of
//! the bytes, and SARIF validated against the OASIS SARIF 2.1.0 schema
//! (`tests/schemas/`) with a real validator.

use std::path::PathBuf;
use std::process::Command;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/formats")
}

fn render(format: &str) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .args(["claims.yaml", "--format", format, "--color", "never"])
        .current_dir(dir())
        .output()
        .unwrap_or_else(|e| panic!("running claimlint: {e}"));
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn human() {
    insta::assert_snapshot!(render("human"));
}

#[test]
fn concise() {
    insta::assert_snapshot!(render("concise"));
}

#[test]
fn json() {
    let text = render("json");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "claimlint");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["tool"]["language"], claimlint::LANGUAGE_VERSION);
    insta::assert_snapshot!(text);
}

#[test]
fn github() {
    insta::assert_snapshot!(render("github"));
}

#[test]
fn sarif() {
    let text = render("sarif");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let driver = &v["runs"][0]["tool"]["driver"];
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    insta::assert_snapshot!(text);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for f in ["human", "concise", "json", "sarif", "github"] {
        assert_eq!(render(f), render(f), "{f}");
    }
}

/// The SARIF output is valid against the OASIS SARIF 2.1.0 schema, checked by
/// check-jsonschema (from PyPI; `.ci/run` installs it).
#[test]
#[ignore = "needs check-jsonschema from PyPI: .ci/run installs it and runs the ignored tests"]
fn sarif_is_valid_against_the_oasis_schema() {
    // The OASIS schema, kept beside the tests so that any checkout can run this.
    let schema =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    assert!(
        schema.exists(),
        "the SARIF schema is expected at {}",
        schema.display()
    );
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("formats.sarif");
    std::fs::write(&out, render("sarif")).unwrap_or_else(|e| panic!("{e}"));
    let o = Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(&schema)
        .arg(&out)
        .output()
        .unwrap_or_else(|e| {
            panic!("check-jsonschema is not installed (pip install check-jsonschema): {e}")
        });
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every format carries the same message and help for every finding (the JSON report is
/// the reference): concise the message, github, SARIF and the human report both.
#[test]
fn every_format_carries_the_same_message_and_help() {
    let json: serde_json::Value = serde_json::from_str(&render("json")).unwrap_or_default();
    let findings = json["findings"].as_array().cloned().unwrap_or_default();
    assert!(findings.len() >= 3, "the file has several findings");
    // The human report wraps long lines inside miette's frame: compare without them.
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '│')
            .collect()
    };
    let human = squeeze(&render("human"));
    let concise = render("concise");
    let github = render("github");
    let sarif = render("sarif");
    let sarif_json: serde_json::Value = serde_json::from_str(&sarif).unwrap_or_default();
    let sarif_texts: Vec<String> = sarif_json["runs"][0]["results"]
        .as_array()
        .map(|r| {
            r.iter()
                .map(|x| x["message"]["text"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default();
    for f in &findings {
        let message = f["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty());
        assert!(concise.contains(message), "concise lacks `{message}`");
        // Workflow commands escape `%`, CR and LF in their data.
        let escaped = |t: &str| {
            t.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        assert!(
            github.contains(&escaped(message)),
            "github lacks `{message}`"
        );
        assert!(human.contains(&squeeze(message)), "human lacks `{message}`");
        assert!(
            sarif_texts.iter().any(|t| t.starts_with(message)),
            "sarif lacks `{message}`"
        );
        if let Some(help) = f["help"].as_str() {
            assert!(
                human.contains(&squeeze(help)),
                "human lacks the help `{help}`"
            );
            assert!(
                sarif_texts
                    .iter()
                    .any(|t| t.starts_with(message) && t.contains(help)),
                "sarif lacks the help `{help}`"
            );
        }
    }
}

//! The JSON Schemas of `claimlint schema`, checked by a real validator (check-jsonschema,
//! from PyPI): the repository's claims, rules and config and every well-formed fixture
//! pass; a broken file fails.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema_file(which: &str) -> PathBuf {
    let o = Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .args(["schema", which])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{which}.schema.json"));
    std::fs::write(&p, &o.stdout).unwrap_or_else(|e| panic!("{e}"));
    p
}

fn validate(schema: &Path, files: &[PathBuf]) -> (bool, String) {
    let o = Command::new("check-jsonschema")
        .arg("--schemafile")
        .arg(schema)
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("check-jsonschema is not installed (pip install check-jsonschema): {e}")
        });
    (
        o.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

#[test]
#[ignore = "needs check-jsonschema from PyPI: .ci/run installs it and runs the ignored tests"]
fn repository_files_and_fixtures_are_valid_and_a_broken_file_is_not() {
    let claims = schema_file("claims");
    let mut files = vec![
        root().join("claims.yaml"),
        root().join("tests/formats/claims.yaml"),
    ];
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    for d in dirs {
        let name = d
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // These fixtures are broken on purpose, in ways a schema sees.
        let broken = (name.starts_with("yaml-syntax-")
            || name.starts_with("schema-invalid-")
            || name == "ref-unchecked-schema")
            && !name.ends_with("-ok");
        if !broken {
            files.push(d.join("claims.yaml"));
        }
    }
    let (ok, out) = validate(&claims, &files);
    assert!(ok, "{out}");

    let (ok, out) = validate(
        &schema_file("rules"),
        &[
            root().join("rules/literals.yaml"),
            root().join("rules/units.yaml"),
            root().join("rules/functions.yaml"),
            root().join("rules/lifecycles.yaml"),
        ],
    );
    assert!(ok, "{out}");
    let (ok, out) = validate(&schema_file("config"), &[root().join("claimlint.yaml")]);
    assert!(ok, "{out}");

    let broken = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("broken.claims.yaml");
    std::fs::write(&broken, "claims:\n  - id: residents\n    vaule: 20 mln\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (ok, out) = validate(&claims, &[broken]);
    assert!(!ok, "a misspelt key must fail: {out}");
}

//! Baselines: today's findings recorded, so that only new ones are reported.
//!
//! A finding is keyed by its file, the claim it belongs to and its code, not by its line,
//! so that an edit elsewhere in the file does not invalidate the baseline. Each key keeps
//! a count: a second finding of the same key is new.

use crate::error::{ErrorKind, ToolError};
use crate::report::FileReport;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The file `--write-baseline` writes.
#[derive(Serialize, Deserialize, Debug, Default, PartialEq)]
pub struct Baseline {
    /// Format version: 1.
    pub version: u32,
    /// One entry a key.
    pub findings: Vec<Key>,
}

/// A finding's key and how many findings had it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    /// The claims file, as shown.
    pub path: String,
    /// The claim it belongs to ("" for the file as a whole).
    pub claim: String,
    /// The code.
    pub code: String,
    /// How many.
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

fn key_of(r: &FileReport, f: &crate::Finding) -> (String, String, String) {
    let claim = f
        .claim
        .and_then(|_| f.ids.first().cloned())
        .unwrap_or_default();
    (r.source.name.clone(), claim, f.code.as_str().to_owned())
}

/// The baseline of these reports.
pub fn record(reports: &[FileReport]) -> Baseline {
    let mut counts: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for r in reports {
        for f in &r.findings {
            *counts.entry(key_of(r, f)).or_default() += 1;
        }
    }
    Baseline {
        version: 1,
        findings: counts
            .into_iter()
            .map(|((path, claim, code), count)| Key {
                path,
                claim,
                code,
                count,
            })
            .collect(),
    }
}

/// Reads a baseline file's text.
pub fn parse(text: &str, name: &str) -> Result<Baseline, ToolError> {
    let b: Baseline = serde_json::from_str(text).map_err(|e| {
        ToolError::new(
            ErrorKind::Usage,
            format!("`{name}` is not a claimlint baseline: {e}"),
        )
    })?;
    if b.version != 1 {
        return Err(ToolError::new(
            ErrorKind::Usage,
            format!("`{name}` is a baseline of version {}, not 1", b.version),
        ));
    }
    Ok(b)
}

/// Drops from the reports the findings the baseline holds.
pub fn apply(reports: &mut [FileReport], baseline: &Baseline) {
    let mut left: BTreeMap<(String, String, String), usize> = baseline
        .findings
        .iter()
        .map(|k| ((k.path.clone(), k.claim.clone(), k.code.clone()), k.count))
        .collect();
    for r in reports.iter_mut() {
        let name = r.source.name.clone();
        r.findings.retain(|f| {
            let claim = f
                .claim
                .and_then(|_| f.ids.first().cloned())
                .unwrap_or_default();
            match left.get_mut(&(name.clone(), claim, f.code.as_str().to_owned())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
    }
}

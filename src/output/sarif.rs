//! `sarif`: SARIF 2.1.0, one run, one rule per code (with its explanation as help), and a
//! result per finding with its region and related locations. Plain serde structs.

use super::escape;
use super::location::Region;
use crate::code::{Code, Severity};
use crate::report::FileReport;
use serde::Serialize;

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
struct Run {
    tool: Tool,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    /// The same key a baseline uses (file, claim, code), so that code scanning follows an
    /// alert across edits that move its line.
    partial_fingerprints: std::collections::BTreeMap<&'static str, String>,
}

/// FNV-1a, 64 bits: a stable fingerprint, the same on every platform and run.
fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: Physical,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: SarifRegion,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A path as a relative URI reference: `/` separators, and the characters a URI may not
/// hold percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn physical(name: &str, r: Region) -> Physical {
    Physical {
        artifact_location: Artifact { uri: uri(name) },
        region: SarifRegion {
            start_line: r.line,
            start_column: r.column,
            end_line: r.end_line,
            end_column: r.end_column,
        },
    }
}

/// The first line of a code's explanation: its "what it checks".
fn summary(code: Code) -> String {
    code.explain()
        .lines()
        .find_map(|l| l.strip_prefix("**What it checks.** "))
        .unwrap_or(code.as_str())
        .to_owned()
}

/// Renders the findings of every file.
pub fn render(reports: &[FileReport]) -> String {
    let rules = Code::ALL
        .iter()
        .map(|&c| Rule {
            id: c.as_str(),
            name: c.as_str().replace(['/', '-'], "_"),
            short_description: Text { text: summary(c) },
            full_description: Text { text: summary(c) },
            help: Help {
                text: c.explain().to_owned(),
                markdown: c.explain().to_owned(),
            },
            default_configuration: Configuration {
                level: level(c.default_severity()),
            },
        })
        .collect();
    let results = reports
        .iter()
        .flat_map(|r| &r.findings)
        .map(|f| {
            let mut message = escape(&f.message).into_owned();
            if let Some(h) = &f.help {
                message.push_str("\nhelp: ");
                message.push_str(&escape(h));
            }
            let mut related: Vec<Location> = f
                .labels
                .iter()
                .skip(1)
                .map(|l| {
                    (
                        escape(&f.file.name),
                        Region::of(&f.file, l.span),
                        escape(&l.text),
                    )
                })
                .chain(f.related.iter().map(|r| {
                    (
                        escape(&r.file.name),
                        Region::of(&r.file, r.span),
                        escape(&r.message),
                    )
                }))
                .map(|(n, r, m)| Location {
                    id: None,
                    physical_location: physical(&n, r),
                    message: (!m.is_empty()).then_some(Text {
                        text: m.into_owned(),
                    }),
                })
                .collect();
            for (i, l) in related.iter_mut().enumerate() {
                l.id = Some(i);
            }
            SarifResult {
                rule_id: f.code.as_str(),
                rule_index: Code::ALL.iter().position(|c| *c == f.code).unwrap_or(0),
                level: level(f.severity),
                message: Text { text: message },
                locations: vec![Location {
                    id: None,
                    physical_location: physical(
                        &escape(&f.file.name),
                        Region::of(&f.file, f.primary()),
                    ),
                    message: None,
                }],
                related_locations: related,
                partial_fingerprints: std::iter::once((
                    "claimlint/v1",
                    fingerprint(&[
                        &f.file.name,
                        f.claim
                            .and_then(|_| f.ids.first())
                            .map_or("", String::as_str),
                        f.code.as_str(),
                    ]),
                ))
                .collect(),
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "claimlint",
                    version: crate::VERSION,
                    semantic_version: crate::VERSION,
                    information_uri: env!("CARGO_PKG_HOMEPAGE"),
                    rules,
                },
            },
            results,
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

//! `json`: one object, `{"version": 1, "tool": {...}, "findings": [...]}`. The fields are
//! documented in `docs/json-format.md` and stable: a new field may be added, none removed
//! or renamed without a new `version`.

use super::escape;
use super::location::Region;
use crate::report::FileReport;
use serde::Serialize;

/// The document.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<Item<'a>>,
}

/// What wrote the document.
#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
    language: &'static str,
}

#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    severity: &'a str,
    message: String,
    path: String,
    #[serde(flatten)]
    region: Region,
    /// The claim the finding belongs to (where `allow` must stand).
    claim: Option<String>,
    /// Every claim involved, the owner first.
    ids: Vec<String>,
    help: Option<String>,
    labels: Vec<Place>,
    related: Vec<Place>,
}

#[derive(Serialize)]
struct Place {
    path: String,
    #[serde(flatten)]
    region: Region,
    message: String,
}

/// Renders the findings of every file.
pub fn render(reports: &[FileReport]) -> String {
    let findings = reports
        .iter()
        .flat_map(|r| &r.findings)
        .map(|f| Item {
            code: f.code.as_str(),
            severity: f.severity.as_str(),
            message: escape(&f.message).into_owned(),
            path: escape(&f.file.name).into_owned(),
            region: Region::of(&f.file, f.primary()),
            claim: f
                .claim
                .and_then(|_| f.ids.first())
                .map(|s| escape(s).into_owned()),
            ids: f.ids.iter().map(|s| escape(s).into_owned()).collect(),
            help: f.help.as_deref().map(|h| escape(h).into_owned()),
            labels: f
                .labels
                .iter()
                .map(|l| Place {
                    path: escape(&f.file.name).into_owned(),
                    region: Region::of(&f.file, l.span),
                    message: escape(&l.text).into_owned(),
                })
                .collect(),
            related: f
                .related
                .iter()
                .map(|r| Place {
                    path: escape(&r.file.name).into_owned(),
                    region: Region::of(&r.file, r.span),
                    message: escape(&r.message).into_owned(),
                })
                .collect(),
        })
        .collect();
    let doc = Document {
        version: 1,
        tool: Tool {
            name: "claimlint",
            version: crate::VERSION,
            language: crate::LANGUAGE_VERSION,
        },
        findings,
    };
    let mut s = serde_json::to_string_pretty(&doc)
        .unwrap_or_else(|_| "{\"version\": 1, \"findings\": []}".into());
    s.push('\n');
    s
}

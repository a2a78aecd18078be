//! The parse-only baseline: the claims file deserialized into typed structs with the same
//! YAML crate and options, and nothing else.

#![allow(dead_code)]

use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Deserialize)]
pub struct File {
    pub document: Option<Document>,
    pub claims: Vec<Claim>,
}

#[derive(Deserialize)]
pub struct Document {
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
}

#[derive(Deserialize)]
pub struct Claim {
    pub id: Spanned<String>,
    pub value: Option<Spanned<String>>,
    pub unit: Option<String>,
    pub measure: Option<String>,
    pub domain: Option<String>,
    pub assert: Option<Spanned<String>>,
    pub status: Option<Spanned<String>>,
    pub subject: Option<String>,
    pub quote: Option<String>,
    pub as_of: Option<String>,
    pub note: Option<String>,
}

pub fn parse(text: &str) -> Option<File> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_nodes: 10_000 + text.len() / 2, max_events: 4 * (10_000 + text.len() / 2) },
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options(text, options).ok()
}

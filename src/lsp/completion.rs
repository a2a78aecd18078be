//! Completion: ids and functions in `assert:`, the status phrases in force in
//! `status:`, codes in an `allow` entry's `code:`, and the keys of a claim.

use super::session::Session;
use crate::claim::ClaimKind;
use crate::code::Code;
use crate::rules::Polarity;
use crate::source::Span;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, InsertTextFormat,
    TextDocumentPositionParams, TextEdit,
};

/// `textDocument/completion`.
pub fn complete(s: &Session, p: &TextDocumentPositionParams) -> Option<CompletionResponse> {
    let doc = s.document(p.text_document.uri.as_str())?;
    if !doc.claims {
        return None;
    }
    let checked = doc.checked.as_ref()?;
    let rules = checked.rules.as_deref()?;
    let text = doc.text.as_str();
    let offset = doc.lines.offset(text, p.position);
    let line = doc.lines.line_span(text, doc.lines.line_of(offset));
    let prefix = text.get(line.start..offset)?;
    let indent = prefix.len() - prefix.trim_start().len();
    let trimmed = prefix.trim_start();
    let item = trimmed.strip_prefix('-').map_or(trimmed, str::trim_start);
    // The typed text that an item replaces, from `from` to the cursor.
    let replace = |from: usize| doc.lines.range(text, Span::new(from, offset - from));
    let mut items = Vec::new();
    match item.split_once(':') {
        Some((key, value)) if is_word(key) => {
            let value_start = offset - value.trim_start().len();
            match key {
                "assert" => {
                    let typed = value
                        .bytes()
                        .rev()
                        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                        .count();
                    let range = replace(offset - typed);
                    let file = checked.analysis.as_ref().map(|a| &a.file);
                    for c in file.map_or(&[][..], |f| &f.claims[..]) {
                        if let ClaimKind::Quantity(q) = &c.kind {
                            items.push(item_with(
                                &c.id,
                                CompletionItemKind::VARIABLE,
                                &q.value.text,
                                &c.id,
                                range,
                                false,
                            ));
                        }
                    }
                    let snippets = s.settings().snippets;
                    for (name, f) in &rules.functions {
                        let params = &f.value.params;
                        let snippet = if !snippets {
                            format!("{name}(")
                        } else {
                            format!(
                                "{name}({})",
                                params
                                    .iter()
                                    .enumerate()
                                    .map(|(i, p)| format!("${{{}:{p}}}", i + 1))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        };
                        let detail = format!("{name}({}) = {}", params.join(", "), f.value.formula);
                        items.push(item_with(
                            name,
                            CompletionItemKind::FUNCTION,
                            &detail,
                            &snippet,
                            range,
                            snippets,
                        ));
                    }
                    for (name, sig) in crate::program::BUILTINS {
                        let snippet = if snippets {
                            format!("{name}($1)")
                        } else {
                            format!("{name}(")
                        };
                        items.push(item_with(
                            name,
                            CompletionItemKind::FUNCTION,
                            &format!("{sig}: built in"),
                            &snippet,
                            range,
                            snippets,
                        ));
                    }
                }
                "status" => {
                    let range = replace(value_start);
                    for (name, l) in &rules.lifecycles {
                        for p in l.value.phrases().iter() {
                            let phrase = &p.text;
                            let state = l.value.states.get(p.state).map_or("", String::as_str);
                            let detail = match p.polarity {
                                Polarity::Negated => format!("{name}: not yet {state}"),
                                Polarity::Possible => format!("{name}: possibly {state}"),
                                Polarity::Affirmed => format!("{name}: {state}"),
                            };
                            items.push(item_with(
                                phrase,
                                CompletionItemKind::ENUM_MEMBER,
                                &detail,
                                phrase,
                                range,
                                false,
                            ));
                        }
                    }
                }
                "code" => {
                    let range = replace(value_start);
                    for c in Code::ALL {
                        let first = c
                            .explain()
                            .lines()
                            .find(|l| !l.trim().is_empty() && !l.starts_with('#'));
                        items.push(item_with(
                            c.as_str(),
                            CompletionItemKind::ENUM_MEMBER,
                            first.unwrap_or(""),
                            c.as_str(),
                            range,
                            false,
                        ));
                    }
                }
                _ => return None,
            }
        }
        None if indent > 0 && (item.is_empty() || is_word(item)) => {
            let range = replace(offset - item.len());
            for k in crate::load::CLAIM_KEYS {
                items.push(item_with(
                    k,
                    CompletionItemKind::PROPERTY,
                    "a key of a claim",
                    &format!("{k}: "),
                    range,
                    false,
                ));
            }
        }
        _ => return None,
    }
    Some(CompletionResponse::Array(items))
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

fn item_with(
    label: &str,
    kind: CompletionItemKind,
    detail: &str,
    insert: &str,
    range: lsp_types::Range,
    snippet: bool,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: (!detail.is_empty()).then(|| detail.to_owned()),
        insert_text_format: Some(if snippet {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range,
            insert.to_owned(),
        ))),
        ..CompletionItem::default()
    }
}

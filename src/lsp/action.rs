//! Code actions: apply a finding's suggestion (the closest id, key, phrase, code or
//! function its help names), or silence it with an `allow` entry on the claim it belongs
//! to (SPEC 7), with a reason to fill in.

use super::session::{Document, Session};
use crate::code::Code;
use crate::finding::Finding;
use crate::source::Span;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

/// The reason an added `allow` entry carries until the writer gives one.
pub const REASON: &str = "TODO say why this finding is wrong here";

/// `textDocument/codeAction`.
pub fn actions(s: &Session, p: &CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let doc = s.document(p.text_document.uri.as_str())?;
    let checked = doc.checked.as_ref().filter(|c| c.version == doc.version)?;
    let a = checked.analysis.as_ref()?;
    let shift = checked.shift;
    let wanted = doc.lines.span(&doc.text, p.range);
    let mut out = Vec::new();
    for f in &a.findings {
        let primary = f.primary();
        let at = Span::new(primary.start + shift, primary.len);
        // The findings whose primary span meets the range asked about.
        if at.start > wanted.end() || wanted.start > at.end() {
            continue;
        }
        if let Some(new) = suggestion(f) {
            let old = doc.text.get(at.start..at.end()).unwrap_or("");
            if !new.is_empty() && old != new {
                out.push(action(
                    doc,
                    format!("Replace `{old}` with `{new}`"),
                    vec![TextEdit::new(doc.lines.range(&doc.text, at), new.clone())],
                    true,
                ));
            }
        }
        if let (Some(c), false) = (f.claim, f.code == Code::AllowUnused)
            && let Some(claim) = a.file.claims.get(c)
            && let Some(edit) = allow_edit(doc, claim.id_span.start + shift, f.code)
        {
            out.push(action(
                doc,
                format!("Allow `{}` on `{}`", f.code, claim.id),
                vec![edit],
                false,
            ));
        }
    }
    Some(out)
}

fn action(
    doc: &Document,
    title: String,
    edits: Vec<TextEdit>,
    preferred: bool,
) -> CodeActionOrCommand {
    // The protocol's map of URIs to edits (lsp-types' URI holds a lazily filled cache,
    // which clippy takes for a mutable key; it hashes and compares by its text).
    #[allow(clippy::mutable_key_type)]
    let changes: HashMap<lsp_types::Uri, Vec<TextEdit>> =
        std::iter::once((doc.uri.clone(), edits)).collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

/// The replacement a finding's help proposes ("did you mean `x`?"), for the codes whose
/// primary label is the very word to replace.
pub fn suggestion(f: &Finding) -> Option<String> {
    if !matches!(
        f.code,
        Code::RefUnknown
            | Code::SchemaInvalid
            | Code::StatusUnknownPhrase
            | Code::FormulaInvalid
            | Code::LiteralInvalid
    ) {
        return None;
    }
    let help = f.help.as_deref()?;
    let rest = help.strip_prefix("did you mean `")?;
    let word = &rest[..rest.find('`')?];
    // A function is proposed with its parameters; its name replaces the name written.
    let word = word.split('(').next().unwrap_or(word);
    let old = f.file.slice(f.primary());
    // Only where the label is one word (or a whole phrase, for a status) of the file:
    // a label over a whole value is not replaced by one of its words.
    let one_word = !old.trim().contains(char::is_whitespace);
    (one_word || f.code == Code::StatusUnknownPhrase).then(|| word.to_owned())
}

/// The edit that adds `- code: CODE` and a reason to the `allow` list of the claim whose
/// `id` is at `id_at` (creating the list), in block style. `None` for a claim written in
/// flow style (`{id: x, ...}`), which is left to the writer.
pub fn allow_edit(doc: &Document, id_at: usize, code: Code) -> Option<TextEdit> {
    let text = doc.text.as_str();
    let lines = &doc.lines;
    let id_line = lines.line_of(id_at);
    let line_text = |l: usize| {
        let s = lines.line_span(text, l);
        &text[s.start..s.end()]
    };
    // The column of the `id` key: the claim's keys stand there.
    let first = line_text(id_line);
    let before_id = text.get(lines.line_span(text, id_line).start..id_at)?;
    let key_col = before_id.rfind("id")?;
    let lead = &first[..key_col];
    if !lead.chars().all(|c| c == ' ' || c == '-') {
        return None;
    }
    let indent = |s: &str| s.len() - s.trim_start_matches(' ').len();
    let blank = |s: &str| {
        let t = s.trim();
        t.is_empty() || t.starts_with('#')
    };
    // The claim's lines: up to where the indentation falls below its keys.
    let mut start = id_line;
    if !lead.contains('-') {
        while start > 0 {
            let l = line_text(start - 1);
            if blank(l) || indent(l) >= key_col {
                start -= 1;
                continue;
            }
            let t = l.trim_start_matches(' ');
            if t.starts_with('-')
                && indent(l) + 1 + (t.len() - 1 - t[1..].trim_start().len()) == key_col
            {
                start -= 1;
            }
            break;
        }
    }
    let mut last = id_line;
    let mut l = id_line + 1;
    while l < lines.len() {
        let t = line_text(l);
        if !blank(t) {
            if indent(t) < key_col {
                break;
            }
            last = l;
        }
        l += 1;
    }
    // An `allow:` the claim already has.
    let allow_line = (start..=last).find(|&l| {
        let t = line_text(l);
        let key_at = if l == start { key_col } else { indent(t) };
        t.get(key_at..).is_some_and(|k| k.trim_end() == "allow:")
            && (l == start || indent(t) == key_col)
    });
    let pad = |n: usize| " ".repeat(n);
    let (after, insert) = match allow_line {
        Some(al) => {
            // Its entries end where the indentation comes back to the claim's keys (an
            // entry may stand at the keys' own column, behind its dash).
            let mut end = al;
            let mut dash = None;
            let mut l = al + 1;
            while l <= last {
                let t = line_text(l);
                if !blank(t) {
                    let i = indent(t);
                    let is_entry = t.trim_start().starts_with('-');
                    if i < key_col || (i == key_col && !is_entry) {
                        break;
                    }
                    if is_entry && dash.is_none() {
                        dash = Some(i);
                    }
                    end = l;
                }
                l += 1;
            }
            let d = dash.unwrap_or(key_col + 2);
            (
                end,
                format!("\n{}- code: {code}\n{}reason: {REASON}", pad(d), pad(d + 2)),
            )
        }
        None => (
            last,
            format!(
                "\n{}allow:\n{}- code: {code}\n{}reason: {REASON}",
                pad(key_col),
                pad(key_col + 2),
                pad(key_col + 4)
            ),
        ),
    };
    let end = lines.line_span(text, after).end();
    let at = lines.position(text, end);
    Some(TextEdit::new(lsp_types::Range::new(at, at), insert))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::LineIndex;

    fn doc(text: &str) -> Document {
        Document {
            uri: "file:///x/claims.yaml"
                .parse()
                .unwrap_or_else(|e| panic!("{e:?}")),
            path: None,
            version: 1,
            text: text.to_owned(),
            lines: LineIndex::new(text),
            claims: true,
            checked: None,
        }
    }

    /// The text with the edit applied.
    fn applied(text: &str, id: &str) -> Option<String> {
        let d = doc(text);
        let at = text.find(&format!("id: {id}"))? + 4;
        let e = allow_edit(&d, at, Code::NumericMismatch)?;
        let o = d.lines.offset(text, e.range.start);
        Some(format!("{}{}{}", &text[..o], e.new_text, &text[o..]))
    }

    #[test]
    fn a_new_allow_list_goes_after_the_claims_last_line() {
        let text = "claims:\n  - id: a\n    value: 1\n\n  - id: b\n    value: 2\n";
        assert_eq!(
            applied(text, "a").as_deref(),
            Some(
                "claims:\n  - id: a\n    value: 1\n    allow:\n      - code: numeric/mismatch\n        reason: TODO say why this finding is wrong here\n\n  - id: b\n    value: 2\n"
            )
        );
    }

    #[test]
    fn an_entry_is_added_to_the_list_there_is() {
        // The id is not the first key, and the list stands at the keys' column.
        let text = "claims:\n  - value: 1\n    allow:\n    - code: unit/mismatch\n      reason: on purpose\n    id: a\n  - id: b\n";
        assert_eq!(
            applied(text, "a").as_deref(),
            Some(
                "claims:\n  - value: 1\n    allow:\n    - code: unit/mismatch\n      reason: on purpose\n    - code: numeric/mismatch\n      reason: TODO say why this finding is wrong here\n    id: a\n  - id: b\n"
            )
        );
    }

    #[test]
    fn a_claim_in_flow_style_is_left_to_the_writer() {
        assert_eq!(applied("claims:\n  - {id: a, value: 1}\n", "a"), None);
    }
}

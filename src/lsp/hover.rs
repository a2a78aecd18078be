//! Hover and go to definition: what a literal reads as, the claim behind an id (and for
//! an unknown, what the claims imply), a function's formula, a status phrase's lifecycle,
//! an `allow` code's explanation; and where each of them is defined.

use super::cursor::{self, At, Spot};
use super::session::Session;
use super::uri;
use crate::claim::{Claim, ClaimKind};
use crate::code::Code;
use crate::rules::{Origin, Polarity, RuleSet};
use crate::wording::{self, Style};
use lsp_types::{
    GotoDefinitionResponse, Hover, HoverContents, Location, MarkupContent, MarkupKind, Position,
    Range, TextDocumentPositionParams, Uri,
};

/// `textDocument/hover`.
pub fn hover(s: &Session, p: &TextDocumentPositionParams) -> Option<Hover> {
    let at = cursor::at(s, p)?;
    let spot = at.spot()?;
    let (text, span) = match &spot {
        Spot::Literal(c) | Spot::Id(c) => (
            claim_text(&at, c),
            match (&spot, &c.kind) {
                (Spot::Literal(_), ClaimKind::Quantity(q)) => q.value.span,
                _ => c.id_span,
            },
        ),
        Spot::Word { word, span, call } => {
            let text = if *call {
                function_text(at.rules, word)?
            } else {
                match at.file.claim_index(word) {
                    Some(i) => claim_text(&at, &at.file.claims[i]),
                    None => format!("no claim of this file has the id `{word}`"),
                }
            };
            (text, *span)
        }
        Spot::Status(c) => {
            let ClaimKind::Status(st) = &c.kind else {
                return None;
            };
            (phrase_text(at.rules, &st.phrase.text), st.phrase.span)
        }
        Spot::Quote(c) => {
            let q = c.quote.as_ref()?;
            let a = at.checked.analysis.as_ref()?.article.as_ref()?;
            let span = crate::quote::find(&a.source.text, &q.text)?;
            let line = a.source.line(span.start);
            (
                format!(
                    "quoted from `{}`, line {line}:\n\n> {}",
                    a.source.name,
                    wording::shorten(
                        &a.source
                            .slice(span)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        400
                    )
                ),
                q.span,
            )
        }
        Spot::Allow(code, span) => (code.explain().to_owned(), *span),
    };
    let shift = at.checked.shift;
    let range = at.doc.lines.range(
        &at.doc.text,
        crate::source::Span::new(span.start + shift, span.len),
    );
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range),
    })
}

/// What a claim says, for a hover on it or on its id.
fn claim_text(at: &At<'_>, c: &Claim) -> String {
    match &c.kind {
        ClaimKind::Quantity(q) => {
            let unit = q.unit.as_ref().map(|u| &*u.written).unwrap_or("");
            let factor = q.unit.as_ref().map_or(1.0, |u| u.factor);
            let shown = |i: &crate::interval::Interval| {
                let i = if factor.is_finite() && factor > 0.0 && factor != 1.0 {
                    crate::interval::Interval::new(i.lo / factor, i.hi / factor)
                } else {
                    *i
                };
                let style = Style::for_kind(q.tag.into(), crate::numeric::scale_of(q, at.rules));
                let mut t = wording::stated(&i, &style);
                if !unit.is_empty() {
                    t.push(' ');
                    t.push_str(unit);
                }
                t
            };
            let mut out = format!("`{}`: ", c.id);
            match &q.quantity {
                Some(_) => {
                    out.push_str(&format!(
                        "`{}` reads as {}",
                        q.value.text,
                        shown(&q.interval)
                    ));
                }
                None => {
                    out.push_str("unknown; ");
                    let implied = at
                        .checked
                        .analysis
                        .as_ref()
                        .and_then(|a| {
                            let i = at.file.claim_index(&c.id)?;
                            a.findings
                                .iter()
                                .find(|f| f.code == Code::NumericDerived && f.claim == Some(i))
                        })
                        .map(|f| f.message.clone());
                    out.push_str(
                        &implied
                            .unwrap_or_else(|| "the other claims imply no bound for it".to_owned()),
                    );
                }
            }
            out.push_str(&format!("\n\ndomain: {}", q.domain.as_str()));
            if let Some(m) = &q.measure {
                out.push_str(&format!("; measure: {m}"));
            }
            out
        }
        ClaimKind::Assertion(t) => format!("`{}`: an assertion, `{}`", c.id, t.text),
        ClaimKind::Status(s) => format!(
            "`{}`: a status of `{}`, `{}`\n\n{}",
            c.id,
            s.subject.text,
            s.phrase.text,
            phrase_text(at.rules, &s.phrase.text)
        ),
    }
}

fn function_text(rules: &RuleSet, name: &str) -> Option<String> {
    if let Some(f) = rules.functions.get(name) {
        return Some(format!(
            "`{name}({}) = {}`\n\ndefined in `{}`, line {}",
            f.value.params.join(", "),
            f.value.formula,
            f.origin.file,
            f.origin.line
        ));
    }
    crate::program::BUILTINS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, sig)| format!("`{sig}`: built in"))
}

fn phrase_text(rules: &RuleSet, phrase: &str) -> String {
    let Some(m) = rules.phrase(phrase) else {
        return format!("no lifecycle knows `{phrase}`");
    };
    let states = rules
        .lifecycles
        .get(&*m.lifecycle)
        .map(|l| l.value.states.clone())
        .unwrap_or_default();
    let state = states.get(m.state).map_or("?", String::as_str);
    format!(
        "lifecycle `{}`, state `{state}` ({} of {}: {}), {}",
        m.lifecycle,
        m.state + 1,
        states.len(),
        states.join(" → "),
        match m.polarity {
            Polarity::Negated => format!("negated: not yet `{state}`"),
            Polarity::Possible => format!("possible: `{state}` may come"),
            Polarity::Affirmed => "affirmed".to_owned(),
        }
    )
}

/// `textDocument/definition`.
pub fn definition(s: &Session, p: &TextDocumentPositionParams) -> Option<GotoDefinitionResponse> {
    let at = cursor::at(s, p)?;
    let location = match at.spot()? {
        Spot::Word { word, call, .. } => {
            if call {
                origin(&at.rules.functions.get(word)?.origin)?
            } else {
                let i = at.file.claim_index(word)?;
                let span = at.file.claims[i].id_span;
                let shift = at.checked.shift;
                Location::new(
                    at.doc.uri.clone(),
                    at.doc.lines.range(
                        &at.doc.text,
                        crate::source::Span::new(span.start + shift, span.len),
                    ),
                )
            }
        }
        Spot::Quote(c) => {
            let q = c.quote.as_ref()?;
            let a = at.checked.analysis.as_ref()?.article.as_ref()?;
            let span = crate::quote::find(&a.source.text, &q.text)?;
            let lines = super::position::LineIndex::new(&a.source.text);
            Location::new(
                uri::from_path(&std::path::absolute(&a.path).ok()?)
                    .parse::<Uri>()
                    .ok()?,
                lines.range(&a.source.text, span),
            )
        }
        Spot::Status(c) => {
            let ClaimKind::Status(st) = &c.kind else {
                return None;
            };
            let folded = at.rules.fold_phrase(&st.phrase.text);
            let o = at.rules.lifecycles.values().find_map(|l| {
                l.value
                    .phrases()
                    .iter()
                    .find(|p| at.rules.fold_phrase(&p.text) == folded)
                    .map(|p| p.origin.clone())
            })?;
            origin(&o)?
        }
        Spot::Literal(_) | Spot::Id(_) | Spot::Allow(..) => return None,
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

/// Where a rules entry is written, if it is in a file (not the compiled-in defaults).
fn origin(o: &Origin) -> Option<Location> {
    if o.file.starts_with("<default>") {
        return None;
    }
    let path = std::path::absolute(&*o.file).ok()?;
    let line = u32::try_from(o.line.saturating_sub(1)).ok()?;
    let at = Position::new(line, 0);
    Some(Location::new(
        uri::from_path(&path).parse::<Uri>().ok()?,
        Range::new(at, at),
    ))
}

//! A severity's badge: its icon, word and CSS class, the same wherever the page shows one.

use crate::code::Severity;
use maud::{Markup, html};

/// The one icon and word of a severity, `None` meaning checked and clean.
pub fn mark_words(s: Option<Severity>) -> (&'static str, &'static str, &'static str) {
    match s {
        Some(Severity::Error) => ("✖", "error", "sev-error"),
        Some(Severity::Warning) => ("⚠", "warning", "sev-warning"),
        Some(Severity::Note) => ("ℹ", "note", "sev-note"),
        None => ("✓", "checked", "sev-clean"),
    }
}

pub(super) fn badge(s: Option<Severity>) -> Markup {
    let (icon, word, class) = mark_words(s);
    html! { span class={"badge " (class)} { span aria-hidden="true" { (icon) } " " (word) } }
}

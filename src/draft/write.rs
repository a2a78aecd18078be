//! The draft as YAML, written by hand: a serde emitter writes no comments, and every
//! `quote:` must be quoted safely whatever the article holds.

use std::fmt::Write as _;

/// A claim of the draft, ready to write.
#[derive(Clone, Debug)]
pub struct Claim {
    /// Its id.
    pub id: String,
    /// Its keys after `id`, in order, each with an optional `# check:` comment.
    pub keys: Vec<(&'static str, String, Option<String>)>,
    /// A comment line above the claim.
    pub comment: Option<String>,
}

/// The document header.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The title line.
    pub title: Option<String>,
    /// The article, relative to the draft.
    pub source: Option<String>,
    /// The dateline's day.
    pub date: Option<String>,
}

/// Writes the draft; returns its text and the byte range of each claim in it.
pub fn yaml(doc: &Document, claims: &[Claim], notes: &[String]) -> (String, Vec<(usize, usize)>) {
    let mut s = String::with_capacity(256 + claims.len() * 160);
    s.push_str(
        "# A draft of the claims of an article, by `claimlint draft`. Read every claim against\n\
         # the article and correct it (a `# check:` comment marks a guess), then run claimlint.\n",
    );
    for n in notes {
        let _ = writeln!(s, "# {}", one_line(n));
    }
    if doc.title.is_some() || doc.source.is_some() || doc.date.is_some() {
        s.push_str("document:\n");
        if let Some(t) = &doc.title {
            let _ = writeln!(s, "  title: {}", quoted(t));
        }
        if let Some(t) = &doc.source {
            let _ = writeln!(s, "  source: {}", quoted(t));
        }
        if let Some(t) = &doc.date {
            let _ = writeln!(s, "  date: {t}");
        }
    }
    let mut ranges = Vec::with_capacity(claims.len());
    if claims.is_empty() {
        s.push_str("\nclaims: []\n");
        return (s, ranges);
    }
    s.push_str("\nclaims:\n");
    for c in claims {
        s.push('\n');
        if let Some(n) = &c.comment {
            let _ = writeln!(s, "  # {}", one_line(n));
        }
        let start = s.len();
        let _ = writeln!(s, "  - id: {}", c.id);
        for (k, v, check) in &c.keys {
            let value = match *k {
                "value" | "assert" | "as_of" | "unit" | "measure" | "subject" | "status" => {
                    scalar(v)
                }
                _ => quoted(v),
            };
            let _ = write!(s, "    {k}: {value}");
            if let Some(why) = check {
                let _ = write!(s, "   # check: {}", one_line(why));
            }
            s.push('\n');
        }
        ranges.push((start, s.len()));
    }
    (s, ranges)
}

/// A comment's text on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A scalar written plain where YAML reads it back as the same text, else quoted.
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '$' || c == '€' || c == '£' || c == '(')
        && !s.ends_with(' ')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(|c| {
            c.is_control()
                || matches!(
                    c,
                    '"' | '\'' | '[' | ']' | '{' | '}' | '`' | '&' | '*' | '!' | '|' | '>' | '#'
                )
        })
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "~" | "yes" | "no" | "on" | "off"
        );
    if plain { s.to_owned() } else { quoted(s) }
}

/// A double-quoted YAML scalar: backslash, quote and every control or invisible
/// formatting character escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{85}') =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_where_safe() {
        assert_eq!(scalar("more than 12.5 mln"), "more than 12.5 mln");
        assert_eq!(scalar("25%"), "25%");
        assert_eq!(scalar("$2.4 bn"), "$2.4 bn");
        assert_eq!(scalar("> 5"), "\"> 5\"");
        assert_eq!(scalar("~5"), "\"~5\"");
        assert_eq!(scalar("-5%"), "\"-5%\"");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("share(a, b) = half"), "share(a, b) = half");
        assert_eq!(scalar("b > a"), "\"b > a\"");
        assert_eq!(
            quoted("He said “a \"b\"” \\ \u{202e}x"),
            "\"He said “a \\\"b\\\"” \\\\ \\u202ex\""
        );
    }
}

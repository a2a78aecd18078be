//! Reading the nodes of a rules file: scalars, lists, mappings with known keys, numbers
//! and tolerances, each failure a `rules/invalid` at its position. [`invalid`] and
//! [`list_of`] serve `claimlint.yaml` as well, with its own kind of failure.

use crate::error::{ErrorKind, ToolError};
use crate::source::SourceFile;
use crate::yaml::{Node, NodeKind};
use std::sync::Arc;

/// A failure of `kind` at a node of a rules or config file.
pub(crate) fn invalid(
    kind: ErrorKind,
    file: &Arc<SourceFile>,
    node: &Node,
    msg: impl Into<String>,
) -> ToolError {
    ToolError::at(kind, msg, file, node.span)
}

pub(super) fn bad(file: &Arc<SourceFile>, node: &Node, msg: impl Into<String>) -> ToolError {
    invalid(ErrorKind::Rules, file, node, msg)
}

pub(super) fn scalar<'n>(
    file: &Arc<SourceFile>,
    node: &'n Node,
    what: &str,
) -> Result<&'n str, ToolError> {
    node.as_str().ok_or_else(|| {
        bad(
            file,
            node,
            format!("{what} must be a scalar, not {}", node.kind_name()),
        )
    })
}

pub(super) fn map<'n, 'a>(
    file: &Arc<SourceFile>,
    node: &'n Node<'a>,
    what: &str,
) -> Result<&'n [(Node<'a>, Node<'a>)], ToolError> {
    match &node.kind {
        NodeKind::Map(m) => Ok(m),
        NodeKind::Null => Ok(&[]),
        _ => Err(bad(
            file,
            node,
            format!("{what} must be a mapping, not {}", node.kind_name()),
        )),
    }
}

/// What an empty value (`key:` and nothing after it) is where a list is expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Null {
    /// An empty list (`claimlint.yaml`'s `rules:` and `exclude:`).
    Empty,
    /// A failure: a rules file writes `[]` for an empty list.
    Refused,
}

/// A list of a rules or config file; anything else is a failure of `kind` that names what
/// was found.
pub(crate) fn list_of<'n, 'a>(
    kind: ErrorKind,
    file: &Arc<SourceFile>,
    node: &'n Node<'a>,
    what: &str,
    null: Null,
) -> Result<&'n [Node<'a>], ToolError> {
    match &node.kind {
        NodeKind::Seq(s) => Ok(s),
        NodeKind::Null if null == Null::Empty => Ok(&[]),
        _ => Err(invalid(
            kind,
            file,
            node,
            format!("{what} must be a list, not {}", node.kind_name()),
        )),
    }
}

/// A list of a rules file (`[]` where empty).
pub(super) fn list<'n, 'a>(
    file: &Arc<SourceFile>,
    node: &'n Node<'a>,
    what: &str,
) -> Result<&'n [Node<'a>], ToolError> {
    list_of(ErrorKind::Rules, file, node, what, Null::Refused)
}

/// Checks the keys of a mapping against the known ones, naming the closest.
pub(super) fn known_keys(
    file: &Arc<SourceFile>,
    entries: &[(Node, Node)],
    known: &[&str],
    what: &str,
) -> Result<(), ToolError> {
    // The keys before this one are known and distinct (the first unknown or repeated key
    // ends the loop), so looking back reads at most `known.len()` of them.
    for (i, (k, _)) in entries.iter().enumerate() {
        let name = scalar(file, k, "a key")?;
        if !known.contains(&name) {
            let mut e = bad(file, k, format!("unknown key `{name}` in {what}"));
            if let Some(c) = crate::suggest::closest(name, known.iter().copied()) {
                e = e.with_help(format!(
                    "did you mean `{c}`? known keys: {}",
                    known.join(", ")
                ));
            } else {
                e = e.with_help(format!("known keys: {}", known.join(", ")));
            }
            return Err(e);
        }
        if entries[..i].iter().any(|(e, _)| e.as_str() == Some(name)) {
            return Err(bad(file, k, format!("duplicate key `{name}` in {what}")));
        }
    }
    Ok(())
}

/// A number of the rules: `1e6`, `0.01`, `10%`, `1/3`.
pub(super) fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    let v = if let Some(p) = t.strip_suffix('%') {
        p.trim().parse::<f64>().ok()? / 100.0
    } else if let Some((a, b)) = t.split_once('/') {
        a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?
    } else {
        t.parse::<f64>().ok()?
    };
    v.is_finite().then_some(v)
}

pub(super) fn positive(file: &Arc<SourceFile>, node: &Node, what: &str) -> Result<f64, ToolError> {
    let t = scalar(file, node, what)?;
    number(t).filter(|v| *v > 0.0).ok_or_else(|| {
        bad(
            file,
            node,
            format!("{what} must be a finite positive number, not `{t}`"),
        )
    })
}

pub(super) fn tolerance(file: &Arc<SourceFile>, node: &Node, what: &str) -> Result<f64, ToolError> {
    let t = scalar(file, node, what)?;
    number(t)
        .filter(|v| (0.0..=1.0).contains(v))
        .ok_or_else(|| {
            bad(
                file,
                node,
                format!("{what} must lie in [0%, 100%], not `{t}`"),
            )
        })
}

pub(super) fn boolean(file: &Arc<SourceFile>, node: &Node, what: &str) -> Result<bool, ToolError> {
    match scalar(file, node, what)? {
        "true" => Ok(true),
        "false" => Ok(false),
        t => Err(bad(
            file,
            node,
            format!("{what} must be true or false, not `{t}`"),
        )),
    }
}

/// Folds a word of the rules: lowercase, single spaces.
pub(super) fn fold_word(w: &str) -> String {
    crate::wording::fold(w)
}

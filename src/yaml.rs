//! YAML text -> a tree of nodes with byte spans. The only module that names the YAML crate.
//!
//! Claims, rules and config files are all read through [`parse`]: one YAML document, under
//! the YAML 1.2 core schema with strict booleans, with every duplicate key kept (so that
//! the loader can label both), anchors and aliases bounded, and a node budget that grows
//! with the file so that a large honest file is never refused while a hostile one is.
//! A scalar keeps the text it was written as: `12.50` stays `12.50`, never a float.

use crate::source::{SourceFile, Span};
use serde_saphyr::Spanned;
use std::borrow::Cow;

/// One YAML node and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    /// What the node holds.
    pub kind: NodeKind<'a>,
    /// Where it is written (for an alias, the alias); containers have an empty span at
    /// their start.
    pub span: Span,
}

/// The kinds of node.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind<'a> {
    /// `~`, `null` or nothing.
    Null,
    /// A scalar, with its text as written (the decoded text of a quoted scalar).
    Scalar(Cow<'a, str>),
    /// A sequence.
    Seq(Vec<Node<'a>>),
    /// A mapping, duplicate keys included, in file order.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn entries(&self) -> Option<&[(Node<'a>, Node<'a>)]> {
        match &self.kind {
            NodeKind::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn items(&self) -> Option<&[Node<'a>]> {
        match &self.kind {
            NodeKind::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// A word for what this node is, for messages ("a mapping").
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Scalar(_) => "a scalar",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// A YAML file that could not be read, with where.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// What went wrong, without a position prefix.
    pub message: String,
    /// Where.
    pub span: Span,
    /// Whether the file holds more than one document (not a syntax error, but a file
    /// of the wrong shape).
    pub several_documents: bool,
}

/// Parses one YAML document. `None` for an empty document (or one of only comments).
pub fn parse(file: &SourceFile) -> Result<Option<Node<'static>>, YamlError> {
    let text: &str = &file.text;
    let options = raw::options(text.len(), serde_saphyr::DuplicateKeyPolicy::PassThrough);
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(root) if matches!(root.value, Raw::Null) => Ok(None),
        Ok(root) => Ok(Some(convert(text, root))),
        Err(e) => {
            let span = e.location().map_or(Span::new(text.len(), 0), |loc| {
                let off = loc.span().byte_offset().map_or_else(
                    || file.offset_of(loc.line() as usize, loc.column() as usize),
                    |o| o as usize,
                );
                Span::new(off.min(text.len()), 0)
            });
            let raw = e.to_string();
            Err(YamlError {
                several_documents: raw.contains("multiple YAML documents"),
                message: clean_message(&raw),
                span,
            })
        }
    }
}

/// What the fast path hands over as it reads a claims file.
#[derive(Debug)]
pub enum Handed<'n, 't, P = ()> {
    /// The next claim, and what the caller's `prepare` made of it (to be taken).
    Claim(&'n Node<'t>, &'n mut P),
    /// Forget every claim handed over so far: the first reader gave up halfway, and the
    /// file is read again from its start by the second.
    Retract,
}

/// The fast path for a well-formed claims file, in two readers: claimlint's own scanner
/// of the YAML claims files are written in (see `scan`), then, where it gives up, the
/// events of serde-saphyr's own parser (see `events`); both give the tree `parse` gives,
/// without the serde layer. Anything unusual (an anchor, a tag, an unknown top-level key,
/// a duplicate key, several documents, an error) makes both give up, and the caller
/// takes the generic path, which reports it.
///
/// Each claim is handed to `on_claim` as soon as it is read, so that a large file never
/// stands whole in memory as a tree; [`Handed::Retract`] says the claims handed so far
/// are to be forgotten. Returns the `document:` node, if any; `None` where the fast path
/// gave up (the caller then discards what `on_claim` made of the claims).
///
/// With `pipelined`, a second thread parses while this one hands the claims on, in
/// batches through a bounded channel (so at most a few batches stand in memory); the
/// batches go back to the parsing thread to be freed there, where they were allocated,
/// so that the two threads never wait on each other's allocator. Where no thread can be
/// started, the file is read on this one.
pub fn parse_claims_fast<'t>(
    file: &'t SourceFile,
    pipelined: bool,
    on_claim: &mut dyn FnMut(Handed<'_, 't>),
) -> Option<Option<Node<'t>>> {
    parse_claims_prepared(file, pipelined, &|_| (), on_claim)
}

/// [`parse_claims_fast`], with `prepare` run on each claim as it is read, on the parsing
/// thread where it is pipelined: work that needs nothing but the claim's own node is
/// done beside the caller's, which takes what it made with the claim.
pub fn parse_claims_prepared<'t, P: Send>(
    file: &'t SourceFile,
    pipelined: bool,
    prepare: &(dyn Fn(&Node<'t>) -> P + Sync),
    on_claim: &mut dyn FnMut(Handed<'_, 't, P>),
) -> Option<Option<Node<'t>>> {
    let text: &str = &file.text;
    // On this thread: each claim prepared, then handed over.
    let here = |on_claim: &mut dyn FnMut(Handed<'_, 't, P>)| {
        read_claims(text, &mut |n| match n {
            Some(n) => {
                let mut p = prepare(n);
                on_claim(Handed::Claim(n, &mut p));
            }
            None => on_claim(Handed::Retract),
        })
    };
    if !pipelined {
        return here(on_claim);
    }
    /// What the parsing thread sends.
    enum Sent<'t, P> {
        Batch(Vec<(Node<'t>, P)>),
        Retract,
    }
    const BATCH: usize = 256;
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Sent<'t, P>>(8);
        let (back_tx, back_rx) = std::sync::mpsc::channel::<Vec<(Node<'t>, P)>>();
        let parser = std::thread::Builder::new()
            .name("claimlint-parse".into())
            .spawn_scoped(s, move || {
                let mut batch = Vec::with_capacity(BATCH);
                let read = read_claims(text, &mut |n| match n {
                    Some(n) => {
                        let p = prepare(n);
                        let null = Node {
                            kind: NodeKind::Null,
                            span: n.span,
                        };
                        batch.push((std::mem::replace(n, null), p));
                        if batch.len() == BATCH {
                            // A send fails only once the reader is gone: nothing to do then.
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            let _ = tx.send(Sent::Batch(full));
                            // Free the batches already handed back.
                            while back_rx.try_recv().is_ok() {}
                        }
                    }
                    None => {
                        batch.clear();
                        let _ = tx.send(Sent::Retract);
                    }
                });
                if !batch.is_empty() {
                    let _ = tx.send(Sent::Batch(batch));
                }
                drop(tx);
                // Free what the reader hands back, until it is done.
                back_rx.iter().for_each(drop);
                read
            });
        match parser {
            Ok(parser) => {
                for sent in rx {
                    match sent {
                        Sent::Batch(mut batch) => {
                            for (n, p) in &mut batch {
                                on_claim(Handed::Claim(n, p));
                            }
                            let _ = back_tx.send(batch);
                        }
                        Sent::Retract => on_claim(Handed::Retract),
                    }
                }
                drop(back_tx);
                parser.join().ok().flatten()
            }
            // No thread to be had: read it here.
            Err(_) => here(on_claim),
        }
    })
}

/// The scanner, then the event reader where it gives up; `None` is handed over where the
/// scanner gave up after handing over claims.
fn read_claims<'t>(
    text: &'t str,
    on_node: &mut dyn FnMut(Option<&mut Node<'t>>),
) -> Option<Option<Node<'t>>> {
    let mut handed = false;
    let scanned = scan::claims(text, &mut |n| {
        handed = true;
        on_node(Some(n));
    });
    match scanned {
        Ok(document) => Some(document),
        Err(_) => {
            if handed {
                on_node(None);
            }
            events::claims(text, &mut |mut n| on_node(Some(&mut n))).ok()
        }
    }
}

mod events;
pub mod outline;
mod raw;
mod scan;

use raw::Raw;

/// The crate's message starts with "line L column C: " and may carry a snippet: keep the
/// sentence alone, since our own report shows the position.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let rest = match first.strip_prefix("line ") {
        Some(r) => r.split_once(": ").map_or(first, |(_, m)| m),
        None => first,
    };
    let rest = rest
        .split("; use from_str_multiple")
        .next()
        .unwrap_or(rest)
        .trim();
    // Our report shows the position: drop the crate's own ` at line L, column C`.
    let rest = match rest.rfind(" at line ") {
        Some(i) if rest[i..].contains("column") => rest[..i].trim(),
        _ => rest,
    };
    if rest.starts_with("budget breached") {
        // A node, depth or alias budget: say what it protects against.
        let what = rest.trim_start_matches("budget breached:").trim();
        let what = what.split(" (").next().unwrap_or(what);
        let what = what.split(" at line").next().unwrap_or(what);
        return format!(
            "the file is larger or nests deeper than claimlint reads, or expands too far through anchors and aliases ({what})"
        );
    }
    if rest.is_empty() {
        "the file is not valid YAML".to_owned()
    } else {
        rest.to_owned()
    }
}

fn span_of(loc: &serde_saphyr::Location) -> Option<Span> {
    raw::byte_span(loc).map(|(start, len)| Span::new(start, len))
}

fn convert(text: &str, node: Spanned<Raw>) -> Node<'static> {
    let span = span_of(&node.referenced).unwrap_or_default();
    let kind = match node.value {
        Raw::Null => NodeKind::Null,
        // Numbers and booleans are read from their source text (of the anchor, for an
        // alias), never through a float.
        Raw::Plain => {
            let defined = span_of(&node.defined).unwrap_or(span);
            NodeKind::Scalar(Cow::Owned(
                text.get(defined.start..defined.end())
                    .unwrap_or("")
                    .to_owned(),
            ))
        }
        Raw::Str(s) => NodeKind::Scalar(Cow::Owned(s)),
        Raw::Seq(items) => NodeKind::Seq(items.into_iter().map(|n| convert(text, n)).collect()),
        Raw::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(text, k), convert(text, v)))
                .collect(),
        ),
    };
    Node { kind, span }
}

#[cfg(test)]
mod tests;

//! Flow collections (`[a, b]`, `{k: v}`): on one line or over several, each new line
//! indented past the block collection that holds them.

use super::plain::plain_node;
use super::{GiveUp, MAX_DEPTH, MAX_KEY, Node, NodeKind, Scanner, Span, Step, Stop, check_key};
use std::borrow::Cow;

impl<'t> Scanner<'t> {
    /// Spaces, line breaks and comments inside a flow collection, each new line indented
    /// past the block collection at column `parent`.
    pub(super) fn flow_space(&mut self, parent: usize) -> Step<()> {
        loop {
            let before = self.pos;
            self.skip_spaces();
            match self.peek() {
                b'#' if self.pos > before || self.pos == self.line => self.skip_comment(),
                b'\n' if !self.at_end() => {
                    self.newline();
                    self.skip_spaces();
                    if self.peek() != b'\n' && self.col() <= parent {
                        return Err(GiveUp);
                    }
                    self.pos = self.line;
                }
                _ => return Ok(()),
            }
        }
    }

    /// A flow collection from its bracket.
    pub(super) fn flow(&mut self, parent: usize, depth: usize) -> Step<Node<'t>> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        if self.peek() == b'[' {
            let mut items = Vec::new();
            let span = self.flow_seq(parent, depth + 1, &mut |_, n| items.push(n))?;
            return Ok(Node {
                kind: NodeKind::Seq(items),
                span,
            });
        }
        let span = Span::new(self.pos, 0);
        self.pos += 1;
        let mut entries = self.entries();
        loop {
            self.flow_space(parent)?;
            if self.peek() == b'}' {
                self.pos += 1;
                break;
            }
            let key = match self.peek() {
                b'"' | b'\'' => {
                    let start = self.pos;
                    let (v, end) = self.quoted(parent, true)?;
                    self.skip_spaces();
                    if self.peek() != b':' || self.pos - start > MAX_KEY {
                        return Err(GiveUp);
                    }
                    Node {
                        kind: NodeKind::Scalar(v),
                        span: Span::new(start, end - start),
                    }
                }
                _ => {
                    let start = self.pos;
                    let (k, Stop::Colon) = self.plain_line(true)? else {
                        return Err(GiveUp);
                    };
                    if self.pos - start > MAX_KEY {
                        return Err(GiveUp);
                    }
                    plain_node(Cow::Borrowed(k), Span::new(start, k.len()))
                }
            };
            if !matches!(self.peek_at(1), b' ' | b'\n') {
                return Err(GiveUp);
            }
            check_key(&entries, &key)?;
            self.pos += 1;
            self.flow_space(parent)?;
            let value = self.flow_node(parent, depth + 1)?;
            entries.push((key, value));
            self.flow_space(parent)?;
            match self.peek() {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(GiveUp),
            }
        }
        Ok(Node {
            kind: NodeKind::Map(entries),
            span,
        })
    }

    /// A flow sequence from its `[`, each item handed to `item`.
    pub(super) fn flow_seq(
        &mut self,
        parent: usize,
        depth: usize,
        item: &mut dyn FnMut(&mut Self, Node<'t>),
    ) -> Step<Span> {
        let span = Span::new(self.pos, 0);
        self.pos += 1;
        loop {
            self.flow_space(parent)?;
            if self.peek() == b']' {
                self.pos += 1;
                break;
            }
            let node = self.flow_node(parent, depth)?;
            item(self, node);
            self.flow_space(parent)?;
            match self.peek() {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(GiveUp),
            }
        }
        Ok(span)
    }

    /// A node inside a flow collection: a nested collection or a scalar on one line.
    pub(super) fn flow_node(&mut self, parent: usize, depth: usize) -> Step<Node<'t>> {
        if depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        let start = self.pos;
        match self.peek() {
            b'[' | b'{' => self.flow(parent, depth),
            b'"' | b'\'' => {
                let (v, end) = self.quoted(parent, true)?;
                Ok(Node {
                    kind: NodeKind::Scalar(v),
                    span: Span::new(start, end - start),
                })
            }
            _ => {
                let (v, Stop::Flow) = self.plain_line(true)? else {
                    return Err(GiveUp);
                };
                Ok(plain_node(Cow::Borrowed(v), Span::new(start, v.len())))
            }
        }
    }
}

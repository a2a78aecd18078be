//! The protocol's framing (`Content-Length: N`, a blank line, N bytes of JSON), read with
//! limits: a header line, a message and the whole stream of garbage a client may send are
//! bounded, so that no input makes the server allocate without end, crash, or stop
//! answering. `lsp-server`'s own reader trusts the length it is given and ends at the
//! first malformed message; this one reads the same messages and survives the rest.

use lsp_server::{ErrorCode, Message};
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};

/// The longest header line read; a longer one is skipped.
pub const MAX_HEADER_LINE: usize = 8 * 1024;

/// What came in.
#[derive(Debug)]
pub enum Frame {
    /// A message.
    Message(Message),
    /// Something that is not a message, and the error to answer it with (with the id
    /// it carried, if one could be read).
    Invalid {
        /// The request's id, or null.
        id: Value,
        /// JSON-RPC's code.
        code: ErrorCode,
        /// Why, in a few words.
        message: String,
    },
    /// Bytes that were skipped, and why (answered with a log message: there is no id).
    Skipped(String),
}

/// Reads one frame; `None` at the end of the input. `max_body` bounds a message.
pub fn read_frame(r: &mut impl BufRead, max_body: usize) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut skipped = None;
    loop {
        line.clear();
        let n = r
            .by_ref()
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if line.last() != Some(&b'\n') {
            // Too long for a header: skip to the end of the line, and say so once the
            // headers end.
            skip_line(r)?;
            skipped = Some("a header line longer than 8 KiB was skipped".to_owned());
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if length.is_some() {
                break;
            }
            // A blank line with no length before it ends a run of garbage.
            if let Some(why) = skipped.take() {
                return Ok(Some(Frame::Skipped(why)));
            }
            continue;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("`{}` is not a length", shorten(value.trim()))),
                );
            }
            // Content-Type and any other header are read and ignored.
            Some(_) => {}
            None => skipped = Some(format!("`{}` is not a header", shorten(text))),
        }
    }
    let len = match length {
        Some(Ok(n)) => n,
        Some(Err(why)) => {
            return Ok(Some(Frame::Skipped(format!(
                "a message was skipped: {why}"
            ))));
        }
        None => return Ok(None),
    };
    if len > max_body {
        // The body is read and dropped, never held.
        let dropped = io::copy(&mut r.by_ref().take(len as u64), &mut io::sink())?;
        return Ok(Some(Frame::Skipped(format!(
            "a message of {len} bytes was skipped ({dropped} read): claimlint reads messages of at most {max_body} bytes"
        ))));
    }
    let mut body = Vec::new();
    r.by_ref().take(len as u64).read_to_end(&mut body)?;
    if body.len() < len {
        // The input ended inside the message.
        return Ok(None);
    }
    Ok(Some(parse(&body)))
}

fn skip_line(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

fn shorten(s: &str) -> String {
    crate::wording::shorten(s, 40)
}

/// A body, as a message or as the error it deserves.
fn parse(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Frame::Invalid {
                id: Value::Null,
                code: ErrorCode::ParseError,
                message: format!("the message is not JSON: {e}"),
            };
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Frame::Message(m),
        Err(e) => Frame::Invalid {
            id,
            code: ErrorCode::InvalidRequest,
            message: format!("the message is not a request, response or notification: {e}"),
        },
    }
}

/// A message to send: most as `lsp-server`'s messages; diagnostics, the large and
/// frequent ones, as their JSON, serialized straight from their types (no JSON tree in
/// between: on a large file that tree cost more than the check).
#[derive(Debug)]
pub enum Out {
    /// A message.
    Message(Message),
    /// A message's JSON, whole.
    Json(String),
}

impl From<Message> for Out {
    fn from(m: Message) -> Out {
        Out::Message(m)
    }
}

/// Writes one message.
pub fn write_out(w: &mut impl Write, out: &Out) -> io::Result<()> {
    match out {
        Out::Message(m) => m.write(w),
        Out::Json(body) => {
            write!(w, "Content-Length: {}\r\n\r\n", body.len())?;
            w.write_all(body.as_bytes())?;
            w.flush()
        }
    }
}

/// Writes an error response whose id may be null (a message that could not be read).
pub fn write_error(
    w: &mut impl Write,
    id: &Value,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8], max: usize) -> Vec<Frame> {
        let mut r = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Ok(Some(f)) = read_frame(&mut r, max) {
            out.push(f);
        }
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn messages_and_garbage() {
        let ok = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let mut input = String::new();
        input.push_str("garbage line\r\n\r\n");
        input.push_str(&framed("{not json"));
        input.push_str(&framed(r#"{"id":7,"foo":1}"#));
        input.push_str("Content-Length: 99999999999999999999\r\n\r\n");
        input.push_str(&framed(ok));
        let f = frames(input.as_bytes(), 1000);
        let kinds: Vec<String> = f
            .iter()
            .map(|f| match f {
                Frame::Message(m) => format!("message {m:?}").chars().take(20).collect(),
                Frame::Invalid { id, code, .. } => format!("invalid {id} {}", *code as i32),
                Frame::Skipped(_) => "skipped".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "skipped",
                "invalid null -32700",
                "invalid 7 -32600",
                "skipped",
                "message Request(Requ",
            ]
        );
    }

    #[test]
    fn a_huge_length_is_dropped_not_held() {
        let mut input = b"Content-Length: 5000\r\n\r\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        input.extend(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#).bytes());
        let f = frames(&input, 1000);
        assert!(matches!(f.first(), Some(Frame::Skipped(_))));
        assert!(matches!(f.get(1), Some(Frame::Message(_))));
        // A length larger than what follows ends the input quietly.
        assert!(frames(b"Content-Length: 10\r\n\r\nabc", 1000).is_empty());
    }

    #[test]
    fn a_long_header_line_is_skipped() {
        let mut input = vec![b'a'; MAX_HEADER_LINE * 3];
        input.extend(b"\r\n");
        input.extend(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#).bytes());
        let f = frames(&input, 1000);
        assert!(matches!(f.last(), Some(Frame::Message(_))), "{f:?}");
    }
}

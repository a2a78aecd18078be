//! `claimlint lsp`: a language server over standard input and output.
//!
//! One synchronous loop, as ruff's server: a thread reads frames (with limits, see
//! [`transport`]) and hands them over in order; the loop handles every message that has
//! come in, then checks the claims files those messages changed and publishes their
//! diagnostics, then waits for more. Requests are answered on the latest text. The
//! server reads files but never writes one: code actions are edits the editor applies.

mod action;
pub mod analysis;
mod completion;
mod cursor;
mod diagnostic;
mod document;
mod hover;
pub mod position;
pub mod session;
pub mod transport;
pub mod uri;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    InitializeParams, InitializeResult, PositionEncodingKind, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use session::{Session, Settings};
use std::io::{self, BufRead, Write};
use std::sync::mpsc;
use transport::{Frame, Out};

/// The largest message read: a claims file of the largest size `check` reads, escaped.
pub const MAX_MESSAGE_BYTES: usize = 2 * session::MAX_DOCUMENT_BYTES + 1024 * 1024;

/// How the session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// `exit` after `shutdown`: exit code 0.
    Clean,
    /// `exit` without `shutdown`, or the input ended: exit code 1, as the protocol says.
    Abrupt,
}

/// Serves one client until `exit` or the end of the input.
pub fn serve<R, W>(input: R, mut output: W) -> io::Result<Ending>
where
    R: BufRead + Send + 'static,
    W: Write,
{
    let (tx, rx) = mpsc::sync_channel::<Frame>(64);
    // The reader stops at the end of the input, at `exit`, or when the loop is gone.
    let reader = std::thread::Builder::new()
        .name("claimlint-lsp-reader".into())
        .spawn(move || {
            let mut input = input;
            while let Ok(Some(frame)) = transport::read_frame(&mut input, MAX_MESSAGE_BYTES) {
                let exit = matches!(&frame, Frame::Message(Message::Notification(n)) if n.method == "exit");
                if tx.send(frame).is_err() || exit {
                    break;
                }
            }
        })?;
    let mut server = Server::default();
    let ending = server.run(&rx, &mut output);
    drop(rx);
    // The reader ends with the input; it is not waited for (a client may keep its end of
    // the pipe open after `exit`).
    drop(reader);
    ending
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    #[default]
    Waiting,
    Running,
    ShutDown,
}

/// The loop's state: the protocol's phase and the session.
#[derive(Debug, Default)]
pub struct Server {
    state: State,
    session: Session,
    watch: bool,
}

impl Server {
    fn run(&mut self, rx: &mpsc::Receiver<Frame>, w: &mut impl Write) -> io::Result<Ending> {
        let mut out = Vec::new();
        loop {
            let Ok(frame) = rx.recv() else {
                return Ok(Ending::Abrupt);
            };
            let mut next = Some(frame);
            // Every message already waiting is handled before any check runs.
            while let Some(frame) = next.take() {
                if let Some(ending) = self.frame(frame, &mut out, w)? {
                    flush(w, &mut out)?;
                    return Ok(ending);
                }
                flush(w, &mut out)?;
                next = rx.try_recv().ok();
            }
            self.session.check_pending(&mut out);
            flush(w, &mut out)?;
        }
    }

    fn frame(
        &mut self,
        frame: Frame,
        out: &mut Vec<Out>,
        w: &mut impl Write,
    ) -> io::Result<Option<Ending>> {
        match frame {
            Frame::Message(m) => Ok(self.handle(m, out)),
            Frame::Invalid { id, code, message } => {
                transport::write_error(w, &id, code, &message)?;
                Ok(None)
            }
            Frame::Skipped(why) => {
                out.push(log(&why));
                Ok(None)
            }
        }
    }

    /// Handles one message; its answers and notifications go to `out`. `Some` at `exit`.
    pub fn handle(&mut self, m: Message, out: &mut Vec<Out>) -> Option<Ending> {
        match m {
            Message::Request(r) => self.request(r, out),
            Message::Notification(n) => return self.notification(n, out),
            // Answers to the server's own requests (the watchers' registration).
            Message::Response(_) => {}
        }
        None
    }

    /// Checks what is waiting (the loop does this once the messages in hand are handled).
    pub fn check_pending(&mut self, out: &mut Vec<Out>) {
        self.session.check_pending(out);
    }

    fn request(&mut self, r: Request, out: &mut Vec<Out>) {
        let id = r.id.clone();
        match (self.state, r.method.as_str()) {
            (State::Waiting, "initialize") => {
                let params = serde_json::from_value::<InitializeParams>(r.params);
                match params {
                    Ok(p) => {
                        let mut settings = p
                            .initialization_options
                            .and_then(|o| serde_json::from_value::<Settings>(o).ok())
                            .unwrap_or_default();
                        settings.snippets = p
                            .capabilities
                            .text_document
                            .as_ref()
                            .and_then(|t| t.completion.as_ref())
                            .and_then(|c| c.completion_item.as_ref())
                            .and_then(|i| i.snippet_support)
                            .unwrap_or(false);
                        self.watch = p
                            .capabilities
                            .workspace
                            .and_then(|w| w.did_change_watched_files)
                            .and_then(|d| d.dynamic_registration)
                            .unwrap_or(false);
                        self.session = Session::new(settings);
                        self.state = State::Running;
                        out.push(ok(id, initialize_result()));
                    }
                    Err(e) => out.push(err(id, ErrorCode::InvalidParams, &e.to_string())),
                }
            }
            (State::Waiting, _) => out.push(err(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            )),
            (State::Running, "initialize") => out.push(err(
                id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            )),
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                out.push(ok(id, serde_json::Value::Null));
            }
            (State::Running, method) => {
                let answer = self.feature(method, r.params, out);
                out.push(match answer {
                    Ok(v) => ok(id, v),
                    Err((code, why)) => err(id, code, &why),
                });
            }
            (State::ShutDown, _) => out.push(err(
                id,
                ErrorCode::InvalidRequest,
                "the server is shut down",
            )),
        }
    }

    fn feature(
        &mut self,
        method: &str,
        params: serde_json::Value,
        out: &mut Vec<Out>,
    ) -> Result<serde_json::Value, (ErrorCode, String)> {
        fn parse<P: serde::de::DeserializeOwned>(
            v: serde_json::Value,
        ) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(v).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        let s = &mut self.session;
        let v = match method {
            "textDocument/hover" => {
                let p: lsp_types::HoverParams = parse(params)?;
                let uri = p.text_document_position_params.text_document.uri.as_str();
                s.check_now(uri, out);
                to_value(hover::hover(s, &p.text_document_position_params))
            }
            "textDocument/definition" => {
                let p: lsp_types::GotoDefinitionParams = parse(params)?;
                let uri = p.text_document_position_params.text_document.uri.as_str();
                s.check_now(uri, out);
                to_value(hover::definition(s, &p.text_document_position_params))
            }
            "textDocument/completion" => {
                let p: lsp_types::CompletionParams = parse(params)?;
                let uri = p.text_document_position.text_document.uri.as_str();
                s.check_now(uri, out);
                to_value(completion::complete(s, &p.text_document_position))
            }
            "textDocument/codeAction" => {
                let p: lsp_types::CodeActionParams = parse(params)?;
                s.check_now(p.text_document.uri.as_str(), out);
                to_value(action::actions(s, &p))
            }
            _ => {
                return Err((
                    ErrorCode::MethodNotFound,
                    format!("claimlint does not answer `{method}`"),
                ));
            }
        };
        Ok(v)
    }

    fn notification(&mut self, n: Notification, out: &mut Vec<Out>) -> Option<Ending> {
        if n.method == "exit" {
            return Some(if self.state == State::ShutDown {
                Ending::Clean
            } else {
                Ending::Abrupt
            });
        }
        if self.state != State::Running {
            // Before `initialize` and after `shutdown`, notifications are dropped.
            return None;
        }
        let mut notes = Vec::new();
        let s = &mut self.session;
        let bad = |e: serde_json::Error| format!("`{}` was ignored: {e}", n.method);
        match n.method.as_str() {
            "initialized" if self.watch => out.push(register_watchers()),
            "textDocument/didOpen" => match serde_json::from_value(n.params.clone()) {
                Ok(p) => s.open(p, &mut notes),
                Err(e) => notes.push(bad(e)),
            },
            "textDocument/didChange" => match serde_json::from_value(n.params.clone()) {
                Ok(p) => s.change(p, &mut notes),
                Err(e) => notes.push(bad(e)),
            },
            "textDocument/didSave" => match serde_json::from_value(n.params.clone()) {
                Ok(p) => s.save(&p),
                Err(e) => notes.push(bad(e)),
            },
            "textDocument/didClose" => match serde_json::from_value(n.params.clone()) {
                Ok(p) => {
                    if let Some(uri) = s.close(&p) {
                        out.extend(session::publish(&uri, Vec::new(), None));
                    }
                }
                Err(e) => notes.push(bad(e)),
            },
            "workspace/didChangeWatchedFiles" => match serde_json::from_value(n.params.clone()) {
                Ok(p) => s.watched(&p),
                Err(e) => notes.push(bad(e)),
            },
            // Cancellation, tracing, settings and anything else: nothing to do (requests
            // are answered in order, each quickly).
            _ => {}
        }
        out.extend(notes.iter().map(|m| log(m)));
        None
    }
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
            definition_provider: Some(lsp_types::OneOf::Left(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(
                    [":", " ", "(", ","]
                        .iter()
                        .map(|s| (*s).to_owned())
                        .collect(),
                ),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "claimlint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}

fn register_watchers() -> Out {
    let options = lsp_types::DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String("**/*".to_owned()),
            kind: None,
        }],
    };
    Out::Message(Message::Request(Request::new(
        RequestId::from("claimlint/watch".to_owned()),
        "client/registerCapability".to_owned(),
        lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "claimlint/watch".to_owned(),
                method: "workspace/didChangeWatchedFiles".to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        },
    )))
}

fn to_value<T: serde::Serialize>(v: T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

fn ok(id: RequestId, v: impl serde::Serialize) -> Out {
    Out::Message(Message::Response(Response {
        id,
        response_result: Ok(to_value(v)),
    }))
}

fn err(id: RequestId, code: ErrorCode, message: &str) -> Out {
    Out::Message(Message::Response(Response::new_err(
        id,
        code as i32,
        message.to_owned(),
    )))
}

/// A `window/logMessage` warning.
fn log(message: &str) -> Out {
    Out::Message(Message::Notification(Notification::new(
        "window/logMessage".to_owned(),
        lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::WARNING,
            message: message.to_owned(),
        },
    )))
}

fn flush(w: &mut impl Write, out: &mut Vec<Out>) -> io::Result<()> {
    for m in out.drain(..) {
        transport::write_out(w, &m)?;
    }
    Ok(())
}

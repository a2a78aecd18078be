//! `claimlint lsp` end to end: the real binary, spoken to in JSON-RPC over pipes.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A fresh folder under the target directory for one test, a repository of its own.
fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    d.canonicalize().unwrap_or_else(|e| panic!("{e}"))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
}

fn uri(p: &Path) -> String {
    claimlint::lsp::uri::from_path(p)
}

/// A client: the server's pipes, and what it has said.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
    /// Everything received, for the snapshot.
    transcript: Vec<Value>,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimlint"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting claimlint lsp: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let stdin = child.stdin.take();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 0,
            transcript: Vec::new(),
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        if let Some(s) = self.stdin.as_mut() {
            s.write_all(bytes)
                .unwrap_or_else(|e| panic!("writing to the server: {e}"));
            s.flush().unwrap_or_else(|e| panic!("{e}"));
        }
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its answer (what came before it is kept).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.until(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Waits for a message that `want` accepts (20 s at most: a hang fails the test).
    fn until(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            match self.rx.recv_timeout(Duration::from_secs(20)) {
                Ok(m) => {
                    self.transcript.push(m.clone());
                    if want(&m) {
                        return m;
                    }
                }
                Err(e) => panic!(
                    "the server said nothing more ({e}); so far: {:#?}",
                    self.transcript
                ),
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        self.until(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })["params"]
            .clone()
    }

    fn initialize(&mut self, root: &Path) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// `shutdown`, `exit`, and the exit code.
    fn finish(mut self) -> (Option<i32>, Vec<Value>) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let status = self.child.wait().unwrap_or_else(|e| panic!("{e}"));
        (status.code(), self.transcript)
    }
}

/// Messages as a readable text, with the scratch folder's URI made stable.
fn shown(messages: &[Value], dir: &Path) -> String {
    let text = serde_json::to_string_pretty(messages).unwrap_or_default();
    text.replace(&uri(dir), "file:///REPO")
}

const ARTICLE: &str =
    "The city has 20 mln residents. About 10 mln of them use the app every month.\n";

const CLAIMS: &str = "document:
  source: article.md
claims:
  - id: residents
    value: 20 mln
    unit: people
    quote: The city has 20 mln residents
  - id: users
    value: about 10 mln
    unit: people
    quote: About 10 mln of them use the app
  - id: half
    assert: share(users, resident) = half
    quote: use the app every month
";

#[test]
fn a_session_from_initialize_to_exit() {
    let dir = scratch("lsp-session");
    let claims = dir.join("claims.yaml");
    write(&claims, CLAIMS);
    write(&dir.join("article.md"), ARTICLE);
    let claims_uri = uri(&claims);
    let mut c = Client::start(&dir);
    let init = c.initialize(&dir);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");

    // A failing file: the id in the assertion is mistyped.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": claims_uri, "languageId": "yaml", "version": 1, "text": CLAIMS}}),
    );
    let d = c.diagnostics(&claims_uri);
    assert_eq!(d["version"], 1);
    assert_eq!(d["diagnostics"][0]["code"], "ref/unknown");
    assert_eq!(d["diagnostics"].as_array().map(Vec::len), Some(1));
    // Line 12 is `    assert: share(users, resident) = half`: `resident` at 25..33.
    assert_eq!(
        d["diagnostics"][0]["range"],
        json!({"start": {"line": 12, "character": 25}, "end": {"line": 12, "character": 33}})
    );

    // Fixed with an incremental change: one `s` after `resident`.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": claims_uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 12, "character": 33}, "end": {"line": 12, "character": 33}}, "text": "s"}]}),
    );
    let d = c.diagnostics(&claims_uri);
    assert_eq!(d["version"], 2);
    assert_eq!(d["diagnostics"], json!([]));

    // Hover on `users` in the formula.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": claims_uri}, "position": {"line": 12, "character": 20}}),
    );
    let hover = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(
        hover.contains("`about 10 mln` reads as 8.5 mln–11.5 mln people"),
        "{hover}"
    );

    // Definition of the quote of `users`: its passage in the article.
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": claims_uri}, "position": {"line": 10, "character": 14}}),
    );
    assert_eq!(def["result"]["uri"], uri(&dir.join("article.md")));
    assert_eq!(
        def["result"]["range"],
        json!({"start": {"line": 0, "character": 31}, "end": {"line": 0, "character": 63}})
    );

    // Completion after `share(` in the assertion: the ids and the functions.
    let comp = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": claims_uri}, "position": {"line": 12, "character": 18}}),
    );
    let labels: Vec<&str> = comp["result"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    for want in ["residents", "users", "share", "growth", "sum"] {
        assert!(labels.contains(&want), "{want} in {labels:?}");
    }
    assert!(
        !labels.contains(&"half"),
        "an assertion is not a value: {labels:?}"
    );

    // A mismatch, silenced by the code action that adds an `allow` entry.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": claims_uri, "version": 3},
               "contentChanges": [{"range": {"start": {"line": 8, "character": 11}, "end": {"line": 8, "character": 23}}, "text": "12.5 mln"}]}),
    );
    let d = c.diagnostics(&claims_uri);
    assert_eq!(d["diagnostics"][0]["code"], "numeric/mismatch");
    let range = d["diagnostics"][0]["range"].clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": claims_uri}, "range": range, "context": {"diagnostics": []}}),
    );
    let allow = actions["result"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|x| x["title"] == "Allow `numeric/mismatch` on `half`")
        })
        .cloned()
        .unwrap_or_else(|| panic!("no allow action in {actions}"));
    let edits = allow["edit"]["changes"][&claims_uri].clone();
    let edit = &edits[0];
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": claims_uri, "version": 4},
               "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]}),
    );
    let d = c.diagnostics(&claims_uri);
    assert_eq!(d["version"], 4);
    assert_eq!(
        d["diagnostics"],
        json!([]),
        "the allow entry silences the mismatch"
    );

    let (code, transcript) = c.finish();
    assert_eq!(code, Some(0), "exit after shutdown is 0");
    assert!(
        std::fs::read_to_string(&claims).is_ok_and(|t| t == CLAIMS),
        "no file is written"
    );
    insta::assert_snapshot!("session", shown(&transcript, &dir));
}

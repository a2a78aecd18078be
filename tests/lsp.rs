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
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).unwrap_or_else(|e| panic!("{e}"));
    }
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
            json!({"processId": null, "rootUri": uri(root),
                   "capabilities": {"textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}}}),
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

    // The code actions on it: the suggestion of its help, and an `allow` entry.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": claims_uri}, "range": d["diagnostics"][0]["range"], "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["title"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        titles,
        [
            "Replace `resident` with `residents`",
            "Allow `ref/unknown` on `half`"
        ]
    );
    assert_eq!(
        actions["result"][0]["edit"]["changes"][&claims_uri][0]["newText"],
        "residents"
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

/// The text of a protocol range in `text`, counting UTF-16 units as the protocol does
/// (independently of the server's own conversion).
fn text_at(text: &str, range: &Value) -> String {
    let pos = |p: &Value| {
        let line = p["line"].as_u64().unwrap_or(0) as usize;
        let ch = p["character"].as_u64().unwrap_or(0) as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let (a, b) = (pos(&range["start"]), pos(&range["end"]));
    text.get(a..b).unwrap_or("").to_owned()
}

#[test]
fn every_squiggle_falls_on_its_characters_after_multi_byte_text() {
    let dir = scratch("lsp-multibyte");
    // "₸" is one UTF-16 unit (three bytes), the curly quotes one (three), the emoji two
    // (four): before every span, so that bytes, characters and units all differ.
    let text = "\u{feff}document:
  title: \"₸ “😀” news\"
claims:
  - {note: \"₸“😀”\", id: residents, value: 20 mln, unit: people}
  - {note: \"₸“😀”\", id: users, value: 12.5 mln, unit: people}
  - {note: \"₸“😀”\", id: half, assert: \"share(users, resident) = half\"}
  - {note: \"₸“😀”\", id: office, subject: office, status: \"has openned\"}
  - {note: \"₸“😀”\", id: rate, value: \"abuot 5%\"}
  - {note: \"₸“😀”\", id: ratio, assert: \"share(users, residents) = half\"}
";
    let claims = dir.join("claims.yaml");
    write(&claims, text);
    let u = uri(&claims);
    let mut c = Client::start(&dir);
    c.initialize(&dir);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let d = c.diagnostics(&u);
    let mut got: Vec<(String, String)> = d["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    (
                        x["code"].as_str().unwrap_or("").to_owned(),
                        text_at(text, &x["range"]),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    got.sort();
    let want = [
        ("literal/invalid", "abuot"),
        ("numeric/mismatch", "share(users, residents) = half"),
        ("ref/unknown", "resident"),
        ("status/unknown-phrase", "\"has openned\""),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(got, want);
    // The related locations fall on their characters too.
    let related: Vec<String> = d["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|x| {
            x["relatedInformation"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|r| text_at(text, &r["location"]["range"]))
        .collect();
    assert!(related.contains(&"20 mln".to_owned()), "{related:?}");
    assert!(related.contains(&"12.5 mln".to_owned()), "{related:?}");
    // A hover on `users` inside the formula of the last line, after the emoji.
    let line = 8;
    let col = text.lines().nth(line).map_or(0, |l| {
        let at = l.find("users").unwrap_or(0);
        l[..at].encode_utf16().count()
    });
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": line, "character": col + 2}}),
    );
    assert_eq!(text_at(text, &h["result"]["range"]), "users", "{h}");
    let (code, _) = c.finish();
    assert_eq!(code, Some(0));
}

#[test]
fn hostile_input_never_crashes_or_hangs_it() {
    let dir = scratch("lsp-hostile");
    let claims = dir.join("claims.yaml");
    write(&claims, CLAIMS);
    write(&dir.join("article.md"), ARTICLE);
    let u = uri(&claims);
    let mut c = Client::start(&dir);
    // Before `initialize`, a request is refused.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    c.initialize(&dir);
    // Garbage between frames, a body that is not JSON, JSON that is no message, lengths
    // that are not numbers or do not fit.
    c.send_raw(b"hello there\r\n\r\n");
    c.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let e = c.until(|m| m.get("error").is_some());
    assert_eq!(e["error"]["code"], -32700, "{e}");
    assert_eq!(e["id"], Value::Null);
    c.send(&json!({"jsonrpc": "2.0", "id": 77, "result": 1, "error": 2}));
    c.send_raw(b"Content-Length: lots\r\n\r\n");
    c.send_raw(b"Content-Length: 999999999999999999999999\r\n\r\n");
    c.send_raw(&vec![b'x'; 64 * 1024]);
    c.send_raw(b"\r\n\r\n");
    // Unknown methods: a request is answered MethodNotFound, a notification ignored.
    let r = c.request("claimlint/frobnicate", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.notify("claimlint/frobnicate", json!({}));
    // Bad parameters.
    let r = c.request("textDocument/hover", json!(5));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    c.notify("textDocument/didOpen", json!({"textDocument": 3}));
    // A document, then edits out of range, reversed, and to a document not open.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": CLAIMS}}),
    );
    c.diagnostics(&u);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2},
               "contentChanges": [
                   {"range": {"start": {"line": 999, "character": 5}, "end": {"line": 4000000000u64, "character": 4000000000u64}}, "text": "# end\n"},
                   {"range": {"start": {"line": 12, "character": 33}, "end": {"line": 12, "character": 25}}, "text": "residents"},
               ]}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/claims.yaml", "version": 2},
               "contentChanges": [{"text": "x"}]}),
    );
    let d = c.diagnostics(&u);
    assert_eq!(d["version"], 2);
    // The reversed edit replaced `resident`: the file is now consistent.
    assert_eq!(d["diagnostics"], json!([]), "{d}");
    // Positions past the end of a line and of the file.
    for (line, ch) in [(12, 9999), (99999, 0), (4000000000u64, 4000000000u64)] {
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
        ] {
            let r = c.request(
                method,
                json!({"textDocument": {"uri": u}, "position": {"line": line, "character": ch}}),
            );
            assert!(r.get("error").is_none(), "{method} at {line}:{ch}: {r}");
        }
    }
    // A stale change (an older version) is not applied.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 1}, "contentChanges": [{"text": "garbage: ["}]}),
    );
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 12, "character": 20}}),
    );
    assert!(
        h["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("users")),
        "{h}"
    );
    // After shutdown, requests are refused; exit ends it with 0.
    let r = c.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32600, "{r}");
    c.notify("exit", Value::Null);
    drop(c.stdin.take());
    let status = c.child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(0));
    assert!(std::fs::read_to_string(&claims).is_ok_and(|t| t == CLAIMS));
}

#[test]
fn a_length_larger_than_what_follows_ends_it_quietly_and_exit_without_shutdown_is_1() {
    let dir = scratch("lsp-huge");
    let mut c = Client::start(&dir);
    c.initialize(&dir);
    // The server waits for the bytes it was promised; the end of the input ends it.
    c.send_raw(b"Content-Length: 1000000000000000\r\n\r\n{}");
    drop(c.stdin.take());
    let status = c.child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(1));
    let mut c = Client::start(&dir);
    c.initialize(&dir);
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(1), "exit without shutdown");
}

#[test]
fn a_change_to_the_article_config_or_rules_checks_the_claims_again() {
    let dir = scratch("lsp-dependants");
    let claims = dir.join("claims.yaml");
    let article = dir.join("article.md");
    let config = dir.join("claimlint.yaml");
    let rules = dir.join("rules").join("extra.yaml");
    let text = "document:
  source: article.md
claims:
  - id: users
    value: about 10 mln
    quote: About 10 mln of them use the app
  - id: office
    subject: office
    status: has soft-launched
";
    write(&claims, text);
    write(&article, ARTICLE);
    let u = uri(&claims);
    let mut c = Client::start(&dir);
    c.initialize(&dir);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let codes = |d: &Value| -> Vec<String> {
        d["diagnostics"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x["code"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let d = c.diagnostics(&u);
    assert_eq!(codes(&d), ["status/unknown-phrase"]);

    // The article, opened in the editor and changed there: the quotes are checked against
    // the editor's text, and again when it is closed (against the disk's).
    let a = uri(&article);
    let edited = ARTICLE.replace("About", "Nearly");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": a, "languageId": "markdown", "version": 1, "text": edited}}),
    );
    let d = c.diagnostics(&u);
    assert_eq!(
        codes(&d),
        ["quote/not-found", "status/unknown-phrase"],
        "{d}"
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 31}, "end": {"line": 0, "character": 37}}, "text": "About"}]}),
    );
    let d = c.diagnostics(&u);
    assert_eq!(codes(&d), ["status/unknown-phrase"], "{d}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 3}, "contentChanges": [{"text": edited}]}),
    );
    let d = c.diagnostics(&u);
    assert_eq!(
        codes(&d),
        ["quote/not-found", "status/unknown-phrase"],
        "{d}"
    );
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": a}}));
    let d = c.diagnostics(&u);
    assert_eq!(codes(&d), ["status/unknown-phrase"]);

    // The article changes on disk: the quote is no longer in it.
    write(&article, "The app has few users.\n");
    let changed = |p: &Path| json!({"changes": [{"uri": uri(p), "type": 2}]});
    c.notify("workspace/didChangeWatchedFiles", changed(&article));
    let d = c.diagnostics(&u);
    assert_eq!(codes(&d), ["quote/not-found", "status/unknown-phrase"]);

    // A config appears: it turns quotes off and adds a rules folder with the phrase.
    write(
        &rules,
        "lifecycles:\n  launch:\n    states: [soft, full]\n    phrases:\n      soft: [has soft-launched]\n      full: [has launched fully]\n",
    );
    write(
        &config,
        "rules: [rules]\nseverity:\n  quote/not-found: off\n",
    );
    c.notify("workspace/didChangeWatchedFiles", changed(&config));
    let d = c.diagnostics(&u);
    assert_eq!(codes(&d), Vec::<String>::new(), "{d}");

    // The phrase of the user's rules: its hover, its definition in the rules file, and
    // the phrases in force offered in `status:`, the extension's and the defaults'.
    let at = json!({"textDocument": {"uri": u}, "position": {"line": 8, "character": 16}});
    let h = c.request("textDocument/hover", at.clone());
    assert_eq!(
        h["result"]["contents"]["value"],
        "lifecycle `launch`, state `soft` (1 of 2: soft → full), affirmed"
    );
    let def = c.request("textDocument/definition", at);
    assert_eq!(def["result"]["uri"], uri(&rules));
    assert_eq!(def["result"]["range"]["start"]["line"], 4, "{def}");
    let comp = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": u}, "position": {"line": 8, "character": 12}}),
    );
    let labels: Vec<&str> = comp["result"]
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["label"].as_str()).collect())
        .unwrap_or_default();
    for want in [
        "has soft-launched",
        "has launched fully",
        "has opened",
        "has not opened",
    ] {
        assert!(labels.contains(&want), "{want} in {labels:?}");
    }

    // Rules are not read again on a keystroke: a change on disk that nobody announced
    // is not seen until it is announced.
    write(
        &rules,
        "lifecycles:\n  launch:\n    states: [soft, full]\n    phrases:\n      soft: [has soft-opened]\n      full: [has launched fully]\n",
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "# a comment\n"}]}),
    );
    let d = c.diagnostics(&u);
    assert_eq!(codes(&d), Vec::<String>::new(), "{d}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 3},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}}, "text": ""}]}),
    );
    c.diagnostics(&u);

    // The rules file's change is announced: the phrase is gone again.
    c.notify("workspace/didChangeWatchedFiles", changed(&rules));
    let d = c.diagnostics(&u);
    assert_eq!(codes(&d), ["status/unknown-phrase"]);

    // A broken config is said on the claims file, as `check` would fail on it.
    write(&config, "rulez: [rules]\n");
    c.notify("workspace/didChangeWatchedFiles", changed(&config));
    let d = c.diagnostics(&u);
    assert_eq!(codes(&d), ["config/invalid"], "{d}");
    let (code, _) = c.finish();
    assert_eq!(code, Some(0));
}

#[test]
fn allow_codes_ids_and_keys() {
    let dir = scratch("lsp-allow");
    let claims = dir.join("claims.yaml");
    let text = "claims:
  - id: users_2023
    value: unknown
  - id: users
    value: 12.5 mln
  - id: growth
    assert: growth(users_2023, users) = 25%
    allow:
      - code: numeric/derived
        reason: the base year is implied on purpose
  - id: other
    value: 3
    unit: 
";
    write(&claims, text);
    let u = uri(&claims);
    let mut c = Client::start(&dir);
    c.initialize(&dir);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": text}}),
    );
    c.diagnostics(&u);
    let at = |line: u32, character: u32| json!({"textDocument": {"uri": u}, "position": {"line": line, "character": character}});
    // An allow code: its explanation.
    let h = c.request("textDocument/hover", at(8, 16));
    let v = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(v.starts_with("# `numeric/derived`"), "{v}");
    // An unknown in a formula: what the claims imply.
    let h = c.request("textDocument/hover", at(6, 20));
    let v = h["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(v.contains("unknown; the claims imply users_2023 is"), "{v}");
    // Its definition: the claim's id.
    let def = c.request("textDocument/definition", at(6, 20));
    assert_eq!(
        def["result"]["range"],
        json!({"start": {"line": 1, "character": 8}, "end": {"line": 1, "character": 18}})
    );
    // Codes in `code:`, keys at the start of a claim's line.
    let labels = |r: &Value| -> Vec<String> {
        r["result"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|i| i["label"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let codes = labels(&c.request("textDocument/completion", at(8, 14)));
    assert!(codes.contains(&"numeric/mismatch".to_owned()), "{codes:?}");
    assert_eq!(codes.len(), claimlint::Code::ALL.len());
    let keys = labels(&c.request("textDocument/completion", at(12, 4)));
    assert!(
        keys.contains(&"measure".to_owned()) && keys.contains(&"quote".to_owned()),
        "{keys:?}"
    );
    let (code, _) = c.finish();
    assert_eq!(code, Some(0));
}

#[test]
fn repository_boundaries_and_excludes_are_those_of_check() {
    let root = scratch("lsp-boundaries");
    // The repository is `repo/`; the article lies outside it, and is open in the editor.
    let repo = root.join("repo");
    write(&repo.join("claimlint.yaml"), "exclude: [\"drafts/**\"]\n");
    let outside = root.join("outside.md");
    write(&outside, ARTICLE);
    let text = "document:
  source: ../outside.md
claims:
  - id: users
    value: about 10 mln
    quote: About 10 mln of them use the app
";
    let claims = repo.join("claims.yaml");
    write(&claims, text);
    let draft = repo.join("drafts").join("claims.yaml");
    write(&draft, "claims: [oops\n");
    let mut c = Client::start(&repo);
    c.initialize(&repo);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&outside), "languageId": "markdown", "version": 1, "text": ARTICLE}}),
    );
    let u = uri(&claims);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let d = c.diagnostics(&u);
    assert_eq!(d["diagnostics"][0]["code"], "source/unreadable", "{d}");
    let message = d["diagnostics"][0]["message"].as_str().unwrap_or("");
    assert!(message.contains("outside the repository"), "{message}");
    // An excluded file gets no diagnostics, however broken.
    let du = uri(&draft);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": du, "languageId": "yaml", "version": 1, "text": "claims: [oops\n"}}),
    );
    let d = c.diagnostics(&du);
    assert_eq!(d["diagnostics"], json!([]), "{d}");
    let (code, _) = c.finish();
    assert_eq!(code, Some(0));
}

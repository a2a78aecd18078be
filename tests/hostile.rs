//! The hostile corpus of `tests/hostile/` (and a few cases made at run time: a symlink
//! loop, a FIFO, an oversized file, a long chain of unknowns). Each run must end by
//! itself, with the exit code of SPEC 7, the expected finding codes, no panic, and no
//! hostile byte (an escape, a NUL, a bidirectional control) raw in its output.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
}

/// Runs claimlint; a run that has not ended after a minute is killed and fails the test
/// (a guard against hangs, not a measure of speed).
fn run(args: &[&str], dir: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stdout.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stderr.read_to_end(&mut v);
        v
    });
    // A guard against a hang, not a measure of speed: generous enough for a debug build
    // on a loaded two-core machine (the slowest case takes about 11 s alone).
    let deadline = Instant::now() + Duration::from_secs(300);
    let status = loop {
        if let Ok(Some(s)) = child.try_wait() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("claimlint {args:?} did not end within five minutes");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    for (name, bytes) in [("stdout", &out), ("stderr", &err)] {
        assert!(
            !bytes.contains(&0x1b),
            "{args:?}: a raw escape reached {name}"
        );
        assert!(!bytes.contains(&0), "{args:?}: a raw NUL reached {name}");
        assert!(
            !bytes.contains(&b'\r'),
            "{args:?}: a raw carriage return reached {name}"
        );
        let text = String::from_utf8_lossy(bytes);
        for c in ['\u{202e}', '\u{202a}', '\u{2066}', '\u{200f}', '\u{7}'] {
            assert!(
                !text.contains(c),
                "{args:?}: a raw U+{:04X} reached {name}",
                c as u32
            );
        }
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
    Run {
        code: status.code(),
        out: String::from_utf8_lossy(&out).into_owned(),
        err: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// A file of the corpus, checked in every format: the exit code, and the codes expected.
fn case(file: &str, extra: &[&str], code: i32, expect: &[&str]) {
    for format in ["human", "concise", "json", "sarif", "github"] {
        let mut args = vec![file, "--format", format, "--color", "never"];
        args.extend_from_slice(extra);
        let r = run(&args, &corpus());
        assert_eq!(r.code, Some(code), "{file} ({format}): {}{}", r.out, r.err);
        for e in expect {
            assert!(
                r.out.contains(e) || r.err.contains(e),
                "{file} ({format}) must say {e}: {}{}",
                r.out,
                r.err
            );
        }
    }
}

#[test]
fn escapes_and_bidi_controls_never_reach_the_terminal() {
    case(
        "escapes.claims.yaml",
        &[],
        1,
        &["literal/invalid", "status/unknown-phrase"],
    );
    case(
        "escapes-in-article.claims.yaml",
        &[],
        1,
        &["numeric/mismatch"],
    );
    let r = run(&["escapes.claims.yaml", "--format", "concise"], &corpus());
    assert!(
        r.out.contains("\\u{1b}[31m") && r.out.contains("<U+202E>"),
        "{}",
        r.out
    );
}

#[test]
fn a_file_cannot_forge_a_workflow_command() {
    let r = run(
        &["github-forgery.claims.yaml", "--format", "github"],
        &corpus(),
    );
    // One finding, one line: a command only starts at the start of a line, and the file's
    // `%0A` arrives as `%250A`, which the runner does not turn into a line break.
    assert_eq!(r.out.lines().count(), 1, "{}", r.out);
    assert!(
        r.out
            .starts_with("::warning file=github-forgery.claims.yaml,"),
        "{}",
        r.out
    );
    assert!(
        !r.out.contains("%0A::") || r.out.contains("%250A::"),
        "{}",
        r.out
    );
}

#[test]
fn encodings_bom_crlf_nul_and_tabs() {
    case("utf16.claims.yaml", &[], 1, &["yaml/syntax"]);
    case("latin1.claims.yaml", &[], 1, &["yaml/syntax"]);
    case("nul-byte.claims.yaml", &[], 1, &["yaml/syntax"]);
    case("tabs.claims.yaml", &[], 1, &["numeric/mismatch"]);
    case(
        "carriage-returns.claims.yaml",
        &[],
        1,
        &["numeric/mismatch"],
    );
    let r = run(&["bom-crlf.claims.yaml", "--format", "concise"], &corpus());
    assert_eq!(r.code, Some(1));
    assert!(
        r.out
            .starts_with("bom-crlf.claims.yaml:5:13: error[numeric/mismatch]"),
        "{}",
        r.out
    );
}

#[test]
fn bombs_and_depths_are_bounded() {
    case(
        "alias-bomb.claims.yaml",
        &[],
        1,
        &["yaml/syntax", "expands too far"],
    );
    case("deep-nesting.claims.yaml", &[], 1, &["yaml/syntax"]);
    case(
        "deep-formula.claims.yaml",
        &[],
        1,
        &["formula/invalid", "deeper than"],
    );
    case(
        "long-formula.claims.yaml",
        &[],
        1,
        &["formula/invalid", "longer than"],
    );
    case(
        "huge-numbers.claims.yaml",
        &[],
        1,
        &["literal/invalid", "400"],
    );
    case(
        "function-bomb.claims.yaml",
        &["--rules", "function-bomb.rules.yaml"],
        1,
        &["formula/invalid", "more than 10000 operations"],
    );
}

#[test]
fn fuzzing_finds_stay_fixed() {
    // A number followed by a multibyte character once panicked in the formula parser.
    case(
        "fuzz-multibyte-after-number.claims.yaml",
        &[],
        1,
        &["formula/invalid"],
    );
    // The scanner kept the spaces before a quoted scalar's first line break, so the two
    // claims named two subjects and their contradiction went unseen.
    case(
        "fuzz-quoted-trailing-space.claims.yaml",
        &[],
        1,
        &[
            "status/contradiction",
            "office in Almaty with no time given",
        ],
    );
}

#[test]
fn malformed_shapes_are_findings() {
    case(
        "several-documents.claims.yaml",
        &[],
        1,
        &["schema/invalid", "several YAML documents"],
    );
    case("odd-keys.claims.yaml", &[], 1, &["schema/invalid"]);
}

#[test]
fn malformed_rules_stop_the_run() {
    let r = run(
        &[
            "odd-keys.claims.yaml",
            "--rules",
            "function-cycle.rules.yaml",
        ],
        &corpus(),
    );
    assert_eq!(r.code, Some(2));
    assert!(
        r.err.contains("rules/invalid") && r.err.contains("calls itself"),
        "{}",
        r.err
    );
    let r = run(
        &[
            "odd-keys.claims.yaml",
            "--rules",
            "escapes-in-rules.rules.yaml",
        ],
        &corpus(),
    );
    assert_eq!(r.code, Some(2));
    assert!(r.err.contains("rules/invalid"), "{}", r.err);
}

fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    d
}

#[cfg(unix)]
#[test]
fn symlink_loops_fifos_and_odd_files() {
    let d = scratch("hostile-files");
    std::fs::create_dir_all(d.join("walk/sub")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink("..", d.join("walk/sub/loop")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        d.join("walk/sub/claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // A folder named like a claims file is not a claims file.
    std::fs::create_dir_all(d.join("walk/x.claims.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let fifo = d.join("walk/fifo.claims.yaml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let r = run(&["walk", "--format", "concise"], &d);
    assert_eq!(r.code, Some(0), "{}{}", r.out, r.err);
    if made {
        // Named on the command line, a FIFO is an error reported at once, never opened.
        let r = run(&["walk/fifo.claims.yaml"], &d);
        assert_eq!(r.code, Some(2));
        assert!(r.err.contains("not a regular file"), "{}", r.err);
    }
    let r = run(&["walk/x.claims.yaml", "--format", "concise"], &d);
    assert_eq!(
        r.code,
        Some(0),
        "a folder named on the command line is searched: {}{}",
        r.out,
        r.err
    );
}

#[test]
fn an_oversized_file_is_refused_with_exit_2() {
    let d = scratch("hostile-big");
    let f = std::fs::File::create(d.join("claims.yaml")).unwrap_or_else(|e| panic!("{e}"));
    f.set_len(claimlint::run::MAX_FILE_BYTES + 1)
        .unwrap_or_else(|e| panic!("{e}"));
    let r = run(&["claims.yaml"], &d);
    assert_eq!(r.code, Some(2));
    assert!(r.err.contains("--max-file-size"), "{}", r.err);
    // The limit is configurable.
    std::fs::write(
        d.join("small.claims.yaml"),
        format!("# {}\nclaims: []\n", "x".repeat(2 * 1024 * 1024)),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(run(&["small.claims.yaml"], &d).code, Some(0));
    let r = run(&["small.claims.yaml", "--max-file-size", "1"], &d);
    assert_eq!(r.code, Some(2), "{}", r.err);
    assert_eq!(
        run(&["small.claims.yaml", "--max-file-size", "0"], &d).code,
        Some(2),
        "0 MiB is refused as an argument"
    );
}

#[test]
fn a_long_chain_of_unknowns_ends() {
    let d = scratch("hostile-chain");
    let mut text =
        String::from("claims:\n  - id: a0\n    value: unknown\n  - id: base\n    assert: a0 = 1\n");
    for i in 1..3000 {
        text.push_str(&format!(
            "  - id: a{i}\n    value: unknown\n  - id: r{i}\n    assert: a{i} = a{} * 1.1 + 1\n",
            i - 1
        ));
    }
    std::fs::write(d.join("claims.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    let r = run(&["claims.yaml", "--format", "concise"], &d);
    assert_eq!(r.code, Some(0));
    assert!(r.out.lines().count() >= 3000, "every unknown is derived");
}

/// A minified claims file (one line of 90 KB) and an article of one line: miette would
/// panic laying out a label past column 65,535, and would draw the whole line under every
/// finding. Such a finding is written with its place instead, in the report and in the
/// review; the other formats are unchanged.
#[test]
fn a_line_too_long_to_draw_is_placed_not_drawn() {
    let d = scratch("hostile-long-line");
    let filler = |n: usize, what: &str| -> String {
        (0..n)
            .map(|i| format!("{what} number {i} of a long line, "))
            .collect()
    };
    let article = format!(
        "{}the app has more than 12.5 mln users, half of the 20 mln residents.\n",
        filler(2000, "sentence")
    );
    std::fs::write(d.join("article.md"), &article).unwrap_or_else(|e| panic!("{e}"));
    let mut claims =
        String::from("{document: {title: t, date: 2024-10-15, source: article.md}, claims: [");
    for i in 0..1500 {
        claims.push_str(&format!(
            "{{id: f{i}, value: {i}, unit: people, measure: filler {i}}}, "
        ));
    }
    claims.push_str(
        "{id: residents, value: 20 mln, unit: people, measure: residents, quote: the 20 mln residents}, \
         {id: users, value: more than 12.5 mln, unit: people, measure: users, quote: more than 12.5 mln users}, \
         {id: half, assert: \"share(users, residents) = half\", quote: \"half of the 20 mln residents\"}]}\n",
    );
    std::fs::write(d.join("long.claims.yaml"), &claims).unwrap_or_else(|e| panic!("{e}"));

    // The concise line says where the finding is: the report must say the same.
    let r = run(&["long.claims.yaml", "--format", "concise"], &d);
    let at = r
        .out
        .lines()
        .find(|l| l.contains("error[numeric/mismatch]"))
        .and_then(|l| l.split(": error").next())
        .unwrap_or_else(|| panic!("a mismatch is found: {}", r.out))
        .to_owned();
    let col: usize = at
        .rsplit(':')
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    assert!(col > 65_535, "the finding lies past column 65,535: {at}");
    let place = format!("at {at} (not drawn: a line there is longer than 10,000 bytes)");

    let r = run(&["long.claims.yaml", "--color", "never"], &d);
    assert_eq!(r.code, Some(1), "{}{}", r.out, r.err);
    assert!(r.out.contains(&place), "{place}: {}", r.out);
    assert!(
        r.out.contains("at article.md:1:"),
        "the quoted passage is placed: {}",
        r.out
    );
    assert!(
        r.out.len() < 20_000,
        "no line is drawn under a finding: {} bytes",
        r.out.len()
    );

    let r = run(&["review", "long.claims.yaml", "--color", "never"], &d);
    assert_eq!(r.code, Some(1), "{}{}", r.out, r.err);
    assert!(r.out.contains(&place), "{place}: {}", r.out);
}

#[test]
fn a_closed_pipe_keeps_the_exit_status() {
    let d = scratch("hostile-pipe");
    let mut text = String::from("claims:\n  - id: a\n    value: 1\n");
    for i in 0..3000 {
        text.push_str(&format!("  - id: b{i}\n    assert: a = 3\n"));
    }
    std::fs::write(d.join("claims.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    let script = format!(
        "'{}' claims.yaml --format concise | head -1; echo \"status=${{PIPESTATUS[0]}}\"",
        env!("CARGO_BIN_EXE_claimlint")
    );
    let o = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(&d)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    let mut lines = out.lines();
    assert!(
        lines.next().is_some_and(|l| l.starts_with("claims.yaml:")),
        "{out}"
    );
    assert_eq!(
        lines.next(),
        Some("status=1"),
        "the findings fail the run even when the pipe closes: {out}"
    );
    assert!(err.is_empty(), "nothing on stderr: {err}");
}

#[test]
fn output_is_the_same_whatever_the_threads_and_file_order() {
    let d = scratch("hostile-determinism");
    // Files written in an order unlike their sorted one.
    for i in [7, 3, 9, 1, 5, 0, 8, 2, 6, 4] {
        let text = format!(
            "claims:\n  - id: a\n    value: {i}\n  - id: b\n    assert: a = {}\n  - id: u\n    value: unknown\n  - id: g\n    assert: growth(u, a) = 10%\n",
            i + 5
        );
        std::fs::create_dir_all(d.join(format!("d{}", 9 - i))).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(d.join(format!("d{}/f{i}.claims.yaml", 9 - i)), text)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let with = |threads: &str, format: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_claimlint"))
            .args([".", "--format", format, "--color", "never"])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(&d)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        o.stdout
    };
    for format in ["human", "json", "sarif"] {
        let one = with("1", format);
        assert!(!one.is_empty());
        assert_eq!(one, with("2", format), "{format}");
        assert_eq!(one, with("4", format), "{format}");
    }
}

#[test]
fn a_long_chain_of_functions_is_refused_not_overflowed() {
    let d = scratch("hostile-function-chain");
    let mut rules = String::from("functions:\n");
    for i in 0..5000 {
        rules.push_str(&format!(
            "  f{i}: {{ params: [x], formula: f{}(x) + 1 }}\n",
            i + 1
        ));
    }
    rules.push_str("  f5000: { params: [x], formula: x }\n");
    std::fs::write(d.join("chain.yaml"), rules).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: f0(a) = 3\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = run(&["claims.yaml", "--rules", "chain.yaml"], &d);
    assert_eq!(r.code, Some(2), "{}{}", r.out, r.err);
    assert!(r.err.contains("more than 64 deep"), "{}", r.err);
}

#[test]
fn a_long_chain_of_units_is_refused_at_once() {
    // Each unit resolved along the whole chain, checking every unit before it: cubic in
    // the chain's length (5,000 units took minutes) until chains were bounded.
    let d = scratch("hostile-unit-chain");
    // Units u1 to u`last`, each `factor` of the one before it.
    let chain = |last: usize, factor: u32| {
        let mut rules = String::from("units:\n  u0: {}\n");
        for i in 1..=last {
            rules.push_str(&format!("  u{i}: {{ is: {factor} u{} }}\n", i - 1));
        }
        rules
    };
    std::fs::write(d.join("chain.yaml"), chain(4999, 1)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 5 u3\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = run(&["claims.yaml", "--rules", "chain.yaml"], &d);
    assert_eq!(r.code, Some(2), "{}{}", r.out, r.err);
    assert!(
        r.err.contains("defined through more than 64 others"),
        "{}",
        r.err
    );
    // A chain within the bound is read as before.
    std::fs::write(d.join("short.yaml"), chain(64, 2)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 1 u64\n  - id: b\n    value: 2 u63\n  - id: c\n    assert: a = b\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = run(&["claims.yaml", "--rules", "short.yaml"], &d);
    assert_eq!(r.code, Some(0), "{}{}", r.out, r.err);
}

#[test]
fn long_and_deep_formulas_are_bounded_in_every_thread() {
    let d = scratch("hostile-deep-formulas");
    // A chain of operators nests the tree as deep as it is long: refused past 256.
    let chain = vec!["a"; 2000].join("+");
    for f in ["x", "y", "z"] {
        let text =
            format!("claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: {chain} = 3\n");
        std::fs::write(d.join(format!("{f}.claims.yaml")), text).unwrap_or_else(|e| panic!("{e}"));
    }
    // Functions whose call sits 200 operators deep, calling one another 60 deep: 12,000
    // levels once inlined, refused past 300.
    let mut rules = String::from("functions:\n");
    for i in 0..60 {
        let body = format!("g{}(x) + {}1", i + 1, "x + ".repeat(200));
        rules.push_str(&format!("  g{i}: {{ params: [x], formula: \"{body}\" }}\n"));
    }
    rules.push_str("  g60: { params: [x], formula: x }\n");
    std::fs::write(d.join("deep.yaml"), rules).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        d.join("w.claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: g0(a) = 3\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let r = run(&[".", "--rules", "deep.yaml", "--format", "concise"], &d);
    assert_eq!(r.code, Some(1), "{}{}", r.out, r.err);
    assert_eq!(
        r.out.matches("more than 256 operators").count(),
        3,
        "{}",
        r.out
    );
    assert!(
        r.out.contains("w.claims.yaml:5:13: error[formula/invalid]"),
        "{}",
        r.out
    );
}

#[test]
fn one_subject_with_many_times_ends() {
    let d = scratch("hostile-many-times");
    let mut text =
        String::from("claims:\n  - id: undated\n    subject: s\n    status: has opened\n");
    // 20,000 distinct days, alternating states: every pair of times would be 2e8 pairs.
    for i in 0..20_000 {
        let (y, doy) = (2000 + i / 365, i % 365);
        let (m, dd) = (1 + doy / 31 % 12, 1 + doy % 28);
        let status = if i % 2 == 0 {
            "plans to open"
        } else {
            "has opened"
        };
        text.push_str(&format!(
            "  - id: c{i}\n    subject: s\n    status: {status}\n    as_of: {y}-{m:02}-{dd:02}\n"
        ));
    }
    std::fs::write(d.join("claims.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    let r = run(
        &["claims.yaml", "--format", "concise", "--fail-on", "warning"],
        &d,
    );
    assert_eq!(r.code, Some(1), "{}", r.err);
    assert!(
        r.out.contains("status/regression") && r.out.contains("status/ambiguous-time"),
        "{}",
        &r.out[..r.out.len().min(500)]
    );
}

#[test]
fn many_quotes_against_a_large_source_are_bounded() {
    let d = scratch("hostile-many-quotes");
    std::fs::create_dir_all(d.join(".git")).unwrap_or_else(|e| panic!("{e}"));
    let article = "lorem ipsum dolor sit amet ".repeat(4_000); // 108 KB
    std::fs::write(d.join("article.md"), article).unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::from("document:\n  source: article.md\nclaims:\n");
    for i in 0..3000 {
        text.push_str(&format!(
            "  - id: q{i}\n    value: {i}\n    quote: not in it {i}\n"
        ));
    }
    std::fs::write(d.join("claims.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    let r = run(&["claims.yaml", "--format", "concise"], &d);
    assert_eq!(r.code, Some(1));
    assert!(r.out.contains("quote/not-found"), "some quotes are checked");
    assert!(
        r.out.contains("quotes were left unchecked"),
        "the rest are said to be unchecked"
    );
}

#[test]
fn heavy_propagation_ends_and_still_reports_a_conflict() {
    let d = scratch("hostile-heavy-propagation");
    // Each assertion inlines to thousands of operations, all in one connected group,
    // with a conflict at the end: propagation and the conflict search are bounded.
    let mut rules = String::from("functions:\n  h0: { params: [x], formula: x }\n");
    for i in 1..=11 {
        rules.push_str(&format!(
            "  h{i}: {{ params: [x], formula: \"min(h{0}(x), h{0}(x))\" }}\n",
            i - 1
        ));
    }
    std::fs::write(d.join("heavy.yaml"), rules).unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::from("claims:\n  - id: a\n    value: unknown\n");
    for i in 0..400 {
        text.push_str(&format!("  - id: r{i}\n    assert: h11(a) >= {i}\n"));
    }
    text.push_str("  - id: last\n    assert: a < 0\n");
    std::fs::write(d.join("claims.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    let r = run(
        &[
            "claims.yaml",
            "--rules",
            "heavy.yaml",
            "--format",
            "concise",
        ],
        &d,
    );
    assert_eq!(r.code, Some(1), "{}{}", r.out, r.err);
    assert!(r.out.contains("numeric/conflict"), "{}", r.out);
}

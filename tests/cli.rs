//! End-to-end runs of the binary: exit codes, formats, paths.

#[path = "support/cli.rs"]
mod support;

use std::path::PathBuf;
use std::process::Command;
use support::{bin, run, scratch, stderr, stdout, write};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_repository_claims_report_the_half_the_base_year_and_the_office() {
    let o = run(&["claims.yaml", "--format", "concise"], &root());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!(stdout(&o), @r"
    claims.yaml:22:12: note[numeric/derived] the claims imply users_2023 is more than 9.92 mln
    claims.yaml:28:13: error[numeric/mismatch] more than 12.5 mln is more than 60.7% of 20 mln, but `half` reads as 48%–52%
    claims.yaml:51:13: error[status/contradiction] `aims to open` (`office_planned`) and `has also opened` (`office_opened`) cannot both hold for office_in_kazakhstan as of 2024-10-15
    ");
}

#[test]
fn the_readme_shows_the_current_report() {
    let o = run(&["claims.yaml", "--color", "never"], &root());
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap_or_default();
    assert!(
        readme.contains(&stdout(&o)),
        "README.md must show the report of `claimlint claims.yaml` as it is now:\n{}",
        stdout(&o)
    );
}

#[test]
fn a_clean_file_exits_0_and_a_failing_one_1() {
    let d = scratch("exit-codes");
    write(
        &d.join("ok/claims.yaml"),
        "claims:\n  - id: a\n    value: 5\n",
    );
    write(
        &d.join("bad/claims.yaml"),
        "claims:\n  - id: a\n    value: 5\n  - id: b\n    assert: a = 7\n",
    );
    assert_eq!(run(&["ok"], &d).status.code(), Some(0));
    let o = run(&["bad"], &d);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("numeric/mismatch"));
    assert_eq!(
        run(&["bad", "--fail-on", "never"], &d).status.code(),
        Some(0)
    );
}

#[test]
fn fail_on_counts_the_lower_severities() {
    let d = scratch("fail-on");
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: unknown\n  - id: b\n    value: 10\n  - id: g\n    assert: growth(a, b) = 25%\n",
    );
    assert_eq!(run(&["claims.yaml"], &d).status.code(), Some(0));
    assert_eq!(
        run(&["claims.yaml", "--fail-on", "warning"], &d)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["claims.yaml", "--fail-on", "note"], &d).status.code(),
        Some(1)
    );
}

#[test]
fn tool_failures_exit_2() {
    let d = scratch("exit-2");
    write(&d.join("claims.yaml"), "claims: []\n");
    let o = run(&["no-such-file.yaml"], &d);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
    assert_eq!(run(&["--format", "xml"], &d).status.code(), Some(2));
    write(
        &d.join("bad-rules.yaml"),
        "literals:\n  scales: { mln: -1 }\n",
    );
    let o = run(&["claims.yaml", "--rules", "bad-rules.yaml"], &d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("rules/invalid") && stderr(&o).contains("bad-rules.yaml"),
        "{}",
        stderr(&o)
    );
    write(&d.join("unknown-key.yaml"), "literal:\n  scales: {}\n");
    let o = run(&["claims.yaml", "--rules", "unknown-key.yaml"], &d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `literals`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn malformed_claims_are_findings_not_crashes() {
    let d = scratch("malformed");
    write(&d.join("a.claims.yaml"), "claims: [\n");
    let utf16: Vec<u8> = "claims: []\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    write(
        &d.join("b.claims.yaml"),
        [&[0xff, 0xfe][..], &utf16].concat(),
    );
    let o = run(&[".", "--format", "concise"], &d);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("a.claims.yaml:") && out.contains("b.claims.yaml:1:1: error[yaml/syntax]"),
        "{out}"
    );
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn folders_are_searched_honouring_gitignore() {
    let d = scratch("walk");
    write(&d.join(".gitignore"), "ignored/\n");
    write(&d.join("claims.yaml"), "claims: []\n");
    write(
        &d.join("docs/report.claims.yml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 3\n",
    );
    write(
        &d.join("ignored/claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 9\n",
    );
    write(&d.join("notes.yaml"), "not: claims\n");
    let o = run(&["--format", "concise"], &d);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("docs/report.claims.yml"), "{out}");
    assert!(!out.contains("ignored"), "{out}");
}

#[test]
fn user_rules_merge_over_the_defaults() {
    let d = scratch("rules");
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 12 lakh\n",
    );
    assert_eq!(run(&["claims.yaml"], &d).status.code(), Some(0));
    write(
        &d.join("rules/india.yaml"),
        "literals:\n  scales: { lakh: 1e5 }\n",
    );
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 12 lakh\n  - id: b\n    assert: a = 1.2 mln\n",
    );
    assert_eq!(
        run(&["claims.yaml", "--rules", "rules"], &d).status.code(),
        Some(0)
    );
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 12 lakh\n  - id: b\n    assert: a = 2 mln\n",
    );
    assert_eq!(
        run(&["claims.yaml", "--rules", "rules"], &d).status.code(),
        Some(1)
    );
    // Without the defaults, `mln` is no scale word: `2 mln` has the unit `mln`.
    let o = run(
        &[
            "claims.yaml",
            "--rules",
            "rules",
            "--no-default-rules",
            "--format",
            "concise",
        ],
        &d,
    );
    assert!(
        stdout(&o).contains("unit/mismatch") || o.status.code() == Some(1),
        "{}",
        stdout(&o)
    );
}

#[test]
fn severity_off_and_allow() {
    let d = scratch("severity");
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 3\n",
    );
    write(
        &d.join("quiet.yaml"),
        "severity: { numeric/mismatch: off }\n",
    );
    assert_eq!(
        run(&["claims.yaml", "--rules", "quiet.yaml"], &d)
            .status
            .code(),
        Some(0)
    );
    write(
        &d.join("warn.yaml"),
        "severity: { numeric/mismatch: warning }\n",
    );
    let o = run(
        &["claims.yaml", "--rules", "warn.yaml", "--format", "concise"],
        &d,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("warning[numeric/mismatch]"));
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let d = scratch("color");
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 3\n",
    );
    let o = run(&["claims.yaml", "--color", "always"], &d);
    assert!(stdout(&o).contains('\u{1b}'));
    let o = run(&["claims.yaml", "--color", "never"], &d);
    assert!(!stdout(&o).contains('\u{1b}'));
    let o = bin()
        .args(["claims.yaml"])
        .env("NO_COLOR", "1")
        .current_dir(&d)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let d = scratch("pipe");
    let mut text = String::from("claims:\n  - id: a\n    value: 1\n");
    for i in 0..2000 {
        text.push_str(&format!("  - id: b{i}\n    assert: a = 3\n"));
    }
    write(&d.join("claims.yaml"), text);
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' claims.yaml --format concise | head -1; echo \"status=${{PIPESTATUS:-x}}\"",
            env!("CARGO_BIN_EXE_claimlint")
        ))
        .current_dir(&d)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn a_phrase_listed_twice_in_one_file_is_a_rules_error_naming_both_places() {
    let d = scratch("dup-phrase");
    write(&d.join("claims.yaml"), "claims: []\n");
    write(
        &d.join("mine.yaml"),
        "lifecycles:\n  shop:\n    states: [open, shut]\n    phrases:\n      open: [is trading]\n      shut: [Is   Trading]\n",
    );
    let o = run(&["claims.yaml", "--rules", "mine.yaml"], &d);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("rules/invalid")
            && err.contains("listed twice in this file")
            && err.contains("mine.yaml:5")
            && err.contains("mine.yaml:6"),
        "{err}"
    );
}

#[test]
fn replacing_a_lifecycle_drops_its_old_phrases() {
    let d = scratch("replace-lifecycle");
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    subject: s\n    status: has opened\n",
    );
    write(
        &d.join("mine.yaml"),
        "lifecycles:\n  opening:\n    states: [planned, open]\n    phrases:\n      planned: [is coming]\n      open: [is here]\n",
    );
    let o = run(
        &["claims.yaml", "--rules", "mine.yaml", "--format", "concise"],
        &d,
    );
    assert!(
        stdout(&o).contains("status/unknown-phrase"),
        "{}",
        stdout(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_source_through_a_symlink_out_of_the_repository_is_unreadable() {
    let d = scratch("symlink-source");
    let outside = scratch("symlink-source-outside");
    write(&outside.join("article.md"), "Five ferries.\n");
    write(&d.join("repo/claimlint.yaml"), "");
    write(
        &d.join("repo/claims.yaml"),
        "document:\n  source: link.md\nclaims:\n  - id: a\n    value: 5\n    quote: Five ferries\n",
    );
    std::os::unix::fs::symlink(outside.join("article.md"), d.join("repo/link.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["repo/claims.yaml", "--format", "concise"], &d);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("source/unreadable") && stdout(&o).contains("outside the repository"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_config_above_a_file_sets_rules_severities_and_excludes() {
    let d = scratch("config");
    write(&d.join(".git/HEAD"), "");
    write(
        &d.join("claimlint.yaml"),
        "rules: [house-rules]\nseverity: { numeric/derived: error }\nexclude: [drafts/**]\n",
    );
    write(
        &d.join("house-rules/scales.yaml"),
        "literals:\n  scales: { lakh: 1e5 }\n",
    );
    write(
        &d.join("docs/claims.yaml"),
        "claims:\n  - id: a\n    value: 12 lakh\n  - id: b\n    assert: a = 1.2 mln\n  - id: u\n    value: unknown\n  - id: g\n    assert: growth(u, a) = 20%\n",
    );
    write(
        &d.join("drafts/claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 5\n",
    );
    let o = run(&["--format", "concise"], &d);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert!(
        out.contains("docs/claims.yaml") && out.contains("error[numeric/derived]"),
        "{out}"
    );
    assert!(!out.contains("drafts"), "{out}");
    // Named on the command line, an excluded file is checked, unless --force-exclude.
    let o = run(&["drafts/claims.yaml", "--format", "concise"], &d);
    assert!(stdout(&o).contains("drafts/claims.yaml"));
    let o = run(&["drafts/claims.yaml", "--force-exclude"], &d);
    assert_eq!(o.status.code(), Some(0));
    // --isolated ignores the config: `lakh` is unknown again, derived is a note.
    let o = run(&["docs", "--isolated", "--format", "concise"], &d);
    assert!(
        stdout(&o).contains("note[numeric/derived]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn config_errors_exit_2() {
    let d = scratch("config-errors");
    write(&d.join(".git/HEAD"), "");
    write(&d.join("claims.yaml"), "claims: []\n");
    write(&d.join("claimlint.yaml"), "rule: [x]\n");
    let o = run(&["claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("config/invalid") && stderr(&o).contains("did you mean `rules`?"),
        "{}",
        stderr(&o)
    );
    write(&d.join("claimlint.yaml"), "rules: [../outside]\n");
    std::fs::create_dir_all(d.parent().map(|p| p.join("outside")).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("outside the repository"),
        "{}",
        stderr(&o)
    );
    write(
        &d.join("claimlint.yaml"),
        "severity: { numeric/mismatch: loud }\n",
    );
    assert_eq!(run(&["claims.yaml"], &d).status.code(), Some(2));
    // --config names another file; --isolated ignores them all.
    write(
        &d.join("other.yaml"),
        "severity: { numeric/mismatch: off }\n",
    );
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 5\n",
    );
    assert_eq!(
        run(&["claims.yaml", "--config", "other.yaml"], &d)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["claims.yaml", "--isolated"], &d).status.code(),
        Some(1)
    );
}

#[test]
fn explain_prints_the_code_text_and_suggests_on_a_typo() {
    let o = run(&["explain", "numeric/mismatch"], &root());
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.contains("**What it checks.**")
            && text.contains("**Wrong:**")
            && text.contains("**Right:**"),
        "{text}"
    );
    let o = run(&["explain", "numeric/mismach"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `numeric/mismatch`?"));
    let o = run(&["explain"], &root());
    assert!(stdout(&o).contains("status/regression"));
}

#[test]
fn rules_lists_every_entry_with_its_origin() {
    let d = scratch("rules-list");
    write(&d.join(".git/HEAD"), "");
    write(
        &d.join("mine.yaml"),
        "literals:\n  scales: { lakh: 1e5, mln: 1e6 }\n",
    );
    let o = run(&["rules", "--rules", "mine.yaml"], &d);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains("lakh = 100,000    (mine.yaml:2)"), "{text}");
    assert!(
        text.contains("mln = 1,000,000    (mine.yaml:2)"),
        "the later file replaces the default: {text}"
    );
    assert!(text.contains("(<default>/lifecycles.yaml:"), "{text}");
    let o = run(&["rules", "--format", "json"], &d);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert!(v.as_array().is_some_and(|a| {
        a.iter()
            .any(|l| l["section"] == "functions" && l["name"] == "growth")
    }));
}

#[test]
fn init_writes_starters_and_never_overwrites() {
    let d = scratch("init");
    let o = run(&["init"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["--format", "concise", "claims.yaml"], &d);
    assert_eq!(o.status.code(), Some(0), "the starter file is clean");
    assert_eq!(stdout(&o), "", "the starter file raises no finding at all");
    let starter = std::fs::read_to_string(d.join("claims.yaml")).unwrap_or_default();
    for kind in ["value:", "assert:", "status:", "quote:", "as_of:"] {
        assert!(starter.contains(kind), "the starter shows `{kind}`");
    }
    assert!(
        !starter.starts_with("# yaml-language-server"),
        "the starter points at no schema file that init did not write"
    );
    let before = std::fs::read(d.join("claims.yaml")).unwrap_or_default();
    let o = run(&["init"], &d);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(d.join("claims.yaml")).unwrap_or_default(),
        before
    );
    #[cfg(unix)]
    {
        let e = scratch("init-dangling");
        std::os::unix::fs::symlink(e.join("nowhere"), e.join("claimlint.yaml"))
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(run(&["init"], &e).status.code(), Some(2));
        assert!(!e.join("claims.yaml").exists() && !e.join("nowhere").exists());
    }
}

#[test]
fn a_run_that_finds_no_claims_file_says_so() {
    let d = scratch("no-claims");
    std::fs::write(d.join("notes.yaml"), "a: 1\n").unwrap_or_else(|e| panic!("{e}"));
    for format in ["human", "concise", "json"] {
        let o = run(&["--format", format, "."], &d);
        assert_eq!(o.status.code(), Some(0), "a documented choice: exit 0");
        assert!(
            stderr(&o).contains("no claims file found under `.`"),
            "{format}: {}",
            stderr(&o)
        );
    }
    // A run that finds one says nothing of the kind.
    std::fs::write(d.join("claims.yaml"), "claims: []\n").unwrap_or_else(|e| panic!("{e}"));
    assert!(!stderr(&run(&["."], &d)).contains("no claims file"));
}

#[test]
fn explain_with_a_part_of_a_code_lists_every_code_it_could_mean() {
    let o = run(&["explain", "mismatch"], &root());
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.contains("numeric/mismatch") && text.contains("unit/mismatch"),
        "{text}"
    );
    let o = run(&["explain", "status"], &root());
    for code in [
        "status/contradiction",
        "status/ambiguous-time",
        "status/regression",
    ] {
        assert!(stdout(&o).contains(code), "{code}");
    }
    // One code only: its page.
    let o = run(&["explain", "undefined"], &root());
    assert!(
        stdout(&o).starts_with("# `numeric/undefined`"),
        "{}",
        stdout(&o)
    );
    // Nothing close: a usage error with a suggestion.
    assert_eq!(run(&["explain", "zzz"], &root()).status.code(), Some(2));
}

#[test]
fn schema_completions_man_and_version() {
    for which in ["claims", "rules", "config"] {
        let o = run(&["schema", which], &root());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
        assert_eq!(
            v["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{which}"
        );
    }
    assert!(stdout(&run(&["completions", "bash"], &root())).contains("claimlint"));
    assert!(stdout(&run(&["man"], &root())).contains(".TH claimlint"));
    assert_eq!(
        stdout(&run(&["--version"], &root())),
        format!(
            "claimlint {} (claim language {})\n",
            env!("CARGO_PKG_VERSION"),
            claimlint::LANGUAGE_VERSION
        )
    );
}

/// Each subcommand's help opens with what it does and lists its own options, and the
/// completions and the man page carry both: a subcommand's options are defined only when
/// it is used (or the whole command line is built), and their own doc comment must not
/// replace the subcommand's description.
#[test]
fn each_subcommand_says_what_it_does_and_lists_its_options() {
    let subcommands = [
        (
            "check",
            "Check claims files (the default)",
            "--write-baseline",
        ),
        (
            "review",
            "Check claims files and show each article",
            "--no-pager",
        ),
        ("explain", "What a finding code means", "[CODE]"),
        (
            "rules",
            "The rules in force and the file each came from",
            "--phrases",
        ),
        ("init", "Write a starter claims.yaml", "[DIR]"),
        ("schema", "A JSON Schema, for editors", "<WHICH>"),
        ("draft", "A draft claims file from an article", "--output"),
        ("completions", "Shell completions", "<SHELL>"),
    ];
    let top = stdout(&run(&["--help"], &root()));
    let zsh = stdout(&run(&["completions", "zsh"], &root()));
    let man = stdout(&run(&["man"], &root()));
    for (name, what, option) in subcommands {
        let help = stdout(&run(&[name, "--help"], &root()));
        assert!(help.starts_with(what), "`{name} --help`:\n{help}");
        assert!(help.contains(option), "`{name} --help`:\n{help}");
        assert_eq!(
            stdout(&run(&["help", name], &root())),
            help,
            "`help {name}`"
        );
        assert!(
            top.contains(&format!("  {name}")) && top.contains(what),
            "{top}"
        );
        // Listed twice: among the subcommands, and under `help` (whose list is copied
        // before the subcommands are built, so it alone would not catch a lost
        // description).
        let entry = format!("'{name}:{what}");
        assert!(
            zsh.matches(&entry).count() >= 2,
            "{name} in the zsh completions"
        );
        assert!(
            man.contains(what.replace('-', "\\-").as_str()),
            "{name} in the man page"
        );
        assert!(!help.contains("Options of `"), "`{name} --help`:\n{help}");
    }
    // Options that only a subcommand has (the check options are also the top level's).
    assert!(zsh.contains("--no-pager") && zsh.contains("--phrases"));
}

#[test]
fn a_baseline_hides_todays_findings_but_not_new_ones() {
    let d = scratch("baseline");
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 5\n",
    );
    let o = run(&["--write-baseline", "base.json"], &d);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(run(&["--baseline", "base.json"], &d).status.code(), Some(0));
    // An edit elsewhere moves the finding to another line: still in the baseline.
    write(
        &d.join("claims.yaml"),
        "# moved\n\nclaims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 5\n",
    );
    assert_eq!(run(&["--baseline", "base.json"], &d).status.code(), Some(0));
    // A new finding is reported.
    write(
        &d.join("claims.yaml"),
        "claims:\n  - id: a\n    value: 1\n  - id: b\n    assert: a = 5\n  - id: c\n    assert: a = 9\n",
    );
    let o = run(&["--baseline", "base.json", "--format", "concise"], &d);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains(":7:"), "{}", stdout(&o));
    write(&d.join("bad.json"), "{}");
    assert_eq!(run(&["--baseline", "bad.json"], &d).status.code(), Some(2));
}

#[path = "../benches/corpus.rs"]
mod corpus;

/// A large file is parsed on a second thread while the first loads it: the report is the
/// same, byte for byte, as on one thread, in every format that lists every finding.
#[test]
fn a_large_file_reports_the_same_on_one_thread_and_two() {
    let dir = scratch("large-file-threads");
    let text = corpus::claims_file(4_000, 5);
    assert!(
        text.len() > claimlint::run::TWO_THREADS_BYTES,
        "the corpus is too small"
    );
    write(&dir.join("big.claims.yaml"), text);
    for format in ["concise", "json"] {
        let mut outputs = Vec::new();
        for threads in ["1", "2"] {
            let o = bin()
                .args(["big.claims.yaml", "--format", format, "--fail-on", "never"])
                .env("RAYON_NUM_THREADS", threads)
                .current_dir(&dir)
                .output()
                .unwrap_or_else(|e| panic!("running claimlint: {e}"));
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            outputs.push(stdout(&o));
        }
        assert!(
            outputs[0].lines().count() > 100,
            "{format}: too few findings"
        );
        assert_eq!(outputs[0], outputs[1], "{format}");
    }
}

#[test]
fn rules_lists_currencies_range_words_and_the_new_settings() {
    let d = scratch("rules-list-1-2");
    write(&d.join(".git/HEAD"), "");
    write(
        &d.join("mine.yaml"),
        "units:\n  pounds: 1 GBP\ncurrencies:\n  Tk: BDT\nrange_words:\n  the lion's share: \"(50%, 100%]\"\nsettings:\n  fiscal_year_start: 4\n",
    );
    let o = run(&["rules", "--rules", "mine.yaml"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for line in [
        "pounds = 1 gbp    (mine.yaml:2)",
        "Tk = BDT    (mine.yaml:4)",
        "₸ = KZT    (<default>/units.yaml:",
        "the lion's share = (50%, 100%]    (mine.yaml:6)",
        "a majority = (50%, 100%]    (<default>/literals.yaml:",
        "fiscal_year_start = 4    (mine.yaml:8)",
        "approx_points = 2 pp    (<default>/literals.yaml:",
        "approx_relative = 10%    (<default>/literals.yaml:",
        "crore = 10,000,000    (<default>/literals.yaml:",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

/// On Linux with glibc the binary links as the build script says it did
/// (`build/link.rs`): as a static position-independent program, which asks for no loader
/// and no library and leaves no symbol for one; else with the unwinder inside, without
/// `libgcc_s.so.1`.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
#[allow(clippy::print_stdout)] // says why it checked nothing
fn the_glibc_binary_links_as_the_build_script_says() {
    let how = env!("CLAIMLINT_LINKAGE");
    let readelf = |flag: &str| {
        let o = Command::new("readelf")
            .args([flag, env!("CARGO_BIN_EXE_claimlint")])
            .output()
            .unwrap_or_else(|e| panic!("readelf: {e}"));
        assert!(o.status.success(), "{o:?}");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    if how == "static-pie" {
        let (dynamic, headers) = (readelf("-d"), readelf("-l"));
        assert!(!dynamic.contains("(NEEDED)"), "{dynamic}");
        assert!(!headers.contains("INTERP"), "{headers}");
        assert!(
            headers.contains("Elf file type is DYN"),
            "position-independent: {headers}"
        );
        // No symbol left for a library to give (one would crash the program at start).
        let symbols = readelf("--dyn-syms");
        let undefined = symbols
            .lines()
            .filter(|l| l.contains(" UND ") && !l.contains(" LOCAL ") && !l.contains(" WEAK "));
        assert_eq!(undefined.count(), 0, "{symbols}");
    } else if how.starts_with("static-unwinder") {
        let dynamic = readelf("-d");
        assert!(
            dynamic.contains("(NEEDED)") && dynamic.contains("libc.so"),
            "{dynamic}"
        );
        assert!(!dynamic.contains("libgcc_s"), "{dynamic}");
    } else {
        println!("SKIPPED: the build links as cargo does: {how}");
    }
}

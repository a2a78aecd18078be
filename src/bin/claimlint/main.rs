//! The `claimlint` command: parse arguments, run the library, render, exit 0, 1 or 2.

mod args;
mod commands;
mod draft;
mod review;

use args::{CheckArgs, Cli, Color, Command, FailOn, Format};
use claimlint::code::Severity;
use claimlint::error::{ErrorKind, ToolError};
use claimlint::output::{self, Counts};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// musl's allocator is slow with many small allocations; the static builds use mimalloc
/// (Cargo.toml says why).
#[cfg(target_env = "musl")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let printed = |r: Result<String, ToolError>| {
        r.and_then(|text| {
            print(&text)?;
            Ok(ExitCode::SUCCESS)
        })
    };
    let result = match cli.command {
        Some(Command::Check(a)) => check(&a),
        Some(Command::Review(a)) => review::review(&a),
        None => check(&cli.check),
        Some(Command::Explain(a)) => printed(commands::explain(a.code.as_deref())),
        Some(Command::Rules(a)) => printed(commands::rules(&a)),
        Some(Command::Init(a)) => printed(commands::init(&a.dir)),
        Some(Command::Schema(a)) => printed(Ok(commands::schema(a.which))),
        Some(Command::Draft(a)) => printed(draft::run(&a)),
        Some(Command::Completions(a)) => printed(Ok(commands::completions(a.shell))),
        Some(Command::Man) => printed(Ok(commands::man())),
        Some(Command::Lsp) => Ok(lsp()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report_tool_error(&e);
            ExitCode::from(2)
        }
    }
}

fn report_tool_error(e: &ToolError) {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_links(false);
    let mut s = String::new();
    if handler.render_report(&mut s, e).is_err() {
        s = format!("error[{}]: {}\n", e.kind, e.message);
    }
    let _ = std::io::stderr().write_all(output::escape_keep_lines(&s).as_bytes());
}

fn check(a: &CheckArgs) -> Result<ExitCode, ToolError> {
    let opts = a.run.options();
    // The page needs the claims and the article as well as the findings (a baseline is
    // written from the findings alone, whatever the format).
    if a.format == Format::Html && a.write_baseline.is_none() {
        return review::html_format(a, &opts);
    }
    let (mut reports, kept): (Vec<_>, Vec<_>) = claimlint::run::run_with(&opts, check_for_exit)?
        .into_iter()
        .unzip();
    if let Some(path) = &a.write_baseline {
        let b = claimlint::baseline::record(&reports);
        let text = serde_json::to_string_pretty(&b).unwrap_or_default() + "\n";
        std::fs::write(path, text).map_err(|e| io_error("write", path, &e))?;
        let n: usize = b.findings.iter().map(|k| k.count).sum();
        print(&format!(
            "wrote {n} finding{} to {}\n",
            if n == 1 { "" } else { "s" },
            path.display()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(path) = &a.baseline {
        claimlint::baseline::apply(&mut reports, &read_baseline(path)?);
    }
    if reports.is_empty() {
        warn_no_claims_file(&a.run.paths);
    }
    let failing = fails(Counts::of(&reports), a.run.fail_on);
    let text = match a.format {
        Format::Human => {
            let color = match a.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::io::stdout().is_terminal()
                }
            };
            output::human::render(&reports, color, 100)
        }
        Format::Concise => output::concise::render(&reports),
        Format::Json => output::json::render(&reports),
        Format::Sarif => output::sarif::render(&reports),
        Format::Github => output::github::render(&reports),
        // Handled above.
        Format::Html => String::new(),
    };
    print(&text)?;
    // The process ends here: the system takes its memory back at once, where freeing a
    // large run's findings and files one by one would take a tenth of its time.
    std::mem::forget((reports, text, kept));
    Ok(ExitCode::from(if failing { 1 } else { 0 }))
}

/// Checks one claims file for a run that ends with the process. Its claims come back
/// beside its report, to be left to the system at exit with it, where the file is large
/// (freeing 100,000 claims one by one takes a sixth of the run) or the files so left hold
/// less than [`LEFT_AT_EXIT_BYTES`] of text (a run of one small file); others are freed
/// at once, so that a run of many files never holds them all.
fn check_for_exit(
    path: &std::path::Path,
    rules: &claimlint::RuleSet,
    max_bytes: u64,
) -> Result<(claimlint::FileReport, Option<claimlint::claim::ClaimsFile>), ToolError> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static LEFT: AtomicUsize = AtomicUsize::new(0);
    let leave = |len: usize| {
        len >= claimlint::run::TWO_THREADS_BYTES
            || LEFT
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                    let now = left.saturating_add(len);
                    (now <= LEFT_AT_EXIT_BYTES).then_some(now)
                })
                .is_ok()
    };
    Ok(
        match claimlint::run::checked_file(path, rules, max_bytes)? {
            Ok(c) if leave(c.file.source.text.len()) => {
                let report = claimlint::FileReport {
                    source: std::sync::Arc::clone(&c.file.source),
                    findings: c.findings,
                };
                (report, Some(c.file))
            }
            Ok(c) => (c.into(), None),
            Err(report) => (report, None),
        },
    )
}

/// The text of small claims files whose claims a run leaves to the system at exit (about
/// ten times as much memory).
const LEFT_AT_EXIT_BYTES: usize = 1024 * 1024;

/// Reads a baseline written by `--write-baseline`.
pub(crate) fn read_baseline(
    path: &std::path::Path,
) -> Result<claimlint::baseline::Baseline, ToolError> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error("read", path, &e))?;
    claimlint::baseline::parse(&text, &path.display().to_string())
}

/// Serves an editor until it says `exit`: 0 after `shutdown`, 1 otherwise (as the
/// protocol says), 2 where standard input or output fails.
fn lsp() -> ExitCode {
    let input = std::io::BufReader::new(std::io::stdin());
    match claimlint::lsp::serve(input, std::io::stdout()) {
        Ok(claimlint::lsp::Ending::Clean) => ExitCode::SUCCESS,
        Ok(claimlint::lsp::Ending::Abrupt) => ExitCode::from(1),
        Err(e) => {
            report_tool_error(&ToolError::new(
                claimlint::error::ErrorKind::Io,
                format!(
                    "the language server stopped: {}",
                    claimlint::discover::io_words(&e)
                ),
            ));
            ExitCode::from(2)
        }
    }
}

/// A run that found no claims file says so on standard error (as ruff does for a run
/// with no Python file), so that a wrong working folder or path is seen in CI. The exit
/// status stays 0: a repository may have no claims file yet (docs/ci.md).
pub(crate) fn warn_no_claims_file(paths: &[std::path::PathBuf]) {
    let under = if paths.is_empty() {
        "the current folder".to_owned()
    } else {
        paths
            .iter()
            .map(|p| format!("`{}`", p.display()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = format!(
        "warning: no claims file found under {under} (claims files are named claims.yaml or NAME.claims.yaml, .yml too)\n"
    );
    let _ = std::io::stderr().write_all(output::escape_keep_lines(&text).as_bytes());
}

/// Writes to standard output. A closed pipe ends the output quietly: the run still
/// exits with the status its findings give. Any other failure (a full disk behind `>`)
/// is an `io` error, so that a cut output never passes for a whole one.
pub(crate) fn print(text: &str) -> Result<(), ToolError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(ToolError::new(
            ErrorKind::Io,
            format!(
                "cannot write to standard output: {}",
                claimlint::discover::io_words(&e)
            ),
        )),
        _ => Ok(()),
    }
}

/// A file the system would not let claimlint read or write (`doing` is `read`, `write`
/// or `create`): kind `io`, with the path and the system's reason. A claims, rules or
/// config file that cannot be read keeps its own kind.
pub(crate) fn io_error(doing: &str, path: &std::path::Path, e: &std::io::Error) -> ToolError {
    ToolError::new(
        ErrorKind::Io,
        format!(
            "cannot {doing} `{}`: {}",
            path.display(),
            claimlint::discover::io_words(e)
        ),
    )
}

pub(crate) fn fails(c: Counts, fail_on: FailOn) -> bool {
    let at_least = |s: Severity| match s {
        Severity::Error => c.errors > 0,
        Severity::Warning => c.errors + c.warnings > 0,
        Severity::Note => c.errors + c.warnings + c.notes > 0,
    };
    match fail_on {
        FailOn::Error => at_least(Severity::Error),
        FailOn::Warning => at_least(Severity::Warning),
        FailOn::Note => at_least(Severity::Note),
        FailOn::Never => false,
    }
}

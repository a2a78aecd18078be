//! The `claimlint` command: parse arguments, run the library, render, exit 0, 1 or 2.

mod args;

use args::{CheckArgs, Cli, Color, Command, FailOn, Format};
use claimlint::code::Severity;
use claimlint::error::ToolError;
use claimlint::output::{self, Counts};
use claimlint::source::SourceFile;
use claimlint::{FileReport, RuleSet};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Some(Command::Check(a)) => check(&a),
        None => check(&cli.check),
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
        s = format!("error[{}]: {}\n", e.code, e.message);
    }
    let _ = std::io::stderr().write_all(output::escape_keep_lines(&s).as_bytes());
}

fn load_rules(a: &CheckArgs) -> Result<RuleSet, ToolError> {
    let mut b = if a.no_default_rules {
        claimlint::rules::RulesBuilder::default()
    } else {
        claimlint::rules::load_defaults()?
    };
    for p in &a.rules {
        for f in claimlint::discover::rules_files(p)? {
            let text = read_text(&f).map_err(|m| ToolError::new("rules/invalid", m))?;
            b.add(&SourceFile::new(f.display().to_string(), text))?;
        }
    }
    b.finish()
}

fn read_text(p: &Path) -> Result<String, String> {
    let bytes = std::fs::read(p).map_err(|e| {
        format!(
            "cannot read `{}`: {}",
            p.display(),
            claimlint::discover::io_words(&e)
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{}` is not UTF-8 (invalid byte at offset {})",
            p.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn check(a: &CheckArgs) -> Result<ExitCode, ToolError> {
    let rules = load_rules(a)?;
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let files = claimlint::discover::claims_files(&paths)?;
    let mut reports = Vec::with_capacity(files.len());
    for f in &files {
        let name = f.display().to_string();
        let name = name.strip_prefix("./").unwrap_or(&name).to_owned();
        let bytes = std::fs::read(f).map_err(|e| {
            ToolError::new(
                "usage",
                format!(
                    "cannot read `{name}`: {}",
                    claimlint::discover::io_words(&e)
                ),
            )
        })?;
        reports.push(claimlint::check::check_bytes(name, &bytes, Some(f), &rules));
    }
    let failing = fails(&reports, a.fail_on);
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
    };
    let code = ExitCode::from(if failing { 1 } else { 0 });
    // A closed pipe ends the run quietly, with the status the findings give.
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(code)
}

fn fails(reports: &[FileReport], fail_on: FailOn) -> bool {
    let c = Counts::of(reports);
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

//! The `claimlint` command: parse arguments, run the library, render, exit 0, 1 or 2.

mod args;

use args::{CheckArgs, Cli, Color, Command, FailOn, Format};
use claimlint::FileReport;
use claimlint::code::Severity;
use claimlint::config::RuleOptions;
use claimlint::error::ToolError;
use claimlint::output::{self, Counts};
use claimlint::run::RunOptions;
use clap::Parser;
use std::io::{IsTerminal, Write};
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

fn check(a: &CheckArgs) -> Result<ExitCode, ToolError> {
    let opts = RunOptions {
        paths: a.paths.clone(),
        config: a.config.clone(),
        isolated: a.isolated,
        force_exclude: a.force_exclude,
        rules: RuleOptions {
            no_defaults: a.no_default_rules,
            extra: a.rules.clone(),
        },
    };
    let reports = claimlint::run::run(&opts)?;
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
        Format::Json => output::json::render(&reports),
        Format::Sarif => output::sarif::render(&reports),
        Format::Github => output::github::render(&reports),
    };
    // A closed pipe ends the run quietly, with the status the findings give.
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(ExitCode::from(if failing { 1 } else { 0 }))
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

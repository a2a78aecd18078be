//! `review` and `check --format html`: the same run as `check`, shown on the article.

use crate::args::{CheckArgs, Color, ReviewArgs};
use crate::{fails, print, read_baseline};
use claimlint::error::ToolError;
use claimlint::output::Counts;
use claimlint::review::{self, Review};
use claimlint::run::RunOptions;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Checks like `check` and keeps, for each file, what the page shows.
fn reviews(opts: &RunOptions, baseline: Option<&PathBuf>) -> Result<Vec<Review>, ToolError> {
    let mut reviews = claimlint::run::run_with(opts, review::review_file)?;
    if reviews.is_empty() {
        crate::warn_no_claims_file(&opts.paths);
    }
    if let Some(path) = baseline {
        let b = read_baseline(path)?;
        for r in &mut reviews {
            claimlint::baseline::apply(std::slice::from_mut(&mut r.report), &b);
        }
    }
    Ok(reviews)
}

fn counts(reviews: &[Review]) -> Counts {
    Counts::of_findings(reviews.iter().flat_map(|r| &r.report.findings))
}

/// `check --format html`: the page on standard output.
pub fn html_format(a: &CheckArgs, opts: &RunOptions) -> Result<ExitCode, ToolError> {
    let reviews = reviews(opts, a.baseline.as_ref())?;
    print(&review::html::page(&reviews))?;
    Ok(ExitCode::from(u8::from(fails(
        counts(&reviews),
        a.run.fail_on,
    ))))
}

/// `review [PATH ...] [-o FILE.html]`.
pub fn review(a: &ReviewArgs) -> Result<ExitCode, ToolError> {
    let opts = a.run.options();
    let reviews = reviews(&opts, a.baseline.as_ref())?;
    let c = counts(&reviews);
    let failing = fails(c, a.run.fail_on);
    match &a.output {
        Some(path) => {
            write_file(path, &review::html::page(&reviews))?;
            print(&format!(
                "wrote {}: {} in {} file{}\n",
                path.display(),
                words(c),
                reviews.len(),
                if reviews.len() == 1 { "" } else { "s" }
            ))?;
        }
        None => {
            let terminal = std::io::stdout().is_terminal();
            let color = match a.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal
                }
            };
            let width = if terminal {
                terminal_size::terminal_size().map_or(100, |(w, _)| usize::from(w.0))
            } else {
                100
            };
            let text = review::text::render(&reviews, color, width);
            if terminal && !a.no_pager {
                page(&text)?;
            } else {
                print(&text)?;
            }
        }
    }
    Ok(ExitCode::from(u8::from(failing)))
}

fn words(c: Counts) -> String {
    let pl = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        pl(c.errors, "error"),
        pl(c.warnings, "warning"),
        pl(c.notes, "note")
    )
}

fn write_file(path: &Path, text: &str) -> Result<(), ToolError> {
    std::fs::write(path, text).map_err(|e| crate::io_error("write", path, &e))
}

/// Shows text through `$PAGER` (`less -R` where it is unset), as git does: `LESS=FRX`
/// unless `LESS` is set, so that a short review prints and returns. Where no pager
/// starts, the text is printed.
fn page(text: &str) -> Result<(), ToolError> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less -R".to_owned());
    let mut words = pager.split_whitespace();
    let Some(program) = words.next() else {
        return print(text);
    };
    let mut cmd = std::process::Command::new(program);
    cmd.args(words).stdin(std::process::Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    match cmd.spawn() {
        Ok(mut child) => {
            if let Some(mut stdin) = child.stdin.take() {
                // A pager closed early (`q`) is a normal end.
                let _ = stdin.write_all(text.as_bytes());
            }
            let _ = child.wait();
            Ok(())
        }
        Err(_) => print(text),
    }
}

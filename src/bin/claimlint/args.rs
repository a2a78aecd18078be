//! The command line (SPEC 8), as clap derive types.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// claimlint: checks the numbers and statuses a document claims for consistency.
#[derive(Parser, Debug)]
#[command(
    name = "claimlint",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do (default: check).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of `check`, when no subcommand is named.
    #[command(flatten)]
    pub check: CheckArgs,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check claims files (the default).
    Check(CheckArgs),
}

/// Options of `check`.
#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    /// Claims files or folders to search for them (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// More rule files or folders, merged over the defaults in order.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Start from no rules instead of the built-in defaults.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Use this config for every file, instead of the claimlint.yaml found above each.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every claimlint.yaml.
    #[arg(long)]
    pub isolated: bool,
    /// Apply the config's excludes to files named on the command line too (for
    /// pre-commit, which names files).
    #[arg(long)]
    pub force_exclude: bool,
    /// Colour in the human format (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

/// Output formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// miette's graphical report.
    Human,
    /// One line a finding: PATH:LINE:COL: severity[code] message.
    Concise,
    /// One JSON object with every finding.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// Which findings fail the run.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Errors.
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Note,
    /// Nothing: exit 0 whatever is found.
    Never,
}

/// When to colour.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// When standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

//! The command line (SPEC 8), as clap derive types.

use claimlint::config::RuleOptions;
use claimlint::run::RunOptions;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// claimlint: checks the numbers and statuses a document claims for consistency.
#[derive(Parser, Debug)]
#[command(
    name = "claimlint",
    // The claim language's version is `claimlint::LANGUAGE_VERSION` (a test keeps them equal).
    version = concat!(env!("CARGO_PKG_VERSION"), " (claim language 1.2)"),
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
    Check(Deferred<CheckArgs>),
    /// Check claims files and show each article with its checked passages marked: in
    /// the terminal, or as one HTML page with `-o`.
    Review(Deferred<ReviewArgs>),
    /// What a finding code means, why it matters, with a wrong and a right example.
    Explain(Deferred<ExplainArgs>),
    /// The rules in force and the file each came from.
    Rules(Deferred<RulesArgs>),
    /// Write a starter claims.yaml and claimlint.yaml (never overwrites a file).
    Init(Deferred<InitArgs>),
    /// A JSON Schema, for editors (yaml-language-server).
    Schema(Deferred<SchemaArgs>),
    /// A draft claims file from an article's text, for an editor to review.
    Draft(Deferred<DraftArgs>),
    /// Shell completions.
    Completions(Deferred<CompletionsArgs>),
    /// The man page, in roff.
    Man,
    /// A language server over standard input and output, for editors (docs/editors.md).
    Lsp,
}

/// Options of `explain`.
#[derive(clap::Args, Debug, Clone)]
pub struct ExplainArgs {
    /// A code such as `numeric/mismatch`; without one, every code is listed.
    pub code: Option<String>,
}

/// Options of `init`.
#[derive(clap::Args, Debug, Clone)]
pub struct InitArgs {
    /// The folder to write them in.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// Options of `schema`.
#[derive(clap::Args, Debug, Clone)]
pub struct SchemaArgs {
    /// Which file's schema.
    #[arg(value_enum)]
    pub which: SchemaKind,
}

/// Options of `completions`.
#[derive(clap::Args, Debug, Clone)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// A subcommand's arguments, defined only when the subcommand is used (or the whole
/// command line is built, for help, completions and the man page): a run of `claimlint
/// FILE` then does not run the code that defines every other subcommand's options, which
/// a fresh process pays for in cold code more than in instructions (docs/PERFORMANCE.md).
#[derive(Debug, Clone)]
pub struct Deferred<T>(pub T);

impl<T> std::ops::Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: clap::FromArgMatches> clap::FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }
    fn from_arg_matches_mut(matches: &mut clap::ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }
    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
    fn update_from_arg_matches_mut(
        &mut self,
        matches: &mut clap::ArgMatches,
    ) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

impl<T: clap::Args> clap::Args for Deferred<T> {
    fn group_id() -> Option<clap::Id> {
        T::group_id()
    }
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keeping_about(cmd, T::augment_args))
    }
    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        cmd.defer(|cmd| keeping_about(cmd, T::augment_args_for_update))
    }
}

/// Defines a subcommand's arguments and keeps the description its variant gave it: the
/// arguments' own doc comment, which describes the options, would otherwise replace it
/// (where the subcommand's description comes after its arguments when nothing is
/// deferred).
fn keeping_about(cmd: clap::Command, augment: fn(clap::Command) -> clap::Command) -> clap::Command {
    use clap::builder::Resettable;
    let kept = |text: Option<&clap::builder::StyledStr>| {
        text.cloned().map_or(Resettable::Reset, Resettable::Value)
    };
    let (about, long_about) = (kept(cmd.get_about()), kept(cmd.get_long_about()));
    augment(cmd).about(about).long_about(long_about)
}

/// Options of `rules`.
#[derive(clap::Args, Debug, Clone)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
    /// List the status phrases in force, by lifecycle, state and polarity (of one
    /// lifecycle if named).
    #[arg(long, value_name = "LIFECYCLE", num_args = 0..=1, default_missing_value = "")]
    pub phrases: Option<String>,
    /// Where the rules come from.
    #[command(flatten)]
    pub source: RuleSource,
}

/// Where the rules of a run come from: options `check` and `rules` share.
#[derive(clap::Args, Debug, Clone)]
pub struct RuleSource {
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
}

/// Options of `draft`.
#[derive(clap::Args, Debug, Clone)]
pub struct DraftArgs {
    /// The article: UTF-8 plain text or Markdown; `-` reads standard input.
    pub article: PathBuf,
    /// Write the draft to FILE (never over an existing file) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Where the rules come from.
    #[command(flatten)]
    pub source: RuleSource,
}

/// Formats of `rules`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesFormat {
    /// One line an entry.
    Human,
    /// A JSON list.
    Json,
}

/// The schemas `schema` prints.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    /// claims.yaml.
    Claims,
    /// Rules files.
    Rules,
    /// claimlint.yaml.
    Config,
}

/// What `check` and `review` share: the files, the rules, and what fails the run.
#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// Claims files or folders to search for them (default: the current folder).
    pub paths: Vec<PathBuf>,
    /// The lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Where the rules come from.
    #[command(flatten)]
    pub source: RuleSource,
    /// Apply the config's excludes to files named on the command line too (for
    /// pre-commit, which names files).
    #[arg(long)]
    pub force_exclude: bool,
    /// The largest claims file read, in MiB; a larger one is an error (exit 2).
    #[arg(long, value_name = "MIB", default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_file_size: u64,
}

impl RunArgs {
    /// What the run reads.
    pub fn options(&self) -> RunOptions {
        RunOptions {
            paths: self.paths.clone(),
            config: self.source.config.clone(),
            isolated: self.source.isolated,
            force_exclude: self.force_exclude,
            rules: RuleOptions {
                no_defaults: self.source.no_default_rules,
                extra: self.source.rules.clone(),
            },
            max_file_bytes: self.max_file_size.saturating_mul(1024 * 1024),
        }
    }
}

/// Options of `check`.
#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    /// What to check, with which rules.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Record today's findings in FILE, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that FILE (from --write-baseline) does not hold.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
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
    /// The review page (`review -o`), one self-contained HTML file.
    Html,
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

/// Options of `review`.
#[derive(clap::Args, Debug, Clone)]
pub struct ReviewArgs {
    /// What to check, with which rules.
    #[command(flatten)]
    pub run: RunArgs,
    /// Write the review as one HTML page to FILE instead of showing it in the terminal.
    #[arg(short = 'o', long = "output", value_name = "FILE.html")]
    pub output: Option<PathBuf>,
    /// Print to standard output even when it is a terminal (no `$PAGER`, no `less -R`).
    #[arg(long)]
    pub no_pager: bool,
    /// Report only findings that FILE (from `check --write-baseline`) does not hold.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Colour in the terminal (NO_COLOR is honoured).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[cfg(test)]
mod tests {
    /// clap's own checks of the command line, on the whole tree: the deferred
    /// subcommands' options are checked too, not only when one is used.
    #[test]
    fn the_command_line_is_consistent() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}

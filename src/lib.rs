//! claimlint checks the factual claims of a document (numbers, statuses), written in a
//! `claims.yaml`, against declarative rules: numeric consistency, internal
//! contradictions, and quotes against their source.
//!
//! # The library API
//!
//! Every front end (the command line, and any other) checks a file the same way:
//!
//! 1. [`load`](fn@load) a claims file given as text (its name is the name findings show), with
//!    the rules in force. The result, [`Loaded`], holds the claims (their spans, and the
//!    interval each quantity reads as) and the findings about the file's form.
//! 2. If the file names an article ([`Loaded::article_name`], relative to the claims
//!    file), read it, as the front end reads files, into an [`Article`].
//! 3. [`check`](fn@check) the loaded file with that article: [`Checked`] holds the loaded claims
//!    again and every finding, with the severities of the rules, sorted by position.
//!
//! [`check_text`] does 1 and 3 at once, where the caller already holds the article.
//! None of these reads a file, looks at the environment or starts a thread of its own
//! accord: the caller passes [`Threads`]. The command line's run layer ([`run`]) finds
//! files and config, reads them, chooses threads, and calls these.
//!
//! ```
//! use claimlint::{Article, Threads};
//! use claimlint::rules::load_defaults;
//! use claimlint::source::SourceFile;
//!
//! # fn main() -> Result<(), claimlint::error::ToolError> {
//! let rules = load_defaults()?.finish()?;
//! let claims = SourceFile::new("claims.yaml", "document:
//!   source: article.md
//! claims:
//!   - id: residents
//!     value: 20 mln
//!     quote: 20 mln residents
//!   - id: users
//!     value: more than 12.5 mln
//!   - id: half
//!     assert: share(users, residents) = half
//! ");
//! let loaded = claimlint::load(claims, &rules, Threads::One);
//! assert_eq!(loaded.article_name(), Some("article.md"));
//! let article = SourceFile::new("article.md", "The city has 20 mln residents.");
//! let checked = claimlint::check(loaded, &rules, Some(&Article::Text(article)), Threads::One);
//! let codes: Vec<&str> = checked.findings.iter().map(|f| f.code.as_str()).collect();
//! assert_eq!(codes, ["numeric/mismatch"]);
//! // The loaded claims come back with the findings: `20 mln` reads as [19.5, 20.5] mln.
//! let residents = checked.file.claim_index("residents").map(|i| &checked.file.claims[i]);
//! assert!(matches!(residents.map(|c| &c.kind), Some(claimlint::claim::ClaimKind::Quantity(_))));
//! # Ok(())
//! # }
//! ```
//!
//! # The layout
//!
//! From the bottom floor up (`docs/ARCHITECTURE.md` says more): numbers and words
//! ([`number`], [`interval`], [`wording`]), formulas ([`formula`]), rules ([`rules`]),
//! units and literals ([`unit`], [`literal`]), claims ([`claim`], loaded by
//! [`load`](mod@load)), the compiled program of an assertion ([`program`]), the checks
//! ([`numeric`], [`status`], [`quote`]), findings ([`finding`], [`report`]), and the run
//! layer and output ([`run`], [`output`]).
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod check;
pub mod claim;
pub mod code;
pub mod config;
pub mod discover;
pub mod draft;
pub mod error;
pub mod exact;
pub mod finding;
pub mod formula;
pub mod hash;
pub mod interval;
pub mod literal;
pub mod load;
pub mod lsp;
pub mod number;
pub mod numeric;
pub mod output;
pub mod program;
pub mod quote;
pub mod report;
pub mod review;
pub mod rules;
pub mod run;
pub mod schema;
pub mod source;
pub mod status;
pub mod suggest;
pub mod time;
pub mod unit;
pub mod wording;
pub mod yaml;

pub use check::{Checked, Loaded, Threads, check, check_text, load};
pub use code::{Code, Severity};
pub use finding::Finding;
pub use quote::Article;
pub use report::FileReport;
pub use rules::RuleSet;

/// The version of claimlint, as the JSON and SARIF outputs name it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The version of the claim language (docs/SPEC.md) that this build reads.
pub const LANGUAGE_VERSION: &str = "1.2";

//! claimlint checks the factual claims of a document (numbers, statuses), written in a
//! `claims.yaml`, against declarative rules: numeric consistency, internal
//! contradictions, and quotes against their source.
//!
//! ```
//! use claimlint::rules::load_defaults;
//! use claimlint::source::SourceFile;
//!
//! # fn main() -> Result<(), claimlint::error::ToolError> {
//! let rules = load_defaults()?.finish()?;
//! let text = "claims:
//!   - id: residents
//!     value: 20 mln
//!   - id: users
//!     value: more than 12.5 mln
//!   - id: half
//!     assert: share(users, residents) = half
//! ";
//! let report = claimlint::check_source(SourceFile::new("claims.yaml", text), None, &rules);
//! let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
//! assert_eq!(codes, ["numeric/mismatch"]);
//! # Ok(())
//! # }
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod check;
pub mod claim;
pub mod code;
pub mod config;
pub mod error;
pub mod expr;
pub mod finding;
pub mod formula;
pub mod hash;
pub mod interval;
pub mod literal;
pub mod load;
pub mod quote;
pub mod restate;
pub mod rules;
pub mod run;
pub mod schema;
pub mod solve;
pub mod source;
pub mod status;
pub mod suggest;
pub mod unit;
pub mod wording;
pub mod yaml;

pub use check::{FileReport, check_source};
pub use code::{Code, Severity};
pub use finding::Finding;
pub use rules::RuleSet;
pub mod discover;
pub mod draft;
pub mod output;

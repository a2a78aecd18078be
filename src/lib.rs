//! claimlint checks the factual claims of a document (numbers, statuses), written in a
//! `claims.yaml`, against declarative rules: numeric consistency, internal
//! contradictions, and quotes against their source.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod interval;
pub mod source;
pub mod yaml;
pub mod code;
pub mod error;
pub mod formula;
pub mod literal;
pub mod rules;
pub mod suggest;
pub mod unit;

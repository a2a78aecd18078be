//! JSON Schemas of the three kinds of file, for editors (yaml-language-server) and
//! validators. Written by hand in `schemas/`, beside the loaders they describe.

/// The schema of a claims file.
pub const CLAIMS: &str = include_str!("../schemas/claims.schema.json");
/// The schema of a rules file.
pub const RULES: &str = include_str!("../schemas/rules.schema.json");
/// The schema of `claimlint.yaml`.
pub const CONFIG: &str = include_str!("../schemas/config.schema.json");

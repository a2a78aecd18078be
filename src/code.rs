//! The finding codes of SPEC section 7: one enum, one `match` per property, so that a new
//! code without its severity or text does not compile.

use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational: something the claims imply.
    Note,
    /// Probably wrong, or unchecked.
    Warning,
    /// Cannot be true as written.
    Error,
}

impl Severity {
    /// The word printed in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A severity as the rules set it: a level, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Reported at this severity.
    On(Severity),
    /// Not reported.
    Off,
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $sev:ident, $slug:literal;)*) => {
        /// Every finding code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in the order of the spec's table.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed: `numeric/mismatch`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The severity the spec gives it.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$sev,)*
                }
            }

            /// What it means, why it matters, a wrong and a right example (Markdown):
            /// the text `claimlint explain` prints and the check's documentation.
            pub fn explain(self) -> &'static str {
                match self {
                    $(Code::$variant => include_str!(concat!("../docs/codes/", $slug, ".md")),)*
                }
            }
        }
    };
}

codes! {
    YamlSyntax => "yaml/syntax", Error, "yaml-syntax";
    SchemaInvalid => "schema/invalid", Error, "schema-invalid";
    LiteralInvalid => "literal/invalid", Error, "literal-invalid";
    FormulaInvalid => "formula/invalid", Error, "formula-invalid";
    RefUnknown => "ref/unknown", Error, "ref-unknown";
    RefUnchecked => "ref/unchecked", Note, "ref-unchecked";
    UnitMismatch => "unit/mismatch", Error, "unit-mismatch";
    NumericMismatch => "numeric/mismatch", Error, "numeric-mismatch";
    NumericConflict => "numeric/conflict", Error, "numeric-conflict";
    NumericRestated => "numeric/restated", Error, "numeric-restated";
    NumericRounding => "numeric/rounding", Warning, "numeric-rounding";
    NumericBoundary => "numeric/boundary", Warning, "numeric-boundary";
    NumericUndefined => "numeric/undefined", Warning, "numeric-undefined";
    NumericPercentPoints => "numeric/percent-points", Warning, "numeric-percent-points";
    NumericDerived => "numeric/derived", Note, "numeric-derived";
    StatusContradiction => "status/contradiction", Error, "status-contradiction";
    StatusAmbiguousTime => "status/ambiguous-time", Warning, "status-ambiguous-time";
    StatusRegression => "status/regression", Warning, "status-regression";
    StatusUnknownPhrase => "status/unknown-phrase", Warning, "status-unknown-phrase";
    QuoteNotFound => "quote/not-found", Error, "quote-not-found";
    SourceUnreadable => "source/unreadable", Error, "source-unreadable";
    AllowUnused => "allow/unused", Warning, "allow-unused";
}

impl Code {
    /// The code named `s`, if any.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

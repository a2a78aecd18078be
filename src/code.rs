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
    ($($variant:ident => $name:literal, $sev:ident;)*) => {
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
        }
    };
}

codes! {
    YamlSyntax => "yaml/syntax", Error;
    SchemaInvalid => "schema/invalid", Error;
    LiteralInvalid => "literal/invalid", Error;
    FormulaInvalid => "formula/invalid", Error;
    RefUnknown => "ref/unknown", Error;
    UnitMismatch => "unit/mismatch", Error;
    NumericMismatch => "numeric/mismatch", Error;
    NumericConflict => "numeric/conflict", Error;
    NumericRestated => "numeric/restated", Error;
    NumericRounding => "numeric/rounding", Warning;
    NumericUndefined => "numeric/undefined", Warning;
    NumericPercentPoints => "numeric/percent-points", Warning;
    NumericDerived => "numeric/derived", Note;
    StatusContradiction => "status/contradiction", Error;
    StatusAmbiguousTime => "status/ambiguous-time", Warning;
    StatusRegression => "status/regression", Warning;
    StatusUnknownPhrase => "status/unknown-phrase", Warning;
    QuoteNotFound => "quote/not-found", Error;
    SourceUnreadable => "source/unreadable", Error;
    AllowUnused => "allow/unused", Warning;
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

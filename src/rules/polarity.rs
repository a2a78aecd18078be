//! How a status phrase speaks of its state: affirmed, negated or possible (SPEC 5).

/// How a phrase speaks of its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Polarity {
    /// The state holds (`has opened`).
    Affirmed,
    /// The state is not reached (`has not opened`).
    Negated,
    /// The state may come (`may open`): known, never in conflict.
    Possible,
}

impl Polarity {
    /// The polarity of index 0 (affirmed), 1 (negated) or 2 (possible).
    pub fn from_index(i: u32) -> Self {
        match i {
            0 => Polarity::Affirmed,
            1 => Polarity::Negated,
            _ => Polarity::Possible,
        }
    }

    /// The rules key that lists phrases of this polarity.
    pub fn key(self) -> &'static str {
        match self {
            Polarity::Affirmed => "phrases",
            Polarity::Negated => "negated",
            Polarity::Possible => "possible",
        }
    }

    /// The word `rules --phrases` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Affirmed => "affirmed",
            Polarity::Negated => "negated",
            Polarity::Possible => "possible",
        }
    }
}

//! Units as products of named base units with integer powers (`USD/gram` is USD times
//! gram^-1), and the conversions of the rules.

use crate::number::Domain;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A base unit's name: folded (lowercase), which decides equality, and as the rules or
/// the claim spell it (`USD`, `gram`), which messages print (docs/messages.md).
#[derive(Clone, Debug)]
struct Name {
    folded: String,
    /// Only where it differs from `folded` (`USD`): most units are spelt in lowercase,
    /// and a unit is cloned into every node of a formula that names it.
    spelling: Option<Box<str>>,
}

impl Name {
    fn new(folded: &str, spelling: &str) -> Name {
        Name {
            folded: folded.to_owned(),
            spelling: (spelling != folded).then(|| spelling.into()),
        }
    }

    /// As messages print it.
    fn shown(&self) -> &str {
        self.spelling.as_deref().unwrap_or(&self.folded)
    }
}

impl PartialEq for Name {
    fn eq(&self, o: &Name) -> bool {
        self.folded == o.folded
    }
}

impl Eq for Name {}

impl Hash for Name {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.folded.hash(h);
    }
}

/// A unit: base unit names and their powers, sorted by folded name, no zero power.
/// Empty is dimensionless. (A short sorted list: most units have one or two factors.)
/// Two units are equal when their folded names and powers are; each name keeps its
/// spelling for messages (`GBP per USD`, never `gbp per usd`). Shared, never empty
/// where present: a unit is cloned into every value and formula node that has it, and
/// a clone is a count, not a copy of each name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dim(Option<Arc<[(Name, i32)]>>);

impl Dim {
    fn factors(&self) -> &[(Name, i32)] {
        self.0.as_deref().unwrap_or_default()
    }

    fn from_factors(factors: Vec<(Name, i32)>) -> Dim {
        Dim((!factors.is_empty()).then(|| factors.into()))
    }

    /// A single base unit, named in lowercase (`date`, `days`).
    pub fn base(name: &str) -> Dim {
        Dim::spelt(name, name)
    }

    /// A single base unit: its folded name and its spelling.
    pub fn spelt(folded: &str, spelling: &str) -> Dim {
        Dim::from_factors(vec![(Name::new(folded, spelling), 1)])
    }

    /// Whether it is the base unit `name` alone (`date`, `days`).
    pub fn is(&self, name: &str) -> bool {
        matches!(self.factors(), [(n, 1)] if n.folded == name)
    }

    /// The product of two units.
    pub fn mul(&self, o: &Dim) -> Dim {
        self.combine(o, 1)
    }

    /// The quotient of two units.
    pub fn div(&self, o: &Dim) -> Dim {
        self.combine(o, -1)
    }

    fn combine(&self, o: &Dim, sign: i32) -> Dim {
        if o.0.is_none() {
            return self.clone();
        }
        // The common cases, without a copy of the factors: a unit over itself (a share,
        // a growth) has none left, and a bare number times a unit is the unit.
        if sign == -1 && self == o {
            return Dim::default();
        }
        if sign == 1 && self.0.is_none() {
            return o.clone();
        }
        self.merged(o, sign)
    }

    /// `self · o^sign`, factor by factor.
    fn merged(&self, o: &Dim, sign: i32) -> Dim {
        let mut m = self.factors().to_vec();
        for (k, p) in o.factors() {
            Dim::add(&mut m, &k.folded, k.shown(), sign.saturating_mul(*p));
        }
        Dim::from_factors(m)
    }

    /// Multiplies `name^power` into the factors `m` (`spelling` is how to print `name`).
    fn add(m: &mut Vec<(Name, i32)>, name: &str, spelling: &str, power: i32) {
        match m.binary_search_by(|(n, _)| n.folded.as_str().cmp(name)) {
            Ok(i) => {
                m[i].1 = m[i].1.saturating_add(power);
                if m[i].1 == 0 {
                    m.remove(i);
                }
            }
            Err(i) => m.insert(i, (Name::new(name, spelling), power)),
        }
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_none() {
            return f.write_str("no unit");
        }
        let num: Vec<String> = self
            .factors()
            .iter()
            .filter(|(_, p)| *p > 0)
            .map(|(k, p)| {
                if *p == 1 {
                    k.shown().to_owned()
                } else {
                    format!("{}^{p}", k.shown())
                }
            })
            .collect();
        let den: Vec<String> = self
            .factors()
            .iter()
            .filter(|(_, p)| *p < 0)
            .map(|(k, p)| {
                if *p == -1 {
                    k.shown().to_owned()
                } else {
                    format!("{}^{}", k.shown(), -p)
                }
            })
            .collect();
        let num = if num.is_empty() {
            "1".to_owned()
        } else {
            num.join(" ")
        };
        if den.is_empty() {
            f.write_str(&num)
        } else {
            write!(f, "{num} per {}", den.join(" "))
        }
    }
}

/// A unit read from text, resolved through the rules.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedUnit {
    /// In base units.
    pub dim: Dim,
    /// How many base units one of it is.
    pub factor: f64,
    /// The default domain of its numerator's unit, if the rules give one.
    pub domain: Option<Domain>,
    /// As written (white space folded, case kept), for messages.
    pub written: Arc<str>,
}

/// What the rules know of a unit named in a text: its base unit, as they name and spell
/// it, how many base units one of it is, and its domain.
pub struct Known<'r> {
    /// The base unit, folded.
    pub base: &'r str,
    /// The base unit as the rules spell it.
    pub spelling: &'r str,
    /// How many base units one of it is.
    pub factor: f64,
    /// Its default domain, if the rules give one.
    pub domain: Option<Domain>,
}

/// Reads `words (('per' | '/') words)?` into a unit, each word's unit as `known` gives
/// it (a word it does not know is a base unit of its own). The currency, if the literal
/// had one, multiplies the result. Returns `None` for empty text. The rules read units
/// with this, through a memo (`RuleSet::read_unit`).
pub fn read<'r>(
    text: &str,
    currency: Option<&str>,
    known: &dyn Fn(&str) -> Option<Known<'r>>,
) -> Option<ParsedUnit> {
    let text = text.trim();
    let (num, den) = split_per(text);
    let mut dim = Vec::new();
    let mut factor = 1.0;
    let mut domain = None;
    let mut any = false;
    let mut apply = |name: &str, power: i32, dim: &mut Vec<(Name, i32)>, factor: &mut f64| {
        let folded = crate::wording::fold(name);
        if folded.is_empty() {
            return;
        }
        any = true;
        // A unit of the rules is printed as the rules spell its base unit; any other, as
        // the claim spells it.
        let written;
        let (base, spelling, f, d) = match known(&folded) {
            Some(k) => (k.base, k.spelling, k.factor, k.domain),
            None => {
                written = name.split_whitespace().collect::<Vec<_>>().join(" ");
                (folded.as_str(), written.as_str(), 1.0, None)
            }
        };
        Dim::add(dim, base, spelling, power);
        if power > 0 {
            *factor *= f;
            if domain.is_none() {
                domain = d;
            }
        } else {
            *factor /= f;
        }
    };
    if let Some(c) = currency {
        apply(c, 1, &mut dim, &mut factor);
    }
    apply(num, 1, &mut dim, &mut factor);
    if let Some(den) = den {
        apply(den, -1, &mut dim, &mut factor);
    }
    // As the user wrote it (white space folded, case kept): messages quote it; `a gram`
    // is written `per gram`.
    let folded = match den {
        Some(d)
            if num.trim().is_empty()
                && !text.starts_with('/')
                && !text.to_ascii_lowercase().starts_with("per") =>
        {
            format!("per {}", d.split_whitespace().collect::<Vec<_>>().join(" "))
        }
        _ => text.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    let written = match (currency, folded) {
        (Some(c), t) if t.is_empty() => c.to_owned(),
        (Some(c), t) => format!("{c} {t}"),
        (None, t) => t,
    };
    any.then_some(ParsedUnit {
        dim: Dim::from_factors(dim),
        factor,
        domain,
        written: written.into(),
    })
}

/// Splits `a per b` or `a / b`; `a gram` and `an ounce` (after an amount: `$6 a gram`)
/// are `per gram`, `per ounce`.
fn split_per(text: &str) -> (&str, Option<&str>) {
    for article in ["a", "an"] {
        if let Some(rest) = text.get(article.len()..)
            && text[..article.len()].eq_ignore_ascii_case(article)
            && rest.starts_with(char::is_whitespace)
            && !rest.trim().is_empty()
        {
            return ("", Some(rest));
        }
    }
    if let Some(i) = text.find('/') {
        return (&text[..i], Some(&text[i + 1..]));
    }
    // `per` in any case, as a whole word (ASCII letters: byte offsets stay on character
    // boundaries).
    let b = text.as_bytes();
    for at in 0..b.len().saturating_sub(2) {
        if b[at..at + 3].eq_ignore_ascii_case(b"per")
            && (at == 0 || text[..at].ends_with(char::is_whitespace))
            && text[at + 3..].starts_with(char::is_whitespace)
        {
            return (&text[..at], Some(&text[at + 3..]));
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dims_multiply_and_cancel() {
        let (usd, gram) = (Dim::spelt("usd", "USD"), Dim::base("gram"));
        let price = usd.div(&gram);
        assert_eq!(price.to_string(), "USD per gram");
        assert_eq!(price.mul(&gram).div(&usd), Dim::default());
        // Equal whatever the spelling: it is kept for messages only.
        assert_eq!(Dim::spelt("usd", "usd"), usd);
    }

    #[test]
    fn shortcuts_give_what_the_factors_give() {
        let usd = Dim::spelt("usd", "USD");
        let gram = Dim::base("gram");
        let dims = [
            Dim::default(),
            usd.clone(),
            gram.clone(),
            usd.div(&gram),
            gram.mul(&gram),
            Dim::spelt("usd", "usd"),
        ];
        for a in &dims {
            for b in &dims {
                for sign in [1, -1] {
                    let (short, long) = (a.combine(b, sign), a.merged(b, sign));
                    assert_eq!(short, long, "{a} {sign} {b}");
                    assert_eq!(short.to_string(), long.to_string(), "{a} {sign} {b}");
                }
            }
        }
    }

    #[test]
    fn per_splits_only_whole_words() {
        assert_eq!(split_per("USD per gram"), ("USD ", Some(" gram")));
        assert_eq!(split_per("people"), ("people", None));
        assert_eq!(split_per("peppers"), ("peppers", None));
        assert_eq!(split_per("per gram"), ("", Some(" gram")));
        assert_eq!(split_per("a gram"), ("", Some(" gram")));
        assert_eq!(split_per("An ounce"), ("", Some(" ounce")));
        assert_eq!(split_per("apples"), ("apples", None));
    }
}

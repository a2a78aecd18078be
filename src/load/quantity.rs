//! A quantity claim: its literal, unit, measure and domain.

use super::{Fields, Loader, schema};
use crate::claim::{ClaimKind, QuantityClaim};
use crate::code::Code;
use crate::finding::Finding;
use crate::interval::Interval;
use crate::literal::{self, Literal};
use crate::number::{Domain, Tag};
use crate::source::Span;
use crate::suggest::closest;
use crate::unit;

impl Loader<'_> {
    pub(super) fn quantity(&mut self, fields: &Fields) -> Option<ClaimKind> {
        let get = |key: &str| fields.get(key);
        let value = self.text(get("value")?, "value")?;
        let unit_key = get("unit").and_then(|n| self.text(n, "unit"));
        // Folded like a status phrase (SPEC 4.4): case, white space, apostrophes, filler.
        let (measure, measure_span) = get("measure")
            .and_then(|n| self.text(n, "measure"))
            .map(|t| (self.rules.fold_phrase(&t.text), t.span))
            .unzip();
        let domain_key = match get("domain") {
            Some(n) => {
                let t = self.text(n, "domain")?;
                match Domain::parse(&t.text) {
                    Some(d) => Some(d),
                    None => {
                        let mut f = schema(
                            self.src,
                            t.span,
                            format!("`{}` is not a domain", t.text),
                            "unknown domain",
                        );
                        f = f.help(match closest(&t.text, Domain::NAMES.iter().copied()) {
                            Some(c) => format!(
                                "did you mean `{c}`? a domain is one of {}",
                                Domain::NAMES.join(", ")
                            ),
                            None => format!("a domain is one of {}", Domain::NAMES.join(", ")),
                        });
                        self.out.push(f);
                        return None;
                    }
                }
            }
            None => None,
        };
        // A date as a value: its days, in the unit `date` (SPEC 3).
        let says_date = unit_key.as_ref().is_some_and(|t| t.text.trim() == "date");
        if (unit_key.is_none() || says_date)
            && let Some(days) = literal::date(&value.text, self.rules, says_date)
        {
            return Some(ClaimKind::Quantity(Box::new(QuantityClaim {
                value,
                quantity: Some(literal::Quantity {
                    interval: days,
                    unit: None,
                    tag: Tag::Plain,
                    hedged: false,
                    truncated: None,
                    scale: None,
                }),
                interval: days,
                unit: self.rules.read_unit("date", None),
                measure,
                measure_span,
                domain: domain_key.unwrap_or(Domain::Signed),
                tag: Tag::Plain,
            })));
        }
        let read = self.literal.take();
        let lit = match read.unwrap_or_else(|| literal::parse(&value.text, self.rules)) {
            Ok(l) => l,
            Err(e) => {
                let span = value.part(e.start, e.end.max(e.start + 1));
                let mut f = Finding::new(
                    Code::LiteralInvalid,
                    self.src,
                    format!(
                        "cannot read `{}`: {}",
                        crate::wording::shorten(&value.text, 60),
                        e.message
                    ),
                    span,
                    "here",
                );
                if let Some(h) = e.help {
                    f = f.help(h);
                }
                self.out.push(f);
                return None;
            }
        };
        let key_unit = unit_key
            .as_ref()
            .and_then(|t| self.rules.read_unit(&t.text, None));
        let mut q = match lit {
            Literal::Unknown => None,
            Literal::Value(q) => Some(q),
        };
        if let (Some(qq), Some(ku)) = (q.as_mut(), key_unit.as_ref()) {
            match &qq.unit {
                // Two units agree when they convert into each other with factor 1
                // (`500 bn tenge` and `KZT`; not `250 cents` and `USD`).
                Some(lu) if lu.dim != ku.dim || !same_factor(lu.factor, ku.factor) => {
                    let ut = unit_key.as_ref().map_or(Span::default(), |t| t.span);
                    self.out.push(
                        Finding::new(
                            Code::UnitMismatch,
                            self.src,
                            format!(
                                "`{}` is in {}, but `unit` says {}",
                                crate::wording::shorten(value.text.trim(), 60),
                                lu.written,
                                ku.written
                            ),
                            value.span,
                            format!("in {}", lu.written),
                        )
                        .label(ut, format!("in {}", ku.written))
                        .help(
                            self.undefined_unit_help(
                                lu,
                                unit_key.as_ref().map_or("", |t| t.text.trim()),
                            )
                            .unwrap_or_else(|| unit_help(&value.text, &lu.written, &ku.written)),
                        ),
                    );
                    return None;
                }
                Some(_) => {}
                None => {
                    // The unit key converts the value.
                    if ku.factor != 1.0 {
                        qq.interval = qq.interval.mul(&Interval::point(ku.factor));
                        qq.truncated = qq.truncated.map(|t| t.mul(&Interval::point(ku.factor)));
                    }
                    qq.unit = Some(Box::new(ku.clone()));
                }
            }
        }
        // The unit lives once, on the claim.
        let unit = q
            .as_mut()
            .and_then(|q| q.unit.take())
            .map(|u| *u)
            .or(key_unit);
        let domain = domain_key
            .or(unit.as_ref().and_then(|u| u.domain))
            .unwrap_or(Domain::Signed);
        let whole = domain.interval();
        let interval = match &q {
            Some(q) => {
                let i = domain.clamp(q.interval);
                if i.is_empty() {
                    let why = if domain == Domain::Count && !q.interval.disjoint(&whole) {
                        "holds no whole number".to_owned()
                    } else {
                        format!("lies outside the domain `{}`", domain.as_str())
                    };
                    self.out.push(
                        Finding::new(
                            Code::LiteralInvalid,
                            self.src,
                            format!("`{}` {why}", value.text),
                            value.span,
                            format!("a {} value", domain.as_str()),
                        )
                        .help(domain.help()),
                    );
                    return None;
                }
                i
            }
            None => whole,
        };
        let tag = q.as_ref().map_or(Tag::Plain, |q| q.tag);
        Some(ClaimKind::Quantity(Box::new(QuantityClaim {
            value,
            quantity: q,
            interval,
            unit,
            measure,
            measure_span,
            domain,
            tag,
        })))
    }
}

impl Loader<'_> {
    /// Where the literal's unit is a word the rules do not define (`pounds`: money or
    /// mass), the help says how a rules file defines it.
    fn undefined_unit_help(&self, lu: &unit::ParsedUnit, key: &str) -> Option<String> {
        let w = &*lu.written;
        if w.is_empty()
            || key.is_empty()
            || w.contains(' ')
            || key.contains(char::is_whitespace)
            || self.rules.unit(w).is_some()
        {
            return None;
        }
        Some(format!(
            "the rules do not define `{w}`; if it means {key}, a rules file says so: `units: {{ {w}: 1 {key} }}` (`claimlint explain unit/mismatch`)"
        ))
    }
}

fn same_factor(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

/// The fix for a literal whose unit disagrees with `unit:`: a rate split in two
/// (`£170` with `unit: per year`) is written whole; otherwise the unit is written once.
fn unit_help(value: &str, literal_unit: &str, key_unit: &str) -> String {
    let key = key_unit.trim();
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("per ") || key.starts_with('/') || lower.starts_with("a ") {
        return format!(
            "write the rate whole, `value: {} {key}`, and drop `unit`",
            value.trim()
        );
    }
    format!(
        "write the unit once: if the value is in {literal_unit}, drop `unit: {key}`; if it is in {key}, correct the literal"
    )
}

//! The units of a rules file (`units:`): a base unit, or a factor of another unit, with
//! the domain of its quantities.

use super::RulesBuilder;
use crate::error::ToolError;
use crate::rules::read::{bad, fold_word, known_keys, map, number, scalar};
use crate::rules::{Defined, Domain, Origin, UnitDef};
use crate::source::SourceFile;
use crate::yaml::Node;
use std::sync::Arc;

impl RulesBuilder {
    /// Merges a `units:` mapping.
    pub(super) fn units(
        &mut self,
        file: &Arc<SourceFile>,
        v: &Node,
        origin: &dyn Fn(&Node) -> Origin,
    ) -> Result<(), ToolError> {
        for (name, def) in map(file, v, "units")? {
            let n = fold_word(scalar(file, name, "a unit name")?);
            let d = self.unit(file, def)?;
            self.set.units.insert(
                n,
                Defined {
                    value: d,
                    origin: origin(name),
                },
            );
        }
        Ok(())
    }

    fn unit(&self, file: &Arc<SourceFile>, def: &Node) -> Result<UnitDef, ToolError> {
        // The shorthand `kg: 1000 gram` is `kg: { is: 1000 gram }`.
        if let Some(t) = def.as_str() {
            return Ok(UnitDef {
                is: Some(unit_is(file, def, t)?),
                domain: None,
            });
        }
        let m = map(file, def, "a unit")?;
        known_keys(file, m, &["is", "domain"], "a unit")?;
        let mut u = UnitDef {
            is: None,
            domain: None,
        };
        for (k, v) in m {
            match k.as_str().unwrap_or("") {
                "is" => u.is = Some(unit_is(file, v, scalar(file, v, "`is`")?)?),
                "domain" => {
                    let t = scalar(file, v, "domain")?;
                    u.domain = Some(Domain::parse(t).ok_or_else(|| {
                        bad(
                            file,
                            v,
                            format!("a domain is one of {}, not `{t}`", Domain::NAMES.join(", ")),
                        )
                    })?);
                }
                _ => {}
            }
        }
        Ok(u)
    }
}

/// `1000 gram`: a factor and the unit it multiplies.
fn unit_is(file: &Arc<SourceFile>, v: &Node, t: &str) -> Result<(f64, String), ToolError> {
    let t = t.trim();
    let (f, name) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    let f = number(f).filter(|f| *f > 0.0).ok_or_else(|| {
        bad(
            file,
            v,
            format!("a unit is a finite positive factor and a unit (`1000 gram`), not `{t}`"),
        )
    })?;
    if name.trim().is_empty() {
        return Err(bad(
            file,
            v,
            format!("a unit must name a unit after its factor: `{t}`"),
        ));
    }
    Ok((f, fold_word(name)))
}

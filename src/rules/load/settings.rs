//! The settings of a rules file (`settings:`) and the severities of codes (`severity:`,
//! of a rules file or of the config).

use super::RulesBuilder;
use crate::code::{Code, Level, Severity};
use crate::error::ToolError;
use crate::rules::read::{bad, known_keys, map, scalar, tolerance};
use crate::rules::{Defined, Origin};
use crate::source::SourceFile;
use crate::yaml::Node;
use std::sync::Arc;

impl RulesBuilder {
    /// Merges a `settings:` mapping.
    pub(super) fn settings(
        &mut self,
        file: &Arc<SourceFile>,
        v: &Node,
        origin: &dyn Fn(&Node) -> Origin,
    ) -> Result<(), ToolError> {
        let m = map(file, v, "settings")?;
        known_keys(
            file,
            m,
            &[
                "propagation_rounds",
                "fiscal_year_start",
                "approx_points",
                "approx_relative",
            ],
            "settings",
        )?;
        for (k, n) in m {
            let key = k.as_str().unwrap_or("");
            let t = scalar(file, n, key)?;
            match key {
                "propagation_rounds" => {
                    let r = t
                        .parse::<u32>()
                        .ok()
                        .filter(|r| (1..=100_000).contains(r))
                        .ok_or_else(|| bad(file, n, format!("propagation_rounds must be a whole number from 1 to 100000, not `{t}`")))?;
                    self.set.propagation_rounds = Some(Defined {
                        value: r,
                        origin: origin(n),
                    });
                }
                "fiscal_year_start" => {
                    let r = t
                        .parse::<u32>()
                        .ok()
                        .filter(|r| (1..=12).contains(r))
                        .ok_or_else(|| {
                            bad(
                                file,
                                n,
                                format!("fiscal_year_start is the first month of a fiscal year, a whole number from 1 to 12, not `{t}`"),
                            )
                        })?;
                    self.set.fiscal_year_start = Some(Defined {
                        value: r,
                        origin: origin(n),
                    });
                }
                "approx_points" => {
                    let p = points(t).ok_or_else(|| {
                        bad(
                            file,
                            n,
                            format!("approx_points is percentage points from 0 pp to 100 pp (`2 pp`), not `{t}`"),
                        )
                    })?;
                    self.set.approx_points = Some(Defined {
                        value: p,
                        origin: origin(n),
                    });
                }
                _ => {
                    self.set.approx_relative = Some(Defined {
                        value: tolerance(file, n, "approx_relative")?,
                        origin: origin(n),
                    });
                }
            }
        }
        Ok(())
    }

    /// Merges a `severity:` mapping (of a rules file, or of the config).
    pub fn severity(&mut self, file: &Arc<SourceFile>, v: &Node) -> Result<(), ToolError> {
        let name: Arc<str> = file.name.as_str().into();
        let origin = |n: &Node| Origin {
            file: Arc::clone(&name),
            line: file.line(n.span.start),
        };
        for (code, level) in map(file, v, "severity")? {
            let c = scalar(file, code, "a code")?;
            let Some(code_v) = Code::parse(c) else {
                let mut e = bad(file, code, format!("unknown code `{c}`"));
                if let Some(s) = crate::suggest::closest(c, Code::ALL.iter().map(|c| c.as_str())) {
                    e = e.with_help(format!("did you mean `{s}`?"));
                }
                return Err(e);
            };
            let l = match scalar(file, level, "a severity")? {
                "error" => Level::On(Severity::Error),
                "warning" => Level::On(Severity::Warning),
                "note" => Level::On(Severity::Note),
                "off" => Level::Off,
                t => {
                    return Err(bad(
                        file,
                        level,
                        format!("a severity is error, warning, note or off, not `{t}`"),
                    ));
                }
            };
            self.set.severity.insert(
                code_v,
                Defined {
                    value: l,
                    origin: origin(code),
                },
            );
        }
        Ok(())
    }
}

/// `2 pp`: percentage points, as a fraction.
fn points(t: &str) -> Option<f64> {
    let t = t.trim();
    let n = t
        .strip_suffix("pp")
        .or_else(|| t.strip_suffix("percentage points"))?;
    let v = n.trim().parse::<f64>().ok()? / 100.0;
    (v.is_finite() && (0.0..=1.0).contains(&v)).then_some(v)
}

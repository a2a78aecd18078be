//! Reading rules files and merging them over the defaults.

use super::finish::{check_function_cycles, resolve_units};
use super::function::function;
use super::hedge::hedge;
use super::read::{bad, fold_word, known_keys, list, map, number, positive, scalar, tolerance};
use super::vocab::Vocabulary;
use super::{
    Defined, Domain, FunctionDef, Hedge, Origin, RangeWord, RuleSet, TrailingZeros, UnitDef,
};
use crate::code::{Code, Level, Severity};
use crate::error::{ErrorKind, ToolError};
use crate::source::SourceFile;
use crate::wording::is_identifier;
use crate::yaml::{self, Node};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The default rules, compiled into the binary.
const DEFAULTS_FILES: &[(&str, &str)] = &[
    ("literals.yaml", include_str!("../../rules/literals.yaml")),
    ("units.yaml", include_str!("../../rules/units.yaml")),
    ("functions.yaml", include_str!("../../rules/functions.yaml")),
    (
        "lifecycles.yaml",
        include_str!("../../rules/lifecycles.yaml"),
    ),
    ("draft.yaml", include_str!("../../rules/draft.yaml")),
];

/// Merges rules files in order; `finish` checks the whole and indexes it.
#[derive(Default, Clone)]
pub struct RulesBuilder {
    set: Partial,
}

#[derive(Default, Clone)]
struct Partial {
    scales: BTreeMap<String, Defined<f64>>,
    hedges: BTreeMap<String, Defined<Hedge>>,
    ratio_words: BTreeMap<String, Defined<f64>>,
    number_words: BTreeMap<String, Defined<f64>>,
    word_tolerance: Option<Defined<f64>>,
    trailing_zeros: Option<Defined<TrailingZeros>>,
    propagation_rounds: Option<Defined<u32>>,
    fiscal_year_start: Option<Defined<u32>>,
    approx_points: Option<Defined<f64>>,
    approx_relative: Option<Defined<f64>>,
    currencies: BTreeMap<String, Defined<String>>,
    range_words: BTreeMap<String, Defined<RangeWord>>,
    units: BTreeMap<String, Defined<UnitDef>>,
    functions: BTreeMap<String, Defined<FunctionDef>>,
    vocab: Vocabulary,
    filler_words: BTreeMap<String, Defined<()>>,
    severity: BTreeMap<Code, Defined<Level>>,
    draft: super::DraftWords,
}

/// A builder holding the default rules. They are read once per process, however many
/// configs a run meets.
pub fn load_defaults() -> Result<RulesBuilder, ToolError> {
    static DEFAULTS: std::sync::OnceLock<Result<RulesBuilder, ToolError>> =
        std::sync::OnceLock::new();
    DEFAULTS
        .get_or_init(|| {
            let mut b = RulesBuilder::default();
            for (i, (name, text)) in DEFAULTS_FILES.iter().enumerate() {
                let file = SourceFile::new(format!("<default>/{name}"), *text);
                match generated::default_tree(i) {
                    Some(root) => b.add_tree(&file, &root)?,
                    None => b.add(&file)?,
                }
            }
            Ok(b)
        })
        .clone()
}

impl RulesBuilder {
    /// Merges one rules file over what is there.
    pub fn add(&mut self, file: &Arc<SourceFile>) -> Result<(), ToolError> {
        match yaml::parse(file) {
            Ok(Some(root)) => self.add_tree(file, &root),
            Ok(None) => Ok(()),
            Err(e) => Err(ToolError::at(ErrorKind::Rules, e.message, file, e.span)),
        }
    }

    /// Merges one rules file, already parsed into `root`.
    fn add_tree(&mut self, file: &Arc<SourceFile>, root: &Node) -> Result<(), ToolError> {
        let entries = map(file, root, "a rules file")?;
        known_keys(
            file,
            entries,
            &[
                "literals",
                "settings",
                "units",
                "currencies",
                "range_words",
                "functions",
                "lifecycles",
                "exclusions",
                "filler_words",
                "severity",
                "draft",
            ],
            "a rules file",
        )?;
        let name: Arc<str> = file.name.as_str().into();
        let origin = |n: &Node| Origin {
            file: Arc::clone(&name),
            line: file.line_col(n.span.start).0,
        };
        // Lifecycles and exclusions are merged last, with this file's filler words.
        let (mut lifecycles, mut exclusions) = (None, None);
        for (k, v) in entries {
            match k.as_str().unwrap_or("") {
                "literals" => self.literals(file, v, &origin)?,
                "settings" => self.settings(file, v, &origin)?,
                "currencies" => {
                    for (sign, unit) in map(file, v, "currencies")? {
                        let sign_text = scalar(file, sign, "a currency sign")?.trim();
                        let unit_text = scalar(file, unit, "a currency's unit")?.trim();
                        if sign_text.is_empty()
                            || sign_text
                                .chars()
                                .any(|c| c.is_whitespace() || c.is_ascii_digit())
                        {
                            return Err(bad(
                                file,
                                sign,
                                format!(
                                    "a currency sign or prefix is one word without digits, not `{sign_text}`"
                                ),
                            ));
                        }
                        if unit_text.is_empty() || unit_text.contains(char::is_whitespace) {
                            return Err(bad(
                                file,
                                unit,
                                format!(
                                    "a currency stands for one unit (`BDT`), not `{unit_text}`"
                                ),
                            ));
                        }
                        self.set.currencies.insert(
                            sign_text.to_owned(),
                            Defined {
                                value: unit_text.to_owned(),
                                origin: origin(sign),
                            },
                        );
                    }
                }
                "range_words" => {
                    for (w, def) in map(file, v, "range_words")? {
                        let r = range_word(file, def)?;
                        self.set.range_words.insert(
                            fold_word(scalar(file, w, "a range word")?),
                            Defined {
                                value: r,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "units" => {
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
                }
                "functions" => {
                    for (name, def) in map(file, v, "functions")? {
                        let n = scalar(file, name, "a function name")?;
                        if !is_identifier(n) {
                            return Err(bad(
                                file,
                                name,
                                format!("`{n}` is not a function name: letters, digits and `_`"),
                            ));
                        }
                        let d = function(file, def)?;
                        self.set.functions.insert(
                            n.to_owned(),
                            Defined {
                                value: d,
                                origin: origin(name),
                            },
                        );
                    }
                }
                "lifecycles" => lifecycles = Some(v),
                "exclusions" => exclusions = Some(v),
                "filler_words" => {
                    for w in list(file, v, "filler_words")? {
                        let t = fold_word(scalar(file, w, "a filler word")?);
                        self.set.filler_words.insert(
                            t,
                            Defined {
                                value: (),
                                origin: origin(w),
                            },
                        );
                    }
                }
                "severity" => self.severity(file, v)?,
                "draft" => self.set.draft.add(file, v)?,
                _ => {}
            }
        }
        self.set.vocab.add(
            file,
            lifecycles,
            exclusions,
            &self.set.filler_words,
            &origin,
        )
    }

    /// Merges a `settings:` mapping.
    fn settings(
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
            line: file.line_col(n.span.start).0,
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

    fn literals(
        &mut self,
        file: &Arc<SourceFile>,
        v: &Node,
        origin: &dyn Fn(&Node) -> Origin,
    ) -> Result<(), ToolError> {
        let m = map(file, v, "literals")?;
        known_keys(
            file,
            m,
            &[
                "scales",
                "hedges",
                "ratio_words",
                "number_words",
                "word_tolerance",
                "trailing_zeros",
            ],
            "literals",
        )?;
        for (k, v) in m {
            match k.as_str().unwrap_or("") {
                "scales" => {
                    for (w, f) in map(file, v, "scales")? {
                        let f = positive(file, f, "a scale")?;
                        self.set.scales.insert(
                            fold_word(scalar(file, w, "a scale word")?),
                            Defined {
                                value: f,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "ratio_words" => {
                    for (w, f) in map(file, v, "ratio_words")? {
                        let f = positive(file, f, "a ratio word's value")?;
                        self.set.ratio_words.insert(
                            fold_word(scalar(file, w, "a ratio word")?),
                            Defined {
                                value: f,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "number_words" => {
                    for (w, f) in map(file, v, "number_words")? {
                        let t = scalar(file, f, "a number word's value")?;
                        let f = number(t).ok_or_else(|| {
                            bad(
                                file,
                                f,
                                format!("a number word's value must be a finite number, not `{t}`"),
                            )
                        })?;
                        self.set.number_words.insert(
                            fold_word(scalar(file, w, "a number word")?),
                            Defined {
                                value: f,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "hedges" => {
                    for (w, def) in map(file, v, "hedges")? {
                        let h = hedge(file, def)?;
                        self.set.hedges.insert(
                            fold_word(scalar(file, w, "a hedge")?),
                            Defined {
                                value: h,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "word_tolerance" => {
                    self.set.word_tolerance = Some(Defined {
                        value: tolerance(file, v, "word_tolerance")?,
                        origin: origin(v),
                    });
                }
                "trailing_zeros" => {
                    let t = match scalar(file, v, "trailing_zeros")? {
                        "significant" => TrailingZeros::Significant,
                        "rounded" => TrailingZeros::Rounded,
                        t => {
                            return Err(bad(
                                file,
                                v,
                                format!("trailing_zeros is `significant` or `rounded`, not `{t}`"),
                            ));
                        }
                    };
                    self.set.trailing_zeros = Some(Defined {
                        value: t,
                        origin: origin(v),
                    });
                }
                _ => {}
            }
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

    /// Checks the merged rules and builds the indexes the checks use.
    pub fn finish(self) -> Result<RuleSet, ToolError> {
        let mut p = self.set;
        let (phrase_index, exclusions) = p.vocab.finish(&p.filler_words)?;
        let default_origin = Origin {
            file: "<built-in>".into(),
            line: 0,
        };
        let resolved_units = resolve_units(&p.units)?;
        check_function_cycles(&p.functions)?;
        Ok(RuleSet {
            word_tolerance: p.word_tolerance.unwrap_or(Defined {
                value: 0.04,
                origin: default_origin.clone(),
            }),
            trailing_zeros: p.trailing_zeros.unwrap_or(Defined {
                value: TrailingZeros::Significant,
                origin: default_origin.clone(),
            }),
            propagation_rounds: p.propagation_rounds.unwrap_or(Defined {
                value: 100,
                origin: default_origin.clone(),
            }),
            fiscal_year_start: p.fiscal_year_start.unwrap_or(Defined {
                value: 1,
                origin: default_origin.clone(),
            }),
            approx_points: p.approx_points.unwrap_or(Defined {
                value: 0.02,
                origin: default_origin.clone(),
            }),
            approx_relative: p.approx_relative.unwrap_or(Defined {
                value: 0.1,
                origin: default_origin,
            }),
            currency_list: longest_first(p.currencies.keys()),
            range_word_list: longest_first(p.range_words.keys()),
            currencies: p.currencies,
            range_words: p.range_words,
            hedge_words: longest_first(p.hedges.keys()),
            scale_words: longest_first(p.scales.keys()),
            ratio_word_list: longest_first(p.ratio_words.keys()),
            number_word_list: longest_first(p.number_words.keys()),
            scales: p.scales,
            hedges: p.hedges,
            ratio_words: p.ratio_words,
            number_words: p.number_words,
            units: p.units,
            functions: p.functions,
            lifecycles: p.vocab.lifecycles,
            exclusions,
            taken_over: p.vocab.taken_over,
            filler_words: p.filler_words,
            severity: p.severity,
            draft: p.draft,
            resolved_units,
            phrase_index,
            phrase_words: std::sync::OnceLock::new(),
        })
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

/// `2 pp`: percentage points, as a fraction.
fn points(t: &str) -> Option<f64> {
    let t = t.trim();
    let n = t
        .strip_suffix("pp")
        .or_else(|| t.strip_suffix("percentage points"))?;
    let v = n.trim().parse::<f64>().ok()? / 100.0;
    (v.is_finite() && (0.0..=1.0).contains(&v)).then_some(v)
}

/// A range word's interval: `(50%, 100%]`, `[10, 100)`.
fn range_word(file: &Arc<SourceFile>, def: &Node) -> Result<RangeWord, ToolError> {
    let t = scalar(file, def, "a range word's interval")?.trim();
    let malformed = || {
        bad(
            file,
            def,
            format!("a range word's interval is written `(50%, 100%]` or `[10, 100)`, not `{t}`"),
        )
    };
    let inner = t
        .strip_prefix(['(', '['])
        .and_then(|r| r.strip_suffix([')', ']']))
        .ok_or_else(malformed)?;
    let (a, b) = inner.split_once(',').ok_or_else(malformed)?;
    let (a, b) = (a.trim(), b.trim());
    let percent = a.ends_with('%');
    if percent != b.ends_with('%') {
        return Err(bad(
            file,
            def,
            format!("both ends of a range word's interval are percents, or neither: `{t}`"),
        ));
    }
    let (lo, hi) = (
        number(a).ok_or_else(malformed)?,
        number(b).ok_or_else(malformed)?,
    );
    if lo > hi {
        return Err(bad(
            file,
            def,
            format!("a range word's interval runs from its lower end to its upper end: `{t}`"),
        ));
    }
    Ok(RangeWord {
        interval: crate::interval::Interval::new(lo, hi),
        tag: if percent {
            crate::number::Tag::Percent
        } else {
            crate::number::Tag::Plain
        },
        text: t.to_owned(),
    })
}

fn longest_first<'a>(words: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut v: Vec<String> = words.cloned().collect();
    v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    v
}

/// The default rules as node trees, made by build.rs from `rules/*.yaml`.
mod generated {
    use crate::source::Span;
    use crate::yaml::{Node, NodeKind};
    use std::borrow::Cow;

    include!(concat!(env!("OUT_DIR"), "/default_rules.rs"));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trees made at build time are those a parse at run time gives, spans included.
    #[test]
    fn the_prebuilt_defaults_match_their_yaml() -> Result<(), String> {
        for (i, (name, text)) in DEFAULTS_FILES.iter().enumerate() {
            let file = SourceFile::new(*name, *text);
            let parsed = yaml::parse(&file).map_err(|e| e.message)?;
            assert_eq!(generated::default_tree(i), parsed, "{name}");
        }
        assert_eq!(generated::default_tree(DEFAULTS_FILES.len()), None);
        Ok(())
    }
}

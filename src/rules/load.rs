//! Reading rules files and merging them over the defaults.

use super::{
    Domain, Entry, FunctionDef, Hedge, Lifecycle, Origin, PhraseMeaning, ResolvedUnit, RuleSet,
    TrailingZeros, UnitDef,
};
use crate::code::{Code, Level, Severity};
use crate::error::ToolError;
use crate::source::{SourceFile, Span};
use crate::yaml::{self, Node, NodeKind};
use std::collections::{BTreeMap, HashMap};
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
];

const RULES: &str = "rules/invalid";

/// Merges rules files in order; `finish` checks the whole and indexes it.
#[derive(Default, Clone)]
pub struct RulesBuilder {
    set: Partial,
}

#[derive(Default, Clone)]
struct Partial {
    scales: BTreeMap<String, Entry<f64>>,
    hedges: BTreeMap<String, Entry<Hedge>>,
    ratio_words: BTreeMap<String, Entry<f64>>,
    number_words: BTreeMap<String, Entry<f64>>,
    word_tolerance: Option<Entry<f64>>,
    trailing_zeros: Option<Entry<TrailingZeros>>,
    propagation_rounds: Option<Entry<u32>>,
    units: BTreeMap<String, Entry<UnitDef>>,
    functions: BTreeMap<String, Entry<FunctionDef>>,
    lifecycles: BTreeMap<String, Entry<Lifecycle>>,
    filler_words: BTreeMap<String, Entry<()>>,
    severity: BTreeMap<Code, Entry<Level>>,
}

/// A builder holding the default rules. They are read once per process, however many
/// configs a run meets.
pub fn load_defaults() -> Result<RulesBuilder, ToolError> {
    static DEFAULTS: std::sync::OnceLock<Result<RulesBuilder, ToolError>> =
        std::sync::OnceLock::new();
    DEFAULTS
        .get_or_init(|| {
            let mut b = RulesBuilder::default();
            for (name, text) in DEFAULTS_FILES {
                b.add(&SourceFile::new(format!("<default>/{name}"), *text))?;
            }
            Ok(b)
        })
        .clone()
}

fn bad(file: &Arc<SourceFile>, node: &Node, msg: impl Into<String>) -> ToolError {
    ToolError::at(RULES, msg, file, node.span)
}

fn scalar<'n>(file: &Arc<SourceFile>, node: &'n Node, what: &str) -> Result<&'n str, ToolError> {
    node.as_str().ok_or_else(|| {
        bad(
            file,
            node,
            format!("{what} must be a scalar, not {}", node.kind_name()),
        )
    })
}

fn map<'n>(
    file: &Arc<SourceFile>,
    node: &'n Node,
    what: &str,
) -> Result<&'n [(Node, Node)], ToolError> {
    match &node.kind {
        NodeKind::Map(m) => Ok(m),
        NodeKind::Null => Ok(&[]),
        _ => Err(bad(
            file,
            node,
            format!("{what} must be a mapping, not {}", node.kind_name()),
        )),
    }
}

fn list<'n>(file: &Arc<SourceFile>, node: &'n Node, what: &str) -> Result<&'n [Node], ToolError> {
    match &node.kind {
        NodeKind::Seq(s) => Ok(s),
        _ => Err(bad(
            file,
            node,
            format!("{what} must be a list, not {}", node.kind_name()),
        )),
    }
}

/// Checks the keys of a mapping against the known ones, naming the closest.
fn known_keys(
    file: &Arc<SourceFile>,
    entries: &[(Node, Node)],
    known: &[&str],
    what: &str,
) -> Result<(), ToolError> {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for (k, _) in entries {
        let name = scalar(file, k, "a key")?;
        if !known.contains(&name) {
            let mut e = bad(file, k, format!("unknown key `{name}` in {what}"));
            if let Some(c) = crate::suggest::closest(name, known.iter().copied()) {
                e = e.with_help(format!(
                    "did you mean `{c}`? known keys: {}",
                    known.join(", ")
                ));
            } else {
                e = e.with_help(format!("known keys: {}", known.join(", ")));
            }
            return Err(e);
        }
        if seen.insert(name, k.span).is_some() {
            return Err(bad(file, k, format!("duplicate key `{name}` in {what}")));
        }
    }
    Ok(())
}

/// A number of the rules: `1e6`, `0.01`, `10%`, `1/3`.
fn number(text: &str) -> Option<f64> {
    let t = text.trim();
    let v = if let Some(p) = t.strip_suffix('%') {
        p.trim().parse::<f64>().ok()? / 100.0
    } else if let Some((a, b)) = t.split_once('/') {
        a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?
    } else {
        t.parse::<f64>().ok()?
    };
    v.is_finite().then_some(v)
}

fn positive(file: &Arc<SourceFile>, node: &Node, what: &str) -> Result<f64, ToolError> {
    let t = scalar(file, node, what)?;
    number(t).filter(|v| *v > 0.0).ok_or_else(|| {
        bad(
            file,
            node,
            format!("{what} must be a finite positive number, not `{t}`"),
        )
    })
}

fn tolerance(file: &Arc<SourceFile>, node: &Node, what: &str) -> Result<f64, ToolError> {
    let t = scalar(file, node, what)?;
    number(t)
        .filter(|v| (0.0..=1.0).contains(v))
        .ok_or_else(|| {
            bad(
                file,
                node,
                format!("{what} must lie in [0%, 100%], not `{t}`"),
            )
        })
}

fn boolean(file: &Arc<SourceFile>, node: &Node, what: &str) -> Result<bool, ToolError> {
    match scalar(file, node, what)? {
        "true" => Ok(true),
        "false" => Ok(false),
        t => Err(bad(
            file,
            node,
            format!("{what} must be true or false, not `{t}`"),
        )),
    }
}

/// Folds a word of the rules: lowercase, single spaces.
fn fold_word(w: &str) -> String {
    crate::unit::fold(w)
}

impl RulesBuilder {
    /// Merges one rules file over what is there.
    pub fn add(&mut self, file: &Arc<SourceFile>) -> Result<(), ToolError> {
        let root = match yaml::parse(file) {
            Ok(Some(n)) => n,
            Ok(None) => return Ok(()),
            Err(e) => return Err(ToolError::at(RULES, e.message, file, e.span)),
        };
        let entries = map(file, &root, "a rules file")?;
        known_keys(
            file,
            entries,
            &[
                "literals",
                "settings",
                "units",
                "functions",
                "lifecycles",
                "filler_words",
                "severity",
            ],
            "a rules file",
        )?;
        for (k, v) in entries {
            let origin = |n: &Node| Origin {
                file: file.name.clone(),
                line: file.line_col(n.span.start).0,
            };
            match k.as_str().unwrap_or("") {
                "literals" => self.literals(file, v, &origin)?,
                "settings" => {
                    let m = map(file, v, "settings")?;
                    known_keys(file, m, &["propagation_rounds"], "settings")?;
                    for (_, n) in m {
                        let t = scalar(file, n, "propagation_rounds")?;
                        let r = t
                            .parse::<u32>()
                            .ok()
                            .filter(|r| (1..=100_000).contains(r))
                            .ok_or_else(|| bad(file, n, format!("propagation_rounds must be a whole number from 1 to 100000, not `{t}`")))?;
                        self.set.propagation_rounds = Some(Entry {
                            value: r,
                            origin: origin(n),
                        });
                    }
                }
                "units" => {
                    for (name, def) in map(file, v, "units")? {
                        let n = fold_word(scalar(file, name, "a unit name")?);
                        let d = self.unit(file, def)?;
                        self.set.units.insert(
                            n,
                            Entry {
                                value: d,
                                origin: origin(name),
                            },
                        );
                    }
                }
                "functions" => {
                    for (name, def) in map(file, v, "functions")? {
                        let n = scalar(file, name, "a function name")?;
                        if !is_ident(n) {
                            return Err(bad(
                                file,
                                name,
                                format!("`{n}` is not a function name: letters, digits and `_`"),
                            ));
                        }
                        let d = function(file, def)?;
                        self.set.functions.insert(
                            n.to_owned(),
                            Entry {
                                value: d,
                                origin: origin(name),
                            },
                        );
                    }
                }
                "lifecycles" => {
                    for (name, def) in map(file, v, "lifecycles")? {
                        let n = scalar(file, name, "a lifecycle name")?.to_owned();
                        let d = lifecycle(file, def, &origin)?;
                        self.set.lifecycles.insert(
                            n,
                            Entry {
                                value: d,
                                origin: origin(name),
                            },
                        );
                    }
                }
                "filler_words" => {
                    for w in list(file, v, "filler_words")? {
                        let t = fold_word(scalar(file, w, "a filler word")?);
                        self.set.filler_words.insert(
                            t,
                            Entry {
                                value: (),
                                origin: origin(w),
                            },
                        );
                    }
                }
                "severity" => self.severity(file, v)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Merges a `severity:` mapping (of a rules file, or of the config).
    pub fn severity(&mut self, file: &Arc<SourceFile>, v: &Node) -> Result<(), ToolError> {
        let origin = |n: &Node| Origin {
            file: file.name.clone(),
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
                Entry {
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
                            Entry {
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
                            Entry {
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
                            Entry {
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
                            Entry {
                                value: h,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "word_tolerance" => {
                    self.set.word_tolerance = Some(Entry {
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
                    self.set.trailing_zeros = Some(Entry {
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
        let m = map(file, def, "a unit")?;
        known_keys(file, m, &["is", "domain"], "a unit")?;
        let mut u = UnitDef {
            is: None,
            domain: None,
        };
        for (k, v) in m {
            match k.as_str().unwrap_or("") {
                "is" => {
                    let t = scalar(file, v, "`is`")?.trim();
                    let (f, name) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
                    let f = number(f).filter(|f| *f > 0.0).ok_or_else(|| {
                        bad(file, v, format!("`is` must be a finite positive factor and a unit (`1000 gram`), not `{t}`"))
                    })?;
                    if name.trim().is_empty() {
                        return Err(bad(
                            file,
                            v,
                            format!("`is` must name a unit after its factor: `{t}`"),
                        ));
                    }
                    u.is = Some((f, fold_word(name)));
                }
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
        let p = self.set;
        let default_origin = Origin {
            file: "<built-in>".into(),
            line: 0,
        };
        let resolved_units = resolve_units(&p.units)?;
        check_function_cycles(&p.functions)?;
        let mut rules = RuleSet {
            word_tolerance: p.word_tolerance.unwrap_or(Entry {
                value: 0.04,
                origin: default_origin.clone(),
            }),
            trailing_zeros: p.trailing_zeros.unwrap_or(Entry {
                value: TrailingZeros::Significant,
                origin: default_origin.clone(),
            }),
            propagation_rounds: p.propagation_rounds.unwrap_or(Entry {
                value: 100,
                origin: default_origin,
            }),
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
            lifecycles: p.lifecycles,
            filler_words: p.filler_words,
            severity: p.severity,
            resolved_units,
            phrase_index: HashMap::new(),
        };
        rules.phrase_index = index_phrases(&rules)?;
        Ok(rules)
    }
}

fn longest_first<'a>(words: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut v: Vec<String> = words.cloned().collect();
    v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    v
}

fn hedge(file: &Arc<SourceFile>, def: &Node) -> Result<Hedge, ToolError> {
    let m = map(file, def, "a hedge")?;
    known_keys(
        file,
        m,
        &["exact", "around", "above", "below", "within", "from", "to"],
        "a hedge",
    )?;
    let mut kinds = Vec::new();
    let mut within = None;
    for (k, v) in m {
        let key = k.as_str().unwrap_or("");
        match key {
            "around" => kinds.push(Hedge::Around(tolerance(file, v, "around")?)),
            "within" => within = Some(tolerance(file, v, "within")?),
            _ => {
                if boolean(file, v, key)? {
                    kinds.push(match key {
                        "exact" => Hedge::Exact,
                        "above" => Hedge::Above(None),
                        "below" => Hedge::Below(None),
                        "from" => Hedge::From,
                        _ => Hedge::To,
                    });
                }
            }
        }
    }
    let h = match kinds.as_slice() {
        [h] => *h,
        _ => {
            return Err(bad(
                file,
                def,
                "a hedge is exactly one of exact, around, above, below, from, to",
            ));
        }
    };
    match (h, within) {
        (Hedge::Above(_), Some(w)) => Ok(Hedge::Above(Some(w))),
        (Hedge::Below(_), Some(w)) => Ok(Hedge::Below(Some(w))),
        (h, None) => Ok(h),
        (_, Some(_)) => Err(bad(file, def, "`within` goes only with `above` or `below`")),
    }
}

fn is_ident(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
        && c.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn function(file: &Arc<SourceFile>, def: &Node) -> Result<FunctionDef, ToolError> {
    let m = map(file, def, "a function")?;
    known_keys(
        file,
        m,
        &["params", "formula", "alternatives", "phrase"],
        "a function",
    )?;
    let mut params = Vec::new();
    let mut formula = None;
    let mut alternatives = Vec::new();
    let mut phrase = None;
    for (k, v) in m {
        match k.as_str().unwrap_or("") {
            "params" => {
                for p in list(file, v, "params")? {
                    let n = scalar(file, p, "a parameter")?;
                    if !is_ident(n) {
                        return Err(bad(file, p, format!("`{n}` is not a parameter name")));
                    }
                    params.push(n.to_owned());
                }
            }
            "formula" => formula = Some(v),
            "alternatives" => {
                for a in list(file, v, "alternatives")? {
                    alternatives.push(scalar(file, a, "an alternative")?.to_owned());
                }
            }
            "phrase" => phrase = Some(scalar(file, v, "phrase")?.to_owned()),
            _ => {}
        }
    }
    let Some(fnode) = formula else {
        return Err(bad(file, def, "a function needs a `formula`"));
    };
    let text = scalar(file, fnode, "formula")?;
    let body = crate::formula::parse_expr(text)
        .map_err(|e| ToolError::at(RULES, format!("formula: {}", e.message), file, fnode.span))?;
    let mut unknown = None;
    body.walk(&mut |e| {
        if let crate::formula::ExprKind::Id(name) = &e.kind
            && !params.contains(name)
            && unknown.is_none()
        {
            unknown = Some(name.clone());
        }
    });
    if let Some(u) = unknown {
        return Err(bad(
            file,
            fnode,
            format!("the formula names `{u}`, which is not a parameter"),
        ));
    }
    Ok(FunctionDef {
        params,
        formula: text.to_owned(),
        body,
        alternatives,
        phrase,
    })
}

fn lifecycle(
    file: &Arc<SourceFile>,
    def: &Node,
    origin: &dyn Fn(&Node) -> Origin,
) -> Result<Lifecycle, ToolError> {
    let m = map(file, def, "a lifecycle")?;
    known_keys(file, m, &["states", "phrases", "negated"], "a lifecycle")?;
    let mut states = Vec::new();
    let mut phrases = Vec::new();
    if let Some((_, s)) = m.iter().find(|(k, _)| k.as_str() == Some("states")) {
        for st in list(file, s, "states")? {
            states.push(scalar(file, st, "a state")?.to_owned());
        }
    } else {
        return Err(bad(file, def, "a lifecycle needs `states`"));
    }
    for (k, v) in m {
        let negated = match k.as_str() {
            Some("phrases") => false,
            Some("negated") => true,
            _ => continue,
        };
        for (state, words) in map(file, v, "phrases")? {
            let sn = scalar(file, state, "a state")?;
            let Some(idx) = states.iter().position(|s| s == sn) else {
                return Err(bad(
                    file,
                    state,
                    format!("`{sn}` is not one of the states: {}", states.join(", ")),
                ));
            };
            for w in list(file, words, "phrases")? {
                phrases.push((
                    scalar(file, w, "a phrase")?.to_owned(),
                    idx,
                    negated,
                    origin(w),
                ));
            }
        }
    }
    Ok(Lifecycle { states, phrases })
}

fn resolve_units(
    units: &BTreeMap<String, Entry<UnitDef>>,
) -> Result<HashMap<String, ResolvedUnit>, ToolError> {
    let mut out = HashMap::new();
    for name in units.keys() {
        let mut factor = 1.0f64;
        let mut cur = name.clone();
        let mut domain = None;
        let mut seen = vec![];
        loop {
            if seen.contains(&cur) {
                let e = &units[name];
                return Err(ToolError::new(
                    RULES,
                    format!(
                        "unit `{name}` ({}:{}) is defined in terms of itself: {}",
                        e.origin.file,
                        e.origin.line,
                        seen.join(" -> ")
                    ),
                ));
            }
            seen.push(cur.clone());
            let Some(def) = units.get(&cur) else { break };
            if domain.is_none() {
                domain = def.value.domain;
            }
            match &def.value.is {
                Some((f, base)) => {
                    factor *= f;
                    cur = base.clone();
                }
                None => break,
            }
        }
        if !factor.is_finite() || factor <= 0.0 {
            return Err(ToolError::new(
                RULES,
                format!("unit `{name}` has a factor that is not finite and positive"),
            ));
        }
        out.insert(
            name.clone(),
            ResolvedUnit {
                base: cur,
                factor,
                domain,
            },
        );
    }
    Ok(out)
}

fn check_function_cycles(
    functions: &BTreeMap<String, Entry<FunctionDef>>,
) -> Result<(), ToolError> {
    // Depth-first search over calls; 0 = unseen, 1 = on the stack, 2 = done.
    fn visit(
        name: &str,
        functions: &BTreeMap<String, Entry<FunctionDef>>,
        state: &mut HashMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Result<(), ToolError> {
        match state.get(name) {
            Some(2) => return Ok(()),
            Some(1) => {
                stack.push(name.to_owned());
                let f = &functions[name];
                return Err(ToolError::new(
                    RULES,
                    format!(
                        "function `{name}` ({}:{}) calls itself: {}",
                        f.origin.file,
                        f.origin.line,
                        stack.join(" -> ")
                    ),
                ));
            }
            _ => {}
        }
        let Some(f) = functions.get(name) else {
            return Ok(());
        };
        state.insert(name.to_owned(), 1);
        stack.push(name.to_owned());
        let mut calls = Vec::new();
        f.value.body.walk(&mut |e| {
            if let crate::formula::ExprKind::Call { name, .. } = &e.kind {
                calls.push(name.clone());
            }
        });
        for c in calls {
            visit(&c, functions, state, stack)?;
        }
        stack.pop();
        state.insert(name.to_owned(), 2);
        Ok(())
    }
    let mut state = HashMap::new();
    for name in functions.keys() {
        visit(name, functions, &mut state, &mut Vec::new())?;
    }
    Ok(())
}

fn index_phrases(rules: &RuleSet) -> Result<HashMap<String, PhraseMeaning>, ToolError> {
    let mut index: HashMap<String, (PhraseMeaning, Origin)> = HashMap::new();
    for (name, lc) in &rules.lifecycles {
        for (phrase, state, negated, origin) in &lc.value.phrases {
            let folded = rules.fold_phrase(phrase);
            if folded.is_empty() {
                return Err(ToolError::new(
                    RULES,
                    format!(
                        "the phrase `{phrase}` at {}:{} is empty once filler words are dropped",
                        origin.file, origin.line
                    ),
                ));
            }
            let meaning = PhraseMeaning {
                lifecycle: name.clone(),
                state: *state,
                negated: *negated,
            };
            if let Some((_, first)) = index.get(&folded) {
                return Err(ToolError::new(
                    RULES,
                    format!(
                        "the phrase `{phrase}` is listed twice: at {}:{} and at {}:{}",
                        first.file, first.line, origin.file, origin.line
                    ),
                )
                .with_help(
                    "a phrase names exactly one lifecycle, state and polarity: remove one of them",
                ));
            }
            index.insert(folded, (meaning, origin.clone()));
        }
    }
    Ok(index.into_iter().map(|(k, (m, _))| (k, m)).collect())
}

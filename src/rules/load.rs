//! Reading rules files and merging them over the defaults: the builder, the dispatch of
//! a file's sections, and the finished rule set. Each kind of section is read in its own
//! file below (`literals`, `settings`, `units`).

mod literals;
mod settings;
mod units;

use super::finish::{check_function_cycles, resolve_units};
use super::function::function;
use super::index::Prefolded;
use super::read::{bad, fold_word, known_keys, list, map, scalar};
use super::vocab::Vocabulary;
use super::{Defined, FunctionDef, Hedge, Origin, RangeWord, RuleSet, TrailingZeros, UnitDef};
use crate::code::{Code, Level};
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
    DEFAULTS.get_or_init(read_defaults).clone()
}

/// The default rules, finished: read for the one caller that finishes them as they are
/// (a builder kept for later configs would cost a copy of every phrase).
pub fn finish_defaults() -> Result<RuleSet, ToolError> {
    read_defaults()?.finish()
}

/// The default rules file that holds only `draft:` words: read when a draft needs them
/// (`RuleSet::draft`), never by a check.
const DRAFT_FILE: &str = "draft.yaml";

fn read_defaults() -> Result<RulesBuilder, ToolError> {
    let mut b = RulesBuilder::default();
    for (i, (name, text)) in DEFAULTS_FILES.iter().enumerate() {
        if *name == DRAFT_FILE {
            continue;
        }
        let starts = generated::DEFAULT_LINE_STARTS.get(i).copied();
        let file = match starts {
            Some(starts) => SourceFile::compiled_in(format!("<default>/{name}"), text, starts),
            None => SourceFile::new(format!("<default>/{name}"), *text),
        };
        let prefolded = (i == generated::DEFAULT_PHRASES_FILE).then_some(Prefolded {
            phrases: generated::DEFAULT_PHRASES,
            text: generated::DEFAULT_PHRASE_TEXT,
            lifecycles: generated::DEFAULT_LIFECYCLES,
            filler: generated::DEFAULT_FILLER,
            sorted: generated::DEFAULT_PHRASES_SORTED,
            slots: generated::DEFAULT_PHRASE_SLOTS,
            lifecycle_rows: generated::DEFAULT_LIFECYCLE_ROWS,
        });
        match generated::default_tree(i) {
            Some(root) => b.add_tree(&file, &root, prefolded)?,
            None => b.add(&file)?,
        }
    }
    Ok(b)
}

/// The `draft:` words of the defaults (`rules/draft.yaml`).
pub(super) fn default_draft_words() -> Result<super::DraftWords, ToolError> {
    let mut words = super::DraftWords::default();
    let Some((i, (name, text))) = DEFAULTS_FILES
        .iter()
        .enumerate()
        .find(|(_, (name, _))| *name == DRAFT_FILE)
    else {
        return Ok(words);
    };
    let file = match generated::DEFAULT_LINE_STARTS.get(i).copied() {
        Some(starts) => SourceFile::compiled_in(format!("<default>/{name}"), text, starts),
        None => SourceFile::new(format!("<default>/{name}"), *text),
    };
    let Some(root) = generated::default_tree(i) else {
        return Ok(words);
    };
    for (k, v) in map(&file, &root, "a rules file")? {
        if k.as_str() == Some("draft") {
            words.add(&file, v)?;
        }
    }
    Ok(words)
}

impl RulesBuilder {
    /// Merges one rules file over what is there.
    pub fn add(&mut self, file: &Arc<SourceFile>) -> Result<(), ToolError> {
        match yaml::parse(file) {
            Ok(Some(root)) => self.add_tree(file, &root, None),
            Ok(None) => Ok(()),
            Err(e) => Err(ToolError::at(ErrorKind::Rules, e.message, file, e.span)),
        }
    }

    /// Merges one rules file, already parsed into `root` (its phrases already folded, for
    /// the compiled-in defaults).
    fn add_tree(
        &mut self,
        file: &Arc<SourceFile>,
        root: &Node,
        prefolded: Option<Prefolded>,
    ) -> Result<(), ToolError> {
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
            line: file.line(n.span.start),
        };
        // Lifecycles and exclusions are merged last, with this file's filler words.
        let (mut lifecycles, mut exclusions) = (None, None);
        for (k, v) in entries {
            match k.as_str().unwrap_or("") {
                "literals" => self.literals(file, v, &origin)?,
                "settings" => self.settings(file, v, &origin)?,
                "currencies" => self.currencies(file, v, &origin)?,
                "range_words" => self.range_words(file, v, &origin)?,
                "units" => self.units(file, v, &origin)?,
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
            prefolded,
        )
    }

    /// Checks the merged rules and builds the indexes the checks use.
    pub fn finish(self) -> Result<RuleSet, ToolError> {
        let mut p = self.set;
        let (phrase_index, exclusions) = p.vocab.finish(&p.filler_words)?;
        let resolved_units = resolve_units(&p.units)?;
        check_function_cycles(&p.functions)?;
        let origin = Origin {
            file: "<built-in>".into(),
            line: 0,
        };
        // A setting no rules file gave: its built-in value.
        fn or<T>(set: Option<Defined<T>>, value: T, origin: &Origin) -> Defined<T> {
            set.unwrap_or_else(|| Defined {
                value,
                origin: origin.clone(),
            })
        }
        Ok(RuleSet {
            word_tolerance: or(p.word_tolerance, 0.04, &origin),
            trailing_zeros: or(p.trailing_zeros, TrailingZeros::Significant, &origin),
            propagation_rounds: or(p.propagation_rounds, 100, &origin),
            fiscal_year_start: or(p.fiscal_year_start, 1, &origin),
            approx_points: or(p.approx_points, 0.02, &origin),
            approx_relative: or(p.approx_relative, 0.1, &origin),
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
            draft_sections: p.draft,
            draft: std::sync::OnceLock::new(),
            resolved_units,
            phrase_index,
            phrase_words: std::sync::OnceLock::new(),
            unit_memo: super::UnitMemo::default(),
        })
    }
}

fn longest_first<'a>(words: impl Iterator<Item = &'a String>) -> super::WordList {
    // Each word's length counted once, not at every comparison.
    let mut v: Vec<(usize, &String)> = words.map(|w| (w.chars().count(), w)).collect();
    v.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    super::WordList::new(v.into_iter().map(|(_, w)| w.clone()).collect())
}

/// The default rules as node trees, made by build.rs from `rules/*.yaml`.
mod generated {
    use crate::source::Span;
    use crate::yaml::{Node, NodeKind};
    use std::borrow::Cow;

    include!(concat!(env!("OUT_DIR"), "/default_rules.rs"));

    /// The node tree of default rules file `i`, in the order of `DEFAULTS_FILES`, built
    /// from the tables the build script made of its YAML.
    pub(super) fn default_tree(i: usize) -> Option<Node<'static>> {
        let mut at = *DEFAULT_TREE_ROOTS.get(i)?;
        node(&mut at)
    }

    /// The node at `at` in `DEFAULT_TREE_NODES`, and those under it; `at` is left after
    /// them. The trees are a few levels deep.
    fn node(at: &mut usize) -> Option<Node<'static>> {
        let &[kind, a, b, start, len] = DEFAULT_TREE_NODES.get(*at)?;
        *at += 1;
        let kind = match kind {
            NODE_NULL => NodeKind::Null,
            NODE_SCALAR => NodeKind::Scalar(Cow::Borrowed(
                DEFAULT_TREE_TEXT.get(a as usize..b as usize)?,
            )),
            NODE_SEQ => {
                let mut items = Vec::with_capacity(a as usize);
                for _ in 0..a {
                    items.push(node(at)?);
                }
                NodeKind::Seq(items)
            }
            NODE_MAP => {
                let mut entries = Vec::with_capacity(a as usize);
                for _ in 0..a {
                    entries.push((node(at)?, node(at)?));
                }
                NodeKind::Map(entries)
            }
            _ => return None,
        };
        Some(Node {
            kind,
            span: Span::new(start as usize, len as usize),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{PhraseIndex, PhraseMeaning};

    /// Empties the lists of phrases of a lifecycles file's tree (`depth` 0 at the root),
    /// as the build script does: the phrases come folded, in `DEFAULT_PHRASES`.
    fn without_phrases(n: &mut yaml::Node, depth: usize) {
        use crate::yaml::NodeKind;
        match (&mut n.kind, depth) {
            (NodeKind::Seq(items), 4) => items.clear(),
            (NodeKind::Map(entries), _) => {
                for (k, v) in entries {
                    let k = k.as_str().map(str::to_owned);
                    let descend = matches!(
                        (depth, k.as_deref()),
                        (0, Some("lifecycles"))
                            | (1 | 3, _)
                            | (2, Some("phrases" | "negated" | "possible"))
                    );
                    if descend {
                        without_phrases(v, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    /// The line starts found at build time are those of the texts compiled in.
    #[test]
    fn the_prebuilt_line_starts_match_the_defaults() {
        for (i, (name, text)) in DEFAULTS_FILES.iter().enumerate() {
            let starts = generated::DEFAULT_LINE_STARTS.get(i).copied();
            assert_eq!(
                starts,
                Some(&crate::source::line_starts(text)[..]),
                "{name}"
            );
        }
    }

    /// The trees made at build time are those a parse at run time gives, spans included
    /// (less the default phrases, which come folded).
    #[test]
    fn the_prebuilt_defaults_match_their_yaml() -> Result<(), String> {
        for (i, (name, text)) in DEFAULTS_FILES.iter().enumerate() {
            let file = SourceFile::new(*name, *text);
            let mut parsed = yaml::parse(&file).map_err(|e| e.message)?;
            if i == generated::DEFAULT_PHRASES_FILE
                && let Some(root) = parsed.as_mut()
            {
                without_phrases(root, 0);
            }
            assert_eq!(generated::default_tree(i), parsed, "{name}");
        }
        assert_eq!(generated::default_tree(DEFAULTS_FILES.len()), None);
        Ok(())
    }

    /// The default phrases folded at build time are those folding at run time gives:
    /// the same index, and every phrase with the same text, fold, state, polarity and line.
    #[test]
    fn the_prefolded_default_phrases_match_folding_them_at_run_time() -> Result<(), ToolError> {
        let fast = finish_defaults()?;
        let mut b = RulesBuilder::default();
        for (name, text) in DEFAULTS_FILES {
            b.add(&SourceFile::new(format!("<default>/{name}"), *text))?;
        }
        let slow = b.finish()?;
        assert!(generated::DEFAULT_PHRASES.len() > 1000);
        assert!(matches!(fast.phrase_index, PhraseIndex::Compiled { .. }));
        assert!(matches!(slow.phrase_index, PhraseIndex::Built(_)));
        let sorted = |i: &PhraseIndex| {
            let mut v: Vec<(String, PhraseMeaning)> =
                i.iter().map(|(k, m)| (k.to_owned(), m)).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        assert_eq!(sorted(&fast.phrase_index), sorted(&slow.phrase_index));
        for (k, m) in slow.phrase_index.iter() {
            assert_eq!(fast.phrase_index.get(k), Some(m), "{k}");
        }
        assert_eq!(fast.phrase_index.get("has opened in"), None);
        assert_eq!(fast.phrase_index.get(""), None);
        assert_eq!(fast.lifecycles.len(), slow.lifecycles.len());
        for ((fname, f), (sname, s)) in fast.lifecycles.iter().zip(&slow.lifecycles) {
            assert_eq!(fname, sname);
            assert_eq!(f.value.phrases().len(), s.value.phrases().len(), "{fname}");
            for (p, q) in f.value.phrases().iter().zip(s.value.phrases().iter()) {
                assert_eq!(
                    (&p.text, &p.folded, p.state, p.polarity, &p.origin),
                    (&q.text, &q.folded, q.state, q.polarity, &q.origin)
                );
                assert!(
                    matches!(p.folded, std::borrow::Cow::Borrowed(_)),
                    "{}",
                    p.text
                );
            }
        }
        // Rules layered over the defaults see every default phrase's owner.
        let mut b = load_defaults()?;
        b.add(&SourceFile::new(
            "mine.yaml",
            "lifecycles:\n  opening:\n    phrases:\n      open: [will open]\n",
        ))?;
        let r = b.finish()?;
        assert_eq!(r.taken_over.len(), 1);
        assert_eq!(r.taken_over[0].from.1, "planned");
        assert_eq!(r.phrase("will open").map(|m| m.state), Some(1));
        Ok(())
    }
}

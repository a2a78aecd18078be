//! Lifecycles and exclusions as rules files layer them (SPEC 5): a definition (with
//! `states`) replaces a lifecycle, an extension (without) adds phrases to it, a phrase
//! listed twice in one file is an error naming both places, and a phrase a later file
//! lists is taken over from the earlier one.

use super::index::{PhraseIndex, Prefolded};
use super::polarity::Polarity;
use super::read::{bad, known_keys, list, map, scalar};
use super::{Defined, Origin, PhraseMeaning, fold_phrase};
use crate::error::{ErrorKind, ToolError};
use crate::hash::{TextMap, text_map};
use crate::source::SourceFile;
use crate::yaml::Node;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A phrase of a rules file as it is merged: its text and its fold.
type Folded = (Cow<'static, str>, Cow<'static, str>);

/// How many states one lifecycle may have (reachability is a table of states by states).
pub const MAX_STATES: usize = 256;

/// One phrase of a lifecycle.
#[derive(Clone, Debug)]
pub struct Phrase {
    /// As written in the rules.
    pub text: Cow<'static, str>,
    /// The state's index.
    pub state: usize,
    /// Affirmed, negated or possible.
    pub polarity: Polarity,
    /// Where it is written.
    pub origin: Origin,
    /// Which rules file, in loading order, listed it.
    pub(super) layer: u32,
    /// The phrase folded, with the filler words of `filler_version`.
    pub(super) folded: Cow<'static, str>,
    filler_version: u32,
}

/// A lifecycle: states, the states each may directly follow, and the phrases naming each
/// (SPEC 5).
#[derive(Clone, Debug)]
pub struct Lifecycle {
    /// States, in the order they happen.
    pub states: Vec<String>,
    /// For each state, the states it may directly follow (by default the one before it).
    pub after: Vec<Vec<usize>>,
    /// Whether the rules gave `after:` (for listing).
    pub branches: bool,
    /// The phrases, in the order they were listed (see [`Lifecycle::phrases`]).
    listed: Vec<Phrase>,
    /// Compiled-in phrases not yet made into `listed`: most runs only look them up in
    /// the index, and never need them one by one.
    compiled: Option<CompiledRows>,
    /// Row `s`: the states reachable from `s`, `s` included (a bit set).
    reach: Vec<u64>,
    /// Row `t`: the states from which `t` is reachable, `t` included.
    reached_from: Vec<u64>,
}

/// A lifecycle's rows of the compiled-in table.
#[derive(Clone, Debug)]
struct CompiledRows {
    table: Prefolded,
    rows: std::ops::Range<usize>,
    file: Arc<str>,
    layer: u32,
    filler_version: u32,
}

impl CompiledRows {
    fn phrases(&self) -> impl Iterator<Item = Phrase> + '_ {
        let t = self.table;
        let rows = t.phrases.get(self.rows.clone()).unwrap_or(&[]);
        rows.iter()
            .map(move |&[_, state, polarity, ts, te, fs, fe, line]| Phrase {
                text: Cow::Borrowed(t.text.get(ts as usize..te as usize).unwrap_or("")),
                state: state as usize,
                polarity: Polarity::from_index(polarity),
                origin: Origin {
                    file: Arc::clone(&self.file),
                    line: line as usize,
                },
                layer: self.layer,
                folded: Cow::Borrowed(t.text.get(fs as usize..fe as usize).unwrap_or("")),
                filler_version: self.filler_version,
            })
    }
}

impl Lifecycle {
    /// The phrases, in the order they were listed.
    pub fn phrases(&self) -> Cow<'_, [Phrase]> {
        match &self.compiled {
            None => Cow::Borrowed(&self.listed),
            Some(c) => Cow::Owned(self.listed.iter().cloned().chain(c.phrases()).collect()),
        }
    }

    /// How many phrases it has.
    pub fn phrase_count(&self) -> usize {
        self.listed.len() + self.compiled.as_ref().map_or(0, |c| c.rows.len())
    }

    /// Makes the compiled-in phrases into `listed`, for rules layered over them.
    fn materialize(&mut self) {
        if let Some(c) = self.compiled.take() {
            self.listed.extend(c.phrases());
        }
    }

    fn words(&self) -> usize {
        self.states.len().div_ceil(64).max(1)
    }

    /// Whether `to` is reachable from `from` (*at or after* it).
    pub fn reaches(&self, from: usize, to: usize) -> bool {
        let w = self.words();
        self.reach
            .get(from * w + to / 64)
            .is_some_and(|b| b >> (to % 64) & 1 == 1)
    }

    /// Of the states set in `seen` (a bit set as wide as this lifecycle's rows), the last
    /// one from which `to` is not reachable.
    pub fn last_not_reaching(&self, seen: &[u64], to: usize) -> Option<usize> {
        let w = self.words();
        let row = self.reached_from.get(to * w..(to + 1) * w)?;
        (0..w).rev().find_map(|k| {
            let bits = seen.get(k).copied().unwrap_or(0) & !row[k];
            (bits != 0).then(|| k * 64 + 63 - bits.leading_zeros() as usize)
        })
    }

    /// An empty bit set as wide as a row.
    pub fn no_states(&self) -> Vec<u64> {
        vec![0; self.words()]
    }

    /// The states, with where each branches: `a -> b -> c`, then `d after b` for every
    /// state whose `after` is not the state before it.
    pub fn outline(&self) -> String {
        let mut s = self.states.join(" -> ");
        if self.branches {
            for (i, preds) in self.after.iter().enumerate() {
                let linear = if i == 0 { vec![] } else { vec![i - 1] };
                if *preds != linear {
                    let names: Vec<&str> = preds
                        .iter()
                        .filter_map(|p| self.states.get(*p).map(String::as_str))
                        .collect();
                    let after = if names.is_empty() {
                        "a start".to_owned()
                    } else {
                        format!("after {}", names.join(" or "))
                    };
                    s.push_str(&format!("; {} {after}", self.states[i]));
                }
            }
        }
        s
    }

    /// Fills the reachability tables from `after`.
    fn close(&mut self) {
        let n = self.states.len();
        let w = self.words();
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (s, preds) in self.after.iter().enumerate() {
            for &p in preds {
                next[p].push(s);
            }
        }
        self.reach = vec![0; n * w];
        self.reached_from = vec![0; n * w];
        let mut stack = Vec::new();
        for s in 0..n {
            stack.clear();
            stack.push(s);
            let row = s * w;
            self.reach[row + s / 64] |= 1 << (s % 64);
            while let Some(x) = stack.pop() {
                for &y in &next[x] {
                    let (k, b) = (row + y / 64, 1u64 << (y % 64));
                    if self.reach[k] & b == 0 {
                        self.reach[k] |= b;
                        stack.push(y);
                    }
                }
            }
            for t in 0..n {
                if self.reach[row + t / 64] >> (t % 64) & 1 == 1 {
                    self.reached_from[t * w + s / 64] |= 1 << (s % 64);
                }
            }
        }
    }
}

/// A phrase that a later rules file took over from an earlier one.
#[derive(Clone, Debug)]
pub struct TakenOver {
    /// The phrase as the later file writes it.
    pub phrase: String,
    /// Where it stands now: lifecycle, state, polarity, origin.
    pub to: (String, String, Polarity, Origin),
    /// Where it stood before.
    pub from: (String, String, Polarity, Origin),
}

/// States of two lifecycles that cannot hold together for one subject at one time.
#[derive(Clone, Debug)]
pub struct Exclusion {
    /// The two states, as (lifecycle, state index).
    pub pair: [(Arc<str>, usize); 2],
    /// The two states as written (`ban.in_force`).
    pub names: [String; 2],
    /// Where the exclusion is written.
    pub origin: Origin,
}

/// Lifecycles and exclusions being merged, file by file.
#[derive(Default, Clone)]
pub(super) struct Vocabulary {
    pub lifecycles: BTreeMap<String, Defined<Lifecycle>>,
    /// Exclusions as written, resolved when the rules are finished.
    exclusions: Vec<([String; 2], Origin)>,
    pub taken_over: Vec<TakenOver>,
    /// Which lifecycle holds each folded phrase; empty after the compiled-in defaults
    /// until a later file needs it (see [`Vocabulary::owners`]).
    owner: TextMap<Cow<'static, str>, Arc<str>>,
    /// Whether `owner` lists every phrase.
    owner_complete: bool,
    /// How many files have been merged.
    layers: u32,
    /// Each set of filler words phrases were folded with, in order; a phrase keeps the
    /// index of its set, so that it is folded again at the end only if the set changed.
    fillers: Vec<Vec<String>>,
    /// The compiled-in phrases, while no later file has added lifecycles: their table is
    /// then the index.
    compiled: Option<Prefolded>,
}

/// The states of a definition, the states each follows, and whether `after` was given.
type States = (Vec<String>, Vec<Vec<usize>>, bool);

/// A lifecycle entry of one file, read.
struct Read<'n> {
    name: String,
    origin: Origin,
    /// `Some` for a definition.
    states: Option<States>,
    listings: Vec<Listing<'n>>,
}

/// One phrase of an entry: its node, state, polarity, and the node of its state.
type Listing<'n> = (&'n Node<'n>, String, Polarity, &'n Node<'n>);

impl Vocabulary {
    /// Merges the `lifecycles:` and `exclusions:` of one rules file, folding phrases with
    /// `filler` (the filler words known so far, this file's included).
    pub fn add(
        &mut self,
        file: &Arc<SourceFile>,
        lifecycles: Option<&Node>,
        exclusions: Option<&Node>,
        filler: &BTreeMap<String, Defined<()>>,
        origin: &dyn Fn(&Node) -> Origin,
        prefolded: Option<Prefolded>,
    ) -> Result<(), ToolError> {
        self.layers += 1;
        let layer = self.layers;
        if self
            .fillers
            .last()
            .is_none_or(|f| !f.iter().eq(filler.keys()))
        {
            self.fillers.push(filler.keys().cloned().collect());
        }
        if let Some(v) = lifecycles {
            let mut read = Vec::new();
            for (name, def) in map(file, v, "lifecycles")? {
                read.push(self.read_entry(file, name, def, origin)?);
            }
            if let Some(p) = prefolded {
                // The compiled-in defaults, folded at build time (where a phrase is also
                // checked to be listed once).
                if !self.lifecycles.is_empty() || !filler.keys().eq(p.filler.iter()) {
                    return Err(ToolError::new(
                        ErrorKind::Rules,
                        "the compiled-in lifecycles must be read first, with their own filler words",
                    ));
                }
                for r in read {
                    self.apply(file, r, Vec::new(), layer, origin)?;
                }
                self.add_prefolded(&file.name, p, layer)?;
                self.compiled = Some(p);
            } else {
                self.compiled = None;
                if !self.owner_complete {
                    self.owners();
                }
                let folded = self.check_listed_once(file, &read, filler)?;
                let mut folded = folded.into_iter();
                for r in read {
                    let f: Vec<_> = folded.by_ref().take(r.listings.len()).collect();
                    self.apply(file, r, f, layer, origin)?;
                }
            }
        }
        if let Some(v) = exclusions {
            for x in list(file, v, "exclusions")? {
                let states = list(file, x, "an exclusion")?;
                let names = states
                    .iter()
                    .map(|s| scalar(file, s, "a state (`lifecycle.state`)").map(str::to_owned))
                    .collect::<Result<Vec<_>, _>>()?;
                if names.len() < 2 {
                    return Err(bad(
                        file,
                        x,
                        "an exclusion lists two or more states (`[ban.in_force, opening.open]`)",
                    ));
                }
                for (i, a) in names.iter().enumerate() {
                    for b in &names[i + 1..] {
                        let pair = [a.clone(), b.clone()];
                        if !self.exclusions.iter().any(|(p, _)| *p == pair) {
                            self.exclusions.push((pair, origin(x)));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads one entry of `lifecycles:`: a definition or an extension.
    fn read_entry<'n>(
        &self,
        file: &Arc<SourceFile>,
        name: &'n Node<'n>,
        def: &'n Node<'n>,
        origin: &dyn Fn(&Node) -> Origin,
    ) -> Result<Read<'n>, ToolError> {
        let n = scalar(file, name, "a lifecycle name")?.to_owned();
        let m = map(file, def, "a lifecycle")?;
        known_keys(
            file,
            m,
            &["states", "after", "phrases", "negated", "possible"],
            "a lifecycle",
        )?;
        let get = |key: &str| {
            m.iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v)
        };
        let states = match get("states") {
            Some(s) => Some(states(file, s, get("after"))?),
            None => {
                if let Some(a) = get("after") {
                    return Err(bad(
                        file,
                        a,
                        format!(
                            "`after` goes with `states`: an entry without `states` only adds phrases to `{n}`"
                        ),
                    ));
                }
                if !self.lifecycles.contains_key(&n) {
                    let mut e = bad(
                        file,
                        name,
                        format!("there is no lifecycle `{n}` to add phrases to"),
                    );
                    let known = self.lifecycles.keys().map(String::as_str);
                    e = match crate::suggest::closest(&n, known) {
                        Some(c) => e.with_help(format!(
                            "did you mean `{c}`? to define a new lifecycle, give it `states`"
                        )),
                        None => e.with_help("to define a new lifecycle, give it `states`"),
                    };
                    return Err(e);
                }
                None
            }
        };
        let mut listings = Vec::new();
        for (k, v) in m {
            let polarity = match k.as_str() {
                Some("phrases") => Polarity::Affirmed,
                Some("negated") => Polarity::Negated,
                Some("possible") => Polarity::Possible,
                _ => continue,
            };
            for (state, words) in map(file, v, polarity.key())? {
                let sn = scalar(file, state, "a state")?;
                let known: &[String] = match &states {
                    Some((s, ..)) => s,
                    None => self
                        .lifecycles
                        .get(&n)
                        .map_or(&[][..], |l| l.value.states.as_slice()),
                };
                if !known.iter().any(|s| s == sn) {
                    return Err(bad(
                        file,
                        state,
                        format!(
                            "`{sn}` is not one of the states of `{n}`: {}",
                            known.join(", ")
                        ),
                    ));
                }
                for w in list(file, words, polarity.key())? {
                    scalar(file, w, "a phrase")?;
                    listings.push((w, sn.to_owned(), polarity, state));
                }
            }
        }
        Ok(Read {
            origin: origin(name),
            name: n,
            states,
            listings,
        })
    }

    /// Gives the lifecycles their file defined the phrases folded at build time (as their
    /// rows of the table, made into phrases only if asked for one by one).
    fn add_prefolded(&mut self, file: &str, p: Prefolded, layer: u32) -> Result<(), ToolError> {
        let filler_version = self.fillers.len().saturating_sub(1) as u32;
        let file: Arc<str> = file.into();
        for (index, &[start, end]) in p.lifecycle_rows.iter().enumerate() {
            let (start, end) = (start as usize, end as usize);
            let name = p.lifecycles.get(index).copied().unwrap_or("");
            let Some(lc) = self.lifecycles.get_mut(name) else {
                return Err(ToolError::new(
                    ErrorKind::Rules,
                    format!(
                        "the compiled-in phrases name `{name}`, which their file does not define"
                    ),
                ));
            };
            lc.value.compiled = Some(CompiledRows {
                table: p,
                rows: start..end,
                file: Arc::clone(&file),
                layer,
                filler_version,
            });
        }
        Ok(())
    }

    /// Lists every phrase's owner, where the defaults left `owner` empty, and makes the
    /// compiled-in phrases into lists that later files can take phrases from.
    fn owners(&mut self) {
        for lc in self.lifecycles.values_mut() {
            lc.value.materialize();
        }
        for (name, lc) in &self.lifecycles {
            let name: Arc<str> = name.as_str().into();
            for p in &lc.value.listed {
                self.owner.insert(p.folded.clone(), Arc::clone(&name));
            }
        }
        self.owner_complete = true;
    }

    /// Within one file, a phrase is listed once. Returns every phrase folded, in order.
    fn check_listed_once(
        &self,
        file: &Arc<SourceFile>,
        read: &[Read],
        filler: &BTreeMap<String, Defined<()>>,
    ) -> Result<Vec<Folded>, ToolError> {
        let count = read.iter().map(|r| r.listings.len()).sum();
        let mut seen: TextMap<Box<str>, (&Node, &str, &str)> = text_map(count);
        let mut all = Vec::with_capacity(count);
        for r in read {
            for (w, state, _, _) in &r.listings {
                let text = w.as_str().unwrap_or("");
                let folded = fold_phrase(filler, text);
                if folded.is_empty() {
                    return Err(bad(
                        file,
                        w,
                        format!("the phrase `{text}` is empty once filler words are dropped"),
                    ));
                }
                if let Some((first, fl, fs)) = seen.get(folded.as_str()) {
                    let line = file.line(first.span.start);
                    return Err(bad(
                        file,
                        w,
                        format!(
                            "the phrase `{text}` is listed twice in this file: at {}:{line} ({fl}.{fs}) and here ({}.{state})",
                            file.name, r.name
                        ),
                    )
                    .with_help(
                        "a phrase names exactly one lifecycle, state and polarity: remove one of them",
                    ));
                }
                seen.insert(folded.clone().into(), (w, &r.name, state));
                all.push((Cow::Owned(text.to_owned()), Cow::Owned(folded)));
            }
        }
        Ok(all)
    }

    /// Applies one entry: a definition replaces the lifecycle, dropping every phrase it
    /// had; then its phrases are added, each taken over from wherever it stood before.
    fn apply(
        &mut self,
        file: &Arc<SourceFile>,
        r: Read,
        folded: Vec<Folded>,
        layer: u32,
        origin: &dyn Fn(&Node) -> Origin,
    ) -> Result<(), ToolError> {
        let filler_version = self.fillers.len().saturating_sub(1) as u32;
        let name: Arc<str> = r.name.as_str().into();
        if let Some((states, after, branches)) = r.states {
            if let Some(old) = self.lifecycles.remove(&r.name) {
                for p in &old.value.listed {
                    self.owner.remove(&p.folded);
                }
            }
            let mut lc = Lifecycle {
                states,
                after,
                branches,
                listed: Vec::new(),
                compiled: None,
                reach: Vec::new(),
                reached_from: Vec::new(),
            };
            lc.close();
            self.lifecycles.insert(
                r.name.clone(),
                Defined {
                    value: lc,
                    origin: r.origin,
                },
            );
        }
        for ((w, state, polarity, state_node), (text, folded)) in r.listings.into_iter().zip(folded)
        {
            let to_origin = origin(w);
            if let Some(prev) = self.owner.get(&folded).cloned() {
                let from = self.lifecycles.get_mut(&*prev).and_then(|l| {
                    let i = l.value.listed.iter().position(|p| p.folded == folded)?;
                    let p = l.value.listed.remove(i);
                    let s = l.value.states.get(p.state).cloned().unwrap_or_default();
                    Some((prev.to_string(), s, p.polarity, p.origin))
                });
                if let Some(from) = from {
                    self.taken_over.push(TakenOver {
                        phrase: text.to_string(),
                        to: (r.name.clone(), state.clone(), polarity, to_origin.clone()),
                        from,
                    });
                }
            }
            let Some(lc) = self.lifecycles.get_mut(&r.name) else {
                return Err(bad(file, state_node, "no such lifecycle"));
            };
            let idx = lc
                .value
                .states
                .iter()
                .position(|s| *s == state)
                .unwrap_or_default();
            lc.value.listed.push(Phrase {
                text,
                state: idx,
                polarity,
                origin: to_origin,
                layer,
                folded: folded.clone(),
                filler_version,
            });
            if self.owner_complete {
                self.owner.insert(folded, Arc::clone(&name));
            }
        }
        Ok(())
    }

    /// The index of folded phrases, with the final filler words, and the exclusions
    /// resolved. Two phrases that only fold together under filler words a later file
    /// added are layered as any others: the later file's wins, one file's are an error.
    pub fn finish(
        &mut self,
        filler: &BTreeMap<String, Defined<()>>,
    ) -> Result<(PhraseIndex, Vec<Exclusion>), ToolError> {
        let exclusions = self.exclusions()?;
        if let Some(table) = self.compiled.filter(|t| filler.keys().eq(t.filler.iter())) {
            return Ok((PhraseIndex::compiled(table), exclusions));
        }
        for lc in self.lifecycles.values_mut() {
            lc.value.materialize();
        }
        let count = self.lifecycles.values().map(|l| l.value.listed.len()).sum();
        // Which sets of filler words fold as the final one does.
        let same: Vec<bool> = self
            .fillers
            .iter()
            .map(|f| f.iter().eq(filler.keys()))
            .collect();
        let mut index: TextMap<Cow<'static, str>, PhraseMeaning> = text_map(count);
        let mut lost: Vec<(Cow<'static, str>, Origin)> = Vec::new();
        for (name, lc) in &self.lifecycles {
            let name: Arc<str> = name.as_str().into();
            for p in &lc.value.listed {
                let folded = if same.get(p.filler_version as usize) == Some(&true) {
                    p.folded.clone()
                } else {
                    Cow::Owned(fold_phrase(filler, &p.text))
                };
                if folded.is_empty() {
                    return Err(ToolError::new(
                        ErrorKind::Rules,
                        format!(
                            "the phrase `{}` at {}:{} is empty once filler words are dropped",
                            p.text, p.origin.file, p.origin.line
                        ),
                    ));
                }
                let meaning = PhraseMeaning {
                    lifecycle: Arc::clone(&name),
                    state: p.state,
                    polarity: p.polarity,
                };
                let Some(old) = index.insert(folded.clone(), meaning) else {
                    continue;
                };
                // Two phrases fold together only under filler words a later file added
                // (the loader keeps one owner per phrase otherwise): rare, so the first
                // is looked up again.
                let first = self
                    .lifecycles
                    .get(&*old.lifecycle)
                    .and_then(|l| {
                        l.value
                            .listed
                            .iter()
                            .find(|q| *fold_phrase(filler, &q.text) == *folded)
                    })
                    .unwrap_or(p);
                if first.layer == p.layer {
                    return Err(ToolError::new(
                        ErrorKind::Rules,
                        format!(
                            "the phrase `{}` is listed twice in one file: at {}:{} and at {}:{}",
                            p.text, first.origin.file, first.origin.line, p.origin.file, p.origin.line
                        ),
                    )
                    .with_help("a phrase names exactly one lifecycle, state and polarity: remove one of them"));
                }
                if first.layer > p.layer {
                    index.insert(folded, old);
                    lost.push((p.text.clone(), p.origin.clone()));
                } else {
                    lost.push((first.text.clone(), first.origin.clone()));
                }
            }
        }
        if !lost.is_empty() {
            for lc in self.lifecycles.values_mut() {
                lc.value
                    .listed
                    .retain(|p| !lost.iter().any(|(t, o)| *t == p.text && *o == p.origin));
            }
        }
        Ok((PhraseIndex::Built(index), exclusions))
    }

    /// The exclusions as written, resolved to states.
    fn exclusions(&self) -> Result<Vec<Exclusion>, ToolError> {
        let mut exclusions = Vec::new();
        for (names, origin) in &self.exclusions {
            let mut pair = Vec::new();
            for n in names {
                let found = n.rsplit_once('.').and_then(|(l, s)| {
                    let (key, lc) = self.lifecycles.get_key_value(l)?;
                    let i = lc.value.states.iter().position(|x| x == s)?;
                    Some((Arc::<str>::from(key.as_str()), i))
                });
                let Some(f) = found else {
                    return Err(ToolError::new(
                        ErrorKind::Rules,
                        format!(
                            "the exclusion at {}:{} names `{n}`, which is no state of a lifecycle",
                            origin.file, origin.line
                        ),
                    )
                    .with_help("write a state as `lifecycle.state`, e.g. `opening.open`"));
                };
                pair.push(f);
            }
            let [a, b]: [(Arc<str>, usize); 2] = match pair.try_into() {
                Ok(p) => p,
                Err(_) => continue,
            };
            if a.0 == b.0 {
                return Err(ToolError::new(
                    ErrorKind::Rules,
                    format!(
                        "the exclusion at {}:{} names two states of `{}`, which exclude each other already",
                        origin.file, origin.line, a.0
                    ),
                )
                .with_help("an exclusion is for states of two different lifecycles"));
            }
            exclusions.push(Exclusion {
                pair: [a, b],
                names: names.clone(),
                origin: origin.clone(),
            });
        }
        Ok(exclusions)
    }
}

/// Reads `states` and `after` of a definition.
fn states(file: &Arc<SourceFile>, s: &Node, after: Option<&Node>) -> Result<States, ToolError> {
    let mut states: Vec<String> = Vec::new();
    for st in list(file, s, "states")? {
        let name = scalar(file, st, "a state")?;
        if states.iter().any(|x| x == name) {
            return Err(bad(file, st, format!("the state `{name}` is listed twice")));
        }
        states.push(name.to_owned());
    }
    if states.is_empty() {
        return Err(bad(file, s, "a lifecycle needs at least one state"));
    }
    if states.len() > MAX_STATES {
        return Err(bad(
            file,
            s,
            format!("a lifecycle has at most {MAX_STATES} states"),
        ));
    }
    let mut preds: Vec<Vec<usize>> = (0..states.len())
        .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
        .collect();
    let Some(after) = after else {
        return Ok((states, preds, false));
    };
    let find = |n: &Node| -> Result<usize, ToolError> {
        let name = scalar(file, n, "a state")?;
        states.iter().position(|x| x == name).ok_or_else(|| {
            bad(
                file,
                n,
                format!("`{name}` is not one of the states: {}", states.join(", ")),
            )
        })
    };
    for (k, v) in map(file, after, "after")? {
        let s = find(k)?;
        let mut p = Vec::new();
        for x in list(file, v, "the states it follows")? {
            let i = find(x)?;
            if !p.contains(&i) {
                p.push(i);
            }
        }
        preds[s] = p;
    }
    Ok((states, preds, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Result<super::super::RuleSet, ToolError> {
        let mut b = super::super::load_defaults()?;
        b.add(&SourceFile::new("mine.yaml", text))?;
        b.finish()
    }

    #[test]
    fn reachability_follows_after_and_its_cycles() -> Result<(), ToolError> {
        let r = rules(
            "lifecycles:\n  t:\n    states: [charged, trial, acquitted, convicted, sentenced]\n    after: { acquitted: [trial], convicted: [trial], sentenced: [convicted] }\n  b:\n    states: [off, on]\n    after: { off: [on], on: [off] }\n",
        )?;
        let t = &r.lifecycles["t"].value;
        assert!(t.reaches(0, 4) && t.reaches(1, 2) && t.reaches(2, 2));
        assert!(!t.reaches(2, 3) && !t.reaches(3, 2) && !t.reaches(4, 0));
        // Seen: acquitted; convicted is not reachable from it.
        let mut seen = t.no_states();
        seen[0] |= 1 << 2;
        assert_eq!(t.last_not_reaching(&seen, 3), Some(2));
        assert_eq!(t.last_not_reaching(&seen, 2), None);
        let b = &r.lifecycles["b"].value;
        assert!(b.reaches(0, 1) && b.reaches(1, 0));
        Ok(())
    }

    #[test]
    fn the_defaults_take_nothing_over_and_every_exclusion_resolves() -> Result<(), ToolError> {
        let r = super::super::load_defaults()?.finish()?;
        assert!(r.taken_over.is_empty(), "{:?}", r.taken_over.first());
        assert!(!r.exclusions.is_empty());
        let listed: usize = r.lifecycles.values().map(|l| l.value.phrase_count()).sum();
        assert_eq!(listed, r.phrase_index.len(), "every phrase indexed once");
        Ok(())
    }

    #[test]
    fn a_lifecycle_of_too_many_states_is_refused() {
        let states: Vec<String> = (0..=MAX_STATES).map(|i| format!("s{i}")).collect();
        let text = format!("lifecycles:\n  big:\n    states: [{}]\n", states.join(", "));
        let e = rules(&text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("at most 256 states"), "{e}");
    }

    #[test]
    fn a_redefinition_drops_the_phrases_earlier_files_added() -> Result<(), ToolError> {
        let mut b = super::super::load_defaults()?;
        b.add(&SourceFile::new(
            "a.yaml",
            "lifecycles:\n  opening: { phrases: { open: [is trading] } }\n",
        ))?;
        b.add(&SourceFile::new(
            "b.yaml",
            "lifecycles:\n  opening: { states: [open, shut], phrases: { open: [is up] } }\n",
        ))?;
        let r = b.finish()?;
        assert!(r.phrase("is trading").is_none() && r.phrase("has opened").is_none());
        assert!(r.phrase("is up").is_some());
        Ok(())
    }
}

//! `claimlint draft`: from an article's text to a claims file an editor only has to
//! review (docs/draft.md).
//!
//! The article is split into sentences ([`sentence`]), each sentence into tokens
//! ([`token`]); in each sentence the times ([`time`]), figures ([`figure`]), status
//! phrases ([`status`]) and relations ([`relation`]) are found with the words of the
//! rules, and the claims are written as YAML by hand ([`write`]). Every literal is read
//! back by the literal parser before it is drafted, and the whole draft is checked with
//! the same rules before it is returned: a claim that would not load is left out or
//! made plainer, so that a draft never fails for its own syntax.

pub mod figure;
pub mod relation;
pub mod sentence;
pub mod status;
pub mod time;
pub mod token;
pub mod write;

use crate::code::Code;
use crate::literal::{self, Literal};
use crate::rules::{Polarity, RuleSet};
use crate::source::SourceFile;
use figure::{FigKind, Figure, Finder};
use relation::{Relation, Side};
use std::collections::HashMap;
use write::{Claim, Document};

/// What the draft says about its article.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `document.source`: the article's path relative to the draft, if it has one.
    pub source: Option<String>,
}

/// A claim before its id is final.
#[derive(Clone, Debug)]
enum Body {
    Quantity {
        value: String,
        unit: Option<(String, Option<String>)>,
        measure: Option<String>,
        written: Option<String>,
    },
    Unknown {
        unit: Option<String>,
        measure: Option<String>,
        time_note: bool,
    },
    Assert {
        func: &'static str,
        args: Vec<usize>,
        rhs: String,
    },
    Status {
        subject: String,
        guess: bool,
        status: String,
    },
}

#[derive(Clone, Debug)]
struct Item {
    base: String,
    body: Body,
    as_of: Option<String>,
    quote: Option<String>,
    pos: (usize, u32),
    /// What it stands for in the article: the literal, the phrase, the relation's words.
    span: (usize, usize),
    /// Left out of the draft.
    dropped: bool,
}

/// What a claim of the draft is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// A figure.
    Quantity,
    /// An earlier value a relation compares with.
    Unknown,
    /// A relation: its function, or `>` / `<`.
    Assert(&'static str),
    /// A status phrase.
    Status,
}

/// A claim of the draft and the article text it stands for.
#[derive(Clone, Debug)]
pub struct Drafted {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub what: What,
    /// Byte range in the article: the literal, the phrase, the relation's words (empty
    /// for an unknown).
    pub span: (usize, usize),
}

/// A draft: its YAML, and its claims with where each comes from.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The claims file.
    pub text: String,
    /// Its claims, in order.
    pub claims: Vec<Drafted>,
    /// Figures noted but not drafted.
    pub notes: Vec<String>,
}

/// Drafts the claims of `article` with `rules`: the claims file's text.
pub fn draft(article: &str, opts: &Options, rules: &RuleSet) -> String {
    draft_full(article, opts, rules).text
}

/// Drafts the claims of `article` with `rules`, and says where each comes from.
pub fn draft_full(article: &str, opts: &Options, rules: &RuleSet) -> Draft {
    let (doc, body_start) = header(article, rules);
    let doc_year = doc
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<u32>().ok());
    let doc_date = doc.date.clone();
    let mut items: Vec<Item> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let phrases = status::Phrases::new(rules);
    // Figure index (article-wide) -> item index.
    let mut fig_item: Vec<Option<usize>> = Vec::new();
    let mut prev_anchor: Option<usize> = None;
    let mut unnamed = 0u32;
    let mut seq = 0u32;
    let mut next_seq = || {
        seq += 1;
        seq
    };
    for (s_start, s_end) in sentence::split(article, body_start, &rules.draft) {
        let toks = token::tokens(article, s_start, s_end);
        let lower: Vec<String> = toks.iter().map(|t| token::fold(t.text(article))).collect();
        let times = time::mentions(article, &toks, &lower, &rules.draft, doc_year);
        let fd = Finder::new(article, &toks, lower, rules, &times);
        let mut figs = fd.figures();
        // The segments of the sentence between commas and semicolons: a time in the
        // token's own segment comes first, then the nearest.
        let mut segment = Vec::with_capacity(toks.len());
        let mut seg = 0;
        for t in &toks {
            if matches!(t.text(article), "," | ";" | "—" | "(" | ")") {
                seg += 1;
            }
            segment.push(seg);
        }
        let clause_time = |first: usize| -> Option<String> {
            let own = segment.get(first).copied();
            // A time of another clause only where it opens the sentence before the
            // token ("In Q3 of 2024, Meta revealed ... 1.2 billion").
            times
                .iter()
                .filter(|t| !t.compared && t.value.is_some())
                .filter(|t| segment.get(t.first).copied() == own || t.first < first)
                .min_by_key(|t| {
                    (
                        segment.get(t.first).copied() != own,
                        t.first.abs_diff(first),
                    )
                })
                .and_then(|t| t.value.clone())
                .filter(|v| Some(v) != doc_date.as_ref())
        };
        for f in &mut figs {
            f.as_of = clause_time(f.first);
        }
        let base = fig_item.len();
        let rels = relation::find(&fd, &figs, base, &times, prev_anchor);
        let consumed: Vec<usize> = rels.iter().flat_map(|r| r.consumed.clone()).collect();
        for (j, f) in figs.iter().enumerate() {
            // A ratio word is a relation's amount, never a figure of its own: one no
            // relation took ("half the energy") is left out.
            if consumed.contains(&(base + j)) || f.kind == FigKind::Ratio {
                fig_item.push(None);
                continue;
            }
            match quantity(article, f, rules) {
                Ok(item) => {
                    let mut item = item;
                    item.pos = (f.quote.0, next_seq());
                    item.span = (
                        toks.get(f.first).map_or(0, |t| t.start),
                        toks.get(f.last).map_or(0, |t| t.end),
                    );
                    fig_item.push(Some(items.len()));
                    items.push(item);
                }
                Err(note) => {
                    fig_item.push(None);
                    notes.push(note);
                }
            }
        }
        // The anchor of "This is a 25% increase" in the next sentence: the part of a
        // share, else the first amount.
        let part = rels
            .iter()
            .find(|r| r.func == "share")
            .and_then(|r| match r.args.first() {
                Some(Side::Figure(i)) => Some(*i),
                _ => None,
            });
        let first_amount = figs
            .iter()
            .position(|f| matches!(f.kind, FigKind::Count | FigKind::Money))
            .map(|j| base + j);
        let anchor = part.or(first_amount);
        for r in &rels {
            relation_items(article, r, &fig_item, &mut items, &mut next_seq);
        }
        if anchor.is_some() {
            prev_anchor = anchor;
        } else if !figs.is_empty() {
            prev_anchor = None;
        }
        for m in status::find(&fd, &phrases, rules) {
            let Some(meaning) = rules.phrase(&m.status) else {
                continue;
            };
            let state = rules
                .lifecycles
                .get(&*meaning.lifecycle)
                .and_then(|l| l.value.states.get(meaning.state))
                .cloned()
                .unwrap_or_default();
            let (subject, guess) = m.subject.clone().unwrap_or_else(|| {
                // No words to name it: a subject of its own, so that it is never taken
                // for another mention's.
                unnamed += 1;
                (format!("{} {unnamed}", meaning.lifecycle), true)
            });
            let slug_subject = slug(&subject, 5);
            let slug_subject = if slug_subject.is_empty() {
                meaning.lifecycle.to_string()
            } else {
                slug_subject
            };
            let base = format!(
                "{slug_subject}_{}{state}",
                match meaning.polarity {
                    Polarity::Affirmed => "",
                    Polarity::Negated => "not_",
                    Polarity::Possible => "possibly_",
                }
            );
            items.push(Item {
                base,
                body: Body::Status {
                    subject: slug_subject,
                    guess,
                    status: m.status.clone(),
                },
                as_of: clause_time(m.first),
                quote: Some(quote(article, m.quote)),
                pos: (m.quote.0, next_seq()),
                span: (
                    toks.get(m.first).map_or(0, |t| t.start),
                    toks.get(m.last).map_or(0, |t| t.end),
                ),
                dropped: false,
            });
        }
    }
    // Article order; the arguments of assertions follow their claims.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| items[i].pos);
    let mut new_index = vec![0; items.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut sorted: Vec<Item> = order.iter().map(|&i| items[i].clone()).collect();
    for it in &mut sorted {
        if let Body::Assert { args, .. } = &mut it.body {
            for a in args.iter_mut() {
                *a = new_index[*a];
            }
        }
    }
    let text = finish(&doc, opts, &mut sorted, &notes, rules);
    let (written, owners) = claims(&sorted);
    let claims = written
        .iter()
        .zip(&owners)
        .map(|(c, &i)| Drafted {
            id: c.id.clone(),
            what: match &sorted[i].body {
                Body::Quantity { .. } => What::Quantity,
                Body::Unknown { .. } => What::Unknown,
                Body::Assert { func, .. } => What::Assert(func),
                Body::Status { .. } => What::Status,
            },
            span: sorted[i].span,
        })
        .collect();
    Draft {
        text,
        claims,
        notes,
    }
}

/// Writes the items, checks the result with the rules, and leaves out or makes plainer
/// every claim that does not load; at most a few rounds.
fn finish(
    doc: &Document,
    opts: &Options,
    items: &mut [Item],
    notes: &[String],
    rules: &RuleSet,
) -> String {
    let mut doc = doc.clone();
    for _ in 0..4 {
        let (claims, owners) = claims(items);
        doc.source = None;
        let (text, ranges) = write::yaml(&doc, &claims, notes);
        let report = crate::check_text(
            SourceFile::new("draft.yaml", text.as_str()),
            rules,
            None,
            crate::Threads::One,
        );
        let mut changed = false;
        for f in &report.findings {
            if !matches!(
                f.code,
                Code::YamlSyntax
                    | Code::SchemaInvalid
                    | Code::LiteralInvalid
                    | Code::RefUnknown
                    | Code::UnitMismatch
            ) {
                continue;
            }
            let Some(at) = f.labels.first().map(|l| l.span.start) else {
                continue;
            };
            // The claim whose lines hold the finding (ranges are in file order).
            let k = ranges.partition_point(|&(a, _)| a <= at);
            let Some(k) = k.checked_sub(1).filter(|&k| at < ranges[k].1) else {
                continue;
            };
            let i = owners[k];
            changed = true;
            match &mut items[i].body {
                Body::Quantity { unit, .. } if unit.is_some() && f.code != Code::UnitMismatch => {
                    *unit = None
                }
                _ => items[i].dropped = true,
            }
        }
        if !changed {
            break;
        }
    }
    doc.source = opts.source.clone();
    let (claims, _) = claims(items);
    write::yaml(&doc, &claims, notes).0
}

/// The claims to write, and the item each comes from. Ids are made unique here, in
/// article order, so the same article gives the same ids.
fn claims(items: &[Item]) -> (Vec<Claim>, Vec<usize>) {
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut next_number: HashMap<String, u32> = HashMap::new();
    let mut ids: Vec<Option<String>> = vec![None; items.len()];
    let mut live = vec![true; items.len()];
    // An assertion whose arguments were left out goes too.
    for (i, it) in items.iter().enumerate() {
        live[i] = !it.dropped;
    }
    for _ in 0..3 {
        for (i, it) in items.iter().enumerate() {
            if let Body::Assert { args, .. } = &it.body
                && args.iter().any(|&a| !live.get(a).copied().unwrap_or(false))
            {
                live[i] = false;
            }
        }
    }
    // Unknowns no assertion uses go.
    let mut used_by = vec![false; items.len()];
    for (j, o) in items.iter().enumerate() {
        if let Body::Assert { args, .. } = &o.body
            && live[j]
        {
            for &a in args {
                if let Some(u) = used_by.get_mut(a) {
                    *u = true;
                }
            }
        }
    }
    for (i, it) in items.iter().enumerate() {
        if matches!(it.body, Body::Unknown { .. }) {
            live[i] = live[i] && used_by[i];
        }
    }
    for (i, it) in items.iter().enumerate() {
        if !live[i] {
            continue;
        }
        let mut base = it.base.clone();
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base = format!("c_{base}");
        }
        // The next number of each base is kept, so that a base drafted a thousand
        // times does not try every number before its own.
        let n = next_number.entry(base.clone()).or_insert(1);
        let mut id = if *n == 1 {
            base.clone()
        } else {
            format!("{base}_{n}")
        };
        while used.contains(&id) {
            *n += 1;
            id = format!("{base}_{n}");
        }
        *n += 1;
        used.insert(id.clone());
        ids[i] = Some(id);
    }
    // Restatements: a measure at one time drafted twice is written once; the second
    // figure keeps it in a comment, so that two figures of one sentence ("from 4 to 5")
    // are not taken for a restatement.
    let mut measures: HashMap<(String, Option<String>), String> = HashMap::new();
    let mut out = Vec::new();
    let mut owners = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Some(id) = ids[i].clone() else { continue };
        let mut keys: Vec<(&'static str, String, Option<String>)> = Vec::new();
        let mut comment = None;
        match &it.body {
            Body::Quantity {
                value,
                unit,
                measure,
                written,
            } => {
                keys.push(("value", value.clone(), written.clone()));
                if let Some((u, why)) = unit {
                    keys.push(("unit", u.clone(), why.clone()));
                }
                if let Some(m) = measure {
                    let key = (m.clone(), it.as_of.clone());
                    match measures.get(&key) {
                        Some(other) => {
                            comment = Some(format!(
                                "measure: {m} (as `{other}`): add it if both count the same thing at the same time"
                            ));
                        }
                        None => {
                            measures.insert(key, id.clone());
                            keys.push(("measure", m.clone(), Some("measure".into())));
                        }
                    }
                }
            }
            Body::Unknown {
                unit,
                measure,
                time_note,
            } => {
                keys.push(("value", "unknown".into(), None));
                if let Some(u) = unit {
                    keys.push(("unit", u.clone(), None));
                }
                if let Some(m) = measure {
                    keys.push(("measure", m.clone(), Some("measure".into())));
                }
                if *time_note {
                    comment = Some("the earlier value a relation compares with: give its time (as_of) if the article does".into());
                }
            }
            Body::Assert { func, args, rhs } => {
                let names: Vec<&str> = args
                    .iter()
                    .map(|&a| ids.get(a).and_then(|x| x.as_deref()).unwrap_or("?"))
                    .collect();
                let formula = match *func {
                    // A sum of shares to 100%: every argument is a part.
                    "sum" if !rhs.is_empty() => format!("sum({}) = {rhs}", names.join(", ")),
                    "sum" => {
                        let (total, parts) = names.split_last().unwrap_or((&"?", &[]));
                        format!("sum({}) = {total}", parts.join(", "))
                    }
                    ">" | "<" => format!(
                        "{} {func} {}",
                        names[0],
                        names.get(1).copied().unwrap_or("?")
                    ),
                    f => format!("{f}({}) = {rhs}", names.join(", ")),
                };
                keys.push(("assert", formula, Some("relation".into())));
            }
            Body::Status {
                subject,
                guess,
                status,
            } => {
                keys.push(("subject", subject.clone(), guess.then(|| "subject".into())));
                keys.push(("status", status.clone(), None));
            }
        }
        if let Some(t) = &it.as_of {
            keys.push(("as_of", t.clone(), None));
        }
        if let Some(q) = &it.quote {
            keys.push(("quote", q.clone(), None));
        }
        out.push(Claim { id, keys, comment });
        owners.push(i);
    }
    (out, owners)
}

/// A figure as a quantity claim, its literal read back by the parser; or why not.
fn quantity(article: &str, f: &Figure, rules: &RuleSet) -> Result<Item, String> {
    let reads = |lit: &str| matches!(literal::parse(lit, rules), Ok(Literal::Value(_)));
    if f.unread {
        return Err(format!(
            "not drafted: \"{}\" is not a literal claimlint reads yet",
            f.literal
        ));
    }
    let (value, unit, written) = if reads(&f.literal)
        && f.fallback
            .as_ref()
            .is_none_or(|(_, u)| f.unit.as_ref().is_none_or(|(x, _)| x != u))
    {
        let has_unit =
            matches!(literal::parse(&f.literal, rules), Ok(Literal::Value(q)) if q.unit.is_some());
        let unit = if has_unit {
            None
        } else {
            f.unit
                .clone()
                .map(|(u, guess)| (u, guess.then(|| "unit".to_owned())))
        };
        (f.literal.clone(), unit, None)
    } else if let Some((lit, u)) = f.fallback.as_ref().filter(|(l, _)| reads(l)) {
        (
            lit.clone(),
            Some((u.clone(), None)),
            (lit != &f.literal).then(|| format!("written \"{}\"", f.literal)),
        )
    } else {
        return Err(format!(
            "not drafted: \"{}\" is not a literal claimlint reads yet",
            f.literal
        ));
    };
    let base = match (&f.measure, f.kind) {
        (Some(m), _) => slug(m, 4),
        (None, FigKind::Percent | FigKind::Points | FigKind::Ratio) => "share".into(),
        (None, FigKind::Money) => "amount".into(),
        (None, FigKind::Count) => unit.as_ref().map_or("figure".into(), |(u, _)| slug(u, 2)),
    };
    let base = if base.is_empty() {
        "figure".into()
    } else {
        base
    };
    Ok(Item {
        base: match &f.as_of {
            Some(t) if !matches!(f.kind, FigKind::Percent | FigKind::Points) => {
                format!("{base}_{}", slug(t, 3))
            }
            _ => base,
        },
        body: Body::Quantity {
            value,
            unit,
            measure: f.measure.clone(),
            written,
        },
        as_of: f.as_of.clone(),
        quote: Some(quote(article, f.quote)),
        pos: (f.quote.0, 0),
        span: f.quote,
        dropped: false,
    })
}

/// The items of one relation: unknowns it introduces, then the assertion.
fn relation_items(
    article: &str,
    r: &Relation,
    fig_item: &[Option<usize>],
    items: &mut Vec<Item>,
    next_seq: &mut impl FnMut() -> u32,
) {
    let mut args = Vec::new();
    for side in &r.args {
        match side {
            Side::Figure(g) => match fig_item.get(*g).copied().flatten() {
                Some(i) => args.push(i),
                None => return,
            },
            Side::New { like, when, label } => {
                let like = match like {
                    Some(g) => match fig_item.get(*g).copied().flatten() {
                        Some(i) => Some(i),
                        None => return,
                    },
                    None => None,
                };
                let (unit, measure, stem) = match like.map(|i| (&items[i].body, &items[i].base)) {
                    Some((Body::Quantity { unit, measure, .. }, base)) => (
                        unit.as_ref().map(|(u, _)| u.clone()),
                        measure.clone(),
                        strip_time(&base.split('_').take(3).collect::<Vec<_>>().join("_")),
                    ),
                    Some(_) => return,
                    None => (None, None, String::new()),
                };
                let (measure, stem) = if label.is_empty() {
                    (measure, stem)
                } else {
                    (Some(label.clone()), slug(label, 4))
                };
                let stem = if stem.is_empty() {
                    "value".to_owned()
                } else {
                    stem
                };
                items.push(Item {
                    base: match when {
                        Some(t) => format!("{stem}_{}", slug(t, 3)),
                        None if label.is_empty() => format!("{stem}_before"),
                        None => stem,
                    },
                    body: Body::Unknown {
                        unit,
                        measure,
                        time_note: when.is_none() && label.is_empty(),
                    },
                    as_of: when.clone(),
                    quote: None,
                    pos: (r.quote.0, next_seq()),
                    span: (r.quote.0, r.quote.0),
                    dropped: false,
                });
                args.push(items.len() - 1);
            }
        }
    }
    adopt_units(r.func, &args, items);
    let first = args
        .first()
        .map(|&a| items[a].base.clone())
        .unwrap_or_default();
    let base = match r.func {
        "share" => format!("{}_share", strip_time(&first)),
        "sum" => format!(
            "{}_parts",
            strip_time(
                &args
                    .last()
                    .map(|&a| items[a].base.clone())
                    .unwrap_or_default()
            )
        ),
        ">" | "<" | "growth" | "decline" | "change" | "times" => {
            let last = args
                .last()
                .map(|&a| items[a].base.clone())
                .unwrap_or_default();
            format!(
                "{}_{}",
                strip_time(&last),
                if r.func.len() == 1 { "change" } else { r.func }
            )
        }
        f => f.to_owned(),
    };
    items.push(Item {
        base,
        body: Body::Assert {
            func: r.func,
            args,
            rhs: r.rhs.clone(),
        },
        as_of: None,
        quote: Some(quote(article, r.quote)),
        // After the claims it names.
        pos: (r.quote.1, next_seq()),
        span: r.quote,
        dropped: false,
    });
}

/// The sides of a sum, a change or a comparison are in one unit: a figure whose unit
/// is missing or a guess takes the unit of the other side (the total of a sum), said in
/// a `# check:` comment.
fn adopt_units(func: &str, args: &[usize], items: &mut [Item]) {
    if !matches!(func, "sum" | ">" | "<" | "growth" | "decline" | "change") {
        return;
    }
    let unit_of = |i: usize| match &items[i].body {
        Body::Quantity { unit, .. } => unit.clone(),
        Body::Unknown { unit, .. } => unit.clone().map(|u| (u, None)),
        _ => None,
    };
    let order: Vec<usize> = if func == "sum" {
        args.iter().rev().copied().collect()
    } else {
        args.to_vec()
    };
    // The anchor: a unit that is not a guess, else any unit.
    let anchor = order
        .iter()
        .filter_map(|&i| unit_of(i))
        .find(|(_, why)| why.is_none())
        .or_else(|| order.iter().find_map(|&i| unit_of(i)));
    let Some((unit, _)) = anchor else { return };
    for &i in args {
        if let Body::Quantity { unit: u, .. } = &mut items[i].body {
            let guess = u.as_ref().is_none_or(|(_, why)| why.is_some());
            if guess && u.as_ref().is_none_or(|(x, _)| *x != unit) {
                *u = Some((
                    unit.clone(),
                    Some("unit, as the other side of the relation".into()),
                ));
            }
        }
    }
}

fn strip_time(id: &str) -> String {
    let parts: Vec<&str> = id.split('_').collect();
    let keep = parts
        .iter()
        .take_while(|p| !(p.len() == 4 && p.bytes().all(|b| b.is_ascii_digit())))
        .count()
        .max(1);
    parts[..keep.min(parts.len())].join("_")
}

/// The article's text in `span`, white space folded.
fn quote(article: &str, span: (usize, usize)) -> String {
    figure::fold_ws(article.get(span.0..span.1).unwrap_or(""))
}

/// An id made of the first `max` words of `s`: ASCII letters and digits joined by `_`.
pub fn slug(s: &str, max: usize) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(max)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}

/// The title and dateline of an article, and where its body starts (after a YAML front
/// matter, if any).
fn header(article: &str, rules: &RuleSet) -> (Document, usize) {
    let mut doc = Document::default();
    let mut body = 0;
    let mut lines = article.lines();
    // Front matter: `---`, `key: value` lines, `---`.
    if article.starts_with("---\n") || article.starts_with("---\r\n") {
        let mut off = article.find('\n').map_or(article.len(), |k| k + 1);
        for line in article[off..].lines() {
            let next = off + line.len() + 1;
            if line.trim() == "---" {
                body = next.min(article.len());
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                let v = v.trim().trim_matches(['"', '\'']).trim();
                match k.trim() {
                    "title" if !v.is_empty() => doc.title = Some(v.to_owned()),
                    "date" => {
                        let d = v.get(..10).unwrap_or(v);
                        if d.len() == 10 && crate::time::Time::parse(d).is_some() {
                            doc.date = Some(d.to_owned());
                        }
                    }
                    _ => {}
                }
            }
            off = next;
        }
        lines = article[body..].lines();
    }
    let mut seen = 0;
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        seen += 1;
        if seen == 1 && doc.title.is_none() {
            let heading = t.starts_with('#');
            let text = t.trim_start_matches('#').trim().trim_matches('*').trim();
            let words = text.split_whitespace().count();
            if heading || (words <= 20 && !text.ends_with(['.', '!', '?', ':', ';', ','])) {
                doc.title = Some(text.to_owned());
                continue;
            }
        }
        if doc.date.is_none() {
            doc.date = dateline(t, rules);
        }
        if seen >= 6 || doc.date.is_some() {
            break;
        }
    }
    (doc, body)
}

/// The day of a dateline: a byline or date line, or the start of the first paragraph
/// up to its dash ("ALMATY, Oct. 15, 2024 —").
fn dateline(line: &str, rules: &RuleSet) -> Option<String> {
    let short = line.split_whitespace().count() <= 14;
    let head = if short {
        line
    } else {
        let cut = ["—", " – ", " - ", " -- ", "("]
            .iter()
            .filter_map(|d| line.find(d))
            .min()?;
        if cut > 80 {
            return None;
        }
        &line[..cut]
    };
    let toks = token::tokens(head, 0, head.len());
    let lower: Vec<String> = toks.iter().map(|t| token::fold(t.text(head))).collect();
    time::mentions(head, &toks, &lower, &rules.draft, None)
        .into_iter()
        .filter_map(|m| m.value)
        .find(|v| v.len() == 10)
}

#[cfg(test)]
mod tests;

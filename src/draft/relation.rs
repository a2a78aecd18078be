//! Relations the prose states between figures, as assertions: "X, half of the Y",
//! "a 25% increase compared to 2023", "rose 5% from A to B", "up 5% to B", "doubled to
//! B". The words of each kind come from the rules' `draft.relations`.

use super::figure::{FigKind, Figure, Finder};
use super::time::Mention as Time;
use super::token::fold;

/// One side of a relation: a figure of the draft, or an unknown earlier value of one.
#[derive(Clone, Debug, PartialEq)]
pub enum Side {
    /// The figure with this index (in the whole article).
    Figure(usize),
    /// An unknown value of what this figure counts, at this time (if the text gives one).
    Before(usize, Option<String>),
}

/// A relation found in a sentence.
#[derive(Clone, Debug)]
pub struct Relation {
    /// The function (`share`, `growth`, `decline`, `change`, `times`) or a comparison
    /// (`>` / `<`: the first side compared with the second).
    pub func: &'static str,
    /// Its arguments, in order.
    pub args: Vec<Side>,
    /// The right side: a literal (`half`, `25%`); empty for a comparison.
    pub rhs: String,
    /// The quote's span.
    pub quote: (usize, usize),
    /// Figures the relation stands for, that need no claim of their own (a ratio word).
    pub consumed: Vec<usize>,
}

/// The relations of one sentence. `figs` are the sentence's figures, whose article
/// indices start at `base`; `prev` is the article index of the figure an anaphora
/// ("This is a 25% increase") refers to, from the sentence before.
pub fn find(
    fd: &Finder,
    figs: &[Figure],
    base: usize,
    times: &[Time],
    prev: Option<usize>,
) -> Vec<Relation> {
    let mut out = Vec::new();
    let words = &fd.rules.draft;
    let is = |kind: &str, k: usize| {
        words
            .relation(kind)
            .is_some_and(|s| s.contains(&fold(fd.toks.get(k).map_or("", |t| t.text(fd.text)))))
    };
    let f = |k: usize| fold(fd.toks.get(k).map_or("", |t| t.text(fd.text)));
    let at = |k: usize| figs.iter().position(|g| g.first == k);
    let span = |a: usize, z: usize| {
        (
            fd.toks.get(a).map_or(0, |t| t.start),
            fd.toks.get(z).map_or(0, |t| t.end),
        )
    };
    let amount = |g: &Figure| matches!(g.kind, FigKind::Count | FigKind::Money);
    let mut wholes = Vec::new();
    // X, [or] half of the Y / X, or 25% of Y
    for j in 0..figs.len() {
        let a = &figs[j];
        if !amount(a) {
            continue;
        }
        let Some(r) = figs.get(j + 1) else { continue };
        if !matches!(r.kind, FigKind::Ratio | FigKind::Percent) {
            continue;
        }
        let between: Vec<String> = (a.last + 1..r.first).map(f).collect();
        let linked = between.iter().any(|w| w == "," || w == "(" || w == "or");
        // Between the part and the ratio: its counted words, a comma, `or`, `about`.
        if !linked || between.len() > 8 {
            continue;
        }
        let mut k = r.last + 1;
        while matches!(f(k).as_str(), "of" | "the" | "its" | "their" | "all") {
            k += 1;
        }
        let Some(b) = at(k).filter(|&b| b > j + 1 && amount(&figs[b])) else {
            continue;
        };
        wholes.push(b);
        out.push(Relation {
            func: "share",
            args: vec![Side::Figure(base + j), Side::Figure(base + b)],
            rhs: r.literal.clone(),
            quote: (
                fd.toks.get(r.first).map_or(0, |t| t.start),
                figs[b]
                    .quote
                    .1
                    .max(fd.toks.get(figs[b].last).map_or(0, |t| t.end)),
            ),
            consumed: vec![base + j + 1],
        });
    }
    let compared_time = |k: usize| {
        times
            .iter()
            .find(|t| t.compared && t.first > k && t.first <= k + 4)
            .map(|t| (t.value.clone(), t.last))
    };
    // Bases of a change: the nearest amount before token `k` in this sentence, else the
    // one of the sentence before.
    let base_before = |k: usize| {
        figs.iter()
            .enumerate()
            .rev()
            .find(|(i, g)| g.last < k && amount(g) && !wholes.contains(i))
            .map(|(i, _)| base + i)
    };
    for (pj, p) in figs.iter().enumerate() {
        if !matches!(p.kind, FigKind::Percent | FigKind::Points) {
            continue;
        }
        // "a 25% increase compared to 2023"
        let noun = p.last + 1;
        let up = is("increase", noun);
        let down = is("decrease", noun);
        if up || down {
            let Some((when, t_last)) = compared_time(noun) else {
                continue;
            };
            let Some(after) = base_before(p.first).or(prev) else {
                continue;
            };
            let func = match (p.kind, up) {
                (FigKind::Points, _) => "change",
                (_, true) => "growth",
                (_, false) => "decline",
            };
            let before = Side::Before(after, when);
            let args = if p.kind == FigKind::Points && down {
                vec![Side::Figure(after), before]
            } else {
                vec![before, Side::Figure(after)]
            };
            let a = if p.first > 0 && matches!(f(p.first - 1).as_str(), "a" | "an") {
                p.first - 1
            } else {
                p.first
            };
            out.push(Relation {
                func,
                args,
                rhs: p.literal.clone(),
                quote: span(a, t_last),
                consumed: vec![base + pj],
            });
        }
    }
    // rose/fell [by] [P] [from A] [to B]; doubled [from A] to B
    let mut v = 0;
    while v < fd.toks.len() {
        let rose = is("rose", v);
        let fell = is("fell", v);
        let doubled = is("doubled", v);
        if !(rose || fell || doubled) || fd.is_time(v) {
            v += 1;
            continue;
        }
        let (mut pct, mut from, mut to) = (None, None, None);
        let mut k = v + 1;
        let mut last = v;
        let mut guard = 0;
        while k < fd.toks.len() && guard < 12 {
            guard += 1;
            let w = f(k);
            if w == "by" && pct.is_none() {
                k += 1;
                continue;
            }
            if w == "from" || w == "to" {
                if let Some(g) = at(k + 1) {
                    if w == "from" {
                        from = Some(g);
                    } else {
                        to = Some(g);
                    }
                    last = figs[g].last;
                    k = figs[g].last + 1;
                    continue;
                }
                if w == "from" && compared_time(k - 1).is_some() {
                    k += 1;
                    continue;
                }
                break;
            }
            if let Some(g) = at(k)
                && pct.is_none()
                && from.is_none()
                && to.is_none()
                && matches!(figs[g].kind, FigKind::Percent | FigKind::Points)
                && !doubled
            {
                pct = Some(g);
                last = figs[g].last;
                k = figs[g].last + 1;
                continue;
            }
            if w == "," && k + 1 < fd.toks.len() && matches!(f(k + 1).as_str(), "from" | "to") {
                k += 1;
                continue;
            }
            break;
        }
        let when = compared_time(last).and_then(|(w, _)| w);
        let quote_end = compared_time(last).map_or(last, |(_, t)| t.max(last));
        let side = |g: usize| Side::Figure(base + g);
        let fig = |g: usize| &figs[g];
        let mut push =
            |func: &'static str, args: Vec<Side>, rhs: String, a: usize, consumed: Vec<usize>| {
                out.push(Relation {
                    func,
                    args,
                    rhs,
                    quote: span(a, quote_end),
                    consumed,
                });
            };
        let same = |a: usize, b: usize| fig(a).kind == fig(b).kind && fig(a).unit == fig(b).unit;
        if doubled {
            let word = match f(v).as_str() {
                "doubled" => "double",
                "tripled" | "trebled" => "triple",
                "quadrupled" => "four times",
                "halved" => "half",
                _ => "",
            };
            if let Some(b) = to.or_else(|| figs.iter().rposition(|g| g.last < v && amount(g)))
                && !word.is_empty()
            {
                let before = match from {
                    Some(a) if same(a, b) => side(a),
                    _ => Side::Before(base + b, when.clone()),
                };
                let a = if to.is_some() { v } else { fig(b).first.min(v) };
                push("times", vec![side(b), before], word.to_owned(), a, vec![]);
            }
        } else if let Some(p) = pct {
            let points = fig(p).kind == FigKind::Points;
            let b = to.or_else(|| {
                // "Revenue was $5 bn, up 5% from a year earlier": the amount before.
                figs.iter()
                    .rposition(|g| g.last < v && amount(g))
                    .filter(|_| from.is_none())
            });
            let start = match (to, b) {
                (None, Some(b)) => fig(b).first,
                _ => v,
            };
            if let Some(b) = b {
                let before = match from {
                    Some(a) if same(a, b) => side(a),
                    _ => Side::Before(base + b, when.clone()),
                };
                let (func, args) = match (points, fell) {
                    (true, false) => ("change", vec![before, side(b)]),
                    (true, true) => ("change", vec![side(b), before]),
                    (false, false) => ("growth", vec![before, side(b)]),
                    (false, true) => ("decline", vec![before, side(b)]),
                };
                push(func, args, fig(p).literal.clone(), start, vec![base + p]);
            }
        } else if let (Some(a), Some(b)) = (from, to)
            && same(a, b)
        {
            push(
                if fell { "<" } else { ">" },
                vec![side(b), side(a)],
                String::new(),
                v,
                vec![],
            );
        }
        v = last.max(v) + 1;
    }
    out
}

//! Claims before their ids are final (items): a figure as a quantity, a relation as its
//! unknowns and its assertion, the units the sides of a relation share, and the words an
//! item's id is made of.

use super::figure::{self, FigKind, Figure};
use super::relation::{Relation, Side};
use crate::literal::{self, Literal};
use crate::rules::RuleSet;

/// A claim before its id is final.
#[derive(Clone, Debug)]
pub(super) enum Body {
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
pub(super) struct Item {
    pub(super) base: String,
    pub(super) body: Body,
    pub(super) as_of: Option<String>,
    pub(super) quote: Option<String>,
    pub(super) pos: (usize, u32),
    /// What it stands for in the article: the literal, the phrase, the relation's words.
    pub(super) span: (usize, usize),
    /// Left out of the draft.
    pub(super) dropped: bool,
}

/// A figure as a quantity claim, its literal read back by the parser; or why not.
pub(super) fn quantity(article: &str, f: &Figure, rules: &RuleSet) -> Result<Item, String> {
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
pub(super) fn relation_items(
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
pub(super) fn quote(article: &str, span: (usize, usize)) -> String {
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

//! The rules in force, entry by entry, with where each came from (`claimlint rules`).

use super::{Defined, Hedge, Polarity, RuleSet, TrailingZeros};
use crate::code::Level;
use serde::Serialize;

/// One entry of the rules in force.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Line {
    /// The section: `scales`, `hedges`, `units`, …
    pub section: &'static str,
    /// The entry's name.
    pub name: String,
    /// Its value, in words.
    pub value: String,
    /// The file it came from.
    pub file: String,
    /// Its line there (0 for a built-in default).
    pub line: usize,
    /// For a phrase taken over from an earlier rules file: where it stood before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Place>,
}

/// Where a phrase stood, and what it named there.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Place {
    /// `lifecycle.state`, with ` (negated)` or ` (possible)` where it is not affirmed.
    pub value: String,
    /// The rules file.
    pub file: String,
    /// Its line there.
    pub line: usize,
}

/// One status phrase in force (`claimlint rules --phrases`).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PhraseLine {
    /// The lifecycle.
    pub lifecycle: String,
    /// The state.
    pub state: String,
    /// `affirmed`, `negated` or `possible`.
    pub polarity: &'static str,
    /// The phrase, as the rules write it.
    pub phrase: String,
    /// The file it came from.
    pub file: String,
    /// Its line there.
    pub line: usize,
}

/// `lifecycle.state`, marked where the polarity is not affirmed.
fn meaning(lifecycle: &str, state: &str, p: Polarity) -> String {
    match p {
        Polarity::Affirmed => format!("{lifecycle}.{state}"),
        _ => format!("{lifecycle}.{state} ({})", p.as_str()),
    }
}

/// The phrases in force, by lifecycle (sorted), state (in order), polarity, then as listed;
/// of one lifecycle only if `only` names one (else `Err` with the known names).
pub fn phrases(r: &RuleSet, only: Option<&str>) -> Result<Vec<PhraseLine>, Vec<String>> {
    if let Some(name) = only
        && !r.lifecycles.contains_key(name)
    {
        return Err(r.lifecycles.keys().cloned().collect());
    }
    let mut v = Vec::new();
    for (name, lc) in &r.lifecycles {
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let all = lc.value.phrases();
        let mut ps: Vec<&super::Phrase> = all.iter().collect();
        ps.sort_by_key(|p| (p.state, p.polarity));
        v.extend(ps.into_iter().map(|p| PhraseLine {
            lifecycle: name.clone(),
            state: lc.value.states.get(p.state).cloned().unwrap_or_default(),
            polarity: p.polarity.as_str(),
            phrase: p.text.to_string(),
            file: p.origin.file.to_string(),
            line: p.origin.line,
        }));
    }
    Ok(v)
}

fn pct(x: f64) -> String {
    format!("{}%", crate::wording::significant(x * 100.0, 6))
}

fn hedge(h: &Hedge) -> String {
    match h {
        Hedge::Exact => "exact".into(),
        Hedge::Around(p) => format!("around {}", pct(*p)),
        Hedge::Above(None) => "above".into(),
        Hedge::Above(Some(p)) => format!("above, within {}", pct(*p)),
        Hedge::Below(None) => "below".into(),
        Hedge::Below(Some(p)) => format!("below, within {}", pct(*p)),
        Hedge::From => "from".into(),
        Hedge::To => "to".into(),
    }
}

fn line<T>(section: &'static str, name: &str, e: &Defined<T>, value: String) -> Line {
    Line {
        section,
        name: name.to_owned(),
        value,
        file: e.origin.file.to_string(),
        line: e.origin.line,
        from: None,
    }
}

/// Every entry of the rules in force, section by section, names sorted.
pub fn lines(r: &RuleSet) -> Vec<Line> {
    let mut v = Vec::new();
    let num = |x: f64| crate::wording::significant(x, 12);
    v.extend(
        r.scales
            .iter()
            .map(|(n, e)| line("scales", n, e, num(e.value))),
    );
    v.extend(
        r.hedges
            .iter()
            .map(|(n, e)| line("hedges", n, e, hedge(&e.value))),
    );
    v.extend(
        r.ratio_words
            .iter()
            .map(|(n, e)| line("ratio_words", n, e, num(e.value))),
    );
    v.extend(
        r.number_words
            .iter()
            .map(|(n, e)| line("number_words", n, e, num(e.value))),
    );
    v.extend(
        r.range_words
            .iter()
            .map(|(n, e)| line("range_words", n, e, e.value.text.clone())),
    );
    v.push(line(
        "settings",
        "word_tolerance",
        &r.word_tolerance,
        pct(r.word_tolerance.value),
    ));
    let tz = match r.trailing_zeros.value {
        TrailingZeros::Significant => "significant",
        TrailingZeros::Rounded => "rounded",
    };
    v.push(line(
        "settings",
        "trailing_zeros",
        &r.trailing_zeros,
        tz.into(),
    ));
    v.push(line(
        "settings",
        "propagation_rounds",
        &r.propagation_rounds,
        r.propagation_rounds.value.to_string(),
    ));
    v.push(line(
        "settings",
        "fiscal_year_start",
        &r.fiscal_year_start,
        r.fiscal_year_start.value.to_string(),
    ));
    v.push(line(
        "settings",
        "approx_points",
        &r.approx_points,
        format!(
            "{} pp",
            crate::wording::significant(r.approx_points.value * 100.0, 6)
        ),
    ));
    v.push(line(
        "settings",
        "approx_relative",
        &r.approx_relative,
        pct(r.approx_relative.value),
    ));
    v.extend(r.units.iter().map(|(n, e)| {
        let mut s = match &e.value.is {
            Some((f, u)) => format!("{} {u}", num(*f)),
            None => "base unit".into(),
        };
        if let Some(d) = e.value.domain {
            s.push_str(&format!(", domain {}", d.as_str()));
        }
        line("units", n, e, s)
    }));
    v.extend(
        r.currencies
            .iter()
            .map(|(n, e)| line("currencies", n, e, e.value.clone())),
    );
    v.extend(r.functions.iter().map(|(n, e)| {
        line(
            "functions",
            n,
            e,
            format!("{n}({}) = {}", e.value.params.join(", "), e.value.formula),
        )
    }));
    v.extend(r.lifecycles.iter().map(|(n, e)| {
        line(
            "lifecycles",
            n,
            e,
            format!("{} ({} phrases)", e.value.outline(), e.value.phrase_count()),
        )
    }));
    v.extend(r.exclusions.iter().map(|x| Line {
        section: "exclusions",
        name: x.names.join(" x "),
        value: String::new(),
        file: x.origin.file.to_string(),
        line: x.origin.line,
        from: None,
    }));
    v.extend(r.taken_over.iter().map(|t| {
        let (tl, ts, tp, to) = &t.to;
        let (fl, fs, fp, fo) = &t.from;
        Line {
            section: "taken_over",
            name: t.phrase.clone(),
            value: format!(
                "{}, taken over from {} ({}:{})",
                meaning(tl, ts, *tp),
                meaning(fl, fs, *fp),
                fo.file,
                fo.line
            ),
            file: to.file.to_string(),
            line: to.line,
            from: Some(Place {
                value: meaning(fl, fs, *fp),
                file: fo.file.to_string(),
                line: fo.line,
            }),
        }
    }));
    v.extend(
        r.filler_words
            .iter()
            .map(|(n, e)| line("filler_words", n, e, String::new())),
    );
    v.extend(r.severity.iter().map(|(c, e)| {
        let s = match e.value {
            Level::On(s) => s.as_str(),
            Level::Off => "off",
        };
        line("severity", c.as_str(), e, s.into())
    }));
    draft_lines(r, &mut v);
    v
}

/// The words of the `draft:` section, key by key (`draft.units`, `draft.relations`, …):
/// each word with the file that last named it, and for a mapping its value (the unit
/// of a counted word, the number of a month, the unit of a sign of money, the kind of
/// a relation word).
fn draft_lines(r: &RuleSet, v: &mut Vec<Line>) {
    let d = &r.draft();
    let mut at: std::collections::HashMap<(&str, &str), &super::Origin> =
        std::collections::HashMap::new();
    for (key, word, origin) in &d.origins {
        at.insert((*key, word.as_str()), origin);
    }
    let mut push = |section: &'static str, key: &str, name: &str, value: String| {
        let (file, line) = at
            .get(&(key, name))
            .map_or((String::new(), 0), |o| (o.file.to_string(), o.line));
        v.push(Line {
            section,
            name: name.to_owned(),
            value,
            file,
            line,
            from: None,
        });
    };
    let sets: [(&'static str, &std::collections::BTreeSet<String>); 12] = [
        ("draft.abbreviations", &d.abbreviations),
        ("draft.not_before", &d.not_before),
        ("draft.not_after", &d.not_after),
        ("draft.scales", &d.scales),
        ("draft.measuring_units", &d.measuring_units),
        ("draft.containers", &d.containers),
        ("draft.durations", &d.durations),
        ("draft.framing", &d.framing),
        ("draft.determiners", &d.determiners),
        ("draft.stop_words", &d.stop_words),
        ("draft.lifecycles", &d.lifecycles),
        ("draft.not_phrases", &d.not_phrases),
    ];
    for (section, set) in sets {
        let key = section.trim_start_matches("draft.");
        for w in set {
            push(section, key, w, String::new());
        }
    }
    for (w, unit) in &d.units {
        push("draft.units", "units", w, unit.clone());
    }
    for (w, n) in &d.months {
        push("draft.months", "months", w, n.to_string());
    }
    for (sign, unit) in &d.money {
        push("draft.money", "money", sign, unit.clone());
    }
    for (kind, words) in &d.relations {
        for w in words {
            push("draft.relations", kind, w, kind.clone());
        }
    }
}

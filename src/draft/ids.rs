//! The claims to write from the items: an assertion whose arguments were left out goes,
//! an unknown no assertion uses goes, ids are made unique in article order, and a
//! measure drafted twice at one time is written once.

use super::item::{Body, Item};
use super::write::Claim;
use std::collections::HashMap;

/// The claims to write, and the item each comes from. Ids are made unique here, in
/// article order, so the same article gives the same ids.
pub(super) fn claims(items: &[Item]) -> (Vec<Claim>, Vec<usize>) {
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

//! One entry of the rules: a hedge, a function, a lifecycle.

use super::read::{bad, boolean, known_keys, list, map, scalar, tolerance};
use super::{FunctionDef, Hedge, Lifecycle, Origin};
use crate::error::{ErrorKind, ToolError};
use crate::source::SourceFile;
use crate::wording::is_identifier;
use crate::yaml::Node;
use std::sync::Arc;

pub(super) fn hedge(file: &Arc<SourceFile>, def: &Node) -> Result<Hedge, ToolError> {
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

pub(super) fn function(file: &Arc<SourceFile>, def: &Node) -> Result<FunctionDef, ToolError> {
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
                    if !is_identifier(n) {
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
    let body = crate::formula::parse_expr(text).map_err(|e| {
        ToolError::at(
            ErrorKind::Rules,
            format!("formula: {}", e.message),
            file,
            fnode.span,
        )
    })?;
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

pub(super) fn lifecycle(
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

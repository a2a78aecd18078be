//! A function as the rules define it: its parameters, its formula (which may name only
//! them), the alternatives and the phrase it is also written as.

use super::FunctionDef;
use super::read::{bad, known_keys, list, map, scalar};
use crate::error::{ErrorKind, ToolError};
use crate::source::SourceFile;
use crate::wording::is_identifier;
use crate::yaml::Node;
use std::sync::Arc;

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
            && !params.iter().any(|p| p == name)
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

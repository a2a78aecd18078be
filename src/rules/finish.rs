//! The merged rules, checked as a whole: units resolved, functions free of cycles (the
//! status phrases are indexed by `vocab`).

use super::{Defined, FunctionDef, ResolvedUnit, UnitDef};
use crate::error::{ErrorKind, ToolError};
use crate::hash::{TextMap, text_map};
use std::collections::{BTreeMap, HashMap};

pub(super) fn resolve_units(
    units: &BTreeMap<String, Defined<UnitDef>>,
) -> Result<TextMap<String, ResolvedUnit>, ToolError> {
    let mut out = text_map(units.len());
    for (name, own) in units {
        let mut factor = 1.0f64;
        let mut cur = name.as_str();
        let mut domain = None;
        let mut seen: Vec<&str> = vec![];
        // The base unit as the rules spell it: its own entry's name, else the name the
        // last `is` gave it (`JPY` in `yen: 1 JPY`).
        let mut spelling = own.value.spelling.as_str();
        loop {
            // Bounded, so that resolving every unit stays linear in the rules' size
            // (a chain of thousands, each unit resolved along it, was cubic).
            if seen.len() > MAX_UNIT_CHAIN {
                return Err(ToolError::new(
                    ErrorKind::Rules,
                    format!(
                        "unit `{name}` ({}:{}) is defined through more than {MAX_UNIT_CHAIN} others: {} -> …",
                        own.origin.file,
                        own.origin.line,
                        seen.iter().take(4).copied().collect::<Vec<_>>().join(" -> ")
                    ),
                )
                .with_help("a unit may be defined in terms of another, but not in a chain this long"));
            }
            if seen.contains(&cur) {
                return Err(ToolError::new(
                    ErrorKind::Rules,
                    format!(
                        "unit `{name}` ({}:{}) is defined in terms of itself: {}",
                        own.origin.file,
                        own.origin.line,
                        seen.join(" -> ")
                    ),
                ));
            }
            seen.push(cur);
            let Some(def) = units.get(cur) else { break };
            if !def.value.spelling.is_empty() {
                spelling = &def.value.spelling;
            }
            if domain.is_none() {
                domain = def.value.domain;
            }
            match &def.value.is {
                Some((f, base)) => {
                    factor *= f;
                    cur = base;
                    spelling = &def.value.is_spelling;
                }
                None => break,
            }
        }
        if !factor.is_finite() || factor <= 0.0 {
            return Err(ToolError::new(
                ErrorKind::Rules,
                format!("unit `{name}` has a factor that is not finite and positive"),
            ));
        }
        out.insert(
            name.clone(),
            ResolvedUnit {
                base_spelling: if spelling.is_empty() { cur } else { spelling }.to_owned(),
                base: cur.to_owned(),
                factor,
                domain,
            },
        );
    }
    Ok(out)
}

pub(super) fn check_function_cycles(
    functions: &BTreeMap<String, Defined<FunctionDef>>,
) -> Result<(), ToolError> {
    // Depth-first search over calls; 0 = unseen, 1 = on the stack, 2 = done.
    fn visit(
        name: &str,
        functions: &BTreeMap<String, Defined<FunctionDef>>,
        state: &mut HashMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Result<(), ToolError> {
        if stack.len() >= MAX_CALL_DEPTH {
            return Err(ToolError::new(
                ErrorKind::Rules,
                format!(
                    "functions call one another more than {MAX_CALL_DEPTH} deep: {} -> …",
                    stack
                        .iter()
                        .take(4)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" -> ")
                ),
            )
            .with_help("a function may call others, but not in a chain this long"));
        }
        match state.get(name) {
            Some(2) => return Ok(()),
            Some(1) => {
                stack.push(name.to_owned());
                let f = &functions[name];
                return Err(ToolError::new(
                    ErrorKind::Rules,
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

/// How many units a unit may be defined through (`kg` through `gram` is one).
const MAX_UNIT_CHAIN: usize = 64;

/// How deep functions may call one another (so that inlining them stays shallow).
pub(super) const MAX_CALL_DEPTH: usize = 64;

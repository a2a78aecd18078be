//! The merged rules, checked as a whole: units resolved, functions free of cycles,
//! status phrases folded and indexed with no phrase listed twice.

use super::{Entry, FunctionDef, Origin, PhraseMeaning, ResolvedUnit, RuleSet, UnitDef};
use crate::error::{ErrorKind, ToolError};
use crate::hash::{TextMap, text_map};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub(super) fn resolve_units(
    units: &BTreeMap<String, Entry<UnitDef>>,
) -> Result<TextMap<String, ResolvedUnit>, ToolError> {
    let mut out = text_map(units.len());
    for name in units.keys() {
        let mut factor = 1.0f64;
        let mut cur = name.clone();
        let mut domain = None;
        let mut seen = vec![];
        loop {
            if seen.contains(&cur) {
                let e = &units[name];
                return Err(ToolError::new(
                    ErrorKind::Rules,
                    format!(
                        "unit `{name}` ({}:{}) is defined in terms of itself: {}",
                        e.origin.file,
                        e.origin.line,
                        seen.join(" -> ")
                    ),
                ));
            }
            seen.push(cur.clone());
            let Some(def) = units.get(&cur) else { break };
            if domain.is_none() {
                domain = def.value.domain;
            }
            match &def.value.is {
                Some((f, base)) => {
                    factor *= f;
                    cur = base.clone();
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
                base: cur,
                factor,
                domain,
            },
        );
    }
    Ok(out)
}

pub(super) fn check_function_cycles(
    functions: &BTreeMap<String, Entry<FunctionDef>>,
) -> Result<(), ToolError> {
    // Depth-first search over calls; 0 = unseen, 1 = on the stack, 2 = done.
    fn visit(
        name: &str,
        functions: &BTreeMap<String, Entry<FunctionDef>>,
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

pub(super) fn index_phrases(rules: &RuleSet) -> Result<TextMap<String, PhraseMeaning>, ToolError> {
    let count = rules
        .lifecycles
        .values()
        .map(|l| l.value.phrases.len())
        .sum();
    // Each folded phrase with where it was first listed, to name both places of a repeat.
    let mut index: TextMap<String, (PhraseMeaning, &Origin)> = text_map(count);
    for (name, lc) in &rules.lifecycles {
        let name: Arc<str> = name.as_str().into();
        for (phrase, state, negated, origin) in &lc.value.phrases {
            let folded = rules.fold_phrase(phrase);
            if folded.is_empty() {
                return Err(ToolError::new(
                    ErrorKind::Rules,
                    format!(
                        "the phrase `{phrase}` at {}:{} is empty once filler words are dropped",
                        origin.file, origin.line
                    ),
                ));
            }
            let meaning = PhraseMeaning {
                lifecycle: Arc::clone(&name),
                state: *state,
                negated: *negated,
            };
            if let Some((_, first)) = index.get(&folded) {
                return Err(ToolError::new(
                    ErrorKind::Rules,
                    format!(
                        "the phrase `{phrase}` is listed twice: at {}:{} and at {}:{}",
                        first.file, first.line, origin.file, origin.line
                    ),
                )
                .with_help(
                    "a phrase names exactly one lifecycle, state and polarity: remove one of them",
                ));
            }
            index.insert(folded, (meaning, origin));
        }
    }
    Ok(index.into_iter().map(|(k, (m, _))| (k, m)).collect())
}

/// How deep functions may call one another (so that inlining them stays shallow).
pub(super) const MAX_CALL_DEPTH: usize = 64;

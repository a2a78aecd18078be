//! A hedge as the rules define it (`about: { around: 10% }`): exactly one of exact,
//! around, above, below, from or to, `within` only with above or below.

use super::Hedge;
use super::read::{bad, boolean, known_keys, map, tolerance};
use crate::error::ToolError;
use crate::source::SourceFile;
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

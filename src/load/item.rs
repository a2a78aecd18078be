//! One claim: its id, its kind, the keys it may carry, `as_of`, `quote` and `allow`.

use super::{
    ASSERTION_KEYS, CLAIM_KEYS, COMMON_KEYS, Fields, Loader, QUANTITY_KEYS, STATUS_KEYS, claim_key,
    field, kind_name, schema,
};
use crate::claim::{Allow, Claim, ClaimKind, IdIndex, StatusClaim, Text};
use crate::code::Code;
use crate::source::Span;
use crate::suggest::closest;
use crate::wording::is_identifier;
use crate::yaml::Node;

impl Loader<'_> {
    /// One item of the `claims` list: its id, its kind, its keys, then what it claims.
    /// `index` is where the claim will be kept, if it is read: its id is filed with it.
    pub(super) fn claim(&mut self, item: &Node, ids: &mut IdIndex, index: usize) -> Option<Claim> {
        self.label = None;
        let entries = self.mapping(item, "a claim")?;
        let fields = Fields::new(entries);
        if !fields.distinct {
            self.duplicate_keys(entries);
        }
        let get = |key: &str| fields.get(key);
        let claim_span = entries.first().map_or(item.span, |(k, _)| k.span);
        let id = self.id(get("id"), claim_span, ids, index);
        let named = id.as_ref().map(|t| t.text.as_str());
        let kind_keys = self.kind_keys(entries, claim_span, named);
        self.check_keys(entries, kind_keys, named);
        let has_as_of = get("as_of").is_some();
        let published = get("published").and_then(|n| self.day(n, "published"));
        let id_text = id.as_ref().map(|t| t.text.as_str());
        let (time, time_label) = match get("as_of") {
            Some(n) => self.as_of(n, id_text, published),
            None => (None, None),
        };
        self.label = time_label;
        let quote = get("quote")
            .and_then(|n| self.text(n, "quote"))
            .map(Box::new);
        if let Some(n) = get("note") {
            self.scalar(n, "note");
        }
        let allow = get("allow")
            .map(|n| self.allow(n).into_boxed_slice())
            .unwrap_or_default();
        let kind = self.kind(&fields, kind_keys, claim_span);
        let id = id?;
        let Some(kind) = kind else {
            // Not kept: its id names no claim that could be read.
            if let Some(e) = ids.get_mut(id.text.as_str()) {
                e.1 = None;
            }
            return None;
        };
        Some(Claim {
            id: id.text,
            id_span: id.span,
            kind,
            quote,
            time,
            has_as_of,
            allow,
        })
    }

    /// The id: present, well formed, and not used before in the file (recorded in `ids`).
    fn id(
        &mut self,
        node: Option<&Node>,
        claim_span: Span,
        ids: &mut IdIndex,
        index: usize,
    ) -> Option<Text> {
        match node {
            None => {
                self.out.push(
                    schema(
                        self.src,
                        claim_span,
                        "a claim needs an `id`",
                        "this claim has no id",
                    )
                    .help("give it a name of its own as its first key: `- id: residents`"),
                );
                None
            }
            Some(n) => self.text(n, "id").and_then(|t| {
                if !is_identifier(&t.text) {
                    self.out.push(
                        schema(
                            self.src,
                            t.span,
                            format!("`{}` is not a valid id", t.text),
                            "malformed id",
                        )
                        .help("an id is a letter or `_`, then letters, digits or `_`"),
                    );
                    return None;
                }
                // One lookup: the key is made for the insertion a new id needs anyway.
                let slot = match ids.entry(t.text.as_str().into()) {
                    std::collections::hash_map::Entry::Vacant(slot) => slot,
                    std::collections::hash_map::Entry::Occupied(seen) => {
                        let first = seen.get().0;
                        self.out.push(
                            schema(
                                self.src,
                                t.span,
                                format!("the id `{}` is already used by an earlier claim", t.text),
                                "used again here",
                            )
                            .label(first, "first used here")
                            .help(format!(
                                "give each claim its own id (`{}_2`), or drop this claim if it repeats the first",
                                t.text
                            )),
                        );
                        return None;
                    }
                };
                slot.insert((t.span, u32::try_from(index).ok()));
                Some(t)
            }),
        }
    }

    /// The keys of the claim's kind: of the first kind key, unless it has none or two
    /// kinds (reported; then none).
    fn kind_keys(
        &mut self,
        entries: &[(Node, Node)],
        claim_span: Span,
        id: Option<&str>,
    ) -> &'static [&'static str] {
        // The first kind key, and the first one of another kind after it (a key written
        // twice is a duplicate key, reported above, not a second kind).
        let mut kinds: [Option<(&str, &Node)>; 2] = [None, None];
        for (k, _) in entries {
            let Some(n) = k
                .as_str()
                .filter(|k| ["value", "assert", "status"].contains(k))
            else {
                continue;
            };
            match kinds {
                [None, _] => kinds[0] = Some((n, k)),
                [Some((first, _)), None] if first != n => kinds[1] = Some((n, k)),
                _ => {}
            }
        }
        match kinds {
            // A misspelt kind key (`vlaue`) is reported as an unknown key with its
            // suggestion: the missing kind would be the same slip told twice.
            [None, _]
                if entries.iter().any(|(k, _)| {
                    k.as_str().is_some_and(|k| {
                        crate::suggest::closest(k, ["value", "assert", "status"]).is_some()
                    })
                }) =>
            {
                &[]
            }
            [None, _] => {
                self.out.push(
                    schema(self.src, claim_span, "a claim needs one of `value`, `assert` or `status`", "no kind")
                        .help("a quantity has `value`, an assertion `assert`, a status `status` and `subject`"),
                );
                &[]
            }
            [Some((k, _)), None] => match k {
                "value" => QUANTITY_KEYS,
                "assert" => ASSERTION_KEYS,
                _ => STATUS_KEYS,
            },
            [Some((a, _)), Some((b, second))] => {
                self.out.push(
                    schema(
                        self.src,
                        second.span,
                        format!(
                            "{} has both `{a}` and `{b}`, but a claim has one kind",
                            claim_name(id)
                        ),
                        "second kind",
                    )
                    .help(format!("split it into two claims, one with `{a}` and one with `{b}`, each with its own id")),
                );
                &[]
            }
        }
    }

    /// Every key: known, and of this kind.
    fn check_keys(&mut self, entries: &[(Node, Node)], kind_keys: &[&str], id: Option<&str>) {
        for (k, _) in entries {
            let Some(name) = k.as_str() else {
                self.out.push(
                    schema(
                        self.src,
                        self.whole(k),
                        format!("a key of {} is not a word", claim_name(id)),
                        "not a scalar",
                    )
                    .help("write each key as a word followed by a colon: `value: 20 mln`"),
                );
                continue;
            };
            if claim_key(name).is_none() {
                let valid: Vec<&str> = COMMON_KEYS.iter().chain(kind_keys).copied().collect();
                let pool: &[&str] = if kind_keys.is_empty() {
                    CLAIM_KEYS
                } else {
                    &valid
                };
                self.unknown_key(k, name, pool, &claim_name(id));
            } else if !kind_keys.is_empty()
                && !COMMON_KEYS.contains(&name)
                && !kind_keys.contains(&name)
            {
                let owner = if QUANTITY_KEYS.contains(&name) {
                    "quantity claims (`value`)"
                } else if STATUS_KEYS.contains(&name) {
                    "status claims (`status`)"
                } else {
                    "assertions (`assert`)"
                };
                self.out.push(
                    schema(
                        self.src,
                        k.span,
                        format!(
                            "`{name}` belongs to {owner}, but {} is {}",
                            claim_name(id),
                            kind_name(kind_keys)
                        ),
                        "key of another kind",
                    )
                    .help(format!(
                        "drop `{name}` here, or give it to a claim of its own kind"
                    )),
                );
            }
        }
    }

    /// What the claim claims, read by its kind.
    fn kind(&mut self, fields: &Fields, kind_keys: &[&str], claim_span: Span) -> Option<ClaimKind> {
        let get = |key: &str| fields.get(key);
        match kind_keys.first() {
            Some(&"value") => self.quantity(fields),
            Some(&"assert") => get("assert")
                .and_then(|n| self.text(n, "assert"))
                .map(|t| ClaimKind::Assertion(Box::new(t))),
            Some(&"status") => {
                let phrase = get("status").and_then(|n| self.text(n, "status"));
                let subject = match get("subject") {
                    Some(n) => self.text(n, "subject"),
                    None => {
                        self.out.push(
                            schema(self.src, claim_span, "a status claim needs a `subject`", "no subject")
                                .help("the subject says what the status is about: `subject: office_in_country`"),
                        );
                        None
                    }
                };
                match (phrase, subject) {
                    (Some(phrase), Some(subject)) => {
                        Some(ClaimKind::Status(Box::new(StatusClaim { subject, phrase })))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    pub(super) fn allow(&mut self, node: &Node) -> Vec<Allow> {
        let mut out = Vec::new();
        let Some(items) = node.items() else {
            self.out.push(
                schema(
                    self.src,
                    self.whole(node),
                    "`allow` must be a list of `code` and `reason`",
                    "not a list",
                )
                .help("write each entry as a list item: `- code: numeric/mismatch` and, under it, `reason: …`"),
            );
            return out;
        };
        for item in items {
            let Some(entries) = self.mapping(item, "an `allow` entry") else {
                continue;
            };
            let get = |key: &str| field(entries, key);
            for (k, _) in entries {
                let name = k.as_str().unwrap_or("");
                if name != "code" && name != "reason" {
                    self.unknown_key(k, name, &["code", "reason"], "an `allow` entry");
                }
            }
            let Some(code_node) = get("code") else {
                self.out.push(
                    schema(
                        self.src,
                        self.whole(item),
                        "an `allow` entry needs a `code`",
                        "no code",
                    )
                    .help("name the finding it silences: `code: numeric/mismatch`"),
                );
                continue;
            };
            let Some(code_text) = self.text(code_node, "code") else {
                continue;
            };
            let Some(code) = Code::parse(&code_text.text) else {
                let mut f = schema(
                    self.src,
                    code_text.span,
                    format!("unknown code `{}`", code_text.text),
                    "unknown code",
                );
                f = f.help(
                    match closest(&code_text.text, Code::ALL.iter().map(|c| c.as_str())) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => "`claimlint explain` lists the codes".to_owned(),
                    },
                );
                self.out.push(f);
                continue;
            };
            let reason = get("reason")
                .and_then(|n| n.as_str())
                .map(str::trim)
                .unwrap_or("");
            if reason.is_empty() {
                self.out.push(
                    schema(self.src, code_text.span, format!("allowing `{code}` needs a `reason`"), "no reason given")
                        .help("say why the finding is wrong here: `reason: the article rounds on purpose`"),
                );
                continue;
            }
            out.push(Allow {
                code,
                span: code_text.span,
            });
        }
        out
    }
}

/// A claim as a message names it: by its id where it has a readable one (made only when
/// a finding needs it: most claims need none).
fn claim_name(id: Option<&str>) -> String {
    id.map_or_else(|| "a claim".to_owned(), |id| format!("the claim `{id}`"))
}

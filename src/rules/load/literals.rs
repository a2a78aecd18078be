//! The words and signs of quantity literals in a rules file: `literals:` (scales,
//! hedges, ratio and number words, word tolerance, trailing zeros), `currencies:` and
//! `range_words:`.

use super::RulesBuilder;
use crate::error::ToolError;
use crate::rules::hedge::hedge;
use crate::rules::read::{bad, fold_word, known_keys, map, number, positive, scalar, tolerance};
use crate::rules::{Defined, Origin, RangeWord, TrailingZeros};
use crate::source::SourceFile;
use crate::yaml::Node;
use std::sync::Arc;

impl RulesBuilder {
    /// Merges a `literals:` mapping: scales, hedges, ratio and number words, the
    /// tolerance of words and how trailing zeros read.
    pub(super) fn literals(
        &mut self,
        file: &Arc<SourceFile>,
        v: &Node,
        origin: &dyn Fn(&Node) -> Origin,
    ) -> Result<(), ToolError> {
        let m = map(file, v, "literals")?;
        known_keys(
            file,
            m,
            &[
                "scales",
                "hedges",
                "ratio_words",
                "number_words",
                "word_tolerance",
                "trailing_zeros",
            ],
            "literals",
        )?;
        for (k, v) in m {
            match k.as_str().unwrap_or("") {
                "scales" => {
                    for (w, f) in map(file, v, "scales")? {
                        let f = positive(file, f, "a scale")?;
                        self.set.scales.insert(
                            fold_word(scalar(file, w, "a scale word")?),
                            Defined {
                                value: f,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "ratio_words" => {
                    for (w, f) in map(file, v, "ratio_words")? {
                        let f = positive(file, f, "a ratio word's value")?;
                        self.set.ratio_words.insert(
                            fold_word(scalar(file, w, "a ratio word")?),
                            Defined {
                                value: f,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "number_words" => {
                    for (w, f) in map(file, v, "number_words")? {
                        let t = scalar(file, f, "a number word's value")?;
                        let f = number(t).ok_or_else(|| {
                            bad(
                                file,
                                f,
                                format!("a number word's value must be a finite number, not `{t}`"),
                            )
                        })?;
                        self.set.number_words.insert(
                            fold_word(scalar(file, w, "a number word")?),
                            Defined {
                                value: f,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "hedges" => {
                    for (w, def) in map(file, v, "hedges")? {
                        let h = hedge(file, def)?;
                        self.set.hedges.insert(
                            fold_word(scalar(file, w, "a hedge")?),
                            Defined {
                                value: h,
                                origin: origin(w),
                            },
                        );
                    }
                }
                "word_tolerance" => {
                    self.set.word_tolerance = Some(Defined {
                        value: tolerance(file, v, "word_tolerance")?,
                        origin: origin(v),
                    });
                }
                "trailing_zeros" => {
                    let t = match scalar(file, v, "trailing_zeros")? {
                        "significant" => TrailingZeros::Significant,
                        "rounded" => TrailingZeros::Rounded,
                        t => {
                            return Err(bad(
                                file,
                                v,
                                format!("trailing_zeros is `significant` or `rounded`, not `{t}`"),
                            ));
                        }
                    };
                    self.set.trailing_zeros = Some(Defined {
                        value: t,
                        origin: origin(v),
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Merges a `currencies:` mapping: a sign or prefix (`$`, `Tk`) and the unit it stands for.
    pub(super) fn currencies(
        &mut self,
        file: &Arc<SourceFile>,
        v: &Node,
        origin: &dyn Fn(&Node) -> Origin,
    ) -> Result<(), ToolError> {
        for (sign, unit) in map(file, v, "currencies")? {
            let sign_text = scalar(file, sign, "a currency sign")?.trim();
            let unit_text = scalar(file, unit, "a currency's unit")?.trim();
            if sign_text.is_empty()
                || sign_text
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_ascii_digit())
            {
                return Err(bad(
                    file,
                    sign,
                    format!(
                        "a currency sign or prefix is one word without digits, not `{sign_text}`"
                    ),
                ));
            }
            if unit_text.is_empty() || unit_text.contains(char::is_whitespace) {
                return Err(bad(
                    file,
                    unit,
                    format!("a currency stands for one unit (`BDT`), not `{unit_text}`"),
                ));
            }
            self.set.currencies.insert(
                sign_text.to_owned(),
                Defined {
                    value: unit_text.to_owned(),
                    origin: origin(sign),
                },
            );
        }
        Ok(())
    }

    /// Merges a `range_words:` mapping: a word and the interval it names outright.
    pub(super) fn range_words(
        &mut self,
        file: &Arc<SourceFile>,
        v: &Node,
        origin: &dyn Fn(&Node) -> Origin,
    ) -> Result<(), ToolError> {
        for (w, def) in map(file, v, "range_words")? {
            let r = range_word(file, def)?;
            self.set.range_words.insert(
                fold_word(scalar(file, w, "a range word")?),
                Defined {
                    value: r,
                    origin: origin(w),
                },
            );
        }
        Ok(())
    }
}

/// A range word's interval: `(50%, 100%]`, `[10, 100)`.
fn range_word(file: &Arc<SourceFile>, def: &Node) -> Result<RangeWord, ToolError> {
    let t = scalar(file, def, "a range word's interval")?.trim();
    let malformed = || {
        bad(
            file,
            def,
            format!("a range word's interval is written `(50%, 100%]` or `[10, 100)`, not `{t}`"),
        )
    };
    let inner = t
        .strip_prefix(['(', '['])
        .and_then(|r| r.strip_suffix([')', ']']))
        .ok_or_else(malformed)?;
    let (a, b) = inner.split_once(',').ok_or_else(malformed)?;
    let (a, b) = (a.trim(), b.trim());
    let percent = a.ends_with('%');
    if percent != b.ends_with('%') {
        return Err(bad(
            file,
            def,
            format!("both ends of a range word's interval are percents, or neither: `{t}`"),
        ));
    }
    let (lo, hi) = (
        number(a).ok_or_else(malformed)?,
        number(b).ok_or_else(malformed)?,
    );
    if lo > hi {
        return Err(bad(
            file,
            def,
            format!("a range word's interval runs from its lower end to its upper end: `{t}`"),
        ));
    }
    Ok(RangeWord {
        interval: crate::interval::Interval::new(lo, hi),
        tag: if percent {
            crate::number::Tag::Percent
        } else {
            crate::number::Tag::Plain
        },
        text: t.to_owned(),
    })
}

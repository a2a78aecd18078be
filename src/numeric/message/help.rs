//! The help lines of a numeric mismatch: what the text could say instead, with the
//! words of the rules (an alternative function, a hedge, ratio words).

use super::Messages;
use crate::formula::ExprKind;
use crate::interval::Interval;
use crate::number::Kind;
use crate::numeric::compile::Compiled;
use crate::rules::Hedge;

impl Messages<'_> {
    /// `growth(a, b) = 25%` would hold.
    pub(super) fn alternative_help(&self, c: &Compiled, alt: &str, points: bool) -> String {
        let args: Vec<&str> = match &c.lhs_expr.kind {
            ExprKind::Call { args, .. } => args
                .iter()
                .map(|a| match &a.kind {
                    ExprKind::Id(id) => id.as_str(),
                    _ => "…",
                })
                .collect(),
            _ => Vec::new(),
        };
        let extra = if points {
            ": the text may mean a change in percentage points, not a percent change"
        } else {
            ""
        };
        format!(
            "`{alt}({}) {} {}` would hold{extra}",
            args.join(", "),
            c.op.as_str(),
            c.rhs_text
        )
    }

    /// For a ratio or percent compared with a literal: a hedge, the ratio words and the
    /// percent range the claims fit.
    pub(super) fn fits_help(
        &self,
        c: &Compiled,
        lhs: &Interval,
        rhs: &Interval,
        lhs_words: &str,
    ) -> Option<String> {
        let kind = c.prog.meta[c.lhs].kind;
        if !matches!(kind, Kind::Ratio | Kind::Percent) || c.rhs_literal.is_none() {
            return None;
        }
        let tol = self.rules.word_tolerance.value;
        let mut words: Vec<(&String, f64)> = self
            .rules
            .ratio_words
            .iter()
            .map(|(w, e)| (w, e.value))
            .collect();
        words.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.len().cmp(&b.0.len())));
        let mut fits: Vec<String> = Vec::new();
        if lhs.lo > rhs.hi
            && !lhs.hi.is_finite()
            && let Some(h) = self.open_hedge(true)
        {
            fits.push(format!("`{h} {}`", c.rhs_text));
        } else if lhs.hi < rhs.lo
            && !lhs.lo.is_finite()
            && let Some(h) = self.open_hedge(false)
        {
            fits.push(format!("`{h} {}`", c.rhs_text));
        }
        let mut last = f64::NAN;
        for (w, v) in words {
            let i = Interval::new(v * (1.0 - tol), v * (1.0 + tol));
            if !i.disjoint(lhs) && v != last {
                fits.push(format!("`{w}`"));
                last = v;
            }
        }
        fits.truncate(3);
        fits.push(lhs_words.to_owned());
        let (last, rest) = fits.split_last()?;
        Some(if rest.is_empty() {
            format!("the claims fit {last}")
        } else {
            format!("the claims fit {} or {last}", rest.join(", "))
        })
    }

    /// The hedge the rules list first for an open bound above (`more than`) or below
    /// (`less than`): suggested where a value lies beyond a literal. The phrase comes
    /// from the rules, never from this code.
    fn open_hedge(&self, above: bool) -> Option<&str> {
        let open = if above {
            Hedge::Above(None)
        } else {
            Hedge::Below(None)
        };
        self.rules
            .hedges
            .iter()
            .filter(|(_, e)| e.value == open)
            .min_by_key(|(w, e)| (e.origin.line, w.as_str()))
            .map(|(w, _)| w.as_str())
    }
}

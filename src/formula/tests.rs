use super::*;

fn show(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Number { value, tag } => format!("{}{:?}", value.lo, tag),
        ExprKind::Time { value, unit } => format!("{}{}", value.lo, unit.as_str()),
        ExprKind::Id(n) => n.to_string(),
        ExprKind::Neg(e) => format!("(-{})", show(e)),
        ExprKind::Binary(op, a, b) => format!("({} {op:?} {})", show(a), show(b)),
        ExprKind::Call { name, args, .. } => {
            format!(
                "{name}({})",
                args.iter().map(show).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

#[test]
fn precedence_and_calls() -> Result<(), FormulaError> {
    let e = parse_expr("a + b * -c / share(x, y)")?;
    assert_eq!(show(&e), "(a Add ((b Mul (-c)) Div share(x, y)))");
    let e = parse_expr("100% - x")?;
    assert_eq!(show(&e), "(1Percent Sub x)");
    Ok(())
}

#[test]
fn spans_cover_the_text() -> Result<(), FormulaError> {
    let t = "sum(a, b)  -  c";
    let e = parse_expr(t)?;
    assert_eq!(e.span, Span::new(0, t.len()));
    Ok(())
}

#[test]
fn split_finds_the_operator() -> Result<(), FormulaError> {
    let s = split_assertion("share(a, b) >= about half", None)?;
    assert_eq!(s.op, CmpOp::Ge);
    assert_eq!(&"share(a, b) >= about half"[s.rhs_start..], " about half");
    Ok(())
}

#[test]
fn errors_point_at_the_fault() {
    let e = parse_expr("a + * b").err();
    assert_eq!(e.map(|e| e.span), Some(Span::new(4, 1)));
    assert!(split_assertion("a + b", None).is_err());
    assert!(split_assertion("a =", None).is_err());
    let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    assert!(parse_expr(&deep).is_err());
}

#[test]
fn a_number_before_a_multibyte_character_is_no_panic() {
    // Found by fuzzing (fuzz/artifacts/formula): `6` then a three-byte character.
    let text = "share(users,6\u{3351}\u{8b8c}\u{5df} half";
    assert!(split_assertion(text, None).is_err());
    assert!(parse_expr("6\u{3351}").is_err());
}

#[test]
fn exponent_notation_is_refused() {
    let e = parse_expr("x * 2e3");
    assert!(
        e.as_ref().is_err_and(
            |e| e.message.contains("`2000` or `2 thousand`") && e.span == Span::new(4, 3)
        ),
        "{e:?}"
    );
}

/// Words that read `N days`, `about N weeks` and the days of 2024 (day numbers 1 to 366).
struct Stub;

impl Words for Stub {
    fn scale(&self, word: &str) -> Option<f64> {
        (word == "mln").then_some(1e6)
    }

    fn duration(&self, text: &str) -> Option<Interval> {
        let (hedged, rest) = match text.strip_prefix("about ") {
            Some(r) => (true, r),
            None => (false, text),
        };
        let (n, unit) = rest.split_once(' ')?;
        let n: f64 = n.parse().ok()?;
        let days = match unit {
            "days" => n,
            "weeks" => 7.0 * n,
            _ => return None,
        };
        Some(if hedged {
            Interval::new(days - 1.0, days + 1.0)
        } else {
            Interval::point(days)
        })
    }

    fn date(&self, text: &str) -> Option<Interval> {
        match text {
            "2024-01-01" => Some(Interval::point(1.0)),
            "2024-Q1" => Some(Interval::new(1.0, 91.0)),
            _ => None,
        }
    }
}

#[test]
fn durations_and_dates_stand_inside_an_expression() -> Result<(), FormulaError> {
    let words: Scales<'_> = Some(&Stub);
    let s = split_assertion("start + 30 days = end", words)?;
    assert_eq!(show(&s.lhs), "(start Add 30days)");
    assert_eq!(s.op, CmpOp::Eq);
    let s = split_assertion("start + about 2 weeks >= end", words)?;
    assert_eq!(show(&s.lhs), "(start Add 13days)");
    assert_eq!(s.op, CmpOp::Ge);
    let e = parse_expr_at("2024-Q1 + 1 weeks - (2024-01-01 - x) * 2", 0, words)?;
    assert_eq!(
        show(&e),
        "((1date Add 7days) Sub ((1date Sub x) Mul 2Plain))"
    );
    // Scale words, ids and calls read as before; a word that is no duration is an id.
    let e = parse_expr_at("x * 2 mln + share(a, b) - days", 0, words)?;
    assert_eq!(
        show(&e),
        "(((x Mul 2000000Plain) Add share(a, b)) Sub days)"
    );
    // A date-shaped text that is no date is refused, not read as a subtraction.
    let e = parse_expr_at("x - 2024-13", 0, words);
    assert!(
        e.as_ref()
            .is_err_and(|e| e.span == Span::new(4, 7) && e.message.contains("like a date")),
        "{e:?}"
    );
    // Without the words, a date is the arithmetic it was.
    assert_eq!(show(&parse_expr("2024-01")?), "(2024Plain Sub 1Plain)");
    Ok(())
}

/// White space beyond ASCII (a no-break space, an ideographic space, a line separator)
/// separates tokens as a space does, and a character beyond ASCII where a token is due is
/// named in the error.
#[test]
fn white_space_beyond_ascii_separates_tokens() -> Result<(), FormulaError> {
    let plain = parse_expr("share(a, b) + 2 * c")?;
    let wide = parse_expr("share(a,\u{a0}b)\u{3000}+\u{2028}2 *\u{a0}\u{a0}c")?;
    assert_eq!(show(&wide), show(&plain));
    let e = parse_expr("a + é");
    assert!(
        e.as_ref()
            .is_err_and(|e| e.message.contains("found `é`") && e.span == Span::new(4, 2)),
        "{e:?}"
    );
    Ok(())
}

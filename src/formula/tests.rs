use super::*;

fn show(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Number { value, tag } => format!("{}{:?}", value.lo, tag),
        ExprKind::Id(n) => n.clone(),
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

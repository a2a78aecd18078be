//! The rules tables of SPEC 1.2: unit shorthand, currencies, range words and settings.

use super::{RuleSet, load_defaults};
use crate::error::ToolError;
use crate::number::Tag;
use crate::source::SourceFile;

fn with(extra: &str) -> Result<RuleSet, ToolError> {
    let mut b = load_defaults()?;
    b.add(&SourceFile::new("extra.yaml", extra))?;
    b.finish()
}

fn error_of(extra: &str) -> String {
    match with(extra) {
        Ok(_) => panic!("accepted: {extra}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_defaults_have_the_settings_of_spec_1_2() -> Result<(), ToolError> {
    let r = load_defaults()?.finish()?;
    assert_eq!(r.fiscal_year_start.value, 1);
    assert!((r.approx_points.value - 0.02).abs() < 1e-12);
    assert!((r.approx_relative.value - 0.1).abs() < 1e-12);
    assert_eq!(r.currencies.get("₸").map(|e| e.value.as_str()), Some("KZT"));
    assert_eq!(r.currency_list.first().map(|s| s.chars().count()), Some(3));
    assert_eq!(r.scales.get("crore").map(|e| e.value), Some(1e7));
    assert_eq!(r.scales.get("lakh").map(|e| e.value), Some(1e5));
    assert_eq!(r.unit("tenge").map(|u| u.base.as_str()), Some("kzt"));
    assert!(r.unit("pounds").is_none(), "pounds is left to the rules");
    let m = r.range_words.get("a majority").map(|e| &e.value);
    assert!(m.is_some_and(|m| m.tag == Tag::Percent && m.interval.lo == 0.5));
    Ok(())
}

#[test]
fn a_unit_may_be_written_as_a_factor_and_a_unit() -> Result<(), ToolError> {
    let r = with("units:\n  ounces: 28.349523125 gram\n  pounds: 1 GBP\n  cents: 0.01 USD\n")?;
    let o = r.unit("ounces");
    assert!(o.is_some_and(|u| u.base == "gram" && (u.factor - 28.349523125).abs() < 1e-9));
    assert_eq!(r.unit("pounds").map(|u| u.base.as_str()), Some("gbp"));
    assert!(error_of("units:\n  kg: gram\n").contains("factor"));
    assert!(error_of("units:\n  kg: 1000\n").contains("name a unit"));
    assert!(error_of("units:\n  kg: -5 gram\n").contains("positive"));
    Ok(())
}

#[test]
fn currencies_are_added_and_changed_by_the_rules() -> Result<(), ToolError> {
    let r = with("currencies:\n  Tk: BDT\n  \"$\": AUD\n")?;
    assert_eq!(
        r.currencies.get("Tk").map(|e| e.value.as_str()),
        Some("BDT")
    );
    assert_eq!(r.currencies.get("$").map(|e| e.value.as_str()), Some("AUD"));
    assert!(error_of("currencies:\n  \"T k\": BDT\n").contains("one word"));
    assert!(error_of("currencies:\n  Tk: two words\n").contains("one unit"));
    Ok(())
}

#[test]
fn range_words_are_intervals() -> Result<(), ToolError> {
    let r = with("range_words:\n  the lion's share: \"(50%, 100%]\"\n  a handful: \"[2, 6]\"\n")?;
    let l = r.range_words.get("the lion's share").map(|e| &e.value);
    assert!(l.is_some_and(|l| l.tag == Tag::Percent && l.interval.hi == 1.0));
    let h = r.range_words.get("a handful").map(|e| &e.value);
    assert!(h.is_some_and(|h| h.tag == Tag::Plain && h.interval.lo == 2.0));
    assert!(error_of("range_words:\n  x: \"50%, 100%\"\n").contains("written"));
    assert!(error_of("range_words:\n  x: \"(50%, 100]\"\n").contains("percents"));
    assert!(error_of("range_words:\n  x: \"(5, 1)\"\n").contains("lower end"));
    Ok(())
}

#[test]
fn settings_are_checked() -> Result<(), ToolError> {
    let r =
        with("settings:\n  fiscal_year_start: 4\n  approx_points: 3 pp\n  approx_relative: 5%\n")?;
    assert_eq!(r.fiscal_year_start.value, 4);
    assert!((r.approx_points.value - 0.03).abs() < 1e-12);
    assert!((r.approx_relative.value - 0.05).abs() < 1e-12);
    assert!(error_of("settings:\n  fiscal_year_start: 13\n").contains("1 to 12"));
    assert!(error_of("settings:\n  approx_points: 3%\n").contains("pp"));
    assert!(error_of("settings:\n  approx_relative: 150%\n").contains("[0%, 100%]"));
    assert!(error_of("settings:\n  fiscal_year: 4\n").contains("unknown key `fiscal_year`"));
    Ok(())
}

/// The `draft:` words are merged over the defaults on first use: the same words, values
/// and origins as reading the defaults' `draft.yaml` and then each file in turn, and a
/// bad `draft:` section is still refused when its file is read.
#[test]
fn draft_words_merged_on_first_use_are_those_read_in_turn() -> Result<(), ToolError> {
    let first = "draft:\n  units:\n    people: [riders]\n    vehicles: [buses, residents]\n  relations:\n    rose: [rebounded]\n  abbreviations: [approx]\n  months: {sept: 9}\n";
    let second = "draft:\n  units:\n    households: [riders]\n  money:\n    Rs: INR\n  relations:\n    fell: [slumped]\n";
    let mut b = load_defaults()?;
    b.add(&SourceFile::new("first.yaml", first))?;
    b.add(&SourceFile::new("second.yaml", second))?;
    let merged = b.finish()?;

    let mut in_turn = super::load::default_draft_words()?;
    for (name, text) in [("first.yaml", first), ("second.yaml", second)] {
        let file = SourceFile::new(name, text);
        let Ok(Some(root)) = crate::yaml::parse(&file) else {
            panic!("{name} does not parse");
        };
        for (k, v) in super::read::map(&file, &root, "a rules file")? {
            if k.as_str() == Some("draft") {
                in_turn.add(&file, v)?;
            }
        }
    }
    assert_eq!(format!("{:?}", merged.draft()), format!("{in_turn:?}"));
    let d = merged.draft();
    assert_eq!(
        d.units.get("riders").map(String::as_str),
        Some("households")
    );
    assert_eq!(
        d.units.get("residents").map(String::as_str),
        Some("vehicles")
    );
    assert!(
        d.relation("rose")
            .is_some_and(|s| s.contains("rebounded") && s.contains("rose"))
    );
    assert!(d.relation("fell").is_some_and(|s| s.contains("slumped")));
    assert!(d.abbreviations.contains("mr") && d.abbreviations.contains("approx"));
    assert!(error_of("draft:\n  months: {sept: 13}\n").contains("1 to 12"));
    Ok(())
}

#[test]
fn a_key_written_twice_in_a_mapping_of_the_rules_is_refused() {
    let e = error_of("units:\n  widget: { is: 2 gram, domain: count, is: 3 gram }\n");
    assert!(e.contains("duplicate key `is` in a unit"), "{e}");
    let e = error_of(
        "lifecycles:\n  build:\n    states: [planned, built]\n    states: [planned, built]\n",
    );
    assert!(e.contains("duplicate key `states` in a lifecycle"), "{e}");
    // Distinct known keys are read.
    assert!(with("units:\n  widget: { is: 2 gram, domain: count }\n").is_ok());
}

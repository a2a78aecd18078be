//! The default vocabulary against a corpus of status sentences from many kinds of news
//! (`tests/vocabulary/corpus.yaml`): the share of phrases the default rules recognise, and
//! the share they recognise as the lifecycle, state and polarity an editor gives them.
//! Target (SPEC 5, the default vocabulary): at least 90% recognised, none recognised
//! wrong. The figures are printed (`cargo test --test vocabulary -- --nocapture`).

#![allow(clippy::print_stdout)]

use claimlint::rules::{Polarity, load_defaults};
use serde::Deserialize;

#[derive(Deserialize)]
struct Item {
    sentence: String,
    phrase: String,
    expect: String,
    #[serde(default)]
    polarity: Option<String>,
}

fn corpus() -> Vec<Item> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vocabulary/corpus.yaml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_default_vocabulary_recognises_news_statuses_and_never_as_the_wrong_state() {
    let items = corpus();
    assert!(
        items.len() >= 150,
        "the corpus has {} sentences",
        items.len()
    );
    let rules = load_defaults()
        .and_then(|b| b.finish())
        .unwrap_or_else(|e| panic!("defaults: {e}"));
    let (mut recognised, mut right) = (0usize, 0usize);
    let mut wrong = Vec::new();
    let mut unknown = Vec::new();
    for it in &items {
        let straight = it.sentence.replace('\u{2019}', "'").to_lowercase();
        assert!(
            straight.contains(&it.phrase.to_lowercase()),
            "`{}` is not in `{}`",
            it.phrase,
            it.sentence
        );
        let Some(m) = rules.phrase(&it.phrase) else {
            unknown.push(format!("{} ({})", it.phrase, it.expect));
            continue;
        };
        recognised += 1;
        let state = rules
            .lifecycles
            .get(&*m.lifecycle)
            .and_then(|l| l.value.states.get(m.state))
            .cloned()
            .unwrap_or_default();
        let polarity = match m.polarity {
            Polarity::Affirmed => "affirmed",
            Polarity::Negated => "negated",
            Polarity::Possible => "possible",
        };
        let got = format!("{}.{state}", m.lifecycle);
        let want_polarity = it.polarity.as_deref().unwrap_or("affirmed");
        if got == it.expect && polarity == want_polarity {
            right += 1;
        } else {
            wrong.push(format!(
                "{}: read as {got} ({polarity}), an editor gives {} ({want_polarity})",
                it.phrase, it.expect
            ));
        }
    }
    let n = items.len();
    let pct = |k: usize| k as f64 * 100.0 / n as f64;
    println!(
        "vocabulary corpus: {n} sentences; recognised {recognised} ({:.1}%), recognised right {right} ({:.1}%), wrong {}",
        pct(recognised),
        pct(right),
        wrong.len()
    );
    println!("not recognised: {}", unknown.join("; "));
    for w in &wrong {
        println!("wrong: {w}");
    }
    assert!(
        recognised * 10 >= n * 9,
        "recognised {recognised} of {n}, under 90%"
    );
    assert!(
        wrong.is_empty(),
        "recognised as a state an editor would not give:\n{}",
        wrong.join("\n")
    );
}

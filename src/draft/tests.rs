//! Unit tests of the draft: figures, relations, statuses, the YAML.

use super::*;

fn rules() -> &'static RuleSet {
    static R: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        crate::rules::load_defaults()
            .and_then(crate::rules::RulesBuilder::finish)
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn d(text: &str) -> String {
    draft(text, &Options::default(), rules())
}

/// The figures of one sentence: (literal, unit, measure).
fn figs(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let r = rules();
    let toks = token::tokens(text, 0, text.len());
    let lower: Vec<String> = toks.iter().map(|t| token::fold(t.text(text))).collect();
    let times = time::mentions(text, &toks, &lower, r.draft(), None);
    Finder::new(text, &toks, lower, r, &times)
        .figures()
        .into_iter()
        .map(|f| (f.literal, f.unit.map(|u| u.0), f.measure))
        .collect()
}

fn lits(text: &str) -> Vec<String> {
    figs(text).into_iter().map(|f| f.0).collect()
}

/// What the draft writes after `key` (`value: `, `assert: `), in order, without its
/// comment or quotes.
fn written(text: &str, key: &str) -> Vec<String> {
    d(text)
        .lines()
        .filter_map(|l| l.trim().strip_prefix(key))
        .map(|v| {
            v.split("   #")
                .next()
                .unwrap_or(v)
                .trim_matches('"')
                .to_owned()
        })
        .collect()
}

/// The values the draft writes, in order.
fn values(text: &str) -> Vec<String> {
    written(text, "value: ")
}

fn asserts(text: &str) -> Vec<String> {
    written(text, "assert: ")
}

#[test]
fn the_seed_sentences() {
    let out = d(
        "More than 12.5 mln Kazakhs, half of the 20 mln residents, use the app monthly. This is a 25% increase compared to 2023.",
    );
    assert!(
        out.contains("assert: share(kazakhs, residents) = half"),
        "{out}"
    );
    assert!(
        out.contains("assert: growth(kazakhs_2023, kazakhs) = 25%"),
        "{out}"
    );
    assert!(
        out.contains("value: more than 12.5 mln\n    unit: people"),
        "{out}"
    );
}

#[test]
fn decimals_thousands_and_scales() {
    assert_eq!(
        lits("It sold 1,200 cars and 12.5mln phones for $2.4bn."),
        ["1,200", "12.5mln", "$2.4bn"]
    );
    assert_eq!(lits("Output reached 816 000 t last year."), ["816,000"]);
    assert_eq!(figs("Output reached 816 000 t.")[0].1.as_deref(), Some("t"));
    assert_eq!(
        lits("Prices rose 3.5 per cent, or 0.4 percentage points."),
        ["3.5 per cent", "0.4 percentage points"]
    );
}

#[test]
fn ranges_and_hedges() {
    assert_eq!(lits("Growth of 10–12% is expected."), ["10–12%"]);
    assert_eq!(
        lits("between 3 and 4 million people"),
        ["between 3 and 4 million"]
    );
    assert_eq!(
        lits("about 40 schools and nearly $5 mln"),
        ["about 40", "nearly $5 mln"]
    );
    assert_eq!(
        lits("up to 300 jobs, more than a third of staff"),
        ["up to 300", "more than a third"]
    );
    assert_eq!(
        values("Between 3 and 4 million people voted."),
        ["between 3 and 4 million"]
    );
}

#[test]
fn number_words_only_when_they_count() {
    assert_eq!(
        lits("Two people died and five million were hit; one of them left."),
        ["two", "five million"]
    );
    assert!(lits("No one came, and none of the three left.").is_empty());
}

#[test]
fn currency_before_and_after_the_amount() {
    assert_eq!(lits("It raised €30 mln and £2bn."), ["€30 mln", "£2bn"]);
    // A currency word after the amount: the number with the currency's unit.
    let out = d("The fund holds 500 bn tenge.");
    assert!(out.contains("value: 500 bn\n    unit: KZT"), "{out}");
    // Money the literal language reads since 1.2 (rupee sign, crore, prefixed dollars):
    // drafted as written.
    let out = d("The plant cost ₹500 crore and US$189 million.");
    assert!(out.contains("value: \"₹500 crore\""), "{out}");
    assert!(out.contains("value: US$189 million"), "{out}");
    assert!(!out.contains("# not drafted"), "{out}");
}

#[test]
fn money_before_in_is_not_inches() {
    let f = figs("It raised $443 million in new funding.");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].0, "$443 million");
    assert_eq!(f[0].1, None);
    assert_eq!(f[0].2.as_deref(), Some("funding"));
}

#[test]
fn times_are_not_figures() {
    assert!(lits("In April 2015 and on October 14, 2024 it rained.").is_empty());
    assert!(lits("The deficit of fiscal 2012–13 was cut in FY2024.").is_empty());
    assert!(lits("It met at 10:30 and at 3 p.m. in the 1990s.").is_empty());
    assert_eq!(
        lits("In 2023, 2,000 people and 2000 workers came."),
        ["2,000", "2000"]
    );
}

#[test]
fn ages_pages_ordinals_phones_and_names_are_not_figures() {
    assert!(lits("Smith, aged 45, read page 12 of section 3.").is_empty());
    assert!(lits("The 45-year-old came 1st in the COVID-19 race.").is_empty());
    assert!(lits("Call 555-123-4567 or (555) 123 4567 at No. 10.").is_empty());
    assert!(lits("He lives at 221 Baker Street, Route 66.").is_empty());
    assert!(lits("They won 3-1 on Sunday.").is_empty());
}

#[test]
fn counted_words_give_unit_and_measure() {
    let f = figs("About 1.2 billion fake accounts were removed and 300 Kenyans left.");
    assert_eq!(f[0].1.as_deref(), Some("accounts"));
    assert_eq!(f[0].2.as_deref(), Some("fake accounts"));
    assert_eq!(f[1].1.as_deref(), Some("people"));
    let f = figs("Unemployment fell to 5%, and 25% of voters agreed.");
    assert_eq!(f[0].2.as_deref(), Some("unemployment"));
    assert_eq!(f[1].2.as_deref(), Some("share of voters"));
}

#[test]
fn relations_of_change() {
    assert_eq!(
        asserts("Sales rose 5% from $4 mln to $4.2 mln in 2024."),
        ["growth(amount_2024, amount_2024_2) = 5%"]
    );
    assert_eq!(
        asserts("Turnout fell from 60% to 55%."),
        ["share_2 < share"]
    );
    assert_eq!(
        asserts("Revenue was $5 bn, up 5% from 2023."),
        ["growth(revenue_2023, revenue) = 5%"]
    );
    assert_eq!(
        asserts("The rate fell 0.5 percentage points to 4.25%."),
        ["change(share, share_before) = 0.5 percentage points"]
    );
    assert_eq!(
        asserts("Exports doubled to 30 mln tonnes."),
        ["times(exports, exports_before) = double"]
    );
    assert_eq!(
        asserts("The firm had 400 staff, or 20% of the 2,000 workers in town."),
        ["share(staff, workers) = 20%"]
    );
}

#[test]
fn statuses_and_their_subjects() {
    let out = d(
        "Acme aims to open an office in Kazakhstan. Acme has also opened an office in Kazakhstan. The closed plant stays.",
    );
    assert!(
        out.contains("subject: office_in_kazakhstan\n    status: aims to open"),
        "{out}"
    );
    assert!(
        out.contains("subject: office_in_kazakhstan\n    status: has also opened"),
        "{out}"
    );
    assert!(!out.contains("status: closed"), "{out}");
    let out = d("The deal has not been approved. The agreement was announced by the ministry.");
    assert!(
        out.contains("subject: deal   # check: subject\n    status: has not been approved"),
        "{out}"
    );
}

#[test]
fn title_dateline_and_front_matter() {
    let out = d(
        "# Telegram to open an office\n\nALMATY, October 15, 2024 — The office opened on October 14.\n",
    );
    assert!(
        out.contains("  title: \"Telegram to open an office\"\n  date: 2024-10-15\n"),
        "{out}"
    );
    assert!(out.contains("as_of: 2024-10-14"), "{out}");
    let out = d("---\ntitle: A story\ndate: 2024-03-02\n---\nText.\n");
    assert!(
        out.contains("  title: \"A story\"\n  date: 2024-03-02\n"),
        "{out}"
    );
    let out = d("Headline without a period\nBy Jane Doe | March 3, 2023\n\nBody text here.");
    assert!(
        out.contains("  title: \"Headline without a period\"\n  date: 2023-03-03\n"),
        "{out}"
    );
}

#[test]
fn quotes_inside_quotes_are_written_safely() {
    let out = d("He said: “We hired 300 “new” staff \\ today.”");
    assert!(
        out.contains("quote: \"300 “new” staff\"") || out.contains("quote: \"300\""),
        "{out}"
    );
    let out = d("She said \"we hired 300 staff\" on Monday.");
    assert!(out.contains("quote: \"300 staff\""), "{out}");
}

#[test]
fn the_same_article_gives_the_same_draft() {
    let t = "More than 12.5 mln Kazakhs, half of the 20 mln residents, use the app. Acme opened 3 offices.";
    assert_eq!(d(t), d(t));
}

fn statuses(text: &str) -> Vec<String> {
    d(text)
        .lines()
        .filter_map(|l| l.trim().strip_prefix("status: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn numbers_in_names_lists_versions_and_spans_are_not_figures() {
    // Names and versions: a bare number after a capitalised word.
    assert!(lits("Owners of the Nimbus 9 and Nimbus 10 will get fixes.").is_empty());
    assert!(lits("Apple added it in iOS 18.1, and rivals use GPT-4.").is_empty());
    assert!(lits("Fixes come through NimbusOS 5.1.3 until 2027.").is_empty());
    // A list of results is not a name: "Reform UK 4".
    assert_eq!(
        lits("The Liberal Democrats won 9, Reform UK 4 and independents 3."),
        ["9", "4", "3"]
    );
    // The number of a list item.
    assert_eq!(
        values("T\n\nSteps:\n\n1. The upgrade ends in March.\n2. The 40 staff move.\n"),
        ["40"]
    );
    // Spans that frame: a hedge that is the framing word, a word that both opens a
    // noun phrase and frames; measured spans stay.
    assert!(lits("It pays $700 million over three years.").len() == 1);
    assert!(lits("the first cut in nearly five years").is_empty());
    assert!(lits("the next three weeks will be the hardest").is_empty());
    assert_eq!(lits("The deal covers maintenance for 15 years."), ["15"]);
    assert_eq!(lits("The bus runs every 10 minutes."), ["10"]);
    // The other end of an age bracket, an age after a people word, the game clock.
    assert!(lits("among adults aged 18 to 64 it was higher").is_empty());
    assert!(lits("eligible adults under 65 with a condition").is_empty());
    assert!(lits("led by 14 points with four minutes left").len() == 1);
}

#[test]
fn rates_per_a_base_are_one_figure() {
    assert_eq!(
        figs("The admission rate rose to 14.6 per 100,000 from 9.8 per 100,000.")
            .into_iter()
            .map(|f| (f.0, f.2))
            .collect::<Vec<_>>(),
        [
            (
                "14.6 per 100,000".to_owned(),
                Some("admission rate".to_owned())
            ),
            ("9.8 per 100,000".to_owned(), None)
        ]
    );
    assert_eq!(
        lits("It could peak at between 55 and 70 per 100,000 people."),
        ["between 55 and 70 per 100,000 people"]
    );
}

#[test]
fn basis_points_are_hundredths_of_a_point() {
    let a = asserts("The bank cut its key rate by 25 basis points to 6.25% on Friday.");
    assert_eq!(a, ["change(share, share_before) = 0.25 pp"]);
    let a = asserts("Yields fell 4 bps to 6.67%.");
    assert_eq!(a, ["change(share, share_before) = 0.04 pp"]);
}

#[test]
fn shares_of_which_of_it_and_k_in_n() {
    assert_eq!(
        asserts("The title is worth A$500,000 in prize money, half of which goes to the players."),
        ["share(part_of_prize_money, prize_money) = half"]
    );
    assert_eq!(
        asserts(
            "The package is ¥86.4 billion. More than half of it, ¥47 billion, goes to housing."
        ),
        ["share(amount, package) = more than half"]
    );
    assert_eq!(
        asserts("The company said about 9 in 10 questions are answered."),
        ["share(part_of_questions, questions) = about 90%"]
    );
    // The whole written after `of`, past the words that name whose it is.
    assert_eq!(
        asserts("Around two thirds of the city's 310,000 residents live near a route."),
        ["share(part_of_residents, residents) = around two thirds"]
    );
    assert_eq!(
        asserts("Half of the region's 1.2 million voters turned out."),
        ["share(part_of_voters, voters) = half"]
    );
    // A half of a time is no share, and no figure either.
    assert!(asserts("The rate could peak in the first half of January.").is_empty());
    assert!(values("The rate could peak in the first half of January.").is_empty());
    // ", and a quarter of the projects": a clause of its own, not a share of 1.45 million.
    assert_eq!(
        asserts(
            "Permits fell 3.1% to 1.45 million, and a quarter of the projects have not started."
        ),
        [
            "decline(figure_before, figure) = 3.1%",
            "share(part_of_projects, projects) = a quarter"
        ]
    );
}

#[test]
fn the_rest_completes_a_sum() {
    assert_eq!(
        asserts(
            "Spending was £23.4 million, of which £15.1 million came from the fund and the rest from the county."
        ),
        ["sum(came, rest) = spending"]
    );
    assert_eq!(
        asserts(
            "Of the $15 billion set aside, about $9 billion went to tax credits and the rest to grants."
        ),
        ["sum(went, rest) = set_aside"]
    );
    // Shares that leave a rest sum to 100%; "made up" is no rise.
    assert_eq!(
        asserts("H3N2 made up 71% of typed samples and H1N1 the rest."),
        ["sum(share_of_typed_samples, rest) = 100%"]
    );
    // "do the rest" after a rate is no sum.
    assert!(asserts("Mortgage rates near 6.6% do the rest.").is_empty());
}

#[test]
fn comparisons_reach_over_words_and_keep_their_hedge() {
    assert_eq!(
        asserts(
            "Hospitals had 1,180 beds occupied by flu patients on Sunday, nearly double the 610 of a fortnight earlier."
        ),
        ["times(beds, figure) = nearly double"]
    );
    assert_eq!(
        asserts(
            "It will cost about 45 billion pounds, more than double the budget of £20.9 billion."
        ),
        ["times(pounds, budget) = more than double"]
    );
    assert_eq!(
        asserts("Median rent has roughly doubled since 2010, to about $1,700 a month."),
        ["times(amount, amount_before) = roughly double"]
    );
    // Over a determiner after "from"; over the period of "approx.".
    assert_eq!(
        asserts("GDP will grow 6.4% this year, down from the 6.6% it projected."),
        ["grow < share"]
    );
    assert_eq!(
        asserts("Median income rose by approx. 40% over the period."),
        ["growth(median_income_before, median_income_after) = 40%"]
    );
    // Money in two writings is one kind of side.
    assert_eq!(
        asserts("Almaty will spend KZT 62.5 billion on clean air, up from 41 billion tenge."),
        ["spend > amount"]
    );
}

#[test]
fn participles_and_verbs_of_figures_are_not_statuses() {
    assert!(statuses("The programme passed 41,200 premises in 2025.").is_empty());
    assert!(statuses("A quarter of the projects approved in 2022 have not started.").is_empty());
    assert!(statuses("The update is for devices launched since 2022.").is_empty());
    assert!(statuses("The team led with four minutes left.").is_empty());
    // A verb with its object is one.
    assert_eq!(
        statuses("A spokesperson for the central bank confirmed that it has filed."),
        ["confirmed"]
    );
    assert_eq!(
        statuses("The city assembly approved a climate package."),
        ["approved"]
    );
}

/// Where rules files layer phrases of their own, the merged phrases are sorted at run
/// time instead of read in the compiled table's order: every article of the corpus drafts the
/// same either way (the layered lifecycle is not one the draft takes).
#[test]
fn layered_phrases_draft_as_the_compiled_table_does() -> Result<(), crate::error::ToolError> {
    let mut b = crate::rules::load_defaults()?;
    b.add(&crate::source::SourceFile::new(
        "kiosks.yaml",
        "lifecycles:\n  kiosk:\n    states: [shut, open]\n    phrases:\n      shut: [was kiosked]\n      open: [was unkiosked]\n",
    ))?;
    let layered = b.finish()?;
    assert!(
        rules().phrase_index.compiled_table().is_some()
            && layered.phrase_index.compiled_table().is_none()
    );
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/draft");
    let mut compared = 0;
    for entry in std::fs::read_dir(&corpus).map_err(|e| panic!("{e}"))? {
        let article = entry.map_err(|e| panic!("{e}"))?.path().join("article.md");
        let Ok(text) = std::fs::read_to_string(&article) else {
            continue;
        };
        let opts = Options::default();
        assert_eq!(
            draft(&text, &opts, &layered),
            draft(&text, &opts, rules()),
            "{}",
            article.display()
        );
        compared += 1;
    }
    assert!(compared >= 20, "only {compared} articles");
    Ok(())
}

/// A story with a dateline (Friday, Feb. 20, 2026) and one paragraph.
fn dated(body: &str) -> String {
    d(&format!("A headline\n\nLONDON, Feb. 20, 2026 - {body}\n"))
}

#[test]
fn a_prefix_of_money_joined_to_the_number_is_money_but_one_letter_before_a_bare_number_is_a_name() {
    let out = dated("A bag sold for KSh2,500, and N412.6 billion went on N95 masks.");
    for v in [
        "value: 2,500   # check: written \"KSh2,500\"\n    unit: KES",
        "value: 412.6 billion   # check: written \"N412.6 billion\"\n    unit: NGN",
    ] {
        assert!(out.contains(v), "{v}\n{out}");
    }
    assert!(!out.contains("\"N95"), "{out}");
}

#[test]
fn a_bare_number_set_against_a_counted_one_counts_the_same_thing() {
    let out = dated("The area planted was 2.3 million hectares, up from 2.1 million.");
    assert!(
        out.contains("value: 2.1 million\n    unit: hectares   # check: unit"),
        "{out}"
    );
    assert_eq!(
        asserts("The area planted was 2.3 million hectares, up from 2.1 million."),
        ["area_planted > hectares"]
    );
    // "from a peak of": over the noun that names the other end.
    let a = asserts("About 212,000 homes were without power, down from a peak of 348,000.");
    assert_eq!(a, ["homes < homes_2"]);
    // "by 32 votes to 4"; but "weakened 0.3% to 87.58" sets no count against another.
    assert!(dated("The bill passed by 32 votes to 4.").contains("value: 4\n    unit: votes"));
    let out = dated("The currency weakened 0.3% to 87.58 after a cut of 25 basis points.");
    assert!(!out.contains("value: 87.58\n    unit"), "{out}");
}

#[test]
fn two_values_compared_with_no_direction_word_are_compared_as_written() {
    assert_eq!(
        asserts("Turnout was 58.4%, compared with 63.1% at the last election."),
        ["turnout < share"]
    );
    // "2" read to its precision allows 1.7; as written it is more.
    assert_eq!(
        asserts("The average yield was 2 tonnes per hectare, compared with 1.7 tonnes."),
        ["average_yield > t"]
    );
    // Not the count of the phrase that places the figure before it.
    assert_eq!(
        asserts("The agency has counted 412 cases in 19 states, compared with 285 in 2025."),
        ["cases > people_2025"]
    );
    // Equal values state no comparison.
    assert!(asserts("Turnout was 58%, compared with 58% in 2021.").is_empty());
}

#[test]
fn a_percent_more_than_an_earlier_time_is_a_change_over_the_figures_own_words() {
    let out = dated(
        "Farmers will harvest about 4.6 million tonnes of maize in the 2025 season, the most on record and 18% more than last year.",
    );
    assert!(out.contains("= 18%"), "{out}");
    let out = dated(
        "Lisbon handled 9.8 million passengers between June and August, a record and 6.1% more than in the same months of 2024.",
    );
    assert!(
        out.contains("assert: growth(passengers_2024, passengers) = 6.1%"),
        "{out}"
    );
}

#[test]
fn a_share_after_a_conversion_in_brackets_is_of_the_amount_before_it() {
    let a = asserts(
        "The state paid 2.1 billion pesos ($114 million) since 2023, about 88% of the 2.4 billion pesos budgeted.",
    );
    assert_eq!(a.len(), 1, "{a:?}");
    assert!(
        a[0].starts_with("share(") && !a[0].contains("amount") && a[0].ends_with("= about 88%"),
        "{a:?}"
    );
    // "of its worldwide turnover", "of the total": an adjective, then the whole.
    assert_eq!(
        asserts("FoodDash paid €412 million, or 2.9% of its worldwide turnover."),
        ["share(fooddash_paid, worldwide_turnover) = 2.9%"]
    );
    assert_eq!(
        asserts("The state spent €412 million, or 2.9% of the total."),
        ["share(state_spent, total) = 2.9%"]
    );
}

#[test]
fn a_month_alone_is_the_last_one_up_to_the_dateline_unless_the_sentence_looks_ahead() {
    let out = dated("A case against the firm, opened in October, has 5 counts.");
    assert!(out.contains("as_of: 2025-10"), "{out}");
    let out = dated("Prices were 5 dollars in December. Prices were 6 dollars in January.");
    assert!(out.contains("as_of: 2025-12"), "{out}");
    assert!(out.contains("as_of: 2026-01"), "{out}");
    let out = dated("The store will open in January with 40 staff.");
    assert!(out.contains("as_of: 2027-01"), "{out}");
    let out = dated("She expects inflation of 28% by December.");
    assert!(out.contains("as_of: 2026-12"), "{out}");
    // A day keeps the dateline's year.
    let out = dated("Rates rise by 9.5% from July 1.");
    assert!(out.contains("2026-07-01"), "{out}");
}

#[test]
fn a_phrase_next_to_a_count_is_the_figures_verb_except_of_things_that_open() {
    for (text, phrase) in [
        ("The state had hired 212 doctors.", "had hired"),
        (
            "The board plans to buy 2 million bags of maize.",
            "plans to buy",
        ),
        (
            "The ferry line has cancelled all 16 crossings.",
            "has cancelled",
        ),
        ("Officials said 9,870 ballots were rejected.", "rejected"),
        ("ANA said 1,160 flights were cancelled.", "cancelled"),
        ("The firm charged more than the 30% cap.", "charged"),
    ] {
        let out = d(text);
        assert!(!out.contains(&format!("status: {phrase}")), "{out}");
    }
    // A stake is the deal's own figure.
    assert!(d("Falcon has agreed to buy 60% of Kafue.").contains("status: has agreed to buy"));
    // Things that open are counted as their state is given.
    assert!(d("The state has opened 47 clinics.").contains("status: has opened"));
    assert!(d("Police have closed 12 roads.").contains("status: have closed"));
}

#[test]
fn a_span_glued_to_its_number_measures_the_noun_after_it() {
    assert_eq!(
        figs("He signed a two-year extension after a 30-month investigation and a 24-hour strike."),
        [
            ("two".into(), Some("years".into()), Some("extension".into())),
            (
                "30".into(),
                Some("months".into()),
                Some("investigation".into())
            ),
            ("24".into(), Some("hours".into()), Some("strike".into())),
        ]
    );
    // What it compares with or names, a name of its own, an age: no figure.
    for text in [
        "Shares hit a 10-year high.",
        "In its 41-year history, it never lost.",
        "The 10-year bond yield rose.",
        "A 45-year-old man and a two-year-old child.",
        "Over a 12-month period, sales rose.",
        "The one-week repo rate and a mid-year rise.",
    ] {
        assert!(lits(text).is_empty(), "{text}: {:?}", lits(text));
    }
}

#[test]
fn the_size_of_a_container_a_price_is_for_is_no_figure() {
    assert_eq!(
        lits("A 90-kg bag sold for $31, a 2-litre bottle for $2 and a 4.4-km stretch cost $9."),
        ["$31", "$2", "4.4", "$9"]
    );
    // "cut the price of a 2-kg packet of flour to B, from A": the change reaches over it.
    assert_eq!(
        asserts("Millers have cut the price of a 2-kg packet of flour to KSh145, from KSh180."),
        ["flour < amount"]
    );
}

#[test]
fn a_tally_is_two_figures_set_against_each_other_not_a_range() {
    assert_eq!(
        values("The Green candidate won by just 11 votes, 1,482 to 1,471."),
        ["11", "1,482", "1,471"]
    );
    assert_eq!(
        asserts("Wiley beat Okonjo by 2,306 votes to 2,289 after a recount."),
        ["votes > votes_2"]
    );
    assert_eq!(
        values("He leads among voters aged 65 and older, 52% to 40%."),
        ["52%", "40%"]
    );
    // A range still reads low to high; the ends of a change are no tally.
    assert_eq!(values("It costs 10 to 12 dollars."), ["10 to 12"]);
    assert!(
        asserts("The count fell from 1,482 to 1,471.")
            .iter()
            .all(|a| a.contains('<'))
    );
}

#[test]
fn n_in_m_with_a_number_word_a_share_of_those_and_a_conversion_that_is_no_part() {
    assert_eq!(
        asserts("\"Six in ten farmers have nowhere dry to keep their grain,\" she said."),
        ["share(part_of_farmers, farmers) = 60%"]
    );
    assert!(!values("Six in ten farmers agreed.").contains(&"ten".to_owned()));
    assert_eq!(
        asserts("About 41,000 restaurants, roughly a quarter of those on the app, signed."),
        ["share(restaurants, those_on_the_app) = roughly a quarter"]
    );
    let out =
        d("Pay starts at 38,000 pesos a month (about $2,070), below the 45,000 pesos a month.");
    assert!(out.contains("value: about $2,070"), "{out}");
    assert!(!out.contains("sum("), "{out}");
}

#[test]
fn a_number_word_ending_a_tally_counts_what_the_figure_before_it_counts() {
    let out = d("The Labour Federation held 11 seats and independents won four.");
    assert!(
        out.contains("value: four\n    unit: seats   # check: unit"),
        "{out}"
    );
    // Not without a counted figure before it, nor after a word that is no tally.
    assert!(!values("Independents won four.").contains(&"four".to_owned()));
    assert!(!values("It held 11 seats; the other four.").contains(&"four".to_owned()));
}

#[test]
fn last_this_and_next_year_are_times_of_the_dateline() {
    // The figure's own time, not another year of its clause.
    let out = dated("The Polish plant, opened in 2019, produced 31 GWh last year.");
    assert!(out.contains("as_of: 2025\n    quote: \"31 GWh\""), "{out}");
    let out = dated("Kafue expects output of 240,000 tonnes this year.");
    assert!(out.contains("as_of: 2026"), "{out}");
    // "than last year" is the time compared with; "last year" names no year for a month
    // after it.
    let out = dated("Two managers pleaded guilty last year and will repay $5 million in March.");
    assert!(out.contains("as_of: 2026-03"), "{out}");
}

#[test]
fn a_span_that_opens_its_clause_before_after_dates_what_follows() {
    assert_eq!(
        lits("Three years after the state promised clinics, 47 are open."),
        ["47"]
    );
    assert_eq!(lits("Two years before the vote, it had 5 seats."), ["5"]);
    // Not one that is measured: a sentence.
    assert_eq!(lits("He was jailed for 12 years after a trial."), ["12"]);
}

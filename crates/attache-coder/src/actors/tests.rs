use super::*;

fn d(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// "text|code|sector|name|role|rank" per mention.
fn show(text: &str, ms: &[ActorMention]) -> Vec<String> {
    ms.iter()
        .map(|m| {
            format!(
                "{}|{}|{}|{}|{}|{}",
                &text[m.start..m.end],
                m.code,
                m.sector,
                m.name.clone().unwrap_or_default(),
                m.role.clone().unwrap_or_default(),
                m.rank.map(|r| r.to_string()).unwrap_or_default()
            )
        })
        .collect()
}

fn run(text: &str, date: &str) -> Vec<String> {
    show(text, &ActorCoder::embedded().explain(text, d(date)))
}

#[test]
fn dictionaries_load() {
    let dict = dictionary::Dict::get();
    assert!(dict.countries.len() >= 197);
    assert!(dict.orgs.len() >= 60);
    assert!(dict.titles.len() >= 150);
    assert!(dict.people.len() >= 300);
}

#[test]
fn titled_person_with_country_or_possessor() {
    let t = "Trade Minister Jane Roe of Canada greeted Brazil’s acting Foreign Minister Mawlawi Paulo Lima.";
    assert_eq!(
        run(t, "2024-03-01"),
        [
            "Trade Minister Jane Roe of Canada|CAN|GOV|Jane Roe|Trade Minister|3",
            "Brazil’s acting Foreign Minister Mawlawi Paulo Lima|BRA|GOV|Paulo Lima|acting Foreign Minister|3",
        ]
    );
}

#[test]
fn apposition_and_adjective_titles() {
    let t = "Maria Ortiz, Peru's deputy minister, called French President Emmanuel Macron.";
    assert_eq!(
        run(t, "2024-03-01"),
        [
            "Maria Ortiz, Peru's deputy minister|PER|GOV|Maria Ortiz|deputy minister|2",
            "French President Emmanuel Macron|FRA|GOV|Emmanuel Macron|President|4",
        ]
    );
}

#[test]
fn group_and_body_phrases() {
    let t = "The Kenyan people, Chile's embassy in Lima, sections of Egyptian media and Iraq-based militants all spoke; Turkish troops stayed.";
    assert_eq!(
        run(t, "2024-03-01"),
        [
            "The Kenyan people|KEN|CVL|||",
            "Chile's embassy in Lima|CHL|GOV|||",
            "sections of Egyptian media|EGY|MED|||",
            "Iraq-based militants|IRQ|REB|||",
            "Turkish troops|TUR|MIL|||",
        ]
    );
}

#[test]
fn possessive_alone_is_left_out() {
    let t = "Nepal’s decision surprised Oslo.";
    assert_eq!(
        run(t, "2024-03-01"),
        ["Nepal|NPL|GOV|||", "Oslo|NOR|GOV|||"]
    );
}

#[test]
fn taliban_sector_depends_on_date() {
    let t = "The Taliban issued a statement.";
    assert_eq!(run(t, "2019-06-01"), ["The Taliban|AFG|REB|||"]);
    assert_eq!(run(t, "2022-06-01"), ["The Taliban|AFG|GOV|||"]);
    assert_eq!(run(t, "1998-06-01"), ["The Taliban|AFG|GOV|||"]);
    let fighters = "Taliban fighters crossed the river.";
    assert_eq!(run(fighters, "2019-06-01"), ["Taliban fighters|AFG|REB|||"]);
    assert_eq!(run(fighters, "2023-06-01"), ["Taliban fighters|AFG|MIL|||"]);
}

#[test]
fn armed_groups_and_igos() {
    let t = "Daesh and the Pakistani Taliban were condemned by NATO and the UN Security Council.";
    let ms = ActorCoder::embedded().explain(t, d("2024-03-01"));
    assert_eq!(
        show(t, &ms),
        [
            "Daesh|IMG|REB|||",
            "the Pakistani Taliban|PAK|REB|||",
            "NATO|IGO||||",
            "the UN Security Council|UNO||||",
        ]
    );
    assert_eq!(ms[0].org.as_deref(), Some("ISIS"));
    assert_eq!(ms[2].org.as_deref(), Some("NATO"));
}

#[test]
fn known_person_is_coded_at_the_date() {
    let t = "Jaswant Singh spoke.";
    assert_eq!(
        run(t, "2000-01-10"),
        ["Jaswant Singh|IND|GOV|Jaswant Singh|External Affairs Minister|3"]
    );
    assert_eq!(
        run(t, "2010-01-10"),
        ["Jaswant Singh|IND|ELI|Jaswant Singh||"]
    );
}

#[test]
fn former_and_then_modifiers() {
    let t = "Former Prime Minister Ana Silva met then-President Joe Biden.";
    assert_eq!(
        run(t, "2030-01-01"),
        [
            "Former Prime Minister Ana Silva||ELI|Ana Silva|Former Prime Minister|",
            "then-President Joe Biden|USA|GOV|Joe Biden|then-President|4",
        ]
    );
}

#[test]
fn surnames_and_pronouns_resolve_within_the_article() {
    let coder = ActorCoder::embedded();
    let text = "Ghanaian Foreign Minister Kofi Mensah Boateng arrived. Later Boateng said he and Kofi Boateng met the Hamas delegation. They left.";
    let mut ctx = ArticleContext::default();
    let first_end = text.find(". ").map_or(text.len(), |p| p + 1);
    let a = coder.find(text, 0, first_end, d("2024-03-01"), &mut ctx);
    let b = coder.find(text, first_end + 1, text.len(), d("2024-03-01"), &mut ctx);
    assert_eq!(
        show(text, &a),
        [
            "Ghanaian Foreign Minister Kofi Mensah Boateng|GHA|GOV|Kofi Mensah Boateng|Foreign Minister|3"
        ]
    );
    let b = show(text, &b);
    assert_eq!(
        b[0],
        "Boateng|GHA|GOV|Kofi Mensah Boateng|Foreign Minister|3"
    );
    assert_eq!(b[1], "he|GHA|GOV|Kofi Mensah Boateng|Foreign Minister|3");
    assert_eq!(
        b[2],
        "Kofi Boateng|GHA|GOV|Kofi Mensah Boateng|Foreign Minister|3"
    );
    assert_eq!(b[3], "the Hamas delegation|PSE|REB|||1");
    assert_eq!(b[4], "They|PSE|REB|||1");
    assert!(a
        .iter()
        .chain(ctx.people.iter())
        .all(|m| m.kind != MentionKind::Pronoun));
}

#[test]
fn mentions_are_sorted_and_disjoint() {
    let t = "The US envoy and Chinese officials met the Afghan delegation in Doha, the Qatari government said.";
    let ms = ActorCoder::embedded().explain(t, d("2024-03-01"));
    assert!(ms.len() >= 4);
    assert!(ms.windows(2).all(|w| w[0].end <= w[1].start));
}

#[test]
fn offsets_are_into_the_article() {
    let text = "First sentence. Chinese troops moved.";
    let mut ctx = ArticleContext::default();
    let ms = ActorCoder::embedded().find(text, 16, text.len(), None, &mut ctx);
    assert_eq!(ms.len(), 1);
    assert_eq!(&text[ms[0].start..ms[0].end], "Chinese troops");
    assert!(ActorCoder::embedded()
        .find(text, 40, 10, None, &mut ctx)
        .is_empty());
}

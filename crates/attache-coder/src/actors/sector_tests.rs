//! Sectors a demanding analyst would give (GUIDELINES §3): one sentence, written for the test,
//! per rule that decides a sector or finds an actor that used to be missed.

use super::*;

fn run(text: &str) -> Vec<String> {
    let date = NaiveDate::from_ymd_opt(2024, 3, 1);
    ActorCoder::embedded()
        .explain(text, date)
        .iter()
        .map(|m| {
            let name = m.name.clone().unwrap_or_default();
            format!("{}|{}|{}|{name}", &text[m.start..m.end], m.code, m.sector)
        })
        .collect()
}

fn has(found: &[String], want: &str) -> bool {
    found.iter().any(|m| m.starts_with(want))
}

#[test]
fn a_citizen_is_a_civilian_of_the_state() {
    let found = run("Kenya freed a Dutch citizen on Monday.");
    assert!(has(&found, "a Dutch citizen|NLD|CVL"), "{found:?}");
}

#[test]
fn a_role_outside_government_falls_back_to_the_home_state() {
    // No earlier suspect or lawyer: they are people of the state the sentence is about.
    let found = run("Chilean police said the suspect had fled.");
    assert!(has(&found, "the suspect|CHL|UAF"), "{found:?}");
    let found = run("Peru charged him, and a lawyer, Ana Quispe Rojas, objected.");
    assert!(
        has(&found, "a lawyer, Ana Quispe Rojas|PER|CVL"),
        "{found:?}"
    );
    // A role noun qualifying another names nobody; nor does a rank that is part of a name.
    let found = run("Chile condemned the terrorist attack on the General Affairs Council.");
    assert_eq!(found, ["Chile|CHL|GOV|"]);
    // A government role with no one to refer to stays unresolved.
    let found = run("Chile said the spokesman had left.");
    assert!(!found.iter().any(|m| m.contains("spokesman")), "{found:?}");
}

#[test]
fn an_office_sought_is_not_held() {
    let found = run("Ana Lopez, a candidate running for president in Peru, was attacked.");
    assert!(!found.iter().any(|m| m.contains("president")), "{found:?}");
    assert!(has(&found, "Peru|PER|GOV"), "{found:?}");
}

#[test]
fn a_relative_after_a_title_holds_it() {
    let found = run("Chile's lawmaker daughter Isabel Allende Bussi spoke.");
    assert!(
        has(
            &found,
            "Chile's lawmaker daughter Isabel Allende Bussi|CHL|LEG|Isabel Allende Bussi"
        ),
        "{found:?}"
    );
}

#[test]
fn another_first_name_before_a_known_surname_is_another_person() {
    // "Bolsonaro" alone is Jair Bolsonaro; Flavio Bolsonaro is a senator, not an ex-president.
    let found = run("Brazilian Senator Flavio Bolsonaro met the press.");
    assert!(
        has(
            &found,
            "Brazilian Senator Flavio Bolsonaro|BRA|LEG|Flavio Bolsonaro"
        ),
        "{found:?}"
    );
}

#[test]
fn a_firm_of_a_state_is_business() {
    let found = run("Beijing defended the Chinese telecoms company against Ottawa.");
    assert!(
        has(&found, "the Chinese telecoms company|CHN|BUS"),
        "{found:?}"
    );
    // Other words between a state and a title are no part of one phrase.
    let found = run("Syrian shelling killed civilians in Idlib.");
    assert!(!has(&found, "Syrian shelling"), "{found:?}");
}

#[test]
fn an_organisations_national_branch_is_the_organisation() {
    let found = run("Human Rights Watch Kenya condemned the raid.");
    assert_eq!(found[0], "Human Rights Watch Kenya|NGO||");
    assert!(!found.iter().any(|m| m.contains("|KEN|")), "{found:?}");
}

#[test]
fn mercenaries_rebellions_and_cartels_are_rebels() {
    let found = run("The Russian mercenary commander led a mutiny against Moscow.");
    assert!(
        has(&found, "The Russian mercenary commander|RUS|REB"),
        "{found:?}"
    );
    assert!(has(&found, "a mutiny|RUS|REB"), "{found:?}");
    let found = run("Mexican officials blamed a drug cartel for the killing.");
    assert!(has(&found, "a drug cartel|MEX|REB"), "{found:?}");
}

#[test]
fn loyalists_of_a_party_are_the_party() {
    let found = run("Likud loyalists heckled Israeli ministers.");
    assert!(has(&found, "Likud loyalists|ISR|PTY"), "{found:?}");
}

#[test]
fn security_staff_and_attaches_are_military() {
    let found = run("Nepalese security personnel guarded the Indian defence attache.");
    assert!(
        has(&found, "Nepalese security personnel|NPL|MIL"),
        "{found:?}"
    );
    assert!(
        has(&found, "the Indian defence attache|IND|MIL"),
        "{found:?}"
    );
}

#[test]
fn a_government_in_exile_is_the_opposition() {
    let found = run("Myanmar's government in exile urged ASEAN to act.");
    assert!(
        has(&found, "Myanmar's government in exile|MMR|OPP"),
        "{found:?}"
    );
}

#[test]
fn peacekeepers_belong_to_the_un() {
    let found = run("Rebels in Mali fired on peacekeepers near Gao.");
    assert!(has(&found, "peacekeepers|UNO|MIL"), "{found:?}");
}

#[test]
fn commanders_on_both_sides_are_the_pairs_commanders() {
    let t = "The army commanders on both sides will meet.";
    let m = first_after("Peru and Ecuador agreed to a truce.", t);
    assert_eq!(&t[m.start..m.end], "The army commanders on both sides");
    assert_eq!((m.code.as_str(), m.sector.as_str()), ("PER", "MIL"));
    assert_eq!(m.partner, Some(("ECU".to_string(), "MIL".to_string())));
}

#[test]
fn a_first_name_alone_is_the_family_member_named_before() {
    let t = "Later, Flavio criticised Chinese firms.";
    let m = first_after("Brazilian Senator Flavio Bolsonaro met the press.", t);
    assert_eq!(&t[m.start..m.end], "Flavio");
    assert_eq!((m.code.as_str(), m.sector.as_str()), ("BRA", "LEG"));
}

#[test]
fn a_noun_family_word_between_a_state_and_its_group_keeps_them_together() {
    // The state codes the group and the group's noun its sector, whatever stands between.
    let found = run("Chilean tribal elders met Peruvian paramilitary troops.");
    assert!(has(&found, "Chilean tribal elders|CHL|CVL"), "{found:?}");
    assert!(
        has(&found, "Peruvian paramilitary troops|PER|MIL"),
        "{found:?}"
    );
    let found = run("Peruvian border forces detained Colombian human rights activists.");
    assert!(has(&found, "Peruvian border forces|PER|MIL"), "{found:?}");
    assert!(
        has(&found, "Colombian human rights activists|COL|CVL"),
        "{found:?}"
    );
    let found = run("Bolivian state media reported the arrests.");
    assert!(has(&found, "Bolivian state media|BOL|MED"), "{found:?}");
    // A verb still ends the phrase: the state alone is the actor.
    let found = run("Chilean strikes killed civilians.");
    assert!(!has(&found, "Chilean strikes"), "{found:?}");
}

#[test]
fn people_outside_government_are_civilians() {
    let found = run("Peruvian farmers and Bolivian clerics blocked the road.");
    assert!(has(&found, "Peruvian farmers|PER|CVL"), "{found:?}");
    assert!(has(&found, "Bolivian clerics|BOL|CVL"), "{found:?}");
}

#[test]
fn a_legislative_committee_is_the_legislature() {
    let found = run("Chile's parliamentary committee summoned the minister.");
    assert!(
        has(&found, "Chile's parliamentary committee|CHL|LEG"),
        "{found:?}"
    );
    let found = run("The Peruvian Senate rejected the bill.");
    assert!(has(&found, "The Peruvian Senate|PER|LEG"), "{found:?}");
}

#[test]
fn a_defence_chief_is_military_and_rebel_fighters_are_rebels() {
    let found = run("The Chilean defence chief met Colombian rebel fighters.");
    assert!(
        has(&found, "The Chilean defence chief|CHL|MIL"),
        "{found:?}"
    );
    assert!(has(&found, "Colombian rebel fighters|COL|REB"), "{found:?}");
}

/// The first actor found in `text` once the sentence `before` has been read (coreference and the
/// article's pair see it).
fn first_after(before: &str, text: &str) -> ActorMention {
    let mut ctx = ArticleContext::default();
    let coder = ActorCoder::embedded();
    coder.find(before, 0, before.len(), None, &mut ctx);
    let found = coder.find(text, 0, text.len(), None, &mut ctx);
    found.into_iter().next().expect("a mention")
}

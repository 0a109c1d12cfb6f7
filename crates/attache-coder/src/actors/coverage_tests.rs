//! Coverage of the curated dictionaries (issue 4): every UN member and observer state, the
//! disputed entities, the IGOs with their officials and the armed groups resolve in sentences.

use super::ActorCoder;
use chrono::NaiveDate;

const COUNTRIES: &str = include_str!("../../../../data/actors/countries.tsv");

/// The 193 UN member states (ISO 3166-1 alpha-3), as listed by the UN.
const UN_MEMBERS: &str = "AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ \
    BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV \
    HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB \
    GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR \
    KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS \
    MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG \
    PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP \
    SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV \
    UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE";
/// Observer states, and entities whose statehood is disputed but that news treats as actors.
const OBSERVERS_AND_DISPUTED: &[&str] = &["VAT", "PSE", "TWN", "XKX", "ESH"];
/// States whose demonym is another's in news: (state, demonym, the state it codes).
const SHARED_DEMONYMS: &[(&str, &str, &str)] =
    &[("DMA", "Dominican", "DOM"), ("COG", "Congolese", "COD")];

fn codes(text: &str) -> Vec<String> {
    let d = NaiveDate::from_ymd_opt(2024, 6, 1);
    ActorCoder::embedded()
        .explain(text, d)
        .into_iter()
        .map(|m| m.code)
        .collect()
}

/// (code, names, adjectives, matched capitals, ambiguous capitals) per row of countries.tsv.
fn rows() -> Vec<Vec<&'static str>> {
    COUNTRIES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect()
}

fn col(r: &[&'static str], i: usize) -> Vec<&'static str> {
    r.get(i)
        .map(|c| c.split('|').filter(|x| !x.is_empty()).collect())
        .unwrap_or_default()
}

#[test]
fn every_un_member_and_observer_has_a_code_name_adjective_and_capital() {
    let members: Vec<&str> = UN_MEMBERS.split_whitespace().collect();
    assert_eq!(members.len(), 193);
    let rows = rows();
    let mut missing = Vec::new();
    for code in members.iter().chain(OBSERVERS_AND_DISPUTED) {
        let Some(r) = rows.iter().find(|r| r.first() == Some(code)) else {
            missing.push(format!("{code}: no row"));
            continue;
        };
        let shared = SHARED_DEMONYMS.iter().find(|s| s.0 == *code);
        if col(r, 2).is_empty() && shared.is_none() {
            missing.push(format!("{code}: no adjective"));
        }
        if col(r, 3).is_empty() && col(r, 4).is_empty() && *code != "ESH" {
            missing.push(format!("{code}: no capital"));
        }
        let name = col(r, 1).first().copied().unwrap_or("");
        let got = codes(&format!("{name} said on Monday that talks would go on."));
        if got.first().map(String::as_str) != Some(code) {
            missing.push(format!("{code}: name {name:?} coded {got:?}"));
        }
        if let Some(adj) = col(r, 2).first() {
            let got = codes(&format!(
                "The {adj} government said on Monday that talks would go on."
            ));
            if got.first().map(String::as_str) != Some(code) {
                missing.push(format!("{code}: adjective {adj:?} coded {got:?}"));
            }
        }
        if let Some(cap) = col(r, 3).first() {
            let got = codes(&format!("{cap} said on Monday that talks would go on."));
            if got.first().map(String::as_str) != Some(code) {
                missing.push(format!("{code}: capital {cap:?} coded {got:?}"));
            }
        }
    }
    for (state, adj, to) in SHARED_DEMONYMS {
        let got = codes(&format!("The {adj} government said on Monday."));
        if got.first().map(String::as_str) != Some(to) {
            missing.push(format!("{state}: {adj:?} should code {to}, got {got:?}"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn seats_of_government_stand_for_their_states() {
    for (text, code) in [
        ("The Kremlin rejected the offer.", "RUS"),
        ("Foggy Bottom rejected the offer.", "USA"),
        ("Downing Street rejected the offer.", "GBR"),
        ("Islamabad rejected the offer.", "PAK"),
        ("Kabul rejected the offer.", "AFG"),
        ("Zhongnanhai rejected the offer.", "CHN"),
        ("The Elysee rejected the offer.", "FRA"),
        ("South Block rejected the offer.", "IND"),
    ] {
        assert_eq!(
            codes(text).first().map(String::as_str),
            Some(code),
            "{text}"
        );
    }
}

fn first_at(text: &str, date: &str) -> (String, String) {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    ActorCoder::embedded()
        .explain(text, d)
        .into_iter()
        .next()
        .map(|m| (m.code, m.sector))
        .unwrap_or_default()
}

fn first(text: &str) -> (String, String) {
    first_at(text, "2024-06-01")
}

#[test]
fn igos_and_their_officials_resolve() {
    let mut wrong = Vec::new();
    for (name, code) in [
        ("The United Nations", "UNO"),
        ("The UN Security Council", "UNO"),
        ("UNHCR", "UNO"),
        ("The World Food Programme", "UNO"),
        ("UNICEF", "UNO"),
        ("The IAEA", "UNO"),
        ("UNAMA", "UNO"),
        ("The European Union", "EUR"),
        ("The European Commission", "EUR"),
        ("NATO", "IGO"),
        ("The African Union", "IGO"),
        ("ASEAN", "IGO"),
        ("The Shanghai Cooperation Organisation", "IGO"),
        ("The OIC", "IGO"),
        ("ECOWAS", "IGO"),
        ("The CSTO", "IGO"),
        ("The GCC", "IGO"),
        ("The Arab League", "IGO"),
        ("The IMF", "IGO"),
        ("The World Bank", "IGO"),
    ] {
        let got = first(&format!("{name} said on Monday that aid would continue."));
        if got.0 != code {
            wrong.push(format!("{name}: {got:?}, want {code}"));
        }
    }
    // Officials on a date in their term (Rutte was the Dutch prime minister until July 2024).
    for (name, date, code) in [
        ("António Guterres", "2024-06-01", "UNO"),
        ("Ursula von der Leyen", "2024-06-01", "EUR"),
        ("Charles Michel", "2024-06-01", "EUR"),
        ("António Costa", "2025-06-01", "EUR"),
        ("Josep Borrell", "2024-06-01", "EUR"),
        ("Kaja Kallas", "2025-06-01", "EUR"),
        ("Mark Rutte", "2025-06-01", "IGO"),
        ("Jens Stoltenberg", "2024-06-01", "IGO"),
        ("Moussa Faki Mahamat", "2024-06-01", "IGO"),
        ("Tedros Adhanom Ghebreyesus", "2024-06-01", "UNO"),
        ("Rafael Grossi", "2024-06-01", "UNO"),
        ("Filippo Grandi", "2024-06-01", "UNO"),
        ("Volker Türk", "2024-06-01", "UNO"),
        ("Kristalina Georgieva", "2024-06-01", "IGO"),
    ] {
        let got = first_at(
            &format!("{name} said on Monday that aid would continue."),
            date,
        );
        if got.0 != code {
            wrong.push(format!("{name} on {date}: {got:?}, want {code}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn armed_groups_resolve_as_rebels() {
    let mut wrong = Vec::new();
    for (name, code) in [
        ("The Islamic State", "IMG"),
        ("ISIS-K", "IMG"),
        ("Islamic State West Africa Province", "IMG"),
        ("Islamic State Sahel Province", "IMG"),
        ("Islamic State Central Africa Province", "IMG"),
        ("Al-Qaeda", "IMG"),
        ("AQAP", "IMG"),
        ("JNIM", "IMG"),
        ("Al-Shabaab", "SOM"),
        ("The TTP", "PAK"),
        ("The Houthis", "YEM"),
        ("Hamas", "PSE"),
        ("Hezbollah", "LBN"),
        ("The Rapid Support Forces", "SDN"),
        ("M23", "COD"),
        ("The Allied Democratic Forces", "COD"),
        ("Boko Haram", "NGA"),
        ("The Baloch Liberation Army", "PAK"),
        ("The PKK", "TUR"),
        ("Tahrir al-Sham", "SYR"),
        ("The Arakan Army", "MMR"),
        ("The Taliban", "AFG"),
    ] {
        let got = first(&format!("{name} claimed the attack on Monday."));
        // The Taliban govern from 2021-08-15; HTS governs Syria from 2024-12-08.
        let sector_ok = got.1 == "REB" || name == "The Taliban";
        if got.0 != code || !sector_ok {
            wrong.push(format!("{name}: {got:?}, want {code} REB"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

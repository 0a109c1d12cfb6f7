//! The audit of time-valid offices (issue 4): heads of state and government and foreign and
//! defence ministers of the G20 (with the EU and AU offices), Afghanistan and its neighbours,
//! and the Taliban cabinet each have a holder on every reference date, and an office one person
//! holds at a time never has two (which is how wrong end dates show: Liz Truss's premiership once
//! ran to 2026, beside Rishi Sunak's and Keir Starmer's).

use super::dictionary::{Dict, Office};
use super::ActorCoder;
use chrono::NaiveDate;

const DATES: [&str; 3] = ["2022-01-01", "2024-06-01", "2025-06-01"];

const HEAD_OF_STATE: &[&str] = &["President", "King", "Queen", "Emperor", "Supreme Leader"];
const PM: &[&str] = &["Prime Minister", "Premier", "Chancellor"];
const PRESIDENT: &[&str] = &["President"];
const SUPREME_LEADER: &[&str] = &["Supreme Leader"];
const FOREIGN: &[&str] = &["Foreign Minister"];
/// India's Foreign Secretary is its senior diplomat, the minister's deputy; Britain's is the
/// minister.
const FOREIGN_GBR: &[&str] = &["Foreign Secretary"];
const FOREIGN_USA: &[&str] = &["Secretary of State"];
const FOREIGN_IND: &[&str] = &["External Affairs Minister"];
const DEFENCE: &[&str] = &[
    "Defence Minister",
    "Defence Secretary",
    "Secretary of Defense",
    "Armed Forces Minister",
];

/// States whose president heads the government as well.
const PRESIDENTIAL: &[&str] = &[
    "USA", "ARG", "BRA", "MEX", "IDN", "ZAF", "TUR", "KOR", "TKM",
];
/// The rest of the G20 members and Afghanistan's neighbours, with a separate head of government.
const PARLIAMENTARY: &[&str] = &[
    "GBR", "CAN", "AUS", "FRA", "DEU", "ITA", "IND", "JPN", "RUS", "CHN", "SAU", "PAK", "UZB",
    "TJK", "IRN", "AFG",
];

/// (code, what, accepted offices, one holder at a time).
fn required() -> Vec<(&'static str, &'static str, &'static [&'static str], bool)> {
    let mut out = Vec::new();
    for &c in PRESIDENTIAL.iter().chain(PARLIAMENTARY) {
        let hog: &[&str] = match c {
            _ if PRESIDENTIAL.contains(&c) => PRESIDENT,
            // Iran's president heads its government under the Supreme Leader.
            "IRN" => PRESIDENT,
            _ => PM,
        };
        let hos = match c {
            "IRN" | "AFG" => SUPREME_LEADER,
            _ => HEAD_OF_STATE,
        };
        let foreign = match c {
            "GBR" => FOREIGN_GBR,
            "USA" => FOREIGN_USA,
            "IND" => FOREIGN_IND,
            _ => FOREIGN,
        };
        out.push((c, "head of state", hos, true));
        out.push((c, "head of government", hog, true));
        out.push((c, "foreign minister", foreign, true));
        out.push((c, "defence minister", DEFENCE, true));
    }
    out.extend([
        (
            "AFG",
            "deputy prime minister",
            &["Deputy Prime Minister"][..],
            false,
        ),
        ("AFG", "interior minister", &["Interior Minister"][..], true),
        (
            "AFG",
            "intelligence chief",
            &["intelligence chief"][..],
            true,
        ),
        (
            "EUR",
            "Commission president",
            &["President of the European Commission"][..],
            true,
        ),
        (
            "EUR",
            "Council president",
            &["President of the European Council"][..],
            true,
        ),
        (
            "EUR",
            "High Representative",
            &["High Representative"][..],
            true,
        ),
        (
            "IGO",
            "AU Commission chair",
            &["Chairperson of the African Union Commission"][..],
            true,
        ),
        (
            "IGO",
            "NATO Secretary General",
            &["NATO Secretary General"][..],
            true,
        ),
        (
            "UNO",
            "UN Secretary-General",
            &["Secretary-General"][..],
            true,
        ),
    ]);
    out
}

/// An acting or caretaker holder holds the office ("acting Foreign Minister").
fn stripped(office: &str) -> &str {
    ["acting ", "caretaker ", "interim "]
        .iter()
        .find_map(|p| office.strip_prefix(p))
        .unwrap_or(office)
}

fn acting(o: &Office) -> bool {
    stripped(&o.office) != o.office
}

/// Holders of one of `offices` of `code` on `date`: (name, acting).
fn holders(code: &str, offices: &[&str], date: NaiveDate) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for p in &Dict::get().people {
        for o in &p.offices {
            if o.code == code && offices.contains(&stripped(&o.office)) && o.span.contains(date) {
                // A queen and a king are one head of state: count each person once.
                if !out.iter().any(|(n, _)| n == &p.name) {
                    out.push((p.name.clone(), acting(o)));
                }
            }
        }
    }
    out
}

#[test]
fn every_required_office_has_one_holder_on_each_reference_date() {
    let mut gaps = Vec::new();
    for date in DATES {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
        for (code, what, offices, single) in required() {
            let found = holders(code, offices, d);
            let full: Vec<&String> = found.iter().filter(|h| !h.1).map(|h| &h.0).collect();
            if found.is_empty() {
                gaps.push(format!("{date} {code} {what}: nobody"));
            } else if single && full.len() > 1 {
                gaps.push(format!("{date} {code} {what}: {full:?} at once"));
            }
        }
    }
    assert!(gaps.is_empty(), "{} gaps:\n{}", gaps.len(), gaps.join("\n"));
}

fn code_of(text: &str, date: &str) -> Vec<(String, String)> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    ActorCoder::embedded()
        .explain(text, d)
        .into_iter()
        .map(|m| (m.code, m.sector))
        .collect()
}

#[test]
fn former_prime_ministers_are_elites_after_their_terms() {
    let gov = [("GBR".to_string(), "GOV".to_string())];
    let eli = [("GBR".to_string(), "ELI".to_string())];
    assert_eq!(code_of("Liz Truss spoke.", "2022-10-01"), gov);
    assert_eq!(code_of("Liz Truss spoke.", "2024-06-01"), eli);
    assert_eq!(code_of("Boris Johnson spoke.", "2022-06-01"), gov);
    assert_eq!(code_of("Boris Johnson spoke.", "2023-06-01"), eli);
}

#[test]
fn taliban_ministers_are_found_under_the_names_news_uses() {
    for name in [
        "Mullah Hassan Akhund",
        "Amir Khan Mottaqi",
        "Siraj Haqqani",
        "Mullah Yaqoob",
        "Mullah Baradar",
        "Hibatullah Akhundzada",
        "Abdul Salam Hanafi",
        "Abdul Haq Wasiq",
    ] {
        let text = format!("{name} met the delegation.");
        let got = code_of(&text, "2024-06-01");
        assert_eq!(
            got.first(),
            Some(&("AFG".to_string(), "GOV".to_string())),
            "{name}: {got:?}"
        );
    }
}

//! Users' own actor dictionaries in TOML, loaded at run time on top of the embedded ones
//! (`--actors FILE.toml`). Their entries win over embedded entries of the same name.
//!
//! ```toml
//! [[person]]                      # one table per office held; repeat the name for each
//! name = "Jane Roe"
//! aliases = ["J. Roe"]
//! office = "Foreign Minister"
//! code = "XYZ"                    # ISO3, or UNO/EUR/IGO/IMG/NGO/MNC
//! sector = "GOV"
//! rank = 3                        # 4 head of state/government ... 1 envoy; optional
//! from = "2020-01-01"             # optional, inclusive
//! to = "2023-12-31"               # optional, inclusive; out of every office she is ELI
//!
//! [[organisation]]
//! names = ["Harbour Front", "the Harbour Front", "HF"]
//! code = "XYZ"
//! sector = "REB"                  # the sector outside any period below
//! org = "HF"                      # optional short name
//! periods = [{ from = "2022-05-01", sector = "GOV" }]
//!
//! [[title]]
//! name = "harbour master"         # matched case-insensitively
//! sector = "GOV"
//! rank = 1
//! class = "office"                # office | role | body | group
//! ```

use super::dictionary::{Entries, Office, Org, Person, Span, Title, TitleClass};
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    person: Vec<PersonRow>,
    #[serde(default)]
    organisation: Vec<OrgRow>,
    #[serde(default)]
    title: Vec<TitleRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonRow {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    office: String,
    code: String,
    #[serde(default = "gov")]
    sector: String,
    rank: Option<u8>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgRow {
    names: Vec<String>,
    code: String,
    #[serde(default)]
    sector: String,
    org: Option<String>,
    #[serde(default)]
    periods: Vec<PeriodRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodRow {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    sector: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleRow {
    name: String,
    sector: String,
    rank: Option<u8>,
    #[serde(default = "role")]
    class: String,
}

fn gov() -> String {
    "GOV".into()
}

fn role() -> String {
    "role".into()
}

/// The entries of one TOML dictionary, or what is wrong with it.
pub(crate) fn parse(text: &str) -> Result<Entries, String> {
    let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Entries::default();
    for row in file.person {
        if row.name.trim().is_empty() || row.code.trim().is_empty() {
            return Err(format!("person {:?}: name and code are required", row.name));
        }
        let office = Office {
            office: row.office,
            code: row.code.to_uppercase(),
            sector: row.sector.to_uppercase(),
            rank: row.rank,
            span: Span {
                from: row.from,
                to: row.to,
            },
        };
        // Several tables for one name are one person's offices.
        match out.people.iter_mut().find(|(p, _)| p.name == row.name) {
            Some((p, aliases)) => {
                p.offices.push(office);
                aliases.extend(row.aliases);
            }
            None => out.people.push((
                Person {
                    name: row.name,
                    offices: vec![office],
                },
                row.aliases,
            )),
        }
    }
    for row in file.organisation {
        let Some(first) = row.names.first().cloned() else {
            return Err(format!("organisation coded {}: no names", row.code));
        };
        let periods = row
            .periods
            .into_iter()
            .map(|p| {
                let span = Span {
                    from: p.from,
                    to: p.to,
                };
                (span, p.sector.to_uppercase())
            })
            .collect();
        let org = Org {
            name: first,
            code: row.code.to_uppercase(),
            sector: row.sector.to_uppercase(),
            org: row.org,
            periods,
        };
        out.orgs.push((row.names, org));
    }
    for row in file.title {
        let class = match row.class.as_str() {
            "office" => TitleClass::Office,
            "role" => TitleClass::Role,
            "body" => TitleClass::Body,
            "group" => TitleClass::Group,
            other => return Err(format!("title {:?}: unknown class {other:?}", row.name)),
        };
        let title = Title {
            sector: row.sector.to_uppercase(),
            rank: row.rank,
            class,
        };
        out.titles.push((row.name, title));
    }
    Ok(out)
}

//! Import of the field's dictionary formats: PETRARCH/TABARI actor files (`Phoenix.*.actors.txt`)
//! and agent files (`Phoenix.agents.txt`).
//!
//! Actors: an entry line `HAMID_KARZAI_ [AFGGOV]` (words joined by `_`), synonyms on `+` lines,
//! codes in brackets on the same or following (indented) lines, each optionally restricted in
//! time: `[AFGREB <20210815]` (before), `[AFGGOV >20210815]` (from), `[AFGGOV 011222-141231]`
//! (a range; six-digit dates are YYMMDD, years below 30 being 20YY). A code is a three-letter
//! state or organisation code and a role (`AFG` + `GOV`); an entry becomes an organisation-like
//! entry of that code whose sector follows the periods.
//! Agents: `MINISTER [~GOV]`, `ANTI_RIOT_POLICE {} [~COP]` (plurals in braces), with substitution
//! sets `!MINIST! = MINISTER, MINISTRY` expanded; they become group nouns of that sector (agents
//! name kinds of people and bodies, "riot police", "dock workers": with no state named they
//! belong to the article's home state, and they take no person's name after them).

use super::dictionary::{Entries, Org, Span, Title, TitleClass};
use chrono::NaiveDate;

/// Sectors attache codes; other PETRARCH roles (religious, agricultural, ...) are left out.
const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "REB", "PTY", "OPP", "BUS", "MED", "CVL", "REF", "ELI",
    "UAF",
];

/// Small words kept lowercase when a name is written in title case.
const LOWER: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "de", "del", "la", "al", "bin",
];

/// Whether `text` looks like an agents file rather than an actors file.
pub(crate) fn is_agents(text: &str) -> bool {
    text.lines().map(strip_comment).any(|l| l.contains("[~"))
}

fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("")
}

/// A PETRARCH date: YYYYMMDD, or YYMMDD with years below 30 in this century.
fn date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    match s.len() {
        8 => NaiveDate::parse_from_str(s, "%Y%m%d").ok(),
        6 => {
            let yy: i32 = s.get(..2)?.parse().ok()?;
            let year = if yy < 30 { 2000 + yy } else { 1900 + yy };
            let m: u32 = s.get(2..4)?.parse().ok()?;
            let d: u32 = s.get(4..6)?.parse().ok()?;
            NaiveDate::from_ymd_opt(year, m, d)
        }
        _ => None,
    }
}

/// One bracketed code: its state/organisation code, sector, and validity.
struct Code {
    code: String,
    sector: String,
    span: Option<Span>,
}

fn parse_code(inside: &str) -> Option<Code> {
    let mut parts = inside.split_whitespace();
    let c = parts.next()?.to_uppercase();
    if c.len() < 3 || !c.is_char_boundary(3) {
        return None;
    }
    let role = c.get(3..6).unwrap_or("");
    let sector = if SECTORS.contains(&role) { role } else { "" };
    let span = match parts.next() {
        None => None,
        Some(r) => Some(if let Some(d) = r.strip_prefix('<') {
            Span {
                from: None,
                to: date(d).and_then(|d| d.pred_opt()),
            }
        } else if let Some(d) = r.strip_prefix('>') {
            Span {
                from: date(d),
                to: None,
            }
        } else {
            let (a, b) = r.split_once('-')?;
            Span {
                from: date(a),
                to: date(b),
            }
        }),
    };
    Some(Code {
        code: c[..3].to_string(),
        sector: sector.to_string(),
        span,
    })
}

/// The bracketed codes in a line, and the text before the first bracket.
fn split_codes(line: &str) -> (&str, Vec<Code>) {
    let head = line.split('[').next().unwrap_or("");
    let codes = line
        .split('[')
        .skip(1)
        .filter_map(|c| c.split(']').next())
        .filter_map(parse_code)
        .collect();
    (head, codes)
}

/// `HAMID_KARZAI_` → "Hamid Karzai" and "HAMID KARZAI" (acronyms such as "NATO" stay matched).
fn name_forms(raw: &str) -> Vec<String> {
    let words: Vec<&str> = raw
        .trim()
        .trim_start_matches('+')
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let upper = words.join(" ");
    let title = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && LOWER.contains(&lower.as_str()) {
                return lower;
            }
            let mut cs = lower.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ");
    if title == upper {
        vec![title]
    } else {
        vec![title, upper]
    }
}

/// Entries of a PETRARCH/TABARI actors file: every entry as an organisation-like actor.
pub(crate) fn parse_actors(text: &str) -> Entries {
    let mut out = Entries::default();
    let mut names: Vec<String> = Vec::new();
    let mut codes: Vec<Code> = Vec::new();
    let mut flush = |names: &mut Vec<String>, codes: &mut Vec<Code>| {
        if let Some(org) = to_org(names, codes) {
            out.orgs.push((std::mem::take(names), org));
        }
        names.clear();
        codes.clear();
    };
    for raw in text.lines() {
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let (head, found) = split_codes(line);
        let first = line.chars().next().unwrap_or(' ');
        if first == '+' {
            names.extend(name_forms(head));
        } else if first.is_whitespace() || first == '[' {
            // Codes on their own lines belong to the entry above.
        } else if first.is_alphanumeric() {
            flush(&mut names, &mut codes);
            names.extend(name_forms(head));
        } else {
            continue;
        }
        codes.extend(found);
    }
    flush(&mut names, &mut codes);
    out
}

/// An entry's code is its undated code (else its latest); dated codes of the same state become
/// sector periods.
fn to_org(names: &[String], codes: &[Code]) -> Option<Org> {
    let name = names.first()?.clone();
    let main = codes.iter().find(|c| c.span.is_none()).or_else(|| {
        codes
            .iter()
            .max_by_key(|c| c.span.as_ref().and_then(|s| s.from))
    })?;
    let periods = codes
        .iter()
        .filter(|c| c.code == main.code)
        .filter_map(|c| Some((c.span.clone()?, c.sector.clone())))
        .collect();
    Some(Org {
        name,
        code: main.code.clone(),
        sector: main.sector.clone(),
        org: None,
        periods,
    })
}

/// Titles of a PETRARCH/TABARI agents file: each agent a role of its sector, its plurals groups.
pub(crate) fn parse_agents(text: &str) -> Entries {
    let mut out = Entries::default();
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        // "!PERSON! = MAN, MEN, WOMAN"
        if let Some((name, alts)) = line.split_once('=').filter(|_| line.starts_with('!')) {
            let alts = alts.split(',').map(|a| a.trim().to_string()).collect();
            sets.push((name.trim().to_string(), alts));
            continue;
        }
        let Some(code) = line.split("[~").nth(1).and_then(|c| c.split(']').next()) else {
            continue;
        };
        let sector = code.get(..3).unwrap_or("").to_uppercase();
        if !SECTORS.contains(&sector.as_str()) {
            continue;
        }
        let head = line.split(['[', '{']).next().unwrap_or("");
        let plurals: Vec<&str> = line
            .split('{')
            .nth(1)
            .and_then(|p| p.split('}').next())
            .map(|p| {
                p.split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let forms = std::iter::once(head).chain(plurals.iter().copied());
        for form in forms {
            for expanded in expand(form, &sets) {
                let pat = expanded
                    .split(['_', ' '])
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                if pat.len() < 3 {
                    continue;
                }
                let title = || Title {
                    sector: sector.clone(),
                    rank: None,
                    class: TitleClass::Group,
                };
                // Regular plurals are implied by the format.
                if !pat.ends_with('s') {
                    out.titles.push((format!("{pat}s"), title()));
                }
                out.titles.push((pat, title()));
            }
        }
    }
    out
}

/// `FOREIGN_!MINIST!` → every substitution of its set.
fn expand(form: &str, sets: &[(String, Vec<String>)]) -> Vec<String> {
    for (name, alts) in sets {
        if form.contains(name.as_str()) {
            return alts
                .iter()
                .flat_map(|a| expand(&form.replacen(name.as_str(), a, 1), sets))
                .collect();
        }
    }
    vec![form.to_string()]
}

//! GDELT 2.0 event table rows: 61 tab-separated columns in GDELT's order, no header, as in
//! GDELT's own export files, so that scripts written for GDELT read ours unchanged.
//!
//! What we fill and how:
//! - GLOBALEVENTID is our event id; DATEADDED is the first publication date at 000000 (we keep
//!   dates, not times); SOURCEURL is the URL of the representative mention's article.
//! - Actor codes are our country/organisation code followed by the sector (CAMEO actor codes
//!   are built the same way: "AFGGOV"); Actor*CountryCode is the code when it is a country.
//! - Geography: GDELT writes FIPS 10-4 country codes; our places carry ISO 3166 alpha-3, turned
//!   into FIPS with GeoNames' table (see `fips.rs`) for ActionGeo_CountryCode; a code GeoNames
//!   gives no FIPS for leaves the column empty, since ISO letters there would read as another
//!   country (ISO "AU" is Australia, FIPS "AU" Austria). Lat/long and feature ids are empty.
//! - Columns we have no data for (ethnic, religion, tone, ADM codes) are empty.
//! - An undated event has empty date columns.

use std::io::{self, Write};

use super::fips::fips_of;
use crate::record::EventRecord;

pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Codes that are organisations or groups rather than countries.
const NON_STATE: &[&str] = &["UNO", "EUR", "IGO", "IMG", "NGO", "MNC"];

// Tabs and newlines would shift or split a row; GDELT fields never contain them.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn actor_columns(actor: Option<&attache_coder::ActorRef>) -> [String; 10] {
    let mut cols: [String; 10] = Default::default();
    if let Some(a) = actor {
        cols[0] = clean(&format!("{}{}", a.code, a.sector));
        cols[1] = clean(
            &a.name
                .clone()
                .or_else(|| a.org.clone())
                .unwrap_or_else(|| a.text.clone())
                .to_uppercase(),
        );
        if !NON_STATE.contains(&a.code.as_str()) {
            cols[2] = clean(&a.code);
        } else {
            cols[3] = clean(a.org.as_deref().unwrap_or(&a.code));
        }
        cols[7] = clean(&a.sector);
    }
    cols
}

/// The 61 fields of one event.
pub fn gdelt_row(e: &EventRecord) -> Vec<String> {
    let mut row: Vec<String> = Vec::with_capacity(61);
    row.push(e.id.to_string());
    let date = e.date.as_deref().unwrap_or("");
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    let (year, month, day) = (
        digits.get(..4).unwrap_or(""),
        digits.get(4..6).unwrap_or(""),
        digits.get(6..8).unwrap_or(""),
    );
    // GDELT dates are days; a coarser date is placed on its first day, as GDELT does for
    // "last month" reports, and the precision is in our own exports.
    let (m, d) = (
        if month.is_empty() { "01" } else { month },
        if day.is_empty() { "01" } else { day },
    );
    if year.is_empty() {
        row.extend(vec![String::new(); 4]);
    } else {
        row.push(format!("{year}{m}{d}"));
        row.push(format!("{year}{m}"));
        row.push(year.to_string());
        // GDELT's own approximation: (MONTH * 30 + DAY) / 365.
        let frac =
            (m.parse::<f64>().unwrap_or(1.0) * 30.0 + d.parse::<f64>().unwrap_or(1.0)) / 365.0;
        row.push(format!(
            "{:.4}",
            year.parse::<f64>().unwrap_or(0.0) + frac.min(0.9999)
        ));
    }
    row.extend(actor_columns(e.source.as_ref()));
    row.extend(actor_columns(e.target.as_ref()));
    // IsRootEvent: GDELT's proxy for importance is the lead paragraph; ours is "reported as
    // news" (not recalled as background).
    row.push(if e.background { "0" } else { "1" }.into());
    row.push(e.cameo.clone());
    row.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_string());
    row.push(e.cameo.get(..2).unwrap_or(&e.cameo).to_string());
    row.push(e.quad_class.to_string());
    row.push(format!("{:.1}", e.goldstein));
    row.push(e.num_mentions.to_string());
    row.push(e.num_sources.to_string());
    row.push(e.num_articles.to_string());
    row.push(String::new()); // AvgTone
    row.extend(vec![String::new(); 16]); // Actor1Geo_*, Actor2Geo_*
    if e.location_code.is_empty() && e.location.is_empty() {
        row.extend(vec![String::new(); 8]);
    } else {
        // 4 = world city when a place is named, 1 = country when only its code is known.
        row.push(if e.location.is_empty() { "1" } else { "4" }.into());
        row.push(clean(&e.location));
        row.push(fips_of(&e.location_code).unwrap_or("").to_string());
        row.extend(vec![String::new(); 5]);
    }
    let added: String = e
        .first_seen
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    row.push(if added.len() == 8 {
        format!("{added}000000")
    } else {
        String::new()
    });
    row.push(clean(e.url.as_deref().unwrap_or("")));
    row
}

/// Writes `events` as GDELT rows, tab-separated, one per line, no header.
pub fn write_gdelt(out: &mut impl Write, events: &[EventRecord]) -> io::Result<()> {
    for e in events {
        writeln!(out, "{}", gdelt_row(e).join("\t"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_61_fields() {
        let e = EventRecord {
            id: 7,
            plover: "CONSULT".into(),
            cameo: "0421".into(),
            source: None,
            target: None,
            source_rank: None,
            target_rank: None,
            undirected: true,
            quad_class: 1,
            goldstein: 1.9,
            modality: "asserted".into(),
            background: false,
            date: Some("2021-08".into()),
            date_precision: "month".into(),
            date_end: None,
            location: "Kabul".into(),
            location_code: "AFG".into(),
            num_mentions: 2,
            num_articles: 2,
            num_sources: 1,
            first_seen: Some("2021-08-20".into()),
            last_seen: None,
            article: "a".into(),
            url: None,
            sentence: String::new(),
            trigger: String::new(),
            milestone: None,
            milestone_since: None,
        };
        let row = gdelt_row(&e);
        assert_eq!(row.len(), GDELT_COLUMNS.len());
        assert_eq!(GDELT_COLUMNS.len(), 61);
        assert_eq!(row[1], "20210801");
        assert_eq!(row[27], "042");
        assert_eq!(row[28], "04");
        assert_eq!(GDELT_COLUMNS[53], "ActionGeo_CountryCode");
        assert_eq!(row[53], "AF");
        assert_eq!(row[59], "20210820000000");
    }
}

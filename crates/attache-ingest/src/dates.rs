//! Dates as they are written at the top of news articles and in JSON `published` fields.

use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::OnceLock;

use crate::warnings::warn;

/// Month names and their usual abbreviations, as a regex alternation (use it case-insensitively).
pub(crate) const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// Years outside this span are far more likely to be other numbers than publication years.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// The number of a month written as a name or abbreviation ("Sept", "october").
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let prefix = name.get(..3)?.to_ascii_lowercase();
    let number = match prefix.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(number)
}

/// A complete date found in a string, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub date: NaiveDate,
    pub span: Range<usize>,
}

fn full_date_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            r"(?i)\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?(?:(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})\.?,?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})[-/.](?P<mo3>\d{{1,2}})[-/.](?P<d3>\d{{1,2}}))\b"
        );
        // A constant pattern: the unit tests compile it, so this cannot fail at run time.
        Regex::new(&pattern).expect("the full-date pattern is a valid regex")
    })
}

/// The first date in `s` written with day, month and year ("February 17, 2025",
/// "12 Jan 2024", "2024-01-12"), optionally after a weekday.
pub(crate) fn find_full_date(s: &str) -> Option<FoundDate> {
    full_date_regex().captures_iter(s).find_map(|caps| {
        let whole = caps.get(0)?;
        let date = date_from_captures(&caps)?;
        Some(FoundDate {
            date,
            span: whole.range(),
        })
    })
}

fn date_from_captures(caps: &Captures<'_>) -> Option<NaiveDate> {
    let text = |name: &str| caps.name(name).map(|m| m.as_str());
    let (year, month, day) = if let Some(y) = text("y1") {
        (y, month_number(text("m1")?)?, text("d1")?)
    } else if let Some(y) = text("y2") {
        (y, month_number(text("m2")?)?, text("d2")?)
    } else {
        (text("y3")?, text("mo3")?.parse().ok()?, text("d3")?)
    };
    ymd(year.parse().ok()?, month, day.parse().ok()?)
}

/// A valid date in a plausible year. A plausible year with an impossible month or day (31
/// February, month 13) is a warning: it was written as a date, and it is dropped.
pub(crate) fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !YEARS.contains(&year) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, month, day);
    if date.is_none() {
        warn(|| impossible(&format!("{year:04}-{month:02}-{day:02}")));
    }
    date
}

/// Whether `s` is written as YYYY-MM-DD (whatever the numbers).
pub(crate) fn has_iso_shape(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// The warning for a date that has a date's shape and no day in the calendar.
pub(crate) fn impossible(date: &str) -> String {
    format!("ignored the impossible date {date:?}")
}

/// A `published` value: "YYYY-MM-DD" or an ISO 8601 date-time. The date is taken as written,
/// in the time zone the value was written in, because that is the newsroom's calendar day.
/// An impossible one ("0000-00-00", "2025-02-31", "2025-13-01") is a warning.
pub(crate) fn parse_published(value: &str) -> Option<NaiveDate> {
    let date = parse_published_quietly(value);
    if date.is_none() {
        let value = value.trim();
        if value.get(..10).is_some_and(has_iso_shape) && is_date_time_end(&value[10..]) {
            warn(|| impossible(value));
        }
    }
    date
}

/// [`parse_published`] without the warning, for a value already reported (readability reads
/// the same meta tags as our own look-up).
pub(crate) fn parse_published_quietly(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let day = value.get(..10)?;
    if !is_date_time_end(&value[10..]) {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// What may follow the day of an ISO date: nothing, or a time.
fn is_date_time_end(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with(['T', 't', ' '])
}

/// The date with this month and day whose year is nearest to `reference`, so that a dateline
/// "Dec 31" read with a reference of January 2 lands in the previous year.
pub(crate) fn nearest_with_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let year = reference.year();
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - reference).num_days().abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn finds_each_written_form() {
        assert_eq!(
            find_full_date("February 17, 2025").map(|f| f.date),
            Some(d(2025, 2, 17))
        );
        assert_eq!(
            find_full_date("Sept. 3rd 2024").map(|f| f.date),
            Some(d(2024, 9, 3))
        );
        assert_eq!(
            find_full_date("12 Jan 2024 10:30").map(|f| f.date),
            Some(d(2024, 1, 12))
        );
        assert_eq!(
            find_full_date("x 2024-01-12 y").map(|f| f.date),
            Some(d(2024, 1, 12))
        );
        assert_eq!(
            find_full_date("Monday, March 4, 2024").map(|f| f.span),
            Some(0..21)
        );
    }

    #[test]
    fn rejects_impossible_or_partial_dates() {
        assert_eq!(find_full_date("February 30, 2025"), None);
        assert_eq!(find_full_date("October 19"), None);
        assert_eq!(find_full_date("2024-13-01"), None);
        assert_eq!(find_full_date("Mayday 12 2024"), None);
    }

    #[test]
    fn impossible_dates_are_warnings() {
        let (found, warnings) = crate::warnings::capture(|| {
            [
                parse_published("0000-00-00"),
                parse_published("2025-02-31T10:00:00Z"),
                parse_published("2025-13-01"),
                find_full_date("31 February 2025").map(|f| f.date),
                // Not dates at all, or years that are other numbers: no warning.
                parse_published("yesterday"),
                find_full_date("February 31, 0012").map(|f| f.date),
            ]
        });
        assert_eq!(found, [None; 6]);
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "ignored the impossible date \"0000-00-00\"",
                "ignored the impossible date \"2025-02-31T10:00:00Z\"",
                "ignored the impossible date \"2025-13-01\"",
                "ignored the impossible date \"2025-02-31\"",
            ]
        );
    }

    #[test]
    fn published_values() {
        assert_eq!(parse_published("2021-10-19"), Some(d(2021, 10, 19)));
        assert_eq!(
            parse_published("2021-10-19T23:30:00+05:30"),
            Some(d(2021, 10, 19))
        );
        assert_eq!(parse_published("2021-10-19 08:00"), Some(d(2021, 10, 19)));
        assert_eq!(parse_published("2021-10-19x"), None);
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published("19/10/2021"), None);
    }

    #[test]
    fn nearest_year_crosses_new_year() {
        assert_eq!(
            nearest_with_year(12, 31, d(2025, 1, 2)),
            Some(d(2024, 12, 31))
        );
        assert_eq!(
            nearest_with_year(10, 19, d(2021, 10, 20)),
            Some(d(2021, 10, 19))
        );
        assert_eq!(
            nearest_with_year(2, 29, d(2025, 3, 1)),
            Some(d(2024, 2, 29))
        );
    }
}

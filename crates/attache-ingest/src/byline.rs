//! Byline lines above an article: "News Desk February 17, 2025", "By Jane Doe | March 3, 2024",
//! "Updated: 12 Jan 2024 10:30 IST", "2024-01-12", or a bare "By Jane Doe". Such a line is
//! page furniture as a whole, and when it carries a date that date is the publication date.

use crate::dates::find_full_date;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

const LEADS: &str = include_str!("../../../data/ingest/byline_leads.txt");

/// A line longer than this is prose, whatever it contains.
const MAX_LEN: usize = 100;
/// Name-only bylines ("Tahir Khan Web Desk") are short; a longer run of capitalised words
/// before a date is more likely a headline.
const MAX_NAME_WORDS: usize = 6;
/// A byline introduced by a lead word ("By ...", "Updated ...") may name a few people.
const MAX_LEAD_WORDS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Byline {
    Dated(NaiveDate),
    Undated,
}

/// What a whole, trimmed line is, if it is a byline.
pub(crate) fn classify(line: &str) -> Option<Byline> {
    if line.len() > MAX_LEN {
        return None;
    }
    if let Some(found) = find_full_date(line) {
        let before = &line[..found.span.start];
        let after = &line[found.span.end..];
        return (is_time_tail(after) && is_byline_prefix(before))
            .then_some(Byline::Dated(found.date));
    }
    is_author_line(line).then_some(Byline::Undated)
}

fn leads() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        LEADS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

fn time_tail_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // A constant pattern, compiled by the unit tests: it cannot fail at run time.
    RE.get_or_init(|| {
        Regex::new(
            r"^\s*(?:[,|·•–—-]\s*)?(?:(?i:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?i:[ap]\.?m\.?)?)?\s*(?:\(?[A-Z]{2,5}\)?)?\s*$",
        )
        .expect("the time pattern is a valid regex")
    })
}

/// After the date a byline may only give a time and a time zone.
fn is_time_tail(after: &str) -> bool {
    time_tail_regex().is_match(after)
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || "|·•,:;–—-/".contains(c)
}

/// Before the date: nothing, a lead word such as "By" or "Updated", or a short run of
/// capitalised words naming a person or desk.
fn is_byline_prefix(before: &str) -> bool {
    let prefix = before.trim_end_matches(is_separator);
    if prefix.is_empty() {
        return true;
    }
    // A bullet or dash in front marks a list item ("• Date: July 13, 2024"), often the date of
    // the event rather than of the article.
    if !prefix.starts_with(char::is_alphanumeric) {
        return false;
    }
    let words: Vec<&str> = prefix
        .split(is_separator)
        .filter(|w| !w.is_empty())
        .collect();
    if starts_with_lead(prefix) {
        return words.len() <= MAX_LEAD_WORDS && !prefix.contains(['.', '!', '?']);
    }
    words.len() <= MAX_NAME_WORDS && words.iter().all(|w| is_name_word(w))
}

fn starts_with_lead(prefix: &str) -> bool {
    let lower = prefix.to_lowercase();
    leads().iter().any(|lead| {
        lower
            .strip_prefix(lead.as_str())
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    })
}

fn is_name_word(word: &str) -> bool {
    matches!(
        word,
        "and" | "&" | "de" | "al" | "el" | "bin" | "van" | "von"
    ) || word.chars().next().is_some_and(char::is_uppercase)
}

/// "By Jane Doe", "By DAVID KEYTON and Jo Roe": a lead "By" then names only.
fn is_author_line(line: &str) -> bool {
    let Some(names) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
    else {
        return false;
    };
    let words: Vec<&str> = names
        .split(is_separator)
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= MAX_NAME_WORDS
        && words.iter().all(|w| is_name_word(w))
        && !line.ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(y: i32, m: u32, d: u32) -> Option<Byline> {
        Some(Byline::Dated(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn desk_and_date() {
        assert_eq!(classify("News Desk February 17, 2025"), dated(2025, 2, 17));
        assert_eq!(classify("Web Desk— October 29, 2025"), dated(2025, 10, 29));
    }

    #[test]
    fn lead_words_and_times() {
        assert_eq!(classify("By Jane Doe | March 3, 2024"), dated(2024, 3, 3));
        assert_eq!(
            classify("Updated: 12 Jan 2024 10:30 IST"),
            dated(2024, 1, 12)
        );
        assert_eq!(
            classify("Published Nov 16, 2025 11:13 am"),
            dated(2025, 11, 16)
        );
        assert_eq!(
            classify("last updated on 5 May 2023 (GMT)"),
            dated(2023, 5, 5)
        );
    }

    #[test]
    fn bare_dates() {
        assert_eq!(classify("2024-01-12"), dated(2024, 1, 12));
        assert_eq!(classify("2024-08-05 14:04:01"), dated(2024, 8, 5));
        assert_eq!(classify("Tuesday, August 9, 2025"), dated(2025, 8, 9));
    }

    #[test]
    fn author_lines_without_date() {
        assert_eq!(classify("By Jane Doe"), Some(Byline::Undated));
        assert_eq!(classify("BY DAVID ROE and Ann Poe"), Some(Byline::Undated));
        assert_eq!(classify("By Monday, rebel forces had left the town."), None);
    }

    #[test]
    fn sentences_with_dates_are_not_bylines() {
        assert_eq!(classify("Talks resume on March 3, 2024"), None);
        assert_eq!(
            classify("The ceasefire began on 12 Jan 2024 and held."),
            None
        );
        assert_eq!(classify("March 3, 2024 was the day the talks began"), None);
        assert_eq!(classify("• Date: July 13, 2024"), None);
        assert_eq!(classify("Byzantine Empire Fell May 29, 1453"), None);
    }
}

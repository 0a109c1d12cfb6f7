//! The ` date YYYY-MM-DD ` header that opens our plain-text articles (and the `text` of our JSON
//! Lines records). It may share its line with the first sentence, so only the header itself is
//! boilerplate, never the rest of the line.

use chrono::NaiveDate;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

fn header_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // A constant pattern, compiled by the unit tests: it cannot fail at run time.
    RE.get_or_init(|| {
        Regex::new(r"\A[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})([ \t]*)")
            .expect("the header pattern is a valid regex")
    })
}

/// The header's date and its byte range, trailing spaces included, so the prose after it
/// starts exactly at `range.end`.
pub(crate) fn find_header(text: &str) -> Option<(NaiveDate, Range<usize>)> {
    let caps = header_regex().captures(text)?;
    let whole = caps.get(0)?;
    let spaced = caps.get(2).is_some_and(|m| !m.is_empty());
    let rest = &text[whole.end()..];
    // "date 2024-01-01x" is not our header; the date must end at a space or the end of a line.
    if !(spaced || rest.is_empty() || rest.starts_with(['\n', '\r'])) {
        return None;
    }
    let written = caps.get(1)?.as_str();
    let Ok(date) = NaiveDate::parse_from_str(written, "%Y-%m-%d") else {
        crate::warnings::warn(|| crate::dates::impossible(written));
        return None;
    };
    Some((date, whole.range()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_sharing_a_line_with_prose() {
        let text = " date 2025-05-16 In a diplomatic step, the minister called.";
        let (date, range) = find_header(text).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2025, 5, 16).unwrap());
        assert_eq!(&text[range.clone()], " date 2025-05-16 ");
        assert!(text[range.end..].starts_with("In a diplomatic"));
    }

    #[test]
    fn header_alone_on_its_line() {
        let text = " date 2023-06-25\r\nBody.";
        let (_, range) = find_header(text).unwrap();
        assert_eq!(&text[range], " date 2023-06-25");
    }

    #[test]
    fn not_a_header() {
        assert_eq!(find_header("The date 2023-06-25 was set."), None);
        assert_eq!(find_header(" date 2023-02-30 x"), None);
        assert_eq!(find_header(" date 2023-06-25x"), None);
        assert_eq!(find_header("Update: date 2023-06-25"), None);
    }
}

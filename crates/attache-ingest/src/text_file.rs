//! Plain-text articles: the whole content is the text; the date and boilerplate are found in it.

use crate::boilerplate::{boilerplate_lines, merge};
use crate::front_matter;
use crate::{Article, ReadOptions};
use chrono::NaiveDate;
use std::ops::Range;

/// What reading a text finds in it: a publication date and the ranges that are not prose.
pub(crate) struct Annotations {
    pub date: Option<NaiveDate>,
    pub boilerplate: Vec<Range<usize>>,
}

/// Shared by every reader, so that a JSON record's text gets the same treatment as a file.
pub(crate) fn annotate(text: &str, opts: &ReadOptions) -> Annotations {
    let front = front_matter::scan(text, opts.published);
    let mut ranges = front.ranges;
    ranges.extend(boilerplate_lines(text));
    Annotations {
        date: front.date,
        boilerplate: merge(ranges),
    }
}

/// Drops a UTF-8 byte-order mark: it is an encoding artefact, not text, and would hide the
/// ` date ` header.
pub(crate) fn without_bom(mut raw: String) -> String {
    if raw.starts_with('\u{feff}') {
        raw.drain(..'\u{feff}'.len_utf8());
    }
    raw
}

/// One plain-text article from its raw content (also used for stdin that is not JSON Lines).
/// The date comes from the ` date YYYY-MM-DD` header, else a byline or dateline near the top,
/// else `opts.published`.
pub fn parse_text_article(id: &str, raw: String, opts: &ReadOptions) -> Article {
    let text = without_bom(raw);
    let found = annotate(&text, opts);
    Article {
        id: id.to_string(),
        published: found.date.or(opts.published),
        boilerplate: found.boilerplate,
        text,
        ..Article::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn published(s: &str) -> ReadOptions {
        ReadOptions {
            published: Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()),
        }
    }

    #[test]
    fn header_date_and_range() {
        let raw = " date 2025-05-16 The minister spoke to his counterpart.\n\nAdvertisement\n\nHe said more.";
        let a = parse_text_article("seed-x", raw.to_string(), &published("2000-01-01"));
        assert_eq!(a.id, "seed-x");
        assert_eq!(a.published, Some(d(2025, 5, 16)));
        assert_eq!(a.text, raw, "text is kept exactly as read");
        let parts: Vec<&str> = a.boilerplate.iter().map(|r| &a.text[r.clone()]).collect();
        assert_eq!(parts, [" date 2025-05-16 ", "Advertisement"]);
        let prose = a.boilerplate[0].end;
        assert!(a.text[prose..].starts_with("The minister"));
        assert_eq!(a.text.find("He said"), Some(raw.find("He said").unwrap()));
    }

    #[test]
    fn byline_forms_give_the_date() {
        for (byline, want) in [
            ("Metro Desk February 17, 2025", d(2025, 2, 17)),
            ("By Jane Doe | March 3, 2024", d(2024, 3, 3)),
            ("Updated: 12 Jan 2024 10:30 IST", d(2024, 1, 12)),
            ("2024-01-12", d(2024, 1, 12)),
        ] {
            let raw =
                format!("Envoys meet in Oslo\n\n{byline}\nPhoto: AFP\n\nEnvoys met on Sunday.\n");
            let a = parse_text_article("x", raw.clone(), &published("2000-01-01"));
            assert_eq!(a.published, Some(want), "{byline}");
            let parts: Vec<&str> = a.boilerplate.iter().map(|r| &a.text[r.clone()]).collect();
            assert_eq!(parts, [byline, "Photo: AFP"]);
        }
    }

    #[test]
    fn datelines_with_and_without_year() {
        let with_year = "GENEVA, March 3, 2024 (Wire) - Envoys met.";
        assert_eq!(
            parse_text_article("x", with_year.into(), &ReadOptions::default()).published,
            Some(d(2024, 3, 3))
        );
        let no_year = "Kabul [Afghanistan], October 19 (Wire): Envoys met.";
        assert_eq!(
            parse_text_article("x", no_year.into(), &ReadOptions::default()).published,
            None,
            "no year known: no date is invented"
        );
        assert_eq!(
            parse_text_article("x", no_year.into(), &published("2021-10-21")).published,
            Some(d(2021, 10, 19))
        );
    }

    #[test]
    fn published_option_is_the_fallback() {
        let a = parse_text_article(
            "x",
            "Envoys met on Sunday.".into(),
            &published("2023-04-05"),
        );
        assert_eq!(a.published, Some(d(2023, 4, 5)));
        assert!(a.boilerplate.is_empty());
        let b = parse_text_article("x", "Envoys met on Sunday.".into(), &ReadOptions::default());
        assert_eq!(b.published, None);
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let a = parse_text_article(
            "x",
            "\u{feff} date 2024-02-03 Text.".into(),
            &ReadOptions::default(),
        );
        assert_eq!(a.text, " date 2024-02-03 Text.");
        assert_eq!(a.published, Some(d(2024, 2, 3)));
    }
}

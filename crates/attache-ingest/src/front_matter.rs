//! The top of an article: its ` date ` header, byline lines and dateline, which together give
//! the publication date and some boilerplate ranges.

use crate::byline::{classify, Byline};
use crate::dateline::find_dateline;
use crate::dates::{nearest_with_year, ymd};
use crate::header::find_header;
use crate::lines::{line_ranges, trim_range};
use chrono::NaiveDate;
use std::ops::Range;

/// Bylines and datelines sit above the first paragraphs; looking further down would mistake
/// dates in the story for the publication date.
const TOP_LINES: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// From the header, else the first byline or dateline with a full date, else a dateline
    /// without a year completed by `year_hint`.
    pub date: Option<NaiveDate>,
    /// Header and byline ranges, in text order.
    pub ranges: Vec<Range<usize>>,
}

/// Reads the top of `text`. `year_hint` (e.g. `--published`) only completes datelines that
/// give no year: a date is never invented without one.
pub(crate) fn scan(text: &str, year_hint: Option<NaiveDate>) -> FrontMatter {
    let mut ranges = Vec::new();
    let header = find_header(text);
    let body_start = header.as_ref().map_or(0, |(_, r)| r.end);
    if let Some((_, range)) = &header {
        ranges.push(range.clone());
    }

    let mut full = None;
    let mut partial = None;
    let top = line_ranges(text)
        .filter(|r| r.end >= body_start)
        .map(|r| trim_range(text, r.start.max(body_start)..r.end))
        .filter(|r| !r.is_empty())
        .take(TOP_LINES);
    for line in top {
        let s = &text[line.clone()];
        match classify(s) {
            Some(Byline::Dated(date)) => {
                full = full.or(Some(date));
                ranges.push(line);
            }
            Some(Byline::Undated) => ranges.push(line),
            None => {
                if let Some(dl) = find_dateline(s) {
                    match dl.year {
                        Some(year) => full = full.or(ymd(year, dl.month, dl.day)),
                        None => partial = partial.or(Some((dl.month, dl.day))),
                    }
                }
            }
        }
    }

    let from_partial = || {
        let (month, day) = partial?;
        nearest_with_year(month, day, year_hint?)
    };
    let date = header.map(|(date, _)| date).or(full).or_else(from_partial);
    FrontMatter { date, ranges }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn header_wins_and_following_byline_is_boilerplate() {
        let text = " date 2022-01-23 By JANE ROE\nAssociated Press\nThe talks began.";
        let fm = scan(text, None);
        assert_eq!(fm.date, Some(d(2022, 1, 23)));
        let parts: Vec<&str> = fm.ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, [" date 2022-01-23 ", "By JANE ROE"]);
    }

    #[test]
    fn byline_under_headline() {
        let text =
            "Envoys meet in Oslo\n\nA subtitle line.\n\n\nCity Desk February 17, 2025\nEnvoys met.";
        let fm = scan(text, Some(d(2000, 1, 1)));
        assert_eq!(fm.date, Some(d(2025, 2, 17)));
        assert_eq!(fm.ranges.len(), 1);
        assert_eq!(&text[fm.ranges[0].clone()], "City Desk February 17, 2025");
    }

    #[test]
    fn dateline_without_year_needs_a_hint() {
        let text = "OSLO, Oct 19 (Wire) - Envoys met on Sunday.";
        assert_eq!(scan(text, None).date, None);
        assert_eq!(
            scan(text, Some(d(2021, 10, 20))).date,
            Some(d(2021, 10, 19))
        );
        assert!(scan(text, None).ranges.is_empty());
    }

    #[test]
    fn full_dateline_beats_yearless_one() {
        let text = "OSLO, Oct 19 (Wire) - Envoys met.\nMarch 3, 2024\n";
        assert_eq!(scan(text, Some(d(2021, 10, 20))).date, Some(d(2024, 3, 3)));
    }

    #[test]
    fn dates_deep_in_the_story_are_ignored() {
        let mut text = String::from("Headline\n");
        for i in 0..TOP_LINES {
            text.push_str(&format!("Paragraph {i} of the story.\n"));
        }
        text.push_str("2024-01-12\n");
        let fm = scan(&text, None);
        assert_eq!(fm.date, None);
        assert!(fm.ranges.is_empty());
    }
}

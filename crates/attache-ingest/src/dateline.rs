//! Wire-style datelines that open the first paragraph: "KABUL, Oct 19 (Reuters) -",
//! "Kabul [Afghanistan], October 19 (ANI):", "Peshawar, January 30". They stay in the text
//! (the place matters to the coder); only their date is read. Most carry no year.

use crate::dates::{month_number, ymd, MONTH};
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dateline {
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
}

fn dateline_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let place = r"\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|of|de|al|el)){0,3}";
        let pattern = format!(
            r"^{place}(?:\s*\[[^\]\n]{{1,40}}\])?\s*,\s*(?:(?P<m1>(?i:{MONTH}))\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>(?i:{MONTH}))\.?)(?:,?\s+(?P<y>\d{{4}}))?\s*(?:\([^)\n]{{1,40}}\))?\.?\s*(?:[-–—:]|$)"
        );
        // A constant pattern, compiled by the unit tests: it cannot fail at run time.
        Regex::new(&pattern).expect("the dateline pattern is a valid regex")
    })
}

/// The dateline that opens `line`, if any.
pub(crate) fn find_dateline(line: &str) -> Option<Dateline> {
    let caps = dateline_regex().captures(line)?;
    let (month, day) = match (caps.name("m1"), caps.name("d1")) {
        (Some(m), Some(d)) => (m, d),
        _ => (caps.name("m2")?, caps.name("d2")?),
    };
    let month = month_number(month.as_str())?;
    let day: u32 = day.as_str().parse().ok()?;
    let year = match caps.name("y") {
        Some(y) => {
            let year: i32 = y.as_str().parse().ok()?;
            // An impossible written date is no dateline at all.
            ymd(year, month, day)?;
            Some(year)
        }
        // February 29 is checked later, once a year is known.
        None if day == 0 || day > 31 => return None,
        None => None,
    };
    Some(Dateline { month, day, year })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dl(month: u32, day: u32, year: Option<i32>) -> Option<Dateline> {
        Some(Dateline { month, day, year })
    }

    #[test]
    fn wire_datelines() {
        assert_eq!(
            find_dateline("KABUL, Oct 19 (Reuters) - The group said"),
            dl(10, 19, None)
        );
        assert_eq!(
            find_dateline("Kabul [Afghanistan], October 19 (ANI): The minister will meet"),
            dl(10, 19, None)
        );
        assert_eq!(find_dateline("Peshawar, January 30"), dl(1, 30, None));
        assert_eq!(
            find_dateline("NEW DELHI, 3 March (PTI) - Talks"),
            dl(3, 3, None)
        );
    }

    #[test]
    fn datelines_with_year() {
        assert_eq!(
            find_dateline("GENEVA, March 3, 2024 (AFP) - Envoys met"),
            dl(3, 3, Some(2024))
        );
        assert_eq!(find_dateline("GENEVA, March 33, 2024 (AFP) - x"), None);
    }

    #[test]
    fn sentences_are_not_datelines() {
        assert_eq!(find_dateline("On Monday, officials met in Doha."), None);
        assert_eq!(find_dateline("In March 2024, talks began."), None);
        assert_eq!(find_dateline("Officials said, March 3 was chosen"), None);
        assert_eq!(find_dateline("WASHINGTON (Reuters) - The envoy"), None);
    }
}

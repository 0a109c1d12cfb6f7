//! Event dates: date expressions found in a sentence, resolved against the publication date.

use crate::event::DatePrecision;
use chrono::NaiveDate;

/// A calendar date known to the day, the month or the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FuzzyDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// A date expression found in text, with what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offsets into the text given to [`find_dates`].
    pub start: usize,
    pub end: usize,
    pub date: FuzzyDate,
    /// End of a range ("1999–2000", "from 3 to 5 May").
    pub date_end: Option<FuzzyDate>,
    /// True when resolved from the publication date ("on Thursday", "last month").
    pub relative: bool,
}

impl FuzzyDate {
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
}

/// Every date expression in `text`, in order, resolved against `published` where relative.
pub fn find_dates(_text: &str, _published: Option<NaiveDate>) -> Vec<DateMention> {
    Vec::new()
}

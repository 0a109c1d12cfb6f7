use chrono::NaiveDate;
use std::ops::Range;

/// One news article, as read from any input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// File name without extension, or the `id` field of a JSON Lines record.
    pub id: String,
    pub url: Option<String>,
    /// Source domain or name, when known ("sify.com").
    pub source: Option<String>,
    /// Publication date: the text header, else a byline/dateline, else the JSON field or `--published`.
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    /// The article text exactly as read: all offsets point into it.
    pub text: String,
    /// Byte ranges of `text` that are not article prose (headers, "Advertisement", comment boxes).
    /// Sorted, non-overlapping.
    pub boilerplate: Vec<Range<usize>>,
}

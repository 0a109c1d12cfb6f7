use chrono::NaiveDate;

/// How inputs are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Publication date for articles that give none (`--published`); it also supplies the
    /// year of a dateline that omits one.
    pub published: Option<NaiveDate>,
}

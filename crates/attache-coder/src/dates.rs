//! Event dates: date expressions found in a sentence, resolved against the publication date.
//!
//! Conventions (P is the publication date):
//! - a date without a year ("May 15") is in P's year unless that puts it more than a month
//!   after P, then the year before (a day named weeks ahead is a schedule, not last year's);
//!   a bare month ("in May") is the latest such month not after P's;
//! - a weekday ("on Thursday") is the latest such day on or before P (P itself when it is that
//!   weekday); "last Thursday" is strictly before P;
//! - for those direction-ambiguous expressions `future` holds the forward reading (the first
//!   such day or month on or after P), for callers dating planned events;
//! - "last week" is the month of P−7; when P−7 and P−1 fall in different months, `date` is the
//!   earlier month and `date_end` the later one. "this week" is P's month;
//! - without P only absolute expressions resolve; the others are not reported.

use crate::event::DatePrecision;
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use regex::Regex;
use std::fmt;
use std::sync::OnceLock;

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
    /// The lowercased word right before the expression when it is one of "on", "in", "since",
    /// "until", "till", "by", "from", "after", "before", "during", "of", "between", "to",
    /// "effective".
    pub cue: Option<String>,
    /// For expressions ambiguous in direction ("Thursday", "May 15", "in May"), the forward
    /// reading: the first such date on or after publication.
    pub future: Option<FuzzyDate>,
}

impl FuzzyDate {
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    pub fn year(year: i32) -> Self {
        FuzzyDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u32) -> Self {
        FuzzyDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn day(date: NaiveDate) -> Self {
        FuzzyDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    pub(crate) fn month_of(date: NaiveDate) -> Self {
        FuzzyDate::month(date.year(), date.month())
    }
}

/// "2025-05-15", "2025-05" or "2025", as the gold files write dates.
impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

const CUES: &[&str] = &[
    "on",
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "after",
    "before",
    "during",
    "of",
    "between",
    "to",
    "effective",
];

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const ORD: &str = r"(?:st|nd|rd|th)?";
const NUM_WORD: &str =
    r"\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

struct Patterns {
    iso: Regex,
    month_day: Regex,
    day_month: Regex,
    month_year: Regex,
    month_alone: Regex,
    year_range: Regex,
    between_years: Regex,
    decade: Regex,
    year: Regex,
    weekday: Regex,
    /// What follows a weekday that is only the name of an explicit date ("Monday, April 17").
    date_after_weekday: Regex,
    fixed_relative: Regex,
    ago: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: String| Regex::new(&ascii_boundaries(&s)).ok();
        Some(Patterns {
            iso: re(r"\b(\d{4})-(\d{2})-(\d{2})\b".into())?,
            month_day: re(format!(
                r"\b({MONTH})\s+(\d{{1,2}}){ORD}(?:\s*(?:-|–|to|and)\s*(\d{{1,2}}){ORD})?(?:,?\s+(\d{{4}}))?\b"
            ))?,
            day_month: re(format!(
                r"\b(\d{{1,2}}){ORD}(?:\s*(?:-|–|to|and)\s*(\d{{1,2}}){ORD})?\s+(?:of\s+)?({MONTH})(?:,?\s+(\d{{4}}))?\b"
            ))?,
            month_year: re(format!(r"\b({MONTH}),?\s+(\d{{4}})\b"))?,
            month_alone: re(
                r"\b(?:((?i:early|mid|late|last|this|next))[\s-]+)?((?:January|February|March|April|May|June|July|August|September|October|November|December))\b"
                    .into(),
            )?,
            year_range: re(r"\b(1\d{3}|20\d{2})\s*(?:-|–|—|to)\s*(\d{4}|\d{2})\b".into())?,
            between_years: re(r"\b(?i:between)\s+(1\d{3}|20\d{2})\s+and\s+(1\d{3}|20\d{2})\b".into())?,
            decade: re(r"\b(1\d{2}0|20\d0)s\b".into())?,
            year: re(r"\b(1\d{3}|20\d{2})\b".into())?,
            weekday: re(format!(
                r"\b(?:((?i:last|this|next|past|coming))\s+)?({WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b"
            ))?,
            date_after_weekday: re(format!(
                r"^,?\s*(?:\d{{1,2}}{ORD}\s+(?:of\s+)?{MONTH}|{MONTH}\s+\d)"
            ))?,
            fixed_relative: re(r"(?i)\b(today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|the\s+day\s+before\s+yesterday|last\s+night|tomorrow|(?:earlier\s+|later\s+)?this\s+(?:week|month|year)|(?:last|next)\s+(?:week|month|year)|the\s+(?:past|previous)\s+week)\b".into())?,
            ago: re(format!(
                r"(?i)\b({NUM_WORD})\s+(day|week|month|year)s?\s+ago\b"
            ))?,
        })
    })
    .as_ref()
}

/// `\b` as an ASCII word boundary. A Unicode `\b` makes the regex crate's fast automaton give
/// up on the first non-ASCII byte (a curly quote, a dash) and search the sentence again with a
/// backtracker, which made date finding a tenth of all coding time. The words and numbers these
/// patterns bound are ASCII, so only a letter outside ASCII glued to one ("é2024") reads
/// differently.
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

fn month_number(name: &str) -> Option<u32> {
    let key: String = name.chars().take(3).collect();
    let n = match key.as_str() {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

fn number_word(s: &str) -> Option<i64> {
    let n = match s.to_ascii_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        other => return other.parse().ok(),
    };
    Some(n)
}

/// How many days after P a date without a year may fall and still be in P's year.
const SCHEDULE_DAYS: i64 = 31;

/// `(P's year, m, d)`, or the year before when that is more than a month after P: news names
/// days a few weeks ahead ("summoned to testify on July 22") far more often than a day of last
/// year without its year.
fn backward_day(p: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(p.year(), m, d);
    match this {
        Some(date) if date <= p + Duration::days(SCHEDULE_DAYS) => Some(date),
        _ => NaiveDate::from_ymd_opt(p.year() - 1, m, d),
    }
}

fn forward_day(p: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    match NaiveDate::from_ymd_opt(p.year(), m, d) {
        Some(date) if date >= p => Some(date),
        _ => NaiveDate::from_ymd_opt(p.year() + 1, m, d),
    }
}

fn backward_month(p: NaiveDate, m: u32) -> FuzzyDate {
    let year = if m <= p.month() {
        p.year()
    } else {
        p.year() - 1
    };
    FuzzyDate::month(year, m)
}

fn forward_month(p: NaiveDate, m: u32) -> FuzzyDate {
    let year = if m >= p.month() {
        p.year()
    } else {
        p.year() + 1
    };
    FuzzyDate::month(year, m)
}

/// Days back from `p` to the latest `wd` on or before it (0 when `p` is that day).
fn days_back(p: NaiveDate, wd: Weekday) -> i64 {
    i64::from((p.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7)
}

fn lower_word_before(text: &str, start: usize) -> Option<String> {
    let before = text[..start].trim_end();
    if before.len() == start {
        return None;
    }
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (!word.is_empty()).then(|| word.to_lowercase())
}

fn cue_before(text: &str, start: usize) -> Option<String> {
    lower_word_before(text, start).filter(|w| CUES.contains(&w.as_str()))
}

/// A number glued to money, an identifier or a measure is no date: "$2025", "IC-814", "No. 10",
/// "2,000", "10:30", "15%".
fn number_is_free(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    if matches!(
        before,
        Some('$' | '£' | '€' | '¥' | '#' | '-' | '/' | '.' | ',' | ':')
    ) || before.is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    if text[..start].trim_end().ends_with("No.") {
        return false;
    }
    let mut after = text[end..].chars();
    match after.next() {
        Some('%' | ':' | '/') => false,
        Some(',' | '.') => !after.next().is_some_and(|c| c.is_ascii_digit()),
        Some('-') => false,
        _ => true,
    }
}

struct Candidate {
    mention: DateMention,
    /// Accepted only after a cue word or as the next member of a list ("in 2022 and 2023").
    needs_cue: bool,
}

/// Every date expression in `text`, in order, resolved against `published` where relative.
pub fn find_dates(text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
    let Some(pat) = patterns() else {
        return Vec::new();
    };
    let mut cands: Vec<Candidate> = Vec::new();
    let mut push = |start: usize,
                    end: usize,
                    date: FuzzyDate,
                    date_end: Option<FuzzyDate>,
                    relative: bool,
                    future: Option<FuzzyDate>,
                    needs_cue: bool| {
        cands.push(Candidate {
            mention: DateMention {
                start,
                end,
                date,
                date_end,
                relative,
                cue: cue_before(text, start),
                future,
            },
            needs_cue,
        });
    };
    let num = |s: Option<regex::Match<'_>>| s.and_then(|m| m.as_str().parse::<u32>().ok());

    for c in pat.iso.captures_iter(text) {
        let (Some(all), Some(y), Some(m), Some(d)) =
            (c.get(0), num(c.get(1)), num(c.get(2)), num(c.get(3)))
        else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
            continue;
        };
        push(
            all.start(),
            all.end(),
            FuzzyDate::day(date),
            None,
            false,
            None,
            false,
        );
    }

    // "May 15", "May 3-5, 2025", "15 May 2025", "3 to 5 May".
    let day_forms = [(&pat.month_day, 1, 2, 3, 4), (&pat.day_month, 3, 1, 2, 4)];
    for (re, mi, di, ei, yi) in day_forms {
        for c in re.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            let (Some(m), Some(d)) = (
                c.get(mi).and_then(|m| month_number(m.as_str())),
                num(c.get(di)),
            ) else {
                continue;
            };
            if text[all.end()..].starts_with(':') || !(1..=31).contains(&d) {
                continue;
            }
            let end_day = num(c.get(ei)).filter(|e| *e > d && *e <= 31);
            match num(c.get(yi)) {
                Some(y) => {
                    let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
                        continue;
                    };
                    let end = end_day
                        .and_then(|e| NaiveDate::from_ymd_opt(y as i32, m, e))
                        .map(FuzzyDate::day);
                    push(
                        all.start(),
                        all.end(),
                        FuzzyDate::day(date),
                        end,
                        false,
                        None,
                        false,
                    );
                }
                None => {
                    let Some(p) = published else { continue };
                    let (Some(back), Some(fwd)) = (backward_day(p, m, d), forward_day(p, m, d))
                    else {
                        continue;
                    };
                    let end_of = |base: NaiveDate| {
                        end_day
                            .and_then(|e| NaiveDate::from_ymd_opt(base.year(), m, e))
                            .map(FuzzyDate::day)
                    };
                    push(
                        all.start(),
                        all.end(),
                        FuzzyDate::day(back),
                        end_of(back),
                        true,
                        Some(FuzzyDate::day(fwd)),
                        false,
                    );
                }
            }
        }
    }

    for c in pat.month_year.captures_iter(text) {
        let (Some(all), Some(m), Some(y)) = (
            c.get(0),
            c.get(1).and_then(|m| month_number(m.as_str())),
            num(c.get(2)),
        ) else {
            continue;
        };
        if !number_is_free(text, c.get(2).map_or(all.start(), |g| g.start()), all.end()) {
            continue;
        }
        push(
            all.start(),
            all.end(),
            FuzzyDate::month(y as i32, m),
            None,
            false,
            None,
            false,
        );
    }

    if let Some(p) = published {
        for c in pat.month_alone.captures_iter(text) {
            let (Some(all), Some(m)) = (c.get(0), c.get(2).and_then(|m| month_number(m.as_str())))
            else {
                continue;
            };
            let qual = c.get(1).map(|q| q.as_str().to_ascii_lowercase());
            let (date, future, needs_cue) = match qual.as_deref() {
                Some("last") => {
                    let year = if m < p.month() {
                        p.year()
                    } else {
                        p.year() - 1
                    };
                    (FuzzyDate::month(year, m), None, false)
                }
                Some("next") => {
                    let year = if m > p.month() {
                        p.year()
                    } else {
                        p.year() + 1
                    };
                    (FuzzyDate::month(year, m), None, false)
                }
                Some("this") => (FuzzyDate::month(p.year(), m), None, false),
                // "early May" says enough; a bare "May" could be the modal or a name.
                Some(_) => (backward_month(p, m), Some(forward_month(p, m)), false),
                None => (backward_month(p, m), Some(forward_month(p, m)), true),
            };
            push(all.start(), all.end(), date, None, true, future, needs_cue);
        }
    }

    for c in pat.year_range.captures_iter(text) {
        let (Some(all), Some(a), Some(b)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if !number_is_free(text, all.start(), all.end()) {
            continue;
        }
        let (Ok(y1), Ok(raw)) = (a.as_str().parse::<i32>(), b.as_str().parse::<i32>()) else {
            continue;
        };
        // "2019-20" is 2019 to 2020.
        let y2 = if b.as_str().len() == 2 {
            y1 - y1 % 100 + raw
        } else {
            raw
        };
        if y2 <= y1 || y2 - y1 > 50 {
            continue;
        }
        let needs_cue = !all.as_str().contains(['–', '—', '-']);
        push(
            all.start(),
            all.end(),
            FuzzyDate::year(y1),
            Some(FuzzyDate::year(y2)),
            false,
            None,
            needs_cue,
        );
    }

    for c in pat.between_years.captures_iter(text) {
        let (Some(all), Some(y1), Some(y2)) = (c.get(0), num(c.get(1)), num(c.get(2))) else {
            continue;
        };
        if y2 <= y1 {
            continue;
        }
        let mut start = all.start();
        // Report "between" as the cue, and the expression as the two years.
        if let Some(g) = c.get(1) {
            start = g.start();
        }
        push(
            start,
            all.end(),
            FuzzyDate::year(y1 as i32),
            Some(FuzzyDate::year(y2 as i32)),
            false,
            None,
            false,
        );
    }

    for c in pat.decade.captures_iter(text) {
        let (Some(all), Some(y)) = (c.get(0), num(c.get(1))) else {
            continue;
        };
        if !number_is_free(text, all.start(), all.end() - 1) {
            continue;
        }
        let y = y as i32;
        push(
            all.start(),
            all.end(),
            FuzzyDate::year(y),
            Some(FuzzyDate::year(y + 9)),
            false,
            None,
            false,
        );
    }

    for c in pat.year.captures_iter(text) {
        let (Some(all), Some(y)) = (c.get(0), num(c.get(1))) else {
            continue;
        };
        if !number_is_free(text, all.start(), all.end()) || !(1500..=2100).contains(&y) {
            continue;
        }
        push(
            all.start(),
            all.end(),
            FuzzyDate::year(y as i32),
            None,
            false,
            None,
            true,
        );
    }

    if let Some(p) = published {
        for c in pat.weekday.captures_iter(text) {
            let (Some(all), Some(wd)) = (c.get(0), c.get(2).and_then(|w| weekday_of(w.as_str())))
            else {
                continue;
            };
            // "Saturday, March 12, 2016": the explicit date says which Saturday.
            if pat.date_after_weekday.is_match(&text[all.end()..]) {
                continue;
            }
            let back = days_back(p, wd);
            let ahead = (7 - back) % 7;
            let qual = c.get(1).map(|q| q.as_str().to_ascii_lowercase());
            let (date, future) = match qual.as_deref() {
                Some("last" | "past") => {
                    let back = if back == 0 { 7 } else { back };
                    (p - Duration::days(back), None)
                }
                Some("next" | "coming") => {
                    let ahead = if ahead == 0 { 7 } else { ahead };
                    (p + Duration::days(ahead), None)
                }
                _ => (
                    p - Duration::days(back),
                    Some(FuzzyDate::day(p + Duration::days(ahead))),
                ),
            };
            push(
                all.start(),
                all.end(),
                FuzzyDate::day(date),
                None,
                true,
                future,
                false,
            );
        }

        for c in pat.fixed_relative.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            let phrase = all
                .as_str()
                .to_ascii_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let Some((date, end)) = resolve_fixed(&phrase, p) else {
                continue;
            };
            push(all.start(), all.end(), date, end, true, None, false);
        }

        for c in pat.ago.captures_iter(text) {
            let (Some(all), Some(n), Some(unit)) = (
                c.get(0),
                c.get(1).and_then(|n| number_word(n.as_str())),
                c.get(2),
            ) else {
                continue;
            };
            let date = match unit.as_str().to_ascii_lowercase().as_str() {
                "day" => p.checked_sub_signed(Duration::days(n)).map(FuzzyDate::day),
                "week" => p
                    .checked_sub_signed(Duration::days(7 * n))
                    .map(FuzzyDate::day),
                "month" => u32::try_from(n)
                    .ok()
                    .and_then(|n| p.checked_sub_months(Months::new(n)))
                    .map(FuzzyDate::month_of),
                _ => i32::try_from(n).ok().map(|n| FuzzyDate::year(p.year() - n)),
            };
            if let Some(date) = date {
                push(all.start(), all.end(), date, None, true, None, false);
            }
        }
    }

    select(text, cands)
}

/// The day a news article's lead gives its news: the first day-precise date in `text` within the
/// week up to publication ("Japan raised objections Saturday"), passing over time stamps
/// ("Published Nov 16, 2025"), file photos of other years and dates that bound or follow
/// something else ("since", "until", "effective").
pub fn lead_date(text: &str, published: Option<NaiveDate>) -> Option<FuzzyDate> {
    const STAMPS: &[&str] = &["published", "updated", "posted", "modified"];
    let p = published?;
    find_dates(text, published).into_iter().find_map(|d| {
        let day = NaiveDate::from_ymd_opt(d.date.year, d.date.month?, d.date.day?)?;
        let recent = day <= p && (p - day).num_days() <= 7;
        let cue_ok = !matches!(
            d.cue.as_deref(),
            Some("since" | "until" | "till" | "by" | "before" | "after" | "effective")
        );
        let stamp = lower_word_before(text, d.start).is_some_and(|w| STAMPS.contains(&w.as_str()));
        (recent && cue_ok && !stamp && d.date_end.is_none()).then_some(d.date)
    })
}

/// Fixed relative phrases, already lowercased with single spaces.
fn resolve_fixed(phrase: &str, p: NaiveDate) -> Option<(FuzzyDate, Option<FuzzyDate>)> {
    let day = |n: i64| Some((FuzzyDate::day(p + Duration::days(n)), None));
    let last_month = p.checked_sub_months(Months::new(1))?;
    let next_month = p.checked_add_months(Months::new(1))?;
    match phrase {
        "today" | "tonight" | "this morning" | "this afternoon" | "this evening" => day(0),
        "yesterday" | "last night" => day(-1),
        "the day before yesterday" => day(-2),
        "tomorrow" => day(1),
        "this week" | "earlier this week" | "later this week" | "this month"
        | "earlier this month" | "later this month" => Some((FuzzyDate::month_of(p), None)),
        "last week" | "the past week" | "the previous week" => {
            let first = FuzzyDate::month_of(p - Duration::days(7));
            let last = FuzzyDate::month_of(p - Duration::days(1));
            Some((first, (first != last).then_some(last)))
        }
        "next week" => Some((FuzzyDate::month_of(p + Duration::days(7)), None)),
        "last month" => Some((FuzzyDate::month_of(last_month), None)),
        "next month" => Some((FuzzyDate::month_of(next_month), None)),
        "this year" | "earlier this year" | "later this year" => {
            Some((FuzzyDate::year(p.year()), None))
        }
        "last year" => Some((FuzzyDate::year(p.year() - 1), None)),
        "next year" => Some((FuzzyDate::year(p.year() + 1), None)),
        _ => None,
    }
}

/// Keeps the longest of overlapping candidates, then applies the cue requirement, letting a
/// list member inherit the cue of the one before it ("in 2022 and 2023").
fn select(text: &str, mut cands: Vec<Candidate>) -> Vec<DateMention> {
    cands.sort_by(|a, b| {
        a.mention
            .start
            .cmp(&b.mention.start)
            .then(b.mention.end.cmp(&a.mention.end))
    });
    let mut out: Vec<DateMention> = Vec::new();
    let mut taken_to = 0;
    for Candidate {
        mut mention,
        needs_cue,
    } in cands
    {
        if mention.start < taken_to {
            continue;
        }
        // "a force of 1500" is no year; "the end of May" is a month.
        let weak_cue =
            mention.date.month.is_none() && matches!(mention.cue.as_deref(), Some("of" | "to"));
        if needs_cue && (mention.cue.is_none() || weak_cue) {
            let listed = out.last().filter(|prev| {
                let gap = text[prev.end..mention.start].trim();
                matches!(gap, "and" | "or" | "," | ", and" | ", or" | "&")
            });
            match listed {
                Some(prev) => mention.cue = prev.cue.clone(),
                None => continue,
            }
        }
        taken_to = mention.end;
        out.push(mention);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// Published Friday 2025-05-16.
    fn fri() -> Option<NaiveDate> {
        Some(ymd(2025, 5, 16))
    }

    fn dates(text: &str, p: Option<NaiveDate>) -> Vec<String> {
        find_dates(text, p)
            .iter()
            .map(|d| match d.date_end {
                Some(e) => format!("{}/{}", d.date, e),
                None => d.date.to_string(),
            })
            .collect()
    }

    fn one(text: &str, p: Option<NaiveDate>) -> DateMention {
        let found = find_dates(text, p);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found[0].clone()
    }

    #[test]
    fn non_ascii_text_around_dates() {
        // Curly quotes and dashes around the dates, an accented word glued to none of them.
        let text = "“Talks in Bogotá ended on May 3–5, 2025,” he said — not “in 2019”.";
        assert_eq!(dates(text, fri()), ["2025-05-03/2025-05-05", "2019"]);
        // A number inside a longer word is still no year.
        assert_eq!(dates("Code X2019 and 2019X.", fri()), Vec::<String>::new());
    }

    #[test]
    fn display_and_precision() {
        assert_eq!(FuzzyDate::day(ymd(2025, 5, 15)).to_string(), "2025-05-15");
        assert_eq!(FuzzyDate::month(2025, 5).to_string(), "2025-05");
        assert_eq!(FuzzyDate::year(2025).to_string(), "2025");
        assert_eq!(FuzzyDate::month(2025, 5).precision(), DatePrecision::Month);
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(dates("They signed on May 15, 2025.", None), ["2025-05-15"]);
        assert_eq!(dates("They signed on 15 May 2025.", None), ["2025-05-15"]);
        assert_eq!(dates("Filed 2025-05-15 in court.", None), ["2025-05-15"]);
        assert_eq!(
            dates("Talks ran Sept. 3-5, 2024.", None),
            ["2024-09-03/2024-09-05"]
        );
        let d = one("The ceasefire began on 3 March 2023.", None);
        assert_eq!(d.cue.as_deref(), Some("on"));
        assert!(!d.relative);
        assert_eq!(d.future, None);
    }

    #[test]
    fn day_and_month_without_year() {
        assert_eq!(dates("They met on May 15.", fri()), ["2025-05-15"]);
        assert_eq!(dates("They met on 15 May.", fri()), ["2025-05-15"]);
        // Within a month after P: still this year (a schedule announced in advance).
        assert_eq!(dates("The vote is on May 20.", fri()), ["2025-05-20"]);
        assert_eq!(
            dates("He was summoned to testify on June 10.", fri()),
            ["2025-06-10"]
        );
        // Further ahead: last year, with the forward reading kept for planned events.
        let d = one("Elections were held on 3 December.", fri());
        assert_eq!(d.date.to_string(), "2024-12-03");
        assert_eq!(
            d.future.map(|f| f.to_string()).as_deref(),
            Some("2025-12-03")
        );
        assert!(d.relative);
        assert_eq!(dates("from 3 to 5 May", fri()), ["2025-05-03/2025-05-05"]);
        assert!(dates("They met on May 15.", None).is_empty());
    }

    #[test]
    fn months() {
        assert_eq!(dates("It happened in May 2024.", None), ["2024-05"]);
        assert_eq!(dates("It happened in May.", fri()), ["2025-05"]);
        assert_eq!(dates("It happened in August.", fri()), ["2024-08"]);
        let d = one("The summit is due in August.", fri());
        assert_eq!(d.future.map(|f| f.to_string()).as_deref(), Some("2025-08"));
        assert_eq!(dates("It was signed last month.", fri()), ["2025-04"]);
        assert_eq!(dates("This month the talks stalled.", fri()), ["2025-05"]);
        assert_eq!(dates("Earlier this month, they met.", fri()), ["2025-05"]);
        assert_eq!(
            dates("Fighting resumed in early March.", fri()),
            ["2025-03"]
        );
        assert_eq!(dates("Fighting resumed in mid-March.", fri()), ["2025-03"]);
        assert_eq!(
            dates("Fighting resumed in late November.", fri()),
            ["2024-11"]
        );
        assert_eq!(
            dates("The accord of last January held.", fri()),
            ["2025-01"]
        );
        assert_eq!(
            dates("Talks began last month.", Some(ymd(2025, 1, 10))),
            ["2024-12"]
        );
    }

    #[test]
    fn may_the_modal_is_not_a_month() {
        assert!(dates("The leaders may meet again soon.", fri()).is_empty());
        assert!(dates("May God protect the nation, she said.", fri()).is_empty());
        assert!(dates("June Carter spoke first.", fri()).is_empty());
        assert_eq!(dates("May 2 was quiet.", fri()), ["2025-05-02"]);
    }

    #[test]
    fn years() {
        assert_eq!(dates("The war broke out in 2022.", None), ["2022"]);
        let found = find_dates("Protests erupted in 2022 and 2023.", None);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].date, FuzzyDate::year(2023));
        assert_eq!(found[1].cue.as_deref(), Some("in"));
        assert_eq!(dates("He served in 1999–2000.", None), ["1999/2000"]);
        assert_eq!(dates("He served in 1999-2000.", None), ["1999/2000"]);
        assert_eq!(
            dates("He served between 1999 and 2000.", None),
            ["1999/2000"]
        );
        assert_eq!(
            one("He served between 1999 and 2000.", None).cue.as_deref(),
            Some("between")
        );
        assert_eq!(dates("the 2019-20 season", None), ["2019/2020"]);
        assert_eq!(dates("in the 1990s", None), ["1990/1999"]);
        assert_eq!(
            dates("Earlier this year the two sides met.", fri()),
            ["2025"]
        );
        assert_eq!(dates("Trade grew this year.", fri()), ["2025"]);
        assert_eq!(dates("Trade fell last year.", fri()), ["2024"]);
        let d = one("No envoy has visited since 2021.", None);
        assert_eq!(d.cue.as_deref(), Some("since"));
        assert!(dates("Trade fell last year.", None).is_empty());
    }

    #[test]
    fn weekdays() {
        assert_eq!(dates("They spoke on Thursday.", fri()), ["2025-05-15"]);
        assert_eq!(dates("Thursday's call was brief.", fri()), ["2025-05-15"]);
        // Published Monday 2025-02-17.
        let mon = Some(ymd(2025, 2, 17));
        assert_eq!(
            dates("Rockets fell on Sunday evening.", mon),
            ["2025-02-16"]
        );
        // The same weekday as publication is the publication day.
        assert_eq!(dates("They spoke on Friday.", fri()), ["2025-05-16"]);
        assert_eq!(dates("They spoke last Friday.", fri()), ["2025-05-09"]);
        assert_eq!(dates("They will speak next Friday.", fri()), ["2025-05-23"]);
        let d = one("The ministers will meet on Tuesday.", fri());
        assert_eq!(d.date.to_string(), "2025-05-13");
        assert_eq!(
            d.future.map(|f| f.to_string()).as_deref(),
            Some("2025-05-20")
        );
        assert_eq!(d.cue.as_deref(), Some("on"));
        assert!(dates("They spoke on Thursday.", None).is_empty());
        // A weekday naming an explicit date is not resolved on its own.
        assert_eq!(
            dates("Tourists in Tokyo, Saturday, March 12, 2016.", fri()),
            ["2016-03-12"]
        );
        assert_eq!(
            dates("It was held on Monday, 12 May.", fri()),
            ["2025-05-12"]
        );
        assert_eq!(
            dates("On Monday 12 people died.", fri()),
            ["2025-05-12"],
            "a count after a weekday is no date"
        );
    }

    #[test]
    fn days_relative_to_publication() {
        for (text, want) in [
            ("Today the cabinet resigned.", "2025-05-16"),
            ("The vote is tonight.", "2025-05-16"),
            ("This morning, shelling resumed.", "2025-05-16"),
            ("Yesterday the cabinet resigned.", "2025-05-15"),
            ("Shelling continued last night.", "2025-05-15"),
            ("The truce collapsed three days ago.", "2025-05-13"),
            ("The truce collapsed 10 days ago.", "2025-05-06"),
            ("The truce collapsed a week ago.", "2025-05-09"),
        ] {
            assert_eq!(dates(text, fri()), [want], "{text}");
            assert!(one(text, fri()).relative, "{text}");
        }
    }

    #[test]
    fn last_week() {
        assert_eq!(dates("They met last week.", fri()), ["2025-05"]);
        // P−7 is in April, P−1 in May.
        assert_eq!(
            dates("They met last week.", Some(ymd(2025, 5, 3))),
            ["2025-04/2025-05"]
        );
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for text in [
            "At least 26 people were hurt.",
            "Flight IC-814 was hijacked.",
            "He spoke outside No. 10 today.",
            "Some 2,000 troops were sent.",
            "Leaders of the G20 met.",
            "It cost $2025 in fees.",
            "The meeting started at 10:30.",
            "Support rose to 20.25%.",
            "Support rose by 2025% in the model.",
            "A force of 1500 soldiers.",
        ] {
            let found = find_dates(text, None);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn offsets_cover_the_expression() {
        let text = "On Thursday, in Dubai, they met.";
        let d = one(text, fri());
        assert_eq!(&text[d.start..d.end], "Thursday");
        assert_eq!(d.cue.as_deref(), Some("on"));
    }

    #[test]
    fn effective_is_a_cue() {
        let d = one("The embassy closed, effective Nov. 23, 2023.", None);
        assert_eq!(d.cue.as_deref(), Some("effective"));
    }

    #[test]
    fn the_leads_day() {
        let p = fri();
        let lead = |t: &str| lead_date(t, p).map(|d| d.to_string());
        assert_eq!(
            lead("Published May 16, 2025\nFILE - Tourists in Tokyo, Saturday, March 12, 2016.\nJapan objected on Thursday after China spoke on Wednesday."),
            Some("2025-05-15".to_string())
        );
        // Bounds and later days are not the news's day; nor is anything without publication.
        assert_eq!(lead("A truce holds since Monday, effective May 14."), None);
        assert_eq!(lead("Talks will resume on May 30."), None);
        assert_eq!(lead_date("They met on Thursday.", None), None);
    }
}

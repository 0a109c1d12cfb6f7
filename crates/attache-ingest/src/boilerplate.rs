//! Lines of page furniture ("Advertisement", comment boxes, share buttons) found anywhere in
//! an article. They are reported as byte ranges, never cut out, so offsets stay valid.

use crate::lines::{line_ranges, trim_range};
use regex::RegexSet;
use std::ops::Range;
use std::sync::OnceLock;

const PATTERNS: &str = include_str!("../../../data/ingest/boilerplate.txt");

/// Each pattern must match a whole trimmed line: a pattern that could match part of a line
/// would hide sentences that merely mention, say, an advertisement.
fn compile(source: &str) -> Result<RegexSet, regex::Error> {
    RegexSet::new(
        source
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|p| format!("(?i)^(?:{p})$")),
    )
}

fn patterns() -> &'static RegexSet {
    static SET: OnceLock<RegexSet> = OnceLock::new();
    // The list is embedded at build time and compiled by the unit tests, so it cannot fail here.
    SET.get_or_init(|| compile(PATTERNS).expect("data/ingest/boilerplate.txt holds valid regexes"))
}

/// Whether a trimmed line is page furniture.
pub(crate) fn is_boilerplate_line(trimmed: &str) -> bool {
    !trimmed.is_empty() && patterns().is_match(trimmed)
}

/// The trimmed byte ranges of every boilerplate line of `text`.
pub(crate) fn boilerplate_lines(text: &str) -> Vec<Range<usize>> {
    line_ranges(text)
        .map(|r| trim_range(text, r))
        .filter(|r| is_boilerplate_line(&text[r.clone()]))
        .collect()
}

/// Sorted ranges with overlapping or touching ones joined, as [`crate::Article::boilerplate`]
/// promises.
pub(crate) fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_patterns_compile() {
        assert!(compile(PATTERNS).is_ok());
        assert!(patterns().len() > 10);
    }

    #[test]
    fn page_furniture_lines() {
        for line in [
            "Advertisement",
            "ADVERTISEMENT",
            "Listen to article",
            "Photo: AFP",
            "Photo: Reuters",
            "(Photo: Staff Photographer)",
            "COMMENTS",
            "Replying to X",
            "Comments are moderated and generally will be posted if they are on-topic.",
            "For more information, please see our Comments FAQ",
            "This post can't be displayed because it is private.",
            "Also Read:",
            "Also Read: Envoys meet again in Oslo",
            "Read more:",
            "Share this article",
            "Follow us on Telegram",
            "Subscribe to our daily newsletter",
            "Click here to read the full report",
            "We use cookies to improve your experience.",
            "Accept all cookies",
            "(With inputs from agencies)",
            "© 2025 Some Paper. All rights reserved.",
        ] {
            assert!(is_boilerplate_line(line), "{line:?} should be boilerplate");
        }
    }

    #[test]
    fn news_sentences_are_kept() {
        for line in [
            "The ministry placed an advertisement in two newspapers calling for talks.",
            "Advertisement revenue fell as the blockade continued.",
            "Photo: officials inspect the damaged bridge on Sunday.",
            "Comments by the envoy drew a sharp response from Beijing.",
            "Subscribers to the service lost access during the shutdown.",
            "Copyright disputes between the two states went to arbitration.",
            "Share prices fell after the sanctions were announced.",
            "Following the talks, both sides agreed to meet again.",
        ] {
            assert!(!is_boilerplate_line(line), "{line:?} should be kept");
        }
    }

    #[test]
    fn ranges_point_at_the_dropped_lines() {
        let text = "First sentence.\n  Advertisement \r\nSecond one.\nShare this article\n";
        let ranges = boilerplate_lines(text);
        let parts: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(parts, ["Advertisement", "Share this article"]);
        assert_eq!(ranges[0], 18..31);
    }

    #[test]
    fn merging_sorts_and_joins() {
        assert_eq!(
            merge(vec![10..12, 0..5, 4..7, 7..9, 3..3, 20..25]),
            vec![0..9, 10..12, 20..25]
        );
    }
}

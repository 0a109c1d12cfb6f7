//! Line ranges over an article's text, so that every range found is a byte range of the text.

use std::ops::Range;

/// Byte ranges of the lines of `text`, without their `\n` or `\r\n` terminators.
pub(crate) fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |line| {
        let line_start = start;
        start += line.len();
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        line_start..line_start + body.len()
    })
}

/// `range` narrowed to leave out leading and trailing whitespace (empty when it is all blank).
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let start = range.start + lead;
    start..start + slice.trim().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_leave_out_terminators() {
        let text = "one\r\ntwo\n\nthree";
        let lines: Vec<&str> = line_ranges(text).map(|r| &text[r]).collect();
        assert_eq!(lines, ["one", "two", "", "three"]);
    }

    #[test]
    fn trimming_keeps_offsets_into_the_text() {
        let text = "a\n  word  \n";
        let r = trim_range(text, 2..10);
        assert_eq!(r, 4..8);
        assert_eq!(&text[r], "word");
        assert!(trim_range(text, 0..0).is_empty());
    }
}

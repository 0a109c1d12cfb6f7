//! Character classes and UTF-8 helpers shared by the tokenizer and the splitter.

/// The char starting at byte `i` of `text`, if `i` is in bounds and on a char boundary.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The char ending just before byte `i`.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Separators between tokens. Zero-width spaces and byte-order marks are
/// invisible in rendered news pages but show up in scraped text, where they
/// separate words just like a space.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{200E}' | '\u{200F}'
        )
}

#[inline]
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}'
    )
}

/// Marks that belong to the character before them: combining accents of
/// decomposed text, joiners used by Indic scripts and emoji, variation selectors.
#[inline]
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F)
}

/// Characters a word is made of.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c) || is_brahmic_sign(c)
}

/// Viramas and tone marks of South and South-East Asian scripts are not
/// alphabetic in Unicode, yet sit inside words (names in Indian news); only the
/// dandas in those blocks are punctuation.
#[inline]
fn is_brahmic_sign(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0DFF | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
        && !matches!(c, '\u{964}' | '\u{965}')
}

#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Round `i` down to the start of the char it falls in.
pub(crate) fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Round `i` up to the end of the char it falls in.
pub(crate) fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_inside_a_multibyte_char() {
        let text = "a’b"; // ’ is 3 bytes: 1..4
        assert_eq!(floor_boundary(text, 2), 1);
        assert_eq!(ceil_boundary(text, 2), 4);
        assert_eq!(ceil_boundary(text, 99), text.len());
        assert_eq!(char_at(text, 1), Some('’'));
        assert_eq!(char_at(text, 2), None);
        assert_eq!(char_before(text, 4), Some('’'));
    }

    #[test]
    fn classes() {
        assert!(is_space('\u{A0}'));
        assert!(is_space('\u{200B}'));
        assert!(!is_space('x'));
        assert!(is_word_char('é'));
        assert!(is_word_char('\u{301}'));
        assert!(!is_word_char('-'));
        assert!(is_line_break('\n'));
        assert!(is_word_char('\u{94D}'));
        assert!(!is_word_char('\u{964}'));
    }
}

//! A single-pass tokenizer following UD English-EWT conventions, so that a
//! tagger trained on EWT sees tokens shaped like its training data.

use std::ops::Range;

use crate::chars::{
    ceil_boundary, char_at, char_before, floor_boundary, is_apostrophe, is_line_break, is_mark,
    is_space, is_word_char,
};
use crate::doc::Token;
use crate::lexicon::{lexicon, AbbrevKind};

/// Tokens of `text`, skipping the byte ranges in `skip` (sorted, non-overlapping
/// boilerplate ranges).
///
/// Every token is a byte range into `text` on char boundaries; whitespace is
/// the only text outside tokens, apart from the skipped ranges, which no token
/// lies in or crosses. A skip range that cuts a multi-byte char is widened to
/// the whole char. Conventions, as in UD English-EWT:
/// - clitics are split: `Afghanistan` `'s`, `do` `n't`, `ca` `n't`, `can` `not`;
/// - punctuation is separate, except runs such as `...`, `--`, `?!`;
/// - hyphenated compounds are split at the hyphen (`so` `-` `called`), unless the
///   first part is a prefix such as `non-`, `mid-`, `e-` (`non-stop`) or the word
///   is a phone-like number (`713-853-3989`);
/// - numbers keep their separators (`26,000`, `3.5`, `5:30`, `9/11`);
/// - abbreviations keep their period (`U.S.`, `Dr.`, `Jan.`, initials `S.`);
/// - URLs, e-mail addresses, `@handles` and `#hashtags` are one token each.
pub fn tokenize(text: &str, skip: &[Range<usize>]) -> Vec<Token> {
    // News averages about six bytes per token; reserving avoids most regrowth.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut pos = 0;
    for range in skip {
        let start = floor_boundary(text, range.start);
        let end = ceil_boundary(text, range.end);
        if start > pos {
            tokenize_segment(text, pos..start, &mut out);
        }
        pos = pos.max(end);
    }
    if pos < text.len() {
        tokenize_segment(text, pos..text.len(), &mut out);
    }
    out
}

/// Tokenizes a stretch of text free of skip ranges, chunk by whitespace-free chunk.
fn tokenize_segment(text: &str, segment: Range<usize>, out: &mut Vec<Token>) {
    let mut i = segment.start;
    while i < segment.end {
        let Some(c) = char_at(text, i) else { break };
        if is_space(c) {
            i += c.len_utf8();
            continue;
        }
        let mut end = i;
        let mut has_at = false;
        while let Some(c) = char_at(text, end).filter(|&c| end < segment.end && !is_space(c)) {
            has_at |= c == '@';
            end += c.len_utf8();
        }
        let chunk = Chunk {
            text,
            end,
            segment_end: segment.end,
            has_at,
        };
        chunk.tokenize(i, out);
        i = end;
    }
}

/// A run of non-space text, `..end`, inside a segment that ends at `segment_end`.
struct Chunk<'a> {
    text: &'a str,
    end: usize,
    segment_end: usize,
    /// Whether the chunk has an '@', so that only such chunks are tried as e-mail.
    has_at: bool,
}

impl Chunk<'_> {
    #[inline]
    fn peek(&self, i: usize) -> Option<char> {
        if i < self.end {
            char_at(self.text, i)
        } else {
            None
        }
    }

    fn tokenize(&self, start: usize, out: &mut Vec<Token>) {
        let mut i = start;
        while let Some(c) = self.peek(i) {
            i = if is_word_char(c) {
                self.word_like(i, out)
            } else if let Some(end) = self.handle_or_hashtag(i, c) {
                push(out, i, end)
            } else if let Some(end) = self.glued_clitic(i, c, start) {
                push(out, i, end)
            } else if let Some(end) = self.emoticon_end(i, c) {
                push(out, i, end)
            } else {
                push(out, i, self.punct_end(i, c))
            };
        }
    }

    /// A token starting with a word char: URL, e-mail or word. Returns where it ends.
    fn word_like(&self, i: usize, out: &mut Vec<Token>) -> usize {
        if self.starts_url(i) {
            return push(out, i, self.url_end(i));
        }
        if let Some(end) = self.email_end(i) {
            return push(out, i, end);
        }
        let end = self.word_end(i);
        // A bare domain followed by a path ("t.co/x1", "bbc.co.uk/news") is a URL.
        if self.peek(end) == Some('/') && self.is_domain(i, end) {
            return push(out, i, self.url_end(i));
        }
        self.emit_word(i, end, out)
    }

    fn starts_url(&self, i: usize) -> bool {
        let rest = &self.text.as_bytes()[i..self.end];
        ["http://", "https://", "www."]
            .iter()
            .any(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
    }

    /// A URL runs to the end of the chunk, less the punctuation that the
    /// sentence around it puts there.
    fn url_end(&self, i: usize) -> usize {
        let url = &self.text[i..self.end];
        let balanced =
            |open: char, close: char| url.matches(open).count() >= url.matches(close).count();
        let trimmed = url.trim_end_matches(|c: char| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '»' | '…'
            ) || (c == ')' && !balanced('(', ')'))
                || (c == ']' && !balanced('[', ']'))
        });
        // Trimming one unbalanced bracket may balance the rest; good enough for
        // the "(see https://x.org/a)." shape that news text has.
        i + trimmed.len().max(1)
    }

    fn email_end(&self, i: usize) -> Option<usize> {
        if !self.has_at {
            return None;
        }
        let bytes = self.text.as_bytes();
        let local_ok =
            |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
        let mut at = i;
        while at < self.end && local_ok(bytes[at]) {
            at += 1;
        }
        if at == i || at >= self.end || bytes[at] != b'@' {
            return None;
        }
        let domain_ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_');
        let mut end = at + 1;
        while end < self.end && domain_ok(bytes[end]) {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &self.text[at + 1..end];
        match domain.rfind('.') {
            Some(dot) => (dot > 0 && dot + 1 < domain.len()).then_some(end),
            // Mail systems' addresses without a dot ("John Griffith@ENRON", "ENRON@enronXgate"),
            // as long as both sides are words, not "@" between spaced words.
            None => {
                let name = |s: &str| {
                    s.len() >= 2
                        && s.bytes().any(|b| b.is_ascii_alphabetic())
                        && s.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_'))
                };
                (name(&self.text[i..at]) && name(domain)).then_some(end)
            }
        }
    }

    fn handle_or_hashtag(&self, i: usize, c: char) -> Option<usize> {
        let first = self.peek(i + 1)?;
        let valid_first = match c {
            '@' => first.is_ascii_alphanumeric() || first == '_',
            // "#1" is a number sign, "#MeToo" a hashtag.
            '#' => first.is_alphabetic() || first == '_',
            _ => false,
        };
        if !valid_first {
            return None;
        }
        let mut end = i + 1;
        while let Some(c) = self.peek(end).filter(|&c| is_word_char(c)) {
            end += c.len_utf8();
        }
        Some(end)
    }

    /// A clitic glued to a token that the word scanner ended before its
    /// apostrophe: "U.S.'s", "1990's".
    fn glued_clitic(&self, i: usize, c: char, chunk_start: usize) -> Option<usize> {
        if !is_apostrophe(c) || i == chunk_start {
            return None;
        }
        let before = char_before(self.text, i)?;
        if !(before == '.' || is_word_char(before)) {
            return None;
        }
        let clitic_start = i + c.len_utf8();
        let end = self.piece_end(clitic_start);
        let clitic = &self.text[clitic_start..end];
        APOSTROPHE_CLITICS
            .iter()
            .any(|k| clitic.eq_ignore_ascii_case(k))
            .then_some(end)
    }

    /// End of an emoticon (`:)`, `;-(`, `:D`) starting at `i`: a colon or
    /// semicolon after a space, an optional `-` nose and a mouth, not followed by a word char.
    fn emoticon_end(&self, i: usize, c: char) -> Option<usize> {
        // Only standing alone: "(as in item 4:)" ends with a colon and a bracket.
        let alone = char_before(self.text, i).is_none_or(char::is_whitespace);
        if !matches!(c, ':' | ';') || !alone {
            return None;
        }
        let mut j = i + 1;
        if self.peek(j) == Some('-') {
            j += 1;
        }
        let mouth = self
            .peek(j)
            .filter(|m| matches!(m, ')' | '(' | 'D' | 'P' | 'p'))?;
        j += mouth.len_utf8();
        let after_ok = self.peek(j).is_none_or(|a| !is_word_char(a) && a != ')');
        after_ok.then_some(j)
    }

    /// End of a punctuation or symbol token. Runs of the same mark ("...", "--",
    /// "?!") stay together, as do emoji with their modifiers and joined parts.
    fn punct_end(&self, i: usize, c: char) -> usize {
        let mut j = i + c.len_utf8();
        let same_run = |d: char| match c {
            '.' | '-' | '*' | '=' | '~' | '`' | '<' | '>' | '$' | '+' => d == c,
            '!' | '?' => matches!(d, '!' | '?'),
            _ => false,
        };
        while let Some(d) = self.peek(j).filter(|&d| same_run(d)) {
            j += d.len_utf8();
        }
        // EWT keeps a short mixed run of end marks together (".?", "..?", "!.", "??."),
        // but not an ellipsis and its question mark ("...?") nor "!!" and "..".
        if c == '.' && j - i <= 2 {
            while let Some(d) = self.peek(j).filter(|&d| matches!(d, '!' | '?')) {
                j += d.len_utf8();
            }
        } else if matches!(c, '!' | '?')
            && self.peek(j) == Some('.')
            && self.peek(j + 1) != Some('.')
        {
            j += 1;
        }
        let is_flag = |d: char| (0x1F1E6..=0x1F1FF).contains(&(d as u32));
        if is_flag(c) {
            if let Some(d) = self.peek(j).filter(|&d| is_flag(d)) {
                j += d.len_utf8();
            }
        }
        while let Some(d) = self.peek(j).filter(|&d| is_mark(d)) {
            j += d.len_utf8();
            if d == '\u{200D}' {
                if let Some(e) = self.peek(j) {
                    j += e.len_utf8();
                }
            }
        }
        j
    }

    /// End of the word starting at `i`: word chars, and the separators that
    /// hold a word together (see [`Self::joins`]).
    fn word_end(&self, i: usize) -> usize {
        let mut j = i;
        loop {
            while let Some(c) = self.peek(j).filter(|&c| is_word_char(c)) {
                j += c.len_utf8();
            }
            match self.peek(j) {
                Some(c) if j > i && self.joins(i, j, c) => j += c.len_utf8(),
                _ => return j,
            }
        }
    }

    /// Whether the separator `c` at `j`, inside the word that started at
    /// `word_start`, joins the word chars on its two sides into one word.
    fn joins(&self, word_start: usize, j: usize, c: char) -> bool {
        let (Some(before), Some(after)) = (char_before(self.text, j), self.peek(j + c.len_utf8()))
        else {
            return false;
        };
        if !is_word_char(after) {
            return false;
        }
        let digits = before.is_ascii_digit() && after.is_ascii_digit();
        match c {
            '.' => digits || self.joins_dotted(word_start, j),
            ',' => before.is_ascii_digit() && self.three_digits_follow(j + 1),
            ':' | '/' => digits,
            '-' | '\u{AD}' => true,
            '\'' | '’' => before.is_alphabetic() && after.is_alphabetic(),
            '&' => before.is_ascii_uppercase() && after.is_ascii_uppercase(),
            _ => false,
        }
    }

    /// A period between letters joins short pieces ("U.S", "a.m", "Ph.D") and
    /// domain names ("bbc.co.uk"), but not two words run together ("ended.The").
    fn joins_dotted(&self, word_start: usize, dot: usize) -> bool {
        let left = last_piece(&self.text[word_start..dot]);
        let right_end = self.piece_end(dot + 1);
        let right = &self.text[dot + 1..right_end];
        let short = |s: &str| s.chars().count() <= 2 && s.chars().all(char::is_alphabetic);
        (short(left) && short(right))
            || (!left.is_empty() && lexicon().is_domain(right) && self.peek(right_end) != Some('-'))
            || is_dotted_name(&self.text[word_start..self.dotted_end(dot)])
    }

    /// End of the run of word chars, hyphens and single periods from `i`
    /// ("animals.dogs.open-forum"), so that a dotted name is judged whole.
    fn dotted_end(&self, i: usize) -> usize {
        let mut j = i;
        while let Some(c) = self.peek(j) {
            let joined = is_word_char(c)
                || (matches!(c, '.' | '-') && self.peek(j + 1).is_some_and(is_word_char));
            if !joined {
                break;
            }
            j += c.len_utf8();
        }
        j
    }

    fn piece_end(&self, i: usize) -> usize {
        let mut j = i;
        while let Some(c) = self.peek(j).filter(|&c| is_word_char(c)) {
            j += c.len_utf8();
        }
        j
    }

    /// Thousands separator: exactly three digits after the comma.
    fn three_digits_follow(&self, i: usize) -> bool {
        let bytes = &self.text.as_bytes()[i..self.end];
        bytes.len() >= 3
            && bytes[..3].iter().all(u8::is_ascii_digit)
            && !matches!(bytes.get(3), Some(b) if b.is_ascii_digit())
    }

    fn is_domain(&self, start: usize, end: usize) -> bool {
        let word = &self.text[start..end];
        word.rsplit_once('.')
            .is_some_and(|(_, tld)| lexicon().is_domain(tld))
    }

    /// Emits the word `start..end` as one or more tokens; returns where the
    /// last one ends (past an abbreviation's period when it takes one).
    fn emit_word(&self, start: usize, end: usize, out: &mut Vec<Token>) -> usize {
        let word = &self.text[start..end];
        // "Inc.." is "Inc." and a full stop; "and so on..." keeps its ellipsis.
        let periods = self.text[end..self.end]
            .bytes()
            .take_while(|&b| b == b'.')
            .count();
        if (periods == 1 || periods == 2) && self.takes_period(word, end + 1) {
            return push(out, start, end + 1);
        }
        if word.eq_ignore_ascii_case("its")
            && IT_IS_BEFORE.contains(&self.next_word_lower(end).as_str())
        {
            // "its not", "its a": "it's" written without its apostrophe.
            push(out, start, start + 2);
            return push(out, start + 2, end);
        }
        if word.contains('-') && !keeps_hyphens(word) && !is_dotted_name(word) {
            let mut part_start = start;
            for (k, _) in word.match_indices('-') {
                let hyphen = start + k;
                if hyphen > part_start {
                    split_clitics(self.text, part_start, hyphen, out);
                }
                push(out, hyphen, hyphen + 1);
                part_start = hyphen + 1;
            }
            if end > part_start {
                split_clitics(self.text, part_start, end, out);
            }
        } else {
            split_clitics(self.text, start, end, out);
        }
        end
    }

    /// Whether the period right after `word` belongs to it; `after` is the
    /// byte after the period.
    fn takes_period(&self, word: &str, after: usize) -> bool {
        // EWT (and UD English generally) writes a sentence-final "etc." as "etc" + ".".
        if word.eq_ignore_ascii_case("etc") {
            return !self.next_char_is(after, char::is_uppercase) && !self.at_line_end(after);
        }
        match lexicon().abbreviation(word) {
            Some(AbbrevKind::Title | AbbrevKind::Other) => return true,
            Some(AbbrevKind::Numeral) => return self.digit_follows(after),
            None => {}
        }
        let mut chars = word.chars();
        let single_capital =
            matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
        // A capital letter is an initial only when more of the name follows on
        // the line ("S. Jaishankar"); at the end of a line it is a word such as
        // "X" or "Plan B" and the period ends the sentence.
        (single_capital && self.next_char_is(after, char::is_uppercase))
            || is_dotted_abbreviation(word)
    }

    /// Whether the next non-space char after `i`, on the same line and within
    /// the segment, satisfies `pred`.
    fn next_char_is(&self, i: usize, pred: impl Fn(char) -> bool) -> bool {
        let rest = &self.text[i..self.segment_end];
        rest.trim_start_matches(|c: char| is_space(c) && !is_line_break(c))
            .starts_with(pred)
    }

    /// Whether only spaces lie between `i` and the end of its line or segment.
    fn at_line_end(&self, i: usize) -> bool {
        let rest = &self.text[i..self.segment_end];
        rest.trim_start_matches(|c: char| is_space(c) && !is_line_break(c))
            .chars()
            .next()
            .is_none_or(is_line_break)
    }

    /// The word after `i` (spaces skipped, same line), lower-cased into a small
    /// buffer; empty when none, when it is longer than the buffer or when it goes on
    /// past its letters.
    fn next_word_lower(&self, i: usize) -> LowerWord {
        let rest = &self.text[i..self.segment_end];
        let rest = rest.trim_start_matches(|c: char| is_space(c) && !is_line_break(c));
        let end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        // Only a whole word: "all" but not the start of "all-time" or "all's".
        let whole = rest[end..]
            .chars()
            .next()
            .is_none_or(|c| !is_word_char(c) && c != '-' && !is_apostrophe(c));
        LowerWord::new(if whole { &rest[..end] } else { "" })
    }

    fn digit_follows(&self, i: usize) -> bool {
        self.next_char_is(i, |c| c.is_ascii_digit())
    }
}

#[inline]
fn push(out: &mut Vec<Token>, start: usize, end: usize) -> usize {
    out.push(Token { start, end });
    end
}

/// The piece of `s` after its last period.
fn last_piece(s: &str) -> &str {
    s.rsplit('.').next().unwrap_or(s)
}

/// A short ASCII word lower-cased without allocating (empty if over 12 letters).
struct LowerWord([u8; 12], usize);

impl LowerWord {
    fn new(word: &str) -> LowerWord {
        let mut buf = [0u8; 12];
        if word.len() > buf.len() || !word.is_ascii() {
            return LowerWord(buf, 0);
        }
        for (b, w) in buf.iter_mut().zip(word.bytes()) {
            *b = w.to_ascii_lowercase();
        }
        LowerWord(buf, word.len())
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0[..self.1]).unwrap_or("")
    }
}

/// Words after which "its" is "it's" without the apostrophe ("its not", "its a
/// shame"): EWT train's "it s" words that never follow the possessive there.
const IT_IS_BEFORE: [&str; 22] = [
    "not",
    "a",
    "an",
    "the",
    "really",
    "simply",
    "very",
    "like",
    "in",
    "now",
    "definitely",
    "also",
    "only",
    "nothing",
    "all",
    "getting",
    "been",
    "just",
    "still",
    "going",
    "always",
    "never",
];

/// File extensions that end a file name as one token ("Lisa_resume.doc").
const FILE_EXTENSIONS: [&str; 20] = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "htm", "html", "txt", "jpg", "jpeg", "gif",
    "png", "zip", "csv", "rtf", "wpd", "exe", "xml",
];

/// A name whose parts are joined by periods, kept as one token as EWT keeps it:
/// a host name ending in a top-level domain ("irc.yankeedot.net", "Newsfeed.Com"),
/// a file name ("CrudeStocks.pdf"), or three or more lower-case parts
/// ("alt.animals.cat"), which run-together sentences do not produce.
fn is_dotted_name(word: &str) -> bool {
    let Some((head, last)) = word.rsplit_once('.') else {
        return false;
    };
    let part_ok = |p: &str| {
        !p.is_empty()
            && !p.starts_with('-')
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    if !word.split('.').all(part_ok) {
        return false;
    }
    let last_lower = LowerWord::new(last);
    let known_end =
        lexicon().is_domain(last_lower.as_str()) || FILE_EXTENSIONS.contains(&last_lower.as_str());
    let lower_parts = word.split('.').count() >= 3
        && word.split('.').all(|p| {
            p.bytes().any(|b| b.is_ascii_lowercase()) && !p.bytes().any(|b| b.is_ascii_uppercase())
        });
    (known_end && head.bytes().any(|b| b.is_ascii_alphabetic())) || lower_parts
}

/// "U.S", "a.m", "Ph.D", "e.g": short alphabetic pieces joined by periods.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

/// Hyphenated words EWT keeps whole: prefixed words and phone-like numbers.
fn keeps_hyphens(word: &str) -> bool {
    let first = word.split('-').next().unwrap_or(word);
    lexicon().is_hyphen_prefix(first) || is_phone_like(word)
}

/// "713-853-3989", "646-8420": all-digit groups that are not a range like "1999-2000".
fn is_phone_like(word: &str) -> bool {
    let mut groups = 0;
    let mut lens = [0usize; 2];
    for part in word.split('-') {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        if groups < 2 {
            lens[groups] = part.len();
        }
        groups += 1;
    }
    groups >= 3 || lens == [3, 4]
}

/// Clitics EWT splits off, after an apostrophe (either ' or ’).
const APOSTROPHE_CLITICS: [&str; 6] = ["s", "re", "ll", "d", "ve", "m"];
/// Fused words EWT splits into two tokens, and where: informal spellings of
/// negations and pronoun contractions without their apostrophe included. Not
/// "its", "lets" or "well", which are more often words of their own.
const FUSED: [(&str, usize); 25] = [
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dont", 2),
    ("didnt", 3),
    ("doesnt", 4),
    ("wont", 2),
    ("cant", 2),
    ("isnt", 2),
    ("wasnt", 3),
    ("arent", 3),
    ("werent", 4),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("havent", 4),
    ("hasnt", 3),
    ("hadnt", 3),
    ("aint", 2),
    ("im", 1),
    ("ive", 1),
    ("youre", 3),
    ("thats", 4),
    ("theres", 5),
];

/// Emits the word `start..end`, split before a clitic if it ends in one.
fn split_clitics(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    let split = fused_split(word)
        .or_else(|| time_split(word))
        .or_else(|| negation_split(word))
        .or_else(|| apostrophe_split(word));
    match split {
        Some(at) if at > 0 && at < word.len() => {
            push(out, start, start + at);
            push(out, start + at, end);
        }
        _ => {
            push(out, start, end);
        }
    }
}

fn fused_split(word: &str) -> Option<usize> {
    // "IM", "IVE": all-capital short forms are more often acronyms.
    if word.len() <= 3 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    FUSED
        .iter()
        .find(|(fused, _)| word.eq_ignore_ascii_case(fused))
        .map(|&(_, at)| at)
}

/// "5pm" → "5" + "pm", "7:30PM" → "7:30" + "PM".
fn time_split(word: &str) -> Option<usize> {
    let at = word.len().checked_sub(2)?;
    let (time, suffix) = (word.get(..at)?, word.get(at..)?);
    let is_time = time.starts_with(|c: char| c.is_ascii_digit())
        && time.bytes().all(|b| b.is_ascii_digit() || b == b':');
    (is_time && (suffix.eq_ignore_ascii_case("am") || suffix.eq_ignore_ascii_case("pm")))
        .then_some(at)
}

/// "don't" → "do" + "n't"; "can’t" → "ca" + "n’t".
fn negation_split(word: &str) -> Option<usize> {
    let (stem, t) = word.rsplit_once(is_apostrophe)?;
    let n = stem.chars().next_back()?;
    (t.eq_ignore_ascii_case("t") && n.eq_ignore_ascii_case(&'n') && stem.len() > 1)
        .then(|| stem.len() - 1)
}

/// "Afghanistan's" → "Afghanistan" + "'s"; "they’re" → "they" + "’re".
fn apostrophe_split(word: &str) -> Option<usize> {
    let (stem, clitic) = word.rsplit_once(is_apostrophe)?;
    APOSTROPHE_CLITICS
        .iter()
        .any(|c| clitic.eq_ignore_ascii_case(c))
        .then_some(stem.len())
}

//! A rule-based sentence splitter over tokens, tuned for news English.

use crate::boundary::{BoundaryModel, Context};
use crate::chars::{is_line_break, is_space};
use crate::doc::{Sentence, Token};
use crate::lexicon::{lexicon, AbbrevKind};

/// Sentences over `tokens` (token ranges + byte ranges into `text`).
///
/// `tokens` must come from [`crate::tokenize`] over the same `text`. A sentence
/// ends:
/// - at a line break between two tokens (headlines, captions, paragraphs and
///   social-media embed lines have no final punctuation);
/// - where text other than whitespace lies between two tokens, i.e. at a skip
///   range of the tokenizer;
/// - after `.`, `?`, `!`, `...` or `…`, plus any closing quotes and brackets
///   right after them, when the next token does not start lower case or with
///   inner punctuation (`"Why?" he asked` stays one sentence);
/// - after an abbreviation that can end a sentence (`U.S.`, `Inc.`, `p.m.`,
///   an initial) only when a word that typically starts a sentence follows
///   (`in the U.S. The talks`), not a name (`U.S. President`); never after a
///   title (`Dr.`, `Lt. Gen.`, `St.`) or `No.` before a number.
///
/// Each sentence spans from its first token's start to its last token's end.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    split_with(text, tokens, crate::boundary::embedded())
}

/// [`split_sentences`] with the rules alone, or with a learned boundary
/// classifier deciding at every gap the rules do not force (line breaks and
/// skipped text always end a sentence), the rules' decision being one of its features.
pub(crate) fn split_with(
    text: &str,
    tokens: &[Token],
    model: Option<&BoundaryModel>,
) -> Vec<Sentence> {
    let rules = rule_ends(text, tokens);
    let ctx = Context {
        text,
        tokens,
        rules: &rules,
    };
    let mut out = Vec::new();
    let mut first = 0;
    for (k, &rule) in rules.iter().enumerate() {
        let ends = forced_end(text, tokens, k)
            || match model {
                Some(m) => !trailing_off(text, tokens, k) && m.ends(&ctx, k, k + 1 - first),
                None => rule,
            };
        if ends {
            out.push(sentence(tokens, first, k));
            first = k + 1;
        }
    }
    out
}

/// Whether a sentence must end after token `k`: the last token, or a line
/// break or skipped text after it.
pub(crate) fn forced_end(text: &str, tokens: &[Token], k: usize) -> bool {
    match tokens.get(k + 1) {
        Some(next) => hard_break(text, tokens[k].end, next.start) || stamp_end(text, tokens, k),
        None => true,
    }
}

/// A date-and-time stamp of an e-mail header ("Kay Mann 04/26/2001 07:17 AM Will you…")
/// stands alone: a sentence ends after it, and before it unless a lower-case word
/// leads into it ("sent on 08/15/2000 06:03 PM").
fn stamp_end(text: &str, tokens: &[Token], k: usize) -> bool {
    let tok = |i: usize| tokens.get(i).map_or("", |&t| token_str(text, t));
    let is_day_part = |s: &str| s.eq_ignore_ascii_case("am") || s.eq_ignore_ascii_case("pm");
    // Asked after every token: most are words, settled by their first byte.
    let digit_first = |s: &str| s.as_bytes().first().is_some_and(u8::is_ascii_digit);
    if !digit_first(tok(k)) && !digit_first(tok(k + 1)) && !is_day_part(tok(k)) {
        return false;
    }
    // The stamp's last token: its time, or the AM/PM after it.
    let (time, last_is_time) = if is_day_part(tok(k)) && k > 0 {
        (k - 1, false)
    } else {
        (k, true)
    };
    let after = time > 0
        && is_clock_time(tok(time))
        && is_slash_date(tok(time - 1))
        && !(last_is_time && is_day_part(tok(k + 1)));
    let before = is_slash_date(tok(k + 1))
        && is_clock_time(tok(k + 2))
        && !tok(k).starts_with(char::is_lowercase);
    after || before
}

/// "08/16/2000", "10/08/99": a numeric date with slashes.
fn is_slash_date(s: &str) -> bool {
    let mut parts = s.split('/');
    let lens = [parts.next(), parts.next(), parts.next(), parts.next()];
    let digits = |p: Option<&str>, lo: usize, hi: usize| {
        p.is_some_and(|p| (lo..=hi).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    };
    digits(lens[0], 1, 2) && digits(lens[1], 1, 2) && digits(lens[2], 2, 4) && lens[3].is_none()
}

/// "07:17", "06:03:48": a clock time.
fn is_clock_time(s: &str) -> bool {
    let mut n = 0;
    for (i, part) in s.split(':').enumerate() {
        let ok = if i == 0 {
            (1..=2).contains(&part.len())
        } else {
            part.len() == 2
        };
        if !ok || !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        n += 1;
    }
    (2..=3).contains(&n)
}

/// An ellipsis before a lower-case word (`He paused... and went on`): edited
/// text trails off inside a sentence there, so the model may not end one.
fn trailing_off(text: &str, tokens: &[Token], k: usize) -> bool {
    let word = token_str(text, tokens[k]);
    let ellipsis = word == "…" || (word.len() > 1 && word.bytes().all(|b| b == b'.'));
    ellipsis
        && tokens
            .get(k + 1)
            .is_some_and(|&t| token_str(text, t).starts_with(char::is_lowercase))
}

/// The rules' decision after each token: `true` where a sentence ends.
pub(crate) fn rule_ends(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut ends = vec![false; tokens.len()];
    let mut k = 0;
    while k < tokens.len() {
        match sentence_end(text, tokens, k) {
            Some(last) => {
                ends[last] = true;
                k = last + 1;
            }
            None => k += 1,
        }
    }
    if let Some(last) = ends.last_mut() {
        *last = true;
    }
    ends
}

fn sentence(tokens: &[Token], first: usize, last: usize) -> Sentence {
    Sentence {
        start: tokens[first].start,
        end: tokens[last].end,
        tokens: first..last + 1,
    }
}

/// What a token says about a possible sentence end after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// `.`, `?`, `!`, `...`, `…` and runs of them.
    Strong,
    /// An abbreviation that can end a sentence: `U.S.`, `Inc.`, an initial.
    Abbreviation,
}

fn terminal(token: &str) -> Option<Terminal> {
    if token.chars().all(|c| matches!(c, '.' | '?' | '!' | '…')) {
        return Some(Terminal::Strong);
    }
    let word = token.strip_suffix('.')?;
    match lexicon().abbreviation(word) {
        Some(AbbrevKind::Title | AbbrevKind::Numeral) => None,
        _ => Some(Terminal::Abbreviation),
    }
}

/// If a sentence ends at token `k` or at the closers right after it, the
/// index of its last token.
fn sentence_end(text: &str, tokens: &[Token], k: usize) -> Option<usize> {
    let next = tokens.get(k + 1)?;
    if hard_break(text, tokens[k].end, next.start) {
        return Some(k);
    }
    let kind = terminal(token_str(text, tokens[k]))?;
    let last = absorb_closers(text, tokens, k);
    let Some(&after) = tokens.get(last + 1) else {
        return Some(last);
    };
    if hard_break(text, tokens[last].end, after.start) {
        return Some(last);
    }
    let ends = match kind {
        Terminal::Strong => starts_sentence(token_str(text, after)),
        Terminal::Abbreviation => {
            next_word(text, &tokens[last + 1..]).is_some_and(|w| lexicon().is_sentence_starter(w))
        }
    };
    ends.then_some(last)
}

/// The last of the closing quotes and brackets that directly follow token `k`.
fn absorb_closers(text: &str, tokens: &[Token], k: usize) -> usize {
    let mut last = k;
    while let Some(&next) = tokens.get(last + 1) {
        let prev = tokens[last];
        if hard_break(text, prev.end, next.start) {
            break;
        }
        let adjacent = prev.end == next.start;
        let closes = match token_str(text, next) {
            // Straight quotes open as often as they close: only one glued to
            // the punctuation closes.
            "\"" | "'" | "''" => adjacent,
            ")" | "]" | "}" | "”" | "’" | "»" => true,
            _ => false,
        };
        if !closes {
            break;
        }
        last += 1;
    }
    last
}

/// Whether the gap between two tokens ends a sentence by itself: a line break,
/// or text the tokenizer skipped (anything but whitespace).
fn hard_break(text: &str, end: usize, start: usize) -> bool {
    match text.get(end..start) {
        Some(gap) => gap.chars().any(|c| is_line_break(c) || !is_space(c)),
        None => true,
    }
}

/// After strong punctuation: anything but a lower-case word or inner
/// punctuation begins a new sentence.
fn starts_sentence(token: &str) -> bool {
    match token.chars().next() {
        Some(c) if c.is_lowercase() => false,
        Some(',' | ';' | ':' | ')' | ']' | '}' | '-' | '–' | '—') => false,
        Some(_) => true,
        None => false,
    }
}

/// The first token after any opening quotes or brackets.
fn next_word<'a>(text: &'a str, tokens: &[Token]) -> Option<&'a str> {
    tokens
        .iter()
        .map(|&t| token_str(text, t))
        .find(|t| !matches!(*t, "\"" | "'" | "“" | "‘" | "(" | "["))
}

fn token_str(text: &str, token: Token) -> &str {
    text.get(token.start..token.end).unwrap_or("")
}

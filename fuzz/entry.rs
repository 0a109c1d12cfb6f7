//! What each fuzz target does with its input, shared by the targets in `fuzz_targets/` and by
//! the replay of `fuzz/regressions/` under `cargo test` (crates/attache/tests/fuzz_regressions.rs
//! includes this file), so that a saved input is replayed through exactly the code that failed.
//!
//! Each function panics on a broken invariant as well as on a crash: every offset the readers,
//! the text stage, the date resolver and the coder hand on must be a char boundary of the text
//! it points into, since later stages slice with it.

#![allow(dead_code)]

use attache_ingest::{read_bytes_for_fuzzing, Article, InputFormat, ReadOptions};
use chrono::NaiveDate;

/// The size limit the reader targets run under: small, so that the limit paths are reached.
pub const MAX_BYTES: u64 = 64 * 1024;

/// What a target does with one input.
pub type Target = fn(&[u8]);

/// The targets, by name: the directory names under `fuzz/regressions/`.
pub const TARGETS: [(&str, Target); 9] = [
    ("text_article", text_article),
    ("json_line", json_line),
    ("read_html", read_html),
    ("read_feed", read_feed),
    ("read_warc", read_warc),
    ("read_any", read_any),
    ("text_parse", text_parse),
    ("dates", dates),
    ("code_article", code_article),
];

/// A publication date from the first two bytes (1990 to 2079), the rest as text.
fn dated(data: &[u8]) -> (Option<NaiveDate>, &[u8]) {
    match data {
        [a, b, rest @ ..] => {
            let days = u16::from_le_bytes([*a, *b]) as i64 % (90 * 366);
            let base = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
            (base.checked_add_signed(chrono::Duration::days(days)), rest)
        }
        _ => (None, data),
    }
}

fn check_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "{what} {start}..{end} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} not on char boundaries"
    );
}

fn check_article(article: &Article) {
    let mut last = 0;
    for r in &article.boilerplate {
        check_range(&article.text, r.start, r.end, "boilerplate range");
        assert!(
            r.start >= last,
            "boilerplate ranges overlap or are unsorted"
        );
        last = r.end;
    }
}

fn check_read(format: Option<InputFormat>, data: &[u8]) {
    let (articles, _errors) = read_bytes_for_fuzzing(data, format, MAX_BYTES);
    for article in &articles {
        check_article(article);
        assert!(
            article.text.len() as u64 <= MAX_BYTES,
            "an article larger than the limit got through"
        );
    }
}

pub fn text_article(data: &[u8]) {
    let (published, rest) = dated(data);
    let opts = ReadOptions { published };
    let text = String::from_utf8_lossy(rest).into_owned();
    let article = attache_ingest::parse_text_article("fuzz", text, &opts);
    check_article(&article);
}

pub fn json_line(data: &[u8]) {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(article) = attache_ingest::parse_json_article(line, &ReadOptions::default()) {
        check_article(&article);
    }
}

pub fn read_html(data: &[u8]) {
    check_read(Some(InputFormat::Html), data);
}

pub fn read_feed(data: &[u8]) {
    check_read(Some(InputFormat::Feed), data);
}

pub fn read_warc(data: &[u8]) {
    check_read(Some(InputFormat::Warc), data);
}

/// Format sniffing, gzip/zstd and whichever reader the first bytes pick.
pub fn read_any(data: &[u8]) {
    check_read(None, data);
}

fn check_doc(text: &str, doc: &attache_text::Doc) {
    for t in &doc.tokens {
        check_range(text, t.start, t.end, "token");
    }
    for s in &doc.sentences {
        check_range(text, s.start, s.end, "sentence");
        assert!(
            s.tokens.start <= s.tokens.end && s.tokens.end <= doc.tokens.len(),
            "sentence token range {:?} outside {} tokens",
            s.tokens,
            doc.tokens.len()
        );
    }
}

/// Tokenizer, sentence splitter, tagger and parser.
pub fn text_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let doc = attache_text::parse(&text, &[]);
    check_doc(&text, &doc);
}

/// The date resolver, against a publication date or none.
pub fn dates(data: &[u8]) {
    let (published, rest) = dated(data);
    let text = String::from_utf8_lossy(rest);
    for m in attache_coder::dates::find_dates(&text, published) {
        check_range(&text, m.start, m.end, "date mention");
    }
}

/// The whole pipeline on arbitrary text, as `attache code` runs it on a text file.
pub fn code_article(data: &[u8]) {
    let (published, rest) = dated(data);
    let opts = ReadOptions { published };
    let text = String::from_utf8_lossy(rest).into_owned();
    let article = attache_ingest::parse_text_article("fuzz", text, &opts);
    let doc = attache_text::analyze(&article.text, &article.boilerplate);
    check_doc(&article.text, &doc);
    for event in attache_coder::code_article(&article, &doc) {
        check_range(&article.text, event.span[0], event.span[1], "event span");
    }
}

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
pub const TARGETS: [(&str, Target); 10] = [
    ("text_article", text_article),
    ("json_line", json_line),
    ("read_html", read_html),
    ("read_feed", read_feed),
    ("read_warc", read_warc),
    ("read_any", read_any),
    ("text_parse", text_parse),
    ("dates", dates),
    ("code_article", code_article),
    ("api_query", api_query),
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

fn check_filter(f: &attache_store::EventFilter) {
    use attache_server::query::{is_code, is_date};
    let codes = f
        .actor
        .iter()
        .chain(f.dyad.iter().flat_map(|(a, b)| [a, b]));
    for code in codes {
        assert!(is_code(code), "unchecked actor code {code:?}");
    }
    for date in f.since.iter().chain(&f.until) {
        assert!(is_date(date), "unchecked date {date:?}");
    }
    if let Some(p) = &f.plover {
        assert!(
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
            "unchecked type {p:?}"
        );
    }
    if let Some(c) = &f.cameo_root {
        assert!(
            c.len() == 2 && c.bytes().all(|b| b.is_ascii_digit()),
            "cameo_root {c:?}"
        );
    }
    if let Some(words) = &f.search {
        assert!(!words.trim().is_empty(), "empty search words");
        assert!(
            !words.chars().any(char::is_control),
            "control character in {words:?}"
        );
    }
    assert!(f.article.as_deref() != Some(""), "empty article id");
    assert!(f.limit.is_none(), "a filter with its own limit");
}

fn check_page(limit: usize) {
    use attache_server::query::MAX_LIMIT;
    assert!((1..=MAX_LIMIT).contains(&limit), "page size {limit}");
}

/// What every refusal must be: a client error with a message (400, or 414 for a long query).
fn check_refusal<T>(result: Result<T, attache_server::ApiError>, raw: &str) -> Option<T> {
    use attache_server::query::MAX_QUERY_LEN;
    match result {
        Ok(value) => {
            assert!(
                raw.len() <= MAX_QUERY_LEN,
                "a query over the length limit accepted"
            );
            Some(value)
        }
        Err(e) => {
            let status = e.status.as_u16();
            assert!(status == 400 || status == 414, "status {status}");
            assert!(!e.message.is_empty(), "an error without a message");
            None
        }
    }
}

/// The API's query strings and path values (`attache_server::query`, which the handlers call):
/// the first byte picks the endpoint; the rest is `PATH?QUERY`, with path values split by `/`.
pub fn api_query(data: &[u8]) {
    use attache_server::query;
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (path, raw) = text.split_once('?').unwrap_or(("", &text));
    let mut values = path.split('/');
    let (a, b) = (values.next().unwrap_or(""), values.next().unwrap_or(""));
    let q = Some(raw);
    match which % 8 {
        0 => {
            if let Some(r) = check_refusal(query::events(q), raw) {
                check_filter(&r.filter);
                check_page(r.limit);
            }
        }
        1 => {
            if let Some(Some(code)) = check_refusal(query::actors(q), raw) {
                assert!(query::is_code(&code), "unchecked actor code {code:?}");
            }
        }
        2 => {
            if let Some((x, y, filter)) = check_refusal(query::dyad(a, b, q), raw) {
                assert!(query::is_code(&x) && query::is_code(&y));
                assert_eq!(filter.dyad, Some((x, y)));
                check_filter(&filter);
            }
        }
        3 => {
            if let Some((actor, since, until)) = check_refusal(query::engagement(a, q), raw) {
                assert!(query::is_code(&actor));
                assert!(since.iter().chain(&until).all(|d| query::is_date(d)));
            }
        }
        4 => {
            if let Some(m) = check_refusal(query::milestones(q), raw) {
                assert!(m.actor.iter().all(|c| query::is_code(c)));
                assert!(m.since.iter().all(|d| query::is_date(d)));
            }
        }
        5 => {
            if let Some(filter) = check_refusal(query::network(q), raw) {
                check_filter(&filter);
            }
        }
        6 => {
            if let Some((words, limit, _)) = check_refusal(query::search(q), raw) {
                assert!(!words.trim().is_empty() && !words.chars().any(char::is_control));
                check_page(limit);
            }
        }
        _ => {
            let _ = check_refusal(query::event_id(a), "");
        }
    }
}

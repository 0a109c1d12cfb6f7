//! JSON Lines records `{"id", "url", "published", "title", "text"}` (or `"html"` instead of
//! `"text"`: a page whose main content becomes the text), and `.json` files holding one such
//! object or an array of them.

use crate::compressed::{read_line_limited, too_large};
use crate::dates::parse_published;
use crate::html::{parse_html_article, PageMeta};
use crate::inputs::{Context, Emit, EmitReady};
use crate::pending::Pending;
use crate::text_file::annotate;
use crate::{Article, ReadError, ReadOptions};
use serde_json::{Map, Value};
use std::io::BufRead;
use std::ops::ControlFlow;

/// One JSON Lines record. `published` may be "YYYY-MM-DD" or an ISO date-time; when it is
/// absent or null the date comes from the text (header, byline, dateline), then `opts`.
/// A record without `id` is an error here, since there is no file name to make one from.
pub fn parse_json_article(line: &str, opts: &ReadOptions) -> Result<Article, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    article_from_value(&value, None, opts)
}

/// `fallback_id` names a record that has no `id` (readers pass `<file stem>:<line>`).
pub(crate) fn article_from_value(
    value: &Value,
    fallback_id: Option<&str>,
    opts: &ReadOptions,
) -> Result<Article, String> {
    let Value::Object(record) = value else {
        return Err(format!("expected a JSON object, found {}", kind(value)));
    };
    let id = match record.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        None | Some(Value::Null) => match fallback_id {
            Some(id) => id.to_string(),
            None => return Err("missing \"id\"".to_string()),
        },
        Some(Value::String(_)) => return Err("empty \"id\"".to_string()),
        Some(other) => return Err(format!("\"id\" must be a string, found {}", kind(other))),
    };
    let url = optional_string(record, "url")?;
    let title = optional_string(record, "title")?;
    // A date we cannot read is treated as absent: the text usually carries one too, and the
    // article is worth more than the field.
    let published = optional_string(record, "published")?
        .as_deref()
        .and_then(parse_published);

    let text = match record.get("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err("empty \"text\"".to_string()),
        None | Some(Value::Null) => {
            return match record.get("html") {
                Some(Value::String(html)) if !html.trim().is_empty() => {
                    let meta = PageMeta {
                        id: &id,
                        url: url.as_deref(),
                        fallback_date: None,
                        title: title.as_deref(),
                    };
                    let mut article = parse_html_article(html, meta, opts)?;
                    // The record's own date, like its title, is the corpus builder's word.
                    article.published = published.or(article.published);
                    Ok(article)
                }
                Some(Value::String(_)) => Err("empty \"html\"".to_string()),
                None | Some(Value::Null) => Err("missing \"text\"".to_string()),
                Some(other) => Err(format!("\"html\" must be a string, found {}", kind(other))),
            };
        }
        Some(other) => return Err(format!("\"text\" must be a string, found {}", kind(other))),
    };

    let found = annotate(&text, opts);
    Ok(Article {
        id,
        source: url.as_deref().and_then(host),
        url,
        published: published.or(found.date).or(opts.published),
        title,
        text,
        boilerplate: found.boilerplate,
    })
}

fn optional_string(record: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("\"{key}\" must be a string, found {}", kind(other))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The host of a URL, lower-cased and without `www.`: the source name we group articles by.
pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host.split(':').next()?,
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

/// Reads a JSON Lines stream line by line, so a corpus of any size takes the memory of one
/// record. Each line is checked on its own, so one bad line (even one that is not UTF-8, or
/// one over the size limit) costs that record only. An empty stream is no error: Spark hands
/// empty partitions to `attache code --input-format jsonl -`.
pub(crate) fn read_json_lines(
    path: &str,
    stem: &str,
    reader: &mut dyn BufRead,
    ctx: &Context<'_>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    let mut raw = Vec::new();
    let mut line_no = 0;
    loop {
        let over = match read_line_limited(reader, &mut raw, ctx.max_bytes) {
            Ok(Some(over)) => over,
            Ok(None) => return ControlFlow::Continue(()),
            Err(e) => {
                let message = format!("cannot read: {e}");
                return emit.ready(Err(ReadError::at_line(path, line_no + 1, message)));
            }
        };
        line_no += 1;
        let mut line = &raw[..];
        if line_no == 1 {
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !over && line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if over {
            let message = too_large(ctx.max_bytes);
            emit.ready(Err(ReadError::at_line(path, line_no, message)))?;
        } else {
            emit(Pending::json_line(path, stem, line_no, line.to_vec(), ctx))?;
        }
    }
}

/// One JSON Lines record, checked on its own: UTF-8, JSON, then the fields.
pub(crate) fn parse_json_line(
    path: &str,
    stem: &str,
    line_no: usize,
    line: &[u8],
    opts: &ReadOptions,
) -> Result<Article, ReadError> {
    let result = match std::str::from_utf8(line) {
        Err(e) => Err(format!(
            "not valid UTF-8 at byte {} of the line",
            e.valid_up_to()
        )),
        Ok(line) => serde_json::from_str::<Value>(line)
            .map_err(|e| format!("invalid JSON: {e}"))
            .and_then(|v| article_from_value(&v, Some(&format!("{stem}:{line_no}")), opts)),
    };
    result.map_err(|message| ReadError::at_line(path, line_no, message))
}

/// Reads a `.json` file: one object, an array of objects, or (leniently) JSON Lines.
pub(crate) fn read_json_document(
    path: &str,
    stem: &str,
    content: &str,
    ctx: &Context<'_>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    match serde_json::from_str::<Value>(content) {
        Ok(Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                let n = index + 1;
                let result = article_from_value(item, Some(&format!("{stem}:{n}")), ctx.opts);
                emit.ready(result.map_err(|m| ReadError::new(path, format!("item {n}: {m}"))))?;
            }
            ControlFlow::Continue(())
        }
        Ok(value) => {
            let result = article_from_value(&value, Some(stem), ctx.opts);
            emit.ready(result.map_err(|m| ReadError::new(path, m)))
        }
        Err(_) if content.lines().filter(|l| !l.trim().is_empty()).count() > 1 => {
            read_json_lines(path, stem, &mut content.as_bytes(), ctx, emit)
        }
        Err(e) => emit.ready(Err(ReadError::new(path, format!("invalid JSON: {e}")))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn collect(
        f: impl FnOnce(&Context<'_>, &mut Emit<'_>) -> ControlFlow<()>,
    ) -> (Vec<Article>, Vec<ReadError>) {
        crate::inputs::collect_read(200, f)
    }

    #[test]
    fn full_record() {
        let line = r#"{"id": "007", "url": "https://www.Example.org/news/a?x=1", "published": "2021-10-19T08:00:00Z", "title": "Envoys meet", "text": " date 2021-10-18 OSLO, Oct 18 (Wire): Envoys met.\n\nAdvertisement\n"}"#;
        let a = parse_json_article(line, &ReadOptions::default()).unwrap();
        assert_eq!(a.id, "007");
        assert_eq!(a.source.as_deref(), Some("example.org"));
        assert_eq!(a.url.as_deref(), Some("https://www.Example.org/news/a?x=1"));
        assert_eq!(a.title.as_deref(), Some("Envoys meet"));
        assert_eq!(
            a.published,
            Some(d(2021, 10, 19)),
            "the field wins over the header"
        );
        let parts: Vec<&str> = a.boilerplate.iter().map(|r| &a.text[r.clone()]).collect();
        assert_eq!(parts, [" date 2021-10-18 ", "Advertisement"]);
    }

    #[test]
    fn date_falls_back_to_header_then_option() {
        let opts = ReadOptions {
            published: Some(d(2020, 1, 1)),
        };
        let a = parse_json_article(
            r#"{"id":"a","published":null,"text":" date 2022-02-02 Envoys met."}"#,
            &opts,
        )
        .unwrap();
        assert_eq!(a.published, Some(d(2022, 2, 2)));
        let b = parse_json_article(r#"{"id":"b","text":"Envoys met."}"#, &opts).unwrap();
        assert_eq!(b.published, Some(d(2020, 1, 1)));
        assert_eq!(b.source, None);
    }

    #[test]
    fn bad_records() {
        let opts = ReadOptions::default();
        let err = |line: &str| parse_json_article(line, &opts).unwrap_err();
        assert_eq!(err(r#"{"id":"a"}"#), "missing \"text\"");
        assert_eq!(err(r#"{"id":"a","text":"  "}"#), "empty \"text\"");
        assert_eq!(
            err(r#"{"id":"a","text":5}"#),
            "\"text\" must be a string, found a number"
        );
        assert_eq!(
            err(r#"{"id":"a","text":"x","url":[]}"#),
            "\"url\" must be a string, found an array"
        );
        assert_eq!(err(r#"{"text":"x"}"#), "missing \"id\"");
        assert_eq!(err("[1]"), "expected a JSON object, found an array");
        assert!(err("{not json").starts_with("invalid JSON"));
    }

    #[test]
    fn json_lines_mixed_good_and_bad() {
        let long = format!("{{\"id\":\"long\",\"text\":\"{}\"}}\n", "word ".repeat(60));
        let mut content = b"{\"id\":\"one\",\"text\":\"Envoys met.\"}\n\n{\"id\":\"two\"}\n{broken\n{\"text\":\"No id here.\"}\r\n{\"id\":\"x\",\"text\":\"caf\xff\"}\n".to_vec();
        content.extend(long.as_bytes());
        content.extend(b"{\"id\":\"after\",\"text\":\"Still read.\"}");
        let (good, bad) =
            collect(|ctx, emit| read_json_lines("in.jsonl", "in", &mut &content[..], ctx, emit));
        let ids: Vec<&str> = good.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["one", "in:5", "after"]);
        let lines: Vec<Option<usize>> = bad.iter().map(|e| e.line).collect();
        assert_eq!(lines, [Some(3), Some(4), Some(6), Some(7)]);
        assert_eq!(
            bad[3].message,
            "larger than the size limit of 200 bytes once decompressed (--max-size)"
        );
        assert_eq!(bad[0].to_string(), "in.jsonl:3: missing \"text\"");
        assert!(bad[2].message.starts_with("not valid UTF-8 at byte"));
    }

    #[test]
    fn json_array_and_single_object() {
        let array = r#"[{"id":"a","text":"One."}, {"text":"Two."}, {"id":"c"}]"#;
        let (good, bad) =
            collect(|ctx, emit| read_json_document("set.json", "set", array, ctx, emit));
        let ids: Vec<&str> = good.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "set:2"]);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].to_string(), "set.json: item 3: missing \"text\"");

        let (good, _) = collect(|ctx, emit| {
            read_json_document("one.json", "one", r#"{"text":"Solo."}"#, ctx, emit)
        });
        assert_eq!(good[0].id, "one");
    }

    #[test]
    fn html_records() {
        let line = r#"{"id":"h1","url":"https://www.example.org/a","published":"2024-01-02","html":"<html><head><title>Site | Talks</title><meta property=\"og:title\" content=\"Talks\"><meta property=\"article:published_time\" content=\"2023-12-31\"></head><body><nav>Home</nav><p>Envoys met.</p></body></html>"}"#;
        let a = parse_json_article(line, &ReadOptions::default()).unwrap();
        assert_eq!(a.text, "Envoys met.");
        assert_eq!(a.title.as_deref(), Some("Talks"));
        assert_eq!(a.source.as_deref(), Some("example.org"));
        assert_eq!(a.published, Some(d(2024, 1, 2)), "the field wins");
        let no_date = line.replace(r#""published":"2024-01-02","#, "");
        let a = parse_json_article(&no_date, &ReadOptions::default()).unwrap();
        assert_eq!(
            a.published,
            Some(d(2023, 12, 31)),
            "then the page's meta date"
        );
        let err = parse_json_article(r#"{"id":"h","html":" "}"#, &ReadOptions::default());
        assert_eq!(err.unwrap_err(), "empty \"html\"");
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.sify.com/news/x.html").as_deref(),
            Some("sify.com")
        );
        assert_eq!(
            host("http://user@News.Example.com:8080/a").as_deref(),
            Some("news.example.com")
        );
        assert_eq!(host("https://"), None);
    }
}

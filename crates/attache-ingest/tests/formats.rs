//! The input formats big corpora come in, read through the public entry point from files we
//! build here: HTML pages, feeds, WARC (plain and per-record gzip, as CC-NEWS), compressed
//! files of every kind, and the size limit.

use attache_ingest::{
    read_inputs_with, Article, InputFormat, InputSettings, ReadError, ReadOptions,
};
use chrono::NaiveDate;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;

fn read(paths: &[PathBuf], settings: &InputSettings) -> (Vec<Article>, Vec<ReadError>) {
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    read_inputs_with(paths, &ReadOptions::default(), settings, |r| {
        match r {
            Ok(a) => good.push(a),
            Err(e) => bad.push(e),
        }
        ControlFlow::Continue(())
    });
    (good, bad)
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn page(headline: &str, body: &str, meta_date: Option<&str>) -> String {
    let date = meta_date
        .map(|d| format!(r#"<meta property="article:published_time" content="{d}">"#))
        .unwrap_or_default();
    format!(
        "<!doctype html><html><head><title>{headline} - Example News</title>{date}</head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{headline}</h1><p>{body}</p></article>\
         <div id=\"comments\"><p>Reader comment: nonsense.</p></div></body></html>"
    )
}

/// A WARC record with its header block; `block` is the HTTP message or other payload.
fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:{:08}>\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        block.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Five records: a warcinfo, two good pages (one with its own date), a 404, an image.
fn warc_records() -> Vec<Vec<u8>> {
    let first = page(
        "Ministers meet",
        "The foreign ministers of Norway and Sweden met in Oslo on Tuesday.",
        None,
    );
    let second = page(
        "Border reopens",
        "Both governments reopened the border crossing after talks.",
        Some("2024-02-29T22:00:00-05:00"),
    );
    vec![
        record(
            "warcinfo",
            "",
            "2024-03-01T00:00:00Z",
            b"software: test\r\n",
        ),
        record(
            "response",
            "https://news.example.org/ministers",
            "2024-03-01T12:00:00Z",
            &http("200 OK", "text/html; charset=utf-8", &first),
        ),
        record(
            "response",
            "https://news.example.org/missing",
            "2024-03-01T12:01:00Z",
            &http(
                "404 Not Found",
                "text/html",
                "<html><body><p>Gone.</p></body></html>",
            ),
        ),
        record(
            "response",
            "https://news.example.org/logo.png",
            "2024-03-01T12:02:00Z",
            &http("200 OK", "image/png", "PNG..."),
        ),
        record(
            "response",
            "https://news.example.org/border",
            "2024-03-01T12:03:00Z",
            &http("200 OK", "text/html", &second),
        ),
    ]
}

fn check_warc_articles(good: &[Article]) {
    assert_eq!(good.len(), 2, "{good:#?}");
    let a = &good[0];
    assert_eq!(a.url.as_deref(), Some("https://news.example.org/ministers"));
    assert_eq!(a.source.as_deref(), Some("news.example.org"));
    assert_eq!(a.published, d(2024, 3, 1), "the record's date");
    assert_eq!(
        a.text,
        "The foreign ministers of Norway and Sweden met in Oslo on Tuesday."
    );
    assert!(a.id.starts_with("news.example.org-"), "{}", a.id);
    assert_eq!(
        good[1].published,
        d(2024, 2, 29),
        "the page's own date wins"
    );
    assert_ne!(good[0].id, good[1].id);
}

#[test]
fn warc_plain_and_gzipped_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let records = warc_records();
    let plain: Vec<u8> = records.concat();
    let per_record: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(dir.path().join("crawl.warc"), &plain).unwrap();
    std::fs::write(dir.path().join("crawl.warc.gz"), &per_record).unwrap();

    for name in ["crawl.warc", "crawl.warc.gz"] {
        let (good, bad) = read(&[dir.path().join(name)], &InputSettings::default());
        assert!(bad.is_empty(), "{name}: {bad:?}");
        check_warc_articles(&good);
    }
    // The same ids whichever file they come from: ids depend on the URL only.
    let (a, _) = read(&[dir.path().join("crawl.warc")], &InputSettings::default());
    let (b, _) = read(
        &[dir.path().join("crawl.warc.gz")],
        &InputSettings::default(),
    );
    assert_eq!(a, b);
}

#[test]
fn corrupt_warc_record_is_reported_and_the_rest_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut records = warc_records();
    // The fourth record loses its Content-Length: it cannot be delimited, so reading resumes
    // at the next version line.
    let broken = String::from_utf8_lossy(&records[3]).replace("Content-Length:", "Content-Lenght:");
    records[3] = broken.into_bytes();
    let offset: usize = records[..3].iter().map(Vec::len).sum();
    let path = dir.path().join("broken.warc");
    std::fs::write(&path, records.concat()).unwrap();
    let (good, bad) = read(std::slice::from_ref(&path), &InputSettings::default());
    check_warc_articles(&good);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(
        bad[0].to_string(),
        format!(
            "{}: record at byte {offset}: no Content-Length",
            path.display()
        )
    );

    // A truncated gzip stream ends the file with a message; what came before is kept.
    let gz: Vec<u8> = warc_records().iter().flat_map(|r| gzip(r)).collect();
    let cut = dir.path().join("cut.warc.gz");
    std::fs::write(&cut, &gz[..gz.len() - 40]).unwrap();
    let (good, bad) = read(&[cut], &InputSettings::default());
    assert_eq!(good.len(), 1);
    assert_eq!(bad.len(), 1);
    assert!(bad[0].message.contains("(decompressed)"), "{bad:?}");
}

#[test]
fn directory_of_every_format_compressed_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let html = page(
        "Talks resume",
        "Negotiators from both sides resumed talks in Geneva.",
        Some("2024-05-06"),
    );
    std::fs::write(root.join("a-page.html"), &html).unwrap();
    std::fs::write(
        root.join("b-page.htm.zst"),
        zstd::encode_all(html.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    let rss = "<rss version=\"2.0\"><channel><item><guid>item-1</guid><title>One</title>\
               <description>&lt;p&gt;Envoys met.&lt;/p&gt;</description></item>\
               <item><guid>item-2</guid><description>Envoys met again.</description></item>\
               </channel></rss>";
    std::fs::write(root.join("c-feed.xml"), rss).unwrap();
    std::fs::write(
        root.join("d-batch.jsonl.gz"),
        gzip(b"{\"id\":\"j1\",\"text\":\"One.\"}\n{\"id\":\"j2\",\"html\":\"<p>Two.</p>\"}\n"),
    )
    .unwrap();
    std::fs::write(
        root.join("e-note.txt.gz"),
        gzip(b" date 2024-01-02 Envoys met."),
    )
    .unwrap();
    std::fs::write(root.join("f-skipped.gz.bak"), b"not read").unwrap();

    let (good, bad) = read(&[root.to_path_buf()], &InputSettings::default());
    assert!(bad.is_empty(), "{bad:?}");
    let ids: Vec<&str> = good.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["a-page", "b-page", "item-1", "item-2", "j1", "j2", "e-note"]
    );
    assert_eq!(
        good[1],
        Article {
            id: "b-page".into(),
            ..good[0].clone()
        }
    );
    assert_eq!(good[0].published, d(2024, 5, 6));
    assert_eq!(
        good[0].title.as_deref(),
        Some("Talks resume - Example News")
    );
    assert!(!good[0].text.contains("Home"));
    assert!(!good[0].text.contains("Reader comment"));
    assert_eq!(good[2].text, "Envoys met.");
    assert_eq!(good[5].text, "Two.");
    assert_eq!(good[6].published, d(2024, 1, 2));
}

#[test]
fn decompression_bomb_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.txt.gz");
    std::fs::write(&bomb, gzip(&vec![b'a'; 3 << 20])).unwrap();
    let lines = dir.path().join("lines.jsonl.gz");
    let long = format!("{{\"id\":\"big\",\"text\":\"{}\"}}\n", "x".repeat(2 << 20));
    let small = "{\"id\":\"small\",\"text\":\"Envoys met.\"}\n";
    std::fs::write(&lines, gzip(format!("{long}{small}").as_bytes())).unwrap();
    let settings = InputSettings {
        max_bytes: 1 << 20,
        ..InputSettings::default()
    };
    let (good, bad) = read(&[bomb.clone(), lines.clone()], &settings);
    let ids: Vec<&str> = good.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["small"],
        "one record over the limit costs that record only"
    );
    let shown: Vec<String> = bad.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            format!(
                "{}: larger than the size limit of 1 MiB once decompressed (--max-size)",
                bomb.display()
            ),
            format!(
                "{}:1: larger than the size limit of 1 MiB once decompressed (--max-size)",
                lines.display()
            ),
        ]
    );
}

#[test]
fn forced_format_and_sniffing_for_unnamed_content() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("records.data");
    std::fs::write(&odd, "{\"id\":\"r1\",\"text\":\"One.\"}\n").unwrap();
    let (good, _) = read(std::slice::from_ref(&odd), &InputSettings::default());
    assert_eq!(
        good[0].id, "r1",
        "unknown extension: the content says JSON Lines"
    );
    let forced = InputSettings {
        format: Some(InputFormat::Text),
        ..InputSettings::default()
    };
    let (good, _) = read(&[odd], &forced);
    assert_eq!(good[0].id, "records", "forced: read as one text");
    assert!(good[0].text.starts_with("{\"id\""));
    assert_eq!("jsonl".parse::<InputFormat>(), Ok(InputFormat::Jsonl));
    assert_eq!("RSS".parse::<InputFormat>(), Ok(InputFormat::Feed));
    assert!("pdf".parse::<InputFormat>().is_err());
}

#[test]
fn a_break_stops_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    let lines: String = (0..100)
        .map(|i| format!("{{\"id\":\"a{i}\",\"text\":\"Envoys met.\"}}\n"))
        .collect();
    std::fs::write(&path, lines).unwrap();
    let mut seen = 0;
    read_inputs_with(
        &[path.clone(), path],
        &ReadOptions::default(),
        &InputSettings::default(),
        |_| {
            seen += 1;
            if seen == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    assert_eq!(seen, 3);
}

//! End-to-end tests of `attache code` on the input formats big corpora come in (HTML, feeds,
//! WARC, compressed files) and of parallel, streaming coding: the same events whatever the
//! number of threads, input order with `--ordered`, a quiet end on a closed stdout.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;

use common::{attache, events, stderr, stdout, BIN};

/// (article, plover, source code, target code, date) of each event, for comparisons.
fn summary(evs: &[Value]) -> Vec<String> {
    evs.iter()
        .map(|e| {
            format!(
                "{} {} {} {} {}",
                e["article"], e["plover"], e["source"]["code"], e["target"]["code"], e["date"]
            )
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

const COUNTRIES: [(&str, &str); 8] = [
    ("Indian", "India"),
    ("Chinese", "China"),
    ("Japanese", "Japan"),
    ("Australian", "Australia"),
    ("Norwegian", "Norway"),
    ("Swedish", "Sweden"),
    ("Russian", "Russia"),
    ("Ukrainian", "Ukraine"),
];

/// Invented wire stories, different enough that coding takes different time per article
/// (some long, some short), so a parallel run really finishes them out of order.
fn corpus(n: usize) -> String {
    let mut lines = String::new();
    for i in 0..n {
        let (adj, _) = COUNTRIES[i % COUNTRIES.len()];
        let (_, other) = COUNTRIES[(i * 3 + 1) % COUNTRIES.len()];
        let (adj2, _) = COUNTRIES[(i + 5) % COUNTRIES.len()];
        let mut text = format!(
            "The {adj} foreign minister met his counterpart from {other} in the capital on Tuesday. \
             {adj2} officials visited {other} on Monday."
        );
        for _ in 0..(i % 7) * 3 {
            text.push_str(" The talks covered trade, fisheries and the border.");
        }
        let record = serde_json::json!({
            "id": format!("story-{i:04}"),
            "url": format!("https://news.example.org/{i}"),
            "published": format!("2024-03-{:02}", 1 + i % 28),
            "text": text,
        });
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    lines
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn two_threads_give_the_same_events_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "corpus.jsonl", corpus(120).as_bytes());
    let one = attache(
        &[
            "code".as_ref(),
            "--threads".as_ref(),
            "1".as_ref(),
            path.as_os_str(),
        ],
        None,
    );
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    let serial = stdout(&one);
    assert!(serial.lines().count() >= 120, "the corpus gives events");

    let two = attache(
        &[
            "code".as_ref(),
            "--threads".as_ref(),
            "2".as_ref(),
            path.as_os_str(),
        ],
        None,
    );
    assert_eq!(two.status.code(), Some(0), "{}", stderr(&two));
    let mut a: Vec<&str> = serial.lines().collect();
    let parallel = stdout(&two);
    let mut b: Vec<&str> = parallel.lines().collect();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "the same events as a set");

    let ordered = attache(
        &[
            "code".as_ref(),
            "--threads".as_ref(),
            "2".as_ref(),
            "--ordered".as_ref(),
            path.as_os_str(),
        ],
        None,
    );
    assert_eq!(ordered.status.code(), Some(0));
    assert_eq!(stdout(&ordered), serial, "byte for byte in input order");

    // The same through stdin with the format forced, as Spark runs it.
    let piped = attache(
        &[
            "code",
            "--threads",
            "2",
            "--ordered",
            "--input-format",
            "jsonl",
            "-",
        ],
        Some(corpus(120).as_bytes()),
    );
    assert_eq!(stdout(&piped), serial);
}

#[test]
fn empty_stdin_with_forced_jsonl_is_no_error() {
    // Spark pipes empty partitions too.
    let out = attache(&["code", "--input-format", "jsonl", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn failures_keep_exit_code_1_with_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = corpus(10);
    lines.push_str("{broken\n");
    let path = write(dir.path(), "some-bad.jsonl", lines.as_bytes());
    let out = attache(
        &[
            "code".as_ref(),
            "--threads".as_ref(),
            "2".as_ref(),
            path.as_os_str(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("some-bad.jsonl:11: invalid JSON"),
        "{}",
        stderr(&out)
    );
    assert!(!events(&out).is_empty(), "the good records are still coded");
}

#[test]
fn closed_stdout_with_threads_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "big.jsonl", corpus(400).as_bytes());
    for ordered in [false, true] {
        let mut cmd = Command::new(BIN);
        cmd.args(["code", "--threads", "2"]).arg(&path);
        if ordered {
            cmd.arg("--ordered");
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with('{'), "{line}");
        drop(reader);
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "ordered={ordered}: {err}");
        assert!(err.trim().is_empty(), "nothing on stderr: {err}");
    }
}

fn news_page(body: &str, date: &str) -> String {
    format!(
        r#"<!doctype html><html><head><title>World news - Example</title>
<meta property="og:title" content="Ministers meet">
<meta property="article:published_time" content="{date}T09:00:00Z">
<script>var headline = "Russian forces attacked Ukrainian positions";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="advertisement">Russian forces attacked Ukrainian positions: read our live blog!</div>
<article><p>{body}</p></article>
<section id="comments"><p>Russian forces attacked Ukrainian positions, a reader wrote.</p></section>
</body></html>"#
    )
}

#[test]
fn html_page_codes_only_the_main_content() {
    let dir = tempfile::tempdir().unwrap();
    let html = news_page(
        "Norway's foreign minister met Sweden's foreign minister in Oslo on Tuesday.",
        "2024-03-05",
    );
    let path = write(
        dir.path(),
        "oslo-talks.html.zst",
        &zstd::encode_all(html.as_bytes(), 3).unwrap(),
    );
    let out = attache(&["code".as_ref(), path.as_os_str()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let evs = events(&out);
    assert_eq!(
        summary(&evs),
        ["\"oslo-talks\" \"CONSULT\" \"NOR\" \"SWE\" \"2024-03-05\""],
        "the script, ad and comment attacks are not coded"
    );
}

fn warc_record(uri: &str, date: &str, http_body: &str) -> Vec<u8> {
    let block = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{http_body}",
        http_body.len()
    );
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
    .into_bytes()
}

#[test]
fn warc_gz_from_a_crawl_is_coded_per_page() {
    let dir = tempfile::tempdir().unwrap();
    let first = news_page(
        "Japan's prime minister visited Australia on Monday.",
        "2024-03-05",
    );
    let second = format!(
        "<html><body><article><p>{}</p></article></body></html>",
        "Indian Foreign Minister S. Jaishankar met his Chinese counterpart Wang Yi in Beijing on Tuesday."
    );
    let mut warc = gzip(&warc_record(
        "https://a.example.org/japan",
        "2024-03-05T10:00:00Z",
        &first,
    ));
    warc.extend(gzip(&warc_record(
        "https://b.example.org/india",
        "2024-04-10T08:00:00Z",
        &second,
    )));
    let path = write(dir.path(), "crawl.warc.gz", &warc);
    let out = attache(
        &[
            "code".as_ref(),
            "--threads".as_ref(),
            "2".as_ref(),
            "--ordered".as_ref(),
            path.as_os_str(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let evs = events(&out);
    let got: Vec<(String, String, String)> = evs
        .iter()
        .map(|e| {
            (
                e["article"]
                    .as_str()
                    .unwrap_or("")
                    .split('-')
                    .next()
                    .unwrap_or("")
                    .to_string(),
                e["plover"].as_str().unwrap_or("").to_string(),
                e["date"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "a.example.org".to_string(),
                "CONSULT".to_string(),
                "2024-03-04".to_string()
            ),
            (
                "b.example.org".to_string(),
                "CONSULT".to_string(),
                "2024-04-09".to_string()
            ),
        ],
        "ids from the URL; dates relative to the page's date, else the record's"
    );
}

#[test]
fn feed_items_are_articles() {
    let dir = tempfile::tempdir().unwrap();
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>wire-1</guid><link>https://wire.example.org/1</link><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Russian forces attacked Ukrainian positions near Kharkiv on Sunday.&lt;/p&gt;</description></item>
</channel></rss>"#;
    let path = write(dir.path(), "wire.rss", rss.as_bytes());
    let out = attache(&["code".as_ref(), path.as_os_str()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        summary(&events(&out)),
        ["\"wire-1\" \"ASSAULT\" \"RUS\" \"UKR\" \"2024-03-03\""]
    );
}

#[test]
fn decompression_bomb_is_reported_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = write(dir.path(), "bomb.txt.gz", &gzip(&vec![b' '; 4 << 20]));
    let out = attache(
        &[
            "code".as_ref(),
            "--max-size".as_ref(),
            "1M".as_ref(),
            bomb.as_os_str(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("bomb.txt.gz: larger than the size limit of 1 MiB once decompressed"),
        "{}",
        stderr(&out)
    );
    let help = attache(&["code", "--help"], None);
    let help = stdout(&help);
    for needle in [
        "--threads",
        "--ordered",
        "--input-format",
        "--max-size",
        "[default: 64M]",
        "warc",
    ] {
        assert!(help.contains(needle), "{needle} in help:\n{help}");
    }
    let bad = attache(&["code", "--threads", "0", "-"], Some(b""));
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn compressed_stdin_is_recognised_by_its_bytes() {
    let plain = corpus(6);
    let expected = attache(&["code", "--threads", "1", "-"], Some(plain.as_bytes()));
    assert!(!expected.stdout.is_empty());
    let gz = attache(
        &["code", "--threads", "2", "--ordered", "-"],
        Some(&gzip(plain.as_bytes())),
    );
    assert_eq!(gz.status.code(), Some(0), "{}", stderr(&gz));
    assert_eq!(stdout(&gz), stdout(&expected));
    let zst = zstd::encode_all(plain.as_bytes(), 3).unwrap();
    let zst = attache(
        &["code", "--threads", "1", "--input-format", "jsonl", "-"],
        Some(&zst),
    );
    assert_eq!(stdout(&zst), stdout(&expected));

    let page = news_page(
        "Japan's prime minister visited Australia on Monday.",
        "2024-03-05",
    );
    let warc = gzip(&warc_record(
        "https://a.example.org/japan",
        "2024-03-05T10:00:00Z",
        &page,
    ));
    let out = attache(&["code", "--input-format", "warc", "-"], Some(&warc));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert!(evs[0]["article"]
        .as_str()
        .unwrap()
        .starts_with("a.example.org-"));
}

#[test]
fn events_come_out_while_stdin_is_still_open() {
    for threads in ["1", "2"] {
        let mut child = Command::new(BIN)
            .args(["code", "--threads", threads, "--input-format", "jsonl", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let first = corpus(1);
        stdin.write_all(first.as_bytes()).unwrap();
        stdin.flush().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        // The first article's events arrive before its input ends; a generous limit, since a
        // failure here would otherwise hang.
        let line = rx.recv_timeout(std::time::Duration::from_secs(60));
        drop(stdin);
        let _ = child.wait();
        let line = line.unwrap_or_else(|_| panic!("threads {threads}: no event before EOF"));
        assert!(line.contains("\"story-0000\""), "{line}");
    }
}

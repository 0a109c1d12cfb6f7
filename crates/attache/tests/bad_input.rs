//! Bad input, end to end: the real binary on a batch mixing good articles with everything a
//! crawler may bring back (binary files, invalid UTF-8, a 100 MB line, 100,000 nested and
//! unclosed HTML elements, a gzip bomb, empty files, JSON Lines with wrong types, missing
//! fields and impossible dates, a truncated WARC record). Each bad input is reported on stderr
//! with its path (and line or record), each impossible date (0000-00-00, 31 February, month 13,
//! in every input format) is a warning with its path (and line or record) while its article is
//! still coded, the good articles are still coded (`attache code`) or
//! stored (`attache ingest`, then `PRAGMA integrity_check`), the exit status is 1, nothing
//! panics, and memory stays bounded (the 100 MB inputs are never held whole).
//!
//! The corpus is built in a temporary directory at test time, once for all tests here.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_attache");

/// A sentence the coder is known to code (a CONSULT between India and Afghanistan).
const MEETING: &str = "Indian Foreign Secretary Vikram Misri met Afghanistan's acting Foreign Minister Amir Khan Muttaqi in Dubai on Monday.";

const HUNDRED_MB: usize = 100 * 1024 * 1024;

struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// Every input, in the order given on the command line.
    inputs: Vec<PathBuf>,
}

/// Article ids that must come through, and what must be reported: (file name, a fragment of
/// the message after it, such as ":3: " for a line or "record at byte" for a WARC record).
const GOOD_IDS: [&str; 10] = [
    "good-text",
    "jl-good-1",
    "jl-zero-date",
    "jl-feb-31",
    "jl-month-13",
    "batch:9",
    "after-huge",
    "date-header",
    "date-meta",
    "tag:news.example,2024:date-feed",
];

/// Impossible dates, one per input format: (file name and line or record, the date as
/// written). Each is a warning; its article is coded anyway.
const WARNED: [(&str, &str); 7] = [
    ("batch.jsonl:8: ", "0000-00-00"),
    ("batch.jsonl:10: ", "2025-02-31"),
    ("batch.jsonl:11: ", "2025-13-01"),
    ("date-header.txt: ", "2025-02-30"),
    ("date-meta.html: ", "2024-13-05T09:30:00+01:00"),
    ("date-feed.atom: ", "0000-00-00T00:00:00Z"),
    ("truncated.warc: record at byte 0: ", "2024-02-31"),
];

const REPORTED: [(&str, &str); 16] = [
    ("nested.html", "nested deeper than"),
    ("binary.bin", "not valid UTF-8"),
    ("latin1.txt", "not valid UTF-8 at byte"),
    ("huge-line.txt", "size limit"),
    ("bomb.txt.gz", "size limit"),
    ("empty.txt", "empty article"),
    ("blank.html", "empty article"),
    ("empty.json", "empty article"),
    ("batch.jsonl:2: ", "\"text\" must be a string"),
    ("batch.jsonl:3: ", "missing \"text\""),
    ("batch.jsonl:4: ", "invalid JSON"),
    ("batch.jsonl:5: ", "\"id\" must be a string"),
    ("batch.jsonl:6: ", "expected a JSON object"),
    ("batch.jsonl:7: ", ""),
    ("huge-line.jsonl:1: ", ""),
    ("truncated.warc: ", "record at byte"),
];

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(build_corpus)
}

fn jsonl_record(id: &str, published: &str, text: &str) -> String {
    serde_json::json!({"id": id, "published": published, "text": text}).to_string()
}

fn build_corpus() -> Corpus {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let put = |name: &str, bytes: &[u8]| std::fs::write(root.join(name), bytes).unwrap();

    put(
        "good-text.txt",
        format!(" date 2024-05-14 {MEETING} The talks went on.").as_bytes(),
    );
    // Binary garbage (every byte value, an ELF-like header) and Latin-1 text.
    let mut binary = b"\x7fELF\x02\x01\x01\x00".to_vec();
    binary.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    put("binary.bin", &binary);
    put("latin1.txt", b"Envoys met in Z\xfcrich on Monday.");
    put("empty.txt", b"");
    put("blank.html", b"  \n\t \n");
    put("empty.json", b"");

    // JSON Lines: wrong types, missing fields, broken JSON, impossible dates, no id.
    let lines = [
        jsonl_record("jl-good-1", "2024-05-14", MEETING),
        r#"{"id":"jl-text-number","text":5}"#.to_string(),
        r#"{"id":"jl-no-text","title":"Only a title"}"#.to_string(),
        r#"{"id":"jl-broken","text":"unterminated"#.to_string(),
        r#"{"id":7.5,"text":"A float id."}"#.to_string(),
        r#"["an","array"]"#.to_string(),
        r#"{"id":"jl-url-number","url":42,"text":"Envoys met."}"#.to_string(),
        // Dates that cannot be: treated as absent, the article is kept.
        jsonl_record(
            "jl-zero-date",
            "0000-00-00",
            &format!("{MEETING} Zero date."),
        ),
        // No id: named after the file and line.
        serde_json::json!({"text": format!("{MEETING} No id here.")}).to_string(),
        jsonl_record(
            "jl-feb-31",
            "2025-02-31",
            &format!("{MEETING} Thirty-first of February."),
        ),
        jsonl_record(
            "jl-month-13",
            "2025-13-01",
            &format!("{MEETING} Thirteenth month."),
        ),
    ];
    put("batch.jsonl", (lines.join("\n") + "\n").as_bytes());

    // A 100 MB line of text, as a text file and as one JSON Lines record followed by a good
    // one: the reader keeps at most the size limit (64 MiB) and goes on after it.
    {
        let mut big = vec![b'a'; HUNDRED_MB];
        for i in (0..big.len()).step_by(7) {
            big[i] = b' ';
        }
        put("huge-line.txt", &big);
        let mut jl =
            std::io::BufWriter::new(std::fs::File::create(root.join("huge-line.jsonl")).unwrap());
        jl.write_all(br#"{"id":"huge","text":""#).unwrap();
        jl.write_all(&big).unwrap();
        jl.write_all(b"\"}\n").unwrap();
        writeln!(
            jl,
            "{}",
            jsonl_record("after-huge", "2024-05-14", &format!("{MEETING} After."))
        )
        .unwrap();
        jl.flush().unwrap();
    }

    // A gzip bomb: 100 MB of spaces in about 100 KB.
    {
        let file = std::fs::File::create(root.join("bomb.txt.gz")).unwrap();
        let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..100 {
            gz.write_all(&chunk).unwrap();
        }
        gz.finish().unwrap();
        let size = std::fs::metadata(root.join("bomb.txt.gz")).unwrap().len();
        assert!(size < 1 << 20, "the bomb is small: {size} bytes");
    }

    // 100,000 nested, never closed elements, then prose; and a page cut off mid-tag.
    let mut nested = String::from("<html><body>");
    for _ in 0..100_000 {
        nested.push_str("<div>");
    }
    nested.push_str("<p>Envoys met in Oslo on Monday.");
    put("nested.html", nested.as_bytes());
    put(
        "unclosed.html",
        b"<html><head><title>Cut off</title><body><p>Rebels attacked a convoy<p><b><i>near <a href=\"x",
    );

    // Impossible dates in the other formats: a text header, an HTML meta tag, an Atom entry
    // (the WARC record below has one too).
    put(
        "date-header.txt",
        format!(" date 2025-02-30 {MEETING} A header date that cannot be.").as_bytes(),
    );
    put(
        "date-meta.html",
        format!(
            "<html><head><meta property=\"article:published_time\" \
             content=\"2024-13-05T09:30:00+01:00\"></head><body><article><p>{MEETING}</p>\
             <p>A meta date that cannot be.</p></article></body></html>"
        )
        .as_bytes(),
    );
    put(
        "date-feed.atom",
        format!(
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\
             <entry><title>Talks</title><id>tag:news.example,2024:date-feed</id>\
             <published>0000-00-00T00:00:00Z</published><summary>{MEETING}</summary></entry></feed>"
        )
        .as_bytes(),
    );

    // A WARC file: a good response record (with an impossible date), then one cut off in its
    // block.
    {
        let page = format!(
            "<html><head><meta property=\"article:published_time\" content=\"2024-02-31\">\
             </head><body><article><p>{MEETING}</p><p>More talks.</p></article></body></html>"
        );
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
            page.len()
        );
        let record = |uri: &str, block: &str, claimed: usize| {
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-14T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {claimed}\r\n\r\n{block}",
                uri.len(),
            )
        };
        let mut warc = record("https://news.example/good", &http, http.len());
        warc.push_str("\r\n\r\n");
        warc.push_str(&record(
            "https://news.example/cut",
            &http[..http.len() / 2],
            http.len(),
        ));
        put("truncated.warc", warc.as_bytes());
    }

    // Every file, named on the command line (so that even `binary.bin` is read), sorted.
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    Corpus {
        _dir: dir,
        root,
        inputs,
    }
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run attache")
}

/// Exit status 1, no panic, and every bad input reported once with its path.
fn check_reports(out: &Output, root: &Path) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "a panic: {err}");
    assert_eq!(out.status.code(), Some(1), "exit status: {err}");
    for (name, what) in REPORTED {
        let path = root.join(name).display().to_string();
        let line = err
            .lines()
            .find(|l| l.contains(&path))
            .unwrap_or_else(|| panic!("{name} not reported: {err}"));
        assert!(line.contains(what), "{name}: {what:?} not in {line:?}");
    }
    check_warnings(&err, root);
    err
}

/// Every impossible date warned about once, with its path and line or record.
fn check_warnings(err: &str, root: &Path) {
    for (place, date) in WARNED {
        let start = format!("attache: warning: {}/{place}", root.display());
        let lines: Vec<&str> = err.lines().filter(|l| l.starts_with(&start)).collect();
        assert_eq!(
            lines.len(),
            1,
            "{place}: warned {} times: {err}",
            lines.len()
        );
        assert!(
            lines[0].ends_with(&format!("ignored the impossible date {date:?}")),
            "{place}: {}",
            lines[0]
        );
    }
    let all = err.lines().filter(|l| l.contains(": warning: ")).count();
    assert_eq!(all, WARNED.len(), "unexpected warnings: {err}");
}

/// Only impossible dates: warnings, every article coded, and exit status 0 (a warning is not
/// a failed input).
#[test]
fn impossible_dates_alone_are_warnings_not_failures() {
    let c = corpus();
    let files = ["date-header.txt", "date-meta.html", "date-feed.atom"];
    let paths: Vec<PathBuf> = files.iter().map(|f| c.root.join(f)).collect();
    let mut cmd: Vec<&std::ffi::OsStr> = vec!["code".as_ref()];
    cmd.extend(paths.iter().map(|p| p.as_os_str()));
    cmd.extend(["--format", "jsonl"].map(std::ffi::OsStr::new));
    let out = run(&cmd);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.matches(": warning: ").count(), files.len(), "{err}");
    for path in &paths {
        assert!(err.contains(&path.display().to_string()), "{err}");
    }
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids: BTreeSet<String> = stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            v["article"].as_str().expect("article id").to_string()
        })
        .collect();
    for id in [
        "date-header",
        "date-meta",
        "tag:news.example,2024:date-feed",
    ] {
        assert!(ids.contains(id), "{id} not coded: {stdout}");
    }
}

/// The warc article is named after its URL; the others by id.
fn good_ids_seen(ids: &BTreeSet<String>) {
    for id in GOOD_IDS {
        assert!(ids.contains(id), "{id} not coded; got {ids:?}");
    }
    assert!(
        ids.iter().any(|id| id.contains("news.example")),
        "the good WARC record was not coded: {ids:?}"
    );
}

fn args<'a>(cmd: &'a str, corpus: &'a Corpus, extra: &'a [&'a str]) -> Vec<&'a std::ffi::OsStr> {
    let mut all: Vec<&std::ffi::OsStr> = vec![cmd.as_ref()];
    all.extend(corpus.inputs.iter().map(|p| p.as_os_str()));
    all.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    all
}

#[test]
fn code_reports_each_bad_input_and_codes_the_rest() {
    let c = corpus();
    for threads in ["1", "2"] {
        let out = run(&args(
            "code",
            c,
            &["--format", "jsonl", "--threads", threads],
        ));
        check_reports(&out, &c.root);
        let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
        let ids: BTreeSet<String> = stdout
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).expect("a JSON line");
                v["article"].as_str().expect("article id").to_string()
            })
            .collect();
        good_ids_seen(&ids);
    }
}

#[test]
fn ingest_reports_each_bad_input_and_stores_the_rest() {
    let c = corpus();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    let out = run(&args("ingest", c, &["--db", db.to_str().unwrap()]));
    let err = check_reports(&out, &c.root);
    let conn = rusqlite::Connection::open(&db).expect("open the store");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut stmt = conn.prepare("SELECT id FROM articles").unwrap();
    let ids: BTreeSet<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    good_ids_seen(&ids);
    let mentions: i64 = conn
        .query_row("SELECT count(*) FROM mentions", [], |r| r.get(0))
        .unwrap();
    assert!(mentions > 0, "no event stored: {err}");
}

/// The largest resident set of any child so far (Linux reports KiB).
#[cfg(target_os = "linux")]
fn children_max_rss_bytes() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(rc, 0);
    usage.ru_maxrss as u64 * 1024
}

/// The 100 MB line and the 100 MB bomb are cut at the 64 MiB limit: no run holds them whole.
#[cfg(target_os = "linux")]
#[test]
fn memory_stays_bounded() {
    let c = corpus();
    let out = run(&args("code", c, &["--format", "jsonl", "--threads", "1"]));
    check_reports(&out, &c.root);
    let rss = children_max_rss_bytes();
    // The 64 MiB limit, once as bytes being read and once as the buffer it grows from, plus
    // the models: well under what holding one 100 MB input twice would take.
    assert!(rss < 320 * 1024 * 1024, "a child used {} MiB", rss >> 20);
}

//! End-to-end tests of the database commands with the real binary and the real coder, on short
//! news articles written for these tests: one meeting reported by three outlets and a wire copy,
//! and an earlier visit that contradicts a "first since" claim.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_attache");

const WIRE: &str = r#"{"id":"wire-1","url":"https://www.kabulnews.example/2024/05/14/talks","published":"2024-05-14","title":"India and Afghanistan hold talks","text":"Indian Foreign Secretary Vikram Misri met Afghanistan's acting Foreign Minister Amir Khan Muttaqi in Dubai on Monday. The two sides discussed trade through the Chabahar port, cricket ties and humanitarian aid for returning refugees, officials said. The meeting lasted two hours and ended with an agreement to keep talking at the technical level."}"#;
const DAILY: &str = r#"{"id":"daily-2","url":"https://delhidaily.example/world/misri-muttaqi","published":"2024-05-14","title":"Misri meets Muttaqi","text":"Afghanistan's acting Foreign Minister Amir Khan Muttaqi held talks with Indian Foreign Secretary Vikram Misri in Dubai on Monday, according to a statement from the Afghan foreign ministry."}"#;
const GULF: &str = r#"{"id":"gulf-3","url":"http://gulfpost.example/news/123","published":"2024-05-15","title":"Dubai meeting","text":"Vikram Misri, India's Foreign Secretary, met with the Taliban's foreign minister Amir Khan Muttaqi in Dubai on May 13, 2024, the first such meeting since 2021."}"#;
/// WIRE re-published with a new headline and one word changed ("officials" → "sources").
const COPY: &str = r#"{"id":"copy-4","url":"https://aggregator.example/item/99","published":"2024-05-15","title":"Top Indian diplomat meets Taliban minister","text":"Indian Foreign Secretary Vikram Misri met Afghanistan's acting Foreign Minister Amir Khan Muttaqi in Dubai on Monday. The two sides discussed trade through the Chabahar port, cricket ties and humanitarian aid for returning refugees, sources said. The meeting lasted two hours and ended with an agreement to keep talking at the technical level."}"#;
const EARLIER: &str = r#"{"id":"old-5","url":"https://kabulnews.example/2023/01/09/visit","published":"2023-01-09","title":"Indian minister in Kabul","text":"Indian External Affairs Minister S Jaishankar visited Kabul on January 8, 2023 and met Afghanistan's acting Foreign Minister Amir Khan Muttaqi."}"#;

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run attache")
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let db = root.join("events.db");
        Fixture {
            _dir: dir,
            root,
            db,
        }
    }

    fn file(&self, name: &str, lines: &[&str]) -> PathBuf {
        let path = self.root.join(name);
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        path
    }

    fn ingest(&self, file: &Path) -> String {
        let out = run(&[
            "ingest".as_ref(),
            file.as_os_str(),
            "--db".as_ref(),
            self.db.as_os_str(),
        ]);
        ok(&out);
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// `attache <args> --db DB --format jsonl`, parsed.
    fn query(&self, args: &[&str]) -> Vec<Value> {
        let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        all.extend([
            std::ffi::OsStr::new("--db"),
            self.db.as_os_str(),
            std::ffi::OsStr::new("--format"),
            std::ffi::OsStr::new("jsonl"),
        ]);
        jsonl(&ok(&run(&all)))
    }
}

fn number_before(summary: &str, word: &str) -> Option<usize> {
    let idx = summary.find(word)?;
    summary[..idx].split_whitespace().last()?.parse().ok()
}

fn meeting(events: &[Value]) -> &Value {
    events
        .iter()
        .find(|e| e["date"] == "2024-05-13" && e["plover"] == "CONSULT")
        .unwrap_or_else(|| panic!("no 2024-05-13 CONSULT event in {events:#?}"))
}

#[test]
fn three_outlets_one_event_copy_adds_a_source_reingest_and_resume_change_nothing() {
    let f = Fixture::new();
    // An interrupted run: only the first two articles made it.
    let partial = f.file("partial.jsonl", &[WIRE, DAILY]);
    let err = f.ingest(&partial);
    assert_eq!(
        err.lines().count(),
        1,
        "no progress output when stderr is not a terminal: {err}"
    );
    let all = f.file("all.jsonl", &[WIRE, DAILY, GULF]);
    let err = f.ingest(&all);
    assert_eq!(number_before(&err, "unchanged"), Some(2), "{err}");
    assert_eq!(number_before(&err, "article(s) added"), Some(1), "{err}");

    let events = f.query(&["events"]);
    assert_eq!(events.len(), 1, "one meeting, three reports: {events:#?}");
    let e = meeting(&events);
    assert_eq!(e["num_sources"], 3);
    assert_eq!(e["num_articles"], 3);
    assert_eq!(e["location_code"], "ARE");

    // The wire copy with another headline and one changed word: a source, not an event.
    let copy = f.file("copy.jsonl", &[COPY]);
    let err = f.ingest(&copy);
    assert_eq!(number_before(&err, "duplicate"), Some(1), "{err}");
    let events = f.query(&["events"]);
    assert_eq!(events.len(), 1);
    assert_eq!(meeting(&events)["num_sources"], 4);

    // Re-ingesting everything is idempotent.
    let before = f.query(&["events", "--include-background"]);
    let again = f.file("again.jsonl", &[WIRE, DAILY, GULF, COPY]);
    let err = f.ingest(&again);
    assert_eq!(number_before(&err, "unchanged"), Some(4), "{err}");
    assert_eq!(f.query(&["events", "--include-background"]), before);
}

#[test]
fn milestone_claim_agrees_until_an_earlier_visit_is_ingested() {
    let f = Fixture::new();
    f.ingest(&f.file("news.jsonl", &[WIRE, DAILY, GULF]));
    let found = f.query(&["milestones", "--since", "2021-08-15"]);
    let claim = found
        .iter()
        .find(|m| m["event"]["milestone_since"] == "2021")
        .unwrap_or_else(|| panic!("the Gulf article's claim: {found:#?}"));
    assert_eq!(claim["verdict"], "agree");
    assert_eq!(claim["computed"], true);
    assert_eq!(claim["pair"], "AFG-IND");

    f.ingest(&f.file("earlier.jsonl", &[EARLIER]));
    let found = f.query(&["milestones", "--actor", "afg", "--since", "2021-08-15"]);
    let claim = found
        .iter()
        .find(|m| m["event"]["milestone_since"] == "2021")
        .unwrap();
    assert_eq!(claim["verdict"], "disagree");
    assert_eq!(claim["earlier"][1], "2023-01-08");
    let first = found
        .iter()
        .find(|m| m["event"]["date"] == "2023-01-08")
        .unwrap();
    assert_eq!(first["verdict"], "unclaimed");
    assert_eq!(first["computed"], true);
}

#[test]
fn dyad_engagement_and_exports_agree_on_the_events() {
    let f = Fixture::new();
    f.ingest(&f.file("all.jsonl", &[WIRE, DAILY, GULF, COPY, EARLIER]));

    // Both directions, oldest first.
    let timeline = f.query(&["dyad", "afg", "ind"]);
    let dates: Vec<&str> = timeline.iter().filter_map(|e| e["date"].as_str()).collect();
    assert_eq!(dates, ["2023-01-08", "2024-05-13"]);
    let table = ok(&run(&[
        "dyad".as_ref(),
        "IND".as_ref(),
        "AFG".as_ref(),
        "--db".as_ref(),
        f.db.as_os_str(),
        "--format".as_ref(),
        "table".as_ref(),
    ]));
    assert!(table.contains("2 event(s) between IND and AFG"), "{table}");

    let ladder = f.query(&["engagement", "AFG", "--since", "2021-08-15"]);
    assert_eq!(ladder.len(), 1);
    assert_eq!(ladder[0]["counterpart"], "IND");
    assert_eq!(ladder[0]["events"], 2);
    assert_eq!(ladder[0]["first"]["date"], "2023-01-08");
    assert_eq!(ladder[0]["latest"]["date"], "2024-05-13");

    let gdelt = ok(&run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "gdelt".as_ref(),
        "--db".as_ref(),
        f.db.as_os_str(),
    ]));
    let rows: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row.len(), 61, "{row:?}");
    }
    let meeting_row = rows.iter().find(|r| r[1] == "20240513").unwrap();
    assert_eq!(meeting_row[26], "044", "EventCode");
    assert_eq!(meeting_row[32], "4", "NumSources");

    let out = f.root.join("events.csv");
    ok(&run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--db".as_ref(),
        f.db.as_os_str(),
    ]));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("id,date,"), "{csv}");
    assert_eq!(csv.lines().count(), 3);

    let plover = ok(&run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "plover".as_ref(),
        "--db".as_ref(),
        f.db.as_os_str(),
    ]));
    let records = jsonl(&plover);
    assert_eq!(records.len(), 2);
    // CONSULT is undirected: either side may be the actor, but the pair is IND and AFG.
    for r in &records {
        assert_eq!(r["event_type"], "CONSULT");
        let mut pair = [
            r["actor_country"].as_str().unwrap_or(""),
            r["recipient_country"].as_str().unwrap_or(""),
        ];
        pair.sort_unstable();
        assert_eq!(pair, ["AFG", "IND"], "{r}");
    }
}

#[test]
fn hostile_filter_values_are_plain_values() {
    let f = Fixture::new();
    f.ingest(&f.file("news.jsonl", &[WIRE, DAILY, GULF]));
    let hostile = "AFG' OR '1'='1'; DROP TABLE events; --";
    assert!(f.query(&["events", "--actor", hostile]).is_empty());
    assert!(f.query(&["events", "--search", hostile]).is_empty());
    assert!(f.query(&["events", "--dyad", hostile, "IND"]).is_empty());
    assert!(f.query(&["dyad", hostile, "IND"]).is_empty());
    assert_eq!(f.query(&["events", "--search", "chabahar"]).len(), 1);
    assert_eq!(f.query(&["events"]).len(), 1, "nothing was dropped");
}

#[test]
fn new_commands_show_an_example_in_help() {
    for sub in ["dyad", "engagement", "milestones", "export"] {
        let out = run(&[sub, "--help"]);
        let help = ok(&out);
        assert!(
            help.lines()
                .any(|l| l.starts_with(' ') && l.trim_start().starts_with("attache ")),
            "{sub} --help shows no example:\n{help}"
        );
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_needs_a_file_and_writes_one() {
    let f = Fixture::new();
    f.ingest(&f.file("news.jsonl", &[WIRE, DAILY, GULF]));
    let to_stdout = run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "parquet".as_ref(),
        "--db".as_ref(),
        f.db.as_os_str(),
    ]);
    assert_eq!(to_stdout.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&to_stdout.stderr).contains("--out"));
    let out = f.root.join("events.parquet");
    ok(&run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "parquet".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--db".as_ref(),
        f.db.as_os_str(),
    ]));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
}

/// Every stored event as `export --format jsonl` gives it, without the row id (ids follow the
/// order of ingest), sorted.
fn exported(db: &Path) -> Vec<String> {
    let out = ok(&run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]));
    let mut events: Vec<String> = jsonl(&out)
        .into_iter()
        .map(|mut e| {
            e.as_object_mut().expect("an object").remove("id");
            e.to_string()
        })
        .collect();
    events.sort();
    events
}

#[test]
fn threads_and_a_copy_before_its_original_give_the_same_store() {
    let f = Fixture::new();
    let in_order = f.file("in-order.jsonl", &[WIRE, DAILY, GULF, EARLIER, COPY]);
    // The wire copy first, its original (published a day before it) last.
    let copy_first = f.file("copy-first.jsonl", &[COPY, EARLIER, DAILY, GULF, WIRE]);
    let mut stores = Vec::new();
    for (file, threads) in [(&in_order, "1"), (&in_order, "3"), (&copy_first, "2")] {
        let db = f.root.join(format!("threads-{threads}.db"));
        let ingest = || {
            run(&[
                "ingest".as_ref(),
                file.as_os_str(),
                "--threads".as_ref(),
                threads.as_ref(),
                "--db".as_ref(),
                db.as_os_str(),
            ])
        };
        let out = ingest();
        ok(&out);
        let err = String::from_utf8_lossy(&out.stderr);
        // Copy first, the copy was new news when it came: its original, later, took its place.
        let duplicates = if file == &in_order { 1 } else { 0 };
        assert_eq!(number_before(&err, "duplicate"), Some(duplicates), "{err}");
        // Resuming with all of it stored codes nothing and changes nothing.
        let exported_once = exported(&db);
        let again = ingest();
        ok(&again);
        let err = String::from_utf8_lossy(&again.stderr);
        assert_eq!(number_before(&err, "unchanged"), Some(5), "{err}");
        assert_eq!(exported(&db), exported_once);
        stores.push((threads, exported_once));
    }
    let meeting_sources = |events: &[String]| -> Vec<Value> {
        events
            .iter()
            .map(|e| serde_json::from_str::<Value>(e).unwrap())
            .filter(|e| e["date"] == "2024-05-13" && e["plover"] == "CONSULT")
            .map(|e| e["num_sources"].clone())
            .collect()
    };
    assert_eq!(meeting_sources(&stores[0].1), vec![Value::from(4)]);
    for (threads, events) in &stores[1..] {
        assert_eq!(events, &stores[0].1, "--threads {threads}");
    }
}

//! Crash-safety: `attache ingest` killed with SIGKILL at many points while it writes, the
//! database checked after each kill (`PRAGMA integrity_check`), then the ingest resumed to the
//! end: every article is stored exactly once, the mentions are exactly those of an ingest that
//! was never interrupted (no duplicate, none lost), and a further run changes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_attache");
const ARTICLES: usize = 150;

const LEADERS: [(&str, &str); 8] = [
    ("Indian Foreign Secretary Vikram Misri", "India"),
    (
        "Afghanistan's acting Foreign Minister Amir Khan Muttaqi",
        "Afghanistan",
    ),
    ("French President Emmanuel Macron", "France"),
    ("German Chancellor Olaf Scholz", "Germany"),
    ("Japanese Prime Minister Fumio Kishida", "Japan"),
    ("Kenyan President William Ruto", "Kenya"),
    ("Brazilian President Luiz Inacio Lula da Silva", "Brazil"),
    ("Turkish President Recep Tayyip Erdogan", "Turkey"),
];
const VERBS: [&str; 5] = [
    "met",
    "held talks with",
    "criticized",
    "praised",
    "signed a trade agreement with",
];
const CITIES: [&str; 6] = ["Dubai", "Geneva", "Nairobi", "Tokyo", "Brasilia", "Ankara"];
const TOPICS: [&str; 6] = [
    "grain exports and shipping lanes",
    "a disputed hydroelectric dam",
    "visas for students and seasonal workers",
    "a ceasefire along the northern border",
    "debt relief and a new credit line",
    "the return of refugees before winter",
];

/// Article `i`: a dyad, a verb, a place and details that make each text its own (not a near
/// duplicate of another, which the store would fold into it).
fn article(i: usize) -> String {
    let (a, _) = LEADERS[i % LEADERS.len()];
    let (b, _) = LEADERS[(i / LEADERS.len() + i + 1) % LEADERS.len()];
    let verb = VERBS[i % VERBS.len()];
    let city = CITIES[(i / 3) % CITIES.len()];
    let topic = TOPICS[(i / 7) % TOPICS.len()];
    let day = 1 + i % 28;
    let text = format!(
        "{a} {verb} {b} in {city} on Monday. The two sides discussed {topic}, officials said. \
         Delegation number {i} brought {n} advisers and {m} journalists to the meeting, which \
         lasted {h} hours and ended in a statement on item {i} of the agenda, serial {s}.",
        n = 3 + i % 11,
        m = 7 + (i * 13) % 29,
        h = 1 + i % 9,
        s = i * 7919,
    );
    serde_json::json!({
        "id": format!("crash-{i:03}"),
        "url": format!("https://wire{}.example/story/{i}", i % 5),
        "published": format!("2024-03-{day:02}"),
        "title": format!("Talks number {i}"),
        "text": text,
    })
    .to_string()
}

fn write_input(dir: &Path) -> PathBuf {
    let path = dir.join("articles.jsonl");
    let lines: Vec<String> = (0..ARTICLES).map(article).collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn ingest(input: &Path, db: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("ingest")
        .arg(input)
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn integrity(conn: &rusqlite::Connection) -> String {
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Every mention as (article, sentence span, CAMEO, source, target), with how often it occurs.
fn mentions(conn: &rusqlite::Connection) -> BTreeMap<String, i64> {
    let mut stmt = conn
        .prepare(
            "SELECT article_id || '|' || sentence_start || '-' || sentence_end || '|' || cameo
                    || '|' || coalesce(source_code, '') || '>' || coalesce(target_code, ''),
                    count(*)
             FROM mentions GROUP BY 1",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// A tiny deterministic generator for the kill delays (no dependency, same run every time).
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn run_to_end(input: &Path, db: &Path) -> String {
    let out = ingest(input, db).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "ingest failed: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn sigkill_during_ingest_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path());

    // The reference: one ingest, never interrupted.
    let clean_db = dir.path().join("clean.db");
    let started = Instant::now();
    run_to_end(&input, &clean_db);
    let full_run = started.elapsed();
    let clean = rusqlite::Connection::open(&clean_db).unwrap();
    let want_mentions = mentions(&clean);
    let want_events = count(&clean, "SELECT count(*) FROM events");
    assert_eq!(
        count(&clean, "SELECT count(*) FROM articles"),
        ARTICLES as i64
    );
    assert!(!want_mentions.is_empty(), "the templates code to events");

    // Kill at points spread over the run: the first ones while the schema is being created,
    // the others at random moments, each run resuming after the last.
    let db = dir.path().join("crashed.db");
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut kills = 0;
    let mut stored = 0;
    let span = full_run.as_millis().max(50) as u64;
    for round in 0..10 {
        let delay = match round {
            0 => 1,
            1 => 15,
            _ => next(&mut seed) % (span / 3).max(10),
        };
        let mut child = ingest(&input, &db).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        // Child::kill is SIGKILL on Unix: no destructor, no rollback, no checkpoint.
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        child.wait().unwrap();
        if !db.exists() {
            continue;
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        assert_eq!(integrity(&conn), "ok", "after kill {kills} ({delay} ms)");
        // Articles are never lost once committed (each is its own transaction).
        let now = conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .unwrap_or(0);
        assert!(now >= stored, "articles went from {stored} to {now}");
        stored = now;
    }
    assert!(kills >= 6, "only {kills} runs were killed mid-way");

    // Resume to the end, then once more: the second run must change nothing.
    run_to_end(&input, &db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(integrity(&conn), "ok");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM articles"),
        ARTICLES as i64
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1)"
        ),
        0
    );
    let got = mentions(&conn);
    assert_eq!(
        got, want_mentions,
        "mentions differ from an uninterrupted ingest"
    );
    let events = count(&conn, "SELECT count(*) FROM events");
    assert_eq!(events, want_events);
    drop(conn);

    let err = run_to_end(&input, &db);
    assert!(
        err.contains(&format!("{ARTICLES} unchanged")),
        "a re-run after resuming changed something: {err}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(mentions(&conn), want_mentions);
    assert_eq!(count(&conn, "SELECT count(*) FROM events"), want_events);
    eprintln!(
        "{kills} kills, {stored} articles stored before the last resume, full run {full_run:?}"
    );
}

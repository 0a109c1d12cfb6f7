//! Crash-safety: `attache ingest` killed with SIGKILL at many points while it writes, the
//! database checked after each kill (`PRAGMA integrity_check`), then the ingest resumed to the
//! end: every article is stored exactly once, the mentions are exactly those of an ingest that
//! was never interrupted (no duplicate, none lost), and a further run changes nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod templated;

use templated::{write_input, ARTICLES};

const BIN: &str = env!("CARGO_BIN_EXE_attache");

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

//! `attache serve` keeps answering reads while `attache ingest` writes into the same database:
//! every GET during a 150-article ingest is a 200 with JSON, within a bounded time, and the
//! counts it reports only grow (SQLite WAL: readers see the last committed article, never a
//! half-written one, and never wait for the writer).

mod templated;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use templated::{write_input, ARTICLES};

const BIN: &str = env!("CARGO_BIN_EXE_attache");

/// The slowest read allowed. Generous: the test machine is shared and the build is a debug
/// one; a reader blocked behind the writer would wait for the whole ingest (tens of seconds).
const MAX_LATENCY: Duration = Duration::from_secs(5);

/// A child process killed when dropped (the server, or an ingest left behind by a failure).
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `attache serve` on a free port and returns it with its address.
fn serve(db: &std::path::Path) -> (Killed, String) {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .env_remove("ATTACHE_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("attache serve runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("serve prints its URL").unwrap();
        if let Some(rest) = line.split(" on http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (Killed(child), addr)
}

/// One GET over a fresh connection: the status and the body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(MAX_LATENCY * 2)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (head[9..12].parse().unwrap_or(0), body.to_string())
}

#[test]
fn serve_answers_reads_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_input(dir.path());
    let db = dir.path().join("served.db");
    // The demo's two articles: serve refuses a database that does not exist yet.
    let made = Command::new(BIN)
        .args(["demo", "--no-serve", "--db"])
        .arg(&db)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(made.success());
    let (_server, addr) = serve(&db);

    let mut ingest = Killed(
        Command::new(BIN)
            .arg("ingest")
            .arg(&input)
            .arg("--db")
            .arg(&db)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let paths = [
        "/api/stats",
        "/api/events?limit=20&include_background=true",
        "/api/articles?q=talks&limit=5",
        "/api/network",
        "/api/actors",
    ];
    let (mut latencies, mut errors, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    let mut during = 0;
    let status = loop {
        let finished = ingest.0.try_wait().unwrap();
        for path in paths {
            let started = Instant::now();
            let (status, body) = get(&addr, path);
            latencies.push(started.elapsed());
            match serde_json::from_str::<Value>(&body) {
                Ok(json) if status == 200 => {
                    if path == "/api/stats" {
                        counts.push(json["articles"].as_u64().unwrap_or(0));
                    }
                }
                _ => errors.push(format!("GET {path}: {status} {body}")),
            }
            if finished.is_none() {
                during += 1;
            }
        }
        if let Some(status) = finished {
            break status;
        }
    };
    assert!(status.success(), "the ingest failed: {status}");
    assert!(errors.is_empty(), "reads failed: {errors:#?}");
    assert!(
        during >= 2 * paths.len(),
        "only {during} reads overlapped the ingest"
    );
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "article counts went down: {counts:?}"
    );
    assert_eq!(counts.last().copied(), Some(2 + ARTICLES as u64));
    latencies.sort();
    let worst = *latencies.last().unwrap();
    let p50 = latencies[latencies.len() / 2];
    eprintln!(
        "{} reads ({during} during the ingest), p50 {p50:?}, max {worst:?}, counts {:?}..{:?}",
        latencies.len(),
        counts.first(),
        counts.last()
    );
    assert!(worst < MAX_LATENCY, "a read took {worst:?}");
}

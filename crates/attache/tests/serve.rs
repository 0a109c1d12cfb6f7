//! `attache serve` and `attache demo` as a user runs them: the real binary on a free loopback
//! port, spoken to over plain HTTP/1.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_attache");

/// A running server; killed when dropped.
struct Running {
    child: Child,
    addr: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `attache ARGS` and waits for the "serving ... on http://ADDR/" line.
fn start(args: &[&str], envs: &[(&str, &str)]) -> Running {
    let mut child = Command::new(BIN)
        .args(args)
        .env_remove("ATTACHE_TOKEN")
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("attache runs");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines
            .next()
            .expect("the server prints its URL before anything else ends")
            .unwrap();
        if let Some(rest) = line.split(" on http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stdout so that the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Running { child, addr }
}

/// One HTTP/1.1 request; returns the status, the headers (lower-cased) and the body.
fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[&str],
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for h in headers {
        head.push_str(h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    (status, head.to_lowercase(), body.to_string())
}

fn get_json(addr: &str, path: &str) -> Value {
    let (status, _, body) = request(addr, "GET", path, &[], "");
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn demo_ingests_then_serves_the_dashboard_and_api() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("demo.db");
    let server = start(
        &[
            "demo",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ],
        &[],
    );
    let stats = get_json(&server.addr, "/api/stats");
    assert_eq!(stats["articles"], 2, "{stats}");
    let dyad = get_json(&server.addr, "/api/dyad/IND/AFG");
    assert!(
        dyad["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["date"] == "2025-05-15"),
        "{dyad}"
    );
    let (status, head, html) = request(&server.addr, "GET", "/", &[], "");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(head.contains("x-frame-options: deny"), "{head}");
    assert!(html.contains("<script src=\"/app.js\""));
    let (status, _, js) = request(&server.addr, "GET", "/app.js", &[], "");
    assert_eq!(status, 200);
    assert!(js.contains("/api/dyad/"));
    // The demo server is read-only.
    let (status, _, body) = request(&server.addr, "POST", "/api/articles", &[], "{}");
    assert_eq!(status, 405, "{body}");
}

#[test]
fn demo_no_serve_lists_and_exits() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("demo.db");
    let out = Command::new(BIN)
        .args(["demo", "--no-serve", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Ingested 2 example article(s)"), "{text}");
    assert!(!text.contains("serving"), "{text}");
}

#[test]
fn serve_refuses_a_missing_database() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("missing.db");
    let out = Command::new(BIN)
        .args([
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no database at"), "{err}");
    assert!(!db.exists());
}

#[test]
fn serve_accepts_posted_articles_only_with_the_token_from_the_environment() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("a.db");
    let status = Command::new(BIN)
        .args(["demo", "--no-serve", "--db", db.to_str().unwrap()])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let server = start(
        &[
            "serve",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ],
        &[("ATTACHE_TOKEN", "t0ken")],
    );
    let article = r#"{"id": "posted", "published": "2025-11-03", "title": "Visit",
        "text": "Indian Prime Minister Narendra Modi met Afghan Foreign Minister Amir Khan Muttaqi in New Delhi on Monday."}"#;
    let (status, head, _) = request(&server.addr, "POST", "/api/articles", &[], article);
    assert_eq!(status, 401);
    assert!(head.contains("www-authenticate: bearer"), "{head}");
    let (status, _, _) = request(
        &server.addr,
        "POST",
        "/api/articles",
        &["Authorization: Bearer nope"],
        article,
    );
    assert_eq!(status, 401);
    let (status, _, body) = request(
        &server.addr,
        "POST",
        "/api/articles",
        &[
            "Authorization: Bearer t0ken",
            "Content-Type: application/json",
        ],
        article,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(get_json(&server.addr, "/api/stats")["articles"], 3);
    let events = get_json(&server.addr, "/api/events?article=posted");
    assert!(events["total"].as_u64().unwrap() >= 1, "{events}");
}

#[test]
fn serve_help_shows_examples() {
    let out = Command::new(BIN)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("  attache serve --db attache.db"), "{help}");
    assert!(help.contains("ATTACHE_TOKEN"), "{help}");
}

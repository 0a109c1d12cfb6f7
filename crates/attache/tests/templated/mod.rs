//! Articles written from templates for the end-to-end tests that ingest many of them
//! (crash_safety.rs, serve_during_ingest.rs): each codes to events, and each is its own text.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// How many `write_input` writes.
pub const ARTICLES: usize = 150;

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
pub fn article(i: usize) -> String {
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

pub fn write_input(dir: &Path) -> PathBuf {
    let path = dir.join("articles.jsonl");
    let lines: Vec<String> = (0..ARTICLES).map(article).collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

//! Ingest throughput into a fresh store, on one core: `cargo bench -p attache-store --bench
//! ingest [-- N]`. Not a timed test: it prints figures for BENCHMARKS.md and checks nothing.
//!
//! The corpus is generated from templates (N articles, 2,000 by default), each a short wire
//! report of a few interactions between governments with varied names, places and dates, so
//! that the articles are distinct (no dedup shortcut) and clustering sees both repeated and new
//! events. Two runs: the store alone (events coded beforehand, not timed) and the whole
//! `attache ingest` pipeline per article (text analysis + coding + store), as the binary runs it
//! with `--threads 1`. `-- N --jsonl FILE` writes the corpus instead, for timing the binary
//! with more threads.

use std::time::Instant;

use attache_ingest::Article;
use attache_store::Store;
use chrono::NaiveDate;

const LEADERS: &[&str] = &[
    "Indian External Affairs Minister S Jaishankar",
    "Afghanistan's acting Foreign Minister Amir Khan Muttaqi",
    "Pakistani Prime Minister Shehbaz Sharif",
    "Chinese Foreign Minister Wang Yi",
    "Japanese Prime Minister Fumio Kishida",
    "Iranian President Masoud Pezeshkian",
    "Qatari Prime Minister Mohammed bin Abdulrahman Al Thani",
    "Russian Foreign Minister Sergei Lavrov",
    "US Secretary of State Antony Blinken",
    "Uzbek President Shavkat Mirziyoyev",
];
const ACTS: &[&str] = &[
    "met",
    "held talks with",
    "spoke by telephone with",
    "condemned",
    "signed an agreement with",
    "praised",
    "criticised",
    "hosted",
];
const PLACES: &[&str] = &[
    "Dubai",
    "Kabul",
    "New Delhi",
    "Doha",
    "Tashkent",
    "Tokyo",
    "Beijing",
    "Moscow",
];
const TOPICS: &[&str] = &[
    "trade through the Chabahar port",
    "humanitarian aid for returning refugees",
    "border security and militant attacks",
    "water sharing on the Helmand river",
    "scholarships for students",
    "the reopening of consular services",
    "wheat shipments and medicines",
    "a railway corridor to Central Asia",
];

/// A small deterministic generator (64-bit LCG): the corpus is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        items[((self.0 >> 33) as usize) % items.len()]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn corpus(n: usize) -> Vec<Article> {
    let mut rng = Lcg(42);
    let start = NaiveDate::from_ymd_opt(2021, 8, 15).unwrap_or_default();
    (0..n)
        .map(|i| {
            let published = start + chrono::Duration::days(rng.below(1500) as i64);
            let mut text = String::new();
            for _ in 0..3 + rng.below(3) {
                let (a, b) = (rng.pick(LEADERS), rng.pick(LEADERS));
                let (act, place, topic) = (rng.pick(ACTS), rng.pick(PLACES), rng.pick(TOPICS));
                text.push_str(&format!(
                    "{a} {act} {b} in {place} on {}. The two sides discussed {topic}, \
                     officials said, adding that {} delegates attended. ",
                    published.format("%B %-d, %Y"),
                    2 + rng.below(40)
                ));
            }
            Article {
                id: format!("bench-{i}"),
                url: Some(format!("https://outlet{}.example/{i}", rng.below(25))),
                source: None,
                published: Some(published),
                title: Some(format!("Report {i}")),
                text,
                boilerplate: vec![],
            }
        })
        .collect()
}

/// Nanoseconds this thread has spent on a CPU (Linux schedstat), so that the figure is the
/// throughput of one core even when other processes share the machine; `None` elsewhere.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Wall and CPU seconds of `f`.
fn timed(f: impl FnOnce()) -> (f64, Option<f64>) {
    let (t, c) = (Instant::now(), cpu_ns());
    f();
    let cpu = match (c, cpu_ns()) {
        (Some(a), Some(b)) => Some((b.saturating_sub(a)) as f64 / 1e9),
        _ => None,
    };
    (t.elapsed().as_secs_f64(), cpu)
}

fn report(label: &str, n: usize, (wall, cpu): (f64, Option<f64>)) {
    let cpu = cpu.map_or(String::from("n/a"), |c| {
        format!(
            "{:.0} articles/s per CPU-second ({c:.2} s on CPU)",
            n as f64 / c
        )
    });
    println!(
        "{label:<16} {:>6.0} articles/s wall ({wall:.2} s); {cpu}",
        n as f64 / wall
    );
}

fn code(article: &Article) -> Vec<attache_coder::Event> {
    attache_coder::analyze_and_code(article)
}

/// Writes the corpus as JSON Lines (the input `attache ingest` reads), so that the binary's
/// `--threads` can be timed on the same articles.
fn write_jsonl(path: &str, articles: &[Article]) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create corpus"));
    for a in articles {
        let record = serde_json::json!({
            "id": a.id,
            "url": a.url,
            "published": a.published.map(|d| d.to_string()),
            "title": a.title,
            "text": a.text,
        });
        writeln!(out, "{record}").expect("write corpus");
    }
    out.flush().expect("write corpus");
}

/// Articles per transaction, as `attache ingest` batches them (it also commits every quarter
/// second, which at these rates is about the same).
const BATCH: usize = 256;

fn batch(store: &mut Store, i: usize) {
    if i.is_multiple_of(BATCH) {
        store.commit_batch().expect("commit");
        store.begin_batch().expect("begin");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(2000);
    let articles = corpus(n);
    // `-- --jsonl FILE`: write the corpus and stop.
    if let Some(path) = args
        .iter()
        .position(|a| a == "--jsonl")
        .and_then(|i| args.get(i + 1))
    {
        write_jsonl(path, &articles);
        println!("wrote {n} articles to {path}");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");

    // Store only: coding done first and not timed; one transaction per article, then in
    // batches of BATCH as `attache ingest` stores them.
    let coded: Vec<_> = articles.iter().map(code).collect();
    let mentions: usize = coded.iter().map(Vec::len).sum();
    let mut store = Store::open(&dir.path().join("per-article.db")).expect("open store");
    let per_article = timed(|| {
        for (a, events) in articles.iter().zip(&coded) {
            store.ingest(a, events).expect("ingest");
        }
    });
    let mut store = Store::open(&dir.path().join("store-only.db")).expect("open store");
    let store_only = timed(|| {
        for (i, (a, events)) in articles.iter().zip(&coded).enumerate() {
            batch(&mut store, i);
            store.ingest(a, events).expect("ingest");
        }
        store.commit_batch().expect("commit");
    });
    let counts = store.counts().expect("counts");

    // The whole pipeline, as `attache ingest --threads 1` runs it.
    let mut store = Store::open(&dir.path().join("pipeline.db")).expect("open store");
    let pipeline = timed(|| {
        for (i, a) in articles.iter().enumerate() {
            batch(&mut store, i);
            let events = code(a);
            store.ingest(a, &events).expect("ingest");
        }
        store.commit_batch().expect("commit");
    });

    println!(
        "corpus: {n} generated articles, {mentions} mentions coded, {} events after clustering, \
         {} duplicates",
        counts.events, counts.duplicates
    );
    report("store, 1 tx/art:", n, per_article);
    report("store only:", n, store_only);
    report("coding + store:", n, pipeline);
}

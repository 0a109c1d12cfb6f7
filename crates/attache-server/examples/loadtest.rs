//! Load test of `attache serve` on loopback, bounded in requests and in time.
//!
//!     cargo run --release -p attache-server --example loadtest -- \
//!         [--articles 300] [--requests 20000] [--concurrency 8] [--max-seconds 60]
//!
//! Codes `--articles` generated articles into a temporary store with the real pipeline, serves
//! it on 127.0.0.1 (port picked by the system) in this process, and sends GETs over a mix of
//! API paths and the dashboard page from `--concurrency` keep-alive clients until
//! `--requests` are done or `--max-seconds` have passed. Prints the rate, latency percentiles,
//! the error count, and the CPU time of the whole process (server and clients share it), so
//! that a run on a loaded machine can be compared by requests per CPU-second. Exits 1 if any
//! request failed.

#[path = "../tests/load/mod.rs"]
mod load;

use std::sync::Arc;
use std::time::Duration;

use attache_ingest::{parse_text_article, Article, ReadOptions};
use attache_server::Config;
use attache_store::Store;

const LEADERS: [&str; 6] = [
    "Indian Foreign Secretary Vikram Misri",
    "Afghanistan's acting Foreign Minister Amir Khan Muttaqi",
    "French President Emmanuel Macron",
    "Kenyan President William Ruto",
    "Pakistani Prime Minister Shehbaz Sharif",
    "Japanese Prime Minister Fumio Kishida",
];
const VERBS: [&str; 4] = ["met", "held talks with", "criticized", "accused"];
const TOPICS: [&str; 4] = [
    "border crossings",
    "grain exports",
    "a disputed dam",
    "visas for students",
];

fn code(article: &Article) -> Vec<attache_coder::Event> {
    let doc = attache_text::analyze(&article.text, &article.boilerplate);
    attache_coder::code_article(article, &doc)
}

/// Article `i`: a dated meeting or accusation between two leaders, its own text.
fn article(i: usize) -> Article {
    let a = LEADERS[i % LEADERS.len()];
    let b = LEADERS[(i / LEADERS.len() + i + 1) % LEADERS.len()];
    let text = format!(
        " date 2024-{:02}-{:02} {a} {} {b} on Monday. The talks covered {} and item {i} \
         of the agenda, officials said after {} hours.",
        1 + i % 12,
        1 + i % 28,
        VERBS[i % VERBS.len()],
        TOPICS[(i / 5) % TOPICS.len()],
        2 + i % 7,
    );
    let mut article = parse_text_article(&format!("load-{i}"), text, &ReadOptions::default());
    article.title = Some(format!("Talks {i}"));
    article
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} takes a number"))
        })
        .unwrap_or(default)
}

/// User and system CPU seconds of this process so far (Linux, 100 ticks a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let articles = arg(&args, "--articles", 300);
    let requests = arg(&args, "--requests", 20_000);
    let concurrency = arg(&args, "--concurrency", 8);
    let max_time = Duration::from_secs(arg(&args, "--max-seconds", 60) as u64);

    let dir = tempfile::TempDir::new().expect("a temporary directory");
    let db = dir.path().join("load.db");
    let mut store = Store::open(&db).expect("a new store");
    for i in 0..articles {
        let a = article(i);
        store.ingest(&a, &code(&a)).expect("ingest");
    }
    let stats = store.stats().expect("stats");
    drop(store);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let report = runtime.block_on(async {
        let listener = attache_server::bind("127.0.0.1:0".parse().unwrap())
            .await
            .expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let config = Config::new(db.clone(), None, Arc::new(code));
        tokio::spawn(attache_server::serve(listener, config));
        let paths = load::api_mix(1);
        let cpu_before = cpu_seconds();
        let report = load::run(&base, &paths, requests, concurrency, max_time).await;
        let cpu = cpu_seconds().zip(cpu_before).map(|(a, b)| a - b);
        (report, cpu, paths.len())
    });
    let (report, cpu, kinds) = report;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "store: {articles} articles, {} events; {kinds} paths; {concurrency} clients",
        stats.events
    );
    println!(
        "requests {} in {:.2} s: {:.0} req/s; errors {}",
        report.requests,
        report.elapsed.as_secs_f64(),
        report.rate(),
        report.errors
    );
    println!(
        "latency ms: p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        ms(report.percentile(50.0)),
        ms(report.percentile(90.0)),
        ms(report.percentile(99.0)),
        ms(report.percentile(100.0))
    );
    if let Some(cpu) = cpu {
        println!(
            "CPU {cpu:.2} s (server and clients): {:.0} requests per CPU-second",
            report.requests as f64 / cpu.max(0.01)
        );
    }
    println!("load average before exit: {}", load.trim());
    for failure in &report.failures {
        eprintln!("failed: {failure}");
    }
    if report.errors > 0 {
        std::process::exit(1);
    }
}

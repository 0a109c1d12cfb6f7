//! A bounded load generator for the API: `concurrency` clients with keep-alive connections
//! send GETs over a fixed mix of paths until `total` requests are done or `max_time` has
//! passed, whichever comes first. Shared by the load-test example (`examples/loadtest.rs`,
//! the figures in docs/RELIABILITY.md) and a small run in `tests/api.rs`.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a run measured.
#[derive(Debug, Default)]
pub struct Report {
    pub requests: usize,
    pub errors: usize,
    /// The first few failures, for the message of a failed run.
    pub failures: Vec<String>,
    pub elapsed: Duration,
    /// Sorted.
    pub latencies: Vec<Duration>,
}

impl Report {
    pub fn rate(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The `p`-th percentile (0..=100) of the latencies, nearest rank.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies[rank.clamp(1, self.latencies.len()) - 1]
    }
}

/// The paths a dashboard user's clicks produce, cycled through in order.
pub fn api_mix(event_id: i64) -> Vec<String> {
    [
        "/api/stats",
        "/api/events?limit=50",
        "/api/events?dyad=IND,AFG&include_background=true",
        "/api/events?actor=FRA&since=2024-01&until=2024-12",
        "/api/articles?q=talks%20border&limit=20",
        "/api/actors",
        "/api/network",
        "/api/milestones?actor=AFG",
        "/api/engagement/IND?since=2024",
        "/",
    ]
    .iter()
    .map(|p| p.to_string())
    .chain([format!("/api/events/{event_id}")])
    .collect()
}

/// Runs the load against `base` ("http://127.0.0.1:PORT").
pub async fn run(
    base: &str,
    paths: &[String],
    total: usize,
    concurrency: usize,
    max_time: Duration,
) -> Report {
    let next = Arc::new(AtomicUsize::new(0));
    let report = Arc::new(Mutex::new(Report::default()));
    let started = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..concurrency.max(1) {
        let (next, report) = (next.clone(), report.clone());
        let (base, paths) = (base.to_string(), paths.to_vec());
        clients.push(tokio::spawn(async move {
            // One connection per client, kept alive, as a browser tab would.
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .timeout(Duration::from_secs(30))
                .build()
                .expect("an HTTP client");
            let mut mine = Vec::new();
            let mut failures = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || started.elapsed() >= max_time {
                    break;
                }
                let path = &paths[i % paths.len()];
                let sent = Instant::now();
                let outcome = match client.get(format!("{base}{path}")).send().await {
                    Ok(res) if res.status().is_success() => match res.bytes().await {
                        Ok(_) => Ok(()),
                        Err(e) => Err(format!("GET {path}: body: {e}")),
                    },
                    Ok(res) => Err(format!("GET {path}: status {}", res.status())),
                    Err(e) => Err(format!("GET {path}: {e}")),
                };
                mine.push(sent.elapsed());
                if let Err(e) = outcome {
                    failures.push(e);
                }
            }
            let mut r = report.lock().unwrap();
            r.requests += mine.len();
            r.errors += failures.len();
            r.latencies.extend(mine);
            r.failures.extend(failures.into_iter().take(5));
        }));
    }
    for client in clients {
        client.await.expect("a load client panicked");
    }
    let mut report = std::mem::take(&mut *report.lock().unwrap());
    report.elapsed = started.elapsed();
    report.latencies.sort();
    report
}

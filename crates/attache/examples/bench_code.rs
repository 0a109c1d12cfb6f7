//! Throughput of `attache code` end to end (read, analyse, code, write JSON Lines) at several
//! thread counts, with peak memory. A benchmark, never a test: timings depend on the machine
//! and on whatever else runs on it.
//!
//! Usage (build the release binary first: `cargo build --release -p attache`):
//!   cargo run --release -p attache --example bench_code -- \
//!       [--articles 10000 | --megabytes 1024] [--threads 1,2] \
//!       [--source ../shared/eval/dev/articles.jsonl] [--bin target/release/attache] \
//!       [--write BENCHMARKS.md]
//!
//! The corpus is generated: the source articles (JSON Lines with a "text" field, read at run
//! time) repeated under new ids until the wanted size, or invented sentences when no source
//! is given. Tokens are counted with attache's own tokenizer.

use serde_json::{json, Value};
use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Args {
    articles: usize,
    megabytes: Option<u64>,
    threads: Vec<usize>,
    source: Option<PathBuf>,
    bin: PathBuf,
    write: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        articles: 10_000,
        megabytes: None,
        threads: vec![1, 2],
        source: None,
        bin: PathBuf::from("target/release/attache"),
        write: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--articles" => args.articles = value()?.parse().map_err(|e| format!("{e}"))?,
            "--megabytes" => args.megabytes = Some(value()?.parse().map_err(|e| format!("{e}"))?),
            "--threads" => {
                args.threads = value()?
                    .split(',')
                    .map(|t| t.trim().parse().map_err(|e| format!("--threads: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--source" => args.source = Some(PathBuf::from(value()?)),
            "--bin" => args.bin = PathBuf::from(value()?),
            "--write" => args.write = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(args)
}

/// Texts to build the corpus from.
fn source_texts(source: Option<&Path>) -> Result<Vec<String>, String> {
    let Some(path) = source else {
        return Ok(invented_texts());
    };
    let file = fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut texts = Vec::new();
    for line in BufReader::new(file).lines() {
        let line = line.map_err(|e| e.to_string())?;
        if let Ok(Value::Object(record)) = serde_json::from_str::<Value>(&line) {
            if let Some(Value::String(text)) = record.get("text") {
                texts.push(text.clone());
            }
        }
    }
    if texts.is_empty() {
        return Err(format!("{}: no \"text\" records", path.display()));
    }
    Ok(texts)
}

fn invented_texts() -> Vec<String> {
    let countries = [
        ("Indian", "India"),
        ("Chinese", "China"),
        ("Japanese", "Japan"),
        ("Norwegian", "Norway"),
        ("Russian", "Russia"),
        ("Ukrainian", "Ukraine"),
    ];
    (0..60)
        .map(|i| {
            let (adj, _) = countries[i % countries.len()];
            let (_, other) = countries[(i * 5 + 1) % countries.len()];
            let mut text = String::new();
            for k in 0..12 {
                text.push_str(&match (i + k) % 4 {
                    0 => format!("The {adj} foreign minister met his counterpart from {other} in the capital on Tuesday. "),
                    1 => format!("{adj} officials said the talks with {other} covered trade, energy and the border. "),
                    2 => format!("{adj} forces attacked positions near the frontier with {other} on Sunday, a spokesman said. "),
                    _ => "Analysts said the two governments were unlikely to settle their differences soon.\n\n".to_string(),
                });
            }
            text
        })
        .collect()
}

struct Corpus {
    path: PathBuf,
    articles: usize,
    bytes: u64,
    tokens: u64,
}

fn write_corpus(
    texts: &[String],
    articles: usize,
    megabytes: Option<u64>,
) -> Result<Corpus, String> {
    let path = std::env::temp_dir().join(format!("attache-bench-{}.jsonl", std::process::id()));
    let file = fs::File::create(&path).map_err(|e| e.to_string())?;
    let mut out = BufWriter::new(file);
    let tokens_of: Vec<u64> = texts
        .iter()
        .map(|t| attache_text::analyze(t, &[]).tokens.len() as u64)
        .collect();
    let (mut n, mut bytes, mut tokens) = (0usize, 0u64, 0u64);
    loop {
        let done = match megabytes {
            Some(mb) => bytes >= mb << 20,
            None => n >= articles,
        };
        if done {
            break;
        }
        let k = n % texts.len();
        let record = json!({
            "id": format!("bench-{n:07}"),
            "published": "2024-03-05",
            "text": texts[k],
        });
        let mut line = record.to_string();
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
        bytes += line.len() as u64;
        tokens += tokens_of[k];
        n += 1;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(Corpus {
        path,
        articles: n,
        bytes,
        tokens,
    })
}

struct Run {
    threads: usize,
    seconds: f64,
    /// User + system CPU seconds of the process: on a busy machine the wall-clock speed-up
    /// says little, but CPU time per article tells what parallelism costs.
    cpu_seconds: f64,
    events: u64,
    peak_rss_kib: u64,
}

/// User + system CPU time of a live process, from /proc (Linux's 100 ticks a second).
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Peak resident memory of a live process, from /proc (Linux only).
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run(bin: &Path, corpus: &Path, threads: usize) -> Result<Run, String> {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args([
            "code",
            "--format",
            "jsonl",
            "--threads",
            &threads.to_string(),
        ])
        .arg(corpus)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let pid = child.id();
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    // Events are counted on a thread so that the benchmark reads output as fast as it comes.
    let counter = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let mut lines = 0u64;
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        }
        lines
    });
    let mut peak = 0;
    let mut cpu = 0.0f64;
    let status = loop {
        if let Some(kib) = vm_hwm_kib(pid) {
            peak = peak.max(kib);
        }
        if let Some(s) = cpu_seconds(pid) {
            cpu = cpu.max(s);
        }
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(status) => break status,
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let events = counter.join().map_err(|_| "counter thread panicked")?;
    if !status.success() {
        return Err(format!("attache exited with {status}"));
    }
    Ok(Run {
        threads,
        seconds,
        cpu_seconds: cpu,
        events,
        peak_rss_kib: peak,
    })
}

fn report(corpus: &Corpus, runs: &[Run], source: &str, load: &str) -> String {
    let mb = corpus.bytes as f64 / 1_048_576.0;
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut s = String::new();
    s.push_str("## Coding throughput\n\n");
    s.push_str(&format!(
        "`attache code` end to end (read JSON Lines, analyse, code, write JSON Lines) on {} articles, \
         {:.1} MiB, {} tokens ({source}); release build, {cores} cores, load average before the run: {}.\n\
         Produced by `cargo run --release -p attache --example bench_code`.\n\n",
        corpus.articles,
        mb,
        corpus.tokens,
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    ));
    s.push_str("| threads | seconds | articles/s | MiB/s | tokens/s | tokens/s per thread | speed-up | CPU s | tokens per CPU s | events | peak RSS (VmHWM) |\n");
    s.push_str("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    let base = runs.first().map_or(1.0, |r| r.seconds);
    for r in runs {
        let tps = corpus.tokens as f64 / r.seconds;
        s.push_str(&format!(
            "| {} | {:.2} | {:.0} | {:.2} | {:.0} | {:.0} | {:.2}× | {:.2} | {:.0} | {} | {:.0} MiB |\n",
            r.threads,
            r.seconds,
            corpus.articles as f64 / r.seconds,
            mb / r.seconds,
            tps,
            tps / r.threads as f64,
            base / r.seconds,
            r.cpu_seconds,
            corpus.tokens as f64 / r.cpu_seconds.max(0.01),
            r.events,
            r.peak_rss_kib as f64 / 1024.0
        ));
    }
    s
}

/// Replaces the `## Coding throughput` section of `path` (up to the next `## `), or appends it.
fn write_section(path: &Path, section: &str) -> Result<(), String> {
    let old = fs::read_to_string(path).unwrap_or_else(|_| "# Benchmarks\n".to_string());
    let new = match old.find("## Coding throughput") {
        Some(start) => {
            let rest = &old[start + 2..];
            let end = rest.find("\n## ").map_or(old.len(), |i| start + 2 + i + 1);
            format!("{}{}\n{}", &old[..start], section, &old[end..])
        }
        None => format!(
            "{}\n{}",
            old.trim_end_matches('\n').to_string() + "\n",
            section
        ),
    };
    fs::write(path, new.trim_end().to_string() + "\n").map_err(|e| e.to_string())
}

fn main() {
    if let Err(e) = try_main() {
        eprintln!("bench_code: {e}");
        std::process::exit(2);
    }
}

fn try_main() -> Result<(), String> {
    let args = parse_args()?;
    let texts = source_texts(args.source.as_deref())?;
    let source = match &args.source {
        Some(p) => format!(
            "{} source articles from `{}` repeated",
            texts.len(),
            p.display()
        ),
        None => "invented sentences".to_string(),
    };
    let corpus = write_corpus(&texts, args.articles, args.megabytes)?;
    eprintln!(
        "corpus: {} articles, {} bytes, {} tokens at {}",
        corpus.articles,
        corpus.bytes,
        corpus.tokens,
        corpus.path.display()
    );
    // Other work on the machine shares its cores: the load says how much.
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut runs = Vec::new();
    for &threads in &args.threads {
        let r = run(&args.bin, &corpus.path, threads);
        match r {
            Ok(r) => {
                eprintln!(
                    "threads {threads}: {:.2} s, {} events, peak {} KiB",
                    r.seconds, r.events, r.peak_rss_kib
                );
                runs.push(r);
            }
            Err(e) => {
                let _ = fs::remove_file(&corpus.path);
                return Err(e);
            }
        }
    }
    let _ = fs::remove_file(&corpus.path);
    let section = report(&corpus, &runs, &source, &load);
    print!("{section}");
    if let Some(path) = &args.write {
        write_section(path, &section)?;
    }
    Ok(())
}

use super::exit_status;
use super::ingest::ingest_paths;
use crate::cli::DemoArgs;
use crate::output::write_event_table;
use anyhow::{Context, Result};
use attache_ingest::ReadOptions;
use attache_store::{EventFilter, Store};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The example articles shipped in the binary, so that the demo runs from anywhere.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "seed-000.txt",
        include_str!("../../../../examples/articles/seed-000.txt"),
    ),
    (
        "seed-002.txt",
        include_str!("../../../../examples/articles/seed-002.txt"),
    ),
];

pub fn run(args: DemoArgs) -> Result<ExitCode> {
    let dir = std::env::temp_dir().join(format!("attache-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for (name, text) in EXAMPLES {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        paths.push(path);
    }
    let summary = ingest_paths(&args.db, &paths, &ReadOptions::default());
    let _ = std::fs::remove_dir_all(&dir);
    let summary = summary?;
    let store = Store::open(&args.db)?;
    let events = store.events(&EventFilter {
        include_background: true,
        ..EventFilter::default()
    })?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "Ingested {} example article(s) into {} ({} new mention(s) of events).\n",
        EXAMPLES.len(),
        args.db.display(),
        summary.mentions
    )?;
    write_event_table(&mut out, &events)?;
    writeln!(
        out,
        "\nNext: attache engagement AFG --db {} --since 2021-08-15",
        args.db.display()
    )?;
    if args.no_serve {
        return Ok(exit_status(summary.failures));
    }
    writeln!(out)?;
    out.flush()?;
    drop(out);
    super::serve::serve(&args.db, args.addr, None)
}

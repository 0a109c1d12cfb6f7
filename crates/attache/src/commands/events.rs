use crate::cli::{EventsArgs, ListFormat};
use crate::output::{stdout_is_terminal, write_csv, write_jsonl, write_table};
use anyhow::{Context, Result};
use attache_store::{EventFilter, Store};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: EventsArgs) -> Result<ExitCode> {
    if !args.db.db.exists() {
        anyhow::bail!(
            "no database at {} (create one with `attache ingest PATH --db {}`)",
            args.db.db.display(),
            args.db.db.display()
        );
    }
    let store = Store::open(&args.db.db)
        .with_context(|| format!("cannot open {}", args.db.db.display()))?;
    let filter = EventFilter {
        article: args.article,
        actor: args.actor.map(|a| a.to_uppercase()),
        plover: args.plover.map(|p| p.to_uppercase()),
        since: args.since,
        until: args.until,
        include_background: args.background,
        limit: args.limit,
    };
    let events = store.events(&filter)?;
    let format = args.format.unwrap_or(if stdout_is_terminal() {
        ListFormat::Table
    } else {
        ListFormat::Jsonl
    });
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        ListFormat::Table => write_table(&mut out, &events)?,
        ListFormat::Csv => write_csv(&mut out, &events)?,
        ListFormat::Jsonl => {
            for e in &events {
                write_jsonl(&mut out, e)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

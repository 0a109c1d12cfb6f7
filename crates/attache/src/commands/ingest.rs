use super::code::code;
use super::{exit_status, report};
use crate::cli::IngestArgs;
use anyhow::{Context, Result};
use attache_ingest::{read_inputs, ReadOptions};
use attache_store::{IngestOutcome, Store};
use std::path::Path;
use std::process::ExitCode;

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    super::actors::install(&args.input.actors)?;
    let opts = ReadOptions {
        published: args.input.published,
    };
    let summary = ingest_paths(&args.db.db, &args.paths, &opts)?;
    eprintln!(
        "attache: {} article(s) added, {} replaced, {} unchanged, {} event(s) written; {} input(s) failed; database {}",
        summary.added,
        summary.replaced,
        summary.unchanged,
        summary.events,
        summary.failures,
        args.db.db.display()
    );
    Ok(exit_status(summary.failures))
}

#[derive(Debug, Default)]
pub struct IngestSummary {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub events: usize,
    pub failures: usize,
}

/// Reads, codes and stores every article under `paths`; a bad input is reported and skipped.
pub fn ingest_paths(
    db: &Path,
    paths: &[std::path::PathBuf],
    opts: &ReadOptions,
) -> Result<IngestSummary> {
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let mut summary = IngestSummary::default();
    let mut store_err = None;
    read_inputs(
        paths,
        opts,
        |article| {
            if store_err.is_some() {
                return;
            }
            let events = code(&article);
            match store.ingest(&article, &events) {
                Ok(IngestOutcome::Added) => {
                    summary.added += 1;
                    summary.events += events.len();
                }
                Ok(IngestOutcome::Replaced) => {
                    summary.replaced += 1;
                    summary.events += events.len();
                }
                Ok(IngestOutcome::Unchanged) => summary.unchanged += 1,
                Err(err) => store_err = Some(err),
            }
        },
        |err| {
            summary.failures += 1;
            report(&err);
        },
    );
    if let Some(err) = store_err {
        return Err(err.into());
    }
    Ok(summary)
}

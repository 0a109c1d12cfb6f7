use super::code::code;
use super::{exit_status, report};
use crate::cli::IngestArgs;
use anyhow::{Context, Result};
use attache_ingest::{read_inputs, ReadOptions};
use attache_store::{IngestOutcome, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    super::actors::install(&args.input.actors)?;
    let opts = ReadOptions {
        published: args.input.published,
    };
    let summary = ingest_paths(&args.db.db, &args.paths, &opts)?;
    eprintln!(
        "attache: {} article(s) added, {} replaced, {} unchanged, {} duplicate(s); {} mention(s) written; {} input(s) failed; database {}",
        summary.added,
        summary.replaced,
        summary.unchanged,
        summary.duplicates,
        summary.mentions,
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
    pub duplicates: usize,
    /// Coded events written as mentions (they cluster into fewer events).
    pub mentions: usize,
    pub failures: usize,
}

/// A spinner with rates on a terminal; hidden otherwise, so logs and pipes stay clean. The
/// number of articles is unknown until the inputs are read (stdin, directories), hence a
/// spinner with a count rather than a bar with an end.
fn progress() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    let style =
        ProgressStyle::with_template("{spinner} {pos} article(s) [{elapsed}] {per_sec} — {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Reads, codes and stores every article under `paths`; a bad input is reported and skipped.
/// Each article is its own transaction, so an interrupted run keeps what it finished and the
/// next run skips those articles as unchanged.
pub fn ingest_paths(
    db: &Path,
    paths: &[std::path::PathBuf],
    opts: &ReadOptions,
) -> Result<IngestSummary> {
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let mut summary = IngestSummary::default();
    let mut store_err = None;
    let bar = progress();
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
                    summary.mentions += events.len();
                }
                Ok(IngestOutcome::Replaced) => {
                    summary.replaced += 1;
                    summary.mentions += events.len();
                }
                Ok(IngestOutcome::Unchanged) => summary.unchanged += 1,
                Ok(IngestOutcome::Duplicate) => summary.duplicates += 1,
                Err(err) => store_err = Some(err),
            }
            bar.inc(1);
            bar.set_message(format!(
                "{} event mention(s), {} duplicate(s)",
                summary.mentions, summary.duplicates
            ));
        },
        |err| {
            summary.failures += 1;
            bar.suspend(|| report(&err));
        },
    );
    bar.finish_and_clear();
    if let Some(err) = store_err {
        return Err(err.into());
    }
    Ok(summary)
}

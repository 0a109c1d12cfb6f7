//! `attache ingest`: read, code and store.
//!
//! Coding (the parse above all) costs far more than storing, so with more than one thread a
//! reader thread feeds raw records through a bounded channel to coding threads, and the main
//! thread, the only writer, stores their results in input order. In order matters: dedup and
//! clustering decide by what is already stored, so the store ends the same whatever the number
//! of threads, and a bounded window of articles in flight keeps the reorder buffer small.
//! Articles are stored in short batches (up to 256 articles or a quarter second per
//! transaction), each article all or nothing within its batch: an interrupted ingest keeps
//! every batch it committed, and the next run skips those articles and stores the rest. Coding
//! threads ask the store (on their own read connection) whether an article is already there
//! with the same text before coding it, so resuming does not code again what is stored.

use super::code::{code, enqueue_records};
use super::{exit_status, report};
use crate::cli::IngestArgs;
use anyhow::{Context, Result};
use attache_coder::Event;
use attache_ingest::{read_inputs_with, Article, InputSettings, Pending, ReadError, ReadOptions};
use attache_store::{IngestOutcome, Store};
use crossbeam_channel::{bounded, Receiver, RecvTimeoutError, Sender};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Records each coding thread may have queued ahead of it.
const QUEUE_PER_THREAD: usize = 4;
/// Records read but not yet stored, per coding thread: bounds the reorder buffer even when one
/// slow article holds back all those after it.
const WINDOW_PER_THREAD: usize = 16;
/// Articles stored per transaction at most (each is still all or nothing, see
/// `Store::begin_batch`), and the longest a batch stays open: what an interrupted run loses
/// and what another writer may wait for.
const BATCH_ARTICLES: usize = 256;
const BATCH_TIME: Duration = Duration::from_millis(250);

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    super::actors::install(&args.input.actors)?;
    let opts = ReadOptions {
        published: args.input.published,
    };
    let threads = args.threads.map_or_else(all_cores, usize::from);
    let summary = ingest_paths_with(&args.db.db, &args.paths, &opts, threads)?;
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

fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
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

impl IngestSummary {
    fn count(&mut self, outcome: IngestOutcome, events: usize) {
        match outcome {
            IngestOutcome::Added => {
                self.added += 1;
                self.mentions += events;
            }
            IngestOutcome::Replaced => {
                self.replaced += 1;
                self.mentions += events;
            }
            IngestOutcome::Unchanged => self.unchanged += 1,
            IngestOutcome::Duplicate => self.duplicates += 1,
        }
    }
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

/// Reads, codes and stores every article under `paths` with all cores; see
/// [`ingest_paths_with`].
pub fn ingest_paths(db: &Path, paths: &[PathBuf], opts: &ReadOptions) -> Result<IngestSummary> {
    ingest_paths_with(db, paths, opts, all_cores())
}

/// Reads, codes and stores every article under `paths`, coding on `threads` threads; a bad
/// input is reported and skipped, a storage error stops the run (what was stored stays).
pub fn ingest_paths_with(
    db: &Path,
    paths: &[PathBuf],
    opts: &ReadOptions,
    threads: usize,
) -> Result<IngestSummary> {
    let store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    // With one thread, reading stdin blocks the writer between articles, and a batch held open
    // while stdin trickles would hold the write lock: stdin then commits article by article.
    let batches = threads > 1 || !paths.iter().any(|p| p.as_os_str() == "-");
    let mut writer = Writer {
        store,
        summary: IngestSummary::default(),
        bar: progress(),
        batches,
        batch: None,
    };
    let stored = if threads <= 1 {
        serial(&mut writer, paths, opts)
    } else {
        parallel(&mut writer, db, paths, opts, threads)
    };
    writer.bar.finish_and_clear();
    // Whatever happened, the articles stored so far are kept (a failed one rolled back alone).
    let committed = writer.store.commit_batch();
    stored?;
    committed?;
    Ok(writer.summary)
}

/// What a coding thread hands the writer for one input record.
enum Coded {
    /// Coded, ready to store.
    Article(Article, Vec<Event>),
    /// Stored already with this text when the coding thread looked: not coded.
    Stored(Article),
    Failed(ReadError),
    /// A record that gave no article (a skipped WARC record): it still takes its turn.
    Nothing,
}

/// The one thread that writes to the store.
struct Writer {
    store: Store,
    summary: IngestSummary,
    bar: ProgressBar,
    /// Whether articles are stored in batches (several per transaction).
    batches: bool,
    /// The open batch: when it began and how many articles it holds.
    batch: Option<(Instant, usize)>,
}

impl Writer {
    fn take(&mut self, coded: Coded) -> Result<()> {
        let (article, events) = match coded {
            Coded::Article(article, events) => (article, events),
            Coded::Stored(article) => {
                // Looked at again now that every earlier record is stored: an input that
                // repeats an id with another text in between must still replace it.
                if self.store.is_unchanged(&article)? {
                    self.summary.unchanged += 1;
                    self.tick();
                    return Ok(());
                }
                let events = code(&article);
                (article, events)
            }
            Coded::Failed(err) => {
                self.summary.failures += 1;
                self.bar.suspend(|| report(&err));
                return Ok(());
            }
            Coded::Nothing => return Ok(()),
        };
        if self.batches && self.batch.is_none() {
            self.store.begin_batch()?;
            self.batch = Some((Instant::now(), 0));
        }
        let outcome = self.store.ingest(&article, &events)?;
        self.summary.count(outcome, events.len());
        self.tick();
        if let Some((began, n)) = &mut self.batch {
            *n += 1;
            if *n >= BATCH_ARTICLES || began.elapsed() >= BATCH_TIME {
                self.commit()?;
            }
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.batch = None;
        Ok(self.store.commit_batch()?)
    }

    fn tick(&self) {
        self.bar.inc(1);
        self.bar.set_message(format!(
            "{} event mention(s), {} duplicate(s)",
            self.summary.mentions, self.summary.duplicates
        ));
    }
}

/// Everything on this thread, in turn: the baseline the benchmark compares threads with.
fn serial(writer: &mut Writer, paths: &[PathBuf], opts: &ReadOptions) -> Result<()> {
    let mut error = None;
    read_inputs_with(paths, opts, &InputSettings::default(), |item| {
        let coded = match item {
            Err(err) => Coded::Failed(err),
            Ok(article) => match writer.store.is_unchanged(&article) {
                Ok(true) => Coded::Stored(article),
                Ok(false) => {
                    let events = code(&article);
                    Coded::Article(article, events)
                }
                Err(err) => {
                    error = Some(err.into());
                    return ControlFlow::Break(());
                }
            },
        };
        match writer.take(coded) {
            Ok(()) => ControlFlow::Continue(()),
            Err(err) => {
                error = Some(err);
                ControlFlow::Break(())
            }
        }
    });
    error.map_or(Ok(()), Err)
}

fn parallel(
    writer: &mut Writer,
    db: &Path,
    paths: &[PathBuf],
    opts: &ReadOptions,
    threads: usize,
) -> Result<()> {
    // One read connection per coding thread, opened before any thread starts so that a store
    // that cannot be opened is an error here rather than in a thread.
    let readers = (0..threads)
        .map(|_| Store::open(db).with_context(|| format!("cannot open {}", db.display())))
        .collect::<Result<Vec<_>>>()?;
    let (job_tx, job_rx) = bounded::<(u64, Pending)>(threads * QUEUE_PER_THREAD);
    let (done_tx, done_rx) = bounded::<(u64, Coded)>(threads * QUEUE_PER_THREAD);
    // Tokens for records in flight: the reader takes one per record, the writer gives it back
    // once the record is stored.
    let window = threads * WINDOW_PER_THREAD;
    let (slot_tx, slot_rx) = bounded::<()>(window);
    for _ in 0..window {
        slot_tx.send(())?;
    }
    std::thread::scope(|scope| {
        scope.spawn(move || {
            enqueue_records(
                paths,
                opts,
                &InputSettings::default(),
                &job_tx,
                Some(&slot_rx),
            )
        });
        for reader in readers {
            let (jobs, done) = (job_rx.clone(), done_tx.clone());
            scope.spawn(move || {
                for (seq, pending) in jobs {
                    if done.send((seq, code_record(&reader, pending))).is_err() {
                        return;
                    }
                }
            });
        }
        drop((job_rx, done_tx));
        // Returning (on a storage error) drops the receiving ends, so the reader and coding
        // threads stop at their next hand-over and the scope can end.
        write_in_order(writer, done_rx, slot_tx)
    })
}

/// A coding thread's work on one record: parse it, skip it when stored already, else code it.
fn code_record(store: &Store, pending: Pending) -> Coded {
    match pending.resolve_record() {
        None => Coded::Nothing,
        Some(Err(err)) => Coded::Failed(err),
        // A failed look-up only costs the shortcut; the writer's own check decides.
        Some(Ok(article)) if store.is_unchanged(&article).unwrap_or(false) => {
            Coded::Stored(article)
        }
        Some(Ok(article)) => {
            let events = code(&article);
            Coded::Article(article, events)
        }
    }
}

/// The main thread: stores results in input order, releasing a window slot for each.
fn write_in_order(
    writer: &mut Writer,
    done: Receiver<(u64, Coded)>,
    slots: Sender<()>,
) -> Result<()> {
    let mut pending: BTreeMap<u64, Coded> = BTreeMap::new();
    let mut next = 0;
    loop {
        let (seq, coded) = match done.recv_timeout(BATCH_TIME) {
            Ok(item) => item,
            // Input trickles in (stdin, a slow disk): the batch is committed meanwhile, so
            // readers see it and other writers are not kept waiting.
            Err(RecvTimeoutError::Timeout) => {
                writer.commit()?;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        pending.insert(seq, coded);
        while let Some(coded) = pending.remove(&next) {
            writer.take(coded)?;
            next += 1;
            // The reader may have finished and dropped its end: nothing to release then.
            let _ = slots.try_send(());
        }
    }
    Ok(())
}

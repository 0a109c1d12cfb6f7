//! `attache code`: read, code and print, streaming.
//!
//! With one thread everything happens in turn on the main thread. With more, a reader thread
//! splits the inputs into records and feeds them through a bounded channel to worker threads
//! that parse them (JSON, HTML extraction), code them and serialise their events; the main
//! thread writes what comes back. Every queue is bounded (and with
//! `--ordered` so is the reorder buffer, by a fixed number of articles in flight), so memory
//! does not grow with the input. When stdout closes, the writer stops, the channels close
//! behind it, and the reader and workers stop at their next hand-over.

use super::{exit_status, report};
use crate::cli::{CodeArgs, EventFormat};
use crate::output::{stdout_is_terminal, write_jsonl, write_table};
use anyhow::Result;
use attache_coder::Event;
use attache_ingest::{
    read_inputs_deferred, read_inputs_with, Article, InputSettings, Pending, ReadOptions,
};
use crossbeam_channel::{bounded, Receiver, Sender};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Articles each worker may have queued ahead of it: enough to keep every core busy while
/// the reader parses, few enough that a queue of large pages stays small.
const QUEUE_PER_THREAD: usize = 4;
/// Articles read but not yet written, per thread, with `--ordered`: bounds the reorder buffer
/// even when one slow article holds back all those after it.
const WINDOW_PER_THREAD: usize = 32;

pub fn run(args: CodeArgs) -> Result<ExitCode> {
    let format = args.format.unwrap_or(if stdout_is_terminal() {
        EventFormat::Table
    } else {
        EventFormat::Jsonl
    });
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.paths
    };
    super::actors::install(&args.input.actors)?;
    let job = Job {
        paths,
        opts: ReadOptions {
            published: args.input.published,
        },
        settings: InputSettings {
            format: args.input_format.map(Into::into),
            max_bytes: args.max_size,
        },
        format,
        ordered: args.ordered,
    };
    let threads = match args.threads {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let failures = if threads <= 1 {
        job.serial(&mut out)?
    } else {
        job.parallel(threads, &mut out)?
    };
    out.flush()?;
    Ok(exit_status(failures))
}

/// The whole pipeline for one article: text analysis, then coding. Only the sentences whose
/// parse the coder reads are parsed (the same events as a full parse, in about half the time).
pub fn code(article: &Article) -> Vec<attache_coder::Event> {
    attache_coder::analyze_and_code(article)
}

struct Job {
    paths: Vec<PathBuf>,
    opts: ReadOptions,
    settings: InputSettings,
    format: EventFormat,
    ordered: bool,
}

/// One article's result, ready for the writer: JSON Lines are serialised by the worker (it is
/// a good part of the work); a table needs the events themselves.
enum Coded {
    Lines(Vec<u8>),
    Events(Vec<Event>),
    /// A record that gave no article (a failure, reported already, or a skipped WARC record):
    /// it still takes its turn in the input order.
    Nothing,
}

impl Job {
    fn coded(&self, article: &Article) -> Result<Coded> {
        let events = code(article);
        Ok(match self.format {
            EventFormat::Table => Coded::Events(events),
            EventFormat::Jsonl => {
                let mut lines = Vec::new();
                for event in &events {
                    write_jsonl(&mut lines, event)?;
                }
                Coded::Lines(lines)
            }
        })
    }

    /// Reading, coding and writing in turn: no threads, the baseline a benchmark compares to.
    fn serial(&self, out: &mut impl Write) -> Result<usize> {
        let mut failures = 0;
        let mut writer = Writer::new(self.format);
        let mut error = None;
        read_inputs_with(&self.paths, &self.opts, &self.settings, |item| {
            let written = match item {
                Err(err) => {
                    failures += 1;
                    report(&err);
                    return ControlFlow::Continue(());
                }
                // Flushed per article: output follows input even when stdin trickles in, for
                // a write call per article (the coding costs a thousand times more).
                Ok(article) => self
                    .coded(&article)
                    .and_then(|c| writer.write(out, c))
                    .and_then(|()| Ok(out.flush()?)),
            };
            match written {
                Ok(()) => ControlFlow::Continue(()),
                Err(err) => {
                    error = Some(err);
                    ControlFlow::Break(())
                }
            }
        });
        if let Some(err) = error {
            return Err(err);
        }
        writer.finish(out)?;
        Ok(failures)
    }

    fn parallel(&self, threads: usize, out: &mut impl Write) -> Result<usize> {
        let (job_tx, job_rx) = bounded::<(u64, Pending)>(threads * QUEUE_PER_THREAD);
        let (done_tx, done_rx) = bounded::<(u64, Result<Coded>)>(threads * QUEUE_PER_THREAD);
        // Tokens for articles in flight: the reader takes one per article, the writer gives it
        // back once the article is written. Only `--ordered` needs them.
        let window = threads * WINDOW_PER_THREAD;
        let (slot_tx, slot_rx) = bounded::<()>(window);
        if self.ordered {
            for _ in 0..window {
                slot_tx.send(())?;
            }
        }
        let slots = self.ordered.then_some(slot_rx);

        let failures = AtomicUsize::new(0);
        let failures = &failures;

        std::thread::scope(|scope| {
            let reader = scope.spawn(move || self.read(job_tx, slots));
            for _ in 0..threads {
                let (jobs, done) = (job_rx.clone(), done_tx.clone());
                scope.spawn(move || {
                    for (seq, pending) in jobs {
                        let coded = match pending.resolve_record() {
                            Some(Ok(article)) => self.coded(&article),
                            Some(Err(err)) => {
                                failures.fetch_add(1, Ordering::Relaxed);
                                report(&err);
                                Ok(Coded::Nothing)
                            }
                            None => Ok(Coded::Nothing),
                        };
                        if done.send((seq, coded)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop((job_rx, done_tx));
            let written = self.write_all(done_rx, slot_tx, out);
            // The writer's channels are gone by now, so a reader or worker still busy stops at
            // its next hand-over; joining it cannot hang on a closed stdout.
            reader
                .join()
                .map_err(|_| anyhow::anyhow!("the input reader panicked"))?;
            written.map(|()| failures.load(Ordering::Relaxed))
        })
    }

    /// The reader thread: every input record into the queue, unparsed.
    fn read(&self, jobs: Sender<(u64, Pending)>, slots: Option<Receiver<()>>) {
        enqueue_records(
            &self.paths,
            &self.opts,
            &self.settings,
            &jobs,
            slots.as_ref(),
        );
    }

    /// The main thread: writes results as they come, or in input order with `--ordered`.
    /// Takes the channel ends by value so that returning early (a closed stdout) closes them.
    fn write_all(
        &self,
        done: Receiver<(u64, Result<Coded>)>,
        slots: Sender<()>,
        out: &mut impl Write,
    ) -> Result<()> {
        let in_order = self.ordered || self.format == EventFormat::Table;
        let mut writer = Writer::new(self.format);
        let mut pending: BTreeMap<u64, Coded> = BTreeMap::new();
        let mut next = 0;
        loop {
            // Output is flushed whenever the writer would wait, so a slow stream of input
            // gives a steady stream of output.
            if done.is_empty() {
                out.flush()?;
            }
            let Ok((seq, coded)) = done.recv() else {
                break;
            };
            let coded = coded?;
            if !in_order {
                writer.write(out, coded)?;
                continue;
            }
            pending.insert(seq, coded);
            while let Some(coded) = pending.remove(&next) {
                writer.write(out, coded)?;
                next += 1;
                if self.ordered {
                    // The reader may have finished and dropped its end: nothing to release.
                    let _ = slots.try_send(());
                }
            }
        }
        writer.finish(out)
    }
}

/// Writes coded articles: JSON Lines straight through, a table at the end.
struct Writer {
    table: Option<Vec<Event>>,
}

impl Writer {
    fn new(format: EventFormat) -> Self {
        Writer {
            table: (format == EventFormat::Table).then(Vec::new),
        }
    }

    fn write(&mut self, out: &mut impl Write, coded: Coded) -> Result<()> {
        match coded {
            Coded::Lines(lines) => out.write_all(&lines)?,
            Coded::Events(events) => {
                if let Some(table) = &mut self.table {
                    table.extend(events);
                }
            }
            Coded::Nothing => {}
        }
        Ok(())
    }

    fn finish(self, out: &mut impl Write) -> Result<()> {
        if let Some(table) = self.table {
            write_table(out, &table)?;
        }
        Ok(())
    }
}

/// Reads every input record into `jobs`, unparsed and numbered in input order, taking a slot
/// from `slots` (when bounded) before each so that the queue stays bounded. Stops when either
/// channel closes.
pub(super) fn enqueue_records(
    paths: &[PathBuf],
    opts: &ReadOptions,
    settings: &InputSettings,
    jobs: &Sender<(u64, Pending)>,
    slots: Option<&Receiver<()>>,
) {
    let mut seq = 0;
    read_inputs_deferred(paths, opts, settings, |pending| {
        if slots.is_some_and(|slots| slots.recv().is_err()) {
            return ControlFlow::Break(());
        }
        let sent = jobs.send((seq, pending));
        seq += 1;
        match sent {
            Ok(()) => ControlFlow::Continue(()),
            Err(_) => ControlFlow::Break(()),
        }
    });
}

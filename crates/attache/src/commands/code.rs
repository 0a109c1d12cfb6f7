use super::{exit_status, report};
use crate::cli::{CodeArgs, EventFormat};
use crate::output::{stdout_is_terminal, write_jsonl, write_table};
use anyhow::Result;
use attache_ingest::{read_inputs, Article, ReadOptions};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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
    let opts = ReadOptions {
        published: args.input.published,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0;
    let mut table = Vec::new();
    let mut write_err: Option<anyhow::Error> = None;
    read_inputs(
        &paths,
        &opts,
        |article: Article| {
            if write_err.is_some() {
                return;
            }
            let events = code(&article);
            match format {
                EventFormat::Table => table.extend(events),
                EventFormat::Jsonl => {
                    for e in &events {
                        if let Err(err) = write_jsonl(&mut out, e) {
                            write_err = Some(err);
                            return;
                        }
                    }
                }
            }
        },
        |err| {
            failures += 1;
            report(&err);
        },
    );
    if let Some(err) = write_err {
        return Err(err);
    }
    if format == EventFormat::Table {
        write_table(&mut out, &table)?;
    }
    out.flush()?;
    Ok(exit_status(failures))
}

/// The whole pipeline for one article: text analysis, then coding.
pub fn code(article: &Article) -> Vec<attache_coder::Event> {
    let doc = attache_text::analyze(&article.text, &article.boilerplate);
    attache_coder::code_article(article, &doc)
}

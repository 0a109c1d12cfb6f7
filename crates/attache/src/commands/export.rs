use super::store_access::{event_filter, open_existing};
use crate::cli::{ExportArgs, ExportFormat};
use anyhow::{Context, Result};
use attache_store::export;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let events = store.events(&event_filter(args.filter))?;
    if args.format == ExportFormat::Parquet {
        let Some(path) = &args.out else {
            anyhow::bail!("--format parquet writes a binary file: give it with --out FILE");
        };
        return write_parquet(path, &events);
    }
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    match args.format {
        ExportFormat::Gdelt => export::write_gdelt(&mut out, &events)?,
        ExportFormat::Plover => export::write_plover(&mut out, &events)?,
        ExportFormat::Csv => export::write_csv(&mut out, &events)?,
        ExportFormat::Jsonl => export::write_jsonl(&mut out, &events)?,
        ExportFormat::Parquet => {}
    }
    out.flush()?;
    if let Some(path) = &args.out {
        eprintln!(
            "attache: {} event(s) written to {}",
            events.len(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn write_parquet(
    path: &std::path::Path,
    events: &[attache_store::EventRecord],
) -> Result<ExitCode> {
    export::write_parquet(path, events)?;
    eprintln!(
        "attache: {} event(s) written to {}",
        events.len(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(
    _path: &std::path::Path,
    _events: &[attache_store::EventRecord],
) -> Result<ExitCode> {
    anyhow::bail!("this attache was built without the `parquet` feature; use --format csv or jsonl")
}

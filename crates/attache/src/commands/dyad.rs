use super::store_access::{list_format, open_existing};
use crate::cli::{DyadArgs, ListFormat};
use crate::output::{level_name, record_actor, shorten, write_aligned};
use anyhow::Result;
use attache_store::{export, EventFilter, EventRecord};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// "IND → AFG", "AFG → IND" or "AFG ↔ IND" for undirected events.
fn direction(e: &EventRecord) -> String {
    let arrow = if e.undirected { "↔" } else { "→" };
    format!("{} {arrow} {}", e.source_code(), e.target_code())
}

pub fn run(args: DyadArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let (a, b) = (args.a.trim().to_uppercase(), args.b.trim().to_uppercase());
    let events = store.events(&EventFilter {
        dyad: Some((a.clone(), b.clone())),
        plover: args.plover.map(|p| p.trim().to_uppercase()),
        since: args.dates.since,
        until: args.dates.until,
        include_background: args.include_background,
        ..EventFilter::default()
    })?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match list_format(args.format) {
        ListFormat::Csv => export::write_csv(&mut out, &events)?,
        ListFormat::Jsonl => export::write_jsonl(&mut out, &events)?,
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        e.date.clone().unwrap_or_else(|| "?".into()),
                        direction(e),
                        format!("{} {}", e.cameo, e.plover),
                        record_actor(&e.source),
                        record_actor(&e.target),
                        level_name(e.level()),
                        format!("{}/{}", e.num_articles, e.num_sources),
                        shorten(&e.sentence, 60),
                    ]
                })
                .collect();
            write_aligned(
                &mut out,
                &[
                    "date",
                    "direction",
                    "type",
                    "source",
                    "target",
                    "level",
                    "art/src",
                    "sentence",
                ],
                &rows,
            )?;
            // The counts an analyst reads first: how much, of what, in which direction.
            let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
            for e in &events {
                let dir = if e.undirected {
                    format!("{a} ↔ {b}")
                } else {
                    format!("{} → {}", e.source_code(), e.target_code())
                };
                *counts.entry((e.plover.clone(), dir)).or_default() += 1;
            }
            writeln!(out, "\n{} event(s) between {a} and {b}", events.len())?;
            for ((plover, dir), n) in counts {
                writeln!(out, "  {n:>4}  {plover:<10} {dir}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

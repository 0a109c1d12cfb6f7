use super::store_access::{event_filter, list_format, open_existing};
use crate::cli::{EventsArgs, ListFormat};
use crate::output::write_event_table;
use anyhow::Result;
use attache_store::{export, EventFilter};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: EventsArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let filter = EventFilter {
        article: args.article,
        search: args.search,
        limit: args.limit,
        ..event_filter(args.filter)
    };
    let events = store.events(&filter)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match list_format(args.format) {
        ListFormat::Table => write_event_table(&mut out, &events)?,
        ListFormat::Csv => export::write_csv(&mut out, &events)?,
        ListFormat::Jsonl => export::write_jsonl(&mut out, &events)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

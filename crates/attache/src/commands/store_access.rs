//! What the database commands share: opening an existing store, the output format default and
//! turning filter flags into a store filter.

use crate::cli::{DbArgs, EventFilterArgs, ListFormat};
use crate::output::stdout_is_terminal;
use anyhow::{Context, Result};
use attache_store::{EventFilter, Store};

/// Opens the database, refusing to create one: a query on a mistyped path must say so
/// instead of answering "no events" from a new empty file.
pub fn open_existing(db: &DbArgs) -> Result<Store> {
    if !db.db.exists() {
        anyhow::bail!(
            "no database at {} (create one with `attache ingest PATH --db {}`)",
            db.db.display(),
            db.db.display()
        );
    }
    Store::open(&db.db).with_context(|| format!("cannot open {}", db.db.display()))
}

pub fn list_format(format: Option<ListFormat>) -> ListFormat {
    format.unwrap_or(if stdout_is_terminal() {
        ListFormat::Table
    } else {
        ListFormat::Jsonl
    })
}

/// Codes are upper case in the store; users type "afg" as often as "AFG".
pub fn event_filter(args: EventFilterArgs) -> EventFilter {
    let upper = |s: String| s.trim().to_uppercase();
    EventFilter {
        actor: args.actor.map(upper),
        dyad: args.dyad.and_then(|d| match d.as_slice() {
            [a, b] => Some((upper(a.clone()), upper(b.clone()))),
            _ => None,
        }),
        plover: args.plover.map(upper),
        cameo_root: args.cameo_root.map(|c| c.trim().to_string()),
        since: args.dates.since,
        until: args.dates.until,
        include_background: args.include_background,
        ..EventFilter::default()
    }
}

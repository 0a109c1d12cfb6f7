//! Events as CSV (one row per event, flat columns) and JSON Lines (one record per line).

use std::io::{self, Write};

use crate::record::EventRecord;

pub const CSV_COLUMNS: [&str; 27] = [
    "id",
    "date",
    "date_precision",
    "date_end",
    "source_code",
    "source_sector",
    "source_name",
    "source_rank",
    "target_code",
    "target_sector",
    "target_name",
    "target_rank",
    "cameo",
    "plover",
    "quad_class",
    "goldstein",
    "modality",
    "background",
    "location",
    "location_code",
    "num_mentions",
    "num_articles",
    "num_sources",
    "first_seen",
    "last_seen",
    "url",
    "sentence",
];

/// The flat fields of one event, in [`CSV_COLUMNS`] order (Parquet has the same columns).
pub fn flat_row(e: &EventRecord) -> [String; 27] {
    let name = |a: &Option<attache_coder::ActorRef>| {
        a.as_ref()
            .and_then(|a| a.name.clone().or_else(|| a.org.clone()))
            .unwrap_or_default()
    };
    let sector = |a: &Option<attache_coder::ActorRef>| {
        a.as_ref().map(|a| a.sector.clone()).unwrap_or_default()
    };
    let opt = |n: Option<u8>| n.map(|n| n.to_string()).unwrap_or_default();
    [
        e.id.to_string(),
        e.date.clone().unwrap_or_default(),
        e.date_precision.clone(),
        e.date_end.clone().unwrap_or_default(),
        e.source_code().to_string(),
        sector(&e.source),
        name(&e.source),
        opt(e.source_rank),
        e.target_code().to_string(),
        sector(&e.target),
        name(&e.target),
        opt(e.target_rank),
        e.cameo.clone(),
        e.plover.clone(),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        e.modality.clone(),
        e.background.to_string(),
        e.location.clone(),
        e.location_code.clone(),
        e.num_mentions.to_string(),
        e.num_articles.to_string(),
        e.num_sources.to_string(),
        e.first_seen.clone().unwrap_or_default(),
        e.last_seen.clone().unwrap_or_default(),
        e.url.clone().unwrap_or_default(),
        e.sentence.clone(),
    ]
}

pub fn write_csv(out: impl Write, events: &[EventRecord]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    for e in events {
        w.write_record(flat_row(e))?;
    }
    w.flush()
}

pub fn write_jsonl(out: &mut impl Write, events: &[EventRecord]) -> io::Result<()> {
    for e in events {
        let line = serde_json::to_string(e).map_err(io::Error::other)?;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

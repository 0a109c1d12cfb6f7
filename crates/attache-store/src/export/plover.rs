//! PLOVER JSON records, one per line. Field names follow the PLOVER specification's event
//! record (id, date, event_type, mode, context, actor, recipient, ...); our own additions
//! (counts, CAMEO code, provenance) are named as in our other outputs.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::record::EventRecord;

/// The PLOVER record of one event.
pub fn plover_record(e: &EventRecord) -> Value {
    let info = attache_coder::taxonomy::cameo_info(&e.cameo);
    let mode = info
        .as_ref()
        .map(|i| i.plover_mode.clone())
        .unwrap_or_default();
    let context = info
        .as_ref()
        .map(|i| i.plover_context.clone())
        .unwrap_or_default();
    let side = |a: &Option<attache_coder::ActorRef>| {
        a.as_ref()
            .map_or((Value::Null, Value::Null, Value::Null, Value::Null), |a| {
                (
                    json!(a.text),
                    json!(a.code),
                    json!(a.sector),
                    json!(a.name.clone().or_else(|| a.org.clone())),
                )
            })
    };
    let (actor, actor_country, actor_sector, actor_name) = side(&e.source);
    let (recipient, recipient_country, recipient_sector, recipient_name) = side(&e.target);
    json!({
        "id": e.id.to_string(),
        "date": e.date,
        "date_precision": e.date_precision,
        "date_end": e.date_end,
        "event_type": e.plover,
        "mode": if mode.is_empty() { Value::Null } else { json!(mode) },
        "context": if context.is_empty() { Value::Null } else { json!(context) },
        "actor": actor,
        "actor_country": actor_country,
        "actor_sector": actor_sector,
        "actor_name": actor_name,
        "recipient": recipient,
        "recipient_country": recipient_country,
        "recipient_sector": recipient_sector,
        "recipient_name": recipient_name,
        "location": e.location,
        "location_country": e.location_code,
        "text": e.sentence,
        "url": e.url,
        "cameo": e.cameo,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "modality": e.modality,
        "background": e.background,
        "num_mentions": e.num_mentions,
        "num_articles": e.num_articles,
        "num_sources": e.num_sources,
        "first_seen": e.first_seen,
        "last_seen": e.last_seen,
    })
}

pub fn write_plover(out: &mut impl Write, events: &[EventRecord]) -> io::Result<()> {
    for e in events {
        let line = serde_json::to_string(&plover_record(e)).map_err(io::Error::other)?;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

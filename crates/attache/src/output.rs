//! Writing events: JSON Lines for machines, aligned tables for people (CSV of stored events
//! is `attache_store::export`).

use anyhow::Result;
use attache_coder::{ActorRef, Event};
use attache_store::EventRecord;
use std::io::{self, IsTerminal, Write};

pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Whether an error is a closed downstream pipe, which is not a failure of ours.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

pub fn write_jsonl(out: &mut impl Write, event: &Event) -> Result<()> {
    // Serialised first, so that a write failure reaches the caller as the io::Error it is (a
    // closed pipe must stay recognisable).
    let mut line = serde_json::to_vec(event)?;
    line.push(b'\n');
    out.write_all(&line)?;
    Ok(())
}

fn actor_label(actor: &Option<ActorRef>) -> String {
    match actor {
        None => "-".to_string(),
        Some(a) => {
            let code = if a.sector.is_empty() {
                a.code.clone()
            } else {
                format!("{} {}", a.code, a.sector)
            };
            format!("{code} ({})", shorten(&a.text, 32))
        }
    }
}

pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

const COLUMNS: [&str; 8] = [
    "article", "date", "source", "type", "target", "status", "where", "trigger",
];

fn row(event: &Event) -> [String; 8] {
    let mut status = format!("{:?}", event.modality).to_lowercase();
    if event.background {
        status.push_str(" bg");
    }
    if event.milestone.is_some() {
        status.push_str(" first");
    }
    [
        event.article.clone(),
        event.date.clone().unwrap_or_else(|| "?".to_string()),
        actor_label(&event.source),
        format!("{} {}", event.cameo, event.plover),
        actor_label(&event.target),
        status,
        event.location.clone(),
        shorten(&event.trigger, 28),
    ]
}

/// An aligned table, column widths from the content.
pub fn write_table(out: &mut impl Write, events: &[Event]) -> Result<()> {
    let rows: Vec<Vec<String>> = events.iter().map(|e| row(e).to_vec()).collect();
    write_aligned(out, &COLUMNS, &rows)?;
    writeln!(out, "{} event(s)", events.len())?;
    Ok(())
}

/// Rows under upper-cased `headers`, each column as wide as its widest cell.
pub fn write_aligned(out: &mut impl Write, headers: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = headers.iter().map(|c| c.chars().count()).collect();
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> io::Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(c.chars().count()))))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    let headers: Vec<String> = headers.iter().map(|h| h.to_uppercase()).collect();
    line(out, &headers)?;
    for r in rows {
        line(out, r)?;
    }
    Ok(())
}

/// "IND GOV (S Jaishankar)" for an event's side: code, sector and who.
pub fn record_actor(actor: &Option<ActorRef>) -> String {
    match actor {
        None => "-".to_string(),
        Some(a) => {
            let who = a
                .name
                .clone()
                .or_else(|| a.org.clone())
                .or_else(|| a.role.clone())
                .unwrap_or_default();
            let code = format!("{} {}", a.code, a.sector);
            if who.is_empty() {
                code.trim().to_string()
            } else {
                format!("{} ({})", code.trim(), shorten(&who, 24))
            }
        }
    }
}

/// A rank as a word an analyst reads: "4 head", "3 minister", ...
pub fn level_name(level: Option<u8>) -> String {
    match level {
        Some(4) => "4 head".into(),
        Some(3) => "3 minister".into(),
        Some(2) => "2 deputy/amb".into(),
        Some(1) => "1 official".into(),
        Some(n) => n.to_string(),
        None => "-".into(),
    }
}

const EVENT_COLUMNS: [&str; 9] = [
    "id", "date", "source", "type", "target", "level", "where", "art/src", "sentence",
];

/// Events (clusters) as a table: one line per real-world event.
pub fn write_event_table(out: &mut impl Write, events: &[EventRecord]) -> Result<()> {
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let mut kind = format!("{} {}", e.cameo, e.plover);
            if e.background {
                kind.push_str(" bg");
            }
            if e.modality == "planned" {
                kind.push_str(" planned");
            }
            vec![
                e.id.to_string(),
                e.date.clone().unwrap_or_else(|| "?".into()),
                record_actor(&e.source),
                kind,
                record_actor(&e.target),
                level_name(e.level()),
                e.location.clone(),
                format!("{}/{}", e.num_articles, e.num_sources),
                shorten(&e.sentence, 60),
            ]
        })
        .collect();
    write_aligned(out, &EVENT_COLUMNS, &rows)?;
    writeln!(out, "{} event(s)", events.len())?;
    Ok(())
}

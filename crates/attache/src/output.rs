//! Writing events: JSON Lines for machines, CSV for spreadsheets, aligned tables for people.

use anyhow::Result;
use attache_coder::{ActorRef, Event};
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

fn shorten(s: &str, max: usize) -> String {
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
    let rows: Vec<[String; 8]> = events.iter().map(row).collect();
    let mut widths = COLUMNS.map(|c| c.chars().count());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> io::Result<()> {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(out, &COLUMNS.map(str::to_uppercase))?;
    for r in &rows {
        line(out, r)?;
    }
    writeln!(out, "{} event(s)", events.len())?;
    Ok(())
}

const CSV_HEADER: [&str; 20] = [
    "article",
    "date",
    "date_precision",
    "date_end",
    "source_code",
    "source_sector",
    "source_text",
    "target_code",
    "target_sector",
    "target_text",
    "cameo",
    "plover",
    "quad_class",
    "goldstein",
    "modality",
    "background",
    "location",
    "location_code",
    "milestone",
    "sentence",
];

pub fn write_csv(out: impl Write, events: &[Event]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    let part = |a: &Option<ActorRef>, f: fn(&ActorRef) -> &str| {
        a.as_ref().map(|a| f(a).to_string()).unwrap_or_default()
    };
    for e in events {
        w.write_record([
            e.article.clone(),
            e.date.clone().unwrap_or_default(),
            format!("{:?}", e.date_precision).to_lowercase(),
            e.date_end.clone().unwrap_or_default(),
            part(&e.source, |a| &a.code),
            part(&e.source, |a| &a.sector),
            part(&e.source, |a| &a.text),
            part(&e.target, |a| &a.code),
            part(&e.target, |a| &a.sector),
            part(&e.target, |a| &a.text),
            e.cameo.clone(),
            e.plover.clone(),
            e.quad_class.to_string(),
            e.goldstein.to_string(),
            format!("{:?}", e.modality).to_lowercase(),
            e.background.to_string(),
            e.location.clone(),
            e.location_code.clone(),
            e.milestone.clone().unwrap_or_default(),
            e.sentence.clone(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

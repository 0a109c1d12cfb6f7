use super::store_access::{list_format, open_existing};
use crate::cli::{EngagementArgs, ListFormat};
use crate::output::{level_name, shorten};
use anyhow::Result;
use attache_store::{Contact, Engagement};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn when(c: &Contact) -> String {
    format!("{} (event {})", c.date.as_deref().unwrap_or("?"), c.event)
}

fn by_type(e: &Engagement) -> String {
    e.by_type
        .iter()
        .map(|(t, n)| format!("{t} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ladder(e: &Engagement) -> String {
    e.first_by_level
        .iter()
        .map(|c| format!("{} {}", level_name(c.level), when(c)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn diplomatic(e: &Engagement) -> String {
    e.diplomatic
        .iter()
        .map(|c| {
            format!(
                "{} {} {}",
                c.date.as_deref().unwrap_or("?"),
                c.what.as_deref().unwrap_or(""),
                c.cameo
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn run(args: EngagementArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let actor = args.actor.trim().to_uppercase();
    let ladders = store.engagement(
        &actor,
        args.dates.since.as_deref(),
        args.dates.until.as_deref(),
    )?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match list_format(args.format) {
        ListFormat::Jsonl => {
            for e in &ladders {
                let mut line = serde_json::to_vec(e)?;
                line.push(b'\n');
                out.write_all(&line)?;
            }
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "counterpart",
                "events",
                "by_type",
                "highest_level",
                "highest_date",
                "first_date",
                "latest_date",
                "first_by_level",
                "diplomatic",
            ])?;
            for e in &ladders {
                let date = |c: &Option<Contact>| {
                    c.as_ref().and_then(|c| c.date.clone()).unwrap_or_default()
                };
                w.write_record([
                    e.counterpart.clone(),
                    e.events.to_string(),
                    by_type(e),
                    e.highest
                        .as_ref()
                        .and_then(|c| c.level)
                        .map(|l| l.to_string())
                        .unwrap_or_default(),
                    date(&e.highest),
                    date(&e.first),
                    date(&e.latest),
                    ladder(e),
                    diplomatic(e),
                ])?;
            }
            w.flush()?;
        }
        ListFormat::Table => {
            let span = match (&args.dates.since, &args.dates.until) {
                (Some(s), Some(u)) => format!(" from {s} to {u}"),
                (Some(s), None) => format!(" since {s}"),
                (None, Some(u)) => format!(" until {u}"),
                (None, None) => String::new(),
            };
            writeln!(
                out,
                "Engagement of {actor}{span}: {} counterpart(s)\n",
                ladders.len()
            )?;
            for e in &ladders {
                writeln!(
                    out,
                    "{}  {} event(s): {}",
                    e.counterpart,
                    e.events,
                    by_type(e)
                )?;
                if let Some(h) = &e.highest {
                    writeln!(
                        out,
                        "  highest level   {} first on {}",
                        level_name(h.level),
                        when(h)
                    )?;
                    writeln!(out, "                  {}", shorten(&h.sentence, 90))?;
                }
                if !e.first_by_level.is_empty() {
                    writeln!(out, "  first at level  {}", ladder(e))?;
                }
                if let (Some(f), Some(l)) = (&e.first, &e.latest) {
                    writeln!(
                        out,
                        "  first contact   {} {}   latest {} {}",
                        when(f),
                        f.plover,
                        when(l),
                        l.plover
                    )?;
                }
                for c in &e.diplomatic {
                    writeln!(
                        out,
                        "  diplomatic      {} {} ({} {}): {}",
                        c.date.as_deref().unwrap_or("?"),
                        c.what.as_deref().unwrap_or(""),
                        c.cameo,
                        c.plover,
                        shorten(&c.sentence, 70)
                    )?;
                }
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

use super::store_access::{list_format, open_existing};
use crate::cli::{ListFormat, MilestonesArgs};
use crate::output::{level_name, shorten, write_aligned};
use anyhow::Result;
use attache_store::{Milestone, MilestoneQuery, Verdict};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Agree => "agree",
        Verdict::Disagree => "disagree",
        Verdict::Unclaimed => "unclaimed",
    }
}

fn fields(m: &Milestone) -> Vec<String> {
    vec![
        m.event.date.clone().unwrap_or_default(),
        m.pair.clone(),
        m.event.plover.clone(),
        level_name(m.level),
        if m.computed { "first" } else { "-" }.to_string(),
        m.event
            .milestone
            .as_ref()
            .map(|c| match &m.event.milestone_since {
                Some(s) => format!("{c} (since {s})"),
                None => c.clone(),
            })
            .unwrap_or_default(),
        verdict(m.verdict).to_string(),
        m.earlier
            .as_ref()
            .map(|(id, date)| format!("event {id} on {date}"))
            .unwrap_or_default(),
        m.event.id.to_string(),
        m.event.sentence.clone(),
    ]
}

const COLUMNS: [&str; 10] = [
    "date", "pair", "type", "level", "computed", "claim", "verdict", "earlier", "event", "sentence",
];

pub fn run(args: MilestonesArgs) -> Result<ExitCode> {
    let store = open_existing(&args.db)?;
    let mut found = store.milestones(&MilestoneQuery {
        actor: args.actor.map(|a| a.trim().to_uppercase()),
        since: args.since,
        years: args.years,
    })?;
    if args.claimed {
        found.retain(|m| m.verdict != Verdict::Unclaimed);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match list_format(args.format) {
        ListFormat::Jsonl => {
            for m in &found {
                let mut line = serde_json::to_vec(m)?;
                line.push(b'\n');
                out.write_all(&line)?;
            }
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(COLUMNS)?;
            for m in &found {
                w.write_record(fields(m))?;
            }
            w.flush()?;
        }
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = found
                .iter()
                .map(|m| {
                    let mut f = fields(m);
                    if let Some(s) = f.last_mut() {
                        *s = shorten(s, 60);
                    }
                    f
                })
                .collect();
            write_aligned(&mut out, &COLUMNS, &rows)?;
            let count = |v| found.iter().filter(|m| m.verdict == v).count();
            writeln!(
                out,
                "{} milestone(s): {} agree, {} disagree, {} unclaimed",
                found.len(),
                count(Verdict::Agree),
                count(Verdict::Disagree),
                count(Verdict::Unclaimed)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

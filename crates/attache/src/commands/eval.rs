//! `attache eval`: coded events against a gold set; `attache eval syntax` is in eval_syntax.rs.

use super::code::code;
use super::{eval_syntax, report};
use crate::cli::{EvalArgs, EvalTarget};
use anyhow::{bail, Context, Result};
use attache_coder::evaluation::{parse_gold, score};
use attache_ingest::{read_inputs, ReadOptions};
use serde_json::Value;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    if let Some(EvalTarget::Syntax(syntax)) = args.target {
        return eval_syntax::run(syntax);
    }
    // clap requires both unless a subcommand is given; this only guards that contract.
    let Some(gold_path) = args.gold.as_deref() else {
        bail!("--gold GOLD.jsonl is required (or: attache eval syntax --ud FILE.conllu)");
    };
    let gold_text = fs::read_to_string(gold_path)
        .with_context(|| format!("cannot read gold set {}", gold_path.display()))?;
    let gold =
        parse_gold(&gold_text).map_err(|e| anyhow::anyhow!("{}: {e}", gold_path.display()))?;
    let opts = ReadOptions {
        published: args.input.published,
    };
    let mut events = Vec::new();
    let mut failures = 0;
    for input in &args.inputs {
        match read_events(input)? {
            Some(found) => events.extend(found),
            None => failures += code_articles(input, &opts, &mut events)?,
        }
    }
    let report = score(&gold, &events);
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report.to_json())?)?;
    } else {
        write!(out, "{}", report.to_text(args.show_errors))?;
    }
    out.flush()?;
    let below = args.min_f1.is_some_and(|min| report.f1 < min);
    Ok(if below || failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The events in `path` when it holds coded events (JSON Lines objects with a "plover"), else
/// `None`: the input is articles. Standard input is read here once and must hold events.
fn read_events(path: &Path) -> Result<Option<Vec<Value>>> {
    let stdin = path.as_os_str() == "-";
    if !stdin && (path.is_dir() || !has_extension(path, "jsonl")) {
        return Ok(None);
    }
    let text = if stdin {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .context("cannot read standard input")?;
        s
    } else {
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
    };
    let mut events = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) if stdin => bail!("standard input, line {}: {e}", n + 1),
            Err(_) => return Ok(None),
        };
        if value.get("plover").is_none() {
            if stdin {
                bail!(
                    "standard input, line {}: not an event (no \"plover\"); pass articles as files",
                    n + 1
                );
            }
            return Ok(None);
        }
        events.push(value);
    }
    Ok(Some(events))
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Codes the articles under `path` into `events`; returns how many inputs failed.
fn code_articles(path: &Path, opts: &ReadOptions, events: &mut Vec<Value>) -> Result<usize> {
    let mut failures = 0;
    let mut err = None;
    read_inputs(
        &[PathBuf::from(path)],
        opts,
        |article| {
            for event in code(&article) {
                match serde_json::to_value(&event) {
                    Ok(v) => events.push(v),
                    Err(e) => err = Some(e),
                }
            }
        },
        |e| {
            failures += 1;
            report(&e);
        },
    );
    if let Some(e) = err {
        return Err(e.into());
    }
    Ok(failures)
}

use crate::cli::ActorsArgs;
use anyhow::Result;
use attache_coder::actors::ActorCoder;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Makes the embedded dictionaries with `paths` on top the ones every article is coded with
/// (`--actors` of `code` and `ingest`); nothing to do without files.
pub fn install(paths: &[PathBuf]) -> Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    let coder = ActorCoder::with_files(paths).map_err(anyhow::Error::msg)?;
    ActorCoder::install(coder).map_err(anyhow::Error::msg)
}

/// Prints each actor found, its coding, and the rule or dictionary entry that produced it.
pub fn run(args: ActorsArgs) -> Result<ExitCode> {
    install(&args.actors)?;
    let mentions = ActorCoder::active().explain(&args.text, args.date);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if mentions.is_empty() {
        return finish(writeln!(out, "no actors found"));
    }
    for m in mentions {
        let rank = m.rank.map(|r| format!(" rank {r}")).unwrap_or_default();
        let role = m
            .role
            .as_deref()
            .map(|r| format!(" role \"{r}\""))
            .unwrap_or_default();
        let name = m
            .name
            .as_deref()
            .map(|n| format!(" name \"{n}\""))
            .unwrap_or_default();
        let line = writeln!(
            out,
            "{:<40} {} {}{}{}{}  [{:?}: {}]",
            format!("\"{}\"", &args.text[m.start..m.end]),
            m.code,
            m.sector,
            name,
            role,
            rank,
            m.kind,
            m.rule
        );
        if line.is_err() {
            return finish(line);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A closed stdout (`attache actors ... | head`) ends the command quietly; other errors fail it.
fn finish(written: std::io::Result<()>) -> Result<ExitCode> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

use crate::cli::ActorsArgs;
use anyhow::Result;
use attache_coder::actors::ActorCoder;
use std::process::ExitCode;

/// Prints each actor found, its coding, and the rule or dictionary entry that produced it.
pub fn run(args: ActorsArgs) -> Result<ExitCode> {
    let mentions = ActorCoder::embedded().explain(&args.text, args.date);
    if mentions.is_empty() {
        println!("no actors found");
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
        println!(
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
    }
    Ok(ExitCode::SUCCESS)
}

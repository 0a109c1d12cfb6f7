//! One module per command; each returns the process exit status.

mod actors;
mod code;
mod demo;
mod dyad;
mod engagement;
mod eval;
mod eval_syntax;
mod events;
mod export;
mod ingest;
mod milestones;
mod serve;
mod store_access;
mod train;

use crate::cli::{Cli, Command};
use anyhow::Result;
use attache_ingest::ReadError;
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode> {
    if matches!(cli.command, Command::Code(_) | Command::Ingest(_)) {
        // Values dropped from an article that is still coded (an impossible date): said, but
        // not a failure of the input.
        attache_ingest::set_warning_sink(|w| eprintln!("attache: warning: {w}"));
    }
    match cli.command {
        Command::Code(args) => code::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Events(args) => events::run(args),
        Command::Dyad(args) => dyad::run(args),
        Command::Engagement(args) => engagement::run(args),
        Command::Milestones(args) => milestones::run(args),
        Command::Export(args) => export::run(args),
        Command::Actors(args) => actors::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Train(args) => train::run(args),
    }
}

/// Reports a failed input on stderr; the batch goes on.
fn report(err: &ReadError) {
    eprintln!("attache: skipped {err}");
}

/// 1 when any input failed, so that scripts can tell a partial run from a clean one.
fn exit_status(failures: usize) -> ExitCode {
    if failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

//! `attache`: the command line. It turns flags into calls of the pipeline crates and holds no
//! pipeline logic of its own.

mod cli;
mod commands;
mod output;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(status) => status,
        Err(err) => {
            if output::is_broken_pipe(&err) {
                // A downstream `head` closed the pipe: what it wanted, it got.
                return ExitCode::SUCCESS;
            }
            eprintln!("attache: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

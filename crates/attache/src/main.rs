//! `attache`: the command line. It turns flags into calls of the pipeline crates and holds no
//! pipeline logic of its own.

mod alloc;
mod cli;
mod commands;
mod output;

use clap::Parser;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: alloc::Split = alloc::Split;

/// SQLite allocates its page cache with the C library's malloc, which glibc hands back to the
/// kernel whenever the top of the heap is free and then faults in again, page by page: 150,000
/// page faults for 2,000 ingested articles. A high trim threshold keeps those pages.
fn keep_freed_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a glibc tuning parameter; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 512 << 20);
    }
}

fn main() -> ExitCode {
    keep_freed_heap();
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

//! `attache serve`: the JSON API and dashboard of attache-server over an existing store.

use super::code::code;
use super::store_access::open_existing;
use crate::cli::ServeArgs;
use anyhow::{Context, Result};
use attache_server::Config;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    // Refuses a missing database (and checks it opens) before listening.
    drop(open_existing(&args.db)?);
    let token = args.token.filter(|t| !t.is_empty());
    serve(&args.db.db, args.addr, token)
}

/// Serves `db` on `addr` until the process is stopped; prints the URL once listening.
pub fn serve(db: &Path, addr: SocketAddr, token: Option<String>) -> Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    let writable = token.is_some();
    let config = Config::new(db.to_path_buf(), token, Arc::new(code));
    runtime.block_on(async move {
        let listener = attache_server::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        println!(
            "attache: serving {} on http://{local}/ (API: http://{local}/openapi.json; {}). \
             Ctrl-C stops.",
            db.display(),
            if writable {
                "POST /api/articles enabled with the token"
            } else {
                "read-only"
            }
        );
        attache_server::serve(listener, config)
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}

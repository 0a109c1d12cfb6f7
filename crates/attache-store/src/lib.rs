//! The event store: SQLite (bundled, WAL) holding articles, the coded mentions of events in
//! them, and the real-world events those mentions cluster into.
//!
//! Ingest is idempotent per article: the content hash of the text decides whether a re-read
//! article is new news (its mentions are replaced) or the same page fetched again (nothing
//! changes), so feeds and crawls can be re-run freely. Copies of stored articles (same hash
//! under another id, or near-duplicate text) count as more sources of the same events.

mod browse;
mod cluster;
mod dedup;
mod domain;
mod engagement;
mod error;
pub mod export;
mod milestones;
mod query;
mod record;
mod schema;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use attache_coder::Event;
use attache_ingest::Article;
use rusqlite::Connection;

pub use browse::{ActorRow, ArticleHit, ArticleRecord, EventMention, Stats};
pub use cluster::dyad_key;
pub use dedup::NEAR_DUPLICATE_JACCARD;
pub use domain::domain_of;
pub use engagement::{Contact, Engagement};
pub use error::StoreError;
pub use milestones::{Milestone, MilestoneQuery, Verdict};
pub use query::{Counts, EventFilter, MentionFilter};
pub use record::{level, EventRecord};
pub use write::IngestOutcome;

/// How long a writer waits for another process's lock before giving up: long enough for a
/// concurrent ingest of one article to finish, short enough that a stuck lock is reported.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open event store. One per thread; SQLite's WAL lets other processes read meanwhile.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The articles written in the open batch, to write again if a later one fails.
    batch_log: Option<Vec<(Article, Vec<Event>)>>,
    /// Articles of the open batch not yet in the full-text index (added at commit).
    fts_pending: Vec<String>,
}

impl Store {
    /// Opens the store at `path`, creating the file and schema on first use.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // journal_mode answers with the mode actually in force; anything but WAL (an in-memory
        // or read-only file) would silently lose concurrent readers, so it is an error.
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(open_err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NotWal {
                path: path.to_path_buf(),
                mode,
            });
        }
        // In WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut may lose
        // the last articles, never corrupt the file, and ingest (one transaction per
        // article, so that it can resume) is several times faster.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        // Checkpoint every ~40 MB of WAL instead of 4 MB: ingest rewrites the same index pages
        // article after article, and each checkpoint copies them back and syncs. Measured
        // (benches/ingest.rs): about 10% fewer CPU-seconds per article.
        conn.pragma_update(None, "wal_autocheckpoint", 10000)
            .map_err(open_err)?;
        // A 32 MiB page cache (SQLite's default is 2 MiB) keeps ingest's index pages in memory
        // instead of re-reading them from the file at each article.
        conn.pragma_update(None, "cache_size", -32768)
            .map_err(open_err)?;
        // Off by default in SQLite, per connection: without it ON DELETE CASCADE does nothing.
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(open_err)?;
        // Ingest runs some twenty distinct statements per article; with rusqlite's default
        // cache of 16 they evicted each other and re-preparing them took a third of the time.
        conn.set_prepared_statement_cache_capacity(64);
        // The bundled SQLite has STAT4, which re-prepares a statement whenever a new value is
        // bound to a parameter its plan might depend on; measured, that was every ingest
        // statement at every use, a third of ingest time. Our queries are planned for indexed
        // lookups whatever the values, so the stable plan is the right one anyway.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map_err(open_err)?;
        schema::migrate(&mut conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            batch_log: None,
            fts_pending: Vec::new(),
        })
    }

    /// The database file this store was opened on.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file (equal to the latest this build knows, once opened).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|source| self.sql_err(source))
    }

    fn sql_err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    fn json_err(&self, source: serde_json::Error) -> StoreError {
        StoreError::Json {
            path: self.path.clone(),
            source,
        }
    }
}

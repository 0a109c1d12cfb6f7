//! Schema and its migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. A migration is only ever
//! appended to [`MIGRATIONS`], never edited once released: stores in the field were built by the
//! old text, so changing it would leave them and fresh stores with different schemas.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// Migration `i` (0-based) brings the schema from version `i` to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // v1: articles and the events coded from them. Table names are plural nouns so that later
    // versions (mentions, event clusters, actors, an FTS5 index over article text) sit beside them
    // without renames. The event columns are a query projection of `json`, which stays the
    // source of truth so a round trip is lossless even for fields no column holds yet.
    r#"
    CREATE TABLE articles (
        id            TEXT PRIMARY KEY NOT NULL,
        url           TEXT,
        source        TEXT,
        published     TEXT,            -- YYYY-MM-DD
        title         TEXT,
        text          TEXT NOT NULL,
        boilerplate   TEXT NOT NULL,   -- JSON [[start, end], ...]: needed to re-code `text`
        content_hash  TEXT NOT NULL,   -- hex SHA-256 of `text`
        ingested_at   TEXT NOT NULL    -- UTC, ISO 8601
    );

    CREATE TABLE events (
        id              INTEGER PRIMARY KEY,
        article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_start  INTEGER NOT NULL,
        sentence_end    INTEGER NOT NULL,
        source_code     TEXT,
        source_sector   TEXT,
        target_code     TEXT,
        target_sector   TEXT,
        cameo           TEXT NOT NULL,
        plover          TEXT NOT NULL,
        quad_class      INTEGER NOT NULL,
        goldstein       REAL NOT NULL,
        modality        TEXT NOT NULL,
        background      INTEGER NOT NULL,
        date            TEXT,
        date_precision  TEXT NOT NULL,
        date_end        TEXT,
        location        TEXT NOT NULL,
        location_code   TEXT NOT NULL,
        json            TEXT NOT NULL
    );

    -- Replacing an article deletes its events, and the cascade needs this too.
    CREATE INDEX events_article ON events(article_id, sentence_start);
    CREATE INDEX events_dyad ON events(source_code, target_code);
    -- The actor filter matches either side; without this the target half is a full scan.
    CREATE INDEX events_target ON events(target_code);
    CREATE INDEX events_plover ON events(plover);
    CREATE INDEX events_date ON events(date);
    "#,
];

/// The schema version this build writes and understands.
pub(crate) fn latest_version() -> i64 {
    // The list is a handful of entries; it cannot overflow an i64.
    MIGRATIONS.len() as i64
}

/// Brings the schema up to [`latest_version`], all pending steps in one transaction.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let sql = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    // IMMEDIATE takes the write lock before reading the version, so two processes opening a
    // fresh file at once cannot both decide to run migration 1.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(sql)?;
    let found: i64 = tx
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sql)?;
    let supported = latest_version();
    if found > supported {
        return Err(StoreError::FutureSchema {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    for (done, script) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        tx.execute_batch(script).map_err(sql)?;
        // user_version lives in the file header, which is part of the transaction: a failed
        // later step rolls the number back together with the tables.
        tx.pragma_update(None, "user_version", done as i64 + 1)
            .map_err(sql)?;
    }
    tx.commit().map_err(sql)
}

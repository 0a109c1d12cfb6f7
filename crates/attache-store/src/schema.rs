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
    // v2: the analyst's database. The v1 `events` rows were each one coded event in one
    // sentence, so they become `mentions` (renamed, data kept) and `events` is now the
    // real-world event: a cluster of mentions from any number of articles. Cluster links of
    // migrated rows are filled by the Rust backfill that runs right after this script.
    r#"
    ALTER TABLE articles ADD COLUMN domain TEXT;          -- host of url, "www." dropped
    -- Set when the article is a copy (same hash or near-duplicate text) of another article:
    -- it then contributes its source to that article's events and has no mentions itself.
    ALTER TABLE articles ADD COLUMN duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL;
    -- 'exact' or 'near' with the measured Jaccard similarity, for the user who asks why.
    ALTER TABLE articles ADD COLUMN duplicate_kind TEXT;
    ALTER TABLE articles ADD COLUMN similarity REAL;
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

    DROP INDEX events_article;
    DROP INDEX events_dyad;
    DROP INDEX events_target;
    DROP INDEX events_plover;
    DROP INDEX events_date;
    ALTER TABLE events RENAME TO mentions;
    ALTER TABLE mentions ADD COLUMN event_id INTEGER REFERENCES events(id) ON DELETE SET NULL;
    ALTER TABLE mentions ADD COLUMN joint INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE mentions ADD COLUMN source_rank INTEGER;
    ALTER TABLE mentions ADD COLUMN target_rank INTEGER;
    ALTER TABLE mentions ADD COLUMN milestone TEXT;
    ALTER TABLE mentions ADD COLUMN milestone_since TEXT;
    UPDATE mentions SET
        joint = coalesce(json_extract(json, '$.joint'), 0),
        source_rank = json_extract(json, '$.source.rank'),
        target_rank = json_extract(json, '$.target.rank'),
        milestone = json_extract(json, '$.milestone'),
        milestone_since = json_extract(json, '$.milestone_since');
    CREATE INDEX mentions_article ON mentions(article_id, sentence_start);
    CREATE INDEX mentions_event ON mentions(event_id);

    -- One real-world event. Its fields summarise its mentions and are recomputed whenever a
    -- mention joins or leaves, so they are never stale and an event never has zero mentions.
    CREATE TABLE events (
        id              INTEGER PRIMARY KEY,
        plover          TEXT NOT NULL,
        cameo           TEXT NOT NULL,     -- the most reported CAMEO code among the mentions
        source_code     TEXT,              -- as the earliest mention has them
        target_code     TEXT,
        dyad            TEXT NOT NULL,     -- "SRC>TGT", or "A=B" (sorted) when undirected
        source_rank     INTEGER,           -- highest rank any mention gives each side
        target_rank     INTEGER,
        quad_class      INTEGER NOT NULL,
        goldstein       REAL NOT NULL,
        modality        TEXT NOT NULL,     -- asserted when any mention asserts it
        background      INTEGER NOT NULL,  -- 1 when every mention is background
        date            TEXT,              -- the most precise date of the mentions
        date_precision  TEXT NOT NULL,
        date_end        TEXT,
        location        TEXT NOT NULL,
        location_code   TEXT NOT NULL,
        num_mentions    INTEGER NOT NULL,
        num_articles    INTEGER NOT NULL,
        num_sources     INTEGER NOT NULL,
        first_seen      TEXT,              -- publication dates of the reporting articles
        last_seen       TEXT
    );
    CREATE INDEX events_key ON events(plover, dyad);
    CREATE INDEX events_source ON events(source_code);
    CREATE INDEX events_target ON events(target_code);
    CREATE INDEX events_date ON events(date);

    -- Actors as the articles name them, with the span of time they were seen in: a view, so
    -- it can never disagree with the mentions it summarises.
    CREATE VIEW actors AS
    WITH sides AS (
        SELECT json_extract(m.json, '$.source') AS a, m.date AS date, a.published AS published
        FROM mentions m JOIN articles a ON a.id = m.article_id
        UNION ALL
        SELECT json_extract(m.json, '$.target'), m.date, a.published
        FROM mentions m JOIN articles a ON a.id = m.article_id
    )
    SELECT json_extract(a, '$.code') AS code,
           coalesce(json_extract(a, '$.sector'), '') AS sector,
           json_extract(a, '$.name') AS name,
           json_extract(a, '$.role') AS role,
           max(json_extract(a, '$.rank')) AS rank,
           min(coalesce(date, published)) AS first_seen,
           max(coalesce(date, published)) AS last_seen,
           count(*) AS mentions
    FROM sides WHERE a IS NOT NULL
    GROUP BY 1, 2, 3, 4;

    -- Near-duplicate index: MinHash signature bands (see dedup.rs). Articles sharing a band
    -- are candidates, checked with the exact Jaccard similarity of their shingles.
    CREATE TABLE article_bands (
        band        INTEGER NOT NULL,
        hash        INTEGER NOT NULL,
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band, hash, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_bands_article ON article_bands(article_id);

    -- Full-text search over title and text. A table of its own rather than external content:
    -- `articles` has a text key, and its implicit rowids may change on VACUUM.
    CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text);
    INSERT INTO articles_fts (article_id, title, text)
        SELECT id, coalesce(title, ''), text FROM articles;
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (article_id, title, text)
            VALUES (new.id, coalesce(new.title, ''), new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
        INSERT INTO articles_fts (article_id, title, text)
            VALUES (new.id, coalesce(new.title, ''), new.text);
    END;
    "#,
    // v3: clustering looks an event up by type, dyad and date; with the date in the key a
    // lookup reads the few events of compatible dates instead of every event of the dyad
    // (thousands for CONSULT between two powers in a large store).
    r#"
    DROP INDEX events_key;
    CREATE INDEX events_key ON events(plover, dyad, date);
    "#,
    // v4: new articles are added to `articles_fts` by the store itself (batched at commit),
    // not by a trigger per article: FTS5 writes a segment at every statement that changes it
    // inside a transaction. Updates and deletes keep their triggers.
    r#"
    DROP TRIGGER articles_fts_insert;
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
        // Data a script cannot compute in SQL (cluster links, dedup signatures) is filled in
        // by Rust within the same transaction, so a store is never left half-migrated.
        if done == 1 {
            crate::write::backfill_v2(&tx).map_err(sql)?;
        }
        // user_version lives in the file header, which is part of the transaction: a failed
        // later step rolls the number back together with the tables.
        tx.pragma_update(None, "user_version", done as i64 + 1)
            .map_err(sql)?;
    }
    tx.commit().map_err(sql)
}

//! Ingest: one article, its dedup decision, its mentions and their events, in one transaction.

use std::collections::BTreeSet;
use std::ops::Deref;

use attache_coder::{DatePrecision, Event, Modality};
use attache_ingest::Article;
use rusqlite::{
    params, Connection, OptionalExtension, Savepoint, Transaction, TransactionBehavior,
};
use sha2::{Digest, Sha256};

use crate::cluster::{self, MentionKey};
use crate::dedup;
use crate::domain::domain_of;
use crate::{Store, StoreError};

/// What [`Store::ingest`] did with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The article id was new.
    Added,
    /// The id was known with the same text: the store is untouched.
    Unchanged,
    /// The id was known with different text (an updated story): its old mentions were dropped.
    Replaced,
    /// The text repeats a stored article (same hash, or a near-duplicate): the article is kept
    /// and counted as one more source of that article's events, but adds no mention or event.
    Duplicate,
}

impl Store {
    /// Whether `article` is stored under its id with the same text, so that [`Store::ingest`]
    /// would leave the store untouched: a read only, which lets a resumed ingest skip coding
    /// the articles it already has. Deciding "unchanged" from this read is as sound as the
    /// check inside `ingest`, since an unchanged article writes nothing either way.
    pub fn is_unchanged(&self, article: &Article) -> Result<bool, StoreError> {
        let stored: Option<String> = self
            .conn
            .prepare_cached("SELECT content_hash FROM articles WHERE id = ?1")
            .and_then(|mut stmt| stmt.query_row([&article.id], |row| row.get(0)))
            .optional()
            .map_err(|e| self.sql_err(e))?;
        Ok(stored.is_some_and(|h| h == content_hash(&article.text)))
    }

    /// Stores `article` and `events` atomically: on any error nothing of it is written.
    ///
    /// An unchanged text keeps the stored mentions even if `events` differ, since the same text
    /// coded by the same coder gives the same events, and skipping makes re-runs cheap (and an
    /// interrupted ingest resumable: every finished article is skipped on the next run).
    pub fn ingest(
        &mut self,
        article: &Article,
        events: &[Event],
    ) -> Result<IngestOutcome, StoreError> {
        // Inside a batch, articles are written without a savepoint each (a savepoint costs a
        // statement journal and an FTS flush per article, a tenth of ingest's CPU time): they
        // are logged instead, and when one fails the batch is rolled back and the logged ones
        // are written again, each in a savepoint, so that the failed article alone is missing.
        if self.batch_log.is_none() {
            return self.write_article(article, events, true);
        }
        match self.write_article(article, events, false) {
            Ok(outcome) => {
                if let Some(log) = self.batch_log.as_mut() {
                    log.push((article.clone(), events.to_vec()));
                }
                Ok(outcome)
            }
            Err(err) => {
                self.replay_batch()?;
                Err(err)
            }
        }
    }

    /// Rolls the open batch back and writes its logged articles again, each all or nothing.
    fn replay_batch(&mut self) -> Result<(), StoreError> {
        let logged = self.batch_log.take().unwrap_or_default();
        self.fts_pending.clear();
        if !self.conn.is_autocommit() {
            self.conn
                .execute_batch("ROLLBACK")
                .map_err(|e| self.sql_err(e))?;
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.sql_err(e))?;
        // Every logged article is written again even if one of them now fails (each in its
        // savepoint), so that one failure cannot silently drop the articles after it.
        let mut replayed = Vec::with_capacity(logged.len());
        let mut first_error = None;
        for (article, events) in logged {
            match self.write_article(&article, &events, true) {
                Ok(_) => replayed.push((article, events)),
                Err(err) => {
                    first_error.get_or_insert(err);
                }
            }
        }
        self.batch_log = Some(replayed);
        first_error.map_or(Ok(()), Err)
    }

    /// Writes one article: in its own transaction, or inside the open batch in a savepoint
    /// (`guarded`) or directly.
    fn write_article(
        &mut self,
        article: &Article,
        events: &[Event],
        guarded: bool,
    ) -> Result<IngestOutcome, StoreError> {
        // Checked before anything is written: a mismatch is a caller bug, not a storage failure.
        if let Some(stray) = events.iter().find(|e| e.article != article.id) {
            return Err(StoreError::ArticleMismatch {
                path: self.path.clone(),
                article: article.id.clone(),
                event_article: stray.article.clone(),
            });
        }
        let hash = content_hash(&article.text);
        let boilerplate: Vec<[usize; 2]> = article
            .boilerplate
            .iter()
            .map(|r| [r.start, r.end])
            .collect();
        let boilerplate = serde_json::to_string(&boilerplate).map_err(|e| self.json_err(e))?;
        let rows = events
            .iter()
            .map(|e| serde_json::to_string(e).map(|json| (e, json)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.json_err(e))?;

        let path = self.path.clone();
        let sql = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = Unit::begin(&mut self.conn, guarded).map_err(sql)?;
        let stored: Option<(String, Option<String>)> = tx
            .prepare_cached("SELECT content_hash, duplicate_of FROM articles WHERE id = ?1")
            .and_then(|mut stmt| {
                stmt.query_row([&article.id], |row| Ok((row.get(0)?, row.get(1)?)))
            })
            .optional()
            .map_err(sql)?;
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        let mut outcome = match &stored {
            Some((old, _)) if *old == hash => return Ok(IngestOutcome::Unchanged),
            Some(_) => IngestOutcome::Replaced,
            None => IngestOutcome::Added,
        };
        let domain = article
            .url
            .as_deref()
            .and_then(domain_of)
            .or_else(|| article.source.as_ref().map(|s| s.trim().to_lowercase()));
        let published = article.published.map(|d| d.format("%Y-%m-%d").to_string());
        let article_params = params![
            article.id,
            article.url,
            article.source,
            published,
            article.title,
            article.text,
            boilerplate,
            hash,
            domain,
        ];
        if let Some((_, was_duplicate_of)) = &stored {
            // Detach the old version: the events it reported (or, for a copy, the events of its
            // original, which counted it as a source) are recomputed below.
            touched.extend(cluster::events_of_article(&tx, &article.id).map_err(sql)?);
            if let Some(original) = was_duplicate_of {
                touched.extend(cluster::events_of_article(&tx, original).map_err(sql)?);
            }
            tx.execute("DELETE FROM mentions WHERE article_id = ?1", [&article.id])
                .map_err(sql)?;
            tx.execute(
                "DELETE FROM article_bands WHERE article_id = ?1",
                [&article.id],
            )
            .map_err(sql)?;
            tx.execute(
                "UPDATE articles SET url = ?2, source = ?3, published = ?4, title = ?5, \
                 text = ?6, boilerplate = ?7, content_hash = ?8, domain = ?9, \
                 duplicate_of = NULL, duplicate_kind = NULL, similarity = NULL, \
                 ingested_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                article_params,
            )
            .map_err(sql)?;
            // The update trigger indexed the new text: a row still pending from earlier in
            // the batch would index it twice.
            self.fts_pending.retain(|id| *id != article.id);
        } else {
            tx.prepare_cached(
                "INSERT INTO articles (id, url, source, published, title, text, boilerplate, \
                 content_hash, domain, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            )
            .and_then(|mut stmt| stmt.execute(article_params))
            .map_err(sql)?;
            // FTS5 flushes its pending terms at every statement that writes it inside a
            // transaction; in a batch the new articles are indexed together at commit.
            if tx.is_direct() {
                self.fts_pending.push(article.id.clone());
            } else {
                tx.prepare_cached(
                    "INSERT INTO articles_fts (article_id, title, text) VALUES (?1, ?2, ?3)",
                )
                .and_then(|mut stmt| {
                    stmt.execute(params![
                        article.id,
                        article.title.as_deref().unwrap_or(""),
                        article.text
                    ])
                })
                .map_err(sql)?;
            }
        }

        let shingles = dedup::shingles(&article.text);
        let bands = dedup::bands(&shingles);
        let found =
            dedup::find_duplicate(&tx, &article.id, &hash, &shingles, &bands).map_err(sql)?;
        // A copy may arrive before the article it copies. The original of a group is the one
        // published first, whatever the order of ingest, so that both orders end in the same
        // store: when the new article is older than the stored original, it takes its place
        // and the stored one becomes its copy.
        let found = match found {
            Some(dup) if precedes(&tx, published.as_deref(), &dup.of).map_err(sql)? => {
                touched.extend(cluster::events_of_article(&tx, &dup.of).map_err(sql)?);
                demote(&tx, &dup.of, &article.id, dup.kind, dup.similarity).map_err(sql)?;
                None
            }
            other => other,
        };
        match found {
            Some(dup) => {
                tx.execute(
                    "UPDATE articles SET duplicate_of = ?2, duplicate_kind = ?3, similarity = ?4 \
                     WHERE id = ?1",
                    params![article.id, dup.of, dup.kind, dup.similarity],
                )
                .map_err(sql)?;
                touched.extend(cluster::events_of_article(&tx, &dup.of).map_err(sql)?);
                outcome = IngestOutcome::Duplicate;
            }
            None => {
                dedup::index_bands(&tx, &article.id, &bands).map_err(sql)?;
                for (event, json) in &rows {
                    let key = mention_key(&article.id, event);
                    let id = cluster::assign(&tx, &key).map_err(sql)?;
                    insert_mention(&tx, &article.id, event, json, id).map_err(sql)?;
                    touched.insert(id);
                }
            }
        }
        if stored.is_some() {
            let root: Option<String> = tx
                .prepare_cached("SELECT duplicate_of FROM articles WHERE id = ?1")
                .and_then(|mut stmt| stmt.query_row([&article.id], |row| row.get(0)))
                .map_err(sql)?;
            release_stale_copies(&tx, &article.id, root.as_deref(), &hash, &shingles)
                .map_err(sql)?;
        }
        for event in touched {
            cluster::refresh(&tx, event).map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(outcome)
    }
}

/// One article's writes: its own transaction, a savepoint inside a batch, or directly in the
/// batch (whose caller rolls it all back on failure).
enum Unit<'a> {
    Own(Transaction<'a>),
    InBatch(Savepoint<'a>),
    Direct(&'a Connection),
}

impl<'a> Unit<'a> {
    fn begin(conn: &'a mut Connection, guarded: bool) -> rusqlite::Result<Unit<'a>> {
        if !guarded && !conn.is_autocommit() {
            return Ok(Unit::Direct(conn));
        }
        if conn.is_autocommit() {
            // IMMEDIATE: the hash check and the write must see the same state even when
            // another process ingests the same article at the same moment. (A batch is begun
            // IMMEDIATE too, so it holds the write lock from its start.)
            conn.transaction_with_behavior(TransactionBehavior::Immediate)
                .map(Unit::Own)
        } else {
            conn.savepoint().map(Unit::InBatch)
        }
    }

    /// Whether the writes go straight into the open batch.
    fn is_direct(&self) -> bool {
        matches!(self, Unit::Direct(_))
    }

    fn commit(self) -> rusqlite::Result<()> {
        match self {
            Unit::Own(tx) => tx.commit(),
            Unit::InBatch(sp) => sp.commit(),
            Unit::Direct(_) => Ok(()),
        }
    }
}

// Dropped without commit, either one rolls back (rusqlite's default drop behaviour).
impl Deref for Unit<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Unit::Own(tx) => tx,
            Unit::InBatch(sp) => sp,
            Unit::Direct(conn) => conn,
        }
    }
}

impl Store {
    /// Starts a batch: the following [`Store::ingest`] calls share one transaction until
    /// [`Store::commit_batch`], each still all or nothing (a failure rolls the batch back and
    /// writes its earlier articles again), so a failed article leaves nothing of itself and
    /// the articles before it stay. Committing once per batch instead of once per article
    /// writes each index page to the WAL once per batch: ingest then costs less CPU per
    /// article. What a crash loses is the uncommitted batch, whose
    /// articles the next ingest finds missing and stores again. The write lock is held for the
    /// whole batch, so callers keep batches short (in time as well as in articles).
    pub fn begin_batch(&mut self) -> Result<(), StoreError> {
        if self.conn.is_autocommit() {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.sql_err(e))?;
            self.batch_log = Some(Vec::new());
        }
        Ok(())
    }

    /// Commits the batch begun by [`Store::begin_batch`], if any.
    pub fn commit_batch(&mut self) -> Result<(), StoreError> {
        if !self.conn.is_autocommit() {
            self.index_pending_text()?;
            self.conn
                .execute_batch("COMMIT")
                .map_err(|e| self.sql_err(e))?;
        }
        self.batch_log = None;
        self.fts_pending.clear();
        Ok(())
    }

    /// Adds the batch's new articles to the full-text index, in one statement.
    fn index_pending_text(&mut self) -> Result<(), StoreError> {
        if self.fts_pending.is_empty() {
            return Ok(());
        }
        let ids = serde_json::to_string(&self.fts_pending).map_err(|e| self.json_err(e))?;
        self.conn
            .execute(
                "INSERT INTO articles_fts (article_id, title, text) \
                 SELECT id, coalesce(title, ''), text FROM articles \
                 WHERE id IN (SELECT value FROM json_each(?1))",
                [ids],
            )
            .map_err(|e| self.sql_err(e))?;
        self.fts_pending.clear();
        Ok(())
    }

    /// Whether a batch is open.
    pub fn in_batch(&self) -> bool {
        !self.conn.is_autocommit()
    }
}

/// Whether an article published on `published` is older than the stored `other`: then it is
/// the original of the two. On the same day (we keep dates, not times) or with a date missing
/// nothing says which came first, and the stored one stays the original.
fn precedes(tx: &Connection, published: Option<&str>, other: &str) -> rusqlite::Result<bool> {
    let theirs: Option<String> = tx
        .prepare_cached("SELECT published FROM articles WHERE id = ?1")?
        .query_row([other], |row| row.get(0))?;
    Ok(matches!((published, theirs.as_deref()), (Some(a), Some(b)) if a < b))
}

/// Makes the stored original `old` (and its copies) copies of `new`: its mentions are
/// dropped (the caller refreshes their events) and its bands leave the index, which holds
/// originals only.
fn demote(
    tx: &Connection,
    old: &str,
    new: &str,
    kind: &str,
    similarity: f64,
) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM mentions WHERE article_id = ?1", [old])?;
    tx.execute("DELETE FROM article_bands WHERE article_id = ?1", [old])?;
    tx.execute(
        "UPDATE articles SET duplicate_of = ?2 WHERE duplicate_of = ?1",
        params![old, new],
    )?;
    tx.execute(
        "UPDATE articles SET duplicate_of = ?2, duplicate_kind = ?3, similarity = ?4 \
         WHERE id = ?1",
        params![old, new, kind, similarity],
    )?;
    Ok(())
}

/// After `id`'s text changed, its copies are re-judged against the new text. Those that still
/// repeat it stay copies (of `root` when `id` itself is now a copy of another article); the
/// others no longer repeat anything stored, but their events were never coded, so their stored
/// hash is marked stale: the next ingest of their input sees a changed text and codes them.
fn release_stale_copies(
    tx: &Connection,
    id: &str,
    root: Option<&str>,
    hash: &str,
    shingles: &std::collections::HashSet<u64>,
) -> rusqlite::Result<()> {
    let copies: Vec<(String, String, String)> = tx
        .prepare_cached("SELECT id, content_hash, text FROM articles WHERE duplicate_of = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (copy, copy_hash, text) in copies {
        let still = copy_hash == hash
            || dedup::jaccard(shingles, &dedup::shingles(&text)) >= dedup::NEAR_DUPLICATE_JACCARD;
        if still {
            if let Some(root) = root {
                tx.execute(
                    "UPDATE articles SET duplicate_of = ?2 WHERE id = ?1",
                    params![copy, root],
                )?;
            }
        } else {
            tx.execute(
                "UPDATE articles SET duplicate_of = NULL, duplicate_kind = NULL, \
                 similarity = NULL, content_hash = 'stale:' || content_hash WHERE id = ?1",
                [&copy],
            )?;
        }
    }
    Ok(())
}

fn mention_key<'a>(article: &'a str, event: &'a Event) -> MentionKey<'a> {
    let code = |a: &'a Option<attache_coder::ActorRef>| a.as_ref().map_or("", |a| a.code.as_str());
    MentionKey {
        article,
        plover: &event.plover,
        dyad: cluster::dyad_key(
            code(&event.source),
            code(&event.target),
            &event.plover,
            event.joint,
        ),
        date: event.date.as_deref(),
        location_code: &event.location_code,
        background: event.background,
    }
}

fn insert_mention(
    tx: &Connection,
    article_id: &str,
    event: &Event,
    json: &str,
    event_id: i64,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO mentions (article_id, sentence_start, sentence_end, \
         source_code, source_sector, target_code, target_sector, cameo, plover, quad_class, \
         goldstein, modality, background, date, date_precision, date_end, location, \
         location_code, json, joint, source_rank, target_rank, milestone, milestone_since, \
         event_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, \
         ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?
    .execute(params![
        article_id,
        offset(event.span[0])?,
        offset(event.span[1])?,
        event.source.as_ref().map(|a| &a.code),
        event.source.as_ref().map(|a| &a.sector),
        event.target.as_ref().map(|a| &a.code),
        event.target.as_ref().map(|a| &a.sector),
        event.cameo,
        event.plover,
        event.quad_class,
        f64::from(event.goldstein),
        modality_name(event.modality),
        event.background,
        event.date,
        precision_name(event.date_precision),
        event.date_end,
        event.location,
        event.location_code,
        json,
        event.joint,
        event.source.as_ref().and_then(|a| a.rank),
        event.target.as_ref().and_then(|a| a.rank),
        event.milestone,
        event.milestone_since,
        event_id,
    ])?;
    Ok(())
}

/// Completes the v2 migration of a v1 store: source domains, dedup signatures, and an event
/// for every migrated mention, clustered in the order the articles were first ingested.
/// Migrated articles are not re-judged as duplicates: their mentions were already counted
/// by users of the v1 store, and dropping them silently would change answers.
pub(crate) fn backfill_v2(tx: &Connection) -> rusqlite::Result<()> {
    let articles: Vec<(String, Option<String>, String)> = tx
        .prepare("SELECT id, url, text FROM articles ORDER BY ingested_at, rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut touched: BTreeSet<i64> = BTreeSet::new();
    for (id, url, text) in &articles {
        let domain = url.as_deref().and_then(domain_of);
        tx.execute(
            "UPDATE articles SET domain = coalesce(?2, lower(source)) WHERE id = ?1",
            params![id, domain],
        )?;
        dedup::index_bands(tx, id, &dedup::bands(&dedup::shingles(text)))?;
        let mentions: Vec<(i64, String)> = tx
            .prepare_cached("SELECT id, json FROM mentions WHERE article_id = ?1 ORDER BY id")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (mention, json) in mentions {
            let event: Event = serde_json::from_str(&json).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
            let event = cluster::assign(tx, &mention_key(id, &event))?;
            cluster::link(tx, mention, event)?;
            touched.insert(event);
        }
    }
    for event in touched {
        cluster::refresh(tx, event)?;
    }
    Ok(())
}

// rusqlite stores integers as i64; an offset past that is impossible for real text but is
// reported rather than wrapped.
fn offset(n: usize) -> rusqlite::Result<i64> {
    i64::try_from(n).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// Hex SHA-256 of an article's text: the identity of its content.
pub(crate) fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

// Spelled as in the JSON output contract, so SQL filters and JSONL agree on the words.
fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Planned => "planned",
    }
}

fn precision_name(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
        DatePrecision::Unknown => "unknown",
    }
}

//! Ingest: one article and its events, written in one transaction.

use attache_coder::{DatePrecision, Event, Modality};
use attache_ingest::Article;
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::{Store, StoreError};

/// What [`Store::ingest`] did with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The article id was new.
    Added,
    /// The id was known with the same text: the store is untouched.
    Unchanged,
    /// The id was known with different text (an updated story): its old events were dropped.
    Replaced,
}

impl Store {
    /// Stores `article` and `events` atomically: on any error nothing of it is written.
    ///
    /// An unchanged text keeps the stored events even if `events` differ, since the same text
    /// coded by the same coder gives the same events, and skipping makes re-runs cheap.
    pub fn ingest(
        &mut self,
        article: &Article,
        events: &[Event],
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
        // IMMEDIATE: the hash check and the write must see the same state even when another
        // process ingests the same article at the same moment.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let stored: Option<String> = tx
            .query_row(
                "SELECT content_hash FROM articles WHERE id = ?1",
                [&article.id],
                |row| row.get(0),
            )
            .optional()
            .map_err(sql)?;
        let outcome = match stored {
            Some(old) if old == hash => return Ok(IngestOutcome::Unchanged),
            Some(_) => IngestOutcome::Replaced,
            None => IngestOutcome::Added,
        };
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
        ];
        if outcome == IngestOutcome::Replaced {
            // Deleted explicitly rather than by deleting the article row, so that rows later
            // versions hang off an article (mentions, cluster links) are not cascaded away.
            tx.execute("DELETE FROM events WHERE article_id = ?1", [&article.id])
                .map_err(sql)?;
            tx.execute(
                "UPDATE articles SET url = ?2, source = ?3, published = ?4, title = ?5, \
                 text = ?6, boilerplate = ?7, content_hash = ?8, \
                 ingested_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                article_params,
            )
            .map_err(sql)?;
        } else {
            tx.execute(
                "INSERT INTO articles \
                 (id, url, source, published, title, text, boilerplate, content_hash, ingested_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                article_params,
            )
            .map_err(sql)?;
        }
        insert_events(&tx, &article.id, &rows).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(outcome)
    }
}

fn insert_events(
    tx: &Transaction<'_>,
    article_id: &str,
    rows: &[(&Event, String)],
) -> rusqlite::Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO events (article_id, sentence_start, sentence_end, \
         source_code, source_sector, target_code, target_sector, cameo, plover, quad_class, \
         goldstein, modality, background, date, date_precision, date_end, location, \
         location_code, json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
         ?18, ?19)",
    )?;
    for (event, json) in rows {
        insert.execute(params![
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
        ])?;
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

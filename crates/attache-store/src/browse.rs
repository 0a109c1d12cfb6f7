//! Reads for browsing one item at a time (an event with its mentions, an article with its
//! text), full-text article search with snippets, the actors list and store statistics. Used by
//! the HTTP API; every value from the user is a bound parameter.

use std::collections::BTreeMap;

use attache_coder::Event;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::query::fts_query;
use crate::record::{self, EventRecord};
use crate::EventFilter;
use crate::{Store, StoreError};

/// A stored article with its full text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRecord {
    pub id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub domain: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// The article this one is a copy of, when it is one (its events are that article's).
    pub duplicate_of: Option<String>,
}

/// One mention of an event: the coded event as its article reports it (sentence, sentence
/// span and actor spans are byte offsets into the article text) with the article's title
/// and URL.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventMention {
    pub article_title: Option<String>,
    pub article_url: Option<String>,
    #[serde(flatten)]
    pub mention: Event,
}

/// An article matching a full-text search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleHit {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// Text around the matches, each match between U+0002 and U+0003, gaps marked "…".
    pub snippet: String,
}

/// One row of the `actors` view: an actor as the articles name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorRow {
    pub code: Option<String>,
    pub sector: String,
    pub name: Option<String>,
    pub role: Option<String>,
    pub rank: Option<i64>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub mentions: u64,
}

/// Sizes and spread of the store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub articles: u64,
    pub duplicates: u64,
    pub mentions: u64,
    pub events: u64,
    pub background_events: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub by_plover: BTreeMap<String, u64>,
    pub by_quad_class: BTreeMap<String, u64>,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Store {
    /// One page of [`Store::events`] (same filter, same order; `filter.limit` ignored) and the
    /// number of events the filter matches, counted and sliced in SQL.
    pub fn events_page(
        &self,
        filter: &EventFilter,
        limit: usize,
        offset: usize,
    ) -> Result<(u64, Vec<EventRecord>), StoreError> {
        let (clauses, values) = Self::event_clauses(filter);
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        let total: i64 = self
            .conn
            .query_row(
                &format!("SELECT count(*) FROM events e{filter_sql}"),
                rusqlite::params_from_iter(values.iter()),
                |row| row.get(0),
            )
            .map_err(|e| self.sql_err(e))?;
        let sql = format!(
            "SELECT {} FROM events e{filter_sql} ORDER BY e.date IS NULL, e.date, e.id \
             LIMIT ? OFFSET ?",
            record::COLUMNS
        );
        let mut values = values;
        values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        values.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), record::from_row)
            .map_err(|e| self.sql_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e))?;
        Ok((count(total), rows))
    }

    /// The event with this id, if there is one.
    pub fn event(&self, id: i64) -> Result<Option<EventRecord>, StoreError> {
        let sql = format!("SELECT {} FROM events e WHERE e.id = ?", record::COLUMNS);
        self.conn
            .query_row(&sql, params![id], record::from_row)
            .optional()
            .map_err(|e| self.sql_err(e))
    }

    /// Every mention of the event, in the mention order of `record::COLUMNS` (news first).
    pub fn event_mentions(&self, id: i64) -> Result<Vec<EventMention>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT m.json, a.title, a.url FROM mentions m \
                 JOIN articles a ON a.id = m.article_id \
                 WHERE m.event_id = ? ORDER BY m.background, a.published IS NULL, a.published, m.article_id, m.sentence_start, m.id",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map(params![id], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, Option<String>>(2)?,
                ))
            })
            .map_err(|e| self.sql_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e))?;
        rows.into_iter()
            .map(|(json, article_title, article_url)| {
                let mention = serde_json::from_str(&json).map_err(|e| self.json_err(e))?;
                Ok(EventMention {
                    article_title,
                    article_url,
                    mention,
                })
            })
            .collect()
    }

    /// The article with this id, text included.
    pub fn article(&self, id: &str) -> Result<Option<ArticleRecord>, StoreError> {
        self.conn
            .query_row(
                "SELECT id, url, source, domain, published, title, text, duplicate_of \
                 FROM articles WHERE id = ?",
                params![id],
                |row| {
                    Ok(ArticleRecord {
                        id: row.get(0)?,
                        url: row.get(1)?,
                        source: row.get(2)?,
                        domain: row.get(3)?,
                        published: row.get(4)?,
                        title: row.get(5)?,
                        text: row.get(6)?,
                        duplicate_of: row.get(7)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.sql_err(e))
    }

    /// Event ids of the mentions of an article, in the order of [`Store::mentions`] for it
    /// (sentence, then id), so that the two can be zipped.
    pub fn article_mention_events(&self, id: &str) -> Result<Vec<Option<i64>>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT event_id FROM mentions WHERE article_id = ? \
                 ORDER BY date IS NULL, date, article_id, sentence_start, id",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map(params![id], |row| row.get(0))
            .map_err(|e| self.sql_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e));
        rows
    }

    /// Articles whose title or text contain all the words of `text` (each a token, as for
    /// [`crate::EventFilter::search`]), best match first, with the total number of matches.
    pub fn search_articles(
        &self,
        text: &str,
        limit: usize,
        offset: usize,
    ) -> Result<(u64, Vec<ArticleHit>), StoreError> {
        let Some(query) = fts_query(text) else {
            return Ok((0, Vec::new()));
        };
        let total: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                params![query],
                |row| row.get(0),
            )
            .map_err(|e| self.sql_err(e))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT f.article_id, a.title, a.url, a.published, \
                    snippet(articles_fts, 2, char(2), char(3), '…', 16) \
                 FROM articles_fts f JOIN articles a ON a.id = f.article_id \
                 WHERE articles_fts MATCH ? ORDER BY rank, f.article_id LIMIT ? OFFSET ?",
            )
            .map_err(|e| self.sql_err(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let hits = stmt
            .query_map(params![query, limit, offset], |row| {
                Ok(ArticleHit {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    url: row.get(2)?,
                    published: row.get(3)?,
                    snippet: row.get(4)?,
                })
            })
            .map_err(|e| self.sql_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e))?;
        Ok((count(total), hits))
    }

    /// Rows of the `actors` view, most mentioned first.
    pub fn actors(&self) -> Result<Vec<ActorRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT code, sector, name, role, rank, first_seen, last_seen, mentions \
                 FROM actors ORDER BY mentions DESC, code, sector, name, role",
            )
            .map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok(ActorRow {
                    code: row.get(0)?,
                    sector: row.get(1)?,
                    name: row.get(2)?,
                    role: row.get(3)?,
                    rank: row.get(4)?,
                    first_seen: row.get(5)?,
                    last_seen: row.get(6)?,
                    mentions: count(row.get(7)?),
                })
            })
            .map_err(|e| self.sql_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e));
        rows
    }

    /// Counts, the span of event dates, and events by PLOVER type and QuadClass (news and
    /// background together).
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let counts = self.counts()?;
        let (background, first_date, last_date): (i64, Option<String>, Option<String>) = self
            .conn
            .query_row(
                "SELECT coalesce(sum(background), 0), min(date), max(date) FROM events",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .map_err(|e| self.sql_err(e))?;
        let group = |sql: &str| -> Result<BTreeMap<String, u64>, StoreError> {
            let mut stmt = self.conn.prepare(sql).map_err(|e| self.sql_err(e))?;
            let rows = stmt
                .query_map([], |row| {
                    Ok((row.get::<_, String>(0)?, count(row.get::<_, i64>(1)?)))
                })
                .map_err(|e| self.sql_err(e))?
                .collect::<Result<BTreeMap<_, _>, _>>()
                .map_err(|e| self.sql_err(e));
            rows
        };
        Ok(Stats {
            articles: counts.articles,
            duplicates: counts.duplicates,
            mentions: counts.mentions,
            events: counts.events,
            background_events: count(background),
            first_date,
            last_date,
            by_plover: group("SELECT plover, count(*) FROM events GROUP BY plover")?,
            by_quad_class: group(
                "SELECT CAST(quad_class AS TEXT), count(*) FROM events GROUP BY quad_class",
            )?,
        })
    }
}

//! Reading events back.

use attache_coder::Event;
use rusqlite::types::Value;

use crate::{Store, StoreError};

/// Which events [`Store::events`] returns. The default is every news event (no background).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub article: Option<String>,
    /// Matches the source or the target actor code.
    pub actor: Option<String>,
    pub plover: Option<String>,
    /// Inclusive, compared at the coarser of the bound's and the event's precision: "2025-05"
    /// keeps events dated in or after May 2025, and those dated only "2025", which may be.
    /// Undated events never match a bound.
    pub since: Option<String>,
    /// Inclusive, like `since`: "2025-05" keeps everything up to the end of May 2025.
    pub until: Option<String>,
    pub include_background: bool,
    pub limit: Option<usize>,
}

/// Sizes of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub articles: u64,
    pub events: u64,
}

// Each takes the bound three times. An undated event gives NULL and never matches a bound.
const SINCE: &str =
    "substr(date, 1, min(length(date), length(?))) >= substr(?, 1, min(length(date), length(?)))";
const UNTIL: &str =
    "substr(date, 1, min(length(date), length(?))) <= substr(?, 1, min(length(date), length(?)))";

impl Store {
    /// Events matching `filter`, by date (undated last), then article, then sentence.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(article) = &filter.article {
            clauses.push("article_id = ?");
            values.push(Value::Text(article.clone()));
        }
        if let Some(actor) = &filter.actor {
            clauses.push("(source_code = ? OR target_code = ?)");
            values.push(Value::Text(actor.clone()));
            values.push(Value::Text(actor.clone()));
        }
        if let Some(plover) = &filter.plover {
            clauses.push("plover = ?");
            values.push(Value::Text(plover.clone()));
        }
        // Dates are ISO prefixes of each other ("2025" < "2025-05" < "2025-05-15"). Both sides
        // are cut to the coarser of the two precisions, so a bound compares symmetrically with
        // an event dated "2025" (it overlaps any bound within 2025) and with "2025-05-15".
        for (bound, clause) in [(&filter.since, SINCE), (&filter.until, UNTIL)] {
            if let Some(bound) = bound {
                clauses.push(clause);
                values.extend(vec![Value::Text(bound.clone()); 3]);
            }
        }
        if !filter.include_background {
            clauses.push("background = 0");
        }
        let mut sql = String::from("SELECT json FROM events");
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        // `id` last keeps events of one sentence in the order the coder emitted them.
        sql.push_str(" ORDER BY date IS NULL, date, article_id, sentence_start, id");
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        }

        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql_err(e))?;
        let jsons = stmt
            .query_map(rusqlite::params_from_iter(values), |row| {
                row.get::<_, String>(0)
            })
            .map_err(|e| self.sql_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e))?;
        jsons
            .iter()
            .map(|json| serde_json::from_str(json).map_err(|e| self.json_err(e)))
            .collect()
    }

    /// Number of articles and events stored (background events included).
    pub fn counts(&self) -> Result<Counts, StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)",
                [],
                |row| {
                    Ok(Counts {
                        articles: count(row.get(0)?),
                        events: count(row.get(1)?),
                    })
                },
            )
            .map_err(|e| self.sql_err(e))
    }
}

// count(*) is never negative; the conversion only changes the type.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

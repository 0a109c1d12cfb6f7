//! Reading mentions and events back. Every value from the user is a bound parameter: the SQL
//! text is assembled only from constant fragments.

use attache_coder::Event;
use rusqlite::types::Value;

use crate::record::{self, EventRecord};
use crate::{Store, StoreError};

/// Which mentions [`Store::mentions`] returns. The default is every news mention.
#[derive(Debug, Clone, Default)]
pub struct MentionFilter {
    pub article: Option<String>,
    /// Matches the source or the target actor code.
    pub actor: Option<String>,
    pub plover: Option<String>,
    /// Inclusive, compared at the coarser of the bound's and the mention's precision: "2025-05"
    /// keeps mentions dated in or after May 2025, and those dated only "2025", which may be.
    /// Undated mentions never match a bound.
    pub since: Option<String>,
    /// Inclusive, like `since`: "2025-05" keeps everything up to the end of May 2025.
    pub until: Option<String>,
    pub include_background: bool,
    pub limit: Option<usize>,
}

/// Which events [`Store::events`] returns. The default is every news event.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Matches the source or the target actor code.
    pub actor: Option<String>,
    /// Both directions: (A, B) matches A→B, B→A and undirected A–B events.
    pub dyad: Option<(String, String)>,
    pub plover: Option<String>,
    /// The first two digits of the CAMEO code ("04" consult).
    pub cameo_root: Option<String>,
    /// Inclusive date bounds, compared as for [`MentionFilter::since`].
    pub since: Option<String>,
    pub until: Option<String>,
    /// Words that must all occur in the title or text of an article reporting the event
    /// (SQLite FTS5, each word matched as a token, case-insensitive).
    pub search: Option<String>,
    /// Only events reported by this article.
    pub article: Option<String>,
    pub include_background: bool,
    pub limit: Option<usize>,
}

/// Sizes of the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub articles: u64,
    /// Articles stored as copies of another (exact or near-duplicate).
    pub duplicates: u64,
    pub mentions: u64,
    pub events: u64,
}

// Each takes the bound three times. An undated row gives NULL and never matches a bound.
const SINCE: &str =
    "substr({d}, 1, min(length({d}), length(?))) >= substr(?, 1, min(length({d}), length(?)))";
const UNTIL: &str =
    "substr({d}, 1, min(length({d}), length(?))) <= substr(?, 1, min(length({d}), length(?)))";

/// Pushes the date-bound clauses on `column`. Dates are ISO prefixes of each other ("2025" <
/// "2025-05" < "2025-05-15"); both sides are cut to the coarser precision, so a bound compares
/// symmetrically with an event dated "2025" (it overlaps any bound within 2025).
fn date_bounds(
    column: &str,
    since: &Option<String>,
    until: &Option<String>,
    clauses: &mut Vec<String>,
    values: &mut Vec<Value>,
) {
    for (bound, clause) in [(since, SINCE), (until, UNTIL)] {
        if let Some(bound) = bound {
            clauses.push(clause.replace("{d}", column));
            values.extend(vec![Value::Text(bound.clone()); 3]);
        }
    }
}

/// Turns user words into an FTS5 query of quoted tokens, so that FTS syntax characters in the
/// input ("NOT", quotes, parentheses, `*`) are searched for as text instead of parsed.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// Mentions (coded events as the coder emitted them) matching `filter`, by date (undated
    /// last), then article, then sentence.
    pub fn mentions(&self, filter: &MentionFilter) -> Result<Vec<Event>, StoreError> {
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(article) = &filter.article {
            clauses.push("article_id = ?".into());
            values.push(Value::Text(article.clone()));
        }
        if let Some(actor) = &filter.actor {
            clauses.push("(source_code = ? OR target_code = ?)".into());
            values.push(Value::Text(actor.clone()));
            values.push(Value::Text(actor.clone()));
        }
        if let Some(plover) = &filter.plover {
            clauses.push("plover = ?".into());
            values.push(Value::Text(plover.clone()));
        }
        date_bounds(
            "date",
            &filter.since,
            &filter.until,
            &mut clauses,
            &mut values,
        );
        if !filter.include_background {
            clauses.push("background = 0".into());
        }
        let mut sql = String::from("SELECT json FROM mentions");
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        // `id` last keeps mentions of one sentence in the order the coder emitted them.
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

    /// The WHERE clauses (joined by AND) and their bound values for `filter` over `events e`
    /// (`filter.limit` is not applied here).
    pub(crate) fn event_clauses(filter: &EventFilter) -> (Vec<String>, Vec<Value>) {
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let text = |s: &String| Value::Text(s.clone());
        if let Some(actor) = &filter.actor {
            clauses.push("(e.source_code = ? OR e.target_code = ?)".into());
            values.extend([text(actor), text(actor)]);
        }
        if let Some((a, b)) = &filter.dyad {
            clauses.push(
                "((e.source_code = ? AND e.target_code = ?) OR \
                  (e.source_code = ? AND e.target_code = ?))"
                    .into(),
            );
            values.extend([text(a), text(b), text(b), text(a)]);
        }
        if let Some(plover) = &filter.plover {
            clauses.push("e.plover = ?".into());
            values.push(text(plover));
        }
        if let Some(root) = &filter.cameo_root {
            clauses.push("substr(e.cameo, 1, 2) = ?".into());
            values.push(text(root));
        }
        date_bounds(
            "e.date",
            &filter.since,
            &filter.until,
            &mut clauses,
            &mut values,
        );
        if let Some(query) = filter.search.as_deref().and_then(fts_query) {
            // An article matches for itself and, when it is a copy, for its original, whose
            // mentions stand for both.
            clauses.push(
                "e.id IN (SELECT m.event_id FROM mentions m WHERE m.article_id IN ( \
                    SELECT f.article_id FROM articles_fts f WHERE articles_fts MATCH ? \
                    UNION SELECT a.duplicate_of FROM articles a \
                        JOIN articles_fts f ON f.article_id = a.id \
                        WHERE articles_fts MATCH ? AND a.duplicate_of IS NOT NULL))"
                    .into(),
            );
            values.extend([Value::Text(query.clone()), Value::Text(query)]);
        }
        if let Some(article) = &filter.article {
            clauses.push("e.id IN (SELECT event_id FROM mentions WHERE article_id = ?)".into());
            values.push(text(article));
        }
        if !filter.include_background {
            clauses.push("e.background = 0".into());
        }
        (clauses, values)
    }

    /// Events matching `filter`, by date (undated last), then id.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>, StoreError> {
        let (clauses, mut values) = Self::event_clauses(filter);
        let mut sql = format!("SELECT {} FROM events e", record::COLUMNS);
        if !clauses.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&clauses.join(" AND "));
        }
        sql.push_str(" ORDER BY e.date IS NULL, e.date, e.id");
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            values.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        }
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql_err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values), record::from_row)
            .map_err(|e| self.sql_err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.sql_err(e));
        rows
    }

    /// Number of articles, duplicates, mentions and events stored (background included).
    pub fn counts(&self) -> Result<Counts, StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles), \
                 (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), \
                 (SELECT count(*) FROM mentions), (SELECT count(*) FROM events)",
                [],
                |row| {
                    Ok(Counts {
                        articles: count(row.get(0)?),
                        duplicates: count(row.get(1)?),
                        mentions: count(row.get(2)?),
                        events: count(row.get(3)?),
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

//! The `/api/...` handlers. Each validates its input (400 on a bad value), then runs its
//! queries on a blocking thread with a connection of its own.

use std::collections::BTreeMap;
use std::sync::Arc;

use attache_ingest::{parse_json_article, ReadOptions};
use attache_store::{EventFilter, IngestOutcome, MilestoneQuery, Store};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::{ApiError, Config, MAX_LIMIT};

type AppState = Arc<Config>;
type Answer = Result<Json<Value>, ApiError>;

/// The most articles one POST may carry.
const MAX_POSTED_ARTICLES: usize = 1000;
const DEFAULT_LIMIT: usize = 100;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/actors", get(actors))
        .route("/api/dyad/{a}/{b}", get(dyad))
        .route("/api/engagement/{actor}", get(engagement))
        .route("/api/milestones", get(milestones))
        .route("/api/network", get(network))
        .route("/api/articles", get(search_articles).post(post_articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/stats", get(stats))
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text())))
}

fn path<T>(p: Result<Path<T>, PathRejection>) -> Result<T, ApiError> {
    p.map(|Path(t)| t)
        .map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())))
}

/// Runs `f` on a fresh connection on the blocking pool.
async fn with_store<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
{
    let db = state.db.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = Store::open(&db)?;
        f(&mut store)
    })
    .await
    .map_err(|_| ApiError::internal("query failed"))?
}

/// "2025", "2025-05" or "2025-05-15".
fn date(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(value) = value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    else {
        return Ok(None);
    };
    let ok = match value.len() {
        4 | 7 | 10 => value.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        }),
        _ => false,
    };
    if ok {
        Ok(Some(value))
    } else {
        Err(ApiError::bad_request(format!(
            "{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value:?}"
        )))
    }
}

/// An actor code: letters only, upper-cased ("afg" → "AFG").
fn code(name: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim().to_uppercase();
    if value.is_empty()
        || value.len() > 16
        || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(ApiError::bad_request(format!(
            "{name} must be an actor code such as AFG, not {value:?}"
        )));
    }
    Ok(value)
}

fn opt_code(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| code(name, &v))
        .transpose()
}

/// Full-text words: control characters (NUL breaks FTS5 strings) become spaces.
fn words(text: Option<String>) -> Option<String> {
    text.map(|t| {
        t.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
    })
    .filter(|t| !t.trim().is_empty())
}

fn page(limit: Option<usize>, offset: Option<usize>) -> Result<(usize, usize), ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    Ok((limit, offset.unwrap_or(0)))
}

#[derive(Debug, Deserialize, Default)]
pub struct EventsQuery {
    actor: Option<String>,
    /// "IND,AFG" (either direction).
    dyad: Option<String>,
    #[serde(rename = "type")]
    plover: Option<String>,
    cameo_root: Option<String>,
    since: Option<String>,
    until: Option<String>,
    q: Option<String>,
    article: Option<String>,
    include_background: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

fn event_filter(q: EventsQuery) -> Result<(EventFilter, usize, usize), ApiError> {
    let dyad = match q.dyad.filter(|d| !d.trim().is_empty()) {
        None => None,
        Some(d) => {
            let parts: Vec<&str> = d.split([',', '-', ' ']).filter(|p| !p.is_empty()).collect();
            match parts.as_slice() {
                [a, b] => Some((code("dyad", a)?, code("dyad", b)?)),
                _ => {
                    return Err(ApiError::bad_request(
                        "dyad must be two actor codes such as IND,AFG",
                    ))
                }
            }
        }
    };
    let plover = match q.plover.filter(|p| !p.trim().is_empty()) {
        Some(p)
            if p.trim()
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '_') =>
        {
            Some(p.trim().to_uppercase())
        }
        Some(p) => {
            return Err(ApiError::bad_request(format!(
                "type must be a PLOVER type such as CONSULT, not {p:?}"
            )))
        }
        None => None,
    };
    let cameo_root = match q.cameo_root.filter(|c| !c.trim().is_empty()) {
        Some(c) if c.trim().len() == 2 && c.trim().chars().all(|c| c.is_ascii_digit()) => {
            Some(c.trim().to_string())
        }
        Some(c) => {
            return Err(ApiError::bad_request(format!(
                "cameo_root must be two digits such as 04, not {c:?}"
            )))
        }
        None => None,
    };
    let (limit, offset) = page(q.limit, q.offset)?;
    let filter = EventFilter {
        actor: opt_code("actor", q.actor)?,
        dyad,
        plover,
        cameo_root,
        since: date("since", q.since)?,
        until: date("until", q.until)?,
        search: words(q.q),
        article: q.article.filter(|s| !s.is_empty()),
        include_background: q.include_background.unwrap_or(false),
        limit: None,
    };
    Ok((filter, limit, offset))
}

async fn events(
    State(state): State<AppState>,
    q: Result<Query<EventsQuery>, QueryRejection>,
) -> Answer {
    let (filter, limit, offset) = event_filter(query(q)?)?;
    with_store(&state, move |store| {
        let (total, items) = store.events_page(&filter, limit, offset)?;
        let seen = offset.saturating_add(items.len());
        let next = (!items.is_empty() && (seen as u64) < total).then_some(seen);
        Ok(Json(json!({
            "total": total, "limit": limit, "offset": offset, "next_offset": next, "items": items
        })))
    })
    .await
}

async fn event(State(state): State<AppState>, id: Result<Path<String>, PathRejection>) -> Answer {
    let raw = path(id)?;
    let id: i64 = raw
        .parse()
        .map_err(|_| ApiError::bad_request(format!("event id must be a number, not {raw:?}")))?;
    with_store(&state, move |store| {
        let event = store
            .event(id)?
            .ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
        let mentions = store.event_mentions(id)?;
        Ok(Json(json!({"event": event, "mentions": mentions})))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct ActorsQuery {
    code: Option<String>,
}

async fn actors(
    State(state): State<AppState>,
    q: Result<Query<ActorsQuery>, QueryRejection>,
) -> Answer {
    let code = opt_code("code", query(q)?.code)?;
    with_store(&state, move |store| {
        let rows: Vec<_> = store
            .actors()?
            .into_iter()
            .filter(|r| code.is_none() || r.code == code)
            .collect();
        // One line per code too, for pickers: total mentions and the names seen.
        let mut codes: BTreeMap<String, (u64, Vec<String>)> = BTreeMap::new();
        for r in &rows {
            let entry = codes.entry(r.code.clone().unwrap_or_default()).or_default();
            entry.0 += r.mentions;
            if let Some(name) = &r.name {
                if !entry.1.contains(name) {
                    entry.1.push(name.clone());
                }
            }
        }
        let codes: Vec<Value> = codes
            .into_iter()
            .map(|(code, (mentions, names))| json!({"code": code, "mentions": mentions, "names": names}))
            .collect();
        Ok(Json(json!({"codes": codes, "items": rows})))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct DyadQuery {
    #[serde(rename = "type")]
    plover: Option<String>,
    since: Option<String>,
    until: Option<String>,
    include_background: Option<bool>,
}

async fn dyad(
    State(state): State<AppState>,
    p: Result<Path<(String, String)>, PathRejection>,
    q: Result<Query<DyadQuery>, QueryRejection>,
) -> Answer {
    let (a, b) = path(p)?;
    let (a, b) = (code("a", &a)?, code("b", &b)?);
    let q = query(q)?;
    let (filter, _, _) = event_filter(EventsQuery {
        dyad: Some(format!("{a},{b}")),
        plover: q.plover,
        since: q.since,
        until: q.until,
        include_background: q.include_background,
        ..EventsQuery::default()
    })?;
    with_store(&state, move |store| {
        let events = store.events(&filter)?;
        let pair = if a <= b {
            format!("{a}-{b}")
        } else {
            format!("{b}-{a}")
        };
        let milestones: Vec<_> = store
            .milestones(&MilestoneQuery {
                actor: Some(a.clone()),
                ..MilestoneQuery::default()
            })?
            .into_iter()
            .filter(|m| m.pair == pair)
            .collect();
        Ok(Json(
            json!({"a": a, "b": b, "events": events, "milestones": milestones}),
        ))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct SinceUntil {
    since: Option<String>,
    until: Option<String>,
}

async fn engagement(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
    q: Result<Query<SinceUntil>, QueryRejection>,
) -> Answer {
    let actor = code("actor", &path(p)?)?;
    let q = query(q)?;
    let (since, until) = (date("since", q.since)?, date("until", q.until)?);
    with_store(&state, move |store| {
        let ladder = store.engagement(&actor, since.as_deref(), until.as_deref())?;
        Ok(Json(json!({"actor": actor, "counterparts": ladder})))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct MilestonesQuery {
    actor: Option<String>,
    since: Option<String>,
    years: Option<u32>,
}

async fn milestones(
    State(state): State<AppState>,
    q: Result<Query<MilestonesQuery>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let mq = MilestoneQuery {
        actor: opt_code("actor", q.actor)?,
        since: date("since", q.since)?,
        years: q.years,
    };
    with_store(&state, move |store| {
        Ok(Json(json!({"items": store.milestones(&mq)?})))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct NetworkQuery {
    since: Option<String>,
    until: Option<String>,
    #[serde(rename = "type")]
    plover: Option<String>,
    include_background: Option<bool>,
}

/// Who engages whom: one edge per unordered pair, weighted by events, split by QuadClass.
async fn network(
    State(state): State<AppState>,
    q: Result<Query<NetworkQuery>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let (filter, _, _) = event_filter(EventsQuery {
        plover: q.plover,
        since: q.since,
        until: q.until,
        include_background: q.include_background,
        ..EventsQuery::default()
    })?;
    with_store(&state, move |store| {
        let mut edges: BTreeMap<(String, String), [usize; 5]> = BTreeMap::new();
        let mut nodes: BTreeMap<String, usize> = BTreeMap::new();
        for e in store.events(&filter)? {
            let (s, t) = (e.source_code().to_string(), e.target_code().to_string());
            if s.is_empty() || t.is_empty() || s == t {
                continue;
            }
            *nodes.entry(s.clone()).or_default() += 1;
            *nodes.entry(t.clone()).or_default() += 1;
            let key = if s <= t { (s, t) } else { (t, s) };
            let counts = edges.entry(key).or_default();
            counts[0] += 1;
            counts[usize::from(e.quad_class.min(4))] += 1;
        }
        let nodes: Vec<Value> = nodes
            .into_iter()
            .map(|(code, events)| json!({"code": code, "events": events}))
            .collect();
        let edges: Vec<Value> = edges
            .into_iter()
            .map(|((a, b), c)| {
                json!({
                    "a": a, "b": b, "events": c[0],
                    "cooperation": c[1] + c[2], "conflict": c[3] + c[4],
                    "by_quad_class": {"1": c[1], "2": c[2], "3": c[3], "4": c[4]}
                })
            })
            .collect();
        Ok(Json(json!({"nodes": nodes, "edges": edges})))
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn search_articles(
    State(state): State<AppState>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Answer {
    let q = query(q)?;
    let text = words(q.q)
        .ok_or_else(|| ApiError::bad_request("q (the words to search for) is required"))?;
    let (limit, offset) = page(q.limit, q.offset)?;
    with_store(&state, move |store| {
        let (total, items) = store.search_articles(&text, limit, offset)?;
        Ok(Json(
            json!({"total": total, "limit": limit, "offset": offset, "items": items}),
        ))
    })
    .await
}

async fn article(State(state): State<AppState>, p: Result<Path<String>, PathRejection>) -> Answer {
    let id = path(p)?;
    with_store(&state, move |store| {
        let article = store
            .article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))?;
        let mentions = store.mentions(&attache_store::MentionFilter {
            article: Some(id.clone()),
            include_background: true,
            ..Default::default()
        })?;
        let ids = store.article_mention_events(&id)?;
        let mentions: Vec<Value> = mentions
            .into_iter()
            .zip(ids.into_iter().chain(std::iter::repeat(None)))
            .map(|(m, event_id)| {
                let mut v = serde_json::to_value(m).unwrap_or(Value::Null);
                if let Value::Object(map) = &mut v {
                    map.insert("event_id".into(), json!(event_id));
                }
                v
            })
            .collect();
        Ok(Json(json!({"article": article, "mentions": mentions})))
    })
    .await
}

async fn stats(State(state): State<AppState>) -> Answer {
    with_store(&state, |store| {
        Ok(Json(
            serde_json::to_value(store.stats()?).unwrap_or(Value::Null),
        ))
    })
    .await
}

/// Compares in time that depends only on the lengths, not on where the first difference is.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for i in 0..given.len().max(expected.len()) {
        let a = given.get(i).copied().unwrap_or(0);
        let b = expected.get(i).copied().unwrap_or(0);
        diff |= usize::from(a ^ b);
    }
    diff == 0
}

fn authorize(state: &Config, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = &state.token else {
        return Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "the server is read-only: start it with --token (or ATTACHE_TOKEN) to accept articles",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "send Authorization: Bearer TOKEN to post articles",
            )
        })?;
    if same_token(given.trim().as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token"))
    }
}

/// Codes and stores JSON articles (one object or an array), as `attache ingest` does.
async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    authorize(&state, &headers)?;
    let body = body.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                format!("request body over {} bytes", crate::BODY_LIMIT),
            )
        } else {
            ApiError::new(status, e.body_text())
        }
    })?;
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("body is not JSON: {e}")))?;
    let records = match value {
        Value::Array(items) => items,
        item @ Value::Object(_) => vec![item],
        _ => {
            return Err(ApiError::bad_request(
                "body must be an article object or an array of them",
            ))
        }
    };
    if records.is_empty() || records.len() > MAX_POSTED_ARTICLES {
        return Err(ApiError::bad_request(format!(
            "post between 1 and {MAX_POSTED_ARTICLES} articles"
        )));
    }
    let opts = ReadOptions::default();
    let articles = records
        .iter()
        .enumerate()
        .map(|(i, record)| {
            parse_json_article(&record.to_string(), &opts)
                .map_err(|e| ApiError::bad_request(format!("article {i}: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let coder = state.coder.clone();
    with_store(&state, move |store| {
        let mut results = Vec::new();
        for article in &articles {
            let events = coder(article);
            let outcome = store.ingest(article, &events)?;
            let (name, mentions) = match outcome {
                IngestOutcome::Added => ("added", events.len()),
                IngestOutcome::Replaced => ("replaced", events.len()),
                IngestOutcome::Unchanged => ("unchanged", 0),
                IngestOutcome::Duplicate => ("duplicate", 0),
            };
            results.push(json!({"id": article.id, "outcome": name, "mentions": mentions}));
        }
        Ok(Json(json!({"results": results})))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"secret", b"secret"));
        assert!(!same_token(b"secreT", b"secret"));
        assert!(!same_token(b"secret1", b"secret"));
        assert!(!same_token(b"", b"secret"));
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            date("since", Some("2025-05".into())).unwrap(),
            Some("2025-05".into())
        );
        assert!(date("since", Some("2025-5".into())).is_err());
        assert!(date("since", Some("'; DROP TABLE".into())).is_err());
        assert_eq!(date("since", Some("".into())).unwrap(), None);
    }
}

//! The `/api/...` handlers. Each validates its input with [`crate::query`] (400 on a bad
//! value), then runs its queries on a blocking thread with a connection of its own.

use std::collections::BTreeMap;
use std::sync::Arc;

use attache_ingest::{parse_json_article, ReadOptions};
use attache_store::{IngestOutcome, MilestoneQuery, Store};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::{query, ApiError, Config};

type AppState = Arc<Config>;
type Answer = Result<Json<Value>, ApiError>;

/// The most articles one POST may carry.
const MAX_POSTED_ARTICLES: usize = 1000;

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

async fn events(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Answer {
    let query::EventsRequest {
        filter,
        limit,
        offset,
    } = query::events(raw.as_deref())?;
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
    let id = query::event_id(&path(id)?)?;
    with_store(&state, move |store| {
        let event = store
            .event(id)?
            .ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
        let mentions = store.event_mentions(id)?;
        Ok(Json(json!({"event": event, "mentions": mentions})))
    })
    .await
}

async fn actors(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Answer {
    let code = query::actors(raw.as_deref())?;
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

async fn dyad(
    State(state): State<AppState>,
    p: Result<Path<(String, String)>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let (a, b) = path(p)?;
    let (a, b, filter) = query::dyad(&a, &b, raw.as_deref())?;
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

async fn engagement(
    State(state): State<AppState>,
    p: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let (actor, since, until) = query::engagement(&path(p)?, raw.as_deref())?;
    with_store(&state, move |store| {
        let ladder = store.engagement(&actor, since.as_deref(), until.as_deref())?;
        Ok(Json(json!({"actor": actor, "counterparts": ladder})))
    })
    .await
}

async fn milestones(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Answer {
    let mq = query::milestones(raw.as_deref())?;
    with_store(&state, move |store| {
        Ok(Json(json!({"items": store.milestones(&mq)?})))
    })
    .await
}

/// Who engages whom: one edge per unordered pair, weighted by events, split by QuadClass.
async fn network(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Answer {
    let filter = query::network(raw.as_deref())?;
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

async fn search_articles(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Answer {
    let (text, limit, offset) = query::search(raw.as_deref())?;
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
}

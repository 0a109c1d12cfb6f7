//! Query strings and path values of the API, parsed and checked without a request or a store.
//!
//! Every handler that reads a query string goes through one of these functions, and so does
//! the `api_query` fuzz target (`fuzz/entry.rs`): what is fuzzed is what the server runs. Each
//! either returns values the store may use as they are (checked codes, dates, page bounds,
//! words without control characters) or an [`ApiError`] with status 400 (414 for a query
//! string over [`MAX_QUERY_LEN`]). Values reach SQL only as bound parameters (attache-store).

use attache_store::{EventFilter, MilestoneQuery};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::ApiError;

/// The longest query string accepted (414 beyond); no API query needs more than a few
/// hundred bytes.
pub const MAX_QUERY_LEN: usize = 4096;
/// The most items one page of a list returns.
pub const MAX_LIMIT: usize = 500;
/// Items per page when the query names no limit.
pub const DEFAULT_LIMIT: usize = 100;
/// The longest actor code accepted (CAMEO codes are three-letter blocks, up to 15 long).
pub const MAX_CODE_LEN: usize = 16;

/// Decodes a query string (absent = empty) into `T`, after checking its length.
fn decode<T: DeserializeOwned>(raw: Option<&str>) -> Result<T, ApiError> {
    let raw = raw.unwrap_or("");
    if raw.len() > MAX_QUERY_LEN {
        return Err(ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("query string over {MAX_QUERY_LEN} bytes"),
        ));
    }
    serde_urlencoded::from_str(raw).map_err(|e| ApiError::bad_request(format!("bad query: {e}")))
}

/// "2025", "2025-05" or "2025-05-15" (compared as text by the store, so the shape is all
/// that matters here).
pub fn date(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(value) = value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
    else {
        return Ok(None);
    };
    if is_date(&value) {
        Ok(Some(value))
    } else {
        Err(ApiError::bad_request(format!(
            "{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value:?}"
        )))
    }
}

/// Whether `value` has the shape YYYY, YYYY-MM or YYYY-MM-DD.
pub fn is_date(value: &str) -> bool {
    matches!(value.len(), 4 | 7 | 10)
        && value.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// An actor code: letters, digits and `_`, upper-cased ("afg" → "AFG").
pub fn code(name: &str, value: &str) -> Result<String, ApiError> {
    let value = value.trim().to_uppercase();
    if !is_code(&value) {
        return Err(ApiError::bad_request(format!(
            "{name} must be an actor code such as AFG, not {value:?}"
        )));
    }
    Ok(value)
}

/// Whether `value` is a checked actor code (as [`code`] returns them).
pub fn is_code(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_CODE_LEN
        && value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
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

/// `GET /api/events`: which events, and which page of them.
#[derive(Debug, Clone)]
pub struct EventsRequest {
    pub filter: EventFilter,
    pub limit: usize,
    pub offset: usize,
}

#[derive(Debug, Deserialize, Default)]
struct EventsQuery {
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

fn event_filter(q: EventsQuery) -> Result<EventsRequest, ApiError> {
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
    let plover = match q.plover.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) if p.chars().all(|c| c.is_ascii_alphabetic() || c == '_') => Some(p.to_uppercase()),
        Some(p) => {
            return Err(ApiError::bad_request(format!(
                "type must be a PLOVER type such as CONSULT, not {p:?}"
            )))
        }
        None => None,
    };
    let cameo_root = match q
        .cameo_root
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_digit()) => Some(c.to_string()),
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
    Ok(EventsRequest {
        filter,
        limit,
        offset,
    })
}

/// `GET /api/events?...`
pub fn events(raw: Option<&str>) -> Result<EventsRequest, ApiError> {
    event_filter(decode(raw)?)
}

/// `GET /api/events/{id}`: the id as a number.
pub fn event_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse()
        .map_err(|_| ApiError::bad_request(format!("event id must be a number, not {raw:?}")))
}

#[derive(Debug, Deserialize)]
struct ActorsQuery {
    code: Option<String>,
}

/// `GET /api/actors?code=...`: one actor code or all.
pub fn actors(raw: Option<&str>) -> Result<Option<String>, ApiError> {
    opt_code("code", decode::<ActorsQuery>(raw)?.code)
}

#[derive(Debug, Deserialize)]
struct DyadQuery {
    #[serde(rename = "type")]
    plover: Option<String>,
    since: Option<String>,
    until: Option<String>,
    include_background: Option<bool>,
}

/// `GET /api/dyad/{a}/{b}?...`: both codes and the events' filter (no page: a dyad's events
/// are few).
pub fn dyad(
    a: &str,
    b: &str,
    raw: Option<&str>,
) -> Result<(String, String, EventFilter), ApiError> {
    let (a, b) = (code("a", a)?, code("b", b)?);
    let q: DyadQuery = decode(raw)?;
    let filter = typed_period_filter(
        Some(format!("{a},{b}")),
        q.plover,
        q.since,
        q.until,
        q.include_background,
    )?;
    Ok((a, b, filter))
}

#[derive(Debug, Deserialize)]
struct SinceUntil {
    since: Option<String>,
    until: Option<String>,
}

/// `GET /api/engagement/{actor}?since=&until=`.
pub fn engagement(
    actor: &str,
    raw: Option<&str>,
) -> Result<(String, Option<String>, Option<String>), ApiError> {
    let actor = code("actor", actor)?;
    let q: SinceUntil = decode(raw)?;
    Ok((actor, date("since", q.since)?, date("until", q.until)?))
}

#[derive(Debug, Deserialize)]
struct MilestonesQuery {
    actor: Option<String>,
    since: Option<String>,
    years: Option<u32>,
}

/// `GET /api/milestones?actor=&since=&years=`.
pub fn milestones(raw: Option<&str>) -> Result<MilestoneQuery, ApiError> {
    let q: MilestonesQuery = decode(raw)?;
    Ok(MilestoneQuery {
        actor: opt_code("actor", q.actor)?,
        since: date("since", q.since)?,
        years: q.years,
    })
}

#[derive(Debug, Deserialize)]
struct NetworkQuery {
    since: Option<String>,
    until: Option<String>,
    #[serde(rename = "type")]
    plover: Option<String>,
    include_background: Option<bool>,
}

/// `GET /api/network?...`: the filter of the events counted.
pub fn network(raw: Option<&str>) -> Result<EventFilter, ApiError> {
    let q: NetworkQuery = decode(raw)?;
    typed_period_filter(None, q.plover, q.since, q.until, q.include_background)
}

/// The filter of an optional dyad, type and period, checked as `/api/events` checks them.
fn typed_period_filter(
    dyad: Option<String>,
    plover: Option<String>,
    since: Option<String>,
    until: Option<String>,
    include_background: Option<bool>,
) -> Result<EventFilter, ApiError> {
    let request = event_filter(EventsQuery {
        dyad,
        plover,
        since,
        until,
        include_background,
        ..EventsQuery::default()
    })?;
    Ok(request.filter)
}

#[derive(Debug, Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /api/articles?q=...`: the words (required), limit and offset.
pub fn search(raw: Option<&str>) -> Result<(String, usize, usize), ApiError> {
    let q: SearchQuery = decode(raw)?;
    let text = words(q.q)
        .ok_or_else(|| ApiError::bad_request("q (the words to search for) is required"))?;
    let (limit, offset) = page(q.limit, q.offset)?;
    Ok((text, limit, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            date("since", Some("2025-05".into())).unwrap(),
            Some("2025-05".into())
        );
        assert!(date("since", Some("2025-5".into())).is_err());
        assert!(date("since", Some("'; DROP TABLE".into())).is_err());
        // Multi-byte characters of a date's length are not digits (and never sliced).
        assert!(date("since", Some("2025-05-1é".into())).is_err());
        assert_eq!(date("since", Some("".into())).unwrap(), None);
    }

    #[test]
    fn events_queries_are_decoded_and_checked() {
        let r = events(Some(
            "dyad=ind,afg&type=consult&since=2025&limit=5&offset=10",
        ))
        .unwrap();
        assert_eq!(r.filter.dyad, Some(("IND".into(), "AFG".into())));
        assert_eq!(r.filter.plover.as_deref(), Some("CONSULT"));
        assert_eq!((r.limit, r.offset), (5, 10));
        let r = events(None).unwrap();
        assert_eq!((r.limit, r.offset), (DEFAULT_LIMIT, 0));
        for bad in [
            "limit=0",
            "limit=501",
            "offset=-1",
            "dyad=IND",
            "actor=%27%20OR%201=1--",
            "cameo_root=%EF%BC%90%EF%BC%94",
            "include_background=maybe",
        ] {
            let err = events(Some(bad)).unwrap_err();
            assert_eq!(err.status, StatusCode::BAD_REQUEST, "{bad}");
        }
    }

    #[test]
    fn long_query_strings_are_refused() {
        let long = format!("q={}", "a".repeat(MAX_QUERY_LEN));
        assert_eq!(
            events(Some(&long)).unwrap_err().status,
            StatusCode::URI_TOO_LONG
        );
        let fits = format!("q={}", "a".repeat(MAX_QUERY_LEN - 2));
        assert!(events(Some(&fits)).is_ok());
    }

    #[test]
    fn search_words_lose_control_characters() {
        let (text, _, _) = search(Some("q=a%00b")).unwrap();
        assert_eq!(text, "a b");
        assert!(search(Some("q=%00%01")).is_err());
    }
}

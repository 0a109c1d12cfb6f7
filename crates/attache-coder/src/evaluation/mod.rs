//! Scoring coded events against gold annotations, as GUIDELINES §7 defines it, so that users can
//! evaluate attache (or any coder writing our event JSON) on their own gold sets.
//!
//! Gold is one article a line (`{"id", "published", "events": [...]}`); emitted events are one a
//! line, each naming its `article`. Fields are read leniently, as JSON values: a gold set written
//! by another tool may leave any of them out. The numbers are those of the shared `score.py`,
//! which a test checks on the dev set.

mod matching;
mod report;

use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

pub use report::Report;

use matching::{date_agrees, match_events};

/// One gold article: its id and annotated events.
#[derive(Debug, Clone)]
pub struct GoldArticle {
    pub id: String,
    pub events: Vec<Value>,
}

/// Why a gold or an emitted event is in the error listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A gold event no emitted event matched.
    Missed,
    /// An emitted event that matched no gold event.
    Spurious,
}

/// An unmatched event, for the error listing.
#[derive(Debug, Clone)]
pub struct ScoringError {
    pub article: String,
    pub kind: ErrorKind,
    pub event: Value,
}

/// Matched, emitted and gold counts of one PLOVER type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeCounts {
    pub matched: usize,
    pub emitted: usize,
    pub gold: usize,
}

#[derive(Debug, Default)]
struct Totals {
    gold: usize,
    emitted: usize,
    matched: usize,
    typed: usize,
    dated: usize,
    date_ok: usize,
    background_ok: usize,
    milestones: usize,
    milestones_found: usize,
    located: usize,
    location_ok: usize,
}

/// Parses gold articles, one JSON object a line; blank lines are skipped.
pub fn parse_gold(jsonl: &str) -> Result<Vec<GoldArticle>, String> {
    let mut out = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let id = match value.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(format!("line {}: a gold article needs an \"id\"", n + 1)),
        };
        let events = match value.get("events") {
            Some(Value::Array(events)) => events.clone(),
            None | Some(Value::Null) => Vec::new(),
            Some(_) => return Err(format!("line {}: \"events\" must be a list", n + 1)),
        };
        out.push(GoldArticle { id, events });
    }
    Ok(out)
}

/// The article id an emitted event names, as a string whatever its JSON type.
pub fn article_of(event: &Value) -> String {
    match event.get("article") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Scores `emitted` events against `gold`.
pub fn score(gold: &[GoldArticle], emitted: &[Value]) -> Report {
    let mut by_article: HashMap<String, Vec<&Value>> = HashMap::new();
    for e in emitted {
        by_article.entry(article_of(e)).or_default().push(e);
    }
    let mut totals = Totals::default();
    let mut per_type: BTreeMap<String, TypeCounts> = BTreeMap::new();
    let mut errors = Vec::new();
    for article in gold {
        let golds: Vec<&Value> = article.events.iter().collect();
        let preds = by_article.get(&article.id).cloned().unwrap_or_default();
        let pairs = match_events(&preds, &golds, false);
        let typed = match_events(&preds, &golds, true);
        totals.gold += golds.len();
        totals.emitted += preds.len();
        totals.matched += pairs.len();
        totals.typed += typed.len();
        for g in &golds {
            per_type.entry(plover(g)).or_default().gold += 1;
        }
        for p in &preds {
            per_type.entry(plover_or_unknown(p)).or_default().emitted += 1;
        }
        for (&j, &i) in &pairs {
            let (g, p) = (golds[j], preds[i]);
            per_type.entry(plover(g)).or_default().matched += 1;
            if let Some(ok) = date_agrees(p, g) {
                totals.dated += 1;
                totals.date_ok += usize::from(ok);
            }
            totals.background_ok += usize::from(flag(p, "background") == flag(g, "background"));
            if truthy(g.get("milestone")) {
                totals.milestones += 1;
                totals.milestones_found += usize::from(truthy(p.get("milestone")));
            }
            if truthy(g.get("location")) {
                totals.located += 1;
                let same_code = text(p, "location_code").to_uppercase()
                    == text(g, "location_code").to_uppercase();
                totals.location_ok += usize::from(same_code && truthy(p.get("location")));
            }
        }
        for (j, g) in golds.iter().enumerate() {
            if !pairs.contains_key(&j) {
                errors.push(ScoringError {
                    article: article.id.clone(),
                    kind: ErrorKind::Missed,
                    event: (*g).clone(),
                });
            }
        }
        let used: HashSet<usize> = pairs.values().copied().collect();
        for (i, p) in preds.iter().enumerate() {
            if !used.contains(&i) {
                errors.push(ScoringError {
                    article: article.id.clone(),
                    kind: ErrorKind::Spurious,
                    event: (*p).clone(),
                });
            }
        }
    }
    let gold_ids: HashSet<&str> = gold.iter().map(|a| a.id.as_str()).collect();
    let stray = by_article
        .iter()
        .filter(|(id, _)| !gold_ids.contains(id.as_str()))
        .map(|(_, events)| events.len())
        .sum();
    Report::new(gold.len(), totals, per_type, errors, stray)
}

fn text<'a>(e: &'a Value, key: &str) -> &'a str {
    e.get(key).and_then(Value::as_str).unwrap_or("")
}

fn plover(e: &Value) -> String {
    text(e, "plover").to_uppercase()
}

fn plover_or_unknown(e: &Value) -> String {
    let p = plover(e);
    if p.is_empty() {
        "?".to_string()
    } else {
        p
    }
}

/// JSON truthiness as Python reads it: null, false, 0, "" and empty containers are false.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

fn flag(e: &Value, key: &str) -> bool {
    truthy(e.get(key))
}

#[cfg(test)]
mod tests;

//! The figures of one scoring run, as text for people and JSON for scripts.

use super::{ErrorKind, ScoringError, Totals, TypeCounts};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Event, typed-actor and attribute scores of a run (GUIDELINES §7).
#[derive(Debug, Clone)]
pub struct Report {
    pub articles: usize,
    pub gold_events: usize,
    pub emitted_events: usize,
    pub matched: usize,
    pub typed_matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub typed_f1: f64,
    /// Shares among matched events; `None` when nothing was there to judge.
    pub date_accuracy: Option<f64>,
    pub background_accuracy: Option<f64>,
    pub milestone_recall: Option<f64>,
    pub location_accuracy: Option<f64>,
    /// Emitted events naming an article the gold set does not have.
    pub events_for_unknown_articles: usize,
    pub per_type: BTreeMap<String, TypeCounts>,
    pub errors: Vec<ScoringError>,
}

fn prf(matched: usize, emitted: usize, gold: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (p, r) = (ratio(matched, emitted), ratio(matched, gold));
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn share(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Rounds to 3 decimals as Python's `round` does (on the exact binary value, ties to even: 0.3125
/// gives 0.312), so that our JSON equals the shared scorer's; formatting rounds the same way.
fn round3(x: f64) -> f64 {
    format!("{x:.3}").parse().unwrap_or(x)
}

impl Report {
    pub(super) fn new(
        articles: usize,
        t: Totals,
        per_type: BTreeMap<String, TypeCounts>,
        errors: Vec<ScoringError>,
        stray: usize,
    ) -> Report {
        let (precision, recall, f1) = prf(t.matched, t.emitted, t.gold);
        let (_, _, typed_f1) = prf(t.typed, t.emitted, t.gold);
        Report {
            articles,
            gold_events: t.gold,
            emitted_events: t.emitted,
            matched: t.matched,
            typed_matched: t.typed,
            precision,
            recall,
            f1,
            typed_f1,
            date_accuracy: share(t.date_ok, t.dated),
            background_accuracy: share(t.background_ok, t.matched),
            milestone_recall: share(t.milestones_found, t.milestones),
            location_accuracy: share(t.location_ok, t.located),
            events_for_unknown_articles: stray,
            per_type,
            errors,
        }
    }

    /// F1 of one type's counts.
    pub fn type_f1(counts: &TypeCounts) -> f64 {
        prf(counts.matched, counts.emitted, counts.gold).2
    }

    /// The figures as the shared scorer's `--json` prints them (rounded to 3 decimals).
    pub fn to_json(&self) -> Value {
        let opt = |x: Option<f64>| x.map(round3);
        let per_type: serde_json::Map<String, Value> = self
            .per_type
            .iter()
            .map(|(k, c)| {
                (
                    k.clone(),
                    json!({
                        "f1": round3(Report::type_f1(c)),
                        "matched": c.matched,
                        "emitted": c.emitted,
                        "gold": c.gold,
                    }),
                )
            })
            .collect();
        json!({
            "articles": self.articles,
            "gold_events": self.gold_events,
            "emitted_events": self.emitted_events,
            "matched": self.matched,
            "precision": round3(self.precision),
            "recall": round3(self.recall),
            "f1": round3(self.f1),
            "typed_f1": round3(self.typed_f1),
            "date_accuracy": opt(self.date_accuracy),
            "background_accuracy": opt(self.background_accuracy),
            "milestone_recall": opt(self.milestone_recall),
            "location_accuracy": opt(self.location_accuracy),
            "events_for_unknown_articles": self.events_for_unknown_articles,
            "per_type": per_type,
        })
    }

    /// The summary, a per-type table and, with `show_errors`, one line per missed or spurious
    /// event (article, kind, type, dyad, date, sentence).
    pub fn to_text(&self, show_errors: bool) -> String {
        let mut out = String::new();
        let opt = |x: Option<f64>| x.map_or("-".to_string(), |x| format!("{x:.3}"));
        let rows = [
            ("articles", self.articles.to_string()),
            ("gold events", self.gold_events.to_string()),
            ("emitted events", self.emitted_events.to_string()),
            ("matched", self.matched.to_string()),
            ("precision", format!("{:.3}", self.precision)),
            ("recall", format!("{:.3}", self.recall)),
            ("event F1", format!("{:.3}", self.f1)),
            ("typed-actor F1", format!("{:.3}", self.typed_f1)),
            ("date accuracy", opt(self.date_accuracy)),
            ("background accuracy", opt(self.background_accuracy)),
            ("milestone recall", opt(self.milestone_recall)),
            ("location accuracy", opt(self.location_accuracy)),
            (
                "events for unknown articles",
                self.events_for_unknown_articles.to_string(),
            ),
        ];
        for (name, value) in rows {
            let _ = writeln!(out, "{name:28} {value}");
        }
        let _ = writeln!(
            out,
            "\n{:12} {:>6} {:>8} {:>8} {:>6}",
            "type", "F1", "matched", "emitted", "gold"
        );
        for (name, c) in &self.per_type {
            let _ = writeln!(
                out,
                "{name:12} {:>6.3} {:>8} {:>8} {:>6}",
                Report::type_f1(c),
                c.matched,
                c.emitted,
                c.gold
            );
        }
        if show_errors {
            out.push('\n');
            for e in &self.errors {
                let _ = writeln!(out, "{}", error_line(e));
            }
        }
        out
    }
}

fn error_line(e: &ScoringError) -> String {
    let field = |v: &Value, k: &str| -> String {
        v.get(k).and_then(Value::as_str).unwrap_or("").to_string()
    };
    let actor = |k: &str| {
        let a = e.event.get(k).cloned().unwrap_or(Value::Null);
        format!("{}/{}", field(&a, "code"), field(&a, "sector"))
    };
    let sentence = {
        let s = field(&e.event, "evidence");
        if s.is_empty() {
            field(&e.event, "sentence")
        } else {
            s
        }
    };
    let kind = match e.kind {
        ErrorKind::Missed => "missed",
        ErrorKind::Spurious => "spurious",
    };
    let date = field(&e.event, "date");
    format!(
        "{}\t{kind}\t{}\t{} -> {}\t{}\t{}",
        e.article,
        field(&e.event, "plover"),
        actor("source"),
        actor("target"),
        if date.is_empty() { "-" } else { &date },
        sentence.chars().take(140).collect::<String>()
    )
}

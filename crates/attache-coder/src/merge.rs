//! One occurrence, one event: an article tells the news in its headline, its lead and its quotes,
//! and "welcomed ... and appreciated ..." is one act of support. Events of the same type between
//! the same actors on compatible dates are merged, keeping the best-dated report.

use crate::event::{Event, Modality};
use crate::pipeline::Draft;

/// PLOVER types whose direction carries no meaning for identity.
const SYMMETRIC: &[&str] = &["CONSULT", "AGREE", "COOPERATE"];

/// Merges the drafts of one article into its events, in article order.
pub(crate) fn merge_occurrences(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut kept: Vec<Draft> = Vec::with_capacity(drafts.len());
    for draft in drafts {
        match kept.iter().position(|k| same_occurrence(k, &draft)) {
            Some(i) => absorb(&mut kept[i], draft),
            None => kept.push(draft),
        }
    }
    kept
}

fn dyad(e: &Event) -> (String, String) {
    let code = |a: &Option<crate::ActorRef>| a.as_ref().map(|a| a.code.clone()).unwrap_or_default();
    let (s, t) = (code(&e.source), code(&e.target));
    if (SYMMETRIC.contains(&e.plover.as_str()) || e.joint) && t < s {
        (t, s)
    } else {
        (s, t)
    }
}

fn planned(e: &Event) -> bool {
    e.modality == Modality::Planned && e.plover != "AGREE"
}

fn same_occurrence(a: &Draft, b: &Draft) -> bool {
    let (ea, eb) = (&a.event, &b.event);
    if ea.plover != eb.plover || planned(ea) != planned(eb) || dyad(ea) != dyad(eb) {
        return false;
    }
    if a.dated_in_sentence && b.dated_in_sentence {
        return dates_compatible(ea.date.as_deref(), eb.date.as_deref());
    }
    true
}

/// "2025" and "2025-05-15" may be the same occasion; "2022" and "2023" are not.
fn dates_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b) || b.starts_with(a),
        _ => true,
    }
}

/// Keeps the better-dated of two reports of one occurrence, and the claims of both.
fn absorb(kept: &mut Draft, other: Draft) {
    let replace = other.dated_in_sentence && !kept.dated_in_sentence;
    let (milestone, since) = (kept.event.milestone.take(), kept.event.milestone_since.take());
    if replace {
        let sentence_index = kept.sentence_index.min(other.sentence_index);
        *kept = Draft {
            sentence_index,
            ..other.clone()
        };
    }
    let e = &mut kept.event;
    if let Some(m) = milestone {
        e.milestone = Some(m);
        e.milestone_since = since;
    }
    if e.milestone.is_none() && other.event.milestone.is_some() {
        e.milestone = other.event.milestone;
        e.milestone_since = other.event.milestone_since;
    }
    if e.quote.is_none() {
        e.quote = other.event.quote;
    }
}

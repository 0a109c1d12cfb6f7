//! The engagement ladder of one actor: per counterpart, what kind of contact, at which level,
//! and when each level was first reached.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::record::EventRecord;
use crate::{EventFilter, Store, StoreError};

/// One dated contact: an event, by id, with what an analyst needs to cite it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub event: i64,
    pub date: Option<String>,
    pub plover: String,
    pub cameo: String,
    pub level: Option<u8>,
    /// Why it is a diplomatic-status event (recognition, visit, ambassador...), when it is one.
    pub what: Option<String>,
    pub sentence: String,
}

/// The relation of the focal actor with one counterpart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Engagement {
    pub counterpart: String,
    pub events: usize,
    /// Events by PLOVER type.
    pub by_type: BTreeMap<String, usize>,
    /// The highest level reached and the first event that reached it.
    pub highest: Option<Contact>,
    /// The first contact at each level reached, lowest level first.
    pub first_by_level: Vec<Contact>,
    pub first: Option<Contact>,
    pub latest: Option<Contact>,
    /// Recognition, visits, embassy, credentials and ambassador/chargé events.
    pub diplomatic: Vec<Contact>,
}

/// Why an event changes diplomatic status or presence, if it does. CAMEO codes mark
/// recognition (054) and visits (042 make, 043 host); the words catch what CAMEO has no code
/// for: embassies, credentials, ambassadors and chargés d'affaires.
fn diplomatic_kind(e: &EventRecord) -> Option<String> {
    if e.cameo.starts_with("054") {
        return Some("recognition".into());
    }
    let roles = [&e.source, &e.target]
        .iter()
        .filter_map(|a| a.as_ref().and_then(|a| a.role.clone()))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let sentence = e.sentence.to_lowercase();
    for (word, kind) in [
        ("credential", "credentials"),
        ("diplomatic relations", "diplomatic relations"),
        ("embassy", "embassy"),
        ("consulate", "consulate"),
    ] {
        if sentence.contains(word) {
            return Some(kind.into());
        }
    }
    for (word, kind) in [
        ("ambassador", "ambassador"),
        ("chargé", "chargé d'affaires"),
        ("charge d", "chargé d'affaires"),
    ] {
        if roles.contains(word) {
            return Some(kind.into());
        }
    }
    match e.cameo.get(..3) {
        Some("042") | Some("043") => Some("visit".into()),
        _ => None,
    }
}

fn contact(e: &EventRecord) -> Contact {
    Contact {
        event: e.id,
        date: e.date.clone(),
        plover: e.plover.clone(),
        cameo: e.cameo.clone(),
        level: e.level(),
        what: diplomatic_kind(e),
        sentence: e.sentence.clone(),
    }
}

impl Store {
    /// The ladder of `actor` with each counterpart, over events dated within the bounds.
    /// Background events count (an article recalling a 2022 visit is evidence of it); planned
    /// ones do not, since they have not happened. Counterparts are ordered by highest level
    /// reached, then by number of events.
    pub fn engagement(
        &self,
        actor: &str,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Vec<Engagement>, StoreError> {
        let events = self.events(&EventFilter {
            actor: Some(actor.to_string()),
            since: since.map(str::to_string),
            until: until.map(str::to_string),
            include_background: true,
            ..EventFilter::default()
        })?;
        let mut by_counterpart: BTreeMap<String, Vec<&EventRecord>> = BTreeMap::new();
        for e in events.iter().filter(|e| e.modality == "asserted") {
            match e.counterpart(actor) {
                Some(other) if !other.is_empty() && other != actor => {
                    by_counterpart.entry(other.to_string()).or_default().push(e);
                }
                _ => {}
            }
        }
        let mut out: Vec<Engagement> = by_counterpart
            .into_iter()
            .map(|(counterpart, evs)| {
                // `events()` returns them by date, so the first match is the earliest.
                let mut by_type: BTreeMap<String, usize> = BTreeMap::new();
                for e in &evs {
                    *by_type.entry(e.plover.clone()).or_default() += 1;
                }
                let mut first_by_level: BTreeMap<u8, Contact> = BTreeMap::new();
                for e in &evs {
                    if let Some(l) = e.level() {
                        first_by_level.entry(l).or_insert_with(|| contact(e));
                    }
                }
                let highest = first_by_level.values().next_back().cloned();
                Engagement {
                    counterpart,
                    events: evs.len(),
                    by_type,
                    highest,
                    first_by_level: first_by_level.into_values().collect(),
                    first: evs.first().map(|e| contact(e)),
                    latest: evs.last().map(|e| contact(e)),
                    diplomatic: evs
                        .iter()
                        .filter(|e| diplomatic_kind(e).is_some())
                        .map(|e| contact(e))
                        .collect(),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            let level = |e: &Engagement| e.highest.as_ref().and_then(|c| c.level);
            level(b)
                .cmp(&level(a))
                .then(b.events.cmp(&a.events))
                .then(a.counterpart.cmp(&b.counterpart))
        });
        Ok(out)
    }
}

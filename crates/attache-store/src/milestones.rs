//! Computed milestones: the first event of a type, at a level, between two actors since a
//! reference date, set beside what the articles themselves claim ("the first ministerial visit
//! since 2021").
//!
//! Events are grouped by unordered pair of actors and PLOVER type. An event is a milestone at
//! its level when no earlier event of its group in the window reached that level or higher:
//! a minister's visit after an earlier head-of-state visit is not "the first at ministerial
//! level or above". Only asserted, dated events count; background events do (a recalled 2022
//! visit is history all the same).

use serde::Serialize;

use crate::record::EventRecord;
use crate::{EventFilter, Store, StoreError};

/// The window milestones are computed in.
#[derive(Debug, Clone, Default)]
pub struct MilestoneQuery {
    /// Only pairs that include this actor.
    pub actor: Option<String>,
    /// First since this date (YYYY, YYYY-MM or YYYY-MM-DD).
    pub since: Option<String>,
    /// First in this many years before the event. Events closer than that to the start of
    /// what the store holds are not judged: the store cannot know what happened before.
    pub years: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// An article claims it is a first, and the store holds no earlier event that contradicts.
    Agree,
    /// An article claims it is a first, but the store holds an earlier one (see `earlier`).
    Disagree,
    /// Computed as a first; no article says so.
    Unclaimed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    pub event: EventRecord,
    /// The unordered pair, sorted ("AFG-IND").
    pub pair: String,
    pub level: Option<u8>,
    /// Whether the store's own history makes it a first in the query's window.
    pub computed: bool,
    pub verdict: Verdict,
    /// The earlier event that contradicts the claim, for `Disagree`.
    pub earlier: Option<(i64, String)>,
}

fn pair(e: &EventRecord) -> String {
    let (a, b) = (e.source_code(), e.target_code());
    if a <= b {
        format!("{a}-{b}")
    } else {
        format!("{b}-{a}")
    }
}

/// "2021-08-15" minus `years`, at the same precision.
fn years_before(date: &str, years: u32) -> Option<String> {
    let year: i64 = date.get(..4)?.parse().ok()?;
    Some(format!("{:04}{}", year - i64::from(years), &date[4..]))
}

/// The first earlier event of `group` on or after `from` whose level reaches `level`.
fn earlier_at_level<'a>(
    group: &[&'a EventRecord],
    index: usize,
    from: &str,
    level: Option<u8>,
) -> Option<&'a EventRecord> {
    let date = group[index].date.as_deref()?;
    group[..index].iter().copied().find(|p| {
        let d = p.date.as_deref().unwrap_or("");
        // Same-day reports of another event are not "earlier": the order within a day is
        // unknown. Coarser dates that contain this one are not earlier either.
        d >= from
            && d < date
            && !date.starts_with(d)
            && p.level().unwrap_or(0) >= level.unwrap_or(0)
    })
}

impl Store {
    /// Computed and claimed milestones, oldest first.
    pub fn milestones(&self, q: &MilestoneQuery) -> Result<Vec<Milestone>, StoreError> {
        let events = self.events(&EventFilter {
            actor: q.actor.clone(),
            include_background: true,
            ..EventFilter::default()
        })?;
        let mut events: Vec<&EventRecord> = events
            .iter()
            .filter(|e| e.modality == "asserted" && e.date.is_some())
            .filter(|e| !e.source_code().is_empty() && !e.target_code().is_empty())
            .collect();
        events.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        let store_start = events
            .first()
            .and_then(|e| e.date.clone())
            .unwrap_or_default();

        let mut out = Vec::new();
        let mut groups: std::collections::BTreeMap<(String, String), Vec<&EventRecord>> =
            Default::default();
        for e in &events {
            groups
                .entry((pair(e), e.plover.clone()))
                .or_default()
                .push(e);
        }
        for ((pair, _), group) in &groups {
            for (i, e) in group.iter().enumerate() {
                let date = e.date.as_deref().unwrap_or("");
                let level = e.level();
                let computed = match (&q.since, q.years) {
                    (Some(since), _) => {
                        date >= since.as_str() && earlier_at_level(group, i, since, level).is_none()
                    }
                    (None, Some(years)) => {
                        let from = years_before(date, years).unwrap_or_default();
                        from >= store_start && earlier_at_level(group, i, &from, level).is_none()
                    }
                    (None, None) => earlier_at_level(group, i, "", level).is_none(),
                };
                let claimed = e.milestone.is_some();
                if !computed && !claimed {
                    continue;
                }
                let (verdict, earlier) = if claimed {
                    let from = e.milestone_since.clone().unwrap_or_default();
                    match earlier_at_level(group, i, &from, level) {
                        Some(p) => (
                            Verdict::Disagree,
                            Some((p.id, p.date.clone().unwrap_or_default())),
                        ),
                        None => (Verdict::Agree, None),
                    }
                } else {
                    (Verdict::Unclaimed, None)
                };
                out.push(Milestone {
                    event: (*e).clone(),
                    pair: pair.clone(),
                    level,
                    computed,
                    verdict,
                    earlier,
                });
            }
        }
        out.sort_by(|a, b| {
            a.event
                .date
                .cmp(&b.event.date)
                .then(a.event.id.cmp(&b.event.id))
        });
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::years_before;

    #[test]
    fn years_before_keeps_precision() {
        assert_eq!(
            years_before("2025-05-16", 10).as_deref(),
            Some("2015-05-16")
        );
        assert_eq!(years_before("2025", 3).as_deref(), Some("2022"));
        assert_eq!(years_before("x", 3), None);
    }
}

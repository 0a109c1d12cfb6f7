//! One occurrence, one event: an article tells the news in its headline, its lead and its quotes,
//! and "welcomed ... and appreciated ..." is one act of support. Events of the same type between
//! the same actors on compatible dates are merged, keeping the best-dated report.

use crate::event::{Event, Modality};
use crate::pipeline::{Draft, STATEMENT_TYPES};

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
    if different_people(ea, eb) || different_sectors(ea, eb) || different_speakers(ea, eb) {
        return false;
    }
    // The news and an occasion the article recalls with a date of its own that differs ("Last
    // year, the ministers also expressed concern") are two events, however alike.
    let recalled = |d: &Draft| d.event.background && d.dated_in_sentence;
    let both_dated = ea.date.is_some() && eb.date.is_some();
    if ea.background != eb.background
        && (recalled(a) || recalled(b))
        && both_dated
        && !dates_compatible(ea, eb)
    {
        return false;
    }
    // Two reports that each carry their own date are one occasion only on the same date: "met in
    // 2022" and "met on Thursday" are two meetings, as are the visits "in 2022 and 2023".
    if a.dated_in_sentence && b.dated_in_sentence {
        // A visit and the talks held during it ("travelled to X and held talks with Y") are two
        // acts; otherwise one sentence's words for one type ("a suicide bomber blew himself up,
        // killing ...", "welcomed ... and appreciated") tell one act.
        let same_sentence = a.sentence_index == b.sentence_index;
        let visit_and_talks = ea.plover == "CONSULT" && ea.cameo != eb.cameo;
        return dates_compatible(ea, eb) && !(same_sentence && visit_and_talks);
    }
    true
}

/// Equal dates, or one the other narrows: "talks this month" and "the May 12 meeting" can be one
/// occasion; "in 2022" and "on Thursday" (of 2025) cannot. Ranges must agree.
fn dates_compatible(a: &Event, b: &Event) -> bool {
    let (Some(x), Some(y)) = (a.date.as_deref(), b.date.as_deref()) else {
        return a.date == b.date;
    };
    let narrows = |wide: &str, narrow: &str| {
        narrow.len() > wide.len()
            && narrow.starts_with(wide)
            && narrow.as_bytes().get(wide.len()) == Some(&b'-')
    };
    a.date_end == b.date_end && (x == y || narrows(x, y) || narrows(y, x))
}

/// Two named persons on the same side make two occasions: the secretary's meeting and the envoy's
/// visit of the same year are not one event.
fn different_people(a: &Event, b: &Event) -> bool {
    let name = |x: &Option<crate::ActorRef>| x.as_ref().and_then(|x| x.name.clone());
    let code = |x: &Option<crate::ActorRef>| x.as_ref().map(|x| x.code.clone());
    let differ =
        |x: Option<String>, y: Option<String>| matches!((x, y), (Some(x), Some(y)) if x != y);
    // "Biden welcomed Modi" and "Modi and Biden held talks": a symmetric act told the other way
    // round pairs each side with the other report's opposite side.
    let flipped = code(&a.source) != code(&b.source) && code(&a.source) == code(&b.target);
    let (b_source, b_target) = if flipped {
        (&b.target, &b.source)
    } else {
        (&b.source, &b.target)
    };
    differ(name(&a.source), name(b_source)) || differ(name(&a.target), name(b_target))
}

/// An armed force and a government of one state are two actors: "border guards clashed" and
/// "Iran accuses the government" are two accusations, not one report of the same.
fn different_sectors(a: &Event, b: &Event) -> bool {
    const FORCE: &[&str] = &["MIL", "COP", "REB", "UAF", "SPY"];
    let differ = |x: &str, y: &str| {
        FORCE.contains(&x) != FORCE.contains(&y) && !x.is_empty() && !y.is_empty()
    };
    differ(sector(&a.source), sector(&b.source)) && differ(sector(&a.target), sector(&b.target))
}

/// Statements by a party and by the government ("Republicans condemned the violence", "the
/// President condemned the attack") are two statements, not one told twice.
fn different_speakers(a: &Event, b: &Event) -> bool {
    let (x, y) = (sector(&a.source), sector(&b.source));
    STATEMENT_TYPES.contains(&a.plover.as_str()) && !x.is_empty() && !y.is_empty() && x != y
}

fn sector(x: &Option<crate::ActorRef>) -> &str {
    x.as_ref().map_or("", |x| x.sector.as_str())
}

/// Keeps the better-dated of two reports of one occurrence (dated in its own sentence, then the
/// more precise date), and the claims of both.
fn absorb(kept: &mut Draft, other: Draft) {
    let replace = other.dated_in_sentence && !kept.dated_in_sentence;
    // Both dated, compatibly: the report kept stays the evidence, and takes the finer date
    // ("talks this month" + "the May 12 meeting" → May 12) and a place it lacks.
    let more_precise = other.dated_in_sentence
        && kept.dated_in_sentence
        && other.event.date.as_ref().map_or(0, String::len)
            > kept.event.date.as_ref().map_or(0, String::len);
    if more_precise {
        let e = &mut kept.event;
        e.date.clone_from(&other.event.date);
        e.date_precision = other.event.date_precision;
        e.date_end.clone_from(&other.event.date_end);
        if e.location.is_empty() {
            e.location.clone_from(&other.event.location);
            e.location_code.clone_from(&other.event.location_code);
            e.location_lat = other.event.location_lat;
            e.location_lon = other.event.location_lon;
        }
    }
    let (milestone, since) = (
        kept.event.milestone.take(),
        kept.event.milestone_since.take(),
    );
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

//! Event clustering: the mentions of one real-world event, from any number of articles,
//! become one row of `events`.
//!
//! A mention joins an existing event when all of these hold:
//! - same PLOVER type;
//! - same dyad: source→target, or the unordered pair when the mention is `joint` or its type
//!   is symmetric (CONSULT: "A met B" and "B met A" are one meeting);
//! - compatible dates: equal, or one contained in the other at a coarser precision ("2021-08"
//!   contains "2021-08-15"); a mention or event without a date joins only within one article,
//!   since across articles "undated" says nothing about being the same occasion;
//! - compatible place: the same country code, or one of them unknown.
//!
//! Among several candidates a news event is preferred to a background one (so a recalled
//! event attaches to the news it recalls), then the oldest. The event's own fields are then
//! recomputed from all its mentions by [`refresh`].
//!
//! Why an event is never split later: a mention joins only when it is compatible with the
//! event's most precise date and its known place, which every member is compatible with too
//! (dates are prefixes of one another, places equal or unknown). So the members of an event
//! stay pairwise compatible, and a later mention can only be incompatible with all of them (it
//! then starts its own event), never prove two members distinct. What a later mention can
//! show is that a coarse member ("in May") was ambiguous between two events (May 13, May 20);
//! it stays with the one it joined first, which no evidence contradicts. Removing a mention
//! (a replaced article) recomputes the event from the members left, which stay compatible.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

/// PLOVER types whose direction carries no meaning.
const SYMMETRIC_TYPES: &[&str] = &["CONSULT"];

/// The key of an event's participants: "SRC>TGT", or "A=B" in sorted order when undirected.
pub fn dyad_key(source: &str, target: &str, plover: &str, joint: bool) -> String {
    if joint || SYMMETRIC_TYPES.contains(&plover) {
        let (a, b) = if source <= target {
            (source, target)
        } else {
            (target, source)
        };
        format!("{a}={b}")
    } else {
        format!("{source}>{target}")
    }
}

/// What clustering needs of a mention.
pub(crate) struct MentionKey<'a> {
    pub article: &'a str,
    pub plover: &'a str,
    pub dyad: String,
    pub date: Option<&'a str>,
    pub location_code: &'a str,
    pub background: bool,
}

/// The event a mention joins, created when none fits; the mention is stored (or linked, by
/// [`link`]) with its id. The event's summary fields are left for [`refresh`], run once per
/// touched event.
pub(crate) fn assign(tx: &Connection, m: &MentionKey<'_>) -> rusqlite::Result<i64> {
    let found = candidate(tx, m)?.map(|(_, id)| id);
    // The fields the next mention's match depends on (date, place, background) are kept
    // current here, mention by mention; the rest waits for refresh(), once per article.
    let event = match found {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE events SET \
                 date = CASE WHEN date IS NULL OR length(?2) > length(date) THEN ?2 ELSE date END, \
                 location_code = CASE WHEN location_code = '' THEN ?3 ELSE location_code END, \
                 background = background AND ?4 WHERE id = ?1 \
                 AND ((?2 IS NOT NULL AND (date IS NULL OR length(?2) > length(date))) \
                   OR (location_code = '' AND ?3 != '') OR (background AND NOT ?4))",
            )?
            .execute(params![id, m.date, m.location_code, m.background])?;
            id
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO events (plover, cameo, dyad, quad_class, goldstein, modality, \
                 background, date, date_precision, location, location_code, num_mentions, \
                 num_articles, num_sources) \
                 VALUES (?1, '', ?2, 0, 0, 'asserted', ?3, ?4, 'unknown', '', ?5, 0, 0, 0)",
            )?
            .execute(params![
                m.plover,
                m.dyad,
                m.background,
                m.date,
                m.location_code
            ])?;
            tx.last_insert_rowid()
        }
    };
    Ok(event)
}

/// Links a stored mention to the event [`assign`] chose for it.
pub(crate) fn link(tx: &Connection, mention: i64, event: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE mentions SET event_id = ?1 WHERE id = ?2")?
        .execute(params![event, mention])?;
    Ok(())
}

/// The event a mention joins, as (background, id): news before background, then the oldest.
///
/// Dates are ISO prefixes of each other, so "contained at a coarser precision" is "one is a
/// prefix of the other": the event's date is one of the mention's prefixes, or starts with the
/// mention's date. Each is a lookup on `events_key` (type, dyad, date), so the cost does not
/// grow with the number of events of the dyad. Undated pairs join only within one article.
fn candidate(tx: &Connection, m: &MentionKey<'_>) -> rusqlite::Result<Option<(bool, i64)>> {
    let best = |from: &str, condition: &str, extra: &[&dyn rusqlite::ToSql]| {
        let sql = format!(
            "SELECT e.background, e.id FROM {from} WHERE e.plover = ?1 AND e.dyad = ?2 \
             AND (e.location_code = '' OR ?3 = '' OR e.location_code = ?3) AND {condition} \
             ORDER BY e.background, e.id LIMIT 1"
        );
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![&m.plover, &m.dyad, &m.location_code];
        values.extend_from_slice(extra);
        tx.prepare_cached(&sql)?
            .query_row(values.as_slice(), |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()
    };
    // From the article's own mentions (a few), never the dyad's events (any number): CROSS
    // JOIN keeps SQLite from choosing the other order.
    let same_article = best(
        "mentions x CROSS JOIN events e ON e.id = x.event_id",
        "x.article_id = ?5 AND (e.date IS NULL OR ?4 IS NULL)",
        &[&m.date, &m.article],
    )?;
    let Some(date) = m.date else {
        return Ok(same_article);
    };
    let [year, month] = [date.get(..4), date.get(..7)].map(|p| p.unwrap_or(date));
    let containing = best(
        "events e",
        "e.date IN (?4, ?5, ?6)",
        &[&date, &month, &year],
    )?;
    let contained = best("events e", "e.date > ?4 AND e.date < ?4 || '~'", &[&date])?;
    Ok([same_article, containing, contained]
        .into_iter()
        .flatten()
        .min())
}

struct Row {
    cameo: String,
    source_code: Option<String>,
    target_code: Option<String>,
    source_rank: Option<i64>,
    target_rank: Option<i64>,
    quad_class: i64,
    goldstein: f64,
    modality: String,
    background: bool,
    date: Option<String>,
    date_precision: String,
    date_end: Option<String>,
    location: String,
    location_code: String,
}

/// Recomputes an event from its mentions, or deletes it when none is left. Mentions are read
/// in the order of `record::COLUMNS` (not the order stored), so that ties (the CAMEO vote, the
/// orientation of an undirected dyad) fall the same way whatever order articles came in.
pub(crate) fn refresh(tx: &Connection, event: i64) -> rusqlite::Result<()> {
    let rows: Vec<Row> = tx
        .prepare_cached(
            "SELECT m.cameo, m.source_code, m.target_code, m.source_rank, m.target_rank, \
             m.quad_class, m.goldstein, m.modality, m.background, m.date, m.date_precision, \
             m.date_end, m.location, m.location_code \
             FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?1 \
             ORDER BY m.background, a.published IS NULL, a.published, m.article_id, m.sentence_start, m.id",
        )?
        .query_map([event], |r| {
            Ok(Row {
                cameo: r.get(0)?,
                source_code: r.get(1)?,
                target_code: r.get(2)?,
                source_rank: r.get(3)?,
                target_rank: r.get(4)?,
                quad_class: r.get(5)?,
                goldstein: r.get(6)?,
                modality: r.get(7)?,
                background: r.get(8)?,
                date: r.get(9)?,
                date_precision: r.get(10)?,
                date_end: r.get(11)?,
                location: r.get(12)?,
                location_code: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let Some(first) = rows.first() else {
        tx.prepare_cached("DELETE FROM events WHERE id = ?1")?
            .execute([event])?;
        return Ok(());
    };

    // The code most mentions report; ties go to the first mention in that order.
    let mut votes: HashMap<&str, usize> = HashMap::new();
    for r in &rows {
        *votes.entry(&r.cameo).or_default() += 1;
    }
    let top = votes.values().copied().max().unwrap_or(0);
    let coded = rows
        .iter()
        .find(|r| votes[r.cameo.as_str()] == top)
        .unwrap_or(first);
    // The most precise date; mentions agree on its prefix by construction of assign().
    let dated = rows
        .iter()
        .filter(|r| r.date.is_some())
        .max_by_key(|r| r.date.as_ref().map_or(0, String::len));
    let placed = rows.iter().find(|r| !r.location_code.is_empty());
    let placed_name = rows.iter().find(|r| !r.location.is_empty());
    // Ranks follow the actor, not the slot: in an undirected event a later mention may name
    // the parties the other way round.
    let (src, tgt) = (first.source_code.clone(), first.target_code.clone());
    let mut source_rank: Option<i64> = None;
    let mut target_rank: Option<i64> = None;
    for r in &rows {
        for (code, rank) in [
            (&r.source_code, r.source_rank),
            (&r.target_code, r.target_rank),
        ] {
            if rank.is_none() {
                continue;
            }
            if *code == src {
                source_rank = source_rank.max(rank);
            } else if *code == tgt {
                target_rank = target_rank.max(rank);
            }
        }
    }
    let background = rows.iter().all(|r| r.background);
    let modality = if rows.iter().any(|r| r.modality == "asserted") {
        "asserted"
    } else {
        "planned"
    };

    // A duplicate article repeats every mention of its original: it counts as an article, a
    // source and a mention of each event its original reports.
    let (num_articles, num_sources, first_seen, last_seen): (
        i64,
        i64,
        Option<String>,
        Option<String>,
    ) = tx
        .prepare_cached(
            "WITH arts(id) AS ( \
                 SELECT article_id FROM mentions WHERE event_id = ?1 \
                 UNION \
                 SELECT d.id FROM articles d WHERE d.duplicate_of IN \
                     (SELECT article_id FROM mentions WHERE event_id = ?1)) \
             SELECT count(*), \
                    count(DISTINCT coalesce(a.domain, lower(a.source), a.id)), \
                    min(coalesce(a.published, substr(a.ingested_at, 1, 10))), \
                    max(coalesce(a.published, substr(a.ingested_at, 1, 10))) \
             FROM arts JOIN articles a ON a.id = arts.id",
        )?
        .query_row([event], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let num_mentions: i64 = tx
        .prepare_cached(
            "SELECT count(*) + coalesce(sum((SELECT count(*) FROM articles d \
                 WHERE d.duplicate_of = m.article_id)), 0) \
             FROM mentions m WHERE m.event_id = ?1",
        )?
        .query_row([event], |r| r.get(0))?;

    tx.prepare_cached(
        "UPDATE events SET cameo = ?2, source_code = ?3, target_code = ?4, source_rank = ?5, \
         target_rank = ?6, quad_class = ?7, goldstein = ?8, modality = ?9, background = ?10, \
         date = ?11, date_precision = ?12, date_end = ?13, location = ?14, \
         location_code = ?15, num_mentions = ?16, num_articles = ?17, num_sources = ?18, \
         first_seen = ?19, last_seen = ?20 WHERE id = ?1",
    )?
    .execute(params![
        event,
        coded.cameo,
        src,
        tgt,
        source_rank,
        target_rank,
        coded.quad_class,
        coded.goldstein,
        modality,
        background,
        dated.and_then(|r| r.date.clone()),
        dated.map_or("unknown", |r| r.date_precision.as_str()),
        dated.and_then(|r| r.date_end.clone()),
        placed_name.map_or("", |r| r.location.as_str()),
        placed.map_or("", |r| r.location_code.as_str()),
        num_mentions,
        num_articles,
        num_sources,
        first_seen,
        last_seen,
    ])?;
    Ok(())
}

/// The events the mentions of `article` belong to.
pub(crate) fn events_of_article(tx: &Connection, article: &str) -> rusqlite::Result<Vec<i64>> {
    tx.prepare_cached(
        "SELECT DISTINCT event_id FROM mentions WHERE article_id = ?1 AND event_id IS NOT NULL",
    )?
    .query_map([article], |r| r.get(0))?
    .collect()
}

#[cfg(test)]
mod tests {
    use super::dyad_key;

    #[test]
    fn symmetric_and_joint_dyads_are_unordered() {
        assert_eq!(dyad_key("IND", "AFG", "CONSULT", false), "AFG=IND");
        assert_eq!(dyad_key("AFG", "IND", "CONSULT", false), "AFG=IND");
        assert_eq!(dyad_key("IND", "AFG", "AID", false), "IND>AFG");
        assert_eq!(dyad_key("IND", "AFG", "AGREE", true), "AFG=IND");
    }
}

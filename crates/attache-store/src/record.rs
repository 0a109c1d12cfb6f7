//! One real-world event as the queries and exports return it.

use attache_coder::{ActorRef, Event};
use serde::Serialize;

/// An event (a cluster of mentions) with the mention that best reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub plover: String,
    pub cameo: String,
    /// Participants as the representative mention names them; codes are the event's.
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    /// Highest rank any mention gives each side.
    pub source_rank: Option<u8>,
    pub target_rank: Option<u8>,
    /// True when direction carries no meaning (joint acts, symmetric types such as CONSULT).
    pub undirected: bool,
    pub quad_class: u8,
    pub goldstein: f32,
    pub modality: String,
    pub background: bool,
    pub date: Option<String>,
    pub date_precision: String,
    pub date_end: Option<String>,
    pub location: String,
    pub location_code: String,
    pub num_mentions: u32,
    pub num_articles: u32,
    pub num_sources: u32,
    /// Publication dates of the first and last article reporting it.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// The earliest news mention (or background, when all are): its article and sentence.
    pub article: String,
    pub url: Option<String>,
    pub sentence: String,
    pub trigger: String,
    /// The first "first … since …" claim any mention makes about this event.
    pub milestone: Option<String>,
    pub milestone_since: Option<String>,
}

impl EventRecord {
    /// The level of the event, see [`level`].
    pub fn level(&self) -> Option<u8> {
        level(self.source_rank, self.target_rank)
    }

    /// The code of the side that is not `actor`, when `actor` takes part.
    pub fn counterpart(&self, actor: &str) -> Option<&str> {
        let (s, t) = (self.source_code(), self.target_code());
        if s == actor {
            Some(t)
        } else if t == actor {
            Some(s)
        } else {
            None
        }
    }

    pub fn source_code(&self) -> &str {
        self.source.as_ref().map_or("", |a| a.code.as_str())
    }

    pub fn target_code(&self) -> &str {
        self.target.as_ref().map_or("", |a| a.code.as_str())
    }
}

/// The level an event reached: the rank both sides had at least (the lower of the two ranks),
/// or the one rank known. 4 head of state/government, 3 minister, 2 deputy/ambassador,
/// 1 envoy/official. A minister meeting an ambassador is an ambassador-level contact.
pub fn level(a: Option<u8>, b: Option<u8>) -> Option<u8> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// Columns of `events e` (plus the representative mention) that [`from_row`] reads, in order.
///
/// The representative mention is the first in the mention order that everything here uses
/// (news before background, then the earliest published article, then article id and place in
/// the text), not the first stored: the store then reads the same whatever order the articles
/// came in.
pub(crate) const COLUMNS: &str = "e.id, e.plover, e.cameo, e.source_code, e.target_code, \
    e.source_rank, e.target_rank, e.dyad, e.quad_class, e.goldstein, e.modality, e.background, \
    e.date, e.date_precision, e.date_end, e.location, e.location_code, e.num_mentions, \
    e.num_articles, e.num_sources, e.first_seen, e.last_seen, \
    (SELECT m.json FROM mentions m JOIN articles a ON a.id = m.article_id \
        WHERE m.event_id = e.id ORDER BY m.background, a.published IS NULL, a.published, m.article_id, m.sentence_start, m.id LIMIT 1), \
    (SELECT a.url FROM mentions m JOIN articles a ON a.id = m.article_id \
        WHERE m.event_id = e.id ORDER BY m.background, a.published IS NULL, a.published, m.article_id, m.sentence_start, m.id LIMIT 1), \
    (SELECT json_array(m.milestone, m.milestone_since) FROM mentions m \
        JOIN articles a ON a.id = m.article_id \
        WHERE m.event_id = e.id AND m.milestone IS NOT NULL ORDER BY m.background, a.published IS NULL, a.published, m.article_id, m.sentence_start, m.id LIMIT 1)";

fn small(n: Option<i64>) -> Option<u8> {
    n.and_then(|n| u8::try_from(n).ok())
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// Reads a row selected with [`COLUMNS`]. A representative mention whose JSON no longer parses
/// (written by a future coder) still gives the event, with empty sentence fields.
pub(crate) fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<EventRecord> {
    let json: Option<String> = row.get(22)?;
    let mention: Event = json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    let claim: Option<String> = row.get(24)?;
    let (milestone, milestone_since) = claim
        .and_then(|c| serde_json::from_str::<(Option<String>, Option<String>)>(&c).ok())
        .unwrap_or((None, None));
    let (source_code, target_code): (Option<String>, Option<String>) = (row.get(3)?, row.get(4)?);
    // The mention may name the parties the other way round in an undirected event.
    let (mut source, mut target) = (mention.source, mention.target);
    let code = |a: &Option<ActorRef>| a.as_ref().map(|a| a.code.clone());
    if code(&source) != source_code && code(&target) == source_code {
        std::mem::swap(&mut source, &mut target);
    }
    let dyad: String = row.get(7)?;
    Ok(EventRecord {
        id: row.get(0)?,
        plover: row.get(1)?,
        cameo: row.get(2)?,
        source: source.or_else(|| {
            source_code.clone().map(|code| ActorRef {
                code,
                ..ActorRef::default()
            })
        }),
        target: target.or_else(|| {
            target_code.clone().map(|code| ActorRef {
                code,
                ..ActorRef::default()
            })
        }),
        source_rank: small(row.get(5)?),
        target_rank: small(row.get(6)?),
        undirected: dyad.contains('='),
        quad_class: small(row.get(8)?).unwrap_or(0),
        goldstein: row.get::<_, f64>(9)? as f32,
        modality: row.get(10)?,
        background: row.get(11)?,
        date: row.get(12)?,
        date_precision: row.get(13)?,
        date_end: row.get(14)?,
        location: row.get(15)?,
        location_code: row.get(16)?,
        num_mentions: count(row.get(17)?),
        num_articles: count(row.get(18)?),
        num_sources: count(row.get(19)?),
        first_seen: row.get(20)?,
        last_seen: row.get(21)?,
        article: mention.article,
        url: row.get(23)?,
        sentence: mention.sentence,
        trigger: mention.trigger,
        milestone,
        milestone_since,
    })
}

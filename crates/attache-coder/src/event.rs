//! The coded event: the output contract of `attache code` (see ARCHITECTURE.md, "Output contract").

use serde::{Deserialize, Serialize};

/// An actor as it takes part in one event: who it is, and the words that named it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ActorRef {
    /// The words in the sentence that name the actor ("External Affairs Minister S Jaishankar", "he").
    pub text: String,
    /// ISO 3166 alpha-3, or UNO/EUR/IGO/IMG/NGO/MNC.
    pub code: String,
    /// GOV, MIL, REB, CVL, ... or empty for a state or organisation as a whole.
    pub sector: String,
    /// Short name of an organisation without a state code ("NATO", "ISIS").
    pub org: Option<String>,
    /// A person's name ("S Jaishankar").
    pub name: Option<String>,
    /// A person's office as the article gives it ("External Affairs Minister").
    pub role: Option<String>,
    /// 4 head of state/government, 3 minister, 2 deputy/ambassador, 1 envoy/official.
    pub rank: Option<u8>,
    /// Byte offsets of `text` in the article.
    pub span: [usize; 2],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    #[default]
    Asserted,
    Planned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    #[default]
    Unknown,
}

/// One interaction reported in one sentence of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Event {
    pub article: String,
    /// The sentence's text, verbatim.
    pub sentence: String,
    /// `[start, end]` byte offsets of the sentence in the article text.
    pub span: [usize; 2],
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    /// CAMEO code, 3 or 4 digits ("041", "1831").
    pub cameo: String,
    /// PLOVER event type ("CONSULT").
    pub plover: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    pub goldstein: f32,
    /// A joint act of both parties (signing together, clashing): direction carries no meaning.
    pub joint: bool,
    pub modality: Modality,
    /// True when the article recalls the event as context rather than reporting it as news.
    pub background: bool,
    /// "2025-05-15", "2025-05" or "2025".
    pub date: Option<String>,
    pub date_precision: DatePrecision,
    /// End of a range ("1999–2000" → date "1999", date_end "2000").
    pub date_end: Option<String>,
    /// The place as written ("Dubai"), or empty.
    pub location: String,
    /// ISO3 of the place's country, or empty.
    pub location_code: String,
    /// Latitude and longitude of the place from the GeoNames-derived gazetteer (a city's centre,
    /// a country's capital), or `null`.
    #[serde(default)]
    pub location_lat: Option<f64>,
    #[serde(default)]
    pub location_lon: Option<f64>,
    /// The article's novelty claim about this event ("the first ... since 2021").
    pub milestone: Option<String>,
    /// The claim's reference time ("2021-08", "2021").
    pub milestone_since: Option<String>,
    /// A direct quotation by the source in this event.
    pub quote: Option<String>,
    /// The words that signalled the event type ("held a telephonic conversation").
    pub trigger: String,
}

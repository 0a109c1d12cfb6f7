//! The coder: from an article and its [`attache_text::Doc`] to CAMEO/PLOVER [`Event`]s.
//!
//! Each stage is a module with one job: [`actors`] (who), [`lexicon`] (what kind of act),
//! [`roles`] (who did it to whom), [`modality`] (happened, planned, or not at all), [`dates`]
//! (when), [`places`] (where), [`ner`] (names no rule covers), [`milestones`] (novelty claims), and the [`pipeline`] that
//! assembles them into events, merged so that one occurrence is one event.

pub mod actors;
pub mod dates;
pub mod evaluation;
pub mod event;
pub mod lexicon;
mod merge;
pub mod milestones;
pub mod modality;
pub mod ner;
pub mod pipeline;
pub mod places;
pub mod quotes;
pub mod roles;
mod syntax_needed;
mod syntax_roles;
pub mod taxonomy;
mod verdicts;

pub use event::{ActorRef, DatePrecision, Event, Modality};
pub use pipeline::code_article;
pub use syntax_needed::{analyze_and_code, parse_for_coding};

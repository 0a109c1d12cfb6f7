//! The coder: from an article and its [`attache_text::Doc`] to CAMEO/PLOVER [`Event`]s.

pub mod actors;
pub mod dates;
pub mod event;
pub mod lexicon;
pub mod places;
pub mod taxonomy;

pub use event::{ActorRef, DatePrecision, Event, Modality};

//! The event lexicon: words and phrases that signal an event type, matched over a sentence's tokens.

use attache_text::{Doc, Sentence};

/// Whether a trigger is a verb phrase ("condemned") or an event noun ("the condemnation of").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    Verb,
    Noun,
}

/// A match of a lexicon entry in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// Token indices in the [`Doc`] covered by the match.
    pub tokens: std::ops::Range<usize>,
    /// Byte offsets of the match in the article text.
    pub start: usize,
    pub end: usize,
    /// CAMEO code of the entry.
    pub cameo: String,
    pub kind: TriggerKind,
    /// The verb is in the passive voice ("was killed"): the source follows "by".
    pub passive: bool,
    /// Prepositions that introduce the target after the trigger ("with", "to", "in").
    pub target_preps: Vec<String>,
    /// A joint act of both parties.
    pub joint: bool,
    /// The line of the lexicon that matched, for explanations.
    pub pattern: String,
}

/// The lexicon, loaded once.
pub struct Lexicon {}

impl Lexicon {
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: Lexicon = Lexicon {};
        &LEXICON
    }

    /// Every trigger in `sentence`, leftmost-longest, non-overlapping.
    pub fn find(&self, _text: &str, _doc: &Doc, _sentence: &Sentence) -> Vec<Trigger> {
        Vec::new()
    }
}

//! Actors: who each name in a sentence is, for which state, in which office, at which date.

use chrono::NaiveDate;

/// How a mention was recognised: the rule that explains it (shown by `attache actors`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A country name or short form ("India", "the US").
    Country,
    /// A capital or seat of government standing for its government ("New Delhi", "the Kremlin").
    Capital,
    /// A demonym or adjective ("Afghan", "Pakistani media").
    Adjective,
    /// An organisation from the dictionary (UN, NATO, Taliban, Daesh).
    Organisation,
    /// A title followed by a name ("Foreign Secretary Vikram Misri").
    TitledPerson,
    /// A person from the dictionary by name alone.
    KnownPerson,
    /// A title or group noun alone ("the foreign minister", "the Afghan delegation").
    Title,
    /// A later mention of a person's surname, resolved within the article.
    Surname,
    /// A pronoun resolved to the last salient actor.
    Pronoun,
}

/// One actor named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    /// Byte offsets into the article text.
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub sector: String,
    pub org: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub rank: Option<u8>,
    pub kind: MentionKind,
    /// The dictionary entry or rule that produced it, for explanations.
    pub rule: String,
}

/// Per-article memory: persons already named (for surnames) and the last salient actor (pronouns).
#[derive(Debug, Default, Clone)]
pub struct ArticleContext {
    pub people: Vec<ActorMention>,
    pub last_salient: Option<ActorMention>,
}

/// The actor dictionaries, loaded once.
pub struct ActorCoder {}

impl ActorCoder {
    /// The dictionaries embedded in the binary.
    pub fn embedded() -> &'static ActorCoder {
        static CODER: ActorCoder = ActorCoder {};
        &CODER
    }

    /// Actors in `text[start..end]` (a sentence of the article `text`), coded as of `date`.
    pub fn find(
        &self,
        _text: &str,
        _start: usize,
        _end: usize,
        _date: Option<NaiveDate>,
        _ctx: &mut ArticleContext,
    ) -> Vec<ActorMention> {
        Vec::new()
    }
}

//! Actors: who each name in a sentence is, for which state, in which office, at which date.
//!
//! Dictionaries (`data/actors/*.tsv`) are loaded once ([`dictionary`]); a sentence is cut into
//! dictionary atoms and words, and noun-phrase rules ([`recognize`]) turn them into mentions,
//! with surnames and pronouns resolved against the article so far ([`coref`]).

mod coref;
mod dictionary;
mod ner_fallback;
mod petrarch;
mod recognize;
mod user_dictionary;

#[cfg(test)]
mod audit_tests;
#[cfg(test)]
mod coverage_tests;
#[cfg(test)]
mod sector_tests;

use crate::event::ActorRef;
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
    /// Both parties of the article's last bilateral mention ("both sides", "the two countries",
    /// "the pair"): coded as the first, with the second as [`ActorMention::partner`].
    Pair,
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
    /// The other party (code, sector) when the mention stands for two ("both sides").
    pub partner: Option<(String, String)>,
    /// The parties after the partner when the mention stands for more than two ("all three").
    pub others: Vec<(String, String)>,
    /// The state an envoy or embassy is accredited to ("Chinese Ambassador to Malaysia"): whom
    /// the mention acts towards when the sentence names nobody else.
    /// Its code and sector, and the byte span of the words that name it.
    pub host: Option<((String, String), [usize; 2])>,
}

/// Per-article memory: persons already named (for surnames) and the last salient actor (pronouns).
#[derive(Debug, Default, Clone)]
pub struct ArticleContext {
    pub people: Vec<ActorMention>,
    /// The last person mentioned, for he/she/his/her.
    pub last_salient: Option<ActorMention>,
    /// The last organisation or group mentioned, for they/the group.
    pub last_group: Option<ActorMention>,
    /// How often each state has been named so far, in order of first mention: the article's
    /// home state ("the protesters", "riot police") is the one it names most.
    pub states: Vec<(String, u32)>,
    /// The two parties (code, sector) of the last sentence that named two or more actors of
    /// different codes, the article's most named first: what "both sides" refers to.
    pub pair: Option<[(String, String); 2]>,
    /// Every party of that sentence, most named first: what "all three" refers to.
    pub parties: Vec<(String, String)>,
    /// The last armed group named (rebels, militants, Islamic State): who "the assailants" and
    /// "its perpetrators" are once the article has named one.
    pub armed_group: Option<ActorMention>,
}

/// How many mentions a dateline's state counts for.
const DATELINE_WEIGHT: usize = 2;

/// Codes that stand for no state: never an article's home state.
const NON_STATE: &[&str] = &["UNO", "EUR", "IGO", "IMG", "NGO", "MNC"];

/// Whether `code` is a state's ISO3 code rather than empty or a non-state code.
pub(crate) fn is_state(code: &str) -> bool {
    code.len() == 3 && !NON_STATE.contains(&code)
}

impl ArticleContext {
    /// The state the article is about so far: the most named one, the first named on a tie.
    pub fn home_state(&self) -> Option<&str> {
        let mut best: Option<&(String, u32)> = None;
        for s in &self.states {
            if best.is_none_or(|b| s.1 > b.1) {
                best = Some(s);
            }
        }
        best.map(|b| b.0.as_str())
    }

    fn count(&self, code: &str) -> u32 {
        self.states.iter().find(|s| s.0 == code).map_or(0, |s| s.1)
    }

    /// After a sentence: its two most named parties (in the article so far) become the pair
    /// that "both sides" and "the two countries" refer to. Groupings of states (IGO) and
    /// non-state codes that are rarely a party of their own (NGO, MNC, IMG) are left out.
    fn update_pair(&mut self, mentions: &[ActorMention]) {
        let mut parties: Vec<(&str, &str, usize)> = Vec::new();
        for (k, m) in mentions.iter().enumerate() {
            let eligible = !m.code.is_empty()
                && !matches!(m.code.as_str(), "IGO" | "NGO" | "MNC" | "IMG")
                && !matches!(m.kind, MentionKind::Pronoun | MentionKind::Pair)
                && !m.rule.starts_with("home-state");
            if eligible && !parties.iter().any(|p| p.0 == m.code) {
                parties.push((&m.code, &m.sector, k));
            }
        }
        if parties.len() < 2 {
            return;
        }
        // Most named first; the first named on a tie (the sort is stable).
        parties.sort_by_key(|p| std::cmp::Reverse(self.count(p.0)));
        self.parties = parties
            .iter()
            .map(|p| (p.0.to_string(), p.1.to_string()))
            .collect();
        let mut two = [parties[0], parties[1]];
        two.sort_by_key(|p| p.2);
        self.pair = Some(two.map(|p| (p.0.to_string(), p.1.to_string())));
    }

    /// The state of an article's dateline ("PESHAWAR, Jan 30", "BEIJING (AP) —"): where the
    /// story is told from weighs like several mentions.
    pub fn count_dateline(&mut self, code: &str) {
        for _ in 0..DATELINE_WEIGHT {
            self.count_state(code);
        }
    }

    fn count_state(&mut self, code: &str) {
        if !is_state(code) {
            return;
        }
        match self.states.iter_mut().find(|s| s.0 == code) {
            Some(s) => s.1 += 1,
            None => self.states.push((code.to_string(), 1)),
        }
    }
}

/// The actor dictionaries: the embedded ones, or those with users' files on top.
pub struct ActorCoder {
    /// `None` for the embedded dictionaries alone (shared, parsed once).
    dict: Option<dictionary::Dict>,
}

/// The coder the pipeline uses, when a command installed one built with users' files.
static ACTIVE: std::sync::OnceLock<ActorCoder> = std::sync::OnceLock::new();

/// The format of a user's dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictionaryFormat {
    /// attache's own TOML (see `user_dictionary`).
    Toml,
    /// A PETRARCH/TABARI actors file (`Phoenix.Countries.actors.txt`).
    PetrarchActors,
    /// A PETRARCH/TABARI agents file (`Phoenix.agents.txt`).
    PetrarchAgents,
}

impl DictionaryFormat {
    /// By extension, else by content: TOML tables, or agent codes (`[~GOV]`).
    pub fn detect(name: &str, text: &str) -> DictionaryFormat {
        let toml_tables = ["[[person]]", "[[organisation]]", "[[title]]"];
        if name.to_lowercase().ends_with(".toml")
            || text.lines().any(|l| toml_tables.contains(&l.trim()))
        {
            DictionaryFormat::Toml
        } else if petrarch::is_agents(text) {
            DictionaryFormat::PetrarchAgents
        } else {
            DictionaryFormat::PetrarchActors
        }
    }
}

impl ActorCoder {
    /// The dictionaries embedded in the binary.
    pub fn embedded() -> &'static ActorCoder {
        static CODER: ActorCoder = ActorCoder { dict: None };
        &CODER
    }

    /// The coder installed by [`Self::install`], else the embedded one.
    pub fn active() -> &'static ActorCoder {
        ACTIVE.get().unwrap_or_else(|| Self::embedded())
    }

    /// Makes `coder` the one [`Self::active`] returns for the rest of the process (a command
    /// does this once, before coding, with the `--actors` files). Fails if one was installed.
    pub fn install(coder: ActorCoder) -> Result<(), String> {
        ACTIVE
            .set(coder)
            .map_err(|_| "an actor dictionary was already installed".to_string())
    }

    /// The embedded dictionaries with the given files on top (TOML, PETRARCH/TABARI actors or
    /// agents, detected by [`DictionaryFormat::detect`]).
    pub fn with_files<P: AsRef<std::path::Path>>(paths: &[P]) -> Result<ActorCoder, String> {
        let mut files = Vec::new();
        for p in paths {
            let p = p.as_ref();
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            files.push((p.display().to_string(), text));
        }
        Self::with_sources(&files)
    }

    /// [`Self::with_files`] on texts already read, each with the name it is reported by.
    /// TOML entries win over embedded entries of the same name; imported PETRARCH/TABARI
    /// entries only add names the embedded dictionaries lack.
    pub fn with_sources(files: &[(String, String)]) -> Result<ActorCoder, String> {
        let mut extra = dictionary::Extra::default();
        for (name, text) in files {
            let (entries, into) = match DictionaryFormat::detect(name, text) {
                DictionaryFormat::Toml => (
                    user_dictionary::parse(text).map_err(|e| format!("{name}: {e}"))?,
                    &mut extra.over,
                ),
                DictionaryFormat::PetrarchAgents => {
                    (petrarch::parse_agents(text), &mut extra.under)
                }
                DictionaryFormat::PetrarchActors => {
                    (petrarch::parse_actors(text), &mut extra.under)
                }
            };
            into.orgs.extend(entries.orgs);
            into.people.extend(entries.people);
            into.titles.extend(entries.titles);
        }
        Ok(ActorCoder {
            dict: Some(dictionary::Dict::load(extra)),
        })
    }

    fn dict(&self) -> &dictionary::Dict {
        self.dict
            .as_ref()
            .unwrap_or_else(|| dictionary::Dict::get())
    }

    /// How many organisations, people and titles the coder knows (for reports and tests).
    pub fn sizes(&self) -> (usize, usize, usize) {
        let d = self.dict();
        (d.orgs.len(), d.people.len(), d.titles.len())
    }

    /// Actors in `text[start..end]` (a sentence of the article `text`), coded as of `date`:
    /// sorted by start, non-overlapping, each covering the whole phrase that names the actor.
    pub fn find(
        &self,
        text: &str,
        start: usize,
        end: usize,
        date: Option<NaiveDate>,
        ctx: &mut ArticleContext,
    ) -> Vec<ActorMention> {
        let end = end.min(text.len());
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Vec::new();
        }
        recognize::Parser::new(self.dict(), text, start, end, date).run(ctx)
    }

    /// The actor named by `text[start..end]` coded as of `date`, the event's date rather than the
    /// publication date `find` was given: the office a person held then (a former holder is
    /// `ELI`), the Taliban as `AFG REB` before 2021-08-15. `None` when the span does not name one
    /// actor on its own (pronouns, surnames and home-state groups need the article's context) or
    /// names no state, so the caller keeps what it had.
    pub fn recode(
        &self,
        text: &str,
        start: usize,
        end: usize,
        date: NaiveDate,
    ) -> Option<ActorMention> {
        let mut ctx = ArticleContext::default();
        match self.find(text, start, end, Some(date), &mut ctx).as_slice() {
            [m] if m.start == start && m.end == end && !m.code.is_empty() => Some(m.clone()),
            _ => None,
        }
    }

    /// [`Self::recode`] applied to an event's actor in place: code, sector, role and rank.
    pub fn recode_ref(&self, text: &str, actor: &mut ActorRef, date: NaiveDate) {
        let [start, end] = actor.span;
        if let Some(m) = self.recode(text, start, end, date) {
            actor.code = m.code;
            actor.sector = m.sector;
            actor.org = m.org;
            if m.role.is_some() {
                actor.role = m.role;
            }
            actor.rank = m.rank;
        }
    }

    /// Every actor in `text` read as one span with a fresh context (for `attache actors`).
    pub fn explain(&self, text: &str, date: Option<NaiveDate>) -> Vec<ActorMention> {
        let mut ctx = ArticleContext::default();
        self.find(text, 0, text.len(), date, &mut ctx)
    }
}

#[cfg(test)]
mod tests;

//! Who is the source and who the target of a trigger. With a dependency parse, a verb's subject,
//! object, prepositional complement and passive agent come from the tree (`syntax_roles`); word
//! order fills in where the tree names no actor, and decides alone for event nouns and for
//! documents analysed without syntax: the subject before a verb, the object or the prepositional
//! complement after it, the "by" agent of a passive, the possessor of an event noun
//! ("Afghanistan's condemnation of").

use crate::actors::{ActorMention, MentionKind};
use crate::lexicon::{Trigger, TriggerKind};
use attache_text::Doc;

/// A sentence as the role finder sees it: its lowercased words with their byte offsets (into the
/// article) and the actors named in it.
pub struct Clause<'a> {
    pub words: &'a [Word<'a>],
    pub actors: &'a [ActorMention],
    /// The article's analysis; with a dependency parse, subjects, objects and agents come from
    /// the tree and word order is the fallback.
    pub doc: Option<&'a Doc>,
}

/// One token: lowercased text and byte offsets into the article.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    pub lower: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The chosen participants, as indexes into [`Clause::actors`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// Source and target are coordinated subjects acting together ("A and B signed").
    pub joint: bool,
    /// The source's coordinated partners ("Congo, the US and UN experts accuse ..."): each acts
    /// as the source does; for a joint act, every pair of parties is one event.
    pub co_sources: Vec<usize>,
}

const PREPOSITIONS: &[&str] = &[
    "of", "for", "from", "in", "at", "to", "with", "on", "by", "against", "between", "about",
    "into", "over", "among", "inside", "outside", "near", "toward", "towards", "across", "via",
];
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that",
];
/// Words that end the stretch in which an object or complement can still belong to the trigger.
const OBJECT_STOPS: &[&str] = &[
    ";",
    ":",
    ".",
    "which",
    "who",
    "while",
    "whereas",
    "but",
    "after",
    "before",
    "because",
    "when",
    "where",
    "said",
    "says",
    "according",
    "—",
];
/// How many words may separate a trigger from its object or complement.
const OBJECT_REACH: usize = 10;

impl Clause<'_> {
    fn word_index_at(&self, byte: usize) -> usize {
        self.words.partition_point(|w| w.end <= byte)
    }

    /// The word right before `byte`, skipping determiners.
    fn word_before(&self, byte: usize) -> Option<&str> {
        let mut i = self.word_index_at(byte);
        while i > 0 {
            i -= 1;
            let w = self.words[i].lower;
            if !DETERMINERS.contains(&w) {
                return Some(w);
            }
        }
        None
    }

    fn words_between(&self, from: usize, to: usize) -> &[Word<'_>] {
        let a = self.word_index_at(from);
        let b = self.word_index_at(to).max(a);
        &self.words[a..b]
    }

    fn has_code(&self, i: usize) -> bool {
        !self.actors[i].code.is_empty()
    }
}

/// Chooses source and target for `trigger`.
pub fn assign(clause: &Clause<'_>, trigger: &Trigger) -> Roles {
    let mut roles = if trigger.passive {
        passive_roles(clause, trigger)
    } else if trigger.kind == TriggerKind::Noun {
        noun_roles(clause, trigger)
    } else {
        let source = subject(clause, trigger.start);
        Roles {
            source,
            target: object(clause, trigger, source),
            ..Roles::default()
        }
    };
    if trigger.kind == TriggerKind::Noun && between_pair(clause, trigger.end).is_none() {
        if let Some(doc) = clause.doc.filter(|d| d.has_syntax()) {
            // The tree tells the noun's own complements from actors that merely follow it ("talks
            // at Elmendorf Air Force Base"), and finds who performs it ("A and B concluded talks").
            let parsed = crate::syntax_roles::noun_roles(doc, clause, trigger);
            let within =
                |i: &usize| crate::syntax_roles::in_phrase_of(doc, clause, *i, trigger.head);
            roles.source = parsed.source.or(roles.source.filter(within));
            // A complement the entry's preposition introduces counts even where the parse hangs
            // it on the verb ("focused on trade at talks with a Peruvian delegation").
            let introduced = prepositional_object(clause, trigger, trigger.end);
            roles.target = parsed
                .target
                .or(introduced.filter(|&i| Some(i) != roles.source))
                .or(roles.target.filter(within));
        }
    }
    if trigger.kind == TriggerKind::Verb {
        if let Some(parsed) = clause.doc.filter(|d| d.has_syntax()) {
            // The tree's participants win; where it names no actor (a subject phrase the actor
            // finder did not code, a target in a construction the tree misreads), word order
            // still offers one.
            let parsed = crate::syntax_roles::verb_roles(parsed, clause, trigger, roles.source);
            roles.source = parsed.source.or(roles.source);
            roles.target = parsed.target.or(roles.target);
        }
    }
    if roles.source.is_some() && roles.source == roles.target {
        roles.target = None;
    }
    if trigger.repels && roles.target.is_some() {
        // "The army fended off an M23 offensive": the offensive was M23's, against the army.
        std::mem::swap(&mut roles.source, &mut roles.target);
    }
    let Some(source) = roles.source else {
        return roles;
    };
    let code = &clause.actors[source].code;
    let mut partners: Vec<usize> = coordination(clause, source)
        .into_iter()
        .filter(|&i| i != source && &clause.actors[i].code != code && Some(i) != roles.target)
        .collect();
    // "A and B signed" is one act of both; "China and Russia were in favour" is two acts with
    // nobody on the receiving end, so nothing to code.
    if roles.target.is_none() && !partners.is_empty() && acts_together(trigger) {
        roles.target = Some(partners.remove(0));
        roles.joint = true;
    }
    roles.co_sources = partners;
    roles
}

/// Event types that coordinated parties do with each other when no one else is named: meeting,
/// agreeing, cooperating, signing, settling.
pub(crate) fn acts_together(trigger: &Trigger) -> bool {
    trigger.joint
        || matches!(&trigger.cameo[..2], "03" | "04" | "06" | "08")
        || trigger.cameo.starts_with("057")
}

/// "X was killed by Y": Y is the source, X the target.
fn passive_roles(clause: &Clause<'_>, trigger: &Trigger) -> Roles {
    let agent = after_preposition(clause, trigger.end, &["by"], 6);
    Roles {
        source: agent,
        target: subject(clause, trigger.start),
        ..Roles::default()
    }
}

/// Event nouns: the possessor ("Afghanistan's condemnation of"), "between A and B" or "by X".
/// The subject of the surrounding clause is not taken: "X welcomed the attack's condemnation" says
/// nothing of who attacked. With a parse, `syntax_roles::noun_roles` adds the subject of a verb that
/// performs the noun ("concluded talks").
fn noun_roles(clause: &Clause<'_>, trigger: &Trigger) -> Roles {
    if let Some((a, b)) = between_pair(clause, trigger.end) {
        return Roles {
            source: Some(a),
            target: Some(b),
            ..Roles::default()
        };
    }
    // The agent follows the noun directly ("the attack by militants"); in "the talks, mediated
    // by Qatar", Qatar is the mediator, not a party.
    let source = possessor(clause, trigger.start)
        .or_else(|| after_preposition(clause, trigger.end, &["by"], 1));
    let mut target = object(clause, trigger, source);
    if target == source {
        target = None;
    }
    Roles {
        source,
        target,
        ..Roles::default()
    }
}

/// The actor that owns an event noun: it ends at most two words before it ("Japan's sudden
/// condemnation", "his visit").
fn possessor(clause: &Clause<'_>, trigger_start: usize) -> Option<usize> {
    let i = clause.actors.iter().rposition(|a| a.end <= trigger_start)?;
    let gap = clause.words_between(clause.actors[i].end, trigger_start);
    let close = gap.len() <= 2
        && gap.iter().all(|w| {
            w.lower
                .chars()
                .all(|c| c.is_alphabetic() || c == '’' || c == '\'' || c == '-')
        });
    (close && clause.has_code(i)).then_some(i)
}

/// "talks between A and B".
fn between_pair(clause: &Clause<'_>, from: usize) -> Option<(usize, usize)> {
    // "the meeting in the southern city of Kandahar between A and B": a place or time phrase may
    // come between the noun and its "between".
    let scene_first = clause
        .words
        .get(clause.word_index_at(from))
        .is_some_and(|w| matches!(w.lower, "in" | "at" | "on"));
    let reach = if scene_first { 10 } else { 3 };
    let first = after_preposition(clause, from, &["between"], reach)?;
    // "between a Taliban delegation led by Foreign Minister Muttaqi, the Norwegian government
    // and ...": the leader named inside the first party's phrase is not the second party.
    const LEADER: &[&str] = &["led", "headed", "by"];
    let mut last = first;
    for next in first + 1..clause.actors.len() {
        let gap = clause.words_between(clause.actors[last].end, clause.actors[next].start);
        let is = |set: &[&str]| !gap.is_empty() && gap.iter().all(|w| set.contains(&w.lower));
        if is(LEADER) && clause.actors[first].code == clause.actors[next].code {
            last = next;
            continue;
        }
        let listed = is(&[",", "and"]) && (gap.len() == 1 || last != first);
        return (listed && clause.has_code(next)).then_some((first, next));
    }
    None
}

/// The subject of the verb starting at `trigger_start`: the nearest actor before it that is not
/// inside a prepositional phrase nor an apposition, in the same clause.
pub fn subject(clause: &Clause<'_>, trigger_start: usize) -> Option<usize> {
    let before: Vec<usize> = (0..clause.actors.len())
        .filter(|&i| clause.actors[i].end <= trigger_start)
        .collect();
    if let Some(i) = participle_head(clause, &before, trigger_start) {
        return Some(i);
    }
    if let Some(i) = apposition_head(clause, &before, trigger_start) {
        return Some(i);
    }
    for &i in before.iter().rev() {
        let gap = clause.words_between(clause.actors[i].end, trigger_start);
        if let Some(stands_for) = speaker_stands_for(clause, i, gap) {
            return stands_for.then_some(i);
        }
        if gap
            .iter()
            .any(|w| OBJECT_STOPS.contains(&w.lower) && w.lower != "when")
        {
            return None;
        }
        if !clause.has_code(i) || in_prepositional_phrase(clause, i) {
            continue;
        }
        return Some(i);
    }
    None
}

/// The speaker of "A said (on Monday) (that) it …" when `verb_start` is the reported verb:
/// the pronoun subject of a clause its speaker reports stands for the speaker.
pub fn reported_speaker(clause: &Clause<'_>, verb_start: usize) -> Option<usize> {
    let i = clause.actors.iter().rposition(|a| a.end <= verb_start)?;
    let gap = clause.words_between(clause.actors[i].end, verb_start);
    speaker_stands_for(clause, i, gap)?.then_some(i)
}

/// When `gap`, the words after actor `i`, reads "A said (…) it", whether the pronoun stands for
/// A (a coded actor it agrees with); `None` when it does not read so.
fn speaker_stands_for(clause: &Clause<'_>, i: usize, gap: &[Word<'_>]) -> Option<bool> {
    let pronoun = speaker_is_subject(gap)?;
    Some(clause.has_code(i) && pronoun_agrees(&clause.actors[i], pronoun))
}

/// "reports from Pakistani media alleging ...": a participle right after a noun phrase modifies
/// it, and that phrase is its subject even inside a prepositional phrase.
fn participle_head(clause: &Clause<'_>, before: &[usize], trigger_start: usize) -> Option<usize> {
    let at = clause.word_index_at(trigger_start);
    if !clause.words.get(at)?.lower.ends_with("ing") {
        return None;
    }
    let &last = before.last()?;
    let gap = clause.words_between(clause.actors[last].end, trigger_start);
    (gap.is_empty() && clause.has_code(last)).then_some(last)
}

/// "Russia said it has accepted ...": the reported clause's pronoun subject is the speaker. Gives
/// that pronoun when the words between a speaker and a verb have this shape.
fn speaker_is_subject<'w>(gap: &[Word<'w>]) -> Option<&'w str> {
    const SAYING: &[&str] = &["said", "says", "announced", "stated", "added", "confirmed"];
    const PRONOUNS: &[&str] = &["it", "he", "she", "they", "we"];
    let k = gap.iter().position(|w| SAYING.contains(&w.lower))?;
    // When it was said sits between the verb and its clause: "said on Thursday that it".
    const WHEN: &[&str] = &[
        "that",
        "on",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "earlier",
        "later",
        "late",
        "morning",
        "afternoon",
        "evening",
        "night",
    ];
    let rest: Vec<&str> = gap[k + 1..]
        .iter()
        .map(|w| w.lower)
        .filter(|w| !WHEN.contains(w))
        .collect();
    let reported = k <= 1
        && rest.first().is_some_and(|w| PRONOUNS.contains(w))
        && rest.len() <= 4
        && !rest.iter().any(|w| OBJECT_STOPS.contains(w) || *w == ",");
    reported.then(|| rest[0])
}

/// Whether `pronoun` can stand for `actor`: "it" for a state or a body, "he"/"she" for a
/// person ("Kenya's president said it …" is not about the president).
fn pronoun_agrees(actor: &ActorMention, pronoun: &str) -> bool {
    /// Titles that name a body, not a person.
    const BODIES: &[&str] = &[
        "government",
        "ministry",
        "army",
        "military",
        "delegation",
        "group",
        "council",
        "committee",
        "office",
        "embassy",
        "mission",
        "police",
        "forces",
        "administration",
        "party",
        "agency",
        "court",
        "parliament",
        "cabinet",
        "regime",
        "authorities",
    ];
    let body = match actor.kind {
        MentionKind::Country
        | MentionKind::Capital
        | MentionKind::Adjective
        | MentionKind::Organisation
        | MentionKind::Pair => true,
        MentionKind::TitledPerson | MentionKind::KnownPerson | MentionKind::Surname => false,
        MentionKind::Title | MentionKind::Pronoun => {
            actor.name.is_none()
                && actor.role.as_deref().is_none_or(|r| {
                    let r = r.to_ascii_lowercase();
                    BODIES.iter().any(|b| r.ends_with(b))
                })
        }
    };
    match pronoun {
        "it" => body,
        "he" | "she" => !body,
        _ => true,
    }
}

/// "A, the envoy for B and C, travelled": the trigger follows a comma-closed apposition whose head
/// is a person or a group named right before the opening comma.
fn apposition_head(clause: &Clause<'_>, before: &[usize], trigger_start: usize) -> Option<usize> {
    let last = clause.words_between(0, trigger_start).last()?;
    if last.lower != "," {
        return None;
    }
    before.iter().rev().copied().find(|&i| {
        let gap = clause.words_between(clause.actors[i].end, trigger_start);
        gap.len() > 2
            && gap.first().is_some_and(|w| w.lower == ",")
            && clause.has_code(i)
            && !in_prepositional_phrase(clause, i)
            && !gap.iter().any(|w| OBJECT_STOPS.contains(&w.lower))
    })
}

/// Whether an actor is the object of a preposition, following a coordination back to its first
/// member ("for Afghanistan, Iran, and Pakistan").
fn in_prepositional_phrase(clause: &Clause<'_>, mut i: usize) -> bool {
    loop {
        match clause.word_before(clause.actors[i].start) {
            Some(w) if PREPOSITIONS.contains(&w) || w == "according" => return true,
            Some("and" | "or" | ",") if i > 0 => {
                let gap = clause.words_between(clause.actors[i - 1].end, clause.actors[i].start);
                if gap.len() <= 2 && gap.iter().all(|w| matches!(w.lower, "and" | "or" | ",")) {
                    i -= 1;
                    continue;
                }
                return false;
            }
            _ => return false,
        }
    }
}

/// The target: an actor introduced by one of the trigger's prepositions, else the direct object.
/// Actors coded like the source are skipped: "reiterated New Delhi's commitment to" names the
/// source again, not its target.
fn object(clause: &Clause<'_>, trigger: &Trigger, source: Option<usize>) -> Option<usize> {
    let same_as_source = |i: usize| {
        source.is_some_and(|s| {
            let (a, b) = (&clause.actors[s], &clause.actors[i]);
            a.code == b.code && a.sector == b.sector
        })
    };
    // Lexicon entries may span their object ("urged Tehran to", "rebuffed Iran's allegations"):
    // the object is looked for right after the trigger's head word.
    let head_end = clause
        .words
        .get(clause.word_index_at(trigger.start))
        .map_or(trigger.end, |w| w.end);
    if let Some(i) = prepositional_object(clause, trigger, head_end) {
        return Some(i);
    }
    let i = (0..clause.actors.len())
        .find(|&i| clause.actors[i].start >= head_end && !same_as_source(i))?;
    let gap = clause.words_between(head_end, clause.actors[i].start);
    // An event noun's complement is close ("condemnation of the militants"); further on, the
    // actors named belong to the complement's own story.
    let reach = if trigger.kind == TriggerKind::Noun {
        4
    } else {
        OBJECT_REACH
    };
    let reachable = gap.len() <= reach
        && !gap
            .iter()
            .any(|w| OBJECT_STOPS.contains(&w.lower) || w.lower == "according");
    (reachable && clause.has_code(i)).then_some(i)
}

/// The actor introduced by one of the trigger's prepositions after its head word ends at
/// `head_end` ("talks with", "visit to").
fn prepositional_object(clause: &Clause<'_>, trigger: &Trigger, head_end: usize) -> Option<usize> {
    let preps: Vec<&str> = trigger.target_preps.iter().map(String::as_str).collect();
    after_preposition(clause, head_end, &preps, OBJECT_REACH)
}

/// The first actor after `from` that follows one of `preps` within `reach` words.
fn after_preposition(
    clause: &Clause<'_>,
    from: usize,
    preps: &[&str],
    reach: usize,
) -> Option<usize> {
    let start = clause.word_index_at(from);
    let end = (start + reach).min(clause.words.len());
    for w in &clause.words[start..end] {
        if OBJECT_STOPS.contains(&w.lower) {
            return None;
        }
        if preps.contains(&w.lower) {
            let i = clause.actors.iter().position(|a| a.start >= w.end)?;
            let gap = clause.words_between(w.end, clause.actors[i].start);
            if gap.len() <= 3 && clause.has_code(i) {
                return Some(i);
            }
        }
    }
    None
}

/// The members of the coordination that actor `i` belongs to, in order and `i` included: "Congo,
/// the United States and U.N. experts". A list needs its "and" (or "or", "as well as"): in "met
/// Wang Yi, a Taliban official said" the comma closes an apposition, not a list.
pub fn coordination(clause: &Clause<'_>, i: usize) -> Vec<usize> {
    #[derive(PartialEq)]
    enum Join {
        Comma,
        Conjunction,
    }
    let join = |a: usize, b: usize| {
        let gap: Vec<&str> = clause
            .words_between(clause.actors[a].end, clause.actors[b].start)
            .iter()
            .map(|w| w.lower)
            .collect();
        match gap.as_slice() {
            [","] => Some(Join::Comma),
            ["and" | "or"] | ["," | "and" | "or", "and" | "or"] | ["as", "well", "as"] => {
                Some(Join::Conjunction)
            }
            _ => None,
        }
    };
    let (mut first, mut last) = (i, i);
    while first > 0 && clause.has_code(first - 1) && join(first - 1, first).is_some() {
        first -= 1;
    }
    while last + 1 < clause.actors.len()
        && clause.has_code(last + 1)
        && join(last, last + 1).is_some()
    {
        last += 1;
    }
    // The list ends at the member its conjunction introduces; a comma-joined tail after it
    // belongs to the next phrase ("met A and B, a Taliban official said").
    match (first..last)
        .rev()
        .find(|&k| join(k, k + 1) == Some(Join::Conjunction))
    {
        Some(k) if k + 1 >= i => (first..=k + 1).collect(),
        _ => vec![i],
    }
}

//! Participants from the dependency parse: the subject of a verb trigger, its object or the
//! complement of one of its prepositions, the "by" agent of a passive. An argument is the actor
//! its phrase names, looked for through the phrase's own modifiers ("Defence chiefs of Pakistan")
//! but not inside clauses attached to it ("officials who met ...").

use crate::lexicon::Trigger;
use crate::roles::Clause;
use attache_text::Doc;

/// Relations that open a new clause: actors below them belong to another predication.
const CLAUSAL: &[&str] = &["acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"];

/// What the parse says of a verb trigger's participants: indexes into `clause.actors`, `None`
/// where the parse offers no actor.
pub struct ParsedRoles {
    pub source: Option<usize>,
    pub target: Option<usize>,
}

/// Source and target of a verb trigger from the parse; `word_order_source` stands in for a
/// subject the tree does not find when telling the source's own mentions from a target.
pub fn verb_roles(
    doc: &Doc,
    clause: &Clause<'_>,
    trigger: &Trigger,
    word_order_source: Option<usize>,
) -> ParsedRoles {
    let head = trigger.head;
    let subject = doc.subject(head);
    let passive = trigger.passive || subject.is_some_and(|s| doc.is_rel(s, "nsubj:pass"));
    let subject_actor = subject.and_then(|s| actor_in_phrase(doc, clause, s, None));
    if passive {
        let agent = doc
            .agent(head)
            .and_then(|a| actor_in_phrase(doc, clause, a, None));
        return ParsedRoles {
            source: agent,
            target: subject_actor,
        };
    }
    let source = subject_actor.or(word_order_source);
    let by_preposition = doc
        .children(head)
        .filter(|&j| doc.is_rel(j, "obl") && trigger.target_preps.contains(&preposition(doc, j)))
        .find_map(|j| actor_in_phrase(doc, clause, j, source));
    let object = doc
        .object(head)
        .and_then(|o| actor_in_phrase(doc, clause, o, source));
    let target = by_preposition.or(object).filter(|&t| Some(t) != source);
    ParsedRoles {
        source: subject_actor,
        target,
    }
}

/// The coded actor that phrase `root` names: the actor holding its head word, else the nearest
/// one among its modifiers, breadth first, not descending into clauses. Actors coded like
/// `source` are passed over: in "reiterated New Delhi's commitment to" the source names itself.
fn actor_in_phrase(
    doc: &Doc,
    clause: &Clause<'_>,
    root: usize,
    source: Option<usize>,
) -> Option<usize> {
    let like_source = |i: usize| {
        source.is_some_and(|s| {
            let (a, b) = (&clause.actors[s], &clause.actors[i]);
            a.code == b.code && a.sector == b.sector
        })
    };
    let mut queue = std::collections::VecDeque::from([(root, 0usize)]);
    while let Some((t, depth)) = queue.pop_front() {
        if let Some(i) = actor_at(doc, clause, t).filter(|&i| !like_source(i)) {
            return Some(i);
        }
        if depth >= 3 {
            continue;
        }
        for c in doc.children(t) {
            let rel = doc.deprel(c);
            if CLAUSAL.iter().any(|r| doc.is_rel(c, r)) || rel == "conj" || rel == "cc" {
                continue;
            }
            queue.push_back((c, depth + 1));
        }
    }
    None
}

/// The coded actor whose span holds token `t`.
fn actor_at(doc: &Doc, clause: &Clause<'_>, t: usize) -> Option<usize> {
    let tok = doc.tokens.get(t)?;
    clause
        .actors
        .iter()
        .position(|a| a.start <= tok.start && tok.end <= a.end && !a.code.is_empty())
}

/// Verbs that perform the event noun they govern rather than report on it: "held talks",
/// "concluded three hours of talks", "launched an attack on", "paid a visit to". Reporting verbs
/// ("condemned the attack", "welcomed the talks") are left out: their subject did not attack.
const PERFORMING_VERBS: &[&str] = &[
    "hold",
    "have",
    "conclude",
    "begin",
    "start",
    "open",
    "resume",
    "continue",
    "conduct",
    "attend",
    "join",
    "complete",
    "wrap",
    "finish",
    "launch",
    "carry",
    "stage",
    "mount",
    "pay",
    "make",
    "undertake",
    "host",
    "chair",
    "lead",
    "convene",
    "organize",
    "organise",
    "co-chair",
    "co-host",
    "kick",
];

/// Participants of an event noun from the parse: its possessor or "by" agent as source, the
/// complement of one of the entry's prepositions as target; without a possessor, the subject of
/// the verb that performs the noun ("A and B concluded talks", "A focused on X at talks with B").
pub fn noun_roles(doc: &Doc, clause: &Clause<'_>, trigger: &Trigger) -> ParsedRoles {
    let head = trigger.head;
    let mut source = None;
    for c in doc.children(head) {
        let by_agent = doc.is_rel(c, "nmod") && preposition(doc, c) == "by";
        if doc.is_rel(c, "nmod:poss") || by_agent {
            source = source.or_else(|| actor_in_phrase(doc, clause, c, None));
        }
    }
    let source = source.or_else(|| performer(doc, clause, head));
    let target = doc
        .children(head)
        .filter(|&c| doc.is_rel(c, "nmod"))
        .filter(|&c| trigger.target_preps.contains(&preposition(doc, c)))
        .find_map(|c| actor_in_phrase(doc, clause, c, source))
        .or_else(|| struck_by(doc, clause, head, source))
        .filter(|&t| Some(t) != source);
    ParsedRoles { source, target }
}

/// Verbs of a relative clause that say whom an attack struck: "bombings which killed 30 people
/// in Kenya", "an attack that targeted the embassy".
const STRIKING_VERBS: &[&str] = &["kill", "wound", "injure", "target", "hit", "strike"];

/// The object of a striking verb in a relative clause on event noun `noun`.
fn struck_by(doc: &Doc, clause: &Clause<'_>, noun: usize, source: Option<usize>) -> Option<usize> {
    doc.children(noun)
        .filter(|&c| doc.is_rel(c, "acl"))
        .filter(|&c| STRIKING_VERBS.contains(&doc.lemma(c).to_ascii_lowercase().as_str()))
        .find_map(|c| doc.object(c))
        .and_then(|o| actor_in_phrase(doc, clause, o, source))
}

/// Whether the actor `i` of `clause` sits inside the phrase headed by token `head`.
pub fn in_phrase_of(doc: &Doc, clause: &Clause<'_>, i: usize, head: usize) -> bool {
    let actor = &clause.actors[i];
    let first = doc.tokens.partition_point(|tok| tok.end <= actor.start);
    (first..doc.tokens.len())
        .take_while(|&t| doc.tokens[t].end <= actor.end)
        .any(|t| dominates(doc, head, t))
}

/// Whether token `t` is `head` or lies below it in the tree.
fn dominates(doc: &Doc, head: usize, mut t: usize) -> bool {
    for _ in 0..12 {
        if t == head {
            return true;
        }
        match doc.head(t) {
            Some(h) => t = h,
            None => return false,
        }
    }
    false
}

/// The verb that performs event noun `noun`: the noun (or a measure of it: "three hours of
/// talks", "a round of talks") is the object of a performing verb, or the complement of "at" /
/// "during" ("at talks with"), of "in" after "take part" / "engage", or of "to" after "agree"
/// ("agreed to a ceasefire").
pub fn performing_verb(doc: &Doc, noun: usize) -> Option<usize> {
    let mut n = noun;
    for _ in 0..2 {
        match doc.head(n) {
            Some(h)
                if doc.is_rel(n, "nmod")
                    && preposition(doc, n) == "of"
                    && doc.upos(h) == "NOUN" =>
            {
                n = h
            }
            _ => break,
        }
    }
    let verb = doc.head(n)?;
    let lemma = doc.lemma(verb).to_ascii_lowercase();
    let performs = if doc.is_rel(n, "obj") {
        PERFORMING_VERBS.contains(&lemma.as_str())
    } else if doc.is_rel(n, "obl") {
        match preposition(doc, n).as_str() {
            "at" | "during" => true,
            "in" => matches!(lemma.as_str(), "engage" | "participate" | "take"),
            // Who agrees to a truce or a deal declares it.
            "to" => matches!(lemma.as_str(), "agree" | "commit"),
            _ => false,
        }
    } else {
        false
    };
    (performs && doc.upos(verb) == "VERB").then_some(verb)
}

/// The subject of the clause that performs event noun `noun` (see [`performing_verb`]).
fn performer(doc: &Doc, clause: &Clause<'_>, noun: usize) -> Option<usize> {
    let verb = performing_verb(doc, noun)?;
    let subject = doc
        .subject(verb)
        .filter(|&s| !doc.is_rel(s, "nsubj:pass"))?;
    // "IS said on Thursday that it carried out the bombings": the pronoun is the speaker.
    actor_in_phrase(doc, clause, subject, None).or_else(|| {
        Some(subject)
            .filter(|&s| doc.upos(s) == "PRON")
            .and_then(|_| crate::roles::reported_speaker(clause, doc.tokens[verb].start))
    })
}

/// The lowercased preposition (`case` dependent) of token `t`, or `""`.
fn preposition(doc: &Doc, t: usize) -> String {
    doc.children(t)
        .find(|&k| doc.deprel(k) == "case")
        .map(|k| doc.lemma(k).to_ascii_lowercase())
        .unwrap_or_default()
}

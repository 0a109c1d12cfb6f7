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
    let by_preposition = doc.children(head).find_map(|j| {
        let prep = doc.children(j).find(|&k| doc.deprel(k) == "case")?;
        let word = doc.lemma(prep).to_ascii_lowercase();
        (doc.is_rel(j, "obl") && trigger.target_preps.contains(&word))
            .then(|| actor_in_phrase(doc, clause, j, source))
            .flatten()
    });
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

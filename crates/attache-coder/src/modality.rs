//! Modality: whether a trigger reports something that happened, something planned, or nothing
//! at all (negated, conditional, asked, habitual). Decided from the words of the trigger's clause
//! that precede it, the way a reader hears "has yet to recognise" or "is expected to visit".

use crate::event::Modality;

/// What the words before a trigger make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Code it, with this modality.
    Code(Modality),
    /// Not an event: negated ("did not meet", "has yet to recognise", "without consulting").
    Negated,
    /// Not an event: conditional, question or generic habit.
    Unreal,
}

/// Words that close the clause a trigger belongs to, seen from the trigger leftwards: modal or
/// negative words before them belong to another clause ("He said no, and met them").
const CLAUSE_BREAKS: &[&str] = &[
    ",", ";", ":", "—", "–", "but", "while", "whereas", "although", "who", "which", "after",
    "before", "because", "since", "(", ")",
];
const NEGATIONS: &[&str] = &[
    "not", "n't", "never", "no", "nor", "without", "yet", "neither",
];
/// A verb of failure or refusal followed by "to" cancels the event it governs.
const FAILURES: &[&str] = &[
    "failed", "fails", "fail", "refused", "refuses", "refuse", "declined",
];
/// Verbs whose object is an event that did not happen: "to avoid clashes", "prevented an attack".
const AVERTING: &[&str] = &[
    "avoid",
    "avoids",
    "avoided",
    "avoiding",
    "prevent",
    "prevents",
    "prevented",
    "preventing",
    "avert",
    "averts",
    "averted",
    "averting",
    "refrain",
    "refrains",
    "refrained",
];
const FUTURE_MODALS: &[&str] = &["will", "'ll", "’ll", "shall", "would", "wo"];
/// Heads that turn a following "to + verb" into an intention: "plans to visit", "is set to sign".
const INTENT_HEADS: &[&str] = &[
    "expected",
    "plans",
    "plan",
    "planned",
    "planning",
    "set",
    "scheduled",
    "likely",
    "due",
    "going",
    "aims",
    "aim",
    "aiming",
    "intends",
    "intend",
    "intending",
    "agreed",
    "agree",
    "agrees",
    "hopes",
    "hope",
    "hoping",
    "ready",
    "willing",
    "wants",
    "want",
    "decided",
    "is",
    "are",
    "seeks",
    "seeking",
    "poised",
    "prepared",
    "preparing",
    "slated",
    "committed",
    "need",
    "needs",
];
/// Words that put off the event they govern: "the postponement of the minister's visit" is
/// still a plan.
const POSTPONING: &[&str] = &[
    "postponement",
    "postponed",
    "postpone",
    "postpones",
    "delayed",
];
/// Adjectives that make an event noun a plan: "the upcoming visit", "a planned meeting".
const PLANNED_ADJECTIVES: &[&str] = &[
    "upcoming",
    "planned",
    "proposed",
    "scheduled",
    "forthcoming",
    "next",
    "expected",
    "future",
];
const HABITUAL: &[&str] = &[
    "frequently",
    "often",
    "regularly",
    "usually",
    "routinely",
    "always",
];
/// Adverbs that may sit between "to" and the verb ("to officially recognise").
const SPLIT_ADVERBS: &[&str] = &[
    "officially",
    "formally",
    "also",
    "further",
    "jointly",
    "personally",
    "directly",
    "again",
    "soon",
    "finally",
    "eventually",
    "publicly",
];

/// Reads the clause words before a trigger. `before` are the lowercased tokens of the sentence up
/// to the trigger; `sentence_words` all of its tokens (for the question and conditional tests).
pub fn read(before: &[&str], sentence_words: &[&str], noun: bool) -> Reading {
    if sentence_words.last().is_some_and(|w| *w == "?") {
        return Reading::Unreal;
    }
    let clause = clause_before(before);
    if is_conditional(before, sentence_words) {
        return Reading::Unreal;
    }
    if clause.iter().any(|w| HABITUAL.contains(w)) {
        return Reading::Unreal;
    }
    if is_negated(clause) {
        return Reading::Negated;
    }
    if is_planned(clause, noun) {
        return Reading::Code(Modality::Planned);
    }
    Reading::Code(Modality::Asserted)
}

fn clause_before<'a, 'b>(before: &'a [&'b str]) -> &'a [&'b str] {
    let from = before
        .iter()
        .rposition(|w| CLAUSE_BREAKS.contains(w))
        .map_or(0, |i| i + 1);
    &before[from..]
}

/// "If they attack, ..." — a trigger inside a sentence-initial if/unless clause, or in the main
/// clause that such a clause conditions ("if X happens, Y will respond").
fn is_conditional(before: &[&str], sentence_words: &[&str]) -> bool {
    let first = sentence_words.first().copied().unwrap_or("");
    if first == "if" || first == "unless" {
        return true;
    }
    // "According to the paper, if the meeting materializes, he will be the fourth minister to
    // meet them", "he said that if talks fail ...": an if-clause opening a clause conditions the
    // main clause after it too.
    let opens_clause = |k: usize| k == 0 || matches!(before[k - 1], "," | "that");
    if before
        .iter()
        .enumerate()
        .any(|(k, w)| (*w == "if" || *w == "unless") && opens_clause(k))
    {
        return true;
    }
    // A mid-sentence "if" governs the trigger only when it comes before it in the same clause.
    clause_before(before)
        .iter()
        .any(|w| *w == "if" || *w == "unless")
}

fn is_negated(clause: &[&str]) -> bool {
    // Only the last few words: a negation far back usually negates another verb of the clause.
    let window = &clause[clause.len().saturating_sub(5)..];
    if window.iter().any(|w| NEGATIONS.contains(w)) {
        return true;
    }
    let near = &clause[clause.len().saturating_sub(3)..];
    near.iter().any(|w| AVERTING.contains(w))
        || window
            .windows(2)
            .any(|pair| FAILURES.contains(&pair[0]) && pair[1] == "to")
}

fn is_planned(clause: &[&str], noun: bool) -> bool {
    let window = &clause[clause.len().saturating_sub(6)..];
    if window.iter().any(|w| FUTURE_MODALS.contains(w)) {
        return true;
    }
    if noun {
        let near = &clause[clause.len().saturating_sub(3)..];
        let far = &clause[clause.len().saturating_sub(10)..];
        return near.iter().any(|w| PLANNED_ADJECTIVES.contains(w))
            || far.iter().any(|w| POSTPONING.contains(w));
    }
    if infinitive_of_intent(window) {
        return true;
    }
    // "expected to discuss relations and seek support": a coordinated verb shares the plan.
    if clause.last().is_some_and(|w| *w == "and" || *w == "or") {
        return clause.windows(2).any(|w| {
            INTENT_HEADS.contains(&w[0]) && w[1] == "to" && !matches!(w[0], "is" | "are")
        });
    }
    false
}

/// "... expected to (also) discuss": the trigger is the verb of an infinitive whose head is an
/// intention.
fn infinitive_of_intent(window: &[&str]) -> bool {
    let mut end = window.len();
    while end > 0 && SPLIT_ADVERBS.contains(&window[end - 1]) {
        end -= 1;
    }
    if end < 2 || window[end - 1] != "to" {
        return false;
    }
    window[..end - 1]
        .iter()
        .rev()
        .take(3)
        .any(|w| INTENT_HEADS.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(sentence: &str, trigger: &str) -> Reading {
        let words: Vec<String> = sentence
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let at = words
            .iter()
            .position(|w| *w == trigger)
            .unwrap_or(words.len());
        read(&words[..at], &words, false)
    }

    #[test]
    fn an_averted_event_did_not_happen() {
        for (s, t) in [
            (
                "The deal was meant to avoid clashes on the border",
                "clashes",
            ),
            ("Troops prevented an attack on the base", "attack"),
            (
                "Tokyo told its citizens to refrain from travelling to the region",
                "travelling",
            ),
        ] {
            assert_eq!(reading(s, t), Reading::Negated, "{s}");
        }
        assert_eq!(
            reading("Troops avoided the city and attacked the base", "attacked"),
            Reading::Code(Modality::Asserted)
        );
    }

    #[test]
    fn plain_past_is_asserted() {
        assert_eq!(
            reading("The minister met his counterpart on Monday", "met"),
            Reading::Code(Modality::Asserted)
        );
    }

    #[test]
    fn negations_drop_the_event() {
        for (s, t) in [
            ("The envoy did not meet the rebels", "meet"),
            (
                "Paris has yet to officially recognise the new government",
                "recognise",
            ),
            ("The army never attacked the village", "attacked"),
            ("The delegation left without meeting the king", "meeting"),
            ("The talks failed to produce an agreement", "produce"),
        ] {
            assert_eq!(reading(s, t), Reading::Negated, "{s}");
        }
    }

    #[test]
    fn plans_and_expectations_are_planned() {
        for (s, t) in [
            ("The foreign minister will visit Oslo next week", "visit"),
            ("The delegation is expected to discuss trade", "discuss"),
            ("Both sides plan to exchange views on security", "exchange"),
            ("The leaders are likely to sign the accord", "sign"),
            ("He said the army would withdraw by June", "withdraw"),
            (
                "The president needs to discuss it with his allies",
                "discuss",
            ),
        ] {
            assert_eq!(reading(s, t), Reading::Code(Modality::Planned), "{s}");
        }
    }

    #[test]
    fn an_infinitive_without_intent_is_asserted() {
        assert_eq!(
            reading("The envoy travelled to Kabul to meet officials", "meet"),
            Reading::Code(Modality::Asserted)
        );
    }

    #[test]
    fn a_negation_in_an_earlier_clause_does_not_reach_the_trigger() {
        assert_eq!(
            reading(
                "The rebels did not surrender , but attacked the town",
                "attacked"
            ),
            Reading::Code(Modality::Asserted)
        );
    }

    #[test]
    fn conditionals_questions_and_habits_are_not_events() {
        assert_eq!(
            reading("If the militia attacks , the army will respond", "respond"),
            Reading::Unreal
        );
        for (s, t) in [
            (
                "According to the paper , if the talks go ahead , he will meet the envoy",
                "meet",
            ),
            (
                "The minister said that if the strikes continue , troops would attack",
                "attack",
            ),
        ] {
            assert_eq!(reading(s, t), Reading::Unreal, "{s}");
        }
        assert_eq!(
            reading(
                "The army attacked the post , even if nobody saw it",
                "attacked"
            ),
            Reading::Code(Modality::Asserted)
        );
        assert_eq!(
            reading("Did the envoy meet the rebels ?", "meet"),
            Reading::Unreal
        );
        assert_eq!(
            reading("The group has frequently visited Beijing", "visited"),
            Reading::Unreal
        );
    }

    #[test]
    fn a_coordinated_verb_shares_the_plan() {
        assert_eq!(
            reading(
                "They are expected to discuss trade and seek support",
                "seek"
            ),
            Reading::Code(Modality::Planned)
        );
    }

    #[test]
    fn planned_event_nouns() {
        let words = ["the", "upcoming"];
        assert_eq!(read(&words, &words, true), Reading::Code(Modality::Planned));
        let words = [
            "the",
            "postponement",
            "of",
            "the",
            "foreign",
            "minister",
            "'s",
        ];
        assert_eq!(read(&words, &words, true), Reading::Code(Modality::Planned));
    }
}

//! Direct quotations and who speaks them: "“Deeply appreciate his condemnation,” he posted" gives
//! the poster's event its quote, so an analyst reads the words the actor chose.

use crate::roles::{self, Clause};
use std::ops::Range;

/// Verbs that attribute a quotation to a speaker.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "posted",
    "posts",
    "tweeted",
    "tweets",
    "wrote",
    "writes",
    "declared",
    "noted",
    "warned",
    "announced",
    "insisted",
    "stressed",
    "asserted",
    "remarked",
    "saying",
    "adding",
];

/// Even one quoted word is the actor's own ("called the rebellion “treason”").
const MIN_WORDS: usize = 1;

/// Byte ranges (into the sentence text) of the direct quotations in `sentence`, inside the marks.
pub fn find_quotations(sentence: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in sentence.char_indices() {
        match (open, c) {
            (None, '“') => open = Some((i + c.len_utf8(), '”')),
            (None, '"') => open = Some((i + 1, '"')),
            (Some((start, close)), c) if c == close => {
                let words = sentence[start..i].split_whitespace().count();
                if words >= MIN_WORDS {
                    out.push(start..i);
                }
                open = None;
            }
            _ => {}
        }
    }
    // A quotation running to the end of the sentence: a paragraph-long quote continues in the
    // next sentence, its closing mark there.
    if let Some((start, _)) = open {
        if sentence[start..].split_whitespace().count() >= MIN_WORDS {
            out.push(start..sentence.len());
        }
    }
    out
}

/// The actor who speaks the sentence's quotations: the subject of a speech verb outside them
/// ("he posted", "Balkhi said"), or the actor right after it (", said Balkhi").
pub fn speaker(
    clause: &Clause<'_>,
    quotes: &[Range<usize>],
    sentence_start: usize,
) -> Option<usize> {
    let inside = |byte: usize| {
        quotes
            .iter()
            .any(|q| byte >= sentence_start + q.start && byte < sentence_start + q.end)
    };
    let (k, verb) = clause
        .words
        .iter()
        .enumerate()
        .find(|(_, w)| SPEECH_VERBS.contains(&w.lower) && !inside(w.start))?;
    // "“...,” said Balkhi" names the speaker after the verb; in "Kenya said the Somali
    // government must ..." the actor after it is what is said.
    let inverted = k == 0
        || matches!(
            clause.words[k - 1].lower,
            "," | "”" | "\"" | "’" | "'" | "—" | "–"
        );
    if let Some(next) = clause.words.get(k + 1).filter(|_| inverted) {
        if let Some(i) = clause
            .actors
            .iter()
            .position(|a| a.start == next.start && !a.code.is_empty())
        {
            return Some(i);
        }
    }
    roles::subject(clause, verb.start).filter(|&i| !inside(clause.actors[i].start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(sentence: &str) -> Vec<&str> {
        find_quotations(sentence)
            .into_iter()
            .map(|r| &sentence[r])
            .collect()
    }

    #[test]
    fn curly_and_straight_quotation_marks() {
        assert_eq!(
            quoted("“We will respond,” the minister said of the \"border incidents\"."),
            ["We will respond,", "border incidents"]
        );
    }

    #[test]
    fn a_quotation_left_open_runs_to_the_end_of_the_sentence() {
        assert_eq!(
            quoted("He said: “The talks were useful and frank."),
            ["The talks were useful and frank."]
        );
    }

    #[test]
    fn no_marks_no_quotation() {
        assert!(quoted("The minister said the talks were useful.").is_empty());
    }
}

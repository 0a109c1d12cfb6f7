//! The dependency parse, only where the coder reads it.
//!
//! Tagging and parsing are most of the cost of coding an article, yet the coder reads the tree
//! in one place: the participants of a trigger (`roles::assign` calling
//! `syntax_roles::verb_roles` and `noun_roles`). Everything else (actors, dates, places, quotes,
//! mediators) works on tokens. So a sentence without a trigger is left unparsed, with the
//! empty annotations `attache_text` gives tokens outside any sentence, and the events are those
//! of a full parse. Whoever makes the coder read syntax elsewhere widens [`needs_parse`].

use crate::lexicon::Lexicon;
use attache_text::{Doc, Scratch, Sentence, Syntax, NO_HEAD};
use std::ops::Range;

/// Tokens and sentences of `text` (as [`attache_text::analyze`]) with tags, lemmas and
/// dependencies in the sentences [`code_article`](crate::code_article) reads them from.
pub fn parse_for_coding(text: &str, skip: &[Range<usize>]) -> Doc {
    let mut doc = attache_text::analyze(text, skip);
    let syntax = Syntax::embedded();
    let mut scratch = Scratch::default();
    let n = doc.tokens.len();
    doc.upos.reserve(n);
    doc.xpos.reserve(n);
    doc.head.reserve(n);
    doc.deprel.reserve(n);
    doc.lemma_ends.reserve(n);
    let mut covered = 0;
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].tokens.clone();
        while covered < range.start {
            push_empty(&mut doc);
            covered += 1;
        }
        if needs_parse(text, &doc, &doc.sentences[s]) {
            let words: Vec<&str> = doc.tokens[range.clone()]
                .iter()
                .map(|t| t.text(text))
                .collect();
            for word in syntax.analyze_words(&words, &mut scratch) {
                doc.upos.push(word.upos);
                doc.xpos.push(word.xpos);
                doc.head
                    .push(word.head.map_or(NO_HEAD, |h| (range.start + h) as u32));
                doc.deprel.push(word.deprel);
                doc.lemma_text.push_str(&word.lemma);
                doc.lemma_ends.push(doc.lemma_text.len() as u32);
            }
        } else {
            range.clone().for_each(|_| push_empty(&mut doc));
        }
        covered = range.end;
    }
    while covered < n {
        push_empty(&mut doc);
        covered += 1;
    }
    doc
}

/// Whether the coder reads the parse of `sentence`: it holds a trigger.
fn needs_parse(text: &str, doc: &Doc, sentence: &Sentence) -> bool {
    !Lexicon::embedded().find(text, doc, sentence).is_empty()
}

/// The annotation of a token left unparsed, as `attache_text` writes it.
fn push_empty(doc: &mut Doc) {
    doc.upos.push("X");
    doc.xpos.push("_");
    doc.head.push(NO_HEAD);
    doc.deprel.push("dep");
    doc.lemma_ends.push(doc.lemma_text.len() as u32);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code_article;
    use attache_ingest::Article;
    use chrono::NaiveDate;

    fn article(text: &str) -> Article {
        Article {
            id: "t".into(),
            published: NaiveDate::from_ymd_opt(2025, 5, 16),
            text: text.into(),
            ..Article::default()
        }
    }

    const TEXTS: &[&str] = &[
        "The Indian foreign minister met his Chinese counterpart in Beijing on Tuesday. \
         The weather was fine. Talks were mediated by Qatar.\n\n\
         \"We will not accept this,\" the Japanese prime minister said on Monday.",
        "Russian forces attacked Ukrainian positions near Kharkiv, officials said. \
         The condemnation of the attack by France came later. Analysts were unsurprised.",
        "Nothing happened here. Prices rose in May 2024.",
    ];

    #[test]
    fn same_events_as_a_full_parse() {
        for text in TEXTS {
            let a = article(text);
            let full = code_article(&a, &attache_text::parse(text, &[]));
            let lazy = code_article(&a, &parse_for_coding(text, &[]));
            assert_eq!(full, lazy, "{text}");
        }
    }

    #[test]
    fn only_sentences_with_a_verb_trigger_are_parsed() {
        let text = TEXTS[0];
        let full = attache_text::parse(text, &[]);
        let lazy = parse_for_coding(text, &[]);
        assert!(lazy.has_syntax());
        assert_eq!(lazy.tokens, full.tokens);
        assert_eq!(lazy.sentences, full.sentences);
        let [met, weather, ..] = &lazy.sentences[..] else {
            panic!("sentences: {:?}", lazy.sentences)
        };
        // "met": parsed as a full parse would.
        for i in met.tokens.clone() {
            assert_eq!(lazy.head[i], full.head[i]);
            assert_eq!(lazy.deprel(i), full.deprel(i));
            assert_eq!(lazy.lemma(i), full.lemma(i));
        }
        // "The weather was fine.": no trigger, no parse.
        assert!(weather.tokens.clone().all(|i| lazy.head[i] == NO_HEAD));
    }
}

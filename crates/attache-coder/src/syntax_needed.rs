//! The dependency parse, only where the coder reads it.
//!
//! Tagging and parsing are most of the cost of coding an article, yet the coder reads the tree
//! in one place: the participants of a trigger (`roles::assign` calling
//! `syntax_roles::verb_roles` and `noun_roles`). Everything else (actors, dates, places, quotes,
//! mediators) works on tokens. So a sentence without a trigger is left unparsed, with the
//! empty annotations `attache_text` gives tokens outside any sentence, and the events are those
//! of a full parse. Whoever makes the coder read syntax elsewhere widens the test in
//! `parse_with_triggers`. The triggers found there are handed on to the coder
//! ([`analyze_and_code`]), which would otherwise search every sentence for them again.

use crate::lexicon::{Lexicon, Trigger};
use crate::Event;
use attache_ingest::Article;
use attache_text::{Doc, Scratch, Syntax, NO_HEAD};
use std::ops::Range;

/// Tokens and sentences of `text` (as [`attache_text::analyze`]) with tags, lemmas and
/// dependencies in the sentences [`code_article`](crate::code_article) reads them from.
pub fn parse_for_coding(text: &str, skip: &[Range<usize>]) -> Doc {
    parse_with_triggers(text, skip).0
}

/// Analyses and codes an article: [`parse_for_coding`] then [`code_article`](crate::code_article),
/// each sentence's triggers found once for both.
pub fn analyze_and_code(article: &Article) -> Vec<Event> {
    let (doc, triggers) = parse_with_triggers(&article.text, &article.boilerplate);
    crate::pipeline::code_with_triggers(article, &doc, Some(triggers))
}

/// [`parse_for_coding`], and the triggers of each sentence.
fn parse_with_triggers(text: &str, skip: &[Range<usize>]) -> (Doc, Vec<Vec<Trigger>>) {
    let mut doc = attache_text::analyze(text, skip);
    let lexicon = Lexicon::embedded();
    let mut triggers = Vec::with_capacity(doc.sentences.len());
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
        // The coder reads the parse of a sentence with a trigger, and only there.
        let found = lexicon.find(text, &doc, &doc.sentences[s]);
        let needs_parse = !found.is_empty();
        triggers.push(found);
        if needs_parse {
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
    (doc, triggers)
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

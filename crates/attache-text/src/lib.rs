//! Text: the NLP view of one article, a [`Doc`] of tokens and sentences over the article's bytes.
//!
//! [`tokenize`] and [`split_sentences`] are single passes over the text with no
//! allocation beyond their output; the word lists they consult live in
//! `data/text/`, are embedded in the binary and parsed once.
//!
//! [`parse`] adds the syntax: a part-of-speech tagger (UPOS, Penn Treebank tag,
//! lemma) and a labelled dependency parser (Universal Dependencies relations),
//! averaged perceptrons trained on UD English EWT (CC BY-SA 4.0), built into the
//! binary (`data/models/`) and loaded once ([`Syntax::embedded`], shared by all threads):
//!
//! ```
//! let text = "Three soldiers were killed by rebels near the border.";
//! let doc = attache_text::parse(text, &[]);
//! let killed = doc.tokens.iter().position(|t| t.text(text) == "killed").unwrap();
//! assert_eq!(doc.subject(killed).map(|i| doc.token_text(text, i)), Some("soldiers"));
//! assert_eq!(doc.deprel(doc.subject(killed).unwrap()), "nsubj:pass");
//! assert_eq!(doc.agent(killed).map(|i| doc.token_text(text, i)), Some("rebels"));
//! ```

pub mod boundary;
mod chars;
pub mod conllu;
mod doc;
pub mod eval;
mod features;
mod lemma;
mod lexicon;
mod model_io;
#[doc(hidden)]
pub mod parser;
mod perceptron;
mod sentences;
mod syntax;
#[doc(hidden)]
pub mod tagger;
mod tokenize;
pub mod train;

use std::ops::Range;

pub use doc::{Doc, Sentence, Token, NO_HEAD};
pub use sentences::split_sentences;
#[doc(hidden)]
pub use syntax::write_parser;
pub use syntax::{Scratch, Syntax, WordAnalysis, PARSER_FILE, TAGGER_FILE};
pub use tokenize::tokenize;

/// Tokens and sentences of an article's `text`, skipping the byte ranges in
/// `skip` (sorted, non-overlapping boilerplate ranges), which also end sentences.
pub fn analyze(text: &str, skip: &[Range<usize>]) -> Doc {
    let tokens = tokenize(text, skip);
    let sentences = split_sentences(text, &tokens);
    Doc {
        tokens,
        sentences,
        ..Doc::default()
    }
}

/// [`analyze`] plus part-of-speech tags, lemmas and dependencies from the
/// models built into the binary ([`Syntax::embedded`]).
pub fn parse(text: &str, skip: &[Range<usize>]) -> Doc {
    let mut doc = analyze(text, skip);
    Syntax::embedded().annotate(text, &mut doc);
    doc
}

/// `i` rounded down to a char boundary of `text`.
#[doc(hidden)]
pub fn chars_floor(text: &str, i: usize) -> usize {
    chars::floor_boundary(text, i)
}

//! Text: the NLP view of one article, a [`Doc`] of tokens and sentences over the article's bytes.
//!
//! [`tokenize`] and [`split_sentences`] are single passes over the text with no
//! allocation beyond their output; the word lists they consult live in
//! `data/text/`, are embedded in the binary and parsed once.

mod chars;
mod doc;
mod lexicon;
mod sentences;
mod tokenize;

use std::ops::Range;

pub use doc::{Doc, Sentence, Token};
pub use sentences::split_sentences;
pub use tokenize::tokenize;

/// Tokens and sentences of an article's `text`, skipping the byte ranges in
/// `skip` (sorted, non-overlapping boilerplate ranges), which also end sentences.
pub fn analyze(text: &str, skip: &[Range<usize>]) -> Doc {
    let tokens = tokenize(text, skip);
    let sentences = split_sentences(text, &tokens);
    Doc { tokens, sentences }
}

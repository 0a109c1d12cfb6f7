//! Text: the NLP view of one article, a [`Doc`] of tokens and sentences over the article's bytes.

mod doc;
pub use doc::{Doc, Sentence, Token};

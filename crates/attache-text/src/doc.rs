use std::ops::Range;

/// A token: a byte range into the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// A sentence: a byte range into the article text and the range of its tokens in [`Doc::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// The analysed article: tokens and sentences, all as offsets into the text it was built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl Token {
    /// The token's text in `text`, the article text it was built from; empty if
    /// `text` is not that text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl Sentence {
    /// The sentence's text in `text`, the article text it was built from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl Doc {
    /// The text of token `i` in `text`, the article text this `Doc` was built
    /// from; empty if `i` is out of range or `text` is another text.
    pub fn token_text<'a>(&self, text: &'a str, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(text))
    }

    /// The tokens of sentence `s`; empty if `s` is out of range.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        self.sentences
            .get(s)
            .and_then(|sent| self.tokens.get(sent.tokens.clone()))
            .unwrap_or(&[])
    }
}

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

/// The head of a sentence's root token in [`Doc::head`].
pub const NO_HEAD: u32 = u32::MAX;

/// The analysed article: tokens and sentences, all as offsets into the text it
/// was built from, and, once [`crate::Syntax::annotate`] (or [`crate::parse`])
/// ran, the syntax of each token as arrays parallel to `tokens`.
///
/// The syntax arrays are empty when the doc was not annotated (see
/// [`Doc::has_syntax`]); the accessors then answer `None` / `""`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Universal POS tag of each token (`"VERB"`, `"PROPN"`, ...).
    pub upos: Vec<&'static str>,
    /// Penn Treebank tag of each token (`"VBD"`, `"NNP"`, ...).
    pub xpos: Vec<&'static str>,
    /// Head of each token as an absolute token index (into `tokens`, always in
    /// the same sentence); [`NO_HEAD`] for the root of a sentence.
    pub head: Vec<u32>,
    /// Universal Dependencies relation of each token to its head, with
    /// subtypes (`"nsubj"`, `"nsubj:pass"`, `"obl:agent"`, `"root"`, ...).
    pub deprel: Vec<&'static str>,
    /// Lemma `i` is `lemma_text[lemma_ends[i - 1]..lemma_ends[i]]` (from 0 for `i = 0`).
    pub lemma_ends: Vec<u32>,
    pub lemma_text: String,
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

    /// Whether the syntax arrays are filled (one entry per token).
    pub fn has_syntax(&self) -> bool {
        !self.tokens.is_empty() && self.head.len() == self.tokens.len()
    }

    pub(crate) fn push_empty(&mut self) {
        self.upos.push("X");
        self.xpos.push("_");
        self.head.push(NO_HEAD);
        self.deprel.push("dep");
        self.lemma_ends.push(self.lemma_text.len() as u32);
    }

    /// Universal POS tag of token `i`; `""` when not annotated.
    pub fn upos(&self, i: usize) -> &'static str {
        self.upos.get(i).copied().unwrap_or("")
    }

    /// Penn Treebank tag of token `i`; `""` when not annotated.
    pub fn xpos(&self, i: usize) -> &'static str {
        self.xpos.get(i).copied().unwrap_or("")
    }

    /// Lemma of token `i` (`"meet"` for `met`); `""` when not annotated.
    pub fn lemma(&self, i: usize) -> &str {
        let Some(&end) = self.lemma_ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.lemma_ends[i - 1] };
        self.lemma_text
            .get(start as usize..end as usize)
            .unwrap_or("")
    }

    /// Head of token `i`; `None` for a sentence root or when not annotated.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.head
            .get(i)
            .filter(|&&h| h != NO_HEAD)
            .map(|&h| h as usize)
    }

    /// Relation of token `i` to its head; `""` when not annotated.
    pub fn deprel(&self, i: usize) -> &'static str {
        self.deprel.get(i).copied().unwrap_or("")
    }

    /// Whether token `i`'s relation is `rel` or a subtype of it (`"obl"` matches `"obl:agent"`).
    pub fn is_rel(&self, i: usize, rel: &str) -> bool {
        let d = self.deprel(i);
        d == rel || (d.len() > rel.len() && d.starts_with(rel) && d.as_bytes()[rel.len()] == b':')
    }

    /// Index of the sentence that holds token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        let s = self.sentences.partition_point(|s| s.tokens.end <= i);
        self.sentences
            .get(s)
            .filter(|sent| sent.tokens.contains(&i))
            .map(|_| s)
    }

    /// The root token of sentence `s`.
    pub fn root(&self, s: usize) -> Option<usize> {
        let sent = self.sentences.get(s)?;
        sent.tokens
            .clone()
            .find(|&i| self.head.get(i) == Some(&NO_HEAD))
    }

    /// Dependents of token `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self
            .sentence_of(i)
            .map_or(0..0, |s| self.sentences[s].tokens.clone());
        range.filter(move |&j| self.head.get(j) == Some(&(i as u32)))
    }

    /// The first dependent of `i` whose relation is `rel` or a subtype of it.
    pub fn child(&self, i: usize, rel: &str) -> Option<usize> {
        self.children(i).find(|&j| self.is_rel(j, rel))
    }

    /// Subject of the predicate `i` (`nsubj`, `nsubj:pass`, `csubj`...). A
    /// predicate without one borrows it from the predicate it is coordinated
    /// with (`met and signed`) or that controls it (`agreed to meet`).
    pub fn subject(&self, i: usize) -> Option<usize> {
        let mut cur = i;
        for _ in 0..8 {
            if let Some(s) = self
                .child(cur, "nsubj")
                .or_else(|| self.child(cur, "csubj"))
            {
                return Some(s);
            }
            if self.is_rel(cur, "conj") || self.is_rel(cur, "xcomp") {
                cur = self.head(cur)?;
            } else if let Some(verb) = self.controller(cur) {
                cur = verb;
            } else {
                return None;
            }
        }
        None
    }

    /// "blew himself up in the city, killing 61": the verb whose subject a participle adjunct
    /// shares. The adjunct after a comma may hang on a noun of that verb's phrase (parsed as
    /// `acl`); the first verb above it is meant.
    fn controller(&self, i: usize) -> Option<usize> {
        if self.xpos(i) != "VBG" {
            return None;
        }
        let after_comma = i > 0 && self.xpos(i - 1) == ",";
        if !(self.is_rel(i, "advcl") || (after_comma && self.is_rel(i, "acl"))) {
            return None;
        }
        let mut cur = self.head(i)?;
        for _ in 0..6 {
            if self.upos(cur) == "VERB" {
                return Some(cur);
            }
            cur = self.head(cur)?;
        }
        None
    }

    /// Direct object of `i`.
    pub fn object(&self, i: usize) -> Option<usize> {
        self.child(i, "obj")
    }

    /// Agent of a passive predicate `i` (`killed by troops` → `troops`).
    pub fn agent(&self, i: usize) -> Option<usize> {
        self.child(i, "obl:agent").or_else(|| {
            self.children(i).find(|&j| {
                self.is_rel(j, "obl")
                    && self
                        .children(j)
                        .any(|k| self.deprel(k) == "case" && self.lemma(k) == "by")
            })
        })
    }

    /// Whether `i` is negated by a dependent `not`, `n't`, `never` or `no`.
    pub fn is_negated(&self, i: usize) -> bool {
        self.children(i).any(|j| {
            matches!(self.lemma(j), "not" | "never" | "n't")
                || (self.deprel(j) == "det" && self.lemma(j) == "no")
        })
    }

    /// The tokens of sentence `s`; empty if `s` is out of range.
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        self.sentences
            .get(s)
            .and_then(|sent| self.tokens.get(sent.tokens.clone()))
            .unwrap_or(&[])
    }
}

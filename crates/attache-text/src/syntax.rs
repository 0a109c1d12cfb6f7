//! The tagger, lemmatizer and parser together: loading the shipped models
//! once, and annotating a [`Doc`] with tags, lemmas and dependencies.

use crate::doc::{Doc, NO_HEAD};
use crate::features::hash_lower;
use crate::lemma::Lemmatizer;
use crate::model_io::{ReadResult, Reader, Writer};
use crate::parser::{tag_hash, ParseScratch, Parser};
use crate::perceptron::Model;
use crate::tagger::{Tagger, WordAtoms};
use std::collections::HashMap;
use std::sync::OnceLock;

const TAGGER_MAGIC: &[u8; 8] = b"ATTAGGR2";
const PARSER_MAGIC: &[u8; 8] = b"ATPARSR1";

/// File names of the models in `data/models/` and in `attache train --out`.
pub const TAGGER_FILE: &str = "tagger.bin";
pub const PARSER_FILE: &str = "parser.bin";

static TAGGER_BYTES: &[u8] = include_bytes!("../../../data/models/tagger.bin");
static PARSER_BYTES: &[u8] = include_bytes!("../../../data/models/parser.bin");

/// Tagger + lemmatizer + parser. `Send + Sync`: share one across threads.
pub struct Syntax {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
    /// Parser tag hash of each tagger class.
    class_hash: Vec<u64>,
}

/// Reusable buffers for annotating sentences.
pub struct Scratch {
    atoms: Vec<WordAtoms>,
    words: Vec<u64>,
    tags: Vec<u64>,
    classes: Vec<u8>,
    scores: Box<[i32; 256]>,
    parse: ParseScratch,
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            atoms: Vec::new(),
            words: Vec::new(),
            tags: Vec::new(),
            classes: Vec::new(),
            scores: Box::new([0; 256]),
            parse: ParseScratch::default(),
        }
    }
}

/// One word's analysis, as [`Syntax::analyze_words`] returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAnalysis {
    pub upos: &'static str,
    pub xpos: &'static str,
    pub lemma: String,
    /// Index of the head word in the sentence; `None` for the root.
    pub head: Option<usize>,
    pub deprel: &'static str,
}

impl Syntax {
    /// The models built into the binary, loaded on first use.
    pub fn embedded() -> &'static Syntax {
        static SYNTAX: OnceLock<Syntax> = OnceLock::new();
        SYNTAX.get_or_init(|| {
            Syntax::from_bytes(TAGGER_BYTES, PARSER_BYTES)
                .expect("the models built into attache are valid")
        })
    }

    /// Models read from `tagger.bin` and `parser.bin` bytes. Their tag and
    /// relation names (a few KB) are leaked, so that a [`Doc`] can hold them as
    /// `&'static str`: load models once per process, as [`Syntax::embedded`] does.
    pub fn from_bytes(tagger: &[u8], parser: &[u8]) -> ReadResult<Syntax> {
        let (tagger, lemmatizer) = read_tagger(tagger)?;
        let parser = read_parser(parser)?;
        Ok(Syntax::new(tagger, lemmatizer, parser))
    }

    /// Models read from `dir/tagger.bin` and `dir/parser.bin`.
    pub fn from_dir(dir: &std::path::Path) -> ReadResult<Syntax> {
        let read = |f: &str| {
            let p = dir.join(f);
            std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
        };
        Syntax::from_bytes(&read(TAGGER_FILE)?, &read(PARSER_FILE)?)
    }

    pub fn new(tagger: Tagger, lemmatizer: Lemmatizer, parser: Parser) -> Syntax {
        let class_hash = tagger.model.classes.iter().map(|c| tag_hash(c)).collect();
        Syntax {
            tagger,
            lemmatizer,
            parser,
            class_hash,
        }
    }

    /// A copy without the weights smaller than the given quantized minimums.
    pub fn pruned(&self, tagger_min: i16, parser_min: i16) -> Syntax {
        let tagger = self.tagger.pruned(tagger_min);
        let lemmatizer = Lemmatizer::from_exceptions(self.lemmatizer.exceptions().clone());
        let parser = Parser::new(self.parser.model.pruned(parser_min));
        Syntax::new(tagger, lemmatizer, parser)
    }

    /// Sizes: (tagger features, tagger weights, parser features, parser weights).
    pub fn sizes(&self) -> (usize, usize, usize, usize) {
        let (a, b) = self.tagger.size();
        let (c, d) = self.parser.model.size();
        (a, b, c, d)
    }

    /// Tags, lemmatizes and parses every sentence of `doc`, built by
    /// [`crate::analyze`] over `text`, filling its syntax arrays.
    pub fn annotate(&self, text: &str, doc: &mut Doc) {
        let n = doc.tokens.len();
        doc.upos.clear();
        doc.xpos.clear();
        doc.deprel.clear();
        doc.head.clear();
        doc.lemma_ends.clear();
        doc.lemma_text.clear();
        doc.upos.reserve(n);
        doc.xpos.reserve(n);
        doc.deprel.reserve(n);
        doc.head.reserve(n);
        doc.lemma_ends.reserve(n);
        doc.lemma_text.reserve(text.len() / 2);
        let mut scratch = Scratch::default();
        let mut covered = 0;
        for s in 0..doc.sentences.len() {
            let range = doc.sentences[s].tokens.clone();
            // Tokens outside any sentence (none today) get empty annotations.
            while covered < range.start {
                doc.push_empty();
                covered += 1;
            }
            let start = range.start;
            scratch.atoms.clear();
            scratch.words.clear();
            for (k, t) in doc.tokens[range.clone()].iter().enumerate() {
                let w = t.text(text);
                let a = WordAtoms::new(w, k == 0);
                scratch.words.push(a.lower);
                scratch.atoms.push(a);
            }
            self.run(&mut scratch);
            let st = &scratch.parse.state;
            for k in 0..range.len() {
                let c = scratch.classes[k] as usize;
                let xpos = self.tagger.xpos[c];
                doc.upos.push(self.tagger.upos[c]);
                doc.xpos.push(xpos);
                let h = st.heads[k] as usize;
                doc.head.push(if h >= range.len() {
                    NO_HEAD
                } else {
                    (start + h) as u32
                });
                doc.deprel
                    .push(self.parser.labels.names[st.labels[k] as usize]);
                let w = doc.tokens[start + k].text(text);
                self.lemmatizer.lemma_into(w, xpos, &mut doc.lemma_text);
                doc.lemma_ends.push(doc.lemma_text.len() as u32);
            }
            covered = range.end;
        }
        while covered < n {
            doc.push_empty();
            covered += 1;
        }
    }

    /// Tags and parses the sentence in `scratch.atoms` / `scratch.words`.
    fn run(&self, scratch: &mut Scratch) {
        self.tagger
            .tag(&scratch.atoms, &mut scratch.scores, &mut scratch.classes);
        scratch.tags.clear();
        scratch
            .tags
            .extend(scratch.classes.iter().map(|&c| self.class_hash[c as usize]));
        self.parser
            .parse(&scratch.words, &scratch.tags, &mut scratch.parse);
    }

    /// Analyses one sentence given as words (e.g. gold tokens).
    pub fn analyze_words(&self, words: &[&str], scratch: &mut Scratch) -> Vec<WordAnalysis> {
        scratch.atoms.clear();
        scratch.words.clear();
        for (k, w) in words.iter().enumerate() {
            let a = WordAtoms::new(w, k == 0);
            scratch.words.push(hash_lower(w));
            scratch.atoms.push(a);
        }
        self.run(scratch);
        let st = &scratch.parse.state;
        (0..words.len())
            .map(|k| {
                let c = scratch.classes[k] as usize;
                let mut lemma = String::new();
                self.lemmatizer
                    .lemma_into(words[k], self.tagger.xpos[c], &mut lemma);
                let h = st.heads[k] as usize;
                WordAnalysis {
                    upos: self.tagger.upos[c],
                    xpos: self.tagger.xpos[c],
                    lemma,
                    head: (h < words.len()).then_some(h),
                    deprel: self.parser.labels.names[st.labels[k] as usize],
                }
            })
            .collect()
    }
}

pub fn write_tagger(tagger: &Tagger, lemmatizer: &Lemmatizer) -> Vec<u8> {
    let mut w = Writer::new(TAGGER_MAGIC);
    tagger.model.write(&mut w);
    tagger.second.write(&mut w);
    let mut dict: Vec<(u64, u8)> = tagger.tagdict().iter().map(|(&k, &v)| (k, v)).collect();
    dict.sort_unstable();
    w.u32(dict.len() as u32);
    for (k, v) in dict {
        w.u64(k);
        w.u8(v);
    }
    let mut ex: Vec<(&u64, &String)> = lemmatizer.exceptions().iter().collect();
    ex.sort_unstable();
    w.u32(ex.len() as u32);
    for (k, v) in ex {
        w.u64(*k);
        w.str(v);
    }
    w.buf
}

fn read_tagger(data: &[u8]) -> ReadResult<(Tagger, Lemmatizer)> {
    let mut r = Reader::new(data, TAGGER_MAGIC)?;
    let model = Model::read(&mut r)?;
    let second = Model::read(&mut r)?;
    if second.classes != model.classes || model.n_classes() > 128 {
        return Err("tagger model: the two passes' classes differ or are over 128".into());
    }
    let n = r.u32()? as usize;
    let mut dict = HashMap::with_capacity(n);
    for _ in 0..n {
        let k = r.u64()?;
        let c = r.u8()?;
        if c as usize >= model.n_classes() {
            return Err("tagger model: tag dictionary class out of range".into());
        }
        dict.insert(k, c);
    }
    let n = r.u32()? as usize;
    let mut ex = HashMap::with_capacity(n);
    for _ in 0..n {
        let k = r.u64()?;
        ex.insert(k, r.str()?);
    }
    Ok((
        Tagger::from_parts(model, second, dict),
        Lemmatizer::from_exceptions(ex),
    ))
}

pub fn write_parser(parser: &Parser) -> Vec<u8> {
    let mut w = Writer::new(PARSER_MAGIC);
    parser.model.write(&mut w);
    w.buf
}

fn read_parser(data: &[u8]) -> ReadResult<Parser> {
    let mut r = Reader::new(data, PARSER_MAGIC)?;
    Ok(Parser::new(Model::read(&mut r)?))
}

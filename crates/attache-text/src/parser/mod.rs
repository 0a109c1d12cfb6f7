//! Dependency parser: greedy labelled arc-hybrid transitions scored by an
//! averaged perceptron, with the root at the end of the buffer.
//!
//! Transitions over a stack σ and a buffer β whose front is `b`:
//! `SHIFT` pushes `b`; `LEFT(l)` pops `s0` and attaches it to `b`; `RIGHT(l)` pops
//! `s0` and attaches it to `s1`. The root pseudo-word sits at the end of the
//! buffer and takes exactly one dependent, with label `root`.

mod beam;
mod features;
pub mod global;
pub mod train;

use crate::perceptron::Model;
pub use features::N_PARSE_FEATS;

pub const NONE: u32 = u32::MAX;

/// The parser state, reused from sentence to sentence.
#[derive(Default)]
pub struct State {
    /// Number of words; index `n` is the root pseudo-word.
    pub n: usize,
    pub stack: Vec<u32>,
    /// Front of the buffer.
    pub b: usize,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    /// Leftmost, second leftmost, rightmost and second rightmost dependents.
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

impl State {
    pub fn init(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [
            &mut self.heads,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        for v in [&mut self.labels, &mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    pub fn terminal(&self) -> bool {
        self.b == self.n && self.stack.is_empty()
    }

    fn s(&self, k: usize) -> u32 {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NONE
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, label: u8) {
        self.heads[d as usize] = h;
        self.labels[d as usize] = label;
        let h = h as usize;
        if d < h as u32 {
            self.nl[h] = self.nl[h].saturating_add(1);
            if self.lc1[h] == NONE || d < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d;
            } else if self.lc2[h] == NONE || d < self.lc2[h] {
                self.lc2[h] = d;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            if self.rc1[h] == NONE || d > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d;
            } else if self.rc2[h] == NONE || d > self.rc2[h] {
                self.rc2[h] = d;
            }
        }
    }
}

/// Transition ids: 0 is SHIFT, `1 + l` is LEFT(l), `1 + L + l` is RIGHT(l).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Shift,
    Left(u8),
    Right(u8),
}

pub struct Labels {
    pub names: Vec<&'static str>,
    pub root: u8,
}

impl Labels {
    pub fn new(names: Vec<String>) -> Labels {
        let root = names.iter().position(|n| n == "root").unwrap_or(0) as u8;
        let names = names
            .into_iter()
            .map(|n| &*Box::leak(n.into_boxed_str()))
            .collect();
        Labels { names, root }
    }

    pub fn n_moves(&self) -> usize {
        1 + 2 * self.names.len()
    }

    pub fn decode(&self, a: usize) -> Move {
        let l = self.names.len();
        if a == 0 {
            Move::Shift
        } else if a <= l {
            Move::Left((a - 1) as u8)
        } else {
            Move::Right((a - 1 - l) as u8)
        }
    }

    pub fn valid(&self, st: &State, m: Move) -> bool {
        let legal = Legal::of(st);
        match m {
            Move::Shift => legal.shift,
            // At the root only LEFT(root) is legal, and LEFT(root) nowhere else.
            Move::Left(l) => legal.left && (l == self.root) == legal.at_root,
            Move::Right(l) => legal.right && l != self.root,
        }
    }
}

/// Which kinds of move a state allows, whatever their label.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Legal {
    pub shift: bool,
    pub left: bool,
    pub right: bool,
    /// The buffer holds only the root: LEFT must be `root`.
    pub at_root: bool,
}

impl Legal {
    #[inline]
    pub(crate) fn of(st: &State) -> Legal {
        let at_root = st.b >= st.n;
        Legal {
            shift: !at_root,
            left: if at_root {
                st.stack.len() == 1
            } else {
                !st.stack.is_empty()
            },
            right: st.stack.len() >= 2,
            at_root,
        }
    }
}

pub fn apply(st: &mut State, m: Move) {
    match m {
        Move::Shift => {
            st.stack.push(st.b as u32);
            st.b += 1;
        }
        Move::Left(l) => {
            let d = st.stack.pop().expect("LEFT on an empty stack");
            st.add_arc(st.b as u32, d, l);
        }
        Move::Right(l) => {
            let d = st.stack.pop().expect("RIGHT on a short stack");
            let h = *st.stack.last().expect("RIGHT on a short stack");
            st.add_arc(h, d, l);
        }
    }
}

/// The parser's view of a tag: the hash of the tagger class name (`"VERB VBD"`).
pub fn tag_hash(class: &str) -> u64 {
    crate::features::hash_str(class)
}

/// Names of the moves for `labels`, in move-id order.
pub fn move_names(labels: &[String]) -> Vec<String> {
    let mut out = vec!["SHIFT".to_string()];
    out.extend(labels.iter().map(|l| format!("L:{l}")));
    out.extend(labels.iter().map(|l| format!("R:{l}")));
    out
}

impl Default for ParseScratch {
    fn default() -> ParseScratch {
        ParseScratch {
            state: State::default(),
            scores: Box::new([0; 256]),
            beam: beam::BeamScratch::default(),
        }
    }
}

pub struct Parser {
    pub model: Model,
    pub labels: Labels,
    /// Hypotheses kept by decoding: 1 is greedy, more is beam search (for a
    /// globally trained model, [`global`]).
    pub beam: usize,
    /// Beam decoding drops hypotheses scoring this much (quantized units) below the
    /// best: where one reading clearly wins, the beam narrows and costs what greedy costs.
    pub margin: i64,
}

/// Reusable buffers for parsing.
pub struct ParseScratch {
    pub state: State,
    scores: Box<[i32; 256]>,
    beam: beam::BeamScratch,
}

impl Parser {
    /// The parser of a model whose classes are the moves `SHIFT`, `L:label`..., `R:label`...
    pub fn new(model: Model) -> Parser {
        let names = model
            .classes
            .iter()
            .filter_map(|c| c.strip_prefix("L:"))
            .map(str::to_string)
            .collect();
        let labels = Labels::new(names);
        Parser {
            model,
            labels,
            beam: 1,
            margin: i64::MAX,
        }
    }

    /// Parses one sentence given each word's lowercase hash and tag hash ([`tag_hash`]); the
    /// result is in `scratch.state.heads` / `labels` (head `n` is the root).
    pub fn parse(&self, words: &[u64], tags: &[u64], scratch: &mut ParseScratch) {
        if self.beam > 1 {
            return self.parse_beam(words, tags, self.beam, scratch);
        }
        let st = &mut scratch.state;
        st.init(words.len());
        let mut feats = [0u64; N_PARSE_FEATS];
        while !st.terminal() {
            features::extract(st, words, tags, &mut feats);
            self.model.scores(&feats, &mut scratch.scores);
            let mut best = None;
            let mut best_score = i32::MIN;
            for (a, &s) in scratch.scores[..self.labels.n_moves()].iter().enumerate() {
                if s > best_score || best.is_none() {
                    let m = self.labels.decode(a);
                    if self.labels.valid(st, m) {
                        best = Some(m);
                        best_score = s;
                    }
                }
            }
            apply(st, best.expect("a valid move always exists"));
        }
    }
}

//! Global training for beam decoding: a structured perceptron with the
//! max-violation update (Huang, Fayong & Guo 2012). The beam is decoded as at
//! run time; beside it runs a gold sequence which, at each step, takes the
//! best-scoring move of least cost (the dynamic oracle of [`super::train`], so
//! that non-projective trees need no special case). After the sentence, the
//! step where the best wrong hypothesis beats the gold sequence by most is
//! found, and both prefixes up to it are replayed: the gold moves' features are
//! rewarded, the wrong ones' penalised.

use super::beam::{advance, select, top_moves, Cand, Item};
use super::train::{move_costs, ParseExample};
use super::{apply, features, move_names, Labels, Parser, State, N_PARSE_FEATS};
use crate::features::Rng;
use crate::perceptron::Trainer;

/// Lattice node of a hypothesis: its parent node and last move.
#[derive(Clone, Copy)]
struct Node {
    parent: u32,
    mov: u16,
}

const NO_NODE: u32 = u32::MAX;

/// Buffers of one training sentence, reused.
#[derive(Default)]
struct Search {
    cur: Vec<Item>,
    next: Vec<Item>,
    /// Per item of `cur`: lattice node, and whether every move so far was of least cost.
    node: Vec<u32>,
    correct: Vec<bool>,
    next_node: Vec<u32>,
    next_correct: Vec<bool>,
    cands: Vec<Cand>,
    lattice: Vec<Node>,
    /// Costs of the moves of each correct item of `cur` (`n_moves` per item) and their minima.
    costs: Vec<u32>,
    min_cost: Vec<u32>,
    gold_moves: Vec<u16>,
}

/// What the search of one sentence found: the step (number of moves) of the
/// largest violation and the lattice node of the wrong hypothesis there.
struct Violation {
    steps: usize,
    node: u32,
}

impl Search {
    /// Beam search over `ex` with the trainer's current weights.
    fn run(
        &mut self,
        trainer: &Trainer,
        labels: &Labels,
        ex: &ParseExample,
        k: usize,
    ) -> Option<Violation> {
        let n_moves = labels.n_moves();
        let mut feats = [0u64; N_PARSE_FEATS];
        let mut fscores = vec![0f32; n_moves];
        let mut scores = vec![0i64; n_moves];
        let mut gold = State::default();
        gold.init(ex.words.len());
        let mut gold_score = 0i64;
        let mut gold_costs = vec![0u32; n_moves];
        self.cur.resize_with(1, Item::default);
        self.cur[0].st.init(ex.words.len());
        self.cur[0].score = 0;
        self.node.clear();
        self.node.push(NO_NODE);
        self.correct.clear();
        self.correct.push(true);
        self.lattice.clear();
        self.gold_moves.clear();
        let mut worst: Option<(i64, Violation)> = None;
        let mut score_of = |st: &State, out: &mut [i64]| {
            features::extract(st, &ex.words, &ex.tags, &mut feats);
            trainer.scores(&feats, &mut fscores);
            // Weights are sums of ±1 updates, so scores are whole numbers.
            for (o, &s) in out.iter_mut().zip(&fscores) {
                *o = s as i64;
            }
        };
        while !gold.terminal() {
            // Expand the beam; costs only for the hypotheses still correct.
            self.cands.clear();
            self.costs.resize(self.cur.len() * n_moves, u32::MAX);
            self.min_cost.resize(self.cur.len(), u32::MAX);
            for (i, item) in self.cur.iter().enumerate() {
                score_of(&item.st, &mut scores);
                top_moves(
                    &item.st,
                    labels,
                    &scores,
                    item.score,
                    i as u32,
                    k,
                    &mut self.cands,
                );
                if self.correct[i] {
                    let costs = &mut self.costs[i * n_moves..(i + 1) * n_moves];
                    self.min_cost[i] = move_costs(labels, &item.st, ex, costs);
                }
            }
            // The gold sequence's step: the best-scoring move of least cost.
            score_of(&gold, &mut scores);
            let least = move_costs(labels, &gold, ex, &mut gold_costs);
            let g = (0..n_moves)
                .filter(|&a| gold_costs[a] == least)
                .max_by_key(|&a| (scores[a], std::cmp::Reverse(a)))
                .expect("a legal move always exists");
            gold_score += scores[g];
            apply(&mut gold, labels.decode(g));
            self.gold_moves.push(g as u16);
            // The next beam, its lattice nodes and correctness.
            select(&mut self.cands, k);
            advance(&self.cur, &mut self.next, &self.cands, labels);
            self.next.truncate(self.cands.len());
            self.next_node.clear();
            self.next_correct.clear();
            for c in &self.cands {
                let p = c.parent as usize;
                self.lattice.push(Node {
                    parent: self.node[p],
                    mov: c.mov,
                });
                self.next_node.push(self.lattice.len() as u32 - 1);
                let ok =
                    self.correct[p] && self.costs[p * n_moves + c.mov as usize] == self.min_cost[p];
                self.next_correct.push(ok);
            }
            std::mem::swap(&mut self.cur, &mut self.next);
            std::mem::swap(&mut self.node, &mut self.next_node);
            std::mem::swap(&mut self.correct, &mut self.next_correct);
            self.costs.iter_mut().for_each(|c| *c = u32::MAX);
            // The violation at this step: the best hypothesis is wrong and scores
            // at least as much as the gold sequence.
            if !self.correct[0] {
                let v = self.cur[0].score - gold_score;
                if v >= 0 && worst.as_ref().is_none_or(|(w, _)| v > *w) {
                    let steps = self.gold_moves.len();
                    let node = self.node[0];
                    worst = Some((v, Violation { steps, node }));
                }
            }
        }
        worst.map(|(_, v)| v)
    }

    /// The moves of the hypothesis ending at lattice node `node`, first to last.
    fn moves_to(&self, mut node: u32, out: &mut Vec<u16>) {
        out.clear();
        while node != NO_NODE {
            let n = self.lattice[node as usize];
            out.push(n.mov);
            node = n.parent;
        }
        out.reverse();
    }
}

/// Rewards the features of the gold moves and penalises those of the wrong
/// moves, replaying both sequences from the start (identical prefixes cancel out).
fn update(trainer: &mut Trainer, labels: &Labels, ex: &ParseExample, gold: &[u16], wrong: &[u16]) {
    let (mut sg, mut sw) = (State::default(), State::default());
    sg.init(ex.words.len());
    sw.init(ex.words.len());
    let mut feats = [0u64; N_PARSE_FEATS];
    let mut same = true;
    for (&g, &w) in gold.iter().zip(wrong) {
        same = same && g == w;
        if !same {
            features::extract(&sg, &ex.words, &ex.tags, &mut feats);
            trainer.add(&feats, g as usize, 1.0);
            features::extract(&sw, &ex.words, &ex.tags, &mut feats);
            trainer.add(&feats, w as usize, -1.0);
        }
        apply(&mut sg, labels.decode(g as usize));
        apply(&mut sw, labels.decode(w as usize));
    }
}

/// Trains a parser for beam decoding with `k` hypotheses; `report(epoch, share
/// of sentences needing no update)`. The returned parser decodes with beam `k`.
pub fn train_parser_global(
    data: &[ParseExample],
    label_names: Vec<String>,
    epochs: usize,
    k: usize,
    seed: u64,
    mut report: impl FnMut(usize, f64),
) -> Parser {
    let labels = Labels::new(label_names.clone());
    let mut trainer = Trainer::new(labels.n_moves());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut search = Search::default();
    let mut wrong = Vec::new();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let mut good = 0usize;
        for &i in &order {
            let ex = &data[i];
            match search.run(&trainer, &labels, ex, k) {
                Some(v) => {
                    search.moves_to(v.node, &mut wrong);
                    debug_assert_eq!(wrong.len(), v.steps);
                    let gold = &search.gold_moves[..v.steps];
                    update(&mut trainer, &labels, ex, gold, &wrong);
                }
                None => good += 1,
            }
            trainer.tick();
        }
        report(epoch, good as f64 / data.len().max(1) as f64);
    }
    let mut parser = Parser::new(trainer.freeze(move_names(&label_names)));
    parser.beam = k;
    parser
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::hash_lower;
    use crate::parser::{tag_hash, ParseScratch};
    use std::collections::BTreeSet;

    /// Words as (form, tag, head counted from 1 with 0 the root, relation).
    type Word = (&'static str, &'static str, u32, &'static str);

    const SENTENCES: &[&[Word]] = &[
        &[
            ("Minister", "NOUN", 2, "nsubj"),
            ("met", "VERB", 0, "root"),
            ("the", "DET", 4, "det"),
            ("envoy", "NOUN", 2, "obj"),
            (".", "PUNCT", 2, "punct"),
        ],
        &[
            ("The", "DET", 2, "det"),
            ("rebels", "NOUN", 3, "nsubj"),
            ("attacked", "VERB", 0, "root"),
            ("the", "DET", 5, "det"),
            ("town", "NOUN", 3, "obj"),
            ("on", "ADP", 7, "case"),
            ("Monday", "PROPN", 3, "obl"),
            (".", "PUNCT", 3, "punct"),
        ],
        &[
            ("Officials", "NOUN", 2, "nsubj"),
            ("said", "VERB", 0, "root"),
            ("troops", "NOUN", 5, "nsubj:pass"),
            ("were", "AUX", 5, "aux:pass"),
            ("killed", "VERB", 2, "ccomp"),
            ("near", "ADP", 8, "case"),
            ("the", "DET", 8, "det"),
            ("border", "NOUN", 5, "obl"),
            (".", "PUNCT", 2, "punct"),
        ],
        &[
            ("The", "DET", 2, "det"),
            ("government", "NOUN", 4, "nsubj"),
            ("will", "AUX", 4, "aux"),
            ("send", "VERB", 0, "root"),
            ("aid", "NOUN", 4, "obj"),
            ("to", "ADP", 8, "case"),
            ("the", "DET", 8, "det"),
            ("region", "NOUN", 4, "obl"),
            (".", "PUNCT", 4, "punct"),
        ],
    ];

    fn data() -> (Vec<String>, Vec<ParseExample>) {
        let names: BTreeSet<&str> = SENTENCES
            .iter()
            .flat_map(|s| s.iter().map(|w| w.3))
            .collect();
        let names: Vec<String> = names.into_iter().map(str::to_string).collect();
        let label = |r: &str| names.iter().position(|n| n == r).unwrap() as u8;
        let data = SENTENCES
            .iter()
            .map(|s| ParseExample {
                words: s.iter().map(|w| hash_lower(w.0)).collect(),
                tags: s.iter().map(|w| tag_hash(w.1)).collect(),
                heads: s
                    .iter()
                    .map(|w| if w.2 == 0 { s.len() as u32 } else { w.2 - 1 })
                    .collect(),
                labels: s.iter().map(|w| label(w.3)).collect(),
            })
            .collect();
        (names, data)
    }

    /// Sum of the trainer's scores of `moves` replayed on `ex`.
    fn sequence_score(trainer: &Trainer, labels: &Labels, ex: &ParseExample, moves: &[u16]) -> f32 {
        let mut st = State::default();
        st.init(ex.words.len());
        let mut feats = [0u64; N_PARSE_FEATS];
        let mut scores = vec![0f32; labels.n_moves()];
        let mut total = 0.0;
        for &m in moves {
            features::extract(&st, &ex.words, &ex.tags, &mut feats);
            trainer.scores(&feats, &mut scores);
            total += scores[m as usize];
            apply(&mut st, labels.decode(m as usize));
        }
        total
    }

    #[test]
    fn the_update_moves_the_gold_sequence_above_the_wrong_one() {
        let (names, data) = data();
        let labels = Labels::new(names);
        let mut trainer = Trainer::new(labels.n_moves());
        // Untrained, every move scores 0: the beam's best (lowest move ids first) is wrong.
        let mut search = Search::default();
        let v = search
            .run(&trainer, &labels, &data[0], 2)
            .expect("an untrained model violates");
        let mut wrong = Vec::new();
        search.moves_to(v.node, &mut wrong);
        let gold = search.gold_moves[..v.steps].to_vec();
        assert_ne!(gold, wrong);
        let before = sequence_score(&trainer, &labels, &data[0], &gold)
            - sequence_score(&trainer, &labels, &data[0], &wrong);
        update(&mut trainer, &labels, &data[0], &gold, &wrong);
        let after = sequence_score(&trainer, &labels, &data[0], &gold)
            - sequence_score(&trainer, &labels, &data[0], &wrong);
        assert!(after > before, "{before} -> {after}");
    }

    #[test]
    fn global_training_parses_the_sentences_it_learned() {
        let (names, data) = data();
        let parser = train_parser_global(&data, names, 10, 4, 7, |_, _| {});
        assert_eq!(parser.beam, 4);
        let mut scratch = ParseScratch::default();
        for ex in &data {
            parser.parse(&ex.words, &ex.tags, &mut scratch);
            let n = ex.words.len();
            assert_eq!(scratch.state.heads[..n], ex.heads[..]);
            assert_eq!(scratch.state.labels[..n], ex.labels[..]);
        }
    }

    #[test]
    fn a_beam_of_one_decodes_as_the_greedy_parser() {
        let (names, data) = data();
        let mut parser = train_parser_global(&data, names, 2, 2, 7, |_, _| {});
        let (mut greedy, mut beam) = (ParseScratch::default(), ParseScratch::default());
        for ex in &data {
            parser.beam = 1;
            parser.parse(&ex.words, &ex.tags, &mut greedy);
            parser.parse_beam(&ex.words, &ex.tags, 1, &mut beam);
            assert_eq!(greedy.state.heads, beam.state.heads);
            assert_eq!(greedy.state.labels, beam.state.labels);
        }
    }
}

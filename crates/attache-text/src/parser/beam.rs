//! Beam-search decoding for the arc-hybrid parser: the `k` best move sequences
//! (by summed move scores) are kept side by side, and the best complete one wins.
//! Every sequence has exactly `2n` moves (each word is shifted once and attached
//! once), so all hypotheses finish at the same step.

use super::{apply, features, Labels, Legal, State, N_PARSE_FEATS};

/// A hypothesis: a parser state and the sum of its moves' scores.
#[derive(Default)]
pub(crate) struct Item {
    pub st: State,
    pub score: i64,
}

/// A candidate extension: parent item, move id, total score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cand {
    pub score: i64,
    pub parent: u32,
    pub mov: u16,
}

impl Cand {
    /// Higher score first; ties broken by parent then move, so that decoding is
    /// deterministic whatever the sort's stability.
    fn key(&self) -> (std::cmp::Reverse<i64>, u32, u16) {
        (std::cmp::Reverse(self.score), self.parent, self.mov)
    }
}

/// Reusable buffers of beam decoding (no allocation per word once warm).
#[derive(Default)]
pub struct BeamScratch {
    cur: Vec<Item>,
    next: Vec<Item>,
    cands: Vec<Cand>,
}

impl State {
    /// Makes `self` a copy of `other`, reusing `self`'s buffers.
    pub(crate) fn copy_from(&mut self, other: &State) {
        self.n = other.n;
        self.b = other.b;
        self.stack.clone_from(&other.stack);
        self.heads.clone_from(&other.heads);
        self.labels.clone_from(&other.labels);
        self.lc1.clone_from(&other.lc1);
        self.lc2.clone_from(&other.lc2);
        self.rc1.clone_from(&other.rc1);
        self.rc2.clone_from(&other.rc2);
        self.nl.clone_from(&other.nl);
        self.nr.clone_from(&other.nr);
    }
}

/// Pushes onto `out` the `k` best legal moves of a state (by `scores`), each as a
/// candidate extending `parent` whose score so far is `base`.
#[inline]
pub(crate) fn top_moves<T: Copy + Into<i64>>(
    st: &State,
    labels: &Labels,
    scores: &[T],
    base: i64,
    parent: u32,
    k: usize,
    out: &mut Vec<Cand>,
) {
    let Legal {
        shift,
        left,
        right,
        at_root,
    } = Legal::of(st);
    let nl = labels.names.len();
    let start = out.len();
    let push = |mov: usize, out: &mut Vec<Cand>| {
        let c = Cand {
            score: base + scores[mov].into(),
            parent,
            mov: mov as u16,
        };
        // Insertion into the item's sorted top-k list.
        let mine = &out[start..];
        if mine.len() == k && c.key() >= mine[k - 1].key() {
            return;
        }
        if mine.len() == k {
            out.pop();
        }
        let pos = out[start..].partition_point(|x| x.key() < c.key());
        out.insert(start + pos, c);
    };
    if shift {
        push(0, out);
    }
    if left {
        if at_root {
            push(1 + labels.root as usize, out);
        } else {
            for l in (0..nl).filter(|&l| l != labels.root as usize) {
                push(1 + l, out);
            }
        }
    }
    if right {
        for l in (0..nl).filter(|&l| l != labels.root as usize) {
            push(1 + nl + l, out);
        }
    }
}

/// Keeps the `k` best candidates, best first.
pub(crate) fn select(cands: &mut Vec<Cand>, k: usize) {
    if cands.len() > k {
        cands.select_nth_unstable_by_key(k - 1, Cand::key);
        cands.truncate(k);
    }
    cands.sort_unstable_by_key(Cand::key);
}

/// Builds the next beam in `next` from the chosen candidates over `cur`.
pub(crate) fn advance(cur: &[Item], next: &mut Vec<Item>, cands: &[Cand], labels: &Labels) {
    next.resize_with(next.len().max(cands.len()), Item::default);
    for (item, c) in next.iter_mut().zip(cands) {
        item.st.copy_from(&cur[c.parent as usize].st);
        item.score = c.score;
        apply(&mut item.st, labels.decode(c.mov as usize));
    }
}

impl super::Parser {
    /// Beam-search parse with `k` hypotheses; the result is in `scratch.state`.
    pub(crate) fn parse_beam(
        &self,
        words: &[u64],
        tags: &[u64],
        k: usize,
        scratch: &mut super::ParseScratch,
    ) {
        let bs = &mut scratch.beam;
        bs.cur.resize_with(bs.cur.len().max(1), Item::default);
        bs.cur[0].st.init(words.len());
        bs.cur[0].score = 0;
        let mut live = 1;
        let mut feats = [0u64; N_PARSE_FEATS];
        while !bs.cur[0].st.terminal() {
            bs.cands.clear();
            for (i, item) in bs.cur[..live].iter().enumerate() {
                features::extract(&item.st, words, tags, &mut feats);
                self.model.scores(&feats, &mut scratch.scores);
                let scores = &scratch.scores[..self.labels.n_moves()];
                top_moves(
                    &item.st,
                    &self.labels,
                    scores,
                    item.score,
                    i as u32,
                    k,
                    &mut bs.cands,
                );
            }
            select(&mut bs.cands, k);
            let floor = bs.cands[0].score.saturating_sub(self.margin);
            let keep = bs.cands.partition_point(|c| c.score >= floor);
            bs.cands.truncate(keep);
            advance(&bs.cur, &mut bs.next, &bs.cands, &self.labels);
            live = bs.cands.len();
            std::mem::swap(&mut bs.cur, &mut bs.next);
        }
        scratch.state.copy_from(&bs.cur[0].st);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::Move;

    /// The move ids of `m` (inverse of [`Labels::decode`]).
    fn encode(labels: &Labels, m: Move) -> usize {
        let nl = labels.names.len();
        match m {
            Move::Shift => 0,
            Move::Left(l) => 1 + l as usize,
            Move::Right(l) => 1 + nl + l as usize,
        }
    }

    fn labels() -> Labels {
        Labels::new(
            ["root", "nsubj", "obj"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        )
    }

    #[test]
    fn top_moves_keeps_the_best_legal_moves_in_order() {
        let labs = labels();
        let mut st = State::default();
        st.init(3);
        apply(&mut st, Move::Shift);
        apply(&mut st, Move::Shift);
        // Moves: 0 SHIFT, 1-3 LEFT(root, nsubj, obj), 4-6 RIGHT(root, nsubj, obj).
        let scores = [5i32, 100, 7, 9, 100, 8, 1];
        let mut out = Vec::new();
        top_moves(&st, &labs, &scores, 10, 3, 3, &mut out);
        // LEFT(root) and RIGHT(root) are illegal before the root; the best legal three.
        let got: Vec<(i64, u16)> = out.iter().map(|c| (c.score, c.mov)).collect();
        assert_eq!(got, vec![(19, 3), (18, 5), (17, 2)]);
        assert!(out.iter().all(|c| c.parent == 3));
    }

    #[test]
    fn select_keeps_the_k_best_candidates_best_first() {
        let c = |score, parent, mov| Cand { score, parent, mov };
        let mut cands = vec![c(3, 0, 1), c(9, 1, 0), c(5, 0, 2), c(9, 0, 4), c(-1, 1, 1)];
        select(&mut cands, 3);
        assert_eq!(cands, vec![c(9, 0, 4), c(9, 1, 0), c(5, 0, 2)]);
    }

    #[test]
    fn at_the_root_only_left_root_is_legal() {
        let labs = labels();
        let mut st = State::default();
        st.init(1);
        apply(&mut st, Move::Shift);
        let scores = [50i32, 1, 60, 70, 80, 90, 99];
        let mut out = Vec::new();
        top_moves(&st, &labs, &scores, 0, 0, 4, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(labs.decode(out[0].mov as usize), Move::Left(labs.root));
        assert_eq!(encode(&labs, Move::Left(labs.root)), out[0].mov as usize);
    }
}

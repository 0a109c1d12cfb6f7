//! Training the parser: a dynamic oracle for arc-hybrid (the cost of each move
//! is the number of gold arcs it makes unreachable) with exploration of the
//! model's own mistakes, as in Goldberg & Nivre (2013).

use super::{apply, features, move_names, Labels, Move, Parser, State, NONE, N_PARSE_FEATS};
use crate::features::Rng;
use crate::perceptron::Trainer;

/// A training sentence: word hashes, tag hashes, gold heads (`n` = root) and labels.
pub struct ParseExample {
    pub words: Vec<u64>,
    pub tags: Vec<u64>,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

/// Costs of SHIFT, LEFT and RIGHT ignoring labels.
fn structural_costs(st: &State, gh: &[u32]) -> (u32, u32, u32) {
    let n = st.n;
    let b = st.b as u32;
    let s0 = st.s(0);
    let s1 = st.s(1);
    let deps_in_buffer = |x: u32| -> u32 { (st.b..n).filter(|&d| gh[d] == x).count() as u32 };
    let (mut left, mut right) = (u32::MAX, u32::MAX);
    if s0 != NONE {
        let lost_deps = deps_in_buffer(s0);
        let h = gh[s0 as usize];
        left = lost_deps + (h != b && ((s1 != NONE && h == s1) || h > b)) as u32;
        right = lost_deps + (h >= b) as u32;
    }
    let mut shift = u32::MAX;
    if st.b < n {
        let h = gh[st.b];
        let stack_deps = st.stack.iter().filter(|&&d| gh[d as usize] == b).count() as u32;
        let head_in_stack = h != s0 && st.stack.contains(&h);
        shift = stack_deps + head_in_stack as u32;
    }
    (shift, left, right)
}

/// The cost of every move in `st` (`u32::MAX` where illegal) into `costs`:
/// gold arcs made unreachable, plus one for a gold arc with the wrong label.
/// Returns the least cost.
pub(crate) fn move_costs(labels: &Labels, st: &State, ex: &ParseExample, costs: &mut [u32]) -> u32 {
    let (c_shift, c_left, c_right) = structural_costs(st, &ex.heads);
    let s0 = st.s(0);
    let mut min_cost = u32::MAX;
    for (a, cost) in costs.iter_mut().enumerate() {
        let m = labels.decode(a);
        *cost = if !labels.valid(st, m) {
            u32::MAX
        } else {
            match m {
                Move::Shift => c_shift,
                Move::Left(l) => {
                    let g = s0 as usize;
                    c_left + (ex.heads[g] == st.b as u32 && ex.labels[g] != l) as u32
                }
                Move::Right(l) => {
                    let g = s0 as usize;
                    c_right + (ex.heads[g] == st.s(1) && ex.labels[g] != l) as u32
                }
            }
        };
        min_cost = min_cost.min(*cost);
    }
    min_cost
}

/// Trains the parser; `report(epoch, share of moves that were zero-cost)`.
pub fn train_parser(
    data: &[ParseExample],
    label_names: Vec<String>,
    epochs: usize,
    seed: u64,
    mut report: impl FnMut(usize, f64),
) -> Parser {
    let labels = Labels::new(label_names.clone());
    let n_moves = labels.n_moves();
    let mut trainer = Trainer::new(n_moves);
    let mut scores = vec![0f32; n_moves];
    let mut costs = vec![u32::MAX; n_moves];
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut st = State::default();
    let mut feats = [0u64; N_PARSE_FEATS];
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let (mut good, mut total) = (0usize, 0usize);
        for &k in &order {
            let ex = &data[k];
            st.init(ex.words.len());
            while !st.terminal() {
                features::extract(&st, &ex.words, &ex.tags, &mut feats);
                trainer.scores(&feats, &mut scores);
                let min_cost = move_costs(&labels, &st, ex, &mut costs);
                let mut pred = usize::MAX;
                let mut best = usize::MAX;
                for a in 0..n_moves {
                    if costs[a] == u32::MAX {
                        continue;
                    }
                    if pred == usize::MAX || scores[a] > scores[pred] {
                        pred = a;
                    }
                    if costs[a] == min_cost && (best == usize::MAX || scores[a] > scores[best]) {
                        best = a;
                    }
                }
                total += 1;
                if costs[pred] == min_cost {
                    good += 1;
                } else {
                    trainer.update(&feats, best, pred);
                }
                trainer.tick();
                let follow = if costs[pred] == min_cost || (epoch > 1 && rng.below(10) < 9) {
                    pred
                } else {
                    best
                };
                apply(&mut st, labels.decode(follow));
            }
        }
        report(epoch, good as f64 / total.max(1) as f64);
    }
    Parser::new(trainer.freeze(move_names(&label_names)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following the zero-cost moves of a projective tree rebuilds it exactly.
    #[test]
    fn oracle_rebuilds_a_projective_tree() {
        // "Minister met the envoy ." : met is root (head 5 = n).
        let heads = [1, 5, 3, 1, 1];
        let labels = [1u8, 0, 2, 3, 4];
        let names: Vec<String> = ["root", "nsubj", "det", "obj", "punct"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let labs = Labels::new(names);
        assert_eq!(labs.root, 0);
        let mut st = State::default();
        st.init(5);
        while !st.terminal() {
            let (cs, cl, cr) = structural_costs(&st, &heads);
            let s0 = st.s(0);
            let m = if s0 != NONE && cl == 0 && heads[s0 as usize] == st.b as u32 {
                Move::Left(labels[s0 as usize])
            } else if cr == 0 && st.stack.len() >= 2 && heads[st.s(0) as usize] == st.s(1) {
                Move::Right(labels[st.s(0) as usize])
            } else {
                assert_eq!(cs, 0);
                Move::Shift
            };
            apply(&mut st, m);
        }
        assert_eq!(&st.heads[..5], &heads[..]);
    }
}

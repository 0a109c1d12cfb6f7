//! Averaged multiclass perceptron over hashed features.
//!
//! [`Trainer`] keeps a dense row of weights for each feature that was ever
//! updated (features never updated get no row); [`Model`] is its frozen form:
//! averaged weights quantized to `i16`, zeros pruned, rows stored sparse
//! (class, weight), looked up in an open-addressing table. Scoring allocates nothing.

use crate::model_io::{ReadResult, Reader, Writer};
use std::collections::HashMap;

/// Feature keys are already well-mixed hashes: the table uses them as they are
/// (SipHash on every lookup was a large share of training time); the model
/// does not depend on the table's hashing, only on the order features are first seen.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        // The low bit of a feature key is always 1: fold higher bits into the low ones,
        // which choose the bucket.
        self.0 = x ^ (x >> 29);
    }
}

type KeyMap = HashMap<u64, u32, std::hash::BuildHasherDefault<KeyHasher>>;

pub struct Trainer {
    pub n_classes: usize,
    rows: KeyMap,
    /// Current weights, `rows × n_classes`.
    w: Vec<f32>,
    /// Sum of `step × update`, so that the average is `w - acc / step`.
    acc: Vec<f64>,
    step: f64,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            rows: KeyMap::default(),
            w: Vec::new(),
            acc: Vec::new(),
            step: 1.0,
        }
    }

    /// Adds the current weights of `feats` into `scores` (zeroed first).
    pub fn scores(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        let n = self.n_classes;
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                let row = &self.w[r as usize * n..(r as usize + 1) * n];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += w;
                }
            }
        }
    }

    /// One training instance was seen (advances the averaging clock).
    pub fn tick(&mut self) {
        self.step += 1.0;
    }

    /// Moves the weights of `feats` towards `truth` and away from `guess`.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let n = self.n_classes;
        for &f in feats {
            let r = self.row(f);
            self.w[r * n + truth] += 1.0;
            self.acc[r * n + truth] += self.step;
            self.w[r * n + guess] -= 1.0;
            self.acc[r * n + guess] -= self.step;
        }
    }

    /// The row of feature `f`, added (all zero) on its first update.
    fn row(&mut self, f: u64) -> usize {
        let next = self.rows.len() as u32;
        let r = *self.rows.entry(f).or_insert(next) as usize;
        if r == next as usize {
            let n = self.n_classes;
            self.w.resize(self.w.len() + n, 0.0);
            self.acc.resize(self.acc.len() + n, 0.0);
        }
        r
    }

    /// Adds `delta` to the weight of `class` for each of `feats` (structured
    /// updates: a whole move sequence is rewarded or penalised move by move).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        let n = self.n_classes;
        for &f in feats {
            let r = self.row(f);
            self.w[r * n + class] += delta;
            self.acc[r * n + class] += self.step * delta as f64;
        }
    }

    /// The averaged, quantized, pruned model.
    pub fn freeze(&self, classes: Vec<String>) -> Model {
        let n = self.n_classes;
        let avg = |r: usize, c: usize| self.w[r * n + c] - (self.acc[r * n + c] / self.step) as f32;
        let mut max = 0f32;
        for r in 0..self.rows.len() {
            for c in 0..n {
                max = max.max(avg(r, c).abs());
            }
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut keys: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut rows = Vec::new();
        for (key, r) in keys {
            let mut entries = Vec::new();
            for c in 0..n {
                let q = (avg(r as usize, c) / scale).round();
                if q != 0.0 {
                    entries.push((c as u8, q as i16));
                }
            }
            if !entries.is_empty() {
                rows.push((key, entries));
            }
        }
        Model::build(classes, scale, rows)
    }
}

/// A feature in the table, 8 bytes: the low 32 bits of its hash (the high
/// bits chose the slot; the low bit is always 1, so 0 marks an empty slot) and
/// where its weights are, `start << 8 | len`: `len` (class, weight) pairs at
/// `entries[start..]`, or, for rows with many classes (`len == DENSE`), the
/// dense row `dense[start * stride..]`.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    loc: u32,
}

const DENSE: u32 = 0xff;
/// Most (class, weight) pairs or dense rows a model may hold (24-bit `start`).
const MAX_START: usize = 1 << 24;

/// Hints the CPU to fetch the cache line of `p`: lookups of a state's features
/// are independent, so their memory latencies overlap instead of adding up.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Most features a state may have (for the lookup buffer).
pub const MAX_FEATS: usize = 64;

/// The frozen perceptron.
pub struct Model {
    pub classes: Vec<String>,
    scale: f32,
    /// Open-addressing table of the features; key 0 is empty.
    table: Vec<Slot>,
    mask: usize,
    /// Row `r` (in file order) has key `keys[r]` and weights `entries[starts[r]..starts[r + 1]]`.
    keys: Vec<u64>,
    starts: Vec<u32>,
    entries: Vec<(u8, i16)>,
    /// Dense copies of the rows with many classes, `classes` weights each.
    dense: Vec<i16>,
    /// Length of a dense row: the number of classes rounded up to whole AVX2 vectors
    /// (the padding is zero), so that adding a row has no scalar tail.
    stride: usize,
}

impl Model {
    fn build(classes: Vec<String>, scale: f32, rows: Vec<(u64, Vec<(u8, i16)>)>) -> Model {
        let n = classes.len();
        let stride = n.next_multiple_of(16);
        let cap = (rows.len() * 3 / 2).next_power_of_two().max(16);
        let mut table = vec![Slot::default(); cap];
        let mut keys = Vec::with_capacity(rows.len());
        let mut starts = Vec::with_capacity(rows.len() + 1);
        let mut entries = Vec::new();
        let mut dense = Vec::new();
        for (key, row) in rows {
            let start = entries.len() as u32;
            assert!(
                entries.len() < MAX_START && dense.len() / stride.max(1) < MAX_START,
                "model too large for 24-bit row offsets"
            );
            let mut slot_value = Slot {
                key: key as u32,
                loc: start << 8 | row.len().min(DENSE as usize - 1) as u32,
            };
            // A dense row is added a vector of classes at a time, a sparse one pair by
            // pair: from one class in eight on, dense is faster (measured on news).
            if row.len() * 8 >= n {
                slot_value.loc = ((dense.len() / stride) as u32) << 8 | DENSE;
                dense.resize(dense.len() + stride, 0);
                let d = dense.len() - stride;
                for &(c, w) in &row {
                    dense[d + c as usize] = w;
                }
            }
            keys.push(key);
            starts.push(start);
            entries.extend(row);
            let mut i = slot(key, cap - 1);
            while table[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            table[i] = slot_value;
        }
        starts.push(entries.len() as u32);
        Model {
            classes,
            scale,
            table,
            mask: cap - 1,
            keys,
            starts,
            entries,
            dense,
            stride,
        }
    }

    fn row(&self, r: usize) -> &[(u8, i16)] {
        &self.entries[self.starts[r] as usize..self.starts[r + 1] as usize]
    }

    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// Number of features kept and of non-zero weights.
    pub fn size(&self) -> (usize, usize) {
        (self.starts.len() - 1, self.entries.len())
    }

    /// (start, len) of the row of `key`; len 0 when the feature is unknown.
    #[inline]
    fn find(&self, key: u64) -> (u32, u32) {
        let mut i = slot(key, self.mask);
        let fp = key as u32;
        loop {
            let s = self.table[i];
            if s.key == fp {
                return (s.loc >> 8, s.loc & 0xff);
            }
            if s.key == 0 {
                return (0, 0);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Sums the weights of `feats` (at most [`MAX_FEATS`]) into `scores[..n_classes]`
    /// (zeroed first; indexed by class, so no bounds checks). The entries past the model's
    /// classes are left as they were: callers read `scores[..n_classes]` only.
    #[inline]
    pub fn scores(&self, feats: &[u64], scores: &mut [i32; 256]) {
        // Most of tagging and parsing is adding the dense rows of frequent features:
        // with AVX2 (checked at run time, so that the binary stays portable; std caches
        // the answer) that takes half the instructions of baseline SSE2.
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            unsafe { self.scores_avx2(feats, scores) };
            return;
        }
        self.scores_portable(feats, scores);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn scores_avx2(&self, feats: &[u64], scores: &mut [i32; 256]) {
        self.scores_portable(feats, scores);
    }

    #[inline(always)]
    fn scores_portable(&self, feats: &[u64], scores: &mut [i32; 256]) {
        scores[..self.classes.len()].iter_mut().for_each(|s| *s = 0);
        let feats = &feats[..feats.len().min(MAX_FEATS)];
        for &f in feats {
            prefetch(&self.table[slot(f, self.mask)]);
        }
        let mut rows = [(0u32, 0u32); MAX_FEATS];
        for (row, &f) in rows.iter_mut().zip(feats) {
            *row = self.find(f);
            if row.1 == DENSE {
                prefetch(&self.dense[row.0 as usize * self.stride]);
            } else if row.1 > 0 {
                prefetch(&self.entries[row.0 as usize]);
            }
        }
        for &(start, len) in &rows[..feats.len()] {
            if len == DENSE {
                let row = &self.dense[start as usize * self.stride..][..self.stride];
                for (s, &w) in scores[..self.stride].iter_mut().zip(row) {
                    *s += w as i32;
                }
            } else {
                for &(c, w) in &self.entries[start as usize..(start + len) as usize] {
                    scores[c as usize] += w as i32;
                }
            }
        }
    }

    /// Score of class 1 minus score of class 0, for a two-class model.
    #[inline]
    pub fn binary_margin(&self, feats: &[u64]) -> i32 {
        debug_assert_eq!(self.classes.len(), 2);
        let mut s = [0i32; 2];
        for &f in feats {
            let (start, len) = self.find(f);
            if len == DENSE {
                let row = &self.dense[start as usize * self.stride..][..2];
                s[0] += row[0] as i32;
                s[1] += row[1] as i32;
            } else {
                for &(c, w) in &self.entries[start as usize..(start + len) as usize] {
                    s[(c & 1) as usize] += w as i32;
                }
            }
        }
        s[1] - s[0]
    }

    /// Weights in original units (for callers mixing with other scores).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// The model without weights smaller than `min` (quantized units) and
    /// without the features left with no weight.
    pub fn pruned(&self, min: i16) -> Model {
        let mut rows = Vec::new();
        for (r, &key) in self.keys.iter().enumerate() {
            let row: Vec<(u8, i16)> = self
                .row(r)
                .iter()
                .copied()
                .filter(|&(_, w)| w.unsigned_abs() >= min.unsigned_abs())
                .collect();
            if !row.is_empty() {
                rows.push((key, row));
            }
        }
        Model::build(self.classes.clone(), self.scale, rows)
    }

    pub fn write(&self, out: &mut Writer) {
        out.u32(self.classes.len() as u32);
        for c in &self.classes {
            out.str(c);
        }
        out.f32(self.scale);
        let n_rows = self.starts.len() - 1;
        out.u32(n_rows as u32);
        for (r, &key) in self.keys.iter().enumerate() {
            out.u64(key);
            let row = self.row(r);
            out.u8(row.len() as u8);
            for &(c, w) in row {
                out.u8(c);
                out.i16(w);
            }
        }
    }

    pub fn read(inp: &mut Reader) -> ReadResult<Model> {
        let n = inp.u32()? as usize;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            classes.push(inp.str()?);
        }
        let scale = inp.f32()?;
        let n_rows = inp.u32()? as usize;
        let mut rows = Vec::with_capacity(n_rows);
        for _ in 0..n_rows {
            let key = inp.u64()?;
            let len = inp.u8()? as usize;
            let mut row = Vec::with_capacity(len);
            for _ in 0..len {
                let c = inp.u8()?;
                if c as usize >= n {
                    return Err("model file: class out of range".into());
                }
                row.push((c, inp.i16()?));
            }
            rows.push((key, row));
        }
        Ok(Model::build(classes, scale, rows))
    }
}

/// The home slot of a feature hash: its high bits (the low bit of every key is 1).
#[inline(always)]
fn slot(key: u64, mask: usize) -> usize {
    (key >> 32) as usize & mask
}

/// Index of the best score among `allowed` classes (all when `allowed` is `None`).
#[inline]
pub fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for i in 1..scores.len() {
        if scores[i] > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    type Rows = Vec<(u64, Vec<(u8, i16)>)>;

    /// Keys as the feature hasher makes them: low bit set.
    fn key(i: u64) -> u64 {
        (i.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1
    }

    /// A 100-class model with rows of every storage kind: short sparse rows, rows just
    /// under and over the dense threshold, and full rows.
    fn model() -> (Model, Rows) {
        let classes: Vec<String> = (0..100).map(|c| format!("c{c}")).collect();
        let rows: Rows = (0..60u64)
            .map(|i| {
                let len = [1, 2, 5, 12, 13, 40, 100][i as usize % 7];
                let row = (0..len)
                    .map(|j| {
                        (
                            ((i * 7 + j * 13) % 100) as u8,
                            (i as i16 - 30) * 97 + j as i16,
                        )
                    })
                    .collect::<std::collections::BTreeMap<u8, i16>>()
                    .into_iter()
                    .collect();
                (key(i), row)
            })
            .collect();
        (Model::build(classes, 0.5, rows.clone()), rows)
    }

    fn naive(rows: &Rows, feats: &[u64]) -> Vec<i32> {
        let mut s = vec![0i32; 100];
        for f in feats {
            for (k, row) in rows {
                if k == f {
                    row.iter().for_each(|&(c, w)| s[c as usize] += w as i32);
                }
            }
        }
        s
    }

    #[test]
    fn scores_are_the_sums_of_the_rows_whatever_their_storage() {
        let (m, rows) = model();
        let mut feats: Vec<u64> = (0..60).step_by(3).map(key).collect();
        feats.push(key(1000)); // unknown: adds nothing
        feats.push(key(7)); // twice: counted twice
        feats.push(key(7));
        let want = naive(&rows, &feats);
        let mut got = [7i32; 256];
        m.scores(&feats, &mut got);
        assert_eq!(&got[..100], &want[..]);
        let mut portable = [-3i32; 256];
        m.scores_portable(&feats, &mut portable);
        assert_eq!(&portable[..100], &want[..]);
    }

    #[test]
    fn a_model_reads_back_with_the_same_scores() {
        let (m, _) = model();
        let mut w = Writer::new(b"TESTMODL");
        m.write(&mut w);
        let back = Model::read(&mut Reader::new(&w.buf, b"TESTMODL").unwrap()).unwrap();
        let feats: Vec<u64> = (0..60).map(key).collect();
        let (mut a, mut b) = ([0i32; 256], [0i32; 256]);
        m.scores(&feats, &mut a);
        back.scores(&feats, &mut b);
        assert_eq!(a[..100], b[..100]);
        assert_eq!(back.size(), m.size());
    }

    #[test]
    fn binary_margin_is_the_difference_of_the_two_scores() {
        let rows = vec![
            (key(1), vec![(0u8, 5i16)]),
            (key(2), vec![(1u8, 9i16)]),
            (key(3), vec![(0u8, -4i16), (1, 6)]),
        ];
        let m = Model::build(vec!["in".into(), "end".into()], 1.0, rows);
        assert_eq!(
            m.binary_margin(&[key(1), key(2), key(3), key(4)]),
            9 + 6 - 5 + 4
        );
    }
}

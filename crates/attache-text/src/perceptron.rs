//! Averaged multiclass perceptron over hashed features.
//!
//! [`Trainer`] keeps a dense row of weights for each feature that was ever
//! updated (features never updated get no row); [`Model`] is its frozen form:
//! averaged weights quantized to `i16`, zeros pruned, rows stored sparse
//! (class, weight), looked up in an open-addressing table. Scoring allocates nothing.

use crate::model_io::{ReadResult, Reader, Writer};
use std::collections::HashMap;

pub struct Trainer {
    pub n_classes: usize,
    rows: HashMap<u64, u32>,
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
            rows: HashMap::new(),
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
            let next = self.rows.len() as u32;
            let r = *self.rows.entry(f).or_insert(next) as usize;
            if r == next as usize {
                self.w.resize(self.w.len() + n, 0.0);
                self.acc.resize(self.acc.len() + n, 0.0);
            }
            self.w[r * n + truth] += 1.0;
            self.acc[r * n + truth] += self.step;
            self.w[r * n + guess] -= 1.0;
            self.acc[r * n + guess] -= self.step;
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
/// dense row `dense[start * classes..]`.
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
}

impl Model {
    fn build(classes: Vec<String>, scale: f32, rows: Vec<(u64, Vec<(u8, i16)>)>) -> Model {
        let n = classes.len();
        let cap = (rows.len() * 3 / 2).next_power_of_two().max(16);
        let mut table = vec![Slot::default(); cap];
        let mut keys = Vec::with_capacity(rows.len());
        let mut starts = Vec::with_capacity(rows.len() + 1);
        let mut entries = Vec::new();
        let mut dense = Vec::new();
        for (key, row) in rows {
            let start = entries.len() as u32;
            assert!(
                entries.len() < MAX_START && dense.len() / n.max(1) < MAX_START,
                "model too large for 24-bit row offsets"
            );
            let mut slot_value = Slot {
                key: key as u32,
                loc: start << 8 | row.len().min(DENSE as usize - 1) as u32,
            };
            if row.len() * 4 >= n {
                slot_value.loc = ((dense.len() / n) as u32) << 8 | DENSE;
                dense.resize(dense.len() + n, 0);
                let d = dense.len() - n;
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
        scores[..self.classes.len()].iter_mut().for_each(|s| *s = 0);
        let feats = &feats[..feats.len().min(MAX_FEATS)];
        for &f in feats {
            prefetch(&self.table[slot(f, self.mask)]);
        }
        let mut rows = [(0u32, 0u32); MAX_FEATS];
        for (row, &f) in rows.iter_mut().zip(feats) {
            *row = self.find(f);
            if row.1 == DENSE {
                prefetch(&self.dense[row.0 as usize * self.classes.len()]);
            } else if row.1 > 0 {
                prefetch(&self.entries[row.0 as usize]);
            }
        }
        let n = self.classes.len();
        for &(start, len) in &rows[..feats.len()] {
            if len == DENSE {
                let row = &self.dense[start as usize * n..(start as usize + 1) * n];
                for (s, &w) in scores[..n].iter_mut().zip(row) {
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
                let row = &self.dense[start as usize * 2..start as usize * 2 + 2];
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

//! Training and scoring the NER tagger on IOB2 files (Universal NER: `id word tag ...` lines,
//! `#` comments, blank lines between sentences).

use super::features::Sentence;
use super::{key, spans, Model, CLASSES, N};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Epochs of the shipped model.
pub const EPOCHS: usize = 8;
/// Seed of the (deterministic) shuffle of training sentences.
pub const SEED: u64 = 0x5eed_4e45;
/// Features whose largest averaged weight is below this share of the largest weight are
/// dropped: they change almost no decision and would triple the model's size.
const PRUNE: f32 = 0.002;

/// One sentence: words and their gold tags.
pub type Tagged = (Vec<String>, Vec<String>);

/// Sentences of an IOB2 file.
pub fn read_iob2(path: &Path) -> Result<Vec<Tagged>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let (mut words, mut tags) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if line.trim().is_empty() || cols.len() < 3 {
            if !words.is_empty() {
                out.push((std::mem::take(&mut words), std::mem::take(&mut tags)));
            }
            continue;
        }
        words.push(cols[1].to_string());
        let tag = if CLASSES.contains(&cols[2]) {
            cols[2]
        } else {
            "O"
        };
        tags.push(tag.to_string());
    }
    if !words.is_empty() {
        out.push((words, tags));
    }
    if out.is_empty() {
        return Err(format!("{}: no IOB2 sentences", path.display()));
    }
    Ok(out)
}

/// The first file in `dir` whose name contains `split` and ends in `.iob2`.
pub fn split_file(dir: &Path, split: &str) -> Result<PathBuf, String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.contains(&format!("-{split}")) && n.ends_with(".iob2")
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .next()
        .ok_or_else(|| format!("{}: no *-{split}*.iob2 file", dir.display()))
}

/// Averaged perceptron weights while training.
struct Trainer {
    rows: HashMap<u64, usize>,
    w: Vec<f32>,
    acc: Vec<f64>,
    step: f64,
}

impl Trainer {
    fn scores(&self, feats: &[u64]) -> [f32; N] {
        let mut s = [0f32; N];
        for f in feats {
            if let Some(&r) = self.rows.get(f) {
                for (a, w) in s.iter_mut().zip(&self.w[r * N..(r + 1) * N]) {
                    *a += w;
                }
            }
        }
        s
    }

    fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        for &f in feats {
            let next = self.rows.len();
            let r = *self.rows.entry(f).or_insert(next);
            if r == next {
                self.w.resize(self.w.len() + N, 0.0);
                self.acc.resize(self.acc.len() + N, 0.0);
            }
            self.w[r * N + truth] += 1.0;
            self.acc[r * N + truth] += self.step;
            self.w[r * N + guess] -= 1.0;
            self.acc[r * N + guess] -= self.step;
        }
    }

    fn freeze(&self) -> Model {
        let avg = |r: usize, c: usize| self.w[r * N + c] - (self.acc[r * N + c] / self.step) as f32;
        let mut max = 0f32;
        for r in 0..self.rows.len() {
            for c in 0..N {
                max = max.max(avg(r, c).abs());
            }
        }
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut rows = HashMap::new();
        for (&f, &r) in &self.rows {
            let big = (0..N).map(|c| avg(r, c).abs()).fold(0f32, f32::max);
            if big < PRUNE * max {
                continue;
            }
            let mut q = [0i16; N];
            for (c, x) in q.iter_mut().enumerate() {
                *x = (avg(r, c) / scale).round() as i16;
            }
            // Two features sharing the high 32 bits: their weights add, as they would score.
            let e = rows.entry(key(f)).or_insert([0i16; N]);
            for (a, b) in e.iter_mut().zip(q) {
                *a = a.saturating_add(b);
            }
        }
        Model { scale, rows }
    }
}

/// Trains on `sentences` for `epochs` passes in a shuffled, seeded order.
pub fn train(sentences: &[Tagged], epochs: usize, log: &mut dyn FnMut(String)) -> Model {
    let mut t = Trainer {
        rows: HashMap::new(),
        w: Vec::new(),
        acc: Vec::new(),
        step: 1.0,
    };
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = SEED;
    let mut feats = Vec::new();
    for epoch in 0..epochs {
        // Fisher-Yates with a 64-bit LCG: the same order on every machine.
        for i in (1..order.len()).rev() {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (rng >> 33) as usize % (i + 1));
        }
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (words, gold) = &sentences[s];
            let sent = Sentence::new(words);
            let mut prev: Vec<&str> = Vec::with_capacity(words.len());
            for (i, g) in gold.iter().enumerate() {
                let p1 = if i > 0 { prev[i - 1] } else { "<s>" };
                let p2 = if i > 1 { prev[i - 2] } else { "<s>" };
                sent.features(i, p1, p2, &mut feats);
                let sc = t.scores(&feats);
                let guess = (0..N)
                    .max_by(|&a, &b| sc[a].total_cmp(&sc[b]).then(b.cmp(&a)))
                    .unwrap_or(0);
                let truth = CLASSES.iter().position(|c| c == g).unwrap_or(0);
                if guess != truth {
                    t.update(&feats, truth, guess);
                } else {
                    right += 1;
                }
                total += 1;
                t.step += 1.0;
                // Gold history while training: what the tagger sees when it is right.
                prev.push(CLASSES[truth]);
            }
        }
        log(format!(
            "epoch {}: {:.4} of training words right",
            epoch + 1,
            right as f64 / total.max(1) as f64
        ));
    }
    t.freeze()
}

/// Entity precision, recall and F1 (exact span and type), overall and per type.
#[derive(Debug, Default, Clone)]
pub struct Scores {
    /// (type, precision, recall, f1, gold entities); "ALL" first.
    pub rows: Vec<(String, f64, f64, f64, usize)>,
}

pub fn evaluate(model: &Model, sentences: &[Tagged]) -> Scores {
    let mut counts: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (words, gold) in sentences {
        let tags = model.tag(words);
        let g: Vec<&str> = gold.iter().map(String::as_str).collect();
        let gs = spans(&g);
        let ps = spans(&tags);
        for l in ["ALL", "PER", "ORG", "LOC"] {
            let keep = |s: &&(usize, usize, &str)| l == "ALL" || s.2 == l;
            let gl: Vec<_> = gs.iter().filter(keep).collect();
            let pl: Vec<_> = ps.iter().filter(keep).collect();
            let hit = pl.iter().filter(|p| gl.contains(p)).count();
            let c = counts.entry(l).or_default();
            c.0 += hit;
            c.1 += pl.len();
            c.2 += gl.len();
        }
    }
    let mut rows = Vec::new();
    for l in ["ALL", "PER", "ORG", "LOC"] {
        let (hit, pred, gold) = counts.get(l).copied().unwrap_or_default();
        let p = hit as f64 / pred.max(1) as f64;
        let r = hit as f64 / gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        rows.push((l.to_string(), p, r, f, gold));
    }
    Scores { rows }
}

/// What [`train_dir`] did.
pub struct Summary {
    pub model_path: PathBuf,
    pub model_bytes: usize,
    pub features: usize,
    pub seconds: f64,
    /// Scores on the test split when the folder has one.
    pub test: Option<Scores>,
}

/// `attache train ner`: trains on DIR's train split, writes OUT/ner.bin, scores the test split.
pub fn train_dir(
    dir: &Path,
    out: &Path,
    epochs: usize,
    log: &mut dyn FnMut(String),
) -> Result<Summary, String> {
    let t0 = std::time::Instant::now();
    let train_set = read_iob2(&split_file(dir, "train")?)?;
    log(format!("{} training sentences", train_set.len()));
    let model = train(&train_set, epochs, log);
    let bytes = model.write();
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let model_path = out.join("ner.bin");
    std::fs::write(&model_path, &bytes).map_err(|e| format!("{}: {e}", model_path.display()))?;
    let test = match split_file(dir, "test") {
        Ok(p) => Some(evaluate(&model, &read_iob2(&p)?)),
        Err(_) => None,
    };
    Ok(Summary {
        model_path,
        model_bytes: bytes.len(),
        features: model.len(),
        seconds: t0.elapsed().as_secs_f64(),
        test,
    })
}

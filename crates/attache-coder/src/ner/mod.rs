//! A statistical named-entity tagger (PER, ORG, LOC), the fallback for names no actor rule covers.
//!
//! An averaged perceptron reads each word left to right with features of the word, its
//! neighbours and the two tags before it, and tags it in IOB2. It is trained on Universal NER
//! English-EWT (CC BY-SA 4.0, `../shared/data/ner/uner_en_ewt`) by `attache train ner`, which
//! reproduces the shipped `data/models/ner.bin` (deterministic order, fixed epochs).

mod features;
pub mod train;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The tags, in the model's class order.
pub const CLASSES: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
const N: usize = CLASSES.len();
const MAGIC: &[u8; 8] = b"ATTNER01";
/// The model shipped in the binary.
const EMBEDDED: &[u8] = include_bytes!("../../../../data/models/ner.bin");

/// A name the tagger found: byte offsets into the text it was given, and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    /// "PER", "ORG" or "LOC".
    pub label: &'static str,
}

/// Frozen weights: per feature (the high 32 bits of its hash), one quantized weight per class.
pub struct Model {
    scale: f32,
    rows: HashMap<u32, [i16; N]>,
}

fn key(h: u64) -> u32 {
    (h >> 32) as u32
}

impl Model {
    /// The model embedded in the binary (parsed once).
    pub fn embedded() -> &'static Model {
        static M: OnceLock<Model> = OnceLock::new();
        M.get_or_init(|| {
            // The embedded file is produced by `attache train ner` and checked by the tests.
            Model::read(EMBEDDED).unwrap_or_else(|_| Model {
                scale: 1.0,
                rows: HashMap::new(),
            })
        })
    }

    /// How many features have weights.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn read(bytes: &[u8]) -> Result<Model, String> {
        let bad = || "not an attache NER model (data/models/ner.bin)".to_string();
        if bytes.get(..8) != Some(MAGIC.as_slice()) {
            return Err(bad());
        }
        let u32_at = |p: usize| -> Result<u32, String> {
            let b = bytes.get(p..p + 4).ok_or_else(bad)?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let scale = f32::from_bits(u32_at(8)?);
        let n = u32_at(12)? as usize;
        let row = 4 + 2 * N;
        if bytes.len() != 16 + n * row {
            return Err(bad());
        }
        let mut rows = HashMap::with_capacity(n);
        for r in 0..n {
            let p = 16 + r * row;
            let k = u32_at(p)?;
            let mut w = [0i16; N];
            for (c, x) in w.iter_mut().enumerate() {
                let q = p + 4 + 2 * c;
                *x = i16::from_le_bytes([bytes[q], bytes[q + 1]]);
            }
            rows.insert(k, w);
        }
        Ok(Model { scale, rows })
    }

    pub fn write(&self) -> Vec<u8> {
        let mut keys: Vec<&u32> = self.rows.keys().collect();
        keys.sort_unstable();
        let mut out = MAGIC.to_vec();
        out.extend(self.scale.to_bits().to_le_bytes());
        out.extend((keys.len() as u32).to_le_bytes());
        for k in keys {
            out.extend(k.to_le_bytes());
            for w in &self.rows[k] {
                out.extend(w.to_le_bytes());
            }
        }
        out
    }

    fn scores(&self, feats: &[u64]) -> [i32; N] {
        let mut s = [0i32; N];
        for &f in feats {
            if let Some(row) = self.rows.get(&key(f)) {
                for (a, &w) in s.iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
        s
    }

    /// IOB2 tags of `words`, greedily left to right; an I- tag that does not continue an
    /// entity of its type is never chosen.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<&'static str> {
        let sent = features::Sentence::new(words);
        let mut tags: Vec<&'static str> = Vec::with_capacity(words.len());
        let mut feats = Vec::new();
        for i in 0..sent.len() {
            let prev = if i > 0 { tags[i - 1] } else { "<s>" };
            let prev2 = if i > 1 { tags[i - 2] } else { "<s>" };
            sent.features(i, prev, prev2, &mut feats);
            let s = self.scores(&feats);
            let best = (0..N)
                .filter(|&c| allowed(prev, CLASSES[c]))
                .max_by_key(|&c| (s[c], std::cmp::Reverse(c)))
                .unwrap_or(0);
            tags.push(CLASSES[best]);
        }
        tags
    }

    /// The entities in `text` (tokenized as the parser tokenizes), offsets into `text`.
    pub fn entities(&self, text: &str) -> Vec<Entity> {
        let toks = attache_text::tokenize(text, &[]);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        let tags = self.tag(&words);
        spans(&tags)
            .into_iter()
            .map(|(a, b, label)| Entity {
                start: toks[a].start,
                end: toks[b - 1].end,
                label,
            })
            .collect()
    }

    #[cfg(test)]
    fn scale(&self) -> f32 {
        self.scale
    }
}

/// Whether `tag` may follow `prev`: I-X only inside an X.
fn allowed(prev: &str, tag: &str) -> bool {
    match tag.strip_prefix("I-") {
        Some(t) => prev.strip_prefix("B-") == Some(t) || prev.strip_prefix("I-") == Some(t),
        None => true,
    }
}

/// Entities of an IOB2 tag sequence as (first word, word after the last, type); a stray I-
/// opens an entity.
pub fn spans(tags: &[&str]) -> Vec<(usize, usize, &'static str)> {
    let label = |t: &str| -> Option<&'static str> {
        ["PER", "ORG", "LOC"].into_iter().find(|l| t.ends_with(l))
    };
    let mut out = Vec::new();
    let mut open: Option<(usize, &'static str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = t.starts_with("I-") && open.is_some_and(|(_, l)| label(t) == Some(l));
        if continues {
            continue;
        }
        if let Some((s, l)) = open.take() {
            out.push((s, i, l));
        }
        if t.starts_with("B-") || t.starts_with("I-") {
            open = label(t).map(|l| (i, l));
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

#[cfg(test)]
mod tests;

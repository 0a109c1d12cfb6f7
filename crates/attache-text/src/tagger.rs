//! Part-of-speech tagger: a greedy left-to-right averaged perceptron over
//! word, affix, shape and context features, predicting the (UPOS, XPOS) pair,
//! with a tag dictionary for frequent unambiguous words.

use crate::conllu::TreeSentence;
use crate::features::{feat, hash_lower, hash_prefix, hash_shape, hash_str, hash_suffix, mix, Rng};
use crate::perceptron::{argmax, Model, Trainer};
use std::collections::HashMap;

/// What the tagger needs to know about a word, hashed once per token.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordAtoms {
    pub form: u64,
    pub lower: u64,
    suf: [u64; 4],
    pre: [u64; 2],
    shape: u64,
    flags: u64,
}

impl WordAtoms {
    pub fn new(word: &str, first: bool) -> WordAtoms {
        let mut flags = first as u64;
        let mut chars = word.chars();
        if chars.next().is_some_and(char::is_uppercase) {
            flags |= 2;
        }
        if word.chars().any(|c| c.is_ascii_digit()) {
            flags |= 4;
        }
        if word.len() > 1 && word.chars().all(|c| !c.is_lowercase()) {
            flags |= 8;
        }
        WordAtoms {
            form: hash_str(word),
            lower: hash_lower(word),
            suf: [
                hash_suffix(word, 1),
                hash_suffix(word, 2),
                hash_suffix(word, 3),
                hash_suffix(word, 4),
            ],
            pre: [hash_prefix(word, 1), hash_prefix(word, 2)],
            shape: hash_shape(word),
            flags,
        }
    }

    /// Stand-in for positions before the first and after the last word.
    fn pad(side: u64) -> WordAtoms {
        let h = mix(0xdead_beef, side);
        WordAtoms {
            form: h,
            lower: h,
            suf: [h; 4],
            pre: [h; 2],
            shape: h,
            flags: 16 + side,
        }
    }
}

pub const N_TAG_FEATS: usize = 26;
const NO_TAG: u64 = 0xffff;

/// The features of word `i` given the tags of the two words before it.
#[inline]
fn features(words: &[WordAtoms], i: usize, p1: u64, p2: u64, out: &mut [u64; N_TAG_FEATS]) {
    let at = |k: isize| -> WordAtoms {
        let j = i as isize + k;
        if j < 0 {
            WordAtoms::pad(1)
        } else if j as usize >= words.len() {
            WordAtoms::pad(2)
        } else {
            words[j as usize]
        }
    };
    let w = words[i];
    let (m1, m2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    *out = [
        feat(0, 0, 0, 0),
        feat(1, w.lower, 0, 0),
        feat(2, w.suf[0], 0, 0),
        feat(3, w.suf[1], 0, 0),
        feat(4, w.suf[2], 0, 0),
        feat(5, w.suf[3], 0, 0),
        feat(6, w.pre[0], 0, 0),
        feat(7, w.pre[1], 0, 0),
        feat(8, w.shape, 0, 0),
        feat(9, p1, 0, 0),
        feat(10, p2, 0, 0),
        feat(11, p1, p2, 0),
        feat(12, p1, w.lower, 0),
        feat(13, m1.lower, 0, 0),
        feat(14, m1.suf[2], 0, 0),
        feat(15, m2.lower, 0, 0),
        feat(16, n1.lower, 0, 0),
        feat(17, n1.suf[2], 0, 0),
        feat(18, n2.lower, 0, 0),
        feat(19, n1.shape, 0, 0),
        feat(20, m1.lower, w.lower, 0),
        feat(21, w.lower, n1.lower, 0),
        feat(22, w.flags, w.shape, 0),
        feat(23, p1, w.suf[2], 0),
        feat(24, m1.shape, w.shape, 0),
        feat(25, w.form, 0, 0),
    ];
}

pub struct Tagger {
    pub model: Model,
    /// Exact form hash → class, for frequent words that always take one tag.
    tagdict: HashMap<u64, u8>,
    /// UPOS and XPOS of each class.
    pub upos: Vec<&'static str>,
    pub xpos: Vec<&'static str>,
}

impl Tagger {
    pub fn from_parts(model: Model, tagdict: HashMap<u64, u8>) -> Tagger {
        let mut upos = Vec::new();
        let mut xpos = Vec::new();
        for c in &model.classes {
            let (u, x) = c.split_once(' ').unwrap_or((c.as_str(), "_"));
            upos.push(&*Box::leak(u.to_string().into_boxed_str()));
            xpos.push(&*Box::leak(x.to_string().into_boxed_str()));
        }
        Tagger {
            model,
            tagdict,
            upos,
            xpos,
        }
    }

    pub fn tagdict(&self) -> &HashMap<u64, u8> {
        &self.tagdict
    }

    /// Tags `words` (atoms of one sentence) into `out` (class ids).
    pub fn tag(&self, words: &[WordAtoms], scores: &mut [i32; 256], out: &mut Vec<u8>) {
        out.clear();
        let n = self.model.n_classes();
        let mut feats = [0u64; N_TAG_FEATS];
        let (mut p1, mut p2) = (NO_TAG, NO_TAG);
        for i in 0..words.len() {
            let class = match self.tagdict.get(&words[i].form) {
                Some(&c) => c,
                None => {
                    features(words, i, p1, p2, &mut feats);
                    self.model.scores(&feats, scores);
                    argmax(&scores[..n]) as u8
                }
            };
            out.push(class);
            p2 = p1;
            p1 = class as u64;
        }
    }
}

/// Trains the tagger on `train`; `report` is called after each epoch with the
/// epoch number and the training accuracy.
pub fn train_tagger(
    train: &[TreeSentence],
    epochs: usize,
    seed: u64,
    mut report: impl FnMut(usize, f64),
) -> Tagger {
    let mut classes: Vec<String> = Vec::new();
    let mut class_of: HashMap<String, u8> = HashMap::new();
    let mut data: Vec<(Vec<WordAtoms>, Vec<u8>)> = Vec::new();
    let mut counts: HashMap<u64, HashMap<u8, u32>> = HashMap::new();
    for s in train {
        let mut atoms = Vec::new();
        let mut gold = Vec::new();
        for (i, w) in s.words.iter().enumerate() {
            let name = format!("{} {}", w.upos, w.xpos);
            let next = classes.len() as u8;
            let c = *class_of.entry(name.clone()).or_insert_with(|| {
                classes.push(name);
                next
            });
            let a = WordAtoms::new(&w.form, i == 0);
            *counts.entry(a.form).or_default().entry(c).or_default() += 1;
            atoms.push(a);
            gold.push(c);
        }
        data.push((atoms, gold));
    }
    let mut tagdict = HashMap::new();
    for (form, tags) in &counts {
        let total: u32 = tags.values().sum();
        let (&best, &n) = tags
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
            .unwrap();
        if total >= 20 && n as f64 / total as f64 >= 0.97 {
            tagdict.insert(*form, best);
        }
    }
    let mut trainer = Trainer::new(classes.len());
    let mut scores = vec![0f32; classes.len()];
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = [0u64; N_TAG_FEATS];
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let (atoms, gold) = &data[k];
            let (mut p1, mut p2) = (NO_TAG, NO_TAG);
            for i in 0..atoms.len() {
                let guess = match tagdict.get(&atoms[i].form) {
                    Some(&c) => c as usize,
                    None => {
                        features(atoms, i, p1, p2, &mut feats);
                        trainer.scores(&feats, &mut scores);
                        let guess = argmax(&scores);
                        trainer.update(&feats, gold[i] as usize, guess);
                        trainer.tick();
                        guess
                    }
                };
                right += (guess == gold[i] as usize) as usize;
                total += 1;
                p2 = p1;
                p1 = guess as u64;
            }
        }
        report(epoch, right as f64 / total.max(1) as f64);
    }
    Tagger::from_parts(trainer.freeze(classes), tagdict)
}

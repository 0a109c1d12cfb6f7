//! Training the shipped models from a Universal Dependencies treebank
//! (`attache train tagger|parser`). Training is deterministic: sentences are
//! shuffled with a fixed seed ([`SEED`]), so the same data and epochs give the same model.

use crate::boundary::{train_boundaries, BoundaryExample, SPLITTER_FILE};
use crate::conllu::{read_conllu, TreeSentence};
use crate::features::hash_lower;
use crate::lemma::Lemmatizer;
use crate::parser::train::{train_parser, ParseExample};
use crate::parser::{tag_hash, Parser};
use crate::syntax::{write_parser, write_tagger, PARSER_FILE, TAGGER_FILE};
use crate::tagger::{train_tagger, WordAtoms};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The shuffling and exploration seed of training.
pub const SEED: u64 = 20_240_531;
/// Weights below these (in quantized units, max |weight| = 32767) are pruned
/// from the shipped models: on EWT dev this costs nothing and halves the parser.
pub const TAGGER_PRUNE: i16 = 300;
pub const PARSER_PRUNE: i16 = 600;
/// Folds for the parser's training tags (jackknifing).
pub const FOLDS: usize = 4;
/// Default epochs: what the shipped models were trained with.
pub const TAGGER_EPOCHS: usize = 15;
pub const PARSER_EPOCHS: usize = 15;
pub const SPLITTER_EPOCHS: usize = 10;

/// `DIR/*-ud-{part}.conllu` (EWT: `en_ewt-ud-train.conllu`).
pub fn treebank_file(dir: &Path, part: &str) -> Result<PathBuf, String> {
    let suffix = format!("-ud-{part}.conllu");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(&suffix))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .next()
        .ok_or_else(|| format!("no *{suffix} file in {}", dir.display()))
}

/// What a training run did.
#[derive(Debug)]
pub struct TrainSummary {
    pub model_path: PathBuf,
    pub model_bytes: usize,
    pub features: usize,
    pub weights: usize,
    pub seconds: f64,
}

fn load_train(ud_dir: &Path) -> Result<Vec<TreeSentence>, String> {
    read_conllu(&treebank_file(ud_dir, "train")?)
}

/// Trains the tagger and lemmatizer on `ud_dir`'s train file and writes `out_dir/tagger.bin`;
/// `log` gets one line per epoch.
pub fn train_tagger_model(
    ud_dir: &Path,
    out_dir: &Path,
    epochs: usize,
    log: &mut dyn FnMut(String),
) -> Result<TrainSummary, String> {
    let t0 = Instant::now();
    let train = load_train(ud_dir)?;
    log(format!("{} training sentences", train.len()));
    let tagger = train_tagger(&train, epochs, SEED, |e, acc| {
        log(format!("epoch {e}: train accuracy {:.2}%", acc * 100.0));
    });
    let lemmatizer = Lemmatizer::train(&train);
    let tagger = tagger.pruned(TAGGER_PRUNE);
    let bytes = write_tagger(&tagger, &lemmatizer);
    let (features, weights) = tagger.size();
    write(out_dir, TAGGER_FILE, &bytes, t0, features, weights)
}

/// Trains the parser on `ud_dir`'s train file (with jackknifed predicted tags) and writes `out_dir/parser.bin`.
pub fn train_parser_model(
    ud_dir: &Path,
    out_dir: &Path,
    epochs: usize,
    log: &mut dyn FnMut(String),
) -> Result<TrainSummary, String> {
    let t0 = Instant::now();
    let train = load_train(ud_dir)?;
    log(format!("{} training sentences", train.len()));
    let (labels, mut data) = parse_examples(&train);
    for (ex, tags) in data.iter_mut().zip(jackknife_tags(&train, log)) {
        ex.tags = tags;
    }
    let parser = train_parser(&data, labels, epochs, SEED, |e, good| {
        log(format!("epoch {e}: {:.2}% of moves optimal", good * 100.0));
    });
    let parser = Parser::new(parser.model.pruned(PARSER_PRUNE));
    let bytes = write_parser(&parser);
    let (features, weights) = parser.model.size();
    write(out_dir, PARSER_FILE, &bytes, t0, features, weights)
}

/// The parser learns from the tags the tagger will give it, not gold ones:
/// each fold's tags (tag hashes, one list per sentence) come from a tagger trained on the other folds.
pub fn jackknife_tags(train: &[TreeSentence], log: &mut dyn FnMut(String)) -> Vec<Vec<u64>> {
    let mut out = vec![Vec::new(); train.len()];
    for fold in 0..FOLDS {
        let rest: Vec<TreeSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = train_tagger(&rest, TAGGER_EPOCHS, SEED, |_, _| {});
        let hashes: Vec<u64> = tagger.model.classes.iter().map(|c| tag_hash(c)).collect();
        let mut scores = Box::new([0i32; 256]);
        let mut classes = Vec::new();
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            let atoms = WordAtoms::of_sentence(s);
            tagger.tag(&atoms, &mut scores, &mut classes);
            out[i] = classes.iter().map(|&c| hashes[c as usize]).collect();
        }
        log(format!(
            "fold {}: tags predicted by a tagger trained on the other folds",
            fold + 1
        ));
    }
    out
}

/// Trains the sentence-boundary classifier on the raw text of `ud_dir`'s train
/// file (documents rebuilt as `attache eval syntax` rebuilds them) and writes `out_dir/splitter.bin`.
pub fn train_splitter_model(
    ud_dir: &Path,
    out_dir: &Path,
    epochs: usize,
    log: &mut dyn FnMut(String),
) -> Result<TrainSummary, String> {
    let t0 = Instant::now();
    let train = load_train(ud_dir)?;
    let docs = boundary_examples(&train);
    log(format!("{} training documents", docs.len()));
    let model = train_boundaries(&docs, epochs, SEED, |e, acc| {
        log(format!("epoch {e}: {:.3}% of gaps right", acc * 100.0));
    });
    let bytes = model.write();
    let (features, weights) = model.size();
    write(out_dir, SPLITTER_FILE, &bytes, t0, features, weights)
}

/// The raw text of treebank documents, our tokens, and where the gold sentences end.
pub fn boundary_examples(sents: &[TreeSentence]) -> Vec<BoundaryExample> {
    crate::eval::build_docs(sents)
        .into_iter()
        .map(|d| BoundaryExample {
            tokens: crate::tokenize(&d.text, &[]),
            gold_ends: d
                .spans
                .iter()
                .filter_map(|s| s.last().map(|w| w.1))
                .collect(),
            text: d.text,
        })
        .collect()
}

/// Label names (sorted) and parser examples from treebank sentences.
pub fn parse_examples(train: &[TreeSentence]) -> (Vec<String>, Vec<ParseExample>) {
    let mut label_set: BTreeMap<&str, u8> = BTreeMap::new();
    for s in train {
        for w in &s.words {
            label_set.insert(&w.deprel, 0);
        }
    }
    let labels: Vec<String> = label_set.keys().map(|s| s.to_string()).collect();
    for (i, v) in label_set.values_mut().enumerate() {
        *v = i as u8;
    }
    let data = train
        .iter()
        .map(|s| {
            let n = s.words.len() as u32;
            ParseExample {
                words: s.words.iter().map(|w| hash_lower(&w.form)).collect(),
                tags: s
                    .words
                    .iter()
                    .map(|w| tag_hash(&format!("{} {}", w.upos, w.xpos)))
                    .collect(),
                heads: s
                    .words
                    .iter()
                    .map(|w| if w.head == 0 { n } else { w.head as u32 - 1 })
                    .collect(),
                labels: s
                    .words
                    .iter()
                    .map(|w| label_set[w.deprel.as_str()])
                    .collect(),
            }
        })
        .collect();
    (labels, data)
}

fn write(
    out_dir: &Path,
    file: &str,
    bytes: &[u8],
    t0: Instant,
    features: usize,
    weights: usize,
) -> Result<TrainSummary, String> {
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let path = out_dir.join(file);
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(TrainSummary {
        model_path: path,
        model_bytes: bytes.len(),
        features,
        weights,
        seconds: t0.elapsed().as_secs_f64(),
    })
}

//! A learned sentence-boundary classifier: an averaged perceptron that decides,
//! at each gap between two tokens on the same line, whether a sentence ends there.
//!
//! The rule-based splitter's own decision is one of its features, so on edited
//! news (where the rules are right) the model agrees with them, while on web text
//! it learns what the rules cannot see: sentences starting lower case, or ending
//! at a comma or colon before a greeting or a signature (`Thanks, | Kim`).
//! Trained on the raw text of UD English EWT train (`attache train splitter`).

use crate::doc::Token;
use crate::features::{feat, hash_lower, hash_shape, Rng};
use crate::lexicon::{lexicon, AbbrevKind};
use crate::model_io::{ReadResult, Reader, Writer};
use crate::perceptron::{Model, Trainer};
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"ATSPLIT1";
/// File name of the model in `data/models/` and in `attache train --out`.
pub const SPLITTER_FILE: &str = "splitter.bin";
static SPLITTER_BYTES: &[u8] = include_bytes!("../../../data/models/splitter.bin");

/// Number of features of one gap.
const N_FEATS: usize = 22;

pub struct BoundaryModel {
    model: Model,
}

/// The model built into the binary; `None` when it was built without one
/// (an empty `splitter.bin`), in which case the rules alone split.
pub(crate) fn embedded() -> Option<&'static BoundaryModel> {
    static MODEL: OnceLock<Option<BoundaryModel>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            (!SPLITTER_BYTES.is_empty()).then(|| {
                BoundaryModel::read(SPLITTER_BYTES)
                    .expect("the sentence model built into attache is valid")
            })
        })
        .as_ref()
}

/// What the classifier looks at around one gap, all precomputed per token.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// The rules' decision after each token.
    pub rules: &'a [bool],
}

impl Context<'_> {
    /// Whether the model may end a sentence after token `k`: where the rules
    /// end one, after punctuation followed by a space, or at a space next to a
    /// web artifact (a URL, an e-mail address, a file name, a rule of stars:
    /// web text's sign-offs and headers end without punctuation there).
    /// Not between two words: EWT's e-mail lines ("12:42 PM Stan") taught it
    /// to split there, which breaks news names ("PM Ram Thapa"). Skipping the
    /// other gaps (most of them) also keeps splitting fast. Training still sees every gap.
    pub fn candidate(&self, k: usize) -> bool {
        if self.rules[k] {
            return true;
        }
        let (t, Some(next)) = (self.tokens[k], self.tokens.get(k + 1)) else {
            return true;
        };
        if t.end == next.start {
            return false;
        }
        let word = t.text(self.text);
        word.starts_with(['.', '?', '!', '…', ')', '"', '\'', '”', '’', ':', ';', ','])
            || is_web_artifact(word)
            || is_web_artifact(next.text(self.text))
    }

    fn word(&self, i: isize) -> &str {
        if i < 0 {
            return "<s>";
        }
        match self.tokens.get(i as usize) {
            Some(t) => t.text(self.text),
            None => "</s>",
        }
    }

    /// Features of the gap after token `k`, `since` tokens after the last
    /// sentence end.
    pub fn features(&self, k: usize, since: usize) -> [u64; N_FEATS] {
        let k = k as isize;
        let (wp, w0, w1, w2) = (
            self.word(k - 1),
            self.word(k),
            self.word(k + 1),
            self.word(k + 2),
        );
        let (hp, h0, h1, h2) = (
            hash_lower(wp),
            hash_lower(w0),
            hash_lower(w1),
            hash_lower(w2),
        );
        let (sp, s0, s1, s2) = (
            hash_shape(wp),
            hash_shape(w0),
            hash_shape(w1),
            hash_shape(w2),
        );
        let rule = self.rules[k as usize] as u64;
        let gap = {
            let t = &self.tokens[k as usize];
            let next = self.tokens.get(k as usize + 1).map_or(t.end, |n| n.start);
            (next - t.end).min(2) as u64
        };
        let since = match since {
            0..=3 => since as u64,
            4..=6 => 4,
            7..=12 => 5,
            13..=25 => 6,
            _ => 7,
        };
        let abbrev = match w0
            .strip_suffix('.')
            .filter(|w| !w.is_empty())
            .and_then(|w| lexicon().abbreviation(w))
        {
            None => 0,
            Some(AbbrevKind::Title) => 1,
            Some(AbbrevKind::Numeral) => 2,
            Some(AbbrevKind::Other) => 3,
        };
        let starter =
            (w1.starts_with(char::is_uppercase) && lexicon().is_sentence_starter(w1)) as u64;
        [
            feat(0, 0, 0, 0),
            feat(1, rule, 0, 0),
            feat(2, h0, 0, 0),
            feat(3, h1, 0, 0),
            feat(4, s0, 0, 0),
            feat(5, s1, 0, 0),
            feat(6, s0, s1, 0),
            feat(7, h0, s1, 0),
            feat(8, s0, h1, 0),
            feat(9, hp, h0, 0),
            feat(10, h1, h2, 0),
            feat(11, sp, s0, s1),
            feat(12, s0, s1, s2),
            feat(13, gap, 0, 0),
            feat(14, gap, s0, s1),
            feat(15, since, rule, 0),
            feat(16, starter, abbrev, rule),
            feat(17, rule, s1, 0),
            feat(18, rule, h0, 0),
            feat(19, rule, h1, 0),
            feat(20, h0, h1, 0),
            feat(21, since, s0, s1),
        ]
    }
}

/// What web text leaves a line of thought on, with no full stop: a URL, an
/// e-mail address, a file name (`notes.pdf`), or a run of symbols (`>>`,
/// `*****`, `:-)`). Not words, numbers, punctuation, nor runs of dashes or dots:
/// news and prose go on after them ("officials -- who spoke").
fn is_web_artifact(token: &str) -> bool {
    // Asked at nearly every gap: plain words and numbers are settled in one pass.
    if token.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let symbols = token.chars().count() >= 2
        && !token.contains(char::is_alphanumeric)
        && !token
            .chars()
            .all(|c| matches!(c, '-' | '–' | '—' | '.' | '…'));
    symbols || token.contains(['@', '/']) || is_file_name(token)
}

/// `notes.pdf`, `example.com`: a name, a dot and a short lower-case extension.
fn is_file_name(token: &str) -> bool {
    token.rsplit_once('.').is_some_and(|(name, ext)| {
        name.ends_with(char::is_alphanumeric)
            && (2..=4).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_lowercase())
    })
}

impl BoundaryModel {
    /// Whether a sentence ends after token `k`.
    pub(crate) fn ends(&self, ctx: &Context, k: usize, since: usize) -> bool {
        ctx.candidate(k) && self.model.binary_margin(&ctx.features(k, since)) > 0
    }

    pub fn write(&self) -> Vec<u8> {
        let mut w = Writer::new(MAGIC);
        self.model.write(&mut w);
        w.buf
    }

    pub fn read(data: &[u8]) -> ReadResult<BoundaryModel> {
        let mut r = Reader::new(data, MAGIC)?;
        let model = Model::read(&mut r)?;
        if model.n_classes() != 2 {
            return Err("sentence model: expected 2 classes".into());
        }
        Ok(BoundaryModel { model })
    }

    /// Features and weights kept.
    pub fn size(&self) -> (usize, usize) {
        self.model.size()
    }
}

/// One training document: its text, our tokens, and the byte offsets where gold sentences end.
pub struct BoundaryExample {
    pub text: String,
    pub tokens: Vec<Token>,
    pub gold_ends: std::collections::HashSet<usize>,
}

/// Trains the classifier on `docs` for `epochs` passes (documents shuffled with `seed`);
/// `log` gets each epoch's accuracy over gaps.
pub fn train_boundaries(
    docs: &[BoundaryExample],
    epochs: usize,
    seed: u64,
    mut log: impl FnMut(usize, f64),
) -> BoundaryModel {
    let mut trainer = Trainer::new(2);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let rules: Vec<Vec<bool>> = docs
        .iter()
        .map(|d| crate::sentences::rule_ends(&d.text, &d.tokens))
        .collect();
    let mut scores = [0f32; 2];
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let (mut good, mut total) = (0usize, 0usize);
        for &i in &order {
            let d = &docs[i];
            let ctx = Context {
                text: &d.text,
                tokens: &d.tokens,
                rules: &rules[i],
            };
            let mut since = 0;
            for k in 0..d.tokens.len() {
                since += 1;
                if crate::sentences::forced_end(&d.text, &d.tokens, k) {
                    since = 0;
                    continue;
                }
                let feats = ctx.features(k, since);
                trainer.scores(&feats, &mut scores);
                let guess = (scores[1] > scores[0]) as usize;
                let truth = d.gold_ends.contains(&d.tokens[k].end) as usize;
                trainer.update(&feats, truth, guess);
                trainer.tick();
                good += (guess == truth) as usize;
                total += 1;
                if guess == 1 {
                    since = 0;
                }
            }
        }
        log(epoch, good as f64 / total.max(1) as f64);
    }
    let model = trainer.freeze(vec!["inside".into(), "end".into()]);
    BoundaryModel { model }
}

#[cfg(test)]
mod tests {
    use super::is_web_artifact;

    #[test]
    fn links_addresses_files_and_symbol_runs_are_web_artifacts() {
        for t in [
            "http://a.org/x",
            "lena@example.com",
            "notes.pdf",
            "example.com",
            ">>",
            "*****",
            ":-)",
        ] {
            assert!(is_web_artifact(t), "{t}");
        }
        for t in [
            "Thanks", "U.S.", "p.m.", "42", "3.5", "--", "–", "...", ",", "(", "Inc.",
        ] {
            assert!(!is_web_artifact(t), "{t}");
        }
    }
}

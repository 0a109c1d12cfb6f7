//! Regression: the shipped models' end-to-end scores on UD English EWT dev
//! (our tokenizer, splitter, tagger and parser on the raw text) stay above floors.
//!
//! Reads `../shared/data/ud/en_ewt/en_ewt-ud-dev.conllu` (from the repository
//! root). Without it the test fails, naming the path, unless
//! `ATTACHE_SKIP_SHARED=1` is set, in which case it says on stderr that it was skipped.

use attache_text::conllu::read_conllu;
use attache_text::eval::{eval_end_to_end, eval_gold_tokens};
use attache_text::Syntax;
use std::path::PathBuf;

/// Floors just under the shipped models' dev scores (BENCHMARKS.md). The
/// issue's targets for EWT test (UPOS 95, UAS 84, LAS 80) are not reached yet;
/// raise these as the models improve.
const UPOS_FLOOR: f64 = 94.1;
const UAS_FLOOR: f64 = 81.7;
const LAS_FLOOR: f64 = 78.4;
const TOKENS_FLOOR: f64 = 99.0;

fn dev_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud/en_ewt/en_ewt-ud-dev.conllu")
}

#[test]
fn ewt_dev_end_to_end_scores_stay_above_floors() {
    let path = dev_path();
    if !path.exists() {
        if std::env::var("ATTACHE_SKIP_SHARED").as_deref() == Ok("1") {
            eprintln!(
                "skipped: {} is missing and ATTACHE_SKIP_SHARED=1",
                path.display()
            );
            return;
        }
        panic!(
            "missing {}: the EWT dev regression test needs it (set ATTACHE_SKIP_SHARED=1 to skip)",
            path.display()
        );
    }
    let gold = read_conllu(&path).expect("EWT dev reads");
    let s = eval_end_to_end(Syntax::embedded(), &gold);
    eprintln!(
        "EWT dev end to end: tokens {:.2} UPOS {:.2} UAS {:.2} LAS {:.2}",
        s.tokens, s.upos, s.uas, s.las
    );
    assert!(s.tokens >= TOKENS_FLOOR, "tokens F1 {:.2}", s.tokens);
    assert!(s.upos >= UPOS_FLOOR, "UPOS {:.2} < {UPOS_FLOOR}", s.upos);
    assert!(s.uas >= UAS_FLOOR, "UAS {:.2} < {UAS_FLOOR}", s.uas);
    assert!(s.las >= LAS_FLOOR, "LAS {:.2} < {LAS_FLOOR}", s.las);
    let g = eval_gold_tokens(Syntax::embedded(), &gold);
    assert!(g.upos > s.upos && g.uas > s.uas, "gold tokens score higher");
}

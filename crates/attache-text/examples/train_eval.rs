//! Development tool: trains the tagger or parser into a folder (other models
//! copied from data/models) and scores the folder's models on a treebank file.
//! `cargo run --release -p attache-text --example train_eval -- UD_DIR OUT_DIR DEV.conllu [tagger|parser|none] [SENT_ID_PREFIX]`

use attache_text::conllu::read_conllu;
use attache_text::eval::{eval_end_to_end, eval_gold_tokens};
use attache_text::train::{train_parser_model, train_tagger_model, PARSER_EPOCHS, TAGGER_EPOCHS};
use attache_text::Syntax;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (ud, out, dev) = (
        Path::new(&args[1]),
        Path::new(&args[2]),
        Path::new(&args[3]),
    );
    let mut log = |l: String| eprintln!("{l}");
    let t0 = std::time::Instant::now();
    match args.get(4).map(String::as_str) {
        Some("tagger") => {
            train_tagger_model(ud, out, TAGGER_EPOCHS, &mut log).unwrap();
        }
        Some("parser") => {
            train_parser_model(ud, out, PARSER_EPOCHS, &mut log).unwrap();
        }
        _ => {}
    }
    eprintln!("trained in {:.1} s", t0.elapsed().as_secs_f64());
    let syntax = Syntax::from_dir(out).expect("models");
    let gold = attache_text::eval::filter_sentences(
        read_conllu(dev).expect("treebank"),
        args.get(5).map(String::as_str),
    );
    let g = eval_gold_tokens(&syntax, &gold);
    let e = eval_end_to_end(&syntax, &gold);
    println!(
        "sizes {:?}\ngold: UPOS {:.2} XPOS {:.2} Lemma {:.2} UAS {:.2} LAS {:.2} LASfull {:.2}\ne2e: tokens {:.2} sents {:.2} UPOS {:.2} XPOS {:.2} Lemma {:.2} UAS {:.2} LAS {:.2} LASfull {:.2} {:.0} tok/s",
        syntax.sizes(), g.upos, g.xpos, g.lemma, g.uas, g.las, g.las_full, e.tokens, e.sentences, e.upos, e.xpos, e.lemma, e.uas, e.las, e.las_full, e.tokens_per_second
    );
}

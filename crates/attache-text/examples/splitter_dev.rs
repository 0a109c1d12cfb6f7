//! Development tool: trains the sentence-boundary classifier on a treebank's
//! train file and scores end to end on another file, with the rules alone and with the model.
//! `cargo run --release -p attache-text --example splitter_dev -- UD_DIR DEV.conllu EPOCHS`

use attache_text::boundary::train_boundaries;
use attache_text::conllu::read_conllu;
use attache_text::eval::eval_end_to_end_with;
use attache_text::train::{boundary_examples, treebank_file, SEED};
use attache_text::Syntax;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let train = read_conllu(&treebank_file(Path::new(&args[1]), "train").unwrap()).unwrap();
    let dev = read_conllu(Path::new(&args[2])).expect("treebank");
    let epochs: usize = args[3].parse().unwrap();
    let t0 = std::time::Instant::now();
    let model = train_boundaries(&boundary_examples(&train), epochs, SEED, |e, a| {
        eprintln!("epoch {e}: {:.3}", a * 100.0)
    });
    eprintln!(
        "trained in {:.1} s, size {:?}",
        t0.elapsed().as_secs_f64(),
        model.size()
    );
    let syntax = Syntax::embedded();
    for (name, m) in [("rules", None), ("model", Some(&model))] {
        let s = eval_end_to_end_with(syntax, m, &dev);
        println!(
            "{name}: tokens {:.2} sentences {:.2} UPOS {:.2} UAS {:.2} LAS {:.2}",
            s.tokens, s.sentences, s.upos, s.uas, s.las
        );
    }
    if let Some(out) = args.get(4) {
        std::fs::write(out, model.write()).unwrap();
    }
}

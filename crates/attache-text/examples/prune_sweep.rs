//! Development tool: accuracy and speed of a trained model as small weights are pruned.
//! `cargo run --release -p attache-text --example prune_sweep -- MODEL_DIR DEV.conllu T1,T2,...`

use attache_text::conllu::read_conllu;
use attache_text::eval::{eval_end_to_end, eval_gold_tokens};
use attache_text::Syntax;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let syntax = Syntax::from_dir(Path::new(&args[1])).expect("models");
    let gold = read_conllu(Path::new(&args[2])).expect("treebank");
    for t in args[3].split(',') {
        let (a, b) = t.split_once(':').unwrap_or((t, t));
        let s = syntax.pruned(a.parse().unwrap(), b.parse().unwrap());
        let g = eval_gold_tokens(&s, &gold);
        let e = eval_end_to_end(&s, &gold);
        println!(
            "prune {t}: sizes {:?} | gold UPOS {:.2} UAS {:.2} LAS {:.2} | e2e UPOS {:.2} UAS {:.2} LAS {:.2} {:.0} tok/s",
            s.sizes(), g.upos, g.uas, g.las, e.upos, e.uas, e.las, e.tokens_per_second
        );
    }
}

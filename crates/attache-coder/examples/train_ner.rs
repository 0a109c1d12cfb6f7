//! Trains the NER tagger without the CLI (same code as `attache train ner`).
//!
//! usage: cargo run --release -p attache-coder --example train_ner -- DIR OUT
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .map_or("../shared/data/ner/uner_en_ewt", String::as_str);
    let out = args.get(1).map_or("data/models", String::as_str);
    let mut log = |l: String| eprintln!("{l}");
    let s = attache_coder::ner::train::train_dir(
        dir.as_ref(),
        out.as_ref(),
        attache_coder::ner::train::EPOCHS,
        &mut log,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "wrote {} ({} bytes, {} features) in {:.1} s",
        s.model_path.display(),
        s.model_bytes,
        s.features,
        s.seconds
    );
    for (l, p, r, f, n) in s.test.map(|t| t.rows).unwrap_or_default() {
        println!("{l}\tP {p:.3}\tR {r:.3}\tF1 {f:.3}\t({n} gold)");
    }
}

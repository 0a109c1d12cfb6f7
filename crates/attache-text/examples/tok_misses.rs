//! Development tool: gold words of a treebank that our tokenizer does not produce.
//! `cargo run --release -p attache-text --example tok_misses -- FILE.conllu`

fn main() {
    let path = std::env::args().nth(1).expect("FILE.conllu");
    let gold = attache_text::conllu::read_conllu(std::path::Path::new(&path)).expect("treebank");
    let lines = if std::env::args().nth(2).is_some() {
        attache_text::eval::sentence_misses(&gold)
    } else {
        attache_text::eval::tokenization_misses(&gold)
    };
    for line in lines {
        println!("{line}");
    }
}

//! Development tool: prints the parse of a text, one token a line (CoNLL-U-like).
//! `cargo run --release -p attache-text --example show_parse -- "Rebels attacked the convoy."`

fn main() {
    let text = std::env::args().nth(1).expect("TEXT");
    let doc = attache_text::parse(&text, &[]);
    for i in 0..doc.tokens.len() {
        let head = doc
            .head(i)
            .map_or("ROOT".to_string(), |h| doc.token_text(&text, h).to_string());
        println!(
            "{i}\t{}\t{}\t{}\t{}\t{}\t{head}",
            doc.token_text(&text, i),
            doc.lemma(i),
            doc.upos(i),
            doc.xpos(i),
            doc.deprel(i)
        );
    }
}

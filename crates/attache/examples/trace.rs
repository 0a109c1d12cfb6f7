//! Prints, per sentence, the actors and triggers the coder sees: a debugging aid for rule work.
//! Usage: cargo run --example trace -- FILE...

use attache_coder::actors::{ActorCoder, ArticleContext};
use attache_coder::lexicon::Lexicon;
use attache_ingest::{read_inputs, ReadOptions};
use std::path::PathBuf;

fn main() {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let filter = std::env::var("ARTICLE").ok();
    read_inputs(
        &paths,
        &ReadOptions::default(),
        |article| {
            if filter.as_ref().is_some_and(|f| *f != article.id) {
                return;
            }
            println!("##### {} ({:?})", article.id, article.published);
            let doc = attache_text::parse(&article.text, &article.boilerplate);
            let mut ctx = ArticleContext::default();
            for s in &doc.sentences {
                let text = &article.text;
                println!("--- {}", &text[s.start..s.end]);
                for m in
                    ActorCoder::embedded().find(text, s.start, s.end, article.published, &mut ctx)
                {
                    println!(
                        "    A {:?} {} {} [{:?} {}]",
                        &text[m.start..m.end],
                        m.code,
                        m.sector,
                        m.kind,
                        m.rule
                    );
                }
                for t in Lexicon::embedded().find(text, &doc, s) {
                    println!(
                        "    T {:?} {} {:?} passive={} to={:?}",
                        &text[t.start..t.end],
                        t.cameo,
                        t.kind,
                        t.passive,
                        t.target_preps
                    );
                }
            }
        },
        |e| eprintln!("{e}"),
    );
}

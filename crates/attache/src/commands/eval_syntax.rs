//! `attache eval syntax`: scores the tagger and parser against a treebank.

use crate::cli::EvalSyntaxArgs;
use anyhow::{anyhow, bail, Result};
use attache_text::conllu::read_conllu;
use attache_text::eval::{eval_end_to_end, eval_gold_tokens, filter_sentences};
use attache_text::Syntax;
use std::process::ExitCode;

pub fn run(args: EvalSyntaxArgs) -> Result<ExitCode> {
    let gold = read_conllu(&args.ud).map_err(|e| anyhow!(e))?;
    let gold = filter_sentences(gold, args.sent_prefix.as_deref());
    if gold.is_empty() {
        bail!("no sentences to evaluate in {}", args.ud.display());
    }
    let loaded;
    let syntax: &Syntax = match &args.models {
        Some(dir) => {
            loaded = Syntax::from_dir(dir).map_err(|e| anyhow!(e))?;
            &loaded
        }
        None => Syntax::embedded(),
    };
    let s = if args.gold_tokens {
        eval_gold_tokens(syntax, &gold)
    } else {
        eval_end_to_end(syntax, &gold)
    };
    let mode = if args.gold_tokens {
        "gold tokens, accuracy"
    } else {
        "end to end, F1"
    };
    println!("{} ({mode})", args.ud.display());
    println!("sentences       {:>8}", gold.len());
    println!("gold words      {:>8}", s.gold_words);
    println!("system tokens   {:>8}", s.system_tokens);
    println!("Tokens          {:>8.2}", s.tokens);
    println!("Sentences       {:>8.2}", s.sentences);
    println!("UPOS            {:>8.2}", s.upos);
    println!("XPOS            {:>8.2}", s.xpos);
    println!("Lemma           {:>8.2}", s.lemma);
    println!("UAS             {:>8.2}", s.uas);
    println!("LAS             {:>8.2}", s.las);
    println!("LAS full        {:>8.2}", s.las_full);
    println!("tokens/s        {:>8.0}", s.tokens_per_second);
    Ok(ExitCode::SUCCESS)
}

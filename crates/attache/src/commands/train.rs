//! `attache train tagger|parser|splitter|ner`: trains a model from a UD treebank or IOB2 NER files.

use crate::cli::{TrainArgs, TrainTarget};
use anyhow::{anyhow, Result};
use attache_coder::ner::train as ner;
use attache_text::train::{
    train_parser_model, train_splitter_model, train_tagger_model, PARSER_EPOCHS, SEED,
    SPLITTER_EPOCHS, TAGGER_EPOCHS,
};
use std::process::ExitCode;

pub fn run(args: TrainArgs) -> Result<ExitCode> {
    let mut log = |line: String| eprintln!("{line}");
    let summary = match args.model {
        TrainTarget::Tagger => {
            let epochs = args.iterations.unwrap_or(TAGGER_EPOCHS);
            eprintln!("training the tagger: {epochs} epochs, seed {SEED}");
            train_tagger_model(&args.data, &args.out, epochs, &mut log)
        }
        TrainTarget::Splitter => {
            let epochs = args.iterations.unwrap_or(SPLITTER_EPOCHS);
            eprintln!("training the sentence splitter: {epochs} epochs, seed {SEED}");
            train_splitter_model(&args.data, &args.out, epochs, &mut log)
        }
        TrainTarget::Parser => {
            let epochs = args.iterations.unwrap_or(PARSER_EPOCHS);
            eprintln!("training the parser: {epochs} epochs, seed {SEED}");
            train_parser_model(&args.data, &args.out, epochs, &mut log)
        }
        TrainTarget::Ner => return train_ner(&args, &mut log),
    }
    .map_err(|e| anyhow!(e))?;
    println!(
        "wrote {} ({:.2} MB, {} features, {} weights) in {:.1} s",
        summary.model_path.display(),
        summary.model_bytes as f64 / 1e6,
        summary.features,
        summary.weights,
        summary.seconds
    );
    Ok(ExitCode::SUCCESS)
}

/// The NER tagger has its own trainer (in attache-coder, next to the tagger that reads it) and
/// reports entity scores on the test split instead of a weight count.
fn train_ner(args: &TrainArgs, log: &mut dyn FnMut(String)) -> Result<ExitCode> {
    let epochs = args.iterations.unwrap_or(ner::EPOCHS);
    eprintln!(
        "training the NER tagger: {epochs} epochs, seed {}",
        ner::SEED
    );
    let s = ner::train_dir(&args.data, &args.out, epochs, log).map_err(|e| anyhow!(e))?;
    println!(
        "wrote {} ({:.2} MB, {} features) in {:.1} s",
        s.model_path.display(),
        s.model_bytes as f64 / 1e6,
        s.features,
        s.seconds
    );
    if let Some(test) = s.test {
        println!("test split: entities, exact span and type");
        for (label, p, r, f, n) in test.rows {
            println!("{label}\tP {p:.3}\tR {r:.3}\tF1 {f:.3}\t({n} gold)");
        }
    }
    Ok(ExitCode::SUCCESS)
}

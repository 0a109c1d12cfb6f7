//! `attache train tagger|parser|splitter`: trains a model from a UD treebank.

use crate::cli::{TrainArgs, TrainTarget};
use anyhow::{anyhow, Result};
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
            train_tagger_model(&args.ud, &args.out, epochs, &mut log)
        }
        TrainTarget::Splitter => {
            let epochs = args.iterations.unwrap_or(SPLITTER_EPOCHS);
            eprintln!("training the sentence splitter: {epochs} epochs, seed {SEED}");
            train_splitter_model(&args.ud, &args.out, epochs, &mut log)
        }
        TrainTarget::Parser => {
            let epochs = args.iterations.unwrap_or(PARSER_EPOCHS);
            eprintln!("training the parser: {epochs} epochs, seed {SEED}");
            train_parser_model(&args.ud, &args.out, epochs, &mut log)
        }
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

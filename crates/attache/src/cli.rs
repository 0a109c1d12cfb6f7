//! Every command and flag, defined once, with the help a user reads.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// attache reads news and reports what political actors did to each other: who, did what, to
/// whom, when, where, said in which sentence — as CAMEO/PLOVER event data.
///
/// Quick start:
///   attache code article.txt                 print the events of an article as JSON Lines
///   attache ingest articles.jsonl            code articles into the database (./attache.db)
///   attache events --actor AFG               list stored events that involve Afghanistan
///   attache demo                             ingest the bundled example articles and list them
///   attache eval syntax --ud en_ewt-ud-test.conllu   score the tagger and parser
///
/// Exit status: 0 success; 1 some inputs could not be read (the rest was processed);
/// 2 usage error or a failure that stopped the command.
#[derive(Debug, Parser)]
#[command(name = "attache", version, verbatim_doc_comment, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Code(CodeArgs),
    Ingest(IngestArgs),
    Events(EventsArgs),
    Actors(ActorsArgs),
    Demo(DemoArgs),
    Train(TrainArgs),
    Eval(EvalArgs),
}

/// Code articles into events and print them (no database).
///
/// Reads plain-text files (a first line " date YYYY-MM-DD" or a byline date gives the
/// publication date), JSON Lines files ({"id","url","published","title","text"} per line),
/// directories (recursively: .txt, .jsonl, .json) and "-" for standard input. With no PATH,
/// reads standard input. An unreadable file is reported on stderr with its path and skipped.
///
/// Examples:
///   attache code seed-000.txt
///   attache code --published 2025-05-16 notes.txt --format table
///   cat articles.jsonl | attache code - > events.jsonl
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CodeArgs {
    /// Files, directories or "-" (stdin).
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: jsonl (one event per line) or table. Default: table on a terminal,
    /// jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<EventFormat>,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Publication date for articles that state none (YYYY-MM-DD). Relative dates ("on
    /// Thursday", "last month") are resolved against it.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<NaiveDate>,
}

/// Code articles and store them with their events in the database.
///
/// Re-ingesting an article with the same id and text changes nothing; a changed text replaces
/// its events. Each article is written in one transaction: the database is never half-written.
///
/// Example:
///   attache ingest ../shared/eval/dev/articles.jsonl --db attache.db
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct IngestArgs {
    /// Files, directories or "-" (stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// The database file (SQLite); created on first use.
    #[arg(long, default_value = "attache.db", value_name = "FILE")]
    pub db: PathBuf,
}

/// List stored events, oldest first.
///
/// Examples:
///   attache events --actor AFG --since 2021-08-15
///   attache events --plover CONSULT --format csv > consult.csv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Only events whose source or target has this code (ISO3, UNO, IGO, ...).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only events of this PLOVER type (CONSULT, ACCUSE, ...).
    #[arg(long)]
    pub plover: Option<String>,
    /// Only events of this article id.
    #[arg(long)]
    pub article: Option<String>,
    /// Only events dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Only events dated on or before this date.
    #[arg(long)]
    pub until: Option<String>,
    /// Include background events (recalled by articles, not reported as news).
    #[arg(long)]
    pub background: bool,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format. Default: table on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

/// Show the actors attache recognises in a text, and why.
///
/// Example:
///   attache actors "Foreign Secretary Vikram Misri met the Taliban in Dubai" --date 2025-01-08
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ActorsArgs {
    /// The text to analyse.
    pub text: String,
    /// The date to code offices and sectors at (the Taliban are rebels before 2021-08-15).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
}

/// Ingest the bundled example articles into a database and list their events.
///
/// The two example articles are built into the binary, so this runs from any folder.
///
/// Example:
///   attache demo --db demo.db
///   attache events --db demo.db --actor AFG --background
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DemoArgs {
    /// The database file to create or update.
    #[arg(long, default_value = "attache-demo.db", value_name = "FILE")]
    pub db: PathBuf,
}

/// Train the part-of-speech tagger or the dependency parser from a Universal Dependencies
/// treebank; the shipped models in data/models/ are reproduced with the defaults.
///
/// Reads DIR/*-ud-train.conllu (UD English EWT: en_ewt-ud-train.conllu) and writes
/// OUT/tagger.bin or OUT/parser.bin. Training is deterministic (fixed seed): the defaults
/// reproduce the shipped models byte for byte. On the shared 2-core build machine (release
/// build) the tagger takes about 12 s and the parser 3 to 6 minutes (it first trains four
/// taggers to tag its training data as the real tagger would; see BENCHMARKS.md). Write to
/// data/models/ and rebuild to ship them.
///
/// Examples:
///   attache train tagger --ud ../shared/data/ud/en_ewt --out data/models
///   attache train parser --ud ../shared/data/ud/en_ewt --out data/models
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct TrainArgs {
    /// Which model to train.
    #[arg(value_enum)]
    pub model: TrainTarget,
    /// The treebank folder (holding *-ud-train.conllu).
    #[arg(long, value_name = "DIR")]
    pub ud: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "DIR", default_value = "data/models")]
    pub out: PathBuf,
    /// Training epochs (default: tagger 15, parser 15, as shipped).
    #[arg(long, value_name = "N")]
    pub iterations: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrainTarget {
    Tagger,
    Parser,
}

/// Evaluate attache's components against gold data.
///
/// Examples:
///   attache eval syntax --ud ../shared/data/ud/en_ewt/en_ewt-ud-test.conllu
///   attache eval syntax --ud en_gum-ud-test.conllu --sent-prefix GUM_news --gold-tokens
#[derive(Debug, Args)]
#[command(verbatim_doc_comment, args_conflicts_with_subcommands = true)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub target: Option<EvalTarget>,
}

#[derive(Debug, Subcommand)]
pub enum EvalTarget {
    Syntax(EvalSyntaxArgs),
}

/// Score the tagger and parser on a CoNLL-U treebank: UPOS, XPOS, lemma, UAS, LAS, tokens/s.
///
/// By default end to end, as the CoNLL 2018 shared task scores: each document's raw text (the
/// "# text =" lines, paragraphs separated by blank lines) goes through attache's tokenizer,
/// sentence splitter, tagger and parser, and a token counts only where its character span
/// matches a gold word's (for UAS/LAS, its head's span too); scores are F1 over tokens. LAS
/// compares the universal relation (nsubj for nsubj:pass); "LAS full" compares subtypes too.
/// With --gold-tokens, the gold words and sentences are tagged and parsed instead (accuracy).
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EvalSyntaxArgs {
    /// The gold treebank file (.conllu).
    #[arg(long, value_name = "FILE")]
    pub ud: PathBuf,
    /// Tag and parse the gold tokens instead of our own tokenisation.
    #[arg(long)]
    pub gold_tokens: bool,
    /// Only sentences whose sent_id starts with this (GUM's news genre: GUM_news).
    #[arg(long, value_name = "PREFIX")]
    pub sent_prefix: Option<String>,
    /// Models to evaluate instead of the built-in ones (a folder with tagger.bin and parser.bin).
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventFormat {
    Jsonl,
    Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Jsonl,
    Table,
    Csv,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

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
    /// Extra actor dictionary on top of the embedded ones (repeatable): attache TOML, or a
    /// PETRARCH/TABARI actors or agents file (Phoenix.Countries.actors.txt, Phoenix.agents.txt).
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,
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
    /// Extra actor dictionary on top of the embedded ones (repeatable): attache TOML, or a
    /// PETRARCH/TABARI actors or agents file (Phoenix.Countries.actors.txt, Phoenix.agents.txt).
    #[arg(long = "actors", value_name = "FILE")]
    pub actors: Vec<PathBuf>,
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

//! Every command and flag, defined once, with the help a user reads.

use attache_ingest::InputFormat;
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
///   attache dyad IND AFG                     timeline of events between India and Afghanistan
///   attache engagement AFG --since 2021-08-15   who engaged AFG, at what level, first when
///   attache milestones --actor AFG           computed "first since" events vs. the articles' claims
///   attache export --format gdelt --out x.tsv   export events (also plover, csv, jsonl, parquet)
///   attache demo                             ingest the bundled examples and open the dashboard
///   attache serve --db attache.db            JSON API and dashboard on http://127.0.0.1:8080/
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
    Dyad(DyadArgs),
    Engagement(EngagementArgs),
    Milestones(MilestonesArgs),
    Export(ExportArgs),
    Actors(ActorsArgs),
    Eval(EvalArgs),
    Demo(DemoArgs),
    Serve(ServeArgs),
    Train(TrainArgs),
}

/// Code articles into events and print them (no database).
///
/// Reads plain-text files (a first line " date YYYY-MM-DD" or a byline date gives the
/// publication date), JSON Lines ({"id","url","published","title","text"|"html"} per line),
/// JSON, HTML pages (.html/.htm: the main content, without navigation, ads and comments;
/// title and date from the page's metadata), RSS/Atom feeds (.rss/.atom/.xml: one article
/// per item), WARC files (.warc, .warc.gz as in CC-NEWS: one article per HTML response),
/// any of them compressed (.gz, .zst), directories (recursively, by extension) and "-" for
/// standard input (format guessed from its first bytes, or set with --input-format). With
/// no PATH, reads standard input. An unreadable input is reported on stderr and skipped.
///
/// Articles are coded on --threads worker threads through bounded queues, so memory stays
/// flat whatever the input size; events are written as they are produced.
///
/// Examples:
///   attache code seed-000.txt
///   attache code --published 2025-05-16 notes.txt --format table
///   attache code CC-NEWS-20240301.warc.gz --threads 8 > events.jsonl
///   cat articles.jsonl | attache code --input-format jsonl --ordered - > events.jsonl
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
    /// Worker threads that code articles. Default: all cores.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Write events in input order (a bounded reorder buffer; otherwise each article's events
    /// are written as soon as it is coded). A table is always in input order.
    #[arg(long)]
    pub ordered: bool,
    /// Read standard input (and files named on the command line) as this format instead of
    /// guessing from the name or the first bytes.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,
    /// Largest input accepted once decompressed: one article, JSON Lines record or WARC
    /// record, or a whole text/HTML/JSON/feed file. Larger ones are reported and skipped,
    /// which guards against decompression bombs. Units: K, M, G (powers of 1024).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_size: u64,
}

/// The input formats, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// Plain text, one article.
    Text,
    /// JSON Lines records.
    Jsonl,
    /// One JSON record or an array of them.
    Json,
    /// An HTML page.
    Html,
    /// An RSS or Atom feed.
    #[value(alias = "rss", alias = "atom")]
    Feed,
    /// A WARC file (plain or gzipped).
    Warc,
}

impl From<InputFormatArg> for InputFormat {
    fn from(arg: InputFormatArg) -> Self {
        match arg {
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Json => InputFormat::Json,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Feed => InputFormat::Feed,
            InputFormatArg::Warc => InputFormat::Warc,
        }
    }
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
    /// Threads that code articles (one more writes them, in input order). Default: all cores.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// The database file (SQLite); created on first use.
    #[arg(long, default_value = "attache.db", value_name = "FILE")]
    pub db: PathBuf,
}

/// List stored events: one line per real-world event, oldest first.
///
/// However many articles reported an event, it is listed once; the ART/SRC column counts the
/// articles and distinct sources (web domains) that reported it. News events only unless --include-background. All filters combine (AND).
///
/// Examples:
///   attache events --actor AFG --since 2021-08-15
///   attache events --dyad IND AFG --type CONSULT
///   attache events --cameo-root 04 --search "Kabul embassy" --format csv > consult.csv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub filter: EventFilterArgs,
    /// Only events reported by this article id.
    #[arg(long)]
    pub article: Option<String>,
    /// Only events whose articles contain all these words (full-text search of title and text).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format. Default: table on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

#[derive(Debug, Args)]
pub struct EventFilterArgs {
    /// Only events whose source or target has this code (ISO3, UNO, IGO, ...).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only events between these two actors, in either direction.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub dyad: Option<Vec<String>>,
    /// Only events of this PLOVER type (CONSULT, ACCUSE, ...).
    #[arg(long = "type", alias = "plover", value_name = "PLOVER")]
    pub plover: Option<String>,
    /// Only events whose CAMEO code starts with these two digits ("04" consult).
    #[arg(long, value_name = "NN")]
    pub cameo_root: Option<String>,
    #[command(flatten)]
    pub dates: DateRangeArgs,
    /// Include background events (recalled by articles, not reported as news).
    #[arg(long, alias = "background")]
    pub include_background: bool,
}

#[derive(Debug, Args)]
pub struct DateRangeArgs {
    /// Only events dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_partial_date)]
    pub since: Option<String>,
    /// Only events dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_partial_date)]
    pub until: Option<String>,
}

/// Timeline of the events between two actors, both directions.
///
/// Oldest first, then the number of events by type and direction.
///
/// Examples:
///   attache dyad IND AFG
///   attache dyad IND AFG --since 2021-08-15 --type CONSULT --format csv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DyadArgs {
    /// First actor code.
    pub a: String,
    /// Second actor code.
    pub b: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Only events of this PLOVER type.
    #[arg(long = "type", alias = "plover", value_name = "PLOVER")]
    pub plover: Option<String>,
    #[command(flatten)]
    pub dates: DateRangeArgs,
    /// Include background events (recalled by articles, not reported as news).
    #[arg(long, alias = "background")]
    pub include_background: bool,
    /// Output format. Default: table on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

/// The engagement ladder of an actor with each counterpart.
///
/// Per counterpart: events by type, the highest level reached and when, the first contact at
/// each level, the latest contact, and diplomatic-status events (recognition, visits,
/// embassies, credentials, ambassadors and chargés d'affaires).
///
/// The level of an event is the rank both sides had at least: 4 head of state/government,
/// 3 minister, 2 deputy minister/ambassador, 1 envoy/official. Background events count (an
/// article recalling a past visit is evidence of it); planned events do not.
///
/// Examples:
///   attache engagement AFG --since 2021-08-15
///   attache engagement AFG --since 2021-08-15 --format jsonl
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EngagementArgs {
    /// The actor code (ISO3, UNO, ...).
    pub actor: String,
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub dates: DateRangeArgs,
    /// Output format. Default: table on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

/// Computed "firsts", set beside the articles' own claims.
///
/// A milestone is the first event of a type, at a level, between two actors since a date (or
/// in N years). Each is set beside the articles' own "first ... since ..." claim: agree,
/// disagree (an earlier event is in the database), or unclaimed.
///
/// Examples:
///   attache milestones --actor AFG --since 2021-08-15
///   attache milestones --years 10 --format csv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct MilestonesArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Only pairs that include this actor.
    #[arg(long)]
    pub actor: Option<String>,
    /// First since this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_partial_date, conflicts_with = "years")]
    pub since: Option<String>,
    /// First in this many years (events nearer than that to the start of the database are not judged).
    #[arg(long, value_name = "N")]
    pub years: Option<u32>,
    /// Show only claimed milestones (agree/disagree).
    #[arg(long)]
    pub claimed: bool,
    /// Output format. Default: table on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

/// Export events: GDELT, PLOVER, CSV, JSON Lines or Parquet.
///
/// GDELT 2.0 event rows (61 tab-separated columns, no header), PLOVER JSON records, CSV, JSON
/// Lines or Parquet (for DuckDB, pandas, Spark).
///
/// GDELT's geography columns hold FIPS codes; attache writes ISO 3166 alpha-3 in
/// ActionGeo_CountryCode. Filters are those of `attache events`.
///
/// Examples:
///   attache export --format gdelt --out events.tsv
///   attache export --format parquet --out events.parquet --actor AFG
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Export format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output (required for parquet).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filter: EventFilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Gdelt,
    Plover,
    Csv,
    Jsonl,
    Parquet,
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

/// Score coded events against a gold set (GUIDELINES §7: type, actor codes, modality), or,
/// with `attache eval syntax`, the tagger and parser against a treebank.
///
/// INPUT is either events (JSON Lines with "article" and "plover", as `attache code` writes
/// them) or articles (files, directories, JSON Lines, "-"), which are coded first. Gold is one
/// article a line: {"id", "published", "events": [...]}. The figures are those of the shared
/// score.py: event precision/recall/F1, typed-actor F1 (sectors too), date, background,
/// milestone and location accuracy, and a per-type table.
///
/// Exit status: 0, or 1 when --min-f1 is given and event F1 falls below it (or an input
/// could not be read); 2 when the gold set cannot be read.
///
/// Examples:
///   attache eval --gold gold.jsonl events.jsonl
///   attache eval --gold gold.jsonl articles.jsonl --show-errors
///   attache code articles.jsonl | attache eval --gold gold.jsonl - --json
///   attache eval syntax --ud ../shared/data/ud/en_ewt/en_ewt-ud-test.conllu
#[derive(Debug, Args)]
#[command(
    verbatim_doc_comment,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    override_usage = "attache eval --gold <GOLD.jsonl> <EVENTS|ARTICLES>...\n       attache eval syntax --ud <FILE.conllu>"
)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub target: Option<EvalTarget>,
    /// Gold annotations, one article a line.
    #[arg(long, required = true, value_name = "GOLD.jsonl")]
    pub gold: Option<PathBuf>,
    /// Events or articles to score; "-" reads standard input.
    #[arg(required = true, value_name = "EVENTS|ARTICLES")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Print the figures as one JSON object (the shared score.py's --json layout).
    #[arg(long)]
    pub json: bool,
    /// List every missed and spurious event (article, kind, type, dyad, date, sentence).
    #[arg(long)]
    pub show_errors: bool,
    /// Exit with status 1 when event F1 is below this value: a gate for CI scripts.
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,
}

/// Ingest the bundled example articles into a database, list their events, then serve the
/// dashboard and JSON API over that database (as `attache serve`) until interrupted.
///
/// The two example articles are built into the binary, so this runs from any folder.
///
/// Examples:
///   attache demo                        then open the URL it prints (Ctrl-C stops it)
///   attache demo --db demo.db --no-serve
///   attache events --db demo.db --actor AFG --include-background
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DemoArgs {
    /// The database file to create or update.
    #[arg(long, default_value = "attache-demo.db", value_name = "FILE")]
    pub db: PathBuf,
    /// Only ingest and list the events; do not start the server.
    #[arg(long)]
    pub no_serve: bool,
    /// Where the server listens (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: std::net::SocketAddr,
}

/// Serve a JSON API over an event store and a dashboard that uses it.
///
/// Pages (at /): events with search and filters, a dyad's timeline with its milestones, the
/// network of who engages whom, an actor's engagement ladder, and each event beside the
/// article sentence that reported it. The API is under /api/ and described by
/// /openapi.json. Read-only unless a token is given: then POST /api/articles with
/// `Authorization: Bearer TOKEN` codes and stores JSON articles as `attache ingest` does.
/// Listens on loopback by default; put a TLS proxy in front before exposing it.
///
/// Examples:
///   attache serve --db attache.db
///   attache serve --db attache.db --addr 0.0.0.0:8080
///   ATTACHE_TOKEN=s3cret attache serve --db attache.db
///   curl 'http://127.0.0.1:8080/api/events?dyad=IND,AFG&since=2025'
///   curl -H 'Authorization: Bearer s3cret' --data @article.json http://127.0.0.1:8080/api/articles
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Where to listen (port 0 picks a free port; the URL is printed).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: std::net::SocketAddr,
    /// Accept POST /api/articles from callers sending this bearer token.
    #[arg(
        long,
        env = "ATTACHE_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
}

/// Train the part-of-speech tagger, the dependency parser or the named-entity tagger; the
/// shipped models in data/models/ are reproduced with the defaults.
///
/// tagger and parser read DIR/*-ud-train.conllu (UD English EWT: en_ewt-ud-train.conllu) and
/// write OUT/tagger.bin or OUT/parser.bin. ner reads DIR/*-train*.iob2 (Universal NER English
/// EWT), writes OUT/ner.bin and scores DIR/*-test*.iob2 when there is one; the actor coder uses
/// it only for names no dictionary or rule covers. Training is deterministic (fixed seeds): the
/// defaults reproduce the shipped models byte for byte. On the shared 2-core build machine
/// (release build) the tagger takes about 12 s, the NER tagger about 3 s (1.6 CPU-seconds) and
/// the parser 3 to 6 minutes (it first trains four taggers to tag its training data as the real
/// tagger would; see BENCHMARKS.md). Write to data/models/ and rebuild to ship them.
///
/// Examples:
///   attache train tagger --ud ../shared/data/ud/en_ewt --out data/models
///   attache train parser --ud ../shared/data/ud/en_ewt --out data/models
///   attache train ner --data ../shared/data/ner/uner_en_ewt --out data/models
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct TrainArgs {
    /// Which model to train.
    #[arg(value_enum)]
    pub model: TrainTarget,
    /// The training data folder: a UD treebank (*-ud-train.conllu) for tagger, parser and splitter,
    /// IOB2 files (*-train*.iob2) for ner.
    #[arg(long = "data", visible_alias = "ud", value_name = "DIR")]
    pub data: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "DIR", default_value = "data/models")]
    pub out: PathBuf,
    /// Training epochs (default: tagger 15, parser 15, splitter 10, ner 8, as shipped).
    #[arg(long, value_name = "N")]
    pub iterations: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrainTarget {
    Tagger,
    Parser,
    /// The sentence-boundary classifier (data/models/splitter.bin).
    Splitter,
    Ner,
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

/// YYYY, YYYY-MM or YYYY-MM-DD, checked so that a typo is an error rather than a filter that
/// silently matches nothing.
fn parse_partial_date(s: &str) -> Result<String, String> {
    let ok = match s.len() {
        4 => s.parse::<u16>().is_ok(),
        7 => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok(),
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if ok {
        Ok(s.to_string())
    } else {
        Err("expected YYYY, YYYY-MM or YYYY-MM-DD".to_string())
    }
}

/// "64M", "512K", "1G", "1000": sizes in bytes, binary units.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let number = lower.trim_end_matches(['b', 'i']);
    let (digits, shift) = match number.chars().last() {
        Some('k') => (&number[..number.len() - 1], 10),
        Some('m') => (&number[..number.len() - 1], 20),
        Some('g') => (&number[..number.len() - 1], 30),
        _ => (number, 0),
    };
    let value: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("expected a size such as 64M, 512K or 1G, found {t:?}"))?;
    value
        .checked_mul(1 << shift)
        .filter(|&v| v > 0)
        .ok_or_else(|| format!("size out of range: {t:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
    }
}

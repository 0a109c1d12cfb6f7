//! Walking the command-line inputs: files, directories and stdin, in order, never stopping at
//! a bad one. Each input's format comes from its extension (the one before `.gz`/`.zst` for a
//! compressed file), else from its first bytes; compression from its magic bytes.

use crate::compressed::{
    decompressed, is_compressed_extension, peek, read_limited, DEFAULT_MAX_BYTES,
};
use crate::feed::{looks_like_feed, read_feed};
use crate::jsonl::{read_json_document, read_json_lines};
use crate::pending::Pending;
use crate::warc::read_warc;
use crate::{Article, ReadError, ReadOptions};
use std::fmt;
use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use walkdir::WalkDir;

/// The formats attache reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text, one article per file.
    Text,
    /// JSON Lines, one record per line (`{"id","url","published","title","text"|"html"}`).
    Jsonl,
    /// One JSON record or an array of them.
    Json,
    /// An HTML page.
    Html,
    /// An RSS or Atom feed: one article per item.
    Feed,
    /// A WARC file: one article per HTML response record.
    Warc,
}

impl InputFormat {
    pub const ALL: [InputFormat; 6] = [
        InputFormat::Text,
        InputFormat::Jsonl,
        InputFormat::Json,
        InputFormat::Html,
        InputFormat::Feed,
        InputFormat::Warc,
    ];

    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Json => "json",
            InputFormat::Html => "html",
            InputFormat::Feed => "feed",
            InputFormat::Warc => "warc",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.to_ascii_lowercase();
        let alias = match s.as_str() {
            "txt" => "text",
            "ndjson" => "jsonl",
            "htm" => "html",
            "rss" | "atom" => "feed",
            other => other,
        };
        InputFormat::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or_else(|| format!("unknown input format {s:?}"))
    }
}

/// How inputs are opened, beyond [`ReadOptions`]: a forced format and the size limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSettings {
    /// Read stdin and named files as this format instead of guessing (directories still go by
    /// each file's extension).
    pub format: Option<InputFormat>,
    /// Largest article, JSON Lines record, WARC record or whole-document file, in bytes once
    /// decompressed: a guard against decompression bombs and runaway lines.
    pub max_bytes: u64,
}

impl Default for InputSettings {
    fn default() -> Self {
        InputSettings {
            format: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// What every reader needs besides its input.
pub(crate) struct Context<'a> {
    pub opts: &'a ReadOptions,
    pub max_bytes: u64,
}

/// Receives each input item; `Break` asks the readers to stop (the consumer is gone).
pub(crate) type Emit<'a> = dyn FnMut(Pending) -> ControlFlow<()> + 'a;

/// Emitting a result known at once.
pub(crate) trait EmitReady {
    fn ready(&mut self, result: Result<Article, ReadError>) -> ControlFlow<()>;
}

impl EmitReady for Emit<'_> {
    fn ready(&mut self, result: Result<Article, ReadError>) -> ControlFlow<()> {
        self(Pending::from(result))
    }
}

/// What a file name says about its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guess {
    Known(InputFormat),
    /// `.xml`: a feed or an XHTML page, told apart by the content.
    Markup,
}

/// The format a name's extension gives, looking through one compression extension.
fn guess_of(path: &Path) -> Option<Guess> {
    let (_, ext) = split_name(path);
    let ext = ext?;
    match ext.as_str() {
        "txt" => Some(Guess::Known(InputFormat::Text)),
        "jsonl" | "ndjson" => Some(Guess::Known(InputFormat::Jsonl)),
        "json" => Some(Guess::Known(InputFormat::Json)),
        "html" | "htm" | "xhtml" => Some(Guess::Known(InputFormat::Html)),
        "rss" | "atom" => Some(Guess::Known(InputFormat::Feed)),
        "xml" => Some(Guess::Markup),
        "warc" => Some(Guess::Known(InputFormat::Warc)),
        _ => None,
    }
}

/// A file's name without its compression and format extensions ("page.html.zst" → "page"),
/// and its format extension, lower-cased.
fn split_name(path: &Path) -> (String, Option<String>) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut base = name.as_str();
    if let Some((rest, ext)) = base.rsplit_once('.') {
        if !rest.is_empty() && is_compressed_extension(&ext.to_ascii_lowercase()) {
            base = rest;
        }
    }
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem.to_string(), Some(ext.to_ascii_lowercase())),
        _ => (base.to_string(), None),
    }
}

/// The format of content that no name describes, from its first bytes.
fn sniff(head: &[u8]) -> InputFormat {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &body[i..]);
    match start.first() {
        _ if start.starts_with(b"WARC/") => InputFormat::Warc,
        Some(b'{') => InputFormat::Jsonl,
        Some(b'[') => InputFormat::Json,
        Some(b'<') if looks_like_feed(start) => InputFormat::Feed,
        Some(b'<') => InputFormat::Html,
        _ => InputFormat::Text,
    }
}

/// Reads every input in order: files, directories (recursively, sorted by name, only files
/// with a known extension; other files and hidden entries are skipped quietly), and `-` for
/// stdin. Calls `on_article` for each article and `on_error` for each failure, and goes on
/// after a failure.
pub fn read_inputs(
    inputs: &[PathBuf],
    opts: &ReadOptions,
    mut on_article: impl FnMut(Article),
    mut on_error: impl FnMut(ReadError),
) {
    read_inputs_with(inputs, opts, &InputSettings::default(), |result| {
        match result {
            Ok(article) => on_article(article),
            Err(error) => on_error(error),
        }
        ControlFlow::Continue(())
    });
}

/// [`read_inputs`] with settings, one callback for articles and failures alike, and a way to
/// stop early: return `ControlFlow::Break` (a closed output, say) and no more is read.
pub fn read_inputs_with(
    inputs: &[PathBuf],
    opts: &ReadOptions,
    settings: &InputSettings,
    mut on_item: impl FnMut(Result<Article, ReadError>) -> ControlFlow<()>,
) {
    read_inputs_deferred(inputs, opts, settings, |pending| {
        pending.resolve(&mut on_item)
    });
}

/// [`read_inputs_with`], handing out each input before it is parsed: the caller resolves it
/// ([`Pending::resolve`]), on another thread if it likes. Items come in input order.
pub fn read_inputs_deferred(
    inputs: &[PathBuf],
    opts: &ReadOptions,
    settings: &InputSettings,
    mut on_item: impl FnMut(Pending) -> ControlFlow<()>,
) {
    let ctx = Context {
        opts,
        max_bytes: settings.max_bytes,
    };
    let forced = settings.format.map(Guess::Known);
    for input in inputs {
        let flow = if input.as_os_str() == "-" {
            read_source(
                "stdin",
                "stdin",
                Box::new(std::io::stdin()),
                forced,
                &ctx,
                &mut on_item,
            )
        } else if input.is_dir() {
            read_dir(input, &ctx, &mut on_item)
        } else {
            // A named file is read whatever its extension: the user asked for it.
            read_file(
                input,
                forced.or_else(|| guess_of(input)),
                &ctx,
                &mut on_item,
            )
        };
        if flow.is_break() {
            return;
        }
    }
}

fn read_dir(root: &Path, ctx: &Context<'_>, emit: &mut Emit<'_>) -> ControlFlow<()> {
    let walk = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if let Some(guess) = guess_of(entry.path()) {
                    read_file(entry.path(), Some(guess), ctx, emit)?;
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).display().to_string();
                let message = match err.io_error() {
                    Some(io) => format!("cannot read: {io}"),
                    None => err.to_string(),
                };
                emit.ready(Err(ReadError::new(path, message)))?;
            }
        }
    }
    ControlFlow::Continue(())
}

fn read_file(
    path: &Path,
    guess: Option<Guess>,
    ctx: &Context<'_>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    let shown = path.display().to_string();
    let (stem, _) = split_name(path);
    match std::fs::File::open(path) {
        Ok(file) => read_source(&shown, &stem, Box::new(file), guess, ctx, emit),
        Err(e) => emit.ready(Err(ReadError::new(shown, format!("cannot read: {e}")))),
    }
}

/// One input stream: decompressed when it is compressed, then read as its format. JSON Lines
/// and WARC are read record by record; the other formats are one document each, read whole
/// up to the size limit.
fn read_source(
    path: &str,
    stem: &str,
    reader: Box<dyn Read + '_>,
    guess: Option<Guess>,
    ctx: &Context<'_>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    let opened = peek(reader).and_then(decompressed);
    let (mut peeked, compressed) = match opened {
        Ok(opened) => opened,
        Err(e) => return emit.ready(Err(ReadError::new(path, format!("cannot read: {e}")))),
    };
    let format = match guess {
        Some(Guess::Known(format)) => format,
        Some(Guess::Markup) if looks_like_feed(&peeked.head) => InputFormat::Feed,
        Some(Guess::Markup) => InputFormat::Html,
        None => sniff(&peeked.head),
    };
    match format {
        InputFormat::Jsonl => read_json_lines(path, stem, &mut *peeked.reader, ctx, emit),
        InputFormat::Warc => read_warc(path, &mut *peeked.reader, compressed, ctx, emit),
        _ => match read_limited(&mut peeked.reader, ctx.max_bytes) {
            Ok(bytes) => read_document(path, stem, bytes, format, ctx, emit),
            Err(message) => emit.ready(Err(ReadError::new(path, message))),
        },
    }
}

/// A whole-document input: text, JSON, HTML or a feed.
fn read_document(
    path: &str,
    stem: &str,
    bytes: Vec<u8>,
    format: InputFormat,
    ctx: &Context<'_>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return emit.ready(Err(ReadError::new(path, "empty article")));
    }
    match format {
        // Feeds are read in one pass over the document; their items are small.
        InputFormat::Feed => crate::warnings::at(path, None, None, || {
            read_feed(path, stem, &String::from_utf8_lossy(&bytes), ctx, emit)
        }),
        InputFormat::Json => match String::from_utf8(bytes) {
            Ok(content) => crate::warnings::at(path, None, None, || {
                read_json_document(path, stem, &content, ctx, emit)
            }),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                emit.ready(Err(ReadError::new(
                    path,
                    format!("not valid UTF-8 at byte {at}"),
                )))
            }
        },
        _ => emit(Pending::document(path, stem, bytes, format, ctx)),
    }
}

/// Fuzzing entry point (`fuzz/`, and the replay of `fuzz/regressions/` under `cargo test`):
/// reads `bytes` as one input stream, the way a file or stdin is read (decompressed when it
/// is compressed; as `format`, else sniffed), with `max_bytes` as the size limit, and returns
/// every article and failure. Not part of the API.
#[doc(hidden)]
pub fn read_bytes_for_fuzzing(
    bytes: &[u8],
    format: Option<InputFormat>,
    max_bytes: u64,
) -> (Vec<Article>, Vec<ReadError>) {
    collect_read(max_bytes, |ctx, emit| {
        let reader = Box::new(std::io::Cursor::new(bytes));
        read_source("fuzz", "fuzz", reader, format.map(Guess::Known), ctx, emit)
    })
}

/// Runs a reader with default options and `max_bytes`, resolving every item it emits: the
/// articles and the errors (for the fuzzing entry point and the readers' unit tests).
pub(crate) fn collect_read(
    max_bytes: u64,
    read: impl FnOnce(&Context<'_>, &mut Emit<'_>) -> ControlFlow<()>,
) -> (Vec<Article>, Vec<ReadError>) {
    let opts = ReadOptions::default();
    let ctx = Context {
        opts: &opts,
        max_bytes,
    };
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    let _ = read(&ctx, &mut |p| {
        p.resolve(|r| {
            match r {
                Ok(a) => good.push(a),
                Err(e) => bad.push(e),
            }
            ControlFlow::Continue(())
        })
    });
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::fs;

    fn run(inputs: &[PathBuf], opts: &ReadOptions) -> (Vec<Article>, Vec<ReadError>) {
        let (mut good, mut bad) = (Vec::new(), Vec::new());
        read_inputs(inputs, opts, |a| good.push(a), |e| bad.push(e));
        (good, bad)
    }

    fn stream(bytes: &[u8]) -> (Vec<Article>, Vec<ReadError>) {
        let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
        collect_read(DEFAULT_MAX_BYTES, |ctx, emit| {
            read_source("stdin", "stdin", reader, None, ctx, emit)
        })
    }

    #[cfg(unix)]
    #[test]
    fn directory_with_good_bad_and_nested_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("b-good.txt"), " date 2024-05-06 Envoys met.").unwrap();
        fs::write(root.join("a-latin1.txt"), b"Envoys met in Z\xfcrich.").unwrap();
        fs::write(root.join("c-empty.txt"), "  \n").unwrap();
        fs::write(root.join("notes.md"), "skipped quietly").unwrap();
        fs::write(root.join(".hidden.txt"), "skipped quietly").unwrap();
        fs::create_dir(root.join("nested")).unwrap();
        fs::write(root.join("nested/deep.txt"), "Envoys met again.").unwrap();
        fs::write(
            root.join("nested/batch.jsonl"),
            "{\"id\":\"j1\",\"text\":\"One.\"}\n{\"id\":\"j2\"}\n",
        )
        .unwrap();
        std::os::unix::fs::symlink(root.join("missing.txt"), root.join("nested/gone.txt")).unwrap();

        let (good, bad) = run(&[root.to_path_buf()], &ReadOptions::default());
        let ids: Vec<&str> = good.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["b-good", "j1", "deep"]);
        assert_eq!(good[0].published, NaiveDate::from_ymd_opt(2024, 5, 6));

        let shown: Vec<String> = bad.iter().map(ToString::to_string).collect();
        assert_eq!(bad.len(), 4, "{shown:?}");
        assert!(
            shown[0].ends_with("a-latin1.txt: not valid UTF-8 at byte 15"),
            "{shown:?}"
        );
        assert!(
            shown[1].ends_with("c-empty.txt: empty article"),
            "{shown:?}"
        );
        assert!(
            shown[2].ends_with("nested/batch.jsonl:2: missing \"text\""),
            "{shown:?}"
        );
        assert!(bad[3].path.ends_with("nested/gone.txt"), "{shown:?}");
        assert!(bad[3].message.starts_with("cannot read"), "{shown:?}");
    }

    #[test]
    fn missing_file_then_good_file() {
        let dir = tempfile::tempdir().unwrap();
        let good_path = dir.path().join("story.text");
        fs::write(&good_path, "Envoys met.").unwrap();
        let missing = dir.path().join("nope.txt");
        let opts = ReadOptions {
            published: NaiveDate::from_ymd_opt(2023, 1, 2),
        };
        let (good, bad) = run(&[missing.clone(), good_path], &opts);
        assert_eq!(good.len(), 1);
        assert_eq!(good[0].id, "story");
        assert_eq!(good[0].published, opts.published);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].path, missing.display().to_string());
        assert_eq!(bad[0].line, None);
    }

    #[test]
    fn named_json_array_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("set.json");
        fs::write(
            &path,
            r#"[{"id":"a","text":"One."},{"id":"b","text":"Two.","url":"https://www.x.org/1"}]"#,
        )
        .unwrap();
        let (good, bad) = run(&[path], &ReadOptions::default());
        assert!(bad.is_empty());
        let ids: Vec<&str> = good.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(good[1].source.as_deref(), Some("x.org"));
    }

    #[test]
    fn stdin_text_and_json_lines() {
        let (good, bad) = stream(b"Envoys met on Sunday.\n");
        assert!(bad.is_empty());
        assert_eq!(good[0].id, "stdin");

        let (good, bad) = stream(b"  {\"id\":\"r1\",\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n");
        assert!(bad.is_empty());
        let ids: Vec<&str> = good.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["r1", "stdin:2"]);

        let (good, bad) = stream(b"\n\n");
        assert!(good.is_empty());
        assert_eq!(bad[0].to_string(), "stdin: empty article");
    }
}

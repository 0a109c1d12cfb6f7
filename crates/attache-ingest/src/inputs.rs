//! Walking the command-line inputs: files, directories and stdin, in order, never stopping at
//! a bad one.

use crate::jsonl::{read_json_document, read_json_lines};
use crate::text_file::parse_text_article;
use crate::{Article, ReadError, ReadOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// How a file's content is read, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    JsonLines,
    Json,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Some(Format::Text),
        "jsonl" => Some(Format::JsonLines),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// Reads every input in order: files, directories (recursively, sorted by name, only files
/// ending `.txt`, `.jsonl` or `.json`; other files and hidden entries are skipped quietly),
/// and `-` for stdin. Calls `on_article` for each article and `on_error` for each failure,
/// and goes on after a failure.
pub fn read_inputs(
    inputs: &[PathBuf],
    opts: &ReadOptions,
    mut on_article: impl FnMut(Article),
    mut on_error: impl FnMut(ReadError),
) {
    let mut emit = |result: Result<Article, ReadError>| match result {
        Ok(article) => on_article(article),
        Err(error) => on_error(error),
    };
    for input in inputs {
        if input.as_os_str() == "-" {
            read_stdin(opts, &mut emit);
        } else if input.is_dir() {
            read_dir(input, opts, &mut emit);
        } else {
            // A named file is read whatever its extension: the user asked for it.
            read_file(
                input,
                format_of(input).unwrap_or(Format::Text),
                opts,
                &mut emit,
            );
        }
    }
}

fn read_dir(root: &Path, opts: &ReadOptions, emit: &mut dyn FnMut(Result<Article, ReadError>)) {
    let walk = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if let Some(format) = format_of(entry.path()) {
                    read_file(entry.path(), format, opts, emit);
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).display().to_string();
                let message = match err.io_error() {
                    Some(io) => format!("cannot read: {io}"),
                    None => err.to_string(),
                };
                emit(Err(ReadError::new(path, message)));
            }
        }
    }
}

fn read_file(
    path: &Path,
    format: Format,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) {
    let shown = path.display().to_string();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    match std::fs::read(path) {
        Ok(bytes) => read_content(&shown, &stem, bytes, format, opts, emit),
        Err(e) => emit(Err(ReadError::new(shown, format!("cannot read: {e}")))),
    }
}

fn read_stdin(opts: &ReadOptions, emit: &mut dyn FnMut(Result<Article, ReadError>)) {
    let mut bytes = Vec::new();
    match std::io::stdin().lock().read_to_end(&mut bytes) {
        Ok(_) => read_stream("stdin", bytes, opts, emit),
        Err(e) => emit(Err(ReadError::new("stdin", format!("cannot read: {e}")))),
    }
}

/// Stdin has no extension, so its format is guessed from its first non-space byte.
fn read_stream(
    name: &str,
    bytes: Vec<u8>,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let format = match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::JsonLines,
        Some(b'[') => Format::Json,
        _ => Format::Text,
    };
    read_content(name, name, bytes, format, opts, emit);
}

fn read_content(
    path: &str,
    stem: &str,
    bytes: Vec<u8>,
    format: Format,
    opts: &ReadOptions,
    emit: &mut dyn FnMut(Result<Article, ReadError>),
) {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        emit(Err(ReadError::new(path, "empty article")));
        return;
    }
    if format == Format::JsonLines {
        read_json_lines(path, stem, &bytes, opts, emit);
        return;
    }
    let content = match String::from_utf8(bytes) {
        Ok(content) => content,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            emit(Err(ReadError::new(
                path,
                format!("not valid UTF-8 at byte {at}"),
            )));
            return;
        }
    };
    match format {
        Format::Json => read_json_document(path, stem, &content, opts, emit),
        _ => emit(Ok(parse_text_article(stem, content, opts))),
    }
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
        let (mut good, mut bad) = (Vec::new(), Vec::new());
        read_stream(
            "stdin",
            bytes.to_vec(),
            &ReadOptions::default(),
            &mut |r| match r {
                Ok(a) => good.push(a),
                Err(e) => bad.push(e),
            },
        );
        (good, bad)
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

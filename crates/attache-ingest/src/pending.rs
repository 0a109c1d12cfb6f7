//! Inputs split from their stream but not parsed yet, so that the costly part of reading
//! (JSON, HTML main-content extraction) can run on the worker threads that code the article
//! instead of on the one thread that must read the stream in order.

use crate::html::{parse_html_article, PageMeta};
use crate::inputs::{Context, InputFormat};
use crate::jsonl::parse_json_line;
use crate::text_file::parse_text_article;
use crate::warc::Record;
use crate::warnings::at;
use crate::{Article, ReadError, ReadOptions};
use std::ops::ControlFlow;

/// One article to be, or a failure already known. [`Pending::resolve`] does the parsing.
pub struct Pending(Kind);

enum Kind {
    Ready(Box<Result<Article, ReadError>>),
    JsonLine {
        path: String,
        stem: String,
        line_no: usize,
        line: Vec<u8>,
        opts: ReadOptions,
    },
    Document {
        path: String,
        stem: String,
        bytes: Vec<u8>,
        format: InputFormat,
        opts: ReadOptions,
    },
    Warc {
        path: String,
        record: Record,
        compressed: bool,
        opts: ReadOptions,
        max_bytes: u64,
    },
}

impl From<Result<Article, ReadError>> for Pending {
    fn from(result: Result<Article, ReadError>) -> Self {
        Pending(Kind::Ready(Box::new(result)))
    }
}

impl Pending {
    pub(crate) fn json_line(
        path: &str,
        stem: &str,
        line_no: usize,
        line: Vec<u8>,
        ctx: &Context<'_>,
    ) -> Self {
        Pending(Kind::JsonLine {
            path: path.to_string(),
            stem: stem.to_string(),
            line_no,
            line,
            opts: ctx.opts.clone(),
        })
    }

    /// A whole text or HTML file.
    pub(crate) fn document(
        path: &str,
        stem: &str,
        bytes: Vec<u8>,
        format: InputFormat,
        ctx: &Context<'_>,
    ) -> Self {
        Pending(Kind::Document {
            path: path.to_string(),
            stem: stem.to_string(),
            bytes,
            format,
            opts: ctx.opts.clone(),
        })
    }

    pub(crate) fn warc(path: &str, record: Record, compressed: bool, ctx: &Context<'_>) -> Self {
        Pending(Kind::Warc {
            path: path.to_string(),
            record,
            compressed,
            opts: ctx.opts.clone(),
            max_bytes: ctx.max_bytes,
        })
    }

    /// Parses the input. A WARC record that is not an HTML page gives `None`: it is skipped
    /// quietly, not an article and not a failure.
    pub fn resolve_record(self) -> Option<Result<Article, ReadError>> {
        match self.0 {
            Kind::Ready(result) => Some(*result),
            Kind::JsonLine {
                path,
                stem,
                line_no,
                line,
                opts,
            } => Some(at(&path, Some(line_no), None, || {
                parse_json_line(&path, &stem, line_no, &line, &opts)
            })),
            Kind::Document {
                path,
                stem,
                bytes,
                format,
                opts,
            } => Some(at(&path, None, None, || {
                single_document(&path, &stem, bytes, format, &opts)
            })),
            Kind::Warc {
                path,
                record,
                compressed,
                opts,
                max_bytes,
            } => {
                let ctx = Context {
                    opts: &opts,
                    max_bytes,
                };
                let place = || record.place(compressed);
                at(&path, None, Some(&place), || {
                    record.resolve(&path, compressed, &ctx)
                })
            }
        }
    }

    /// Parses the input and hands the result to `f`, unless it is a record to skip.
    pub fn resolve(
        self,
        f: impl FnOnce(Result<Article, ReadError>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        match self.resolve_record() {
            Some(result) => f(result),
            None => ControlFlow::Continue(()),
        }
    }
}

/// A text or HTML file that is one article.
fn single_document(
    path: &str,
    stem: &str,
    bytes: Vec<u8>,
    format: InputFormat,
    opts: &ReadOptions,
) -> Result<Article, ReadError> {
    if format == InputFormat::Html {
        // Web pages often mislabel or omit their encoding: a stray byte costs a replacement
        // character, not the article.
        let html = String::from_utf8_lossy(&bytes);
        let meta = PageMeta {
            id: stem,
            url: None,
            fallback_date: None,
            title: None,
        };
        return parse_html_article(&html, meta, opts).map_err(|m| ReadError::new(path, m));
    }
    match String::from_utf8(bytes) {
        Ok(content) => Ok(parse_text_article(stem, content, opts)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(ReadError::new(
                path,
                format!("not valid UTF-8 at byte {at}"),
            ))
        }
    }
}

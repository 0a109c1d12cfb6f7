//! WARC files (as in CC-NEWS): each `response` record holding an HTML page with status 200
//! becomes an article, with the record's target URI as its URL and the record's date as its
//! publication date when the page states none. Other records are skipped quietly; a broken
//! record is reported with its byte offset and reading goes on at the next record.
//!
//! Read record by record from a stream, so a file of any size takes the memory of one record.

use crate::compressed::{read_limited, too_large};
use crate::dates::parse_published;
use crate::html::{parse_html_article, PageMeta};
use crate::inputs::{Context, Emit, EmitReady};
use crate::jsonl::host;
use crate::pending::Pending;
use crate::ReadError;
use sha2::{Digest, Sha256};
use std::io::{self, BufRead, Read};
use std::ops::ControlFlow;

/// Longest header block we accept, record or HTTP: real ones are a few KiB.
const MAX_HEADER_BYTES: usize = 256 * 1024;

/// Reads every record of a WARC stream. `offsets_note` tells the user what the byte offsets in
/// messages count ("of the decompressed stream" for a `.warc.gz`).
pub(crate) fn read_warc(
    path: &str,
    reader: &mut dyn BufRead,
    compressed: bool,
    ctx: &Context<'_>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    let mut stream = Counting {
        inner: reader,
        pos: 0,
    };
    let where_ = |offset: u64| record_at(offset, compressed);
    let mut resync = false;
    loop {
        let record = match next_record(&mut stream, resync, ctx.max_bytes) {
            Ok(Some(record)) => record,
            Ok(None) => return ControlFlow::Continue(()),
            Err(RecordError::Io(offset, e)) => {
                // A broken stream (a corrupt gzip member, a truncated file) cannot be read past.
                let message = format!("{}: {e}", where_(offset));
                return emit.ready(Err(ReadError::new(path, message)));
            }
            Err(RecordError::Bad(offset, why)) => {
                resync = true;
                emit.ready(Err(ReadError::new(
                    path,
                    format!("{}: {why}", where_(offset)),
                )))?;
                continue;
            }
        };
        resync = false;
        // Records that are not responses were skipped unread: nothing to hand on.
        if record.block.is_some() || record.over_limit.is_some() {
            emit(Pending::warc(path, record, compressed, ctx))?;
        }
    }
}

/// A reader that knows how many bytes it has given out, for the offsets in messages.
struct Counting<'a> {
    inner: &'a mut dyn BufRead,
    pos: u64,
}

impl Counting<'_> {
    /// One line including its terminator; empty at the end of the stream.
    fn line(&mut self) -> io::Result<Vec<u8>> {
        let mut line = Vec::new();
        (&mut *self.inner)
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', &mut line)?;
        self.pos += line.len() as u64;
        Ok(line)
    }

    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let skipped = io::copy(&mut (&mut *self.inner).take(n), &mut io::sink())?;
        self.pos += skipped;
        Ok(skipped)
    }

    fn body(&mut self, n: u64) -> io::Result<Vec<u8>> {
        let mut body = Vec::with_capacity(n.min(1 << 20) as usize);
        (&mut *self.inner).take(n).read_to_end(&mut body)?;
        self.pos += body.len() as u64;
        Ok(body)
    }
}

enum RecordError {
    /// The stream itself failed: nothing after it can be read.
    Io(u64, io::Error),
    /// This record is malformed: look for the next one.
    Bad(u64, String),
}

pub(crate) struct Record {
    offset: u64,
    headers: Vec<(String, String)>,
    /// `None` when the block was skipped unread (not a response, or over the size limit).
    block: Option<Vec<u8>>,
    over_limit: Option<u64>,
}

fn next_record(
    stream: &mut Counting<'_>,
    resync: bool,
    max_bytes: u64,
) -> Result<Option<Record>, RecordError> {
    // Records are separated by blank lines; after a bad record, anything up to the next
    // version line is the rest of it.
    let (offset, version) = loop {
        let offset = stream.pos;
        let line = stream.line().map_err(|e| RecordError::Io(offset, e))?;
        if line.is_empty() {
            return Ok(None);
        }
        if line.starts_with(b"WARC/") {
            break (offset, line);
        }
        if !resync && !line.iter().all(u8::is_ascii_whitespace) {
            return Err(RecordError::Bad(
                offset,
                "expected a \"WARC/1.x\" version line".to_string(),
            ));
        }
    };
    debug_assert!(version.starts_with(b"WARC/"));

    let mut headers = Vec::new();
    let mut header_bytes = 0;
    loop {
        let line = stream.line().map_err(|e| RecordError::Io(offset, e))?;
        if line.is_empty() {
            return Err(RecordError::Bad(
                offset,
                "truncated record header".to_string(),
            ));
        }
        header_bytes += line.len();
        if header_bytes > MAX_HEADER_BYTES {
            return Err(RecordError::Bad(
                offset,
                "record header too long".to_string(),
            ));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        match text.split_once(':') {
            Some((name, value)) => {
                headers.push((name.trim().to_string(), value.trim().to_string()))
            }
            None => {
                return Err(RecordError::Bad(
                    offset,
                    format!("malformed header line {text:?}"),
                ))
            }
        }
    }
    let length = header(&headers, "Content-Length")
        .ok_or_else(|| RecordError::Bad(offset, "no Content-Length".to_string()))?
        .parse::<u64>()
        .map_err(|_| RecordError::Bad(offset, "invalid Content-Length".to_string()))?;

    let wanted = header(&headers, "WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
    let mut record = Record {
        offset,
        headers,
        block: None,
        over_limit: None,
    };
    if wanted && length <= max_bytes {
        let body = stream
            .body(length)
            .map_err(|e| RecordError::Io(offset, e))?;
        if (body.len() as u64) < length {
            return Err(RecordError::Io(
                offset,
                io::Error::new(io::ErrorKind::UnexpectedEof, "truncated record block"),
            ));
        }
        record.block = Some(body);
    } else {
        if wanted {
            record.over_limit = Some(max_bytes);
        }
        let skipped = stream
            .skip(length)
            .map_err(|e| RecordError::Io(offset, e))?;
        if skipped < length {
            return Err(RecordError::Io(
                offset,
                io::Error::new(io::ErrorKind::UnexpectedEof, "truncated record block"),
            ));
        }
    }
    Ok(Some(record))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Where a record starts, as messages say it.
fn record_at(offset: u64, compressed: bool) -> String {
    if compressed {
        format!("record at byte {offset} (decompressed)")
    } else {
        format!("record at byte {offset}")
    }
}

impl Record {
    /// Where the record is, for messages about it.
    pub(crate) fn place(&self, compressed: bool) -> String {
        record_at(self.offset, compressed)
    }

    /// The article of a response record, `None` for records that are not HTML pages.
    pub(crate) fn resolve(
        &self,
        path: &str,
        compressed: bool,
        ctx: &Context<'_>,
    ) -> Option<Result<crate::Article, ReadError>> {
        match self.article(ctx) {
            Ok(None) => None,
            Ok(Some(article)) => Some(Ok(article)),
            Err(why) => Some(Err(ReadError::new(
                path,
                format!("{}: {why}", record_at(self.offset, compressed)),
            ))),
        }
    }

    /// The article of a response record; `Ok(None)` for records that are not HTML pages.
    fn article(&self, ctx: &Context<'_>) -> Result<Option<crate::Article>, String> {
        if let Some(max) = self.over_limit {
            return Err(too_large(max));
        }
        let Some(block) = &self.block else {
            return Ok(None);
        };
        let Some(http) = HttpResponse::parse(block)? else {
            return Ok(None);
        };
        if http.status != 200 || !http.is_html() {
            return Ok(None);
        }
        let body = http.decoded_body(ctx.max_bytes)?;
        let html = String::from_utf8_lossy(&body);
        let url = header(&self.headers, "WARC-Target-URI").map(|u| u.trim_matches(['<', '>']));
        let record_id = header(&self.headers, "WARC-Record-ID");
        let id = match (url, record_id) {
            (Some(url), _) => id_for_url(url),
            (None, Some(rid)) => rid
                .trim_matches(['<', '>'])
                .trim_start_matches("urn:uuid:")
                .to_string(),
            (None, None) => format!("record-{}", self.offset),
        };
        let meta = PageMeta {
            id: &id,
            url,
            fallback_date: header(&self.headers, "WARC-Date").and_then(parse_published),
            title: None,
        };
        parse_html_article(&html, meta, ctx.opts).map(Some)
    }
}

/// A stable, short id from a URL: the site, then 16 hex digits of its SHA-256, so that the
/// same page crawled twice gets the same id and ids stay readable in listings.
pub(crate) fn id_for_url(url: &str) -> String {
    let digest = Sha256::digest(url.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    match host(url) {
        Some(site) => format!("{site}-{hex}"),
        None => hex,
    }
}

struct HttpResponse<'a> {
    status: u16,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

impl<'a> HttpResponse<'a> {
    /// `Ok(None)` for a block that is not an HTTP response at all (a `dns:` record).
    fn parse(block: &'a [u8]) -> Result<Option<Self>, String> {
        if !block.starts_with(b"HTTP/") {
            return Ok(None);
        }
        let (head_len, sep) = match find(block, b"\r\n\r\n") {
            Some(i) => (i, 4),
            None => match find(block, b"\n\n") {
                Some(i) => (i, 2),
                None => return Err("HTTP headers without an end".to_string()),
            },
        };
        let head = String::from_utf8_lossy(&block[..head_len]);
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|code| code.parse::<u16>().ok())
            .ok_or_else(|| "invalid HTTP status line".to_string())?;
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .collect();
        Ok(Some(HttpResponse {
            status,
            headers,
            body: &block[head_len + sep..],
        }))
    }

    fn is_html(&self) -> bool {
        match header(&self.headers, "Content-Type") {
            Some(t) => {
                let t = t.to_ascii_lowercase();
                t.contains("html")
            }
            // No type given: trust the content.
            None => self
                .body
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|&b| b == b'<'),
        }
    }

    /// The payload as the server meant it: de-chunked and decompressed. (Common Crawl stores
    /// payloads already decoded and renames the headers, so this is for other crawlers.)
    fn decoded_body(&self, max: u64) -> Result<Vec<u8>, String> {
        let chunked = header(&self.headers, "Transfer-Encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            dechunk(self.body)?
        } else {
            self.body.to_vec()
        };
        match header(&self.headers, "Content-Encoding").map(str::to_ascii_lowercase) {
            None => Ok(body),
            Some(e) if e == "identity" => Ok(body),
            Some(e) if e == "gzip" || e == "x-gzip" => {
                read_limited(&mut flate2::read::MultiGzDecoder::new(&body[..]), max)
            }
            Some(e) if e == "deflate" => {
                read_limited(&mut flate2::read::ZlibDecoder::new(&body[..]), max)
            }
            Some(other) => Err(format!("unsupported Content-Encoding {other:?}")),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(rest.len());
    loop {
        let line_end = find(rest, b"\r\n").ok_or("chunked body without a size line")?;
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| format!("invalid chunk size {size_text:?}"))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = rest.get(..size).ok_or("truncated chunk")?;
        out.extend_from_slice(chunk);
        rest = rest.get(size..).unwrap_or(&[]);
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;x=1\r\n, world\r\n0\r\n\r\n").unwrap(),
            b"Hello, world"
        );
        assert!(dechunk(b"zz\r\nHello").is_err());
    }

    #[test]
    fn ids_are_stable_and_readable() {
        let a = id_for_url("https://www.example.org/news/1");
        assert_eq!(a, id_for_url("https://www.example.org/news/1"));
        assert_ne!(a, id_for_url("https://www.example.org/news/2"));
        assert!(a.starts_with("example.org-"), "{a}");
        assert_eq!(a.len(), "example.org-".len() + 16);
    }
}

//! gzip and zstd inputs, recognised by their magic bytes whatever the file is called, and the
//! size limit that keeps a small compressed file from filling memory when it is expanded.

use std::io::{self, BufRead, BufReader, Read};

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// How many leading bytes are looked at to recognise compression and formats.
pub(crate) const HEAD_LEN: usize = 8192;

/// Default limit on one article, record or whole-document file once decompressed.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    Gzip,
    Zstd,
}

pub(crate) fn compression_of(head: &[u8]) -> Option<Compression> {
    if head.starts_with(&GZIP_MAGIC) {
        Some(Compression::Gzip)
    } else if head.starts_with(&ZSTD_MAGIC) {
        Some(Compression::Zstd)
    } else {
        None
    }
}

/// Whether a file name's last extension is a compression one (`.gz`, `.zst`), so that the
/// format comes from the extension before it.
pub(crate) fn is_compressed_extension(ext: &str) -> bool {
    matches!(ext, "gz" | "gzip" | "zst" | "zstd")
}

/// A stream that gives its first bytes for sniffing without losing them.
pub(crate) struct Peeked<'a> {
    pub head: Vec<u8>,
    pub reader: Box<dyn BufRead + 'a>,
}

/// Reads up to [`HEAD_LEN`] bytes and hands back a reader that still starts at the beginning.
/// A read error while peeking is not returned here but replayed after the peeked bytes, so
/// that a stream broken near its start (a truncated `.gz`) still gives what came before it.
pub(crate) fn peek<'a>(mut reader: Box<dyn Read + 'a>) -> io::Result<Peeked<'a>> {
    let mut head = vec![0; HEAD_LEN];
    let mut filled = 0;
    let mut pending = None;
    // Stops as soon as the format can be told: a pipe that trickles in (a record at a time
    // from Spark, a person typing) must not wait for a full head.
    while filled < HEAD_LEN && !enough_to_sniff(&head[..filled]) {
        match reader.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if filled == 0 => return Err(e),
            Err(e) => {
                pending = Some(e);
                break;
            }
        }
    }
    head.truncate(filled);
    let replay = Replay {
        head: io::Cursor::new(head.clone()),
        pending,
        inner: reader,
    };
    Ok(Peeked {
        head,
        reader: Box::new(BufReader::with_capacity(64 * 1024, replay)),
    })
}

/// Whether `head` says enough to recognise compression and format: the magic bytes, else five
/// bytes of content, and for markup the tag that tells a feed from a page.
fn enough_to_sniff(head: &[u8]) -> bool {
    if compression_of(head).is_some() {
        return true;
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = match body.iter().position(|b| !b.is_ascii_whitespace()) {
        Some(i) => &body[i..],
        None => return false,
    };
    if start.len() < 5 {
        return false;
    }
    if start[0] != b'<' {
        return true;
    }
    let lower = String::from_utf8_lossy(start).to_ascii_lowercase();
    ["<rss", "<feed", "<rdf:rdf", "<html", "<head", "<body"]
        .iter()
        .any(|tag| lower.contains(tag))
}

/// The peeked bytes, then the error met while peeking (if any), then the rest of the stream.
struct Replay<'a> {
    head: io::Cursor<Vec<u8>>,
    pending: Option<io::Error>,
    inner: Box<dyn Read + 'a>,
}

impl Read for Replay<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.head.read(buf)?;
        if n > 0 {
            return Ok(n);
        }
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        self.inner.read(buf)
    }
}

/// The stream decompressed when its first bytes say it is compressed (one level: a gzip inside
/// a gzip is not unwrapped again), else the stream as it is.
pub(crate) fn decompressed<'a>(peeked: Peeked<'a>) -> io::Result<(Peeked<'a>, bool)> {
    match compression_of(&peeked.head) {
        // Multi-member gzip: per-record-compressed WARC files (CC-NEWS) and concatenated
        // `.gz` files are read through to the end, not stopped after the first member.
        Some(Compression::Gzip) => peek(Box::new(flate2::bufread::MultiGzDecoder::new(
            peeked.reader,
        )))
        .map(|p| (p, true)),
        Some(Compression::Zstd) => {
            let decoder = zstd::stream::read::Decoder::with_buffer(peeked.reader)?;
            peek(Box::new(decoder)).map(|p| (p, true))
        }
        None => Ok((peeked, false)),
    }
}

/// The whole stream, or an error naming the limit once more than `max` bytes come out of it.
pub(crate) fn read_limited(reader: &mut dyn Read, max: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

pub(crate) fn too_large(max: u64) -> String {
    format!(
        "larger than the size limit of {} once decompressed (--max-size)",
        show_size(max)
    )
}

/// Sizes as people write them: "64 MiB", "512 KiB", "100 bytes".
pub fn show_size(bytes: u64) -> String {
    // Powers of two, so a mask tells whole multiples.
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit && bytes & (unit - 1) == 0 {
            return format!("{} {name}", bytes / unit);
        }
    }
    format!("{bytes} bytes")
}

/// Reads one line (without its `\n`) into `line`, keeping at most `max` bytes: a longer line
/// is read through to its end but not kept, and reported as `Ok(Some(true))`. `Ok(None)` at
/// the end of the stream.
pub(crate) fn read_line_limited(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    max: u64,
) -> io::Result<Option<bool>> {
    line.clear();
    let mut over = false;
    let mut seen_any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(seen_any.then_some(over));
        }
        seen_any = true;
        let (chunk, done) = match memchr_newline(buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !over {
            if (line.len() + chunk.len()) as u64 > max {
                over = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(buf.len());
        reader.consume(used);
        if done.is_some() {
            return Ok(Some(over));
        }
    }
}

fn memchr_newline(buf: &[u8]) -> Option<usize> {
    buf.iter().position(|&b| b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    fn open(bytes: Vec<u8>) -> (Vec<u8>, bool) {
        let peeked = peek(Box::new(io::Cursor::new(bytes))).unwrap();
        let (mut p, was) = decompressed(peeked).unwrap();
        let mut all = Vec::new();
        p.reader.read_to_end(&mut all).unwrap();
        assert!(all.starts_with(&p.head), "the peeked bytes are replayed");
        (all, was)
    }

    #[test]
    fn gzip_members_zstd_and_plain() {
        let mut two = gzip(b"first member\n");
        two.extend(gzip(b"second member\n"));
        assert_eq!(open(two), (b"first member\nsecond member\n".to_vec(), true));
        let z = zstd::encode_all(&b"zstd body"[..], 3).unwrap();
        assert_eq!(open(z), (b"zstd body".to_vec(), true));
        assert_eq!(open(b"plain".to_vec()), (b"plain".to_vec(), false));
        let big: Vec<u8> = (0..20_000u32).flat_map(|i| i.to_le_bytes()).collect();
        assert_eq!(open(gzip(&big)).0, big, "longer than the peeked head");
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let bomb = gzip(&vec![b'a'; 5_000_000]);
        assert!(bomb.len() < 20_000);
        let (mut p, _) = decompressed(peek(Box::new(io::Cursor::new(bomb))).unwrap()).unwrap();
        let err = read_limited(&mut p.reader, 1 << 20).unwrap_err();
        assert_eq!(
            err,
            "larger than the size limit of 1 MiB once decompressed (--max-size)"
        );
    }

    #[test]
    fn long_lines_are_skipped_not_kept() {
        let mut input: &[u8] = b"short\nthis line is too long\nok\nlast";
        let mut line = Vec::new();
        let mut got = Vec::new();
        while let Some(over) = read_line_limited(&mut input, &mut line, 8).unwrap() {
            got.push((String::from_utf8(line.clone()).unwrap(), over));
        }
        assert_eq!(
            got,
            [
                ("short".to_string(), false),
                (String::new(), true),
                ("ok".to_string(), false),
                ("last".to_string(), false)
            ]
        );
    }

    #[test]
    fn peeking_stops_once_the_format_is_clear() {
        assert!(enough_to_sniff(&GZIP_MAGIC));
        assert!(enough_to_sniff(b"  {\"id\""));
        assert!(!enough_to_sniff(b"  {\"i"), "five bytes of content");
        assert!(
            !enough_to_sniff(b"<?xml version=\"1.0\"?>"),
            "feed or page: not yet"
        );
        assert!(enough_to_sniff(b"<?xml version=\"1.0\"?><rss>"));
        assert!(enough_to_sniff(b"<!doctype html><html>"));
    }

    #[test]
    fn sizes() {
        assert_eq!(show_size(64 << 20), "64 MiB");
        assert_eq!(show_size(3 << 30), "3 GiB");
        assert_eq!(show_size(1000), "1000 bytes");
    }
}

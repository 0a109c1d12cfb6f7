//! Warnings: something in an input that reading dropped while keeping the article (an
//! impossible date such as `2025-02-31`, `0000-00-00` or month 13). The article is still
//! coded, so this is not a [`ReadError`]; but the value was there and was not used, so it is
//! not silent either.
//!
//! A program that wants warnings installs a sink once ([`set_warning_sink`]; the `attache`
//! binary prints them on stderr). Without one, warnings cost nothing and go nowhere, which is
//! what a library caller, the server and the fuzz targets get. The readers say where they are
//! (path, line or record) on the thread that parses, so that the date code, which knows only
//! a string, can report the place too.

use crate::ReadError;
use std::cell::RefCell;
use std::sync::OnceLock;

type Sink = Box<dyn Fn(&ReadError) + Send + Sync>;

/// Where a reader is: a path, and the line or record within it.
#[derive(Clone)]
struct Place {
    path: String,
    line: Option<usize>,
    record: Option<String>,
}

static SINK: OnceLock<Sink> = OnceLock::new();

thread_local! {
    /// Where the thread is reading: the path and the line (or record) within it.
    static PLACE: RefCell<Option<Place>> = const { RefCell::new(None) };
    /// Warnings captured by [`capture`] instead of the sink (tests).
    static CAPTURED: RefCell<Option<Vec<ReadError>>> = const { RefCell::new(None) };
}

/// Sends every later warning to `sink` (the first call wins; later ones are ignored).
pub fn set_warning_sink(sink: impl Fn(&ReadError) + Send + Sync + 'static) {
    let _ = SINK.set(Box::new(sink));
}

fn wanted() -> bool {
    SINK.get().is_some() || CAPTURED.with(|c| c.borrow().is_some())
}

/// Runs `f` with warnings located at `path` (and `line`, or `record` such as "record at byte
/// 512"). Free when no sink is installed.
pub(crate) fn at<T>(
    path: &str,
    line: Option<usize>,
    record: Option<&dyn Fn() -> String>,
    f: impl FnOnce() -> T,
) -> T {
    if !wanted() {
        return f();
    }
    let place = Place {
        path: path.to_string(),
        line,
        record: record.map(|r| r()),
    };
    let outer = PLACE.with(|p| p.replace(Some(place)));
    let result = f();
    PLACE.with(|p| *p.borrow_mut() = outer);
    result
}

/// Reports `message()` at the current place (or "input" when a reader set none).
pub(crate) fn warn(message: impl FnOnce() -> String) {
    if !wanted() {
        return;
    }
    let place = PLACE.with(|p| p.borrow().clone()).unwrap_or(Place {
        path: "input".to_string(),
        line: None,
        record: None,
    });
    let message = match place.record {
        Some(record) => format!("{record}: {}", message()),
        None => message(),
    };
    let warning = match place.line {
        Some(line) => ReadError::at_line(place.path, line, message),
        None => ReadError::new(place.path, message),
    };
    let captured = CAPTURED.with(|c| {
        c.borrow_mut()
            .as_mut()
            .map(|list| list.push(warning.clone()))
            .is_some()
    });
    if !captured {
        if let Some(sink) = SINK.get() {
            sink(&warning);
        }
    }
}

/// Runs `f` and returns the warnings it gave on this thread (instead of sending them to the
/// sink).
#[cfg(test)]
pub(crate) fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<ReadError>) {
    let outer = CAPTURED.with(|c| c.replace(Some(Vec::new())));
    let result = f();
    let got = CAPTURED.with(|c| std::mem::replace(&mut *c.borrow_mut(), outer));
    (result, got.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_carry_the_innermost_place() {
        let ((), got) = capture(|| {
            warn(|| "nowhere".into());
            at("a.jsonl", Some(3), None, || {
                warn(|| "bad date".into());
                at("b.warc", None, Some(&|| "record at byte 9".into()), || {
                    warn(|| "inner".into())
                });
                warn(|| "again".into());
            });
        });
        let shown: Vec<String> = got.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "input: nowhere",
                "a.jsonl:3: bad date",
                "b.warc: record at byte 9: inner",
                "a.jsonl:3: again"
            ]
        );
    }

    #[test]
    fn without_a_sink_or_capture_nothing_is_built() {
        // The message closure must not even run.
        at("x", None, None, || {
            warn(|| unreachable!("no sink, no message"))
        });
    }
}

//! RSS (0.9x, 1.0, 2.0) and Atom feeds: each item or entry becomes an article whose text is
//! its content (or description/summary) with the HTML stripped.
//!
//! Elements are matched by local name, so `content:encoded`, `dc:date` and Atom's namespaced
//! elements need no namespace table.

use crate::dates::parse_published;
use crate::html::html_to_text;
use crate::inputs::{Context, Emit, EmitReady};
use crate::jsonl::host;
use crate::text_file::annotate;
use crate::{Article, ReadError};
use chrono::{DateTime, NaiveDate};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// Whether a document's first bytes look like a feed rather than an HTML page.
pub(crate) fn looks_like_feed(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

pub(crate) fn read_feed(
    path: &str,
    stem: &str,
    content: &str,
    ctx: &Context<'_>,
    emit: &mut Emit<'_>,
) -> ControlFlow<()> {
    let mut reader = Reader::from_str(content);
    let mut stack: Vec<String> = Vec::new();
    // Depth of the open item/entry element, and its fields so far.
    let mut item: Option<(usize, Item)> = None;
    let mut count = 0;
    let mut found_root = false;
    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = reader.error_position();
                return emit.ready(Err(ReadError::new(
                    path,
                    format!("invalid XML at byte {at}: {e}"),
                )));
            }
        };
        match event {
            Event::Start(start) => {
                let name = local(&start);
                found_root |= matches!(name.as_str(), "rss" | "feed" | "rdf");
                stack.push(name.clone());
                match &mut item {
                    None if name == "item" || name == "entry" => {
                        item = Some((stack.len(), Item::default()));
                    }
                    Some((depth, it)) if stack.len() == *depth + 1 => it.open(&name, &start),
                    _ => {}
                }
            }
            Event::Empty(start) => {
                if let Some((depth, it)) = &mut item {
                    if stack.len() == *depth {
                        it.open(&local(&start), &start);
                        it.close();
                    }
                }
            }
            Event::Text(text) => {
                if let Some((_, it)) = &mut item {
                    let s = match text.unescape() {
                        Ok(s) => s.into_owned(),
                        // An HTML entity XML does not know (`&nbsp;`): keep it as written.
                        Err(_) => String::from_utf8_lossy(&text).into_owned(),
                    };
                    it.text(&s);
                }
            }
            Event::CData(data) => {
                if let Some((_, it)) = &mut item {
                    it.text(&String::from_utf8_lossy(&data));
                }
            }
            Event::End(_) => {
                let depth = stack.len();
                stack.pop();
                match &mut item {
                    Some((d, _)) if depth == *d => {
                        if let Some((_, done)) = item.take() {
                            count += 1;
                            let fallback = format!("{stem}:{count}");
                            let result = done
                                .into_article(&fallback, ctx)
                                .map_err(|m| ReadError::new(path, format!("item {count}: {m}")));
                            emit.ready(result)?;
                        }
                    }
                    Some((d, it)) if depth == *d + 1 => it.close(),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !found_root {
        return emit.ready(Err(ReadError::new(
            path,
            "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)",
        )));
    }
    ControlFlow::Continue(())
}

fn local(start: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(start.local_name().as_ref()).to_ascii_lowercase()
}

/// The fields of one item, by local element name, first value kept.
#[derive(Default)]
struct Item {
    fields: HashMap<String, String>,
    open: Option<String>,
    buffer: String,
    /// Atom links carry the URL in `href`; the first alternate (or unqualified) one is the page.
    href: Option<String>,
}

impl Item {
    fn open(&mut self, name: &str, start: &BytesStart<'_>) {
        self.open = Some(name.to_string());
        self.buffer.clear();
        if name == "link" && self.href.is_none() {
            let attr = |key: &[u8]| {
                start
                    .try_get_attribute(key)
                    .ok()
                    .flatten()
                    .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
            };
            let rel = attr(b"rel");
            if rel.as_deref().is_none_or(|r| r == "alternate") {
                self.href = attr(b"href");
            }
        }
    }

    fn text(&mut self, s: &str) {
        if self.open.is_some() {
            self.buffer.push_str(s);
        }
    }

    fn close(&mut self) {
        if let Some(name) = self.open.take() {
            let value = std::mem::take(&mut self.buffer);
            if !value.trim().is_empty() {
                self.fields.entry(name).or_insert(value);
            }
        }
    }

    fn field(&self, names: &[&str]) -> Option<&str> {
        names
            .iter()
            .find_map(|n| self.fields.get(*n))
            .map(|s| s.trim())
    }

    fn into_article(self, fallback_id: &str, ctx: &Context<'_>) -> Result<Article, String> {
        let url = self
            .field(&["link"])
            .map(str::to_string)
            .or_else(|| self.href.clone());
        let id = self
            .field(&["guid", "id"])
            .map(str::to_string)
            .or_else(|| url.clone())
            .unwrap_or_else(|| fallback_id.to_string());
        // Full content first: descriptions are often only a teaser of it.
        let body = self
            .field(&["encoded", "content", "description", "summary"])
            .ok_or("no content, description or summary")?;
        let text = html_to_text(body);
        if text.trim().is_empty() {
            return Err("no text in the content".to_string());
        }
        let title = self
            .field(&["title"])
            .map(html_to_text)
            .filter(|t| !t.is_empty());
        let date = self
            .field(&[
                "pubdate",
                "published",
                "date",
                "issued",
                "updated",
                "modified",
            ])
            .and_then(feed_date);
        let found = annotate(&text, ctx.opts);
        Ok(Article {
            id,
            source: url.as_deref().and_then(host),
            url,
            published: date.or(found.date).or(ctx.opts.published),
            title,
            text,
            boilerplate: found.boilerplate,
        })
    }
}

/// RSS dates are RFC 2822 ("Tue, 05 Mar 2024 09:30:00 +0100"), Atom's RFC 3339; both are read
/// as the calendar day in the zone they were written in.
fn feed_date(value: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc2822(value.trim())
        .ok()
        .map(|d| d.date_naive())
        .or_else(|| parse_published(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(content: &str) -> (Vec<Article>, Vec<ReadError>) {
        crate::inputs::collect_read(1 << 20, |ctx, emit| {
            read_feed("f.rss", "f", content, ctx, emit)
        })
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn rss_items() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://example.org/</link>
<item>
  <title>Envoys meet in Oslo</title>
  <link>https://example.org/news/oslo</link>
  <guid isPermaLink="false">wire-0001</guid>
  <pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
  <description>Teaser only.</description>
  <content:encoded><![CDATA[<p>The foreign ministers of Norway and Sweden met in Oslo.</p><p>They agreed to meet again.</p>]]></content:encoded>
</item>
<item>
  <title>Talks &amp; trade</title>
  <link>https://example.org/news/trade</link>
  <description>&lt;p&gt;Ministers discussed &lt;b&gt;trade&lt;/b&gt;.&lt;/p&gt;</description>
</item>
<item><title>No body</title></item>
</channel></rss>"#;
        let (good, bad) = read(rss);
        assert_eq!(good.len(), 2);
        assert_eq!(good[0].id, "wire-0001");
        assert_eq!(
            good[0].url.as_deref(),
            Some("https://example.org/news/oslo")
        );
        assert_eq!(good[0].source.as_deref(), Some("example.org"));
        assert_eq!(
            good[0].published,
            d(2024, 3, 5),
            "the day where it was written"
        );
        assert_eq!(good[0].title.as_deref(), Some("Envoys meet in Oslo"));
        assert_eq!(
            good[0].text,
            "The foreign ministers of Norway and Sweden met in Oslo.\n\nThey agreed to meet again."
        );
        assert_eq!(
            good[1].id, "https://example.org/news/trade",
            "no guid: the link"
        );
        assert_eq!(good[1].title.as_deref(), Some("Talks & trade"));
        assert_eq!(good[1].text, "Ministers discussed trade.");
        assert_eq!(good[1].published, None);
        assert_eq!(bad.len(), 1);
        assert_eq!(
            bad[0].to_string(),
            "f.rss: item 3: no content, description or summary"
        );
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example</title>
  <link href="https://example.org/"/>
  <entry>
    <title type="html">Border &lt;em&gt;talks&lt;/em&gt;</title>
    <link rel="enclosure" href="https://example.org/audio.mp3"/>
    <link rel="alternate" href="https://example.org/news/border"/>
    <id>tag:example.org,2024:border</id>
    <updated>2024-04-02T10:00:00Z</updated>
    <published>2024-04-01T08:00:00+02:00</published>
    <summary type="html">&lt;p&gt;Both governments reopened the border crossing.&lt;/p&gt;</summary>
  </entry>
</feed>"#;
        let (good, bad) = read(atom);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(good.len(), 1);
        let a = &good[0];
        assert_eq!(a.id, "tag:example.org,2024:border");
        assert_eq!(a.url.as_deref(), Some("https://example.org/news/border"));
        assert_eq!(a.published, d(2024, 4, 1), "published before updated");
        assert_eq!(a.title.as_deref(), Some("Border talks"));
        assert_eq!(a.text, "Both governments reopened the border crossing.");
    }

    #[test]
    fn broken_and_foreign_xml() {
        let (good, bad) = read("<rss><channel><item><title>A</title><description>Text here.</description></item><item><title>B</wrong></channel></rss>");
        assert_eq!(good.len(), 1, "items before the error are kept");
        assert!(bad[0].message.starts_with("invalid XML at byte"), "{bad:?}");
        let (good, bad) = read("<svg><title>x</title></svg>");
        assert!(good.is_empty());
        assert!(bad[0].message.starts_with("not an RSS or Atom feed"));
    }
}

//! HTML pages: the main content (without navigation, ads, comments, scripts) becomes the
//! article text as clean paragraphs separated by blank lines; the title and the publication
//! date come from the page's metadata.
//!
//! Main-content selection is `dom_smoothie`'s readability port; we then walk the kept HTML
//! ourselves so that paragraphs stay paragraphs (the coder's sentence splitter and the
//! boilerplate line patterns both work on lines).

use crate::dates::{parse_published, parse_published_quietly};
use crate::jsonl::host;
use crate::text_file::annotate;
use crate::{Article, ReadOptions};
use chrono::NaiveDate;
use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

/// What a page gives besides its text.
pub(crate) struct PageMeta<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    /// A date known from outside the page (a WARC record's date, a feed item's date): used
    /// only when the page states none.
    pub fallback_date: Option<NaiveDate>,
    /// A title known from outside the page (a JSON record's `title`): preferred to the page's.
    pub title: Option<&'a str>,
}

/// How deep a page may nest elements before we refuse it. The HTML tree builder looks through
/// every open element at each new tag (time grows with the square of the depth: 100,000
/// nested `<div>` took minutes; 2,000 levels still took a minute in a debug build), and
/// walking the tree recurses once per level, on worker threads with 2 MiB stacks. Browsers
/// flatten pages past 512 levels, so no page relies on more; real news pages stay well under
/// 100.
pub(crate) const MAX_NESTING: usize = 512;

/// Elements that hold no content or that the next sibling of their kind closes: they do not
/// deepen the tree, however they are written.
const FLAT: [&str; 29] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "rb", "rt", "rp",
];

/// Whether `html` opens more than `limit` elements it has not closed, counted roughly from
/// its tags (start tags minus end tags, [`FLAT`] elements aside): an upper bound on the depth
/// the parser would build, cheap to take before parsing.
pub(crate) fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + at + 1;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len() - name_start);
        i = name_start + name_len;
        let name = &bytes[name_start..i];
        if !name.first().is_some_and(u8::is_ascii_alphabetic)
            || FLAT.iter().any(|f| f.as_bytes().eq_ignore_ascii_case(name))
        {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
    }
    false
}

fn too_deep() -> String {
    format!("HTML nested deeper than {MAX_NESTING} elements")
}

/// One article from an HTML page. Fails when the page has no text at all, or nests elements
/// deeper than [`MAX_NESTING`].
pub(crate) fn parse_html_article(
    html: &str,
    meta: PageMeta<'_>,
    opts: &ReadOptions,
) -> Result<Article, String> {
    if nests_deeper_than(html, MAX_NESTING) {
        return Err(too_deep());
    }
    let page = Document::from(html);
    // Read before readability runs: it rewrites the document as it goes.
    let own_date = meta_date(&page);
    let page_title = meta_title(&page);

    let cfg = Config {
        // Many news pages carry less than readability's default 500 characters of body.
        char_threshold: 200,
        ..Config::default()
    };
    let url = meta.url.filter(|u| u.contains("://"));
    // Readability retries a short page with laxer policies that keep comment boxes: remove
    // what is never the story before it looks.
    let cleaned = Document::from(html);
    remove_furniture(&cleaned);
    let extracted = Readability::with_document(cleaned, url, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let (text, smoothie_title, smoothie_date) = match extracted {
        Some(article) => {
            let kept = Document::from(article.content.as_ref());
            let root = kept.root();
            (
                paragraphs(&root),
                Some(article.title.trim().to_string()),
                article.published_time,
            )
        }
        None => (fallback_text(&page), None, None),
    };
    let text = if text.trim().is_empty() {
        // Readability can throw away a short page's only paragraph: take the body instead.
        fallback_text(&page)
    } else {
        text
    };
    if text.trim().is_empty() {
        return Err("no text found in the HTML page".to_string());
    }

    let page_date = smoothie_date
        .as_deref()
        .and_then(parse_published_quietly)
        .or(own_date);
    let found = annotate(&text, opts);
    let title = meta
        .title
        .map(str::to_string)
        .or(page_title)
        .or(smoothie_title)
        .filter(|t| !t.is_empty());
    Ok(Article {
        id: meta.id.to_string(),
        url: meta.url.map(str::to_string),
        source: meta.url.and_then(host),
        published: page_date
            .or(meta.fallback_date)
            .or(found.date)
            .or(opts.published),
        title,
        text,
        boilerplate: found.boilerplate,
    })
}

/// Plain text of an HTML fragment (a feed item's description): paragraphs separated by blank
/// lines, no content selection.
/// A fragment nested deeper than [`MAX_NESTING`] gives no text.
pub(crate) fn html_to_text(fragment: &str) -> String {
    if nests_deeper_than(fragment, MAX_NESTING) {
        return String::new();
    }
    let doc = Document::fragment(fragment);
    paragraphs(&doc.root())
}

/// The publication date from metadata readability does not read: Open Graph, schema.org
/// microdata, then the first `<time datetime>`.
fn meta_date(page: &Document) -> Option<NaiveDate> {
    const SELECTORS: [&str; 6] = [
        r#"meta[property="article:published_time"]"#,
        r#"meta[property="og:published_time"]"#,
        r#"meta[name="article:published_time"]"#,
        r#"meta[itemprop="datePublished"]"#,
        r#"meta[name="pubdate"]"#,
        r#"meta[name="date"]"#,
    ];
    for selector in SELECTORS {
        let found = page
            .select(selector)
            .nodes()
            .iter()
            .filter_map(|n| n.attr("content"))
            .find_map(|v| parse_published(&v));
        if found.is_some() {
            return found;
        }
    }
    page.select("time[datetime]")
        .nodes()
        .iter()
        .filter_map(|n| n.attr("datetime"))
        .find_map(|v| parse_published(&v))
}

/// `og:title` names the story without the site's suffix, so it goes before `<title>`.
fn meta_title(page: &Document) -> Option<String> {
    let og = page
        .select(r#"meta[property="og:title"]"#)
        .nodes()
        .iter()
        .filter_map(|n| n.attr("content"))
        .map(|v| collapse(&v))
        .find(|v| !v.is_empty());
    og.or_else(|| {
        let t = collapse(&page.select("head title").text());
        (!t.is_empty()).then_some(t)
    })
}

/// Page furniture by tag, ARIA role, id or class: navigation, comment threads, ads, sharing
/// and "related stories" boxes.
const FURNITURE: &str = "nav, aside, footer, form, script:not([type=\"application/ld+json\"]), style, noscript, template, iframe, \
    [role=navigation], [role=banner], [role=contentinfo], [role=complementary], \
    [id*=comment], [class~=comments], [class*=comment-], [class*=comments-], \
    [id*=advert], [class*=advert], [class~=ad], [class~=ads], [class*=ad-slot], \
    [class*=share], [class*=social], [class*=related], [class*=newsletter], [class*=promo]";

fn remove_furniture(page: &Document) {
    page.select(FURNITURE).remove();
}

/// The page body minus its furniture, for pages readability gives up on.
fn fallback_text(page: &Document) -> String {
    remove_furniture(page);
    let body = page.select("body");
    match body.nodes().first() {
        Some(node) => paragraphs(node),
        None => paragraphs(&page.root()),
    }
}

/// Elements whose content is never the story's prose (readability keeps some of them on
/// short pages).
const SKIPPED: [&str; 14] = [
    "nav",
    "aside",
    "footer",
    "form",
    "script",
    "style",
    "noscript",
    "template",
    "button",
    "select",
    "svg",
    "iframe",
    "figcaption",
    "head",
];

/// Elements that start a new paragraph.
const BLOCKS: [&str; 26] = [
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// Collects the text under `root`, one paragraph per block element, whitespace collapsed.
fn paragraphs(root: &NodeRef) -> String {
    let mut out = Paragraphs::default();
    walk(root, &mut out);
    out.finish()
}

/// Text is gathered as written and whitespace is collapsed once per paragraph, so that
/// inline markup ("in <b>Oslo</b>, on") neither adds nor loses spaces.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    current: String,
}

impl Paragraphs {
    fn break_paragraph(&mut self) {
        let p = collapse(&self.current);
        if !p.is_empty() {
            self.done.push(p);
        }
        self.current.clear();
    }

    fn finish(mut self) -> String {
        self.break_paragraph();
        self.done.join("\n\n")
    }
}

fn walk(node: &NodeRef, out: &mut Paragraphs) {
    for child in node.children_it(false) {
        if child.is_text() {
            out.current.push_str(&child.text());
        } else if child.is_element() {
            let name = child.node_name().map(|n| n.to_ascii_lowercase());
            let name = name.as_deref().unwrap_or("");
            if SKIPPED.contains(&name) {
                continue;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.break_paragraph();
            }
            walk(&child, out);
            if block {
                out.break_paragraph();
            }
        } else if child.may_have_children() {
            walk(&child, out);
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize, tag: &str) -> String {
        let mut html = String::from("<html><body>");
        for _ in 0..depth {
            html.push_str(&format!("<{tag} class=x>"));
        }
        html.push_str("<p>Envoys met in Oslo on Monday, and talks went on all week long.");
        html
    }

    #[test]
    fn depth_is_counted_from_tags() {
        assert!(!nests_deeper_than("<div><p>a<p>b<br><img src=x></div>", 1));
        assert!(nests_deeper_than("<div><section>a", 1));
        assert!(!nests_deeper_than(
            "<div></div><div></div>< 3 <!-- x --></",
            1
        ));
        assert!(nests_deeper_than(
            &nested(MAX_NESTING + 1, "div"),
            MAX_NESTING
        ));
        assert!(!nests_deeper_than(
            &nested(MAX_NESTING - 5, "DIV"),
            MAX_NESTING
        ));
        // Thousands of unclosed paragraphs and list items are flat, not deep.
        assert!(!nests_deeper_than(&"<p>x<li>y".repeat(10_000), MAX_NESTING));
    }

    /// Regression (bad_input.rs): 100,000 nested `<div>` kept the tree builder busy for
    /// minutes (quadratic in the depth). Now refused at once, with a message.
    #[test]
    fn a_page_nested_too_deep_is_refused_quickly() {
        let html = nested(100_000, "div");
        let started = std::time::Instant::now();
        let err = parse_html_article(&html, page("deep"), &ReadOptions::default()).unwrap_err();
        assert!(err.contains("nested deeper than"), "{err}");
        assert!(started.elapsed().as_secs() < 2);
        assert_eq!(html_to_text(&html), "");
    }

    /// A page just under the limit is read, on a thread with the default 2 MiB stack (where
    /// `attache code` parses pages), without overflowing it.
    #[test]
    fn a_page_nested_just_under_the_limit_is_read_on_a_worker_thread() {
        let html = nested(MAX_NESTING - 10, "div");
        let article = std::thread::spawn(move || {
            parse_html_article(&html, page("deep"), &ReadOptions::default())
        })
        .join()
        .expect("no stack overflow")
        .expect("an article");
        assert!(
            article.text.contains("Envoys met in Oslo"),
            "{}",
            article.text
        );
    }

    fn page(id: &str) -> PageMeta<'_> {
        PageMeta {
            id,
            url: None,
            fallback_date: None,
            title: None,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const STORY: &str = r#"<!DOCTYPE html>
<html><head>
<title>Envoys meet in Oslo | The Daily Example</title>
<meta property="og:title" content="Envoys meet in Oslo">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<style>body { color: red }</style>
<script>var tracking = "Envoys attacked nobody";</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad-slot advertisement">Buy one, get one free at Example Mart!</div>
<article>
<h1>Envoys meet in Oslo</h1>
<p>OSLO, March 5 (Wire) - The foreign ministers of Norway and Sweden met in <b>Oslo</b>, on Tuesday to discuss the fishing dispute that has strained ties between the two neighbours since last year.</p>
<p>Norway's foreign minister said the talks were constructive and that both sides had agreed to meet again next month in Stockholm to settle the remaining questions.</p>
<figure><img src="x.jpg"><figcaption>The ministers shake hands. Photo: Wire</figcaption></figure>
<p>Sweden's foreign minister praised Norway for its willingness to compromise on quotas, officials said after the meeting ended late in the evening.</p>
</article>
<section id="comments" class="comments"><h3>3 comments</h3><p>First! This is a comment by a reader who wants to be heard.</p></section>
<footer>Copyright 2024 The Daily Example. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn main_content_title_and_date() {
        let a = parse_html_article(STORY, page("oslo"), &ReadOptions::default()).unwrap();
        assert_eq!(a.id, "oslo");
        assert_eq!(a.title.as_deref(), Some("Envoys meet in Oslo"));
        assert_eq!(a.published, Some(d(2024, 3, 5)));
        let paras: Vec<&str> = a.text.split("\n\n").collect();
        assert!(
            paras
                .iter()
                .any(|p| p.starts_with("OSLO, March 5 (Wire) - The foreign ministers")),
            "{paras:#?}"
        );
        assert!(a.text.contains("met in Oslo, on Tuesday"), "{}", a.text);
        assert!(a.text.contains("Sweden's foreign minister praised Norway"));
        for gone in [
            "tracking",
            "color: red",
            "Home",
            "Buy one",
            "First! This is a comment",
            "Copyright",
            "shake hands",
        ] {
            assert!(!a.text.contains(gone), "{gone:?} left in {}", a.text);
        }
        assert!(!a.text.contains("\n\n\n"));
        assert!(a.text.lines().all(|l| l == l.trim()));
    }

    #[test]
    fn dates_from_json_ld_og_and_time_elements() {
        let body = "<p>The ministers of the two countries met on Tuesday in the capital and \
                    agreed to resume talks about trade and the border next month.</p>";
        let ld = format!(
            r#"<html><head><script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks","datePublished":"2023-11-02T08:00:00Z"}}</script></head><body><article>{body}</article></body></html>"#
        );
        let og = format!(
            r#"<html><head><meta property="og:published_time" content="2022-01-09"></head><body><article>{body}</article></body></html>"#
        );
        let time = format!(
            r#"<html><body><article><time datetime="2021-06-30T10:00:00Z">June 30</time>{body}</article></body></html>"#
        );
        let none = format!("<html><body><article>{body}</article></body></html>");
        let opts = ReadOptions::default();
        let date = |html: &str| {
            parse_html_article(html, page("x"), &opts)
                .unwrap()
                .published
        };
        assert_eq!(date(&ld), Some(d(2023, 11, 2)));
        assert_eq!(date(&og), Some(d(2022, 1, 9)));
        assert_eq!(date(&time), Some(d(2021, 6, 30)));
        assert_eq!(date(&none), None);
        let with_fallback = PageMeta {
            fallback_date: Some(d(2020, 2, 2)),
            ..page("x")
        };
        assert_eq!(
            parse_html_article(&none, with_fallback, &opts)
                .unwrap()
                .published,
            Some(d(2020, 2, 2))
        );
        let with_fallback = PageMeta {
            fallback_date: Some(d(2020, 2, 2)),
            ..page("x")
        };
        assert_eq!(
            parse_html_article(&ld, with_fallback, &opts)
                .unwrap()
                .published,
            Some(d(2023, 11, 2)),
            "the page's own date wins over the record's"
        );
    }

    #[test]
    fn short_page_and_empty_page() {
        let a = parse_html_article(
            "<html><head><title>Brief</title></head><body><p>Envoys met.</p></body></html>",
            page("brief"),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(a.text, "Envoys met.");
        assert_eq!(a.title.as_deref(), Some("Brief"));
        let err = parse_html_article(
            "<html><body><script>x()</script></body></html>",
            page("e"),
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err, "no text found in the HTML page");
    }

    #[test]
    fn fragments_to_text() {
        assert_eq!(
            html_to_text("<p>One <i>two</i>.</p><p>Three&amp;four<br>five</p>"),
            "One two.\n\nThree&four\n\nfive"
        );
        assert_eq!(
            html_to_text("Plain words, no tags."),
            "Plain words, no tags."
        );
    }
}

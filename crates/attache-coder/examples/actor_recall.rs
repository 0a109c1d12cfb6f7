//! Actor recall on an annotated set: the share of gold events whose source and target codes both
//! appear among the actors found in the event's sentence (and the same for code + sector).
//!
//! usage: cargo run --release -p attache-coder --example actor_recall [-- DIR] [--show-misses]
//! `--dump ID` prints, sentence by sentence, the actors found in article ID (to read misses).
//! DIR holds `articles.jsonl` and `gold.jsonl` (default ../shared/eval/dev). The sentence of a
//! gold event is its `evidence`, located in the article text; actors are found sentence by
//! sentence through the whole article so that coreference sees what came before, as in `code`.

use attache_coder::actors::{ActorCoder, ArticleContext};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::HashMap;

/// An actor's code and sector.
type Coded = (String, String);

fn read_jsonl(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn code_of(actor: &Value) -> Option<(String, String)> {
    let code = actor.get("code")?.as_str()?.to_uppercase();
    if code.is_empty() {
        return None;
    }
    let sector = actor
        .get("sector")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_uppercase();
    Some((code, sector))
}

/// Byte span of `evidence` in `text`, tolerating differences in whitespace.
fn locate(text: &str, evidence: &str) -> Option<(usize, usize)> {
    if let Some(i) = text.find(evidence) {
        return Some((i, i + evidence.len()));
    }
    // Whitespace-insensitive: compare the first and last few words.
    let words: Vec<&str> = evidence.split_whitespace().collect();
    let head = words.iter().take(6).copied().collect::<Vec<_>>().join(" ");
    let i = text.find(&head)?;
    Some((i, i + evidence.len()))
}

fn main() {
    let mut dir = "../shared/eval/dev".to_string();
    let mut show = false;
    let mut dump: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--show-misses" {
            show = true;
        } else if a == "--dump" {
            dump = args.next();
        } else {
            dir = a;
        }
    }
    let articles = read_jsonl(&format!("{dir}/articles.jsonl"));
    let gold = read_jsonl(&format!("{dir}/gold.jsonl"));
    let texts: HashMap<String, &Value> = articles
        .iter()
        .filter_map(|a| Some((a.get("id")?.as_str()?.to_string(), a)))
        .collect();
    let coder = ActorCoder::embedded();
    let (mut total, mut codes_ok, mut typed_ok, mut unlocated) = (0usize, 0usize, 0usize, 0usize);
    let mut with_inferred = 0usize;
    // Events whose actors are both named in the sentence itself (the gold actor's words occur
    // in the evidence): what recognition alone can reach, without cross-sentence inference.
    let (mut named, mut named_codes, mut named_typed) = (0usize, 0usize, 0usize);
    if let Some(id) = dump {
        let article = texts
            .get(&id)
            .unwrap_or_else(|| panic!("no article {id} in {dir}"));
        dump_article(coder, article);
        return;
    }
    for g in &gold {
        let id = g["id"].as_str().unwrap_or_default();
        let Some(article) = texts.get(id) else {
            continue;
        };
        let (text, published) = text_and_date(article);
        let doc = attache_text::analyze(text, &[]);
        let mut ctx = ArticleContext::default();
        let found: Vec<(usize, usize, Vec<Coded>)> = doc
            .sentences
            .iter()
            .map(|s| {
                let mentions = coder.find(text, s.start, s.end, published, &mut ctx);
                // A mention of two parties ("both sides") names its partner too.
                let codes = mentions
                    .into_iter()
                    .flat_map(|m| {
                        std::iter::once((m.code, m.sector))
                            .chain(m.partner)
                            .chain(m.others)
                            .chain(m.host.map(|h| h.0))
                    })
                    .collect();
                (s.start, s.end, codes)
            })
            .collect();
        // The participants the coder gives the events it reports from each sentence, inferred
        // ones included (an implicit target, the group that claimed an attack).
        let article_in = attache_ingest::Article {
            id: id.to_string(),
            published,
            text: text.to_string(),
            ..Default::default()
        };
        let participants: Vec<([usize; 2], (String, String))> =
            attache_coder::analyze_and_code(&article_in)
                .into_iter()
                .flat_map(|e| {
                    let span = e.span;
                    [e.source, e.target]
                        .into_iter()
                        .flatten()
                        .map(move |a| (span, (a.code, a.sector)))
                })
                .collect();
        for e in g["events"].as_array().into_iter().flatten() {
            let evidence = e["evidence"].as_str().unwrap_or_default();
            let wanted: Vec<(String, String)> = [&e["source"], &e["target"]]
                .into_iter()
                .filter_map(code_of)
                .collect();
            if wanted.is_empty() {
                continue;
            }
            total += 1;
            let Some((from, to)) = locate(text, evidence) else {
                unlocated += 1;
                if show {
                    println!("{id}\tunlocated\t{evidence}");
                }
                continue;
            };
            let here: Vec<&(String, String)> = found
                .iter()
                .filter(|(s, e, _)| *s < to && from < *e)
                .flat_map(|(_, _, c)| c)
                .collect();
            let has_code = |w: &(String, String)| here.iter().any(|h| h.0 == w.0);
            let has_typed = |w: &(String, String)| here.contains(&w);
            let c = wanted.iter().all(has_code);
            let t = wanted.iter().all(has_typed);
            codes_ok += usize::from(c);
            typed_ok += usize::from(t);
            let coded = |w: &(String, String)| {
                has_code(w)
                    || participants
                        .iter()
                        .any(|([s, e], p)| *s < to && from < *e && p.0 == w.0)
            };
            with_inferred += usize::from(wanted.iter().all(coded));
            let in_sentence = [&e["source"], &e["target"]]
                .into_iter()
                .filter(|a| code_of(a).is_some())
                .all(|a| {
                    a["text"]
                        .as_str()
                        .is_some_and(|t| !t.is_empty() && evidence.contains(t))
                });
            if in_sentence {
                named += 1;
                named_codes += usize::from(c);
                named_typed += usize::from(t);
            }
            if show && !t {
                let want: Vec<String> = wanted.iter().map(|(c, s)| format!("{c}/{s}")).collect();
                let got: Vec<String> = here.iter().map(|(c, s)| format!("{c}/{s}")).collect();
                let kind = if c { "sector" } else { "code" };
                println!(
                    "{id}\t{kind}\twant {}\tgot {}\t{evidence}",
                    want.join(" "),
                    got.join(" ")
                );
            }
        }
    }
    let share = |n: usize| n as f64 / total.max(1) as f64;
    println!("gold events            {total}");
    println!("evidence not located   {unlocated}");
    println!("codes recall           {:.3} ({codes_ok})", share(codes_ok));
    println!("code+sector recall     {:.3} ({typed_ok})", share(typed_ok));
    println!(
        "codes recall, with the participants the coder infers: {:.3} ({with_inferred})",
        share(with_inferred)
    );
    let of_named = |n: usize| n as f64 / named.max(1) as f64;
    println!("both actors named in the sentence: {named}");
    println!(
        "  codes recall         {:.3} ({named_codes})",
        of_named(named_codes)
    );
    println!(
        "  code+sector recall   {:.3} ({named_typed})",
        of_named(named_typed)
    );
}

/// An article record's text and publication date.
fn text_and_date(article: &Value) -> (&str, Option<NaiveDate>) {
    let text = article["text"].as_str().unwrap_or_default();
    let published = article["published"]
        .as_str()
        .and_then(|d| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok());
    (text, published)
}

/// Each sentence of `article` and the actors found in it, with the rule that found each.
fn dump_article(coder: &ActorCoder, article: &Value) {
    let (text, published) = text_and_date(article);
    let doc = attache_text::analyze(text, &[]);
    let mut ctx = ArticleContext::default();
    for s in &doc.sentences {
        println!("{}", &text[s.start..s.end]);
        for m in coder.find(text, s.start, s.end, published, &mut ctx) {
            let partner: String = m
                .partner
                .iter()
                .chain(&m.others)
                .chain(m.host.as_ref().map(|h| &h.0))
                .map(|p| format!(" +{}/{}", p.0, p.1))
                .collect();
            println!(
                "    [{}] {}/{}{} {:?} {}",
                &text[m.start..m.end],
                m.code,
                m.sector,
                partner,
                m.kind,
                m.rule
            );
        }
    }
}

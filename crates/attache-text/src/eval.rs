//! Scoring the tagger and parser against a CoNLL-U treebank, end to end (our
//! tokenizer and splitter on the raw text, tokens aligned to the gold words by
//! character span, as the CoNLL 2018 shared-task scorer does) or on gold tokens.

use crate::boundary::BoundaryModel;
use crate::conllu::TreeSentence;
use crate::syntax::{Scratch, Syntax};
use std::collections::HashMap;
use std::time::Instant;

/// Scores in percent. End to end they are F1 over aligned tokens; on gold tokens, accuracies.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub gold_words: usize,
    pub system_tokens: usize,
    pub tokens: f64,
    pub sentences: f64,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    /// Labelled attachment on the universal part of the relation (`nsubj` for
    /// `nsubj:pass`), as the CoNLL 2018 scorer counts it.
    pub las: f64,
    /// Labelled attachment on full relations, subtypes included.
    pub las_full: f64,
    pub tokens_per_second: f64,
}

/// Keeps the sentences whose `sent_id` starts with `prefix` (GUM genres: `GUM_news`).
pub fn filter_sentences(sents: Vec<TreeSentence>, prefix: Option<&str>) -> Vec<TreeSentence> {
    match prefix {
        Some(p) => sents
            .into_iter()
            .filter(|s| s.sent_id.starts_with(p))
            .collect(),
        None => sents,
    }
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

fn f1(correct: usize, sys: usize, gold: usize) -> f64 {
    if sys + gold == 0 {
        return 100.0;
    }
    200.0 * correct as f64 / (sys + gold) as f64
}

/// A document rebuilt from treebank sentences: its text and each gold word's span.
pub(crate) struct GoldDoc<'a> {
    pub text: String,
    sents: Vec<&'a TreeSentence>,
    /// Per sentence, per word: byte span in `text`.
    pub spans: Vec<Vec<(usize, usize)>>,
}

fn skip_space(text: &str, mut pos: usize) -> usize {
    while let Some(c) = text[pos..].chars().next().filter(|c| c.is_whitespace()) {
        pos += c.len_utf8();
    }
    pos
}

/// Finds `form` at or after `pos`.
fn locate(text: &str, pos: usize, form: &str) -> Option<(usize, usize)> {
    let p = skip_space(text, pos);
    if text[p..].starts_with(form) {
        return Some((p, p + form.len()));
    }
    text[p..].find(form).map(|k| (p + k, p + k + form.len()))
}

pub(crate) fn build_docs(sents: &[TreeSentence]) -> Vec<GoldDoc<'_>> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    for s in sents {
        if s.new_doc || docs.is_empty() {
            docs.push(GoldDoc {
                text: String::new(),
                sents: Vec::new(),
                spans: Vec::new(),
            });
        }
        let doc = docs.last_mut().unwrap();
        if !doc.text.is_empty() {
            doc.text.push_str(if s.new_par { "\n\n" } else { " " });
        }
        let base = doc.text.len();
        doc.text.push_str(&s.text);
        let text = &doc.text;
        let mut pos = base;
        let mut spans = vec![(0, 0); s.words.len()];
        let mut i = 0;
        while i < s.words.len() {
            let w = &s.words[i];
            if let Some((surface, first)) = &w.multiword {
                let parts: Vec<usize> = (i..s.words.len())
                    .take_while(|&j| s.words[j].multiword.as_ref().map(|m| m.1) == Some(*first))
                    .collect();
                let span = locate(text, pos, surface).unwrap_or((pos, pos));
                // Words of a multiword token get their own spans when they spell it out.
                let mut p = span.0;
                let mut own = Vec::new();
                for &j in &parts {
                    let f = &s.words[j].form;
                    if text[p..span.1].starts_with(f.as_str()) {
                        own.push((p, p + f.len()));
                        p += f.len();
                    }
                }
                let spelled = own.len() == parts.len() && p == span.1;
                for (k, &j) in parts.iter().enumerate() {
                    spans[j] = if spelled { own[k] } else { span };
                }
                pos = span.1;
                i += parts.len().max(1);
                continue;
            }
            let span = locate(text, pos, &w.form).unwrap_or((pos, pos));
            spans[i] = span;
            pos = span.1;
            i += 1;
        }
        doc.sents.push(s);
        doc.spans.push(spans);
    }
    docs
}

#[derive(Default)]
struct Counts {
    gold: usize,
    sys: usize,
    tokens: usize,
    gold_sents: usize,
    sys_sents: usize,
    sents: usize,
    upos: usize,
    xpos: usize,
    lemma: usize,
    uas: usize,
    las: usize,
    las_full: usize,
}

/// Gold words our tokenizer misses (no token with the same span), with a little context:
/// for improving the tokenizer.
pub fn tokenization_misses(gold: &[TreeSentence]) -> Vec<String> {
    let mut out = Vec::new();
    for d in build_docs(gold) {
        let doc = crate::analyze(&d.text, &[]);
        let ours: std::collections::HashSet<(usize, usize)> =
            doc.tokens.iter().map(|t| (t.start, t.end)).collect();
        for spans in &d.spans {
            for &(a, b) in spans {
                if !ours.contains(&(a, b)) {
                    let lo = crate::chars_floor(&d.text, a.saturating_sub(15));
                    let hi = crate::chars_floor(&d.text, (b + 15).min(d.text.len()));
                    let toks: Vec<&str> = doc
                        .tokens
                        .iter()
                        .filter(|t| t.end > a && t.start < b)
                        .map(|t| &d.text[t.start..t.end])
                        .collect();
                    out.push(format!(
                        "{:?}\tours {:?}\t{:?}",
                        &d.text[a..b],
                        toks,
                        d.text[lo..hi].replace('\n', " ")
                    ));
                }
            }
        }
    }
    out
}

/// Sentence boundaries where our splitter and the gold disagree: `missed` (a
/// gold end we run over) or `extra` (an end of ours inside a gold sentence), with context.
pub fn sentence_misses(gold: &[TreeSentence]) -> Vec<String> {
    let mut out = Vec::new();
    for d in build_docs(gold) {
        let doc = crate::analyze(&d.text, &[]);
        let ours: std::collections::HashSet<usize> = doc.sentences.iter().map(|s| s.end).collect();
        let golds: std::collections::HashSet<usize> = d
            .spans
            .iter()
            .filter_map(|s| s.last().map(|w| w.1))
            .collect();
        let ctx = |e: usize| {
            let lo = crate::chars_floor(&d.text, e.saturating_sub(25));
            let hi = crate::chars_floor(&d.text, (e + 25).min(d.text.len()));
            format!("{}|{}", &d.text[lo..e], &d.text[e..hi]).replace('\n', "¶")
        };
        for &e in &golds {
            if !ours.contains(&e) && e != d.text.len() {
                out.push(format!("missed\t{}", ctx(e)));
            }
        }
        for &e in &ours {
            if !golds.contains(&e) {
                out.push(format!("extra\t{}", ctx(e)));
            }
        }
    }
    out
}

/// End-to-end scores of `syntax` on the treebank sentences `gold`.
pub fn eval_end_to_end(syntax: &Syntax, gold: &[TreeSentence]) -> Scores {
    eval_end_to_end_with(syntax, crate::boundary::embedded(), gold)
}

/// [`eval_end_to_end`] with the given sentence-boundary model (`None`: the rules alone).
pub fn eval_end_to_end_with(
    syntax: &Syntax,
    splitter: Option<&BoundaryModel>,
    gold: &[TreeSentence],
) -> Scores {
    let docs = build_docs(gold);
    let mut c = Counts::default();
    let mut seconds = 0.0;
    for d in &docs {
        let t0 = Instant::now();
        let tokens = crate::tokenize(&d.text, &[]);
        let sentences = crate::sentences::split_with(&d.text, &tokens, splitter);
        let mut doc = crate::Doc {
            tokens,
            sentences,
            ..Default::default()
        };
        syntax.annotate(&d.text, &mut doc);
        seconds += t0.elapsed().as_secs_f64();
        // Gold words by span; spans shared by several words (unspelled multiword tokens) never match.
        let mut by_span: HashMap<(usize, usize), Option<(usize, usize)>> = HashMap::new();
        for (si, spans) in d.spans.iter().enumerate() {
            for (wi, &sp) in spans.iter().enumerate() {
                by_span
                    .entry(sp)
                    .and_modify(|v| *v = None)
                    .or_insert(Some((si, wi)));
            }
            c.gold += spans.len();
        }
        c.sys += doc.tokens.len();
        let aligned: Vec<Option<(usize, usize)>> = doc
            .tokens
            .iter()
            .map(|t| by_span.get(&(t.start, t.end)).copied().flatten())
            .collect();
        for (i, a) in aligned.iter().enumerate() {
            let Some((si, wi)) = *a else { continue };
            let gw = &d.sents[si].words[wi];
            c.tokens += 1;
            c.upos += (doc.upos(i) == gw.upos) as usize;
            c.xpos += (doc.xpos(i) == gw.xpos) as usize;
            c.lemma += (doc.lemma(i) == gw.lemma) as usize;
            let head_ok = match (doc.head(i), gw.head) {
                (None, 0) => true,
                (Some(h), gh) if gh > 0 => aligned[h] == Some((si, gh - 1)),
                _ => false,
            };
            if head_ok {
                c.uas += 1;
                c.las += (universal(doc.deprel(i)) == universal(&gw.deprel)) as usize;
                c.las_full += (doc.deprel(i) == gw.deprel) as usize;
            }
        }
        let gold_sents: std::collections::HashSet<(usize, usize)> = d
            .spans
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| (s[0].0, s[s.len() - 1].1))
            .collect();
        c.gold_sents += gold_sents.len();
        c.sys_sents += doc.sentences.len();
        c.sents += doc
            .sentences
            .iter()
            .filter(|s| gold_sents.contains(&(s.start, s.end)))
            .count();
    }
    let f = |k: usize| f1(k, c.sys, c.gold);
    Scores {
        gold_words: c.gold,
        system_tokens: c.sys,
        tokens: f(c.tokens),
        sentences: f1(c.sents, c.sys_sents, c.gold_sents),
        upos: f(c.upos),
        xpos: f(c.xpos),
        lemma: f(c.lemma),
        uas: f(c.uas),
        las: f(c.las),
        las_full: f(c.las_full),
        tokens_per_second: c.sys as f64 / seconds.max(1e-9),
    }
}

/// Scores of `syntax` on the gold tokenisation and sentences of `gold`.
pub fn eval_gold_tokens(syntax: &Syntax, gold: &[TreeSentence]) -> Scores {
    let mut c = Counts::default();
    let mut scratch = Scratch::default();
    let mut seconds = 0.0;
    for s in gold {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let t0 = Instant::now();
        let out = syntax.analyze_words(&words, &mut scratch);
        seconds += t0.elapsed().as_secs_f64();
        for (a, g) in out.iter().zip(&s.words) {
            c.gold += 1;
            c.upos += (a.upos == g.upos) as usize;
            c.xpos += (a.xpos == g.xpos) as usize;
            c.lemma += (a.lemma == g.lemma) as usize;
            let head_ok = a.head.map_or(0, |h| h + 1) == g.head;
            if head_ok {
                c.uas += 1;
                c.las += (universal(a.deprel) == universal(&g.deprel)) as usize;
                c.las_full += (a.deprel == g.deprel) as usize;
            }
        }
    }
    let acc = |k: usize| 100.0 * k as f64 / c.gold.max(1) as f64;
    Scores {
        gold_words: c.gold,
        system_tokens: c.gold,
        tokens: 100.0,
        sentences: 100.0,
        upos: acc(c.upos),
        xpos: acc(c.xpos),
        lemma: acc(c.lemma),
        uas: acc(c.uas),
        las: acc(c.las),
        las_full: acc(c.las_full),
        tokens_per_second: c.gold as f64 / seconds.max(1e-9),
    }
}

//! The event lexicon: words and phrases that signal an event type, matched over a sentence's tokens.
//!
//! The lexicon lives in `data/events/patterns.tsv`, one entry a line:
//!
//! ```text
//! cameo <TAB> pattern <TAB> flags
//! 041   =hold * telephonic ~conversation   to=with
//! ```
//!
//! A pattern is a sequence of space-separated elements, matched case-insensitively token by token:
//!
//! - `word`: that literal token; a hyphenated literal (`face-to-face`) also matches the parts as
//!   separate tokens, with or without the hyphens between them;
//! - `=lemma`: a verb in any of its forms (regular -s/-ed/-ing forms, or the forms listed in
//!   `data/events/irregular_verbs.tsv`);
//! - `~noun`: a noun, singular or plural;
//! - `a|b`: either alternative (each may itself be `=`/`~`);
//! - `*`: a gap of 0–3 tokens that does not cross punctuation other than hyphens and quotes.
//!
//! A code of `-` makes a stop phrase: it claims its tokens ("riot police" is no riot) and yields
//! no trigger.
//!
//! Flags, comma-separated: `noun` (an event noun rather than a verb), `joint` (an act both
//! parties perform together), `to=with|to|...` (prepositions that introduce the target after the
//! trigger), `passive` (the subject is the target: "came under attack"), `repels` (the subject
//! suffers what its object did: "the army fended off an M23 offensive"). The ordinary passive voice
//! needs no flag: it is detected where the pattern's verb is a past participle after a form of
//! *be* or *get*.

use std::collections::HashMap;
use std::sync::OnceLock;

use attache_text::{Doc, Sentence};

const PATTERNS_TSV: &str = include_str!("../../../data/events/patterns.tsv");
const IRREGULAR_VERBS_TSV: &str = include_str!("../../../data/events/irregular_verbs.tsv");

/// The widest gap `*` may stand for: wide enough for "held a *long telephonic* conversation",
/// narrow enough not to bridge two clauses.
const MAX_GAP: usize = 3;

/// Whether a trigger is a verb phrase ("condemned") or an event noun ("the condemnation of").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    Verb,
    Noun,
}

/// A match of a lexicon entry in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Trigger {
    /// Token indices in the [`Doc`] covered by the match.
    pub tokens: std::ops::Range<usize>,
    /// Byte offsets of the match in the article text.
    pub start: usize,
    pub end: usize,
    /// The main token of the match in the [`Doc`]: the verb, else the event noun.
    pub head: usize,
    /// CAMEO code of the entry.
    pub cameo: String,
    pub kind: TriggerKind,
    /// The verb is in the passive voice ("was killed"): the source follows "by".
    pub passive: bool,
    /// Prepositions that introduce the target after the trigger ("with", "to", "in").
    pub target_preps: Vec<String>,
    /// A joint act of both parties.
    pub joint: bool,
    /// The subject defends against its object, who is the one acting ("repelled the rebels").
    pub repels: bool,
    /// The line of the lexicon that matched, for explanations.
    pub pattern: String,
}

/// One element of a compiled pattern.
#[derive(Debug)]
enum Element {
    Gap,
    Words {
        /// Every lowercase form this element accepts.
        forms: Vec<Box<str>>,
        /// The subset of `forms` that are past participles of a `=verb`, for passive detection.
        participles: Vec<Box<str>>,
        /// Whether the element came from `=verb` or `~noun`, i.e. may be the head.
        inflected: bool,
    },
}

#[derive(Debug)]
struct Entry {
    cameo: String,
    elements: Vec<Element>,
    head: usize,
    noun: bool,
    joint: bool,
    /// A stop phrase (code `-`): it claims its tokens so that no shorter entry fires inside it
    /// ("riot police" is not a riot), and yields no trigger.
    stop: bool,
    /// Set by the `passive` flag, for wordings whose subject is the target ("came under attack").
    passive: bool,
    /// Set by the `repels` flag: the object acted on the subject ("fended off an offensive").
    repels: bool,
    preps: Vec<String>,
    /// Number of non-gap elements: between matches of equal length the more literal one wins.
    weight: usize,
    line: String,
}

/// The lexicon, loaded once.
#[derive(Debug)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// Entries by the lowercase token their first element accepts.
    index: HashMap<Box<str>, Vec<usize>>,
}

/// A lexicon line that could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "patterns line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// Best match found so far at one start position.
#[derive(Clone, Copy)]
struct Found {
    end: usize,
    head: usize,
    head_participle: bool,
}

impl Lexicon {
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        // A bad line is skipped here rather than taking the whole coder down; the unit tests
        // compile the embedded files strictly so that no bad line can ship.
        LEXICON.get_or_init(|| Lexicon::compile(PATTERNS_TSV, IRREGULAR_VERBS_TSV).0)
    }

    /// Compiles a lexicon, failing on the first bad line.
    pub fn from_tsv(patterns: &str, irregular_verbs: &str) -> Result<Lexicon, LexiconError> {
        let (lexicon, mut errors) = Lexicon::compile(patterns, irregular_verbs);
        if errors.is_empty() {
            Ok(lexicon)
        } else {
            Err(errors.swap_remove(0))
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The CAMEO codes the lexicon can produce, with repetitions.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|e| !e.stop)
            .map(|e| e.cameo.as_str())
    }

    fn compile(patterns: &str, irregular_verbs: &str) -> (Lexicon, Vec<LexiconError>) {
        let irregular = parse_irregular(irregular_verbs);
        let mut entries = Vec::new();
        let mut errors = Vec::new();
        for (n, raw) in patterns.lines().enumerate() {
            let line = raw.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            match parse_entry(line, &irregular) {
                Ok(entry) => entries.push(entry),
                Err(message) => errors.push(LexiconError {
                    line: n + 1,
                    message,
                }),
            }
        }
        let mut index: HashMap<Box<str>, Vec<usize>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            if let Some(Element::Words { forms, .. }) = entry.elements.first() {
                for form in forms {
                    let key = form.split('-').next().unwrap_or(form);
                    for k in [form.as_ref(), key] {
                        let ids = index.entry(k.into()).or_default();
                        if ids.last() != Some(&i) {
                            ids.push(i);
                        }
                    }
                }
            }
        }
        (Lexicon { entries, index }, errors)
    }

    /// Every trigger in `sentence`, leftmost-longest, non-overlapping.
    pub fn find(&self, text: &str, doc: &Doc, sentence: &Sentence) -> Vec<Trigger> {
        let Some(tokens) = doc.tokens.get(sentence.tokens.clone()) else {
            return Vec::new();
        };
        // One buffer for the whole sentence so that matching allocates nothing per token.
        let mut buf = String::with_capacity(sentence.end.saturating_sub(sentence.start) + 8);
        let mut spans = Vec::with_capacity(tokens.len());
        for tok in tokens {
            let from = buf.len();
            if let Some(s) = text.get(tok.start..tok.end) {
                push_normalized(&mut buf, s);
            }
            spans.push(from..buf.len());
        }
        let words: Vec<&str> = spans.iter().map(|r| &buf[r.clone()]).collect();
        let base = sentence.tokens.start;
        let matches = self.find_words(&words);
        let verdicts: Vec<Trigger> = crate::verdicts::find(&words)
            .into_iter()
            .filter(|(i, _)| !matches.iter().any(|(_, range, ..)| range.contains(i)))
            .map(|(i, cameo)| Trigger {
                tokens: base + i..base + i + 1,
                start: tokens[i].start,
                end: tokens[i].end,
                head: base + i,
                cameo: cameo.to_string(),
                kind: TriggerKind::Verb,
                passive: false,
                target_preps: Vec::new(),
                joint: false,
                repels: false,
                pattern: format!("verdict: {}", words[i]),
            })
            .collect();
        let mut triggers: Vec<Trigger> = matches
            .into_iter()
            .filter_map(|(entry, range, found, passive)| {
                let first = tokens.get(range.start)?;
                let last = tokens.get(range.end.checked_sub(1)?)?;
                Some(Trigger {
                    tokens: base + range.start..base + range.end,
                    start: first.start,
                    end: last.end,
                    head: base + found.head,
                    cameo: entry.cameo.clone(),
                    kind: if entry.noun {
                        TriggerKind::Noun
                    } else {
                        TriggerKind::Verb
                    },
                    passive,
                    target_preps: entry.preps.clone(),
                    joint: entry.joint,
                    repels: entry.repels,
                    pattern: entry.line.clone(),
                })
            })
            .collect();
        if !verdicts.is_empty() {
            triggers.extend(verdicts);
            triggers.sort_by_key(|t| t.start);
        }
        triggers
    }

    /// The matching proper, over normalized lowercase words.
    fn find_words(&self, words: &[&str]) -> Vec<(&Entry, std::ops::Range<usize>, Found, bool)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut best: Option<(usize, Found)> = None;
            // Many triggers are both verbs and nouns ("attack", "visit", "protest"): after a
            // determiner the noun reading wins a tie, elsewhere the verb reading does.
            let noun_context = i > 0 && is_determiner(words[i - 1]);
            for &id in self.index.get(words[i]).map(Vec::as_slice).unwrap_or(&[]) {
                let entry = &self.entries[id];
                let mut found = None;
                match_elements(entry, words, 0, i, None, &mut found);
                let Some(f) = found else { continue };
                let better = match best {
                    None => true,
                    Some((bid, bf)) => {
                        let rank = |e: &Entry, end: usize| (end, e.noun == noun_context, e.weight);
                        rank(entry, f.end) > rank(&self.entries[bid], bf.end)
                    }
                };
                if better {
                    best = Some((id, f));
                }
            }
            match best {
                Some((id, f)) if f.end > i && self.entries[id].stop => i = f.end,
                Some((id, f)) if f.end > i => {
                    let passive = self.entries[id].passive
                        || (f.head_participle
                            && (preceded_by_auxiliary(words, f.head)
                                || reduced_passive(words, f.head)));
                    out.push((&self.entries[id], i..f.end, f, passive));
                    i = f.end;
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// Depth-first over the pattern, keeping the longest way to match all of it from `pos`.
fn match_elements(
    entry: &Entry,
    words: &[&str],
    ei: usize,
    pos: usize,
    head: Option<(usize, bool)>,
    best: &mut Option<Found>,
) {
    let Some(element) = entry.elements.get(ei) else {
        let (head, head_participle) = head.unwrap_or((pos, false));
        if !best.is_some_and(|b| pos <= b.end) {
            *best = Some(Found {
                end: pos,
                head,
                head_participle,
            });
        }
        return;
    };
    match element {
        Element::Gap => {
            // Quotes and hyphens do not count towards the gap's length: `called the move a
            // "betrayal"` is three words away from its noun, not four.
            let mut end = pos;
            let mut skipped = 0;
            loop {
                match_elements(entry, words, ei + 1, end, head, best);
                let Some(w) = words.get(end) else {
                    break;
                };
                if !gap_may_cross(w) {
                    break;
                }
                if w.chars().any(char::is_alphanumeric) {
                    skipped += 1;
                    if skipped > MAX_GAP {
                        break;
                    }
                }
                end += 1;
            }
        }
        Element::Words {
            forms, participles, ..
        } => {
            for form in forms {
                if let Some(n) = match_form(form, words, pos) {
                    let head = if ei == entry.head {
                        Some((pos, participles.contains(form)))
                    } else {
                        head
                    };
                    match_elements(entry, words, ei + 1, pos + n, head, best);
                }
            }
        }
    }
}

/// Tokens consumed by `form` at `pos`: one for an exact token, or the hyphenated parts spread
/// over several tokens, since tokenizers differ on "face-to-face" and "air-strike".
fn match_form(form: &str, words: &[&str], pos: usize) -> Option<usize> {
    let first = *words.get(pos)?;
    if first == form {
        return Some(1);
    }
    if !form.contains('-') {
        return None;
    }
    let mut p = pos;
    for (k, part) in form.split('-').enumerate() {
        if k > 0 && words.get(p).is_some_and(|w| is_hyphen(w)) {
            p += 1;
        }
        if *words.get(p)? != part {
            return None;
        }
        p += 1;
    }
    Some(p - pos)
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "any"
            | "no"
            | "every"
            | "each"
            | "another"
            | "'s"
            | "s'"
    ) || w.bytes().any(|b| b.is_ascii_digit())
        || w.ends_with("'s")
}

fn is_hyphen(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, '-' | '–' | '‐'))
}

fn gap_may_cross(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
        || w.chars().all(|c| matches!(c, '-' | '–' | '‐' | '\'' | '"'))
}

/// "were killed and 15 others injured in the attack", "61 people killed on Monday": a participle
/// right after a counted noun, with no object after it, is a passive whose *be* is left out.
fn reduced_passive(words: &[&str], head: usize) -> bool {
    let counted = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit() || c == ',')
            || matches!(
                w,
                "dozens" | "hundreds" | "thousands" | "scores" | "several" | "many"
            )
    };
    let subject = match head.checked_sub(1).map(|k| words[k]) {
        Some("others") => true,
        Some("people" | "civilians" | "soldiers" | "troops" | "policemen" | "officers") => {
            head >= 2 && (counted(words[head - 2]) || words[head - 2] == "of")
        }
        _ => false,
    };
    let no_object = words.get(head + 1).is_none_or(|w| {
        matches!(
            *w,
            "in" | "on" | "at" | "during" | "when" | "near" | "by" | "after" | "," | "." | "and"
        )
    });
    subject && no_object
}

/// A participle reads as passive after *be* or *get*, allowing a few adverbs in between
/// ("were reportedly killed", "has been detained", "was not arrested").
fn preceded_by_auxiliary(words: &[&str], head: usize) -> bool {
    let mut skipped = 0;
    for w in words[..head].iter().rev() {
        if matches!(
            *w,
            "am" | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "get"
                | "gets"
                | "got"
                | "gotten"
                | "getting"
        ) {
            return true;
        }
        let adverb = w.ends_with("ly")
            || matches!(
                *w,
                "not"
                    | "never"
                    | "also"
                    | "just"
                    | "already"
                    | "all"
                    | "both"
                    | "then"
                    | "later"
                    | "since"
                    | "once"
                    | "again"
                    | "soon"
            );
        skipped += 1;
        if !adverb || skipped > 2 {
            return false;
        }
    }
    false
}

/// Lowercases and folds typographic quotes and dashes into ASCII, so that lexicon lines can be
/// written in plain ASCII.
fn push_normalized(buf: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => buf.push('\''),
            '\u{201c}' | '\u{201d}' => buf.push('"'),
            '\u{2010}' | '\u{2011}' => buf.push('-'),
            c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            c => buf.extend(c.to_lowercase()),
        }
    }
}

/// Irregular verb forms: lemma → (past, participle, -ing, -s), each possibly several.
#[derive(Default)]
struct IrregularForms {
    past: Vec<String>,
    participle: Vec<String>,
    ing: Vec<String>,
    third: Vec<String>,
}

fn parse_irregular(tsv: &str) -> HashMap<String, IrregularForms> {
    let alts = |s: Option<&str>| -> Vec<String> {
        s.unwrap_or("")
            .split(',')
            .map(|x| x.trim().to_lowercase())
            .filter(|x| !x.is_empty())
            .collect()
    };
    let mut map = HashMap::new();
    for line in tsv.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let Some(lemma) = cols.next().map(|l| l.trim().to_lowercase()) else {
            continue;
        };
        let forms = IrregularForms {
            past: alts(cols.next()),
            participle: alts(cols.next()),
            ing: alts(cols.next()),
            third: alts(cols.next()),
        };
        map.insert(lemma, forms);
    }
    map
}

fn parse_entry(line: &str, irregular: &HashMap<String, IrregularForms>) -> Result<Entry, String> {
    let mut cols = line.split('\t');
    let cameo = cols.next().unwrap_or("").trim();
    let pattern = cols.next().unwrap_or("").trim();
    let flags = cols.next().unwrap_or("").trim();
    if cols.next().is_some_and(|c| !c.trim().is_empty()) {
        return Err("more than three columns".into());
    }
    let stop = cameo == "-";
    if !stop && (!(3..=4).contains(&cameo.len()) || !cameo.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("bad CAMEO code {cameo:?}"));
    }
    if pattern.is_empty() {
        return Err("empty pattern".into());
    }

    let mut noun = false;
    let mut joint = false;
    let mut passive = false;
    let mut repels = false;
    let mut preps = Vec::new();
    for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match flag {
            "noun" => noun = true,
            "joint" => joint = true,
            "passive" => passive = true,
            "repels" => repels = true,
            f if f.starts_with("to=") => {
                for p in f["to=".len()..].split('|').filter(|p| !p.is_empty()) {
                    preps.push(p.to_lowercase());
                }
            }
            f => return Err(format!("unknown flag {f:?}")),
        }
    }

    let mut elements = Vec::new();
    for tok in pattern.split_whitespace() {
        if tok == "*" {
            elements.push(Element::Gap);
            continue;
        }
        let mut forms = Vec::new();
        let mut participles = Vec::new();
        let mut inflected = false;
        for alt in tok.split('|') {
            let alt = alt.to_lowercase();
            if let Some(lemma) = alt.strip_prefix('=') {
                check_word(lemma)?;
                inflected = true;
                let (all, pp) = verb_forms(lemma, irregular);
                forms.extend(all);
                participles.extend(pp);
            } else if let Some(noun_word) = alt.strip_prefix('~') {
                check_word(noun_word)?;
                inflected = true;
                forms.push(noun_word.to_string());
                forms.push(plural(noun_word));
            } else {
                check_word(&alt)?;
                forms.push(alt);
            }
        }
        let mut forms: Vec<Box<str>> = forms.into_iter().map(Into::into).collect();
        forms.sort();
        forms.dedup();
        let mut participles: Vec<Box<str>> = participles.into_iter().map(Into::into).collect();
        participles.sort();
        participles.dedup();
        elements.push(Element::Words {
            forms,
            participles,
            inflected,
        });
    }
    if matches!(elements.first(), Some(Element::Gap))
        || matches!(elements.last(), Some(Element::Gap))
    {
        return Err("a pattern may not start or end with *".into());
    }
    let weight = elements
        .iter()
        .filter(|e| matches!(e, Element::Words { .. }))
        .count();
    let head = head_element(&elements);
    Ok(Entry {
        cameo: cameo.to_string(),
        elements,
        head,
        noun,
        joint,
        stop,
        passive,
        repels,
        preps,
        weight,
        line: line.to_string(),
    })
}

fn check_word(w: &str) -> Result<(), String> {
    if w.is_empty() || w.contains(['=', '~', '*', '|']) {
        Err(format!("bad pattern element {w:?}"))
    } else {
        Ok(())
    }
}

/// The head is the first inflected element (`=verb` before `~noun`, as the verb governs the
/// clause); a purely literal pattern takes its last content word ("air strike" → "strike").
fn head_element(elements: &[Element]) -> usize {
    let inflected = |want_verb: bool| {
        elements.iter().position(|e| match e {
            Element::Words {
                participles,
                inflected,
                ..
            } => *inflected && (!want_verb || !participles.is_empty()),
            Element::Gap => false,
        })
    };
    if let Some(i) = inflected(true).or_else(|| inflected(false)) {
        return i;
    }
    elements
        .iter()
        .rposition(|e| match e {
            Element::Words { forms, .. } => !forms.iter().all(|f| is_function_word(f)),
            Element::Gap => false,
        })
        .unwrap_or(0)
}

fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "on"
            | "in"
            | "at"
            | "to"
            | "with"
            | "against"
            | "between"
            | "by"
            | "for"
            | "from"
            | "its"
            | "their"
            | "his"
            | "her"
    )
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// One-syllable consonant-vowel-consonant verbs double their last letter (ban → banned). Longer
/// verbs depend on stress, which spelling does not show: those that double are listed in the
/// irregular table instead.
fn doubles_final(lemma: &str) -> bool {
    let b = lemma.as_bytes();
    let n = b.len();
    if n < 3 {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    let vowel_groups = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(b[i - 1])))
        .count();
    vowel_groups == 1
        && !is_vowel(c1)
        && is_vowel(v)
        && !is_vowel(c2)
        && !matches!(c2, b'w' | b'x' | b'y')
}

/// All forms of a verb, and which of them are past participles.
fn verb_forms(
    lemma: &str,
    irregular: &HashMap<String, IrregularForms>,
) -> (Vec<String>, Vec<String>) {
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b' ');
    let before_last = if b.len() >= 2 { b[b.len() - 2] } else { b' ' };
    let consonant_y = last == b'y' && !is_vowel(before_last);
    let stem = &lemma[..lemma.len().saturating_sub(1)];

    let third = if consonant_y {
        format!("{stem}ies")
    } else if lemma.ends_with(['s', 'x', 'z', 'o'])
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let past = if last == b'e' {
        format!("{lemma}d")
    } else if consonant_y {
        format!("{stem}ied")
    } else if doubles_final(lemma) {
        format!("{lemma}{}ed", last as char)
    } else {
        format!("{lemma}ed")
    };
    let ing = if let Some(stem_ie) = lemma.strip_suffix("ie") {
        format!("{stem_ie}ying")
    } else if last == b'e'
        && !lemma.ends_with("ee")
        && !lemma.ends_with("ye")
        && !lemma.ends_with("oe")
        && lemma.len() > 2
    {
        format!("{stem}ing")
    } else if doubles_final(lemma) {
        format!("{lemma}{}ing", last as char)
    } else {
        format!("{lemma}ing")
    };

    let irr = irregular.get(lemma);
    let pick = |list: Option<&Vec<String>>, regular: String| -> Vec<String> {
        match list {
            Some(l) if !l.is_empty() => l.clone(),
            _ => vec![regular],
        }
    };
    let pasts = pick(irr.map(|i| &i.past), past.clone());
    let participles = pick(irr.map(|i| &i.participle), past);
    let ings = pick(irr.map(|i| &i.ing), ing);
    let thirds = pick(irr.map(|i| &i.third), third);

    let mut all = vec![lemma.to_string()];
    all.extend(thirds);
    all.extend(pasts);
    all.extend(participles.iter().cloned());
    all.extend(ings);
    (all, participles)
}

fn plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &noun[..n - 1])
    } else if noun.ends_with("man") {
        format!("{}men", &noun[..n - 3])
    } else if noun.ends_with("is") && n > 3 {
        format!("{}es", &noun[..n - 2])
    } else if noun.ends_with(['s', 'x', 'z']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_text::Token;

    /// A small test tokenizer, independent of `attache_text`'s, so that these tests pin the
    /// matcher and not the tokenizer: words, numbers and single punctuation marks.
    fn doc_of(text: &str) -> Doc {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            let wordy = c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
            match (wordy, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    tokens.push(Token { start: s, end: i });
                    start = None;
                }
                _ => {}
            }
            if !wordy && !c.is_whitespace() {
                tokens.push(Token {
                    start: i,
                    end: i + c.len_utf8(),
                });
            }
        }
        if let Some(s) = start {
            tokens.push(Token {
                start: s,
                end: text.len(),
            });
        }
        let sentence = Sentence {
            start: 0,
            end: text.len(),
            tokens: 0..tokens.len(),
        };
        Doc {
            tokens,
            sentences: vec![sentence],
            ..Doc::default()
        }
    }

    fn triggers(text: &str) -> Vec<Trigger> {
        let doc = doc_of(text);
        Lexicon::embedded().find(text, &doc, &doc.sentences[0])
    }

    fn codes(text: &str) -> Vec<String> {
        triggers(text).into_iter().map(|t| t.cameo).collect()
    }

    #[test]
    fn reinforcing_an_argument_and_acting_in_retaliation_are_no_events() {
        assert!(codes("The report reinforced Kenya's concerns.").is_empty());
        assert!(codes("Kenya reinforced its troops on the border.").contains(&"150".to_string()));
        assert!(codes("In retaliation, Kenya expelled two diplomats.")
            .iter()
            .all(|c| !c.starts_with("19")));
    }

    fn matched<'a>(text: &'a str, t: &Trigger) -> &'a str {
        &text[t.start..t.end]
    }

    #[test]
    fn embedded_lexicon_compiles_strictly() {
        let lexicon = Lexicon::from_tsv(PATTERNS_TSV, IRREGULAR_VERBS_TSV);
        assert!(lexicon.is_ok(), "{:?}", lexicon.err());
        assert!(
            Lexicon::embedded().len() >= 300,
            "{}",
            Lexicon::embedded().len()
        );
    }

    #[test]
    fn every_code_is_a_known_event_type() {
        for code in Lexicon::embedded().codes() {
            let info = crate::taxonomy::cameo_info(code);
            assert!(
                info.as_ref().is_some_and(|i| !i.plover.is_empty()),
                "{code} has no PLOVER type"
            );
        }
    }

    #[test]
    fn all_event_roots_are_covered() {
        let lexicon = Lexicon::embedded();
        for root in 2..=20 {
            let root = format!("{root:02}");
            let n = lexicon.codes().filter(|c| c.starts_with(&root)).count();
            assert!(n >= 3, "root {root} has {n} entries");
        }
        assert!(lexicon.codes().all(|c| !c.starts_with("01") || c == "016"));
    }

    #[test]
    fn one_sentence_per_root() {
        let cases = [
            (
                "The minister called on rich nations to help the refugees.",
                "02",
            ),
            ("The government pledged to support the new council.", "03"),
            ("The two envoys met in the capital on Tuesday.", "04"),
            (
                "The president praised the efforts of the aid workers.",
                "05",
            ),
            (
                "The two navies conducted joint patrols in the strait.",
                "06",
            ),
            (
                "The agency delivered humanitarian assistance to the province.",
                "07",
            ),
            ("The rebels released the hostages on Friday.", "08"),
            ("Prosecutors launched an investigation into the deal.", "09"),
            ("The union demanded higher wages for miners.", "10"),
            ("The ministry condemned the decision of the court.", "11"),
            ("The council rejected the proposal outright.", "12"),
            (
                "The general threatened to retaliate against the raiders.",
                "13",
            ),
            (
                "Thousands of students staged demonstrations in the city.",
                "14",
            ),
            ("The army deployed troops along the frontier.", "15"),
            (
                "The country expelled two diplomats after the dispute.",
                "16",
            ),
            ("Police arrested the mayor at his home.", "17"),
            ("A suicide bomber struck a market in the north.", "18"),
            ("The two armies clashed near the river.", "19"),
            ("The militia massacred villagers in the valley.", "20"),
        ];
        for (sentence, root) in cases {
            let found = codes(sentence);
            assert!(
                found.iter().any(|c| c.starts_with(root)),
                "{sentence:?}: expected root {root}, got {found:?}"
            );
        }
    }

    #[test]
    fn specific_codes() {
        let cases = [
            (
                "The foreign minister held a telephonic conversation with his counterpart.",
                "041",
            ),
            ("The two leaders spoke by phone on Monday.", "041"),
            ("The premier paid a visit to the border town.", "042"),
            (
                "The delegation arrived in the capital late on Sunday.",
                "042",
            ),
            ("The prime minister hosted the visiting delegation.", "043"),
            (
                "The governor negotiated with the strikers for hours.",
                "046",
            ),
            ("The envoy expressed gratitude to the hosts.", "051"),
            (
                "The republic was the first to recognise the new government.",
                "054",
            ),
            ("The two sides signed an agreement on fisheries.", "057"),
            (
                "The charity plans to seek humanitarian support abroad.",
                "0233",
            ),
            ("The opposition accused the cabinet of lying.", "112"),
            ("The opposition accused the cabinet of fraud.", "1121"),
            ("The alliance imposed sanctions on the regime.", "163"),
            ("Aircraft carried out air strikes on the depot.", "195"),
            ("The authorities imposed a curfew in the old town.", "1723"),
        ];
        for (sentence, code) in cases {
            let found = codes(sentence);
            assert!(
                found.iter().any(|c| c == code),
                "{sentence:?}: expected {code}, got {found:?}"
            );
        }
    }

    #[test]
    fn inflections_of_meet() {
        for s in [
            "The mayor met the ambassador.",
            "The mayor meets the ambassador.",
            "The mayor is meeting the ambassador.",
            "The mayor will meet the ambassador.",
        ] {
            let t = triggers(s);
            assert_eq!(t.len(), 1, "{s}: {t:?}");
            assert!(t[0].cameo.starts_with("04"), "{s}: {t:?}");
            assert_eq!(t[0].kind, TriggerKind::Verb);
            assert!(!t[0].passive);
        }
    }

    #[test]
    fn irregular_and_doubled_forms() {
        assert!(codes("The sides held talks in the capital.").contains(&"040".to_string()));
        assert!(codes("Police detained the suspect.")
            .iter()
            .any(|c| c.starts_with("17")));
        assert!(codes("The regime banned the rally.")
            .iter()
            .any(|c| c.starts_with("17")));
        assert!(codes("The minister travelled to the coast.").contains(&"042".to_string()));
        assert!(codes("The minister traveled to the coast.").contains(&"042".to_string()));
    }

    #[test]
    fn passive_voice_is_detected() {
        let s = "Three soldiers were killed near the border.";
        let t = triggers(s);
        assert_eq!(t.len(), 1, "{t:?}");
        assert!(t[0].passive);
        assert_eq!(matched(s, &t[0]), "killed");
        assert!(t[0].cameo.starts_with("18"));

        let t = triggers("The journalist has been detained by police.");
        assert!(
            t.iter().any(|t| t.passive && t.cameo.starts_with("17")),
            "{t:?}"
        );

        let t = triggers("Gunmen killed three soldiers near the border.");
        assert!(!t[0].passive);

        let t = triggers("Two guards died and 15 others injured in the blast.");
        assert!(
            t.iter().any(|t| t.passive && t.cameo.starts_with("18")),
            "{t:?}"
        );
        let t = triggers("On Monday, 300 soldiers attacked the town.");
        assert!(t.iter().all(|t| !t.passive), "{t:?}");
    }

    #[test]
    fn passive_after_adverb() {
        let t = triggers("Two guards were reportedly abducted overnight.");
        assert!(t.iter().any(|t| t.passive && t.cameo == "181"), "{t:?}");
    }

    #[test]
    fn noun_flag() {
        let s = "The condemnation was swift and unanimous.";
        let t = triggers(s);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(t[0].kind, TriggerKind::Noun);
        assert!(t[0].cameo.starts_with("11"));

        let s = "Talks between the two sides resumed.";
        let t = triggers(s);
        assert_eq!(t[0].kind, TriggerKind::Noun);
        assert_eq!(t[0].cameo, "040");
        assert_eq!(t[0].target_preps, ["with", "between"]);
    }

    #[test]
    fn noun_head_is_the_noun() {
        let s = "A suicide bombing hit the convoy.";
        let doc = doc_of(s);
        let t = Lexicon::embedded().find(s, &doc, &doc.sentences[0]);
        assert_eq!(t[0].cameo, "1831");
        let head = doc.tokens[t[0].head];
        assert_eq!(&s[head.start..head.end], "bombing");
    }

    #[test]
    fn gap_matches_up_to_three_words() {
        let t = triggers("The leaders held a long friendly conversation with reporters.");
        assert!(t.iter().any(|t| t.cameo.starts_with("04")), "{t:?}");
        // Four words are too many for one gap.
        let t = triggers("The leaders held a long and friendly conversation with reporters.");
        assert!(
            t.iter().all(|t| !t.pattern.contains("~conversation")),
            "{t:?}"
        );
        // The gap does not cross a comma.
        let t = triggers("The leaders held, as expected, conversations.");
        assert!(
            t.iter().all(|t| !t.pattern.contains("~conversation")),
            "{t:?}"
        );
    }

    #[test]
    fn longest_entry_wins() {
        let lexicon = Lexicon::from_tsv(
            "173\t=hold\t\n040\t=hold * ~talk\tto=with\n111\t~talk\tnoun\n",
            IRREGULAR_VERBS_TSV,
        );
        let Ok(lexicon) = lexicon else {
            panic!("{lexicon:?}");
        };
        let s = "The envoys held two rounds of talks with the rebels and held the bridge.";
        let doc = doc_of(s);
        let t = lexicon.find(s, &doc, &doc.sentences[0]);
        let got: Vec<(&str, &str)> = t
            .iter()
            .map(|t| (matched(s, t), t.cameo.as_str()))
            .collect();
        assert_eq!(got, [("held two rounds of talks", "040"), ("held", "173")]);
    }

    #[test]
    fn leftmost_longest() {
        let s = "The envoys held talks with the rebels.";
        let t = triggers(s);
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(matched(s, &t[0]), "held talks");
        assert_eq!(t[0].cameo, "040");
        assert_eq!(t[0].target_preps, vec!["with".to_string()]);
        let doc = doc_of(s);
        let head = doc.tokens[Lexicon::embedded().find(s, &doc, &doc.sentences[0])[0].head];
        assert_eq!(&s[head.start..head.end], "held");
    }

    #[test]
    fn several_triggers_in_one_sentence() {
        let s = "The ministry condemned the attack and called for restraint.";
        let c = codes(s);
        assert!(c.iter().any(|c| c.starts_with("11")), "{c:?}");
        assert!(
            c.iter().any(|c| c.starts_with("02") || c.starts_with("10")),
            "{c:?}"
        );
    }

    #[test]
    fn joint_flag() {
        let t = triggers("The two presidents signed an agreement on trade.");
        assert!(t.iter().any(|t| t.joint && t.cameo == "057"), "{t:?}");
    }

    #[test]
    fn hyphenated_tokens() {
        assert!(codes("They met face-to-face for the first time.")
            .iter()
            .any(|c| c.starts_with("04")));
        assert!(codes("The air-strike destroyed a bridge.").contains(&"195".to_string()));
        assert!(codes("The airstrikes destroyed a bridge.").contains(&"195".to_string()));
    }

    #[test]
    fn curly_quotes_and_case() {
        assert!(codes("The Minister CONDEMNED the “brutal” raid.")
            .iter()
            .any(|c| c == "111"));
    }

    #[test]
    fn stop_phrases_claim_their_tokens() {
        assert!(codes("Riot police guarded the square.")
            .iter()
            .all(|c| c != "145"));
        assert!(triggers("The ministry issued a press release on Monday.").is_empty());
        assert!(codes("Rioters clashed with police.")
            .iter()
            .any(|c| c == "190"));
    }

    #[test]
    fn quotes_do_not_lengthen_gaps() {
        let c = codes("The president called the mutiny a \"betrayal\".");
        assert!(c.iter().any(|c| c.starts_with("11")), "{c:?}");
    }

    #[test]
    fn neutral_statements_are_not_triggers() {
        assert!(triggers("He said the weather was fine.").is_empty());
        assert!(triggers("The spokesman stated that the report was accurate.").is_empty());
    }

    #[test]
    fn sentence_range_is_respected() {
        let text = "Police arrested him. The weather was fine.";
        let doc = doc_of(text);
        let cut = doc
            .tokens
            .iter()
            .position(|t| &text[t.start..t.end] == "The")
            .unwrap_or(0);
        let second = Sentence {
            start: doc.tokens[cut].start,
            end: text.len(),
            tokens: cut..doc.tokens.len(),
        };
        assert!(Lexicon::embedded().find(text, &doc, &second).is_empty());
        let first = Sentence {
            start: 0,
            end: doc.tokens[cut].start,
            tokens: 0..cut,
        };
        let t = Lexicon::embedded().find(text, &doc, &first);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].tokens, 1..2);
        assert_eq!(&text[t[0].start..t[0].end], "arrested");
    }

    #[test]
    fn regular_verb_forms() {
        let none = HashMap::new();
        let forms = |l: &str| verb_forms(l, &none).0;
        for (lemma, expect) in [
            ("ban", ["bans", "banned", "banning"]),
            ("urge", ["urges", "urged", "urging"]),
            ("deny", ["denies", "denied", "denying"]),
            ("visit", ["visits", "visited", "visiting"]),
            ("accuse", ["accuses", "accused", "accusing"]),
            ("reach", ["reaches", "reached", "reaching"]),
            ("die", ["dies", "died", "dying"]),
            ("agree", ["agrees", "agreed", "agreeing"]),
            ("stay", ["stays", "stayed", "staying"]),
        ] {
            let f = forms(lemma);
            for e in expect {
                assert!(f.iter().any(|x| x == e), "{lemma}: {e} not in {f:?}");
            }
        }
        assert_eq!(plural("ally"), "allies");
        assert_eq!(plural("crisis"), "crises");
        assert_eq!(plural("clash"), "clashes");
        assert_eq!(plural("talk"), "talks");
    }

    #[test]
    fn bad_lines_are_reported() {
        assert!(Lexicon::from_tsv("040\t* met\t\n", "").is_err());
        assert!(Lexicon::from_tsv("04x\tmet\t\n", "").is_err());
        assert!(Lexicon::from_tsv("040\tmet\tloud\n", "").is_err());
        let ok = Lexicon::from_tsv("# comment\n\n040\t=meet\tto=with\n", "meet\tmet\tmet\n");
        assert!(ok.is_ok_and(|l| l.len() == 1));
    }
}

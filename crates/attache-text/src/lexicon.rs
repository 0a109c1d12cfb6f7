//! Word lists the tokenizer and the sentence splitter consult, parsed once from
//! the data files under `data/text/` that are embedded in the binary.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// How an abbreviation's final period behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// A title or prefix ("Dr.", "Lt.", "St."): a name follows, so never a sentence end.
    Title,
    /// Only an abbreviation before a number ("No. 10"); never a sentence end.
    Numeral,
    /// May end a sentence ("Inc.", "Jan.", "etc.").
    Other,
}

pub(crate) struct Lexicon {
    abbreviations: HashMap<&'static str, AbbrevKind>,
    hyphen_prefixes: HashSet<&'static str>,
    sentence_starters: HashSet<&'static str>,
    domains: HashSet<&'static str>,
}

const ABBREVIATIONS: &str = include_str!("../../../data/text/abbreviations.tsv");
const HYPHEN_PREFIXES: &str = include_str!("../../../data/text/hyphen_prefixes.txt");
const SENTENCE_STARTERS: &str = include_str!("../../../data/text/sentence_starters.txt");
const DOMAINS: &str = include_str!("../../../data/text/domains.txt");

/// The longest hyphen prefix we look up; longer parts cannot match, so they
/// skip the case-folding copy.
const MAX_PREFIX_LEN: usize = 16;

pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::parse)
}

/// Non-empty, non-comment lines of a data file, trimmed.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

fn parse_kind(kind: &str) -> Option<AbbrevKind> {
    match kind {
        "title" => Some(AbbrevKind::Title),
        "numeral" => Some(AbbrevKind::Numeral),
        "other" => Some(AbbrevKind::Other),
        _ => None,
    }
}

impl Lexicon {
    fn parse() -> Self {
        // The data is embedded and checked by the tests, so a malformed line is
        // dropped rather than turned into a run-time failure.
        let abbreviations = entries(ABBREVIATIONS)
            .filter_map(|line| {
                let mut cols = line.split_whitespace();
                let word = cols.next()?;
                let kind = parse_kind(cols.next()?)?;
                Some((word, kind))
            })
            .collect();
        Lexicon {
            abbreviations,
            hyphen_prefixes: entries(HYPHEN_PREFIXES).collect(),
            sentence_starters: entries(SENTENCE_STARTERS).collect(),
            domains: entries(DOMAINS).collect(),
        }
    }

    /// The kind of `word` (without its period) if it is a listed abbreviation.
    pub(crate) fn abbreviation(&self, word: &str) -> Option<AbbrevKind> {
        self.abbreviations.get(word).copied()
    }

    pub(crate) fn is_sentence_starter(&self, word: &str) -> bool {
        self.sentence_starters.contains(word)
    }

    pub(crate) fn is_domain(&self, word: &str) -> bool {
        self.domains.contains(word)
    }

    /// Whether `part` (any case) is a prefix that keeps its hyphenated word whole.
    pub(crate) fn is_hyphen_prefix(&self, part: &str) -> bool {
        if part.len() > MAX_PREFIX_LEN || !part.is_ascii() {
            return false;
        }
        let mut buf = [0u8; MAX_PREFIX_LEN];
        let folded = &mut buf[..part.len()];
        folded.copy_from_slice(part.as_bytes());
        folded.make_ascii_lowercase();
        std::str::from_utf8(folded).is_ok_and(|p| self.hyphen_prefixes.contains(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_abbreviation_line_parses() {
        let listed = entries(ABBREVIATIONS).count();
        assert_eq!(lexicon().abbreviations.len(), listed);
    }

    #[test]
    fn lookups() {
        let lex = lexicon();
        assert_eq!(lex.abbreviation("Dr"), Some(AbbrevKind::Title));
        assert_eq!(lex.abbreviation("No"), Some(AbbrevKind::Numeral));
        assert_eq!(lex.abbreviation("Inc"), Some(AbbrevKind::Other));
        assert_eq!(lex.abbreviation("no"), None);
        assert!(lex.is_hyphen_prefix("Non"));
        assert!(lex.is_hyphen_prefix("mid"));
        assert!(!lex.is_hyphen_prefix("so"));
        assert!(lex.is_sentence_starter("The"));
        assert!(!lex.is_sentence_starter("President"));
        assert!(lex.is_domain("com"));
    }
}

//! Novelty claims: "the first political-level contact ... since 2021", "for the first time",
//! "the highest-level visit since ..." — the article's own statement that an event is a first.

use crate::dates::ascii_boundaries;
use regex::Regex;
use std::sync::OnceLock;

/// A novelty claim found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Byte offsets into the text given to [`find_claims`].
    pub start: usize,
    pub end: usize,
    /// The claim, verbatim.
    pub text: String,
    /// Byte range of the "since ..." phrase inside the claim, when there is one.
    pub since: Option<(usize, usize)>,
}

fn claim_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        // A claim opens on "first"/"highest-level"/"first-ever" (with its article when present),
        // runs through its noun phrase and, when the writer gives one, the "since ..." phrase up to
        // the next clause boundary. Kept lazy so that one sentence's two claims stay apart.
        Regex::new(&ascii_boundaries(
            r"(?i)\b(?:(?:the|a|its|their|his|her)\s+)?(?:single\s+)?(?:first(?:-ever)?|highest[- ]level|most senior|most \w+|deadliest|bloodiest|worst|largest|biggest|fiercest|heaviest|strongest|longest|greatest|closest|lowest)\b[^.;:!?]{0,160}?(?:\bsince\b[^.;:!?,]{1,80}|(?:,|$|\.))|\bfor the first time(?:\s+(?:ever|in\s+[^.;:!?,]{1,40}|since\s+[^.;:!?,]{1,60}))?",
        ))
        .expect("the claim pattern is a valid regex")
    })
}

fn since_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(&ascii_boundaries(r"(?i)\bsince\b")).expect("valid regex"))
}

/// Novelty claims in `text`, in order. A bare "first" with no "since" phrase is a claim only when
/// it qualifies an interaction ("the first visit", "first direct talks"), not "the first time
/// in years it rained" nor "first reported by".
pub fn find_claims(text: &str) -> Vec<Claim> {
    let mut claims = Vec::new();
    for m in claim_pattern().find_iter(text) {
        let raw = m.as_str();
        let trimmed = raw.trim_end_matches([',', '.', ' ']);
        let since = since_pattern()
            .find(trimmed)
            .map(|s| (m.start() + s.start(), m.start() + trimmed.len()));
        let lower = trimmed.to_lowercase();
        if since.is_none() && !lower.starts_with("for the first time") && !names_interaction(&lower)
        {
            continue;
        }
        // A superlative is a claim about history only against its reference time: "the
        // deadliest since 2001", not "the largest delegation".
        let novelty = ["first", "highest", "most senior"]
            .iter()
            .any(|w| lower.contains(w));
        if since.is_none() && !novelty {
            continue;
        }
        claims.push(Claim {
            start: m.start(),
            end: m.start() + trimmed.len(),
            text: trimmed.to_string(),
            since,
        });
    }
    claims
}

/// Nouns of contact that make "first X" a claim about an event.
fn names_interaction(claim: &str) -> bool {
    const NOUNS: &[&str] = &[
        "visit",
        "trip",
        "contact",
        "meeting",
        "talks",
        "conversation",
        "call",
        "delegation",
        "engagement",
        "summit",
        "ambassador",
        "agreement",
        "deal",
        "nation",
        "country",
    ];
    claim
        .split(|c: char| !c.is_alphanumeric())
        .take(8)
        .any(|w| NOUNS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_since_claim_with_its_reference_time() {
        let s = "The envoy met the rebels on Monday, the first high-level contact between the two sides since the 2019 ceasefire, officials said.";
        let claims = find_claims(s);
        assert_eq!(claims.len(), 1);
        assert_eq!(
            claims[0].text,
            "the first high-level contact between the two sides since the 2019 ceasefire"
        );
        let (a, b) = claims[0].since.unwrap();
        assert_eq!(&s[a..b], "since the 2019 ceasefire");
    }

    #[test]
    fn a_superlative_against_a_reference_time_is_a_claim() {
        let s =
            "The clashes were the most severe since the 2019 truce, and the deadliest since 2001.";
        let texts: Vec<String> = find_claims(s).into_iter().map(|c| c.text).collect();
        assert_eq!(
            texts,
            [
                "the most severe since the 2019 truce",
                "the deadliest since 2001"
            ]
        );
        assert!(find_claims("Kenya sent the largest delegation to the talks.").is_empty());
        assert!(find_claims("It was the most important meeting of the year.").is_empty());
    }

    #[test]
    fn for_the_first_time() {
        let claims = find_claims("Norway hosted the group for the first time in a decade.");
        assert_eq!(claims.len(), 1);
        assert!(claims[0].text.starts_with("for the first time in a decade"));
    }

    #[test]
    fn first_of_a_non_event_is_not_a_claim() {
        assert!(find_claims("The first snow fell in the capital.").is_empty());
        assert!(find_claims("He was the first to speak, and then left.").is_empty());
    }

    #[test]
    fn first_visit_without_since_is_a_claim() {
        let claims = find_claims("It was the first visit by a French president, aides said.");
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].text, "the first visit by a French president");
        assert!(claims[0].since.is_none());
    }
}

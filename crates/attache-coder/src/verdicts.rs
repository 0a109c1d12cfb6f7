//! Verdicts: "described the allegations as preposterous", "called the decision a betrayal",
//! "labelled the requests harmful". A verb of naming whose complement is an evaluative word is a
//! criticism (CAMEO 111) or a praise (051) of the object's owner; the same verbs with a neutral
//! complement ("called the meeting a first step") report nothing.

/// Forms of the naming verbs. "call" is left to the lexicon when a particle follows ("called
/// for", "called on"): those are requests.
const NAMING: &[&str] = &[
    "called",
    "calls",
    "calling",
    "described",
    "describes",
    "describing",
    "termed",
    "terms",
    "labelled",
    "labeled",
    "labelling",
    "labeling",
    "labels",
    "branded",
    "brands",
    "branding",
    "dubbed",
    "dubs",
];
const PARTICLES: &[&str] = &["for", "on", "off", "up", "in", "back", "out", "upon"];
const NEGATIVE: &[&str] = &[
    "preposterous",
    "absurd",
    "baseless",
    "unfounded",
    "unacceptable",
    "erroneous",
    "irresponsible",
    "provocative",
    "dangerous",
    "shameful",
    "disgraceful",
    "disgrace",
    "betrayal",
    "treason",
    "cowardly",
    "outrageous",
    "illegal",
    "illegitimate",
    "hostile",
    "harmful",
    "interference",
    "meddling",
    "lies",
    "false",
    "fabricated",
    "ridiculous",
    "reckless",
    "criminal",
    "barbaric",
    "heinous",
    "inhumane",
    "propaganda",
    "hypocritical",
    "nonsense",
    "unjust",
    "unjustified",
    "unwarranted",
    "destabilising",
    "destabilizing",
    "espionage",
    "aggression",
    "aggressive",
    "deplorable",
    "despicable",
    "dastardly",
    "irrational",
    "unprovoked",
    "terrorist",
    "terrorists",
    "malicious",
    "slanderous",
];
const POSITIVE: &[&str] = &[
    "honor",
    "honour",
    "success",
    "successful",
    "milestone",
    "constructive",
    "productive",
    "excellent",
    "landmark",
    "breakthrough",
    "pride",
    "fruitful",
    "friend",
    "friendly",
    "brotherly",
    "historic",
    "exemplary",
    "commendable",
    "remarkable",
];
/// How far the complement may be from the verb ("described the Canadian allegations as
/// “preposterous imputations”").
const REACH: usize = 12;
const STOPS: &[&str] = &[
    ".", ";", ":", "said", "says", "but", "while", "after", "which", "who",
];

/// Verdicts in a sentence's lowercased words: the index of each naming verb and its CAMEO code.
pub fn find(words: &[&str]) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !NAMING.contains(w) {
            continue;
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        let after_determiner = i > 0 && matches!(words[i - 1], "a" | "the" | "his" | "her" | "its");
        if PARTICLES.contains(&next) || after_determiner || next == "it" {
            continue;
        }
        let verdict = words[i + 1..]
            .iter()
            .take(REACH)
            .take_while(|w| !STOPS.contains(w))
            .find_map(|w| {
                if NEGATIVE.contains(w) {
                    Some("111")
                } else if POSITIVE.contains(w) {
                    Some("051")
                } else {
                    None
                }
            });
        if let Some(cameo) = verdict {
            out.push((i, cameo));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find;

    fn words(s: &str) -> Vec<String> {
        s.to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    fn verdicts(s: &str) -> Vec<&'static str> {
        let w = words(s);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        find(&refs).into_iter().map(|(_, c)| c).collect()
    }

    #[test]
    fn naming_with_an_evaluative_complement_is_a_verdict() {
        assert_eq!(
            verdicts("Lima described the Chilean claims as \" absurd lies \" ."),
            ["111"]
        );
        assert_eq!(
            verdicts("She called the visit a great honor for her people ."),
            ["051"]
        );
        assert_eq!(verdicts("Quito labelled the requests harmful ."), ["111"]);
    }

    #[test]
    fn requests_and_neutral_names_are_not_verdicts() {
        assert!(verdicts("Peru called for calm and called on Chile to talk .").is_empty());
        assert!(verdicts("He called the meeting a first step .").is_empty());
        assert!(
            verdicts("The call was described by aides , who said it was a success .").is_empty()
        );
    }
}

//! Lemmas: suffix rules by PTB tag, plus the exceptions learned from the
//! treebank (lowercase form + XPOS → lemma) where the rules are wrong.

use crate::conllu::TreeSentence;
use crate::features::{hash_lower, hash_str, mix};
use std::collections::HashMap;

pub struct Lemmatizer {
    exceptions: HashMap<u64, String>,
}

fn key(form: &str, xpos: &str) -> u64 {
    mix(hash_lower(form), hash_str(xpos))
}

impl Lemmatizer {
    pub fn from_exceptions(exceptions: HashMap<u64, String>) -> Lemmatizer {
        Lemmatizer { exceptions }
    }

    pub fn exceptions(&self) -> &HashMap<u64, String> {
        &self.exceptions
    }

    /// Appends the lemma of `form` tagged `xpos` to `out`.
    pub fn lemma_into(&self, form: &str, xpos: &str, out: &mut String) {
        match self.exceptions.get(&key(form, xpos)) {
            Some(l) => out.push_str(l),
            None => rule(form, xpos, out),
        }
    }

    /// Learns the exceptions: the most frequent lemma of each (form, XPOS) where the rule misses it.
    pub fn train(train: &[TreeSentence]) -> Lemmatizer {
        let mut counts: HashMap<u64, HashMap<&str, u32>> = HashMap::new();
        let mut forms: HashMap<u64, (&str, &str)> = HashMap::new();
        for s in train {
            for w in &s.words {
                let k = key(&w.form, &w.xpos);
                *counts.entry(k).or_default().entry(&w.lemma).or_default() += 1;
                forms.entry(k).or_insert((&w.form, &w.xpos));
            }
        }
        let mut exceptions = HashMap::new();
        let mut buf = String::new();
        for (k, lemmas) in counts {
            let (&best, _) = lemmas
                .iter()
                .max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l)))
                .unwrap();
            let (form, xpos) = forms[&k];
            buf.clear();
            rule(form, xpos, &mut buf);
            if buf != best {
                exceptions.insert(k, best.to_string());
            }
        }
        Lemmatizer { exceptions }
    }
}

/// The rule-based lemma of `form` tagged `xpos`, appended to `out`.
pub fn rule(form: &str, xpos: &str, out: &mut String) {
    let start = out.len();
    if xpos == "NNP" {
        out.push_str(form);
        return;
    }
    if xpos == "NNPS" {
        out.push_str(
            form.strip_suffix('s')
                .filter(|s| !s.is_empty())
                .unwrap_or(form),
        );
        return;
    }
    if form.is_ascii() {
        out.extend(form.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.extend(form.chars().flat_map(char::to_lowercase));
    }
    let w = &out[start..];
    let n = w.len();
    let ends = |s: &str| w.ends_with(s) && n > s.len() + 1;
    let cut = |k: usize, add: &str| (start + n - k, add.to_string());
    let change = match xpos {
        "NNS" | "VBZ" => {
            if ends("ies") {
                Some(cut(3, "y"))
            } else if ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zzes") {
                Some(cut(2, ""))
            } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
                Some(cut(1, ""))
            } else {
                None
            }
        }
        "VBD" | "VBN" => {
            if ends("ied") {
                Some(cut(3, "y"))
            } else if ends("ed") {
                undouble(w, n - 2).map_or(Some(cut(2, "")), |k| Some(cut(n - k, "")))
            } else {
                None
            }
        }
        "VBG" => {
            if ends("ing") {
                undouble(w, n - 3).map_or(Some(cut(3, "")), |k| Some(cut(n - k, "")))
            } else {
                None
            }
        }
        "JJR" | "RBR" => {
            if ends("ier") {
                Some(cut(3, "y"))
            } else if ends("er") {
                Some(cut(2, ""))
            } else {
                None
            }
        }
        "JJS" | "RBS" => {
            if ends("iest") {
                Some(cut(4, "y"))
            } else if ends("est") {
                Some(cut(3, ""))
            } else {
                None
            }
        }
        _ => None,
    };
    if let Some((at, add)) = change {
        out.truncate(at);
        out.push_str(&add);
    }
}

/// When the stem `w[..end]` ends in a doubled consonant (`stopp`), the length without one of them.
fn undouble(w: &str, end: usize) -> Option<usize> {
    let b = w.as_bytes();
    if end >= 3 && b[end - 1] == b[end - 2] && b"bdgmnprt".contains(&b[end - 1]) {
        Some(end - 1)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(form: &str, xpos: &str) -> String {
        let mut s = String::new();
        rule(form, xpos, &mut s);
        s
    }

    #[test]
    fn rules_strip_inflections() {
        assert_eq!(r("Talks", "NNS"), "talk");
        assert_eq!(r("stopped", "VBD"), "stop");
        assert_eq!(r("attacked", "VBN"), "attack");
        assert_eq!(r("countries", "NNS"), "country");
        assert_eq!(r("meeting", "VBG"), "meet");
        assert_eq!(r("Paris", "NNP"), "Paris");
    }
}

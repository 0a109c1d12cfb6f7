//! The parse relations an event coder relies on, on sentences of our own, with the shipped models.

use attache_text::{parse, Doc};

/// The parsed doc and a finder of a token by its text (first occurrence).
fn parsed(text: &str) -> (Doc, impl Fn(&str) -> usize + '_) {
    let doc = parse(text, &[]);
    assert!(doc.has_syntax());
    let tokens = doc.tokens.clone();
    let find = move |word: &str| {
        tokens
            .iter()
            .position(|t| t.text(text) == word)
            .unwrap_or_else(|| panic!("no token {word:?} in {text:?}"))
    };
    (doc, find)
}

fn word<'a>(doc: &Doc, text: &'a str, i: Option<usize>) -> &'a str {
    i.map_or("<none>", |i| doc.token_text(text, i))
}

#[test]
fn active_clause_subject_and_object() {
    let text = "The Prime Minister met the Chinese ambassador in Beijing on Monday.";
    let (doc, find) = parsed(text);
    let met = find("met");
    assert_eq!(doc.root(0), Some(met));
    assert_eq!(word(&doc, text, doc.subject(met)), "Minister");
    assert_eq!(word(&doc, text, doc.object(met)), "ambassador");
    assert_eq!(doc.upos(met), "VERB");
    assert_eq!(doc.xpos(met), "VBD");
    assert_eq!(doc.lemma(met), "meet");
    assert_eq!(doc.head(find("Monday")), Some(met));
}

#[test]
fn passive_with_agent() {
    let text = "Three soldiers were killed by rebels near the border.";
    let (doc, find) = parsed(text);
    let killed = find("killed");
    assert_eq!(doc.deprel(find("soldiers")), "nsubj:pass");
    assert_eq!(doc.head(find("soldiers")), Some(killed));
    assert_eq!(doc.deprel(find("were")), "aux:pass");
    assert_eq!(word(&doc, text, doc.agent(killed)), "rebels");
    assert_eq!(doc.deprel(find("by")), "case");
}

#[test]
fn coordinated_predicates_share_the_subject() {
    let text = "The minister met the envoy and signed the agreement.";
    let (doc, find) = parsed(text);
    let (met, signed) = (find("met"), find("signed"));
    assert_eq!(doc.head(signed), Some(met));
    assert_eq!(doc.deprel(signed), "conj");
    assert_eq!(doc.head(find("and")), Some(signed));
    assert_eq!(word(&doc, text, doc.subject(signed)), "minister");
    assert_eq!(word(&doc, text, doc.object(signed)), "agreement");
}

#[test]
fn coordinated_objects() {
    let text = "Police arrested two men and a woman.";
    let (doc, find) = parsed(text);
    let men = find("men");
    assert_eq!(doc.object(find("arrested")), Some(men));
    assert_eq!(doc.head(find("woman")), Some(men));
    assert_eq!(doc.deprel(find("woman")), "conj");
}

#[test]
fn reported_speech_is_a_clausal_complement() {
    let text = "Officials said the rebels attacked the convoy.";
    let (doc, find) = parsed(text);
    let (said, attacked) = (find("said"), find("attacked"));
    assert_eq!(doc.root(0), Some(said));
    assert_eq!(word(&doc, text, doc.subject(said)), "Officials");
    assert_eq!(doc.head(attacked), Some(said));
    assert_eq!(doc.deprel(attacked), "ccomp");
    assert_eq!(word(&doc, text, doc.subject(attacked)), "rebels");
    assert_eq!(word(&doc, text, doc.object(attacked)), "convoy");
}

#[test]
fn negation_attaches_to_the_verb() {
    let text = "The president did not meet the delegation.";
    let (doc, find) = parsed(text);
    let meet = find("meet");
    assert_eq!(doc.head(find("not")), Some(meet));
    assert_eq!(doc.deprel(find("not")), "advmod");
    assert_eq!(doc.deprel(find("did")), "aux");
    assert!(doc.is_negated(meet));
    assert!(!doc.is_negated(find("president")));
}

#[test]
fn contracted_negation() {
    let text = "Iran didn't attend the talks.";
    let (doc, find) = parsed(text);
    let attend = find("attend");
    assert_eq!(doc.head(find("n't")), Some(attend));
    assert!(doc.is_negated(attend));
    assert_eq!(word(&doc, text, doc.subject(attend)), "Iran");
}

#[test]
fn future_auxiliary_will() {
    let text = "Iran will send a delegation to Geneva next week.";
    let (doc, find) = parsed(text);
    let send = find("send");
    assert_eq!(doc.head(find("will")), Some(send));
    assert_eq!(doc.deprel(find("will")), "aux");
    assert_eq!(doc.upos(find("will")), "AUX");
    assert_eq!(word(&doc, text, doc.subject(send)), "Iran");
    assert_eq!(word(&doc, text, doc.object(send)), "delegation");
}

#[test]
fn sentences_are_parsed_separately() {
    let text = "Troops entered the city. The government condemned the attack.";
    let (doc, find) = parsed(text);
    assert_eq!(doc.sentences.len(), 2);
    let condemned = find("condemned");
    assert_eq!(doc.root(1), Some(condemned));
    assert_eq!(doc.sentence_of(condemned), Some(1));
    assert_eq!(word(&doc, text, doc.subject(condemned)), "government");
    // Every head lies in its token's sentence and every sentence has one root.
    for (s, sent) in doc.sentences.iter().enumerate() {
        let roots = sent
            .tokens
            .clone()
            .filter(|&i| doc.head(i).is_none())
            .count();
        assert_eq!(roots, 1, "sentence {s}");
        for i in sent.tokens.clone() {
            if let Some(h) = doc.head(i) {
                assert!(sent.tokens.contains(&h));
            }
        }
    }
    let kids: Vec<usize> = doc.children(condemned).collect();
    assert!(kids.contains(&find("government")) && kids.contains(&find("attack")));
}

#[test]
fn analyze_alone_leaves_syntax_empty() {
    let doc = attache_text::analyze("Troops entered the city.", &[]);
    assert!(!doc.has_syntax());
    assert_eq!(doc.head(0), None);
    assert_eq!(doc.deprel(0), "");
    assert_eq!(doc.lemma(0), "");
}

#[test]
fn syntax_is_shared_across_threads() {
    let handles: Vec<_> = (0..2)
        .map(|_| {
            std::thread::spawn(|| {
                let text = "Rebels attacked the convoy.";
                let doc = parse(text, &[]);
                doc.subject(1).map(|i| doc.token_text(text, i).to_string())
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().as_deref(), Some("Rebels"));
    }
}

#[test]
fn a_participle_adjunct_shares_its_verbs_subject() {
    let text = "A bomber blew himself up in the crowded market on Monday, killing ten people and wounding dozens of others.";
    let (doc, find) = parsed(text);
    assert_eq!(word(&doc, text, doc.subject(find("killing"))), "bomber");
    assert_eq!(word(&doc, text, doc.subject(find("wounding"))), "bomber");
}

use super::train::{evaluate, train, Tagged};
use super::*;

fn tagged(s: &str) -> Tagged {
    // "word/TAG word/TAG ..."; a word without a tag is O.
    s.split_whitespace()
        .map(|wt| match wt.split_once('/') {
            Some((w, t)) => (w.to_string(), t.to_string()),
            None => (wt.to_string(), "O".to_string()),
        })
        .unzip()
}

#[test]
fn spans_follow_iob2() {
    let tags = ["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-ORG"];
    assert_eq!(
        spans(&tags),
        [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")]
    );
    assert!(allowed("B-PER", "I-PER") && !allowed("O", "I-PER") && !allowed("B-ORG", "I-PER"));
}

#[test]
fn a_tiny_training_set_is_learnt_and_survives_writing() {
    let set: Vec<Tagged> = [
        "Yesterday Maria/B-PER Lopez/I-PER visited Lima/B-LOC .",
        "Jonas/B-PER Berg/I-PER spoke to Acme/B-ORG Bank/I-ORG staff .",
        "Staff of Acme/B-ORG Bank/I-ORG met Maria/B-PER Lopez/I-PER in Lima/B-LOC .",
        "the bank opened in Lima/B-LOC on Monday .",
    ]
    .iter()
    .map(|s| tagged(s))
    .collect();
    let model = train(&set, 10, &mut |_| {});
    let all = &evaluate(&model, &set).rows[0];
    assert_eq!(all.0, "ALL");
    assert!(all.3 > 0.99, "{all:?}");
    let back = Model::read(&model.write()).expect("a model reads back");
    assert_eq!(back.len(), model.len());
    assert_eq!(back.scale(), model.scale());
    let words = ["Jonas", "Berg", "visited", "Lima", "."];
    assert_eq!(back.tag(&words), model.tag(&words));
    assert!(Model::read(b"not a model").is_err());
}

#[test]
fn the_embedded_model_finds_names_in_sentences_it_never_saw() {
    let m = Model::embedded();
    assert!(
        m.len() > 10_000,
        "data/models/ner.bin is empty: run `attache train ner`"
    );
    let t =
        "Officials said Karim Haddad met executives of Northwind Shipping Company in Rotterdam.";
    let got: Vec<(String, &str)> = m
        .entities(t)
        .iter()
        .map(|e| (t[e.start..e.end].to_string(), e.label))
        .collect();
    assert!(got.contains(&("Karim Haddad".into(), "PER")), "{got:?}");
    assert!(got.contains(&("Rotterdam".into(), "LOC")), "{got:?}");
    assert!(m.entities("the talks ended on a quiet note .").is_empty());
}

//! `attache train ner` on a tiny IOB2 file of our own.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_attache");

/// Universal NER layout: id, word, tag, then annotation columns the trainer ignores.
const IOB2: &str = "# sent_id = t-1
# text = Kabir met Lindqvist in Oslo.
1\tKabir\tB-PER\t-\tus
2\tmet\tO\t-\t-
3\tLindqvist\tB-PER\t-\tus
4\tin\tO\t-\t-
5\tOslo\tB-LOC\t-\tus
6\t.\tO\t-\t-

# sent_id = t-2
# text = The Nordic Fisheries Board visited Bergen.
1\tThe\tO\t-\t-
2\tNordic\tB-ORG\t-\tus
3\tFisheries\tI-ORG\t-\tus
4\tBoard\tI-ORG\t-\tus
5\tvisited\tO\t-\t-
6\tBergen\tB-LOC\t-\tus
7\t.\tO\t-\t-

";

fn attache(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run attache")
}

#[test]
fn train_ner_writes_a_model_and_scores_the_test_split() {
    let dir = tempfile::tempdir().unwrap();
    for split in ["train", "test"] {
        std::fs::write(dir.path().join(format!("tiny-{split}.iob2")), IOB2).unwrap();
    }
    let out_dir = dir.path().join("models");
    let run = |epochs: &str| {
        attache(&[
            "train",
            "ner",
            "--data",
            dir.path().to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--iterations",
            epochs,
        ])
    };
    let out = run("4");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ner.bin"), "{text}");
    // Four passes over two sentences learn them: the test split is the training split.
    let all = text.lines().find(|l| l.starts_with("ALL")).unwrap_or("");
    assert!(all.contains("F1 1.000"), "{text}");
    let model = std::fs::read(out_dir.join("ner.bin")).unwrap();
    assert!(model.starts_with(b"ATTNER01"));
    // Training is deterministic: the same data and epochs give the same bytes.
    assert!(run("4").status.success());
    assert_eq!(std::fs::read(out_dir.join("ner.bin")).unwrap(), model);
}

#[test]
fn train_ner_without_iob2_files_names_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out = attache(&["train", "ner", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-train*.iob2"));
}

//! `attache train` and `attache eval syntax` on a tiny treebank of our own.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_attache");

const TREEBANK: &str = "# newdoc id = d1
# sent_id = d1-1
# text = Rebels attacked the convoy.
1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tconvoy\tconvoy\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = d1-2
# text = The minister did not meet the envoy.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t5\tnsubj\t_\t_
3\tdid\tdo\tAUX\tVBD\t_\t5\taux\t_\t_
4\tnot\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_
5\tmeet\tmeet\tVERB\tVB\t_\t0\troot\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\t_
7\tenvoy\tenvoy\tNOUN\tNN\t_\t5\tobj\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

";

fn attache(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run attache")
}

fn treebank(dir: &Path) -> String {
    let path = dir.join("tiny-ud-train.conllu");
    std::fs::write(&path, TREEBANK).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn eval_syntax_prints_scores_end_to_end_and_on_gold_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let file = treebank(dir.path());
    for extra in [None, Some("--gold-tokens")] {
        let mut args = vec!["eval", "syntax", "--ud", &file];
        args.extend(extra);
        let out = attache(&args);
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        for field in ["Tokens", "UPOS", "XPOS", "Lemma", "UAS", "LAS", "tokens/s"] {
            assert!(text.contains(field), "{field} missing in {text}");
        }
        let words = text.lines().find(|l| l.starts_with("gold words"));
        assert_eq!(words.and_then(|l| l.split_whitespace().last()), Some("13"));
    }
}

#[test]
fn eval_without_a_target_says_what_to_evaluate() {
    let out = attache(&["eval"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--gold"), "{err}");
    assert!(err.contains("eval syntax"), "{err}");
}

#[test]
fn train_writes_a_model_that_eval_can_load() {
    let dir = tempfile::tempdir().unwrap();
    let file = treebank(dir.path());
    let ud = dir.path().to_str().unwrap();
    let out_dir = dir.path().join("models");
    let out_dir = out_dir.to_str().unwrap();
    for model in ["tagger", "parser"] {
        let out = attache(&[
            "train",
            model,
            "--ud",
            ud,
            "--out",
            out_dir,
            "--iterations",
            "2",
        ]);
        assert!(out.status.success(), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("{model}.bin")));
    }
    let out = attache(&[
        "eval",
        "syntax",
        "--ud",
        &file,
        "--gold-tokens",
        "--models",
        out_dir,
    ]);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn train_without_a_treebank_names_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out = attache(&["train", "tagger", "--ud", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-ud-train.conllu"));
}

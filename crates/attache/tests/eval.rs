//! `attache eval`: our scorer on gold sets we write, and its agreement with the shared score.py on
//! the shared dev and seed sets (an evaluation harness: it reads `../shared`, and says so loudly
//! when that is absent).

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_attache");

fn attache(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run attache")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `../shared/eval` beside the checkout, or `None` when `ATTACHE_SKIP_SHARED=1` says to skip;
/// otherwise its absence fails the test with the path it looked for.
fn shared_eval() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("ATTACHE_SKIP_SHARED").as_deref() == Ok("1") {
        eprintln!(
            "SKIPPED: {} not found and ATTACHE_SKIP_SHARED=1",
            dir.display()
        );
        return None;
    }
    panic!(
        "{} not found: the evaluation harness needs the shared data beside the checkout \
         (set ATTACHE_SKIP_SHARED=1 to skip it knowingly)",
        dir.display()
    );
}

/// Scores `events` against `gold` with both scorers and asserts identical figures.
fn assert_agrees_with_score_py(gold: &Path, events: &Path, score_py: &Path) {
    let ours = attache(&[
        "eval",
        "--json",
        "--gold",
        gold.to_str().expect("utf-8 path"),
        events.to_str().expect("utf-8 path"),
    ]);
    assert!(ours.status.success(), "{ours:?}");
    let theirs = Command::new("python3")
        .arg(score_py)
        .arg(gold)
        .arg(events)
        .arg("--json")
        .output()
        .expect("python3 runs score.py");
    assert!(theirs.status.success(), "{theirs:?}");
    // score.py prints its JSON, then a one-line summary.
    let text = String::from_utf8(theirs.stdout).expect("utf-8");
    let json_end = text.rfind('}').expect("a JSON object") + 1;
    let theirs: Value = serde_json::from_str(&text[..json_end]).expect("score.py JSON");
    assert_eq!(json_of(&ours), theirs);
}

/// Events whose trigger, wherever it stands in the event's sentence, follows a negation within
/// four words ("did not invite", "has yet to recognise", "refused to meet"): GUIDELINES §1 says
/// such events are not emitted. This check reads the output, not the coder's own modality rules.
fn negated_events(events: &str) -> Vec<String> {
    const NEGATIONS: &[&str] = &["not", "n't", "never", "no", "nor", "without"];
    const CANCELLING: &[&str] = &["yet", "failed", "refused", "declined"];
    let mut found = Vec::new();
    for line in events.lines().filter(|l| !l.trim().is_empty()) {
        let event: Value = serde_json::from_str(line).expect("an event");
        let (Some(sentence), Some(trigger)) =
            (event["sentence"].as_str(), event["trigger"].as_str())
        else {
            continue;
        };
        let lower = sentence.to_lowercase();
        let negated_at = |at: usize| {
            let words: Vec<&str> = lower[..at]
                .split(|c: char| !(c.is_alphanumeric() || c == '\''))
                .filter(|w| !w.is_empty())
                .collect();
            let near = &words[words.len().saturating_sub(4)..];
            let cancelled = near
                .windows(2)
                .any(|p| CANCELLING.contains(&p[0]) && p[1] == "to");
            cancelled
                || near
                    .iter()
                    .any(|w| NEGATIONS.contains(w) || w.ends_with("n't"))
        };
        let at: Vec<usize> = lower
            .match_indices(&trigger.to_lowercase())
            .map(|(i, _)| i)
            .collect();
        if !at.is_empty() && at.iter().all(|&i| negated_at(i)) {
            found.push(format!("{} {}: {sentence}", event["plover"], trigger));
        }
    }
    found
}

#[test]
fn a_negated_event_is_found_by_the_check() {
    let event = r#"{"plover": "CONSULT", "trigger": "invite", "sentence": "The UN did not invite the Taliban."}"#;
    assert_eq!(negated_events(event).len(), 1);
    let event = r#"{"plover": "CONSULT", "trigger": "met", "sentence": "Kenya said no to the plan in May, then met Somalia."}"#;
    assert!(negated_events(event).is_empty());
}

#[test]
fn agrees_with_the_shared_scorer_on_dev_and_seeds() {
    let Some(eval) = shared_eval() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let score_py = eval.join("score.py");
    let dev_events = dir.path().join("dev.jsonl");
    let out = attache(&["code", eval.join("dev/articles.jsonl").to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    fs::write(&dev_events, &out.stdout).expect("write events");
    assert_agrees_with_score_py(&eval.join("dev/gold.jsonl"), &dev_events, &score_py);
    let negated = negated_events(&String::from_utf8_lossy(&out.stdout));
    assert!(
        negated.is_empty(),
        "negated events emitted on dev: {negated:#?}"
    );

    let seed_events = dir.path().join("seeds.jsonl");
    let out = attache(&[
        "code",
        eval.join("seeds/seed-000.txt").to_str().unwrap(),
        eval.join("seeds/seed-002.txt").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    fs::write(&seed_events, &out.stdout).expect("write events");
    let negated = negated_events(&String::from_utf8_lossy(&out.stdout));
    assert!(
        negated.is_empty(),
        "negated events emitted on the seeds: {negated:#?}"
    );
    assert_agrees_with_score_py(
        &eval.join("seeds/seeds.gold.jsonl"),
        &seed_events,
        &score_py,
    );
}

const GOLD: &str = r#"{"id": "note", "published": "2025-03-03", "events": [{"source": {"code": "KEN", "sector": "GOV"}, "target": {"code": "SOM", "sector": "GOV"}, "plover": "ACCUSE", "modality": "asserted", "background": false, "date": "2025-03-02", "date_precision": "day", "evidence": "Kenya accused Somalia of harbouring rebels on Sunday."}]}
"#;

const ARTICLE: &str = r#"{"id": "note", "published": "2025-03-03", "text": "Kenya accused Somalia of harbouring rebels on Sunday."}
"#;

#[test]
fn codes_articles_itself_and_scores_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold = dir.path().join("gold.jsonl");
    let articles = dir.path().join("articles.jsonl");
    fs::write(&gold, GOLD).unwrap();
    fs::write(&articles, ARTICLE).unwrap();
    let out = attache(&[
        "eval",
        "--json",
        "--gold",
        gold.to_str().unwrap(),
        articles.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    let report = json_of(&out);
    assert_eq!(report["matched"], 1, "{report}");
    assert_eq!(report["date_accuracy"], 1.0, "{report}");
}

#[test]
fn min_f1_gates_the_exit_status_and_errors_are_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gold = dir.path().join("gold.jsonl");
    let events = dir.path().join("events.jsonl");
    fs::write(&gold, GOLD).unwrap();
    // Direction reversed: an accusation is not symmetric, so this matches nothing.
    fs::write(
        &events,
        r#"{"article": "note", "plover": "ACCUSE", "source": {"code": "SOM", "sector": "GOV"}, "target": {"code": "KEN", "sector": "GOV"}, "modality": "asserted", "sentence": "Kenya accused Somalia."}
"#,
    )
    .unwrap();
    let args = |min: &str| {
        attache(&[
            "eval",
            "--show-errors",
            "--min-f1",
            min,
            "--gold",
            gold.to_str().unwrap(),
            events.to_str().unwrap(),
        ])
    };
    let failing = args("0.5");
    assert_eq!(failing.status.code(), Some(1), "{failing:?}");
    let text = String::from_utf8(failing.stdout).unwrap();
    assert!(
        text.contains("note\tmissed\tACCUSE\tKEN/GOV -> SOM/GOV"),
        "{text}"
    );
    assert!(
        text.contains("note\tspurious\tACCUSE\tSOM/GOV -> KEN/GOV"),
        "{text}"
    );
    assert_eq!(args("0").status.code(), Some(0));
}

#[test]
fn an_unreadable_gold_set_is_a_clear_error() {
    let out = attache(&["eval", "--gold", "/nonexistent/gold.jsonl", "-"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/gold.jsonl"), "{err}");
}

//! End-to-end tests of the real `attache` binary: output contract, exit codes, error reports,
//! dates, negation and modality, the database commands, help texts and a closed stdout.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

use common::{events, stderr, stdout, BIN};

fn seed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/articles")
        .join(name)
}

/// Runs the binary with `args` and, when given, `stdin` as standard input.
fn attache<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: Option<&str>) -> Output {
    common::attache(args, stdin.map(str::as_bytes))
}

fn code_of(actor: &Value) -> Option<&str> {
    actor.get("code").and_then(Value::as_str)
}

fn is_event(e: &Value, plover: &str, source: &str, target: &str) -> bool {
    e["plover"] == plover
        && code_of(&e["source"]) == Some(source)
        && code_of(&e["target"]) == Some(target)
}

fn describe(evs: &[Value]) -> String {
    evs.iter()
        .map(|e| {
            format!(
                "{} {:?}->{:?} date={} modality={} loc={} milestone={}",
                e["plover"],
                code_of(&e["source"]),
                code_of(&e["target"]),
                e["date"],
                e["modality"],
                e["location_code"],
                e["milestone"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes a plain-text article into `dir` and returns its path.
fn write_article(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write article");
    path
}

/// Checks one event object against the output contract in ARCHITECTURE.md.
fn check_contract(e: &Value, article: &str, text: &str) {
    assert_eq!(e["article"], article, "article id in {e}");
    let sentence = e["sentence"].as_str().expect("sentence is a string");
    let span = e["span"].as_array().expect("span is an array");
    assert_eq!(span.len(), 2, "span is [start, end]: {e}");
    let start = span[0].as_u64().expect("span start") as usize;
    let end = span[1].as_u64().expect("span end") as usize;
    assert!(start <= end && end <= text.len(), "span out of range: {e}");
    assert_eq!(
        text.get(start..end),
        Some(sentence),
        "sentence must equal the article text at its byte span"
    );
    for side in ["source", "target"] {
        let actor = &e[side];
        assert!(
            actor.is_null() || actor.is_object(),
            "{side} is an object or null: {e}"
        );
        if actor.is_object() {
            assert!(actor["code"].is_string(), "{side}.code is a string: {e}");
            assert!(
                actor["sector"].is_string(),
                "{side}.sector is a string: {e}"
            );
        }
    }
    let cameo = e["cameo"].as_str().expect("cameo is a string");
    assert!(
        cameo.len() >= 3 && cameo.chars().all(|c| c.is_ascii_digit()),
        "cameo code {cameo}"
    );
    assert!(
        e["plover"].as_str().is_some_and(|p| !p.is_empty()),
        "plover: {e}"
    );
    let quad = e["quad_class"].as_u64().expect("quad_class is an integer");
    assert!((1..=4).contains(&quad), "quad_class {quad}");
    let goldstein = e["goldstein"].as_f64().expect("goldstein is a number");
    assert!((-10.0..=10.0).contains(&goldstein), "goldstein {goldstein}");
    let modality = e["modality"].as_str().expect("modality is a string");
    assert!(
        modality == "asserted" || modality == "planned",
        "modality {modality}"
    );
    assert!(e["background"].is_boolean(), "background is a bool: {e}");
    assert!(e["date"].is_null() || e["date"].is_string(), "date: {e}");
    let precision = e["date_precision"].as_str().expect("date_precision");
    assert!(
        ["day", "month", "year", "unknown"].contains(&precision),
        "date_precision {precision}"
    );
    let obj = e.as_object().unwrap();
    assert!(obj.contains_key("date_end"), "date_end present: {e}");
    assert!(e["location"].is_string(), "location is a string: {e}");
    assert!(
        e["location_code"].is_string(),
        "location_code is a string: {e}"
    );
    assert!(obj.contains_key("milestone"), "milestone present: {e}");
    assert!(
        e["milestone"].is_null() || e["milestone"].is_string(),
        "milestone: {e}"
    );
    assert!(obj.contains_key("quote"), "quote present: {e}");
    assert!(e["quote"].is_null() || e["quote"].is_string(), "quote: {e}");
}

// 1. Output contract on the seeds.

#[test]
fn code_seed_000_follows_contract_and_finds_india_afghanistan_consult() {
    let path = seed("seed-000.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = attache(&["code".as_ref(), path.as_os_str()], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let evs = events(&out);
    assert!(!evs.is_empty(), "seed-000 yields events");
    for e in &evs {
        check_contract(e, "seed-000", &text);
    }
    let found = evs.iter().any(|e| {
        e["plover"] == "CONSULT"
            && [code_of(&e["source"]), code_of(&e["target"])].contains(&Some("IND"))
            && [code_of(&e["source"]), code_of(&e["target"])].contains(&Some("AFG"))
            && e["date"] == "2025-05-15"
            && e["milestone"].as_str().is_some_and(|m| !m.is_empty())
    });
    assert!(
        found,
        "no CONSULT IND/AFG 2025-05-15 with a milestone in:\n{}",
        describe(&evs)
    );
}

#[test]
fn code_seed_002_finds_afghan_visit_to_japan() {
    let path = seed("seed-002.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = attache(&["code".as_ref(), path.as_os_str()], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let evs = events(&out);
    for e in &evs {
        check_contract(e, "seed-002", &text);
    }
    let found = evs.iter().any(|e| {
        is_event(e, "CONSULT", "AFG", "JPN")
            && e["date"] == "2025-02-16"
            && e["location_code"] == "JPN"
    });
    assert!(
        found,
        "no CONSULT AFG->JPN 2025-02-16 in JPN in:\n{}",
        describe(&evs)
    );
}

// 2. Exit codes and error handling.

const BERLIN: &str =
    " date 2024-03-05\nGermany's foreign minister met her French counterpart in Paris on Monday.\n";
const TOKYO: &str = " date 2024-03-05\nThe Japanese prime minister met the Indian foreign minister in Tokyo on Monday.\n";

#[test]
fn bad_file_in_directory_is_reported_and_skipped_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    write_article(dir.path(), "berlin-talks.txt", BERLIN);
    write_article(dir.path(), "tokyo-talks.txt", TOKYO);
    let bad = dir.path().join("broken.txt");
    std::fs::write(&bad, [0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0x0a]).unwrap();

    let out = attache(&["code".as_ref(), dir.path().as_os_str()], None);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert!(
        stderr(&out).contains(&bad.display().to_string()),
        "stderr names the bad file {}: {}",
        bad.display(),
        stderr(&out)
    );
    let evs = events(&out);
    for id in ["berlin-talks", "tokyo-talks"] {
        assert!(
            evs.iter().any(|e| e["article"] == id),
            "events of {id} are still printed; got:\n{}",
            stdout(&out)
        );
    }
    assert!(
        !evs.iter().any(|e| e["article"] == "broken"),
        "no event from the bad file"
    );
}

#[test]
fn all_good_inputs_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    write_article(dir.path(), "berlin-talks.txt", BERLIN);
    write_article(dir.path(), "tokyo-talks.txt", TOKYO);
    let out = attache(&["code".as_ref(), dir.path().as_os_str()], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let evs = events(&out);
    assert!(evs.iter().any(|e| e["article"] == "berlin-talks"));
    assert!(evs.iter().any(|e| e["article"] == "tokyo-talks"));
    assert!(
        evs.iter().any(|e| is_event(e, "CONSULT", "DEU", "FRA")),
        "Berlin meeting coded as CONSULT DEU->FRA:\n{}",
        describe(&evs)
    );
}

#[test]
fn nonexistent_path_exits_1_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-article.txt");
    let out = attache(&["code".as_ref(), missing.as_os_str()], None);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert!(
        stderr(&out).contains(&missing.display().to_string()),
        "stderr names {}: {}",
        missing.display(),
        stderr(&out)
    );
}

#[test]
fn bad_flag_exits_2() {
    let out = attache(&["code", "--no-such-flag"], None);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("--no-such-flag"), "{}", stderr(&out));
    let out = attache(&["code", "--published", "16/05/2025", "x.txt"], None);
    assert_eq!(
        out.status.code(),
        Some(2),
        "bad date value: {}",
        stderr(&out)
    );
}

// 3. JSON Lines on stdin.

#[test]
fn jsonl_stdin_codes_good_record_and_reports_bad_line() {
    let input = concat!(
        r#"{"id":"wire-1","published":"2025-05-16","text":"The prime minister of India visited Japan on Thursday."}"#,
        "\n",
        r#"{"id":"wire-2","published":"2025-05-16","title":"No body here"}"#,
        "\n"
    );
    let out = attache(&["code", "-"], Some(input));
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(":2") || err.to_lowercase().contains("line 2"),
        "stderr mentions line 2: {err}"
    );
    let evs = events(&out);
    assert!(
        evs.iter()
            .any(|e| e["article"] == "wire-1" && is_event(e, "CONSULT", "IND", "JPN")),
        "wire-1 coded:\n{}",
        describe(&evs)
    );
    assert!(!evs.iter().any(|e| e["article"] == "wire-2"));
}

// 4. --published resolves relative dates.

#[test]
fn published_flag_resolves_relative_weekday() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_article(
        dir.path(),
        "visit.txt",
        "The prime minister of India visited Japan on Thursday.\n",
    );
    let out = attache(
        &[
            "code".as_ref(),
            "--published".as_ref(),
            "2025-05-16".as_ref(),
            path.as_os_str(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let evs = events(&out);
    assert!(
        evs.iter()
            .any(|e| is_event(e, "CONSULT", "IND", "JPN") && e["date"] == "2025-05-15"),
        "visit dated 2025-05-15:\n{}",
        describe(&evs)
    );
}

// 5. Negation and planned events.

#[test]
fn negated_meeting_is_not_emitted() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_article(
        dir.path(),
        "snub.txt",
        " date 2024-06-10\nThe president of France did not meet the Iranian foreign minister.\n",
    );
    let out = attache(&["code".as_ref(), path.as_os_str()], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let evs = events(&out);
    assert!(
        !evs.iter().any(|e| e["plover"] == "CONSULT"),
        "negated meeting emitted:\n{}",
        describe(&evs)
    );
}

#[test]
fn future_visit_is_planned_agree() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_article(
        dir.path(),
        "plan.txt",
        " date 2025-05-16\nThe Japanese prime minister will visit India next week.\n",
    );
    let out = attache(&["code".as_ref(), path.as_os_str()], None);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let evs = events(&out);
    assert!(
        evs.iter()
            .any(|e| is_event(e, "AGREE", "JPN", "IND") && e["modality"] == "planned"),
        "planned AGREE JPN->IND:\n{}",
        describe(&evs)
    );
    assert!(
        !evs.iter()
            .any(|e| e["plover"] == "CONSULT" && e["modality"] == "asserted"),
        "a future visit is not an asserted CONSULT:\n{}",
        describe(&evs)
    );
}

// 6. ingest / events.

fn count_in_db(db: &Path) -> usize {
    let out = attache(
        &[
            "events".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "--format".as_ref(),
            "jsonl".as_ref(),
            "--background".as_ref(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    events(&out).len()
}

/// The number printed right before the word `word` in an ingest summary.
fn count_before(summary: &str, word: &str) -> Option<usize> {
    let idx = summary.find(word)?;
    summary[..idx].split_whitespace().last()?.parse().ok()
}

#[test]
fn ingest_is_idempotent_and_events_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.db");
    let s0 = seed("seed-000.txt");
    let s2 = seed("seed-002.txt");
    let args = [
        "ingest".as_ref(),
        s0.as_os_str(),
        s2.as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
    ];

    let first = attache(&args, None);
    assert_eq!(first.status.code(), Some(0), "stderr: {}", stderr(&first));
    let after_first = count_in_db(&db);
    assert!(after_first > 0, "first ingest stores events");

    let second = attache(&args, None);
    assert_eq!(second.status.code(), Some(0), "stderr: {}", stderr(&second));
    let err = stderr(&second);
    assert!(
        err.contains("unchanged"),
        "second ingest says unchanged: {err}"
    );
    assert_eq!(
        count_before(&err, "unchanged"),
        Some(2),
        "both articles unchanged: {err}"
    );
    assert_eq!(count_in_db(&db), after_first, "re-ingest adds no events");

    let csv = attache(
        &[
            "events".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
        ],
        None,
    );
    assert_eq!(csv.status.code(), Some(0), "stderr: {}", stderr(&csv));
    let text = stdout(&csv);
    let header = text.lines().next().unwrap_or_default();
    assert!(header.starts_with("id,date,"), "csv header: {header}");
    assert!(text.lines().count() > 1, "csv has rows");
}

#[test]
fn events_on_missing_db_exits_2_with_hint() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.db");
    let out = attache(&["events".as_ref(), "--db".as_ref(), db.as_os_str()], None);
    assert_eq!(out.status.code(), Some(2), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&db.display().to_string()),
        "names the db: {err}"
    );
    assert!(err.contains("attache ingest"), "suggests ingest: {err}");
    assert!(!db.exists(), "events must not create a database");
}

// 7. Help and actors.

#[test]
fn help_exits_0_and_shows_an_example() {
    for sub in [
        None,
        Some("code"),
        Some("ingest"),
        Some("events"),
        Some("actors"),
        Some("demo"),
    ] {
        let mut args: Vec<&str> = sub.into_iter().collect();
        args.push("--help");
        let out = attache(&args, None);
        let label = sub.unwrap_or("(top level)");
        assert_eq!(out.status.code(), Some(0), "{label} --help exits 0");
        let help = stdout(&out);
        // An example is a command line in the help, indented, starting with `attache`
        // (the `Usage: attache ...` line does not count).
        let example = help
            .lines()
            .any(|l| l.starts_with(char::is_whitespace) && l.trim_start().starts_with("attache "));
        assert!(
            example,
            "{label} --help shows no example command line:\n{help}"
        );
    }
}

#[test]
fn actors_explains_afghan_and_indian_actors() {
    let out = attache(
        &[
            "actors",
            "Foreign Minister Amir Khan Muttaqi met Indian officials in Kabul",
            "--date",
            "2025-01-08",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.contains("AFG") && l.contains("Muttaqi")),
        "a line for Muttaqi with AFG:\n{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("IND") && l.contains("Indian")),
        "a line for the Indian officials with IND:\n{text}"
    );
}

// 8. Closed stdout.

#[test]
fn closed_stdout_does_not_panic() {
    // Enough copies of the seed that the output exceeds any pipe buffer.
    let s0 = seed("seed-000.txt");
    let mut cmd = Command::new(BIN);
    cmd.arg("code");
    for _ in 0..300 {
        cmd.arg(&s0);
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().unwrap();
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with('{'), "first line is an event: {line}");
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "panic on closed stdout: {err}");
    assert_ne!(out.status.code(), Some(101), "exit status of a panic");
    assert!(
        out.status.code().is_some_and(|c| c <= 2),
        "exits with a documented status, got {:?}; stderr: {err}",
        out.status
    );
}

/// main.rs documents the intent: a downstream reader that closed the pipe got what it wanted,
/// so the run is a success and nothing is reported.
#[test]
fn closed_stdout_exits_0_quietly() {
    let s0 = seed("seed-000.txt");
    let mut cmd = Command::new(BIN);
    cmd.arg("code");
    for _ in 0..300 {
        cmd.arg(&s0);
    }
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "closed stdout is not a failure; stderr: {err}"
    );
    assert!(err.trim().is_empty(), "nothing reported on stderr: {err}");
}

// 9. Users' own actor dictionaries.

#[test]
fn actors_flag_loads_a_user_dictionary_and_names_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("mine.toml");
    std::fs::write(
        &dict,
        "[[person]]\nname = \"Jane Roe\"\noffice = \"Foreign Minister\"\ncode = \"CAN\"\n\
         rank = 3\nfrom = \"2020-01-01\"\n",
    )
    .unwrap();
    let dict_arg = dict.to_str().unwrap();
    let out = attache(
        &[
            "actors",
            "Jane Roe met Chinese officials.",
            "--date",
            "2024-01-01",
            "--actors",
            dict_arg,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.contains("Jane Roe") && l.contains("CAN GOV")),
        "Jane Roe coded from the user's dictionary:\n{text}"
    );
    let missing = dir.path().join("absent.toml");
    let out = attache(
        &["code", "--actors", missing.to_str().unwrap(), "-"],
        Some("Hello."),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("absent.toml"), "{}", stderr(&out));
}

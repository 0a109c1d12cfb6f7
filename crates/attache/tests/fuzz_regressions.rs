//! Replays the inputs that once crashed a fuzz target (`fuzz/regressions/<target>/`) and the
//! seed corpora (`fuzz/seeds/<target>/`) through the very functions the fuzz targets call
//! (`fuzz/entry.rs`, included here), so that `cargo test` keeps every fixed crash fixed without
//! nightly or libFuzzer. A missing directory is a failure, not a silent pass.

#[path = "../../../fuzz/entry.rs"]
mod entry;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Every input file under `dir/<target>/` (README files aside), with its target's function.
fn inputs(dir: &Path) -> Vec<(PathBuf, entry::Target)> {
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(&(_, run)) = entry::TARGETS.iter().find(|(t, _)| *t == name) else {
            panic!("{}: no fuzz target of that name", path.display());
        };
        for file in std::fs::read_dir(&path).unwrap() {
            let file = file.unwrap().path();
            let is_note = file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("README"));
            if file.is_file() && !is_note {
                all.push((file, run));
            }
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn replay(dir: &Path) -> usize {
    let all = inputs(dir);
    let mut failed = Vec::new();
    for (file, run) in &all {
        let data = std::fs::read(file).unwrap();
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            failed.push(file.display().to_string());
        }
    }
    assert!(failed.is_empty(), "these inputs fail again: {failed:#?}");
    all.len()
}

#[test]
fn saved_crashes_stay_fixed() {
    let n = replay(&fuzz_dir().join("regressions"));
    eprintln!("{n} regression input(s) replayed");
}

#[test]
fn seed_corpora_pass() {
    let n = replay(&fuzz_dir().join("seeds"));
    assert!(n >= entry::TARGETS.len(), "every target has seeds: {n}");
}

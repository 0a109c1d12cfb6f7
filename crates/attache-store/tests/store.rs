use std::path::{Path, PathBuf};

use attache_coder::{ActorRef, DatePrecision, Event, Modality};
use attache_ingest::Article;
use attache_store::{IngestOutcome, MentionFilter, Store, StoreError};
use chrono::NaiveDate;
use rusqlite::Connection;
use tempfile::TempDir;

fn db(dir: &TempDir) -> PathBuf {
    dir.path().join("attache.db")
}

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.to_string(),
        url: Some(format!("https://example.org/{id}")),
        source: Some("example.org".to_string()),
        published: NaiveDate::from_ymd_opt(2025, 5, 16),
        title: Some("Ministers talk".to_string()),
        text: text.to_string(),
        boilerplate: vec![0..2, 3..4],
    }
}

fn actor(code: &str, sector: &str) -> ActorRef {
    ActorRef {
        text: format!("{code} {sector}"),
        code: code.to_string(),
        sector: sector.to_string(),
        ..ActorRef::default()
    }
}

fn event(
    article: &str,
    start: usize,
    src: &str,
    tgt: &str,
    plover: &str,
    date: Option<&str>,
) -> Event {
    Event {
        article: article.to_string(),
        sentence: "A sentence.".to_string(),
        span: [start, start + 11],
        source: Some(actor(src, "GOV")),
        target: Some(actor(tgt, "GOV")),
        cameo: "040".to_string(),
        plover: plover.to_string(),
        quad_class: 1,
        goldstein: 1.0,
        date: date.map(str::to_string),
        date_precision: if date.is_some() {
            DatePrecision::Day
        } else {
            DatePrecision::Unknown
        },
        ..Event::default()
    }
}

/// (articles, mentions): what v1 called events are v2's mentions.
fn counts(store: &Store) -> (u64, u64) {
    let c = store.counts().unwrap();
    (c.articles, c.mentions)
}

fn raw(path: &Path) -> Connection {
    Connection::open(path).unwrap()
}

#[test]
fn open_creates_file_in_wal_mode_at_latest_version() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    assert!(!path.exists());
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(store.schema_version().unwrap(), 4);
    let mode: String = raw(&path)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(counts(&store), (0, 0));
    drop(store);
    // Reopening must not re-run migration 1 (it would fail on existing tables).
    let again = Store::open(&path).unwrap();
    assert_eq!(again.schema_version().unwrap(), 4);
}

#[test]
fn future_schema_version_is_refused_with_path_in_message() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    drop(Store::open(&path).unwrap());
    raw(&path).pragma_update(None, "user_version", 99).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(
        matches!(
            err,
            StoreError::FutureSchema {
                found: 99,
                supported: 4,
                ..
            }
        ),
        "{err}"
    );
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("99"), "{msg}");
}

#[test]
fn reingest_same_text_is_unchanged_and_changed_text_replaces_events() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let a = article("seed-000", "Text one.");
    let evs = vec![
        event("seed-000", 0, "IND", "PAK", "CONSULT", Some("2025-05-15")),
        event("seed-000", 20, "PAK", "IND", "ACCUSE", Some("2025-05-15")),
    ];
    assert_eq!(store.ingest(&a, &evs).unwrap(), IngestOutcome::Added);
    assert_eq!(counts(&store), (1, 2));

    // Same text, even with other events offered: nothing changes.
    assert_eq!(
        store.ingest(&a, &evs[..1]).unwrap(),
        IngestOutcome::Unchanged
    );
    assert_eq!(counts(&store), (1, 2));

    let b = Article {
        text: "Text one, updated.".to_string(),
        ..a.clone()
    };
    let new = vec![event(
        "seed-000",
        5,
        "USA",
        "CHN",
        "THREATEN",
        Some("2025-05-16"),
    )];
    assert_eq!(store.ingest(&b, &new).unwrap(), IngestOutcome::Replaced);
    assert_eq!(counts(&store), (1, 1));
    let all = store
        .mentions(&MentionFilter {
            include_background: true,
            ..MentionFilter::default()
        })
        .unwrap();
    assert_eq!(all, new);
    let text: String = raw(&db(&dir))
        .query_row("SELECT text FROM articles WHERE id = 'seed-000'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(text, "Text one, updated.");
}

#[test]
fn article_row_keeps_metadata_and_hex_sha256_of_text() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    store.ingest(&article("a", "abc"), &[]).unwrap();
    let hash: String = raw(&db(&dir))
        .query_row("SELECT content_hash FROM articles", [], |r| r.get(0))
        .unwrap();
    // SHA-256("abc"), FIPS 180-2 test vector.
    assert_eq!(
        hash,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

fn filtered(store: &Store, filter: MentionFilter) -> Vec<(String, usize)> {
    store
        .mentions(&filter)
        .unwrap()
        .into_iter()
        .map(|e| (e.article, e.span[0]))
        .collect()
}

fn filter_fixture(dir: &TempDir) -> Store {
    let mut store = Store::open(&db(dir)).unwrap();
    let mut bg = event("a", 30, "IND", "PAK", "FIGHT", Some("1999-05"));
    bg.background = true;
    store
        .ingest(
            &article("a", "Text A."),
            &[
                event("a", 10, "IND", "PAK", "CONSULT", Some("2025-05-15")),
                event("a", 0, "PAK", "AFG", "ACCUSE", None),
                bg,
            ],
        )
        .unwrap();
    store
        .ingest(
            &article("b", "Text B."),
            &[
                event("b", 0, "USA", "IND", "CONSULT", Some("2025-04-30")),
                event("b", 5, "CHN", "USA", "THREATEN", Some("2025")),
            ],
        )
        .unwrap();
    store
}

#[test]
fn default_filter_orders_by_date_nulls_last_and_excludes_background() {
    let dir = TempDir::new().unwrap();
    let store = filter_fixture(&dir);
    let s = |a: &str, n| (a.to_string(), n);
    assert_eq!(
        filtered(&store, MentionFilter::default()),
        vec![s("b", 5), s("b", 0), s("a", 10), s("a", 0)]
    );
    let with_bg = filtered(
        &store,
        MentionFilter {
            include_background: true,
            ..MentionFilter::default()
        },
    );
    assert_eq!(with_bg.first(), Some(&s("a", 30)));
    assert_eq!(with_bg.len(), 5);
    assert_eq!(counts(&store), (2, 5));
}

#[test]
fn filters_by_actor_plover_article_dates_and_limit() {
    let dir = TempDir::new().unwrap();
    let store = filter_fixture(&dir);
    let s = |a: &str, n| (a.to_string(), n);
    let f = MentionFilter::default;

    // Either side of the dyad.
    let ind = filtered(
        &store,
        MentionFilter {
            actor: Some("IND".into()),
            ..f()
        },
    );
    assert_eq!(ind, vec![s("b", 0), s("a", 10)]);
    let consult = filtered(
        &store,
        MentionFilter {
            plover: Some("CONSULT".into()),
            ..f()
        },
    );
    assert_eq!(consult, vec![s("b", 0), s("a", 10)]);
    let only_a = filtered(
        &store,
        MentionFilter {
            article: Some("a".into()),
            ..f()
        },
    );
    assert_eq!(only_a, vec![s("a", 10), s("a", 0)]);

    // Bounds are inclusive and compare at the coarser precision, so the year-only "2025"
    // overlaps every bound inside 2025; undated events never match.
    let may = filtered(
        &store,
        MentionFilter {
            since: Some("2025-05".into()),
            until: Some("2025-05".into()),
            ..f()
        },
    );
    assert_eq!(may, vec![s("b", 5), s("a", 10)]);
    let from_may_first = filtered(
        &store,
        MentionFilter {
            since: Some("2025-05-01".into()),
            ..f()
        },
    );
    assert_eq!(from_may_first, vec![s("b", 5), s("a", 10)]);
    let after_2025 = filtered(
        &store,
        MentionFilter {
            since: Some("2026".into()),
            ..f()
        },
    );
    assert!(after_2025.is_empty());
    let year = filtered(
        &store,
        MentionFilter {
            since: Some("2025".into()),
            ..f()
        },
    );
    assert_eq!(year, vec![s("b", 5), s("b", 0), s("a", 10)]);
    let until_april = filtered(
        &store,
        MentionFilter {
            until: Some("2025-04-30".into()),
            ..f()
        },
    );
    assert_eq!(until_april, vec![s("b", 5), s("b", 0)]);

    let combined = filtered(
        &store,
        MentionFilter {
            actor: Some("USA".into()),
            plover: Some("THREATEN".into()),
            ..f()
        },
    );
    assert_eq!(combined, vec![s("b", 5)]);
    let limited = filtered(
        &store,
        MentionFilter {
            limit: Some(2),
            ..f()
        },
    );
    assert_eq!(limited, vec![s("b", 5), s("b", 0)]);
    assert!(filtered(
        &store,
        MentionFilter {
            actor: Some("RUS".into()),
            ..f()
        }
    )
    .is_empty());
}

#[test]
fn event_round_trips_losslessly() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let full = Event {
        article: "seed-007".into(),
        sentence: "India's PM Modi held a telephonic conversation with \"peace\" in mind.".into(),
        span: [120, 189],
        source: Some(ActorRef {
            text: "India's PM Modi".into(),
            code: "IND".into(),
            sector: "GOV".into(),
            org: None,
            name: Some("Narendra Modi".into()),
            role: Some("Prime Minister".into()),
            rank: Some(4),
            span: [120, 135],
        }),
        target: None,
        cameo: "1831".into(),
        plover: "CONSULT".into(),
        quad_class: 3,
        goldstein: -3.4,
        joint: true,
        modality: Modality::Planned,
        background: false,
        date: Some("1999".into()),
        date_precision: DatePrecision::Year,
        date_end: Some("2000".into()),
        location: "Dubai".into(),
        location_code: "ARE".into(),
        location_lat: Some(25.07725),
        location_lon: Some(55.30927),
        milestone: Some("the first since 2021".into()),
        milestone_since: Some("2021-08".into()),
        quote: Some("We want peace — now.".into()),
        trigger: "held a telephonic conversation".into(),
    };
    store
        .ingest(&article("seed-007", "x"), std::slice::from_ref(&full))
        .unwrap();
    let back = store.mentions(&MentionFilter::default()).unwrap();
    assert_eq!(back, vec![full]);
}

#[test]
fn failed_event_insert_leaves_no_article_behind() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    // Sabotage the schema behind the store's back so the article insert succeeds and the
    // first event insert fails inside the same transaction.
    raw(&path).execute_batch("DROP TABLE mentions").unwrap();
    let err = store
        .ingest(
            &article("a", "Text."),
            &[event("a", 0, "IND", "PAK", "CONSULT", None)],
        )
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Sqlite { .. }), "{err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    let articles: i64 = raw(&path)
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(articles, 0);
}

#[test]
fn a_failed_article_in_a_batch_rolls_back_alone_and_a_batch_is_invisible_until_committed() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    // Mentions of article "b" are refused inside SQL, after its article row is written.
    raw(&path)
        .execute_batch(
            "CREATE TRIGGER no_b BEFORE INSERT ON mentions WHEN new.article_id = 'b' \
             BEGIN SELECT RAISE(ABORT, 'refused'); END;",
        )
        .unwrap();
    store.begin_batch().unwrap();
    assert!(store.in_batch());
    for id in ["a", "b", "c"] {
        let events = vec![event(id, 0, "IND", "PAK", "CONSULT", None)];
        let stored = store.ingest(&article(id, &format!("Text of {id}.")), &events);
        assert_eq!(stored.is_err(), id == "b", "{id}: {stored:?}");
        if id == "a" {
            // Another connection (a reader, or a crash now) sees nothing of the open batch.
            let seen: i64 = raw(&path)
                .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
                .unwrap();
            assert_eq!(seen, 0);
        }
    }
    assert!(store.in_batch(), "the failure did not end the batch");
    store.commit_batch().unwrap();
    assert!(!store.in_batch());
    let ids: Vec<String> = raw(&path)
        .prepare("SELECT id FROM articles ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(counts(&store), (2, 2));
}

#[test]
fn failed_replace_keeps_old_article_and_events() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    let old = vec![event("a", 0, "IND", "PAK", "CONSULT", None)];
    store.ingest(&article("a", "Old."), &old).unwrap();
    // Any insert into mentions now fails; the delete of the old mentions must roll back with it.
    raw(&path)
        .execute_batch(
            "CREATE TRIGGER no_insert BEFORE INSERT ON mentions \
             BEGIN SELECT RAISE(ABORT, 'refused'); END;",
        )
        .unwrap();
    assert!(store.ingest(&article("a", "New."), &old).is_err());
    raw(&path).execute_batch("DROP TRIGGER no_insert").unwrap();
    assert_eq!(counts(&store), (1, 1));
    let text: String = raw(&path)
        .query_row("SELECT text FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(text, "Old.");
}

#[test]
fn event_of_another_article_is_rejected_before_writing() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let err = store
        .ingest(
            &article("a", "Text."),
            &[event("b", 0, "IND", "PAK", "CONSULT", None)],
        )
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::ArticleMismatch { .. }), "{err}");
    assert_eq!(counts(&store), (0, 0));
}

#[test]
fn deleting_an_article_cascades_to_its_events() {
    let dir = TempDir::new().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    store
        .ingest(
            &article("a", "Text."),
            &[event("a", 0, "IND", "PAK", "CONSULT", None)],
        )
        .unwrap();
    let conn = raw(&path);
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn.execute("DELETE FROM articles WHERE id = 'a'", [])
        .unwrap();
    assert_eq!(counts(&store), (0, 0));
}

//! Schema v2 behaviour with articles and events written for these tests: clustering across
//! articles, dedup, replacement, migration from v1, queries, milestones and exports.

use std::path::{Path, PathBuf};

use attache_coder::{ActorRef, DatePrecision, Event, Modality};
use attache_ingest::Article;
use attache_store::export::{write_gdelt, GDELT_COLUMNS};
use attache_store::{EventFilter, IngestOutcome, MilestoneQuery, Store, Verdict};
use chrono::NaiveDate;
use rusqlite::Connection;
use tempfile::TempDir;

fn db(dir: &TempDir) -> PathBuf {
    dir.path().join("attache.db")
}

fn article(id: &str, url: &str, published: &str, text: &str) -> Article {
    Article {
        id: id.to_string(),
        url: Some(url.to_string()),
        source: None,
        published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
        title: Some(format!("Headline of {id}")),
        text: text.to_string(),
        boilerplate: vec![],
    }
}

fn actor(code: &str, rank: Option<u8>) -> ActorRef {
    ActorRef {
        text: code.to_string(),
        code: code.to_string(),
        sector: "GOV".to_string(),
        rank,
        ..ActorRef::default()
    }
}

struct Ev<'a> {
    src: &'a str,
    tgt: &'a str,
    plover: &'a str,
    cameo: &'a str,
    date: Option<&'a str>,
    place: &'a str,
}

fn ev(article: &str, n: usize, e: Ev<'_>) -> Event {
    let precision = match e.date.map(str::len) {
        Some(10) => DatePrecision::Day,
        Some(7) => DatePrecision::Month,
        Some(4) => DatePrecision::Year,
        _ => DatePrecision::Unknown,
    };
    Event {
        article: article.to_string(),
        sentence: format!("Sentence {n} of {article}."),
        span: [n * 100, n * 100 + 50],
        source: Some(actor(e.src, Some(3))),
        target: Some(actor(e.tgt, Some(3))),
        cameo: e.cameo.to_string(),
        plover: e.plover.to_string(),
        quad_class: 1,
        goldstein: 1.0,
        date: e.date.map(str::to_string),
        date_precision: precision,
        location_code: e.place.to_string(),
        location: if e.place.is_empty() {
            String::new()
        } else {
            "Dubai".to_string()
        },
        modality: Modality::Asserted,
        ..Event::default()
    }
}

fn meeting<'a>(src: &'a str, tgt: &'a str, cameo: &'a str, date: Option<&'a str>) -> Ev<'a> {
    Ev {
        src,
        tgt,
        plover: "CONSULT",
        cameo,
        date,
        place: "ARE",
    }
}

fn all_events(store: &Store) -> Vec<attache_store::EventRecord> {
    store
        .events(&EventFilter {
            include_background: true,
            ..EventFilter::default()
        })
        .unwrap()
}

/// Rows of `events` that no mention points at: must always be zero.
fn empty_events(dir: &TempDir) -> i64 {
    Connection::open(db(dir))
        .unwrap()
        .query_row(
            "SELECT count(*) FROM events e WHERE NOT EXISTS \
             (SELECT 1 FROM mentions m WHERE m.event_id = e.id)",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

const KABUL: &str =
    "Indian Foreign Secretary Vikram Misri met the acting Afghan foreign minister in \
    Dubai on Monday. The two sides discussed trade, cricket, humanitarian aid and the use of \
    the Chabahar port, officials said after the meeting.";
const DELHI: &str = "The acting Afghan foreign minister held talks with India's foreign \
    secretary in the Emirati city, according to a statement posted by the Afghan ministry.";
const GULF: &str = "Misri and his Afghan counterpart sat down in Dubai at the start of the week, \
    the first such meeting since 2021.";

fn three_sources(store: &mut Store) {
    // Three outlets, three wordings, three codings of one meeting: 044 third-location meeting,
    // 040 consult, 044 again with the parties reversed (CONSULT is undirected).
    let reports = [
        (
            "k",
            "https://www.kabulnews.example/a",
            KABUL,
            "IND",
            "AFG",
            "044",
        ),
        (
            "d",
            "https://delhidaily.example/b",
            DELHI,
            "AFG",
            "IND",
            "040",
        ),
        (
            "g",
            "http://gulfpost.example/c?id=1",
            GULF,
            "IND",
            "AFG",
            "044",
        ),
    ];
    for (id, url, text, src, tgt, cameo) in reports {
        let events = vec![ev(id, 0, meeting(src, tgt, cameo, Some("2024-05-13")))];
        let outcome = store
            .ingest(&article(id, url, "2024-05-14", text), &events)
            .unwrap();
        assert_eq!(outcome, IngestOutcome::Added);
    }
}

#[test]
fn one_event_reported_by_three_sources_is_one_event_with_three_sources() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    three_sources(&mut store);
    let events = all_events(&store);
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!((e.num_mentions, e.num_articles, e.num_sources), (3, 3, 3));
    assert_eq!(e.cameo, "044", "the code most mentions give");
    assert!(e.undirected);
    assert_eq!(e.date.as_deref(), Some("2024-05-13"));
    assert_eq!(e.first_seen.as_deref(), Some("2024-05-14"));
    let c = store.counts().unwrap();
    assert_eq!((c.articles, c.mentions, c.events), (3, 3, 1));
}

#[test]
fn different_days_places_directions_and_types_stay_apart() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let aid = |src, tgt| Ev {
        src,
        tgt,
        plover: "AID",
        cameo: "070",
        date: Some("2024-05-13"),
        place: "",
    };
    let a = vec![
        ev("a", 0, meeting("IND", "AFG", "040", Some("2024-05-13"))),
        ev("a", 1, aid("IND", "AFG")),
    ];
    let b = vec![
        // Next day: another meeting.
        ev("b", 0, meeting("IND", "AFG", "040", Some("2024-05-14"))),
        // Aid the other way round is another event (AID is directed).
        ev("b", 1, aid("AFG", "IND")),
        // Same day, other country.
        ev(
            "b",
            2,
            Ev {
                place: "QAT",
                ..meeting("IND", "AFG", "040", Some("2024-05-13"))
            },
        ),
    ];
    store
        .ingest(
            &article("a", "https://one.example/a", "2024-05-14", KABUL),
            &a,
        )
        .unwrap();
    store
        .ingest(
            &article("b", "https://two.example/b", "2024-05-15", DELHI),
            &b,
        )
        .unwrap();
    assert_eq!(all_events(&store).len(), 5);

    // A month-precise report is contained in the day and joins the earliest compatible event.
    let c = vec![ev("c", 0, meeting("AFG", "IND", "040", Some("2024-05")))];
    store
        .ingest(
            &article("c", "https://three.example/c", "2024-06-01", GULF),
            &c,
        )
        .unwrap();
    let events = all_events(&store);
    assert_eq!(events.len(), 5);
    let joined = events.iter().find(|e| e.num_articles == 2).unwrap();
    assert_eq!(joined.date.as_deref(), Some("2024-05-13"), "keeps the day");
}

#[test]
fn undated_mentions_cluster_only_within_their_article() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let a = vec![
        ev("a", 0, meeting("IND", "AFG", "040", None)),
        ev("a", 1, meeting("AFG", "IND", "044", None)),
    ];
    let b = vec![ev("b", 0, meeting("IND", "AFG", "040", None))];
    store
        .ingest(
            &article("a", "https://one.example/a", "2024-05-14", KABUL),
            &a,
        )
        .unwrap();
    store
        .ingest(
            &article("b", "https://two.example/b", "2024-05-14", DELHI),
            &b,
        )
        .unwrap();
    let events = all_events(&store);
    assert_eq!(events.len(), 2);
    assert_eq!(events.iter().map(|e| e.num_mentions).sum::<u32>(), 3);
}

#[test]
fn background_mention_attaches_to_the_news_event_it_recalls() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let news = vec![ev("a", 0, meeting("IND", "AFG", "040", Some("2024-05-13")))];
    store
        .ingest(
            &article("a", "https://one.example/a", "2024-05-14", KABUL),
            &news,
        )
        .unwrap();
    let mut recalled = ev("b", 0, meeting("AFG", "IND", "040", Some("2024-05")));
    recalled.background = true;
    let mut older = ev("b", 1, meeting("IND", "AFG", "040", Some("2022-06-02")));
    older.background = true;
    store
        .ingest(
            &article("b", "https://two.example/b", "2024-09-01", DELHI),
            &[recalled, older],
        )
        .unwrap();
    let news_only = store.events(&EventFilter::default()).unwrap();
    assert_eq!(news_only.len(), 1);
    assert_eq!(news_only[0].num_articles, 2, "the recall joined the news");
    assert!(!news_only[0].background);
    let all = all_events(&store);
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .any(|e| e.background && e.date.as_deref() == Some("2022-06-02")));
}

#[test]
fn a_recall_stored_before_the_news_joins_it_when_the_news_arrives() {
    // The same two articles as above in the other order: the recall comes first and makes a
    // background event; the news report then joins it and the event becomes news.
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let mut recalled = ev("b", 0, meeting("AFG", "IND", "040", Some("2024-05")));
    recalled.background = true;
    store
        .ingest(
            &article("b", "https://two.example/b", "2024-09-01", DELHI),
            &[recalled],
        )
        .unwrap();
    assert!(store.events(&EventFilter::default()).unwrap().is_empty());
    let news = vec![ev("a", 0, meeting("IND", "AFG", "040", Some("2024-05-13")))];
    store
        .ingest(
            &article("a", "https://one.example/a", "2024-05-14", KABUL),
            &news,
        )
        .unwrap();
    let all = all_events(&store);
    assert_eq!(all.len(), 1, "{all:#?}");
    let e = &all[0];
    assert!(!e.background);
    assert_eq!((e.num_articles, e.num_sources), (2, 2));
    assert_eq!(e.date.as_deref(), Some("2024-05-13"));
    // The news mention represents the event, whichever came first.
    assert_eq!(e.article, "a");
    // A recall of another meeting (another day) stays its own background event.
    let mut other = ev("c", 0, meeting("IND", "AFG", "040", Some("2024-05-20")));
    other.background = true;
    store
        .ingest(
            &article("c", "https://three.example/c", "2024-10-01", GULF),
            &[other],
        )
        .unwrap();
    assert_eq!(store.events(&EventFilter::default()).unwrap().len(), 1);
    assert_eq!(all_events(&store).len(), 2);
}

#[test]
fn replacing_and_reingesting_recompute_clusters_and_leave_none_empty() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    three_sources(&mut store);
    // Re-ingest: nothing changes.
    let events = vec![ev("g", 0, meeting("IND", "AFG", "044", Some("2024-05-13")))];
    let g = article("g", "http://gulfpost.example/c?id=1", "2024-05-14", GULF);
    assert_eq!(store.ingest(&g, &events).unwrap(), IngestOutcome::Unchanged);
    assert_eq!(all_events(&store)[0].num_sources, 3);

    // The Gulf story is corrected: it now reports an aid delivery, not the meeting.
    let corrected = Article {
        text: format!("{GULF} Corrected: India delivered wheat."),
        ..g
    };
    let aid = vec![ev(
        "g",
        0,
        Ev {
            src: "IND",
            tgt: "AFG",
            plover: "AID",
            cameo: "070",
            date: Some("2024-05-13"),
            place: "",
        },
    )];
    assert_eq!(
        store.ingest(&corrected, &aid).unwrap(),
        IngestOutcome::Replaced
    );
    let events = all_events(&store);
    assert_eq!(events.len(), 2);
    let meeting_event = events.iter().find(|e| e.plover == "CONSULT").unwrap();
    assert_eq!(
        (meeting_event.num_articles, meeting_event.num_sources),
        (2, 2)
    );

    // Corrected again with no events at all: the aid event disappears, not left empty.
    let bare = Article {
        text: "Nothing to report.".into(),
        ..corrected
    };
    store.ingest(&bare, &[]).unwrap();
    assert_eq!(all_events(&store).len(), 1);
    assert_eq!(empty_events(&dir), 0);
}

#[test]
fn exact_and_near_duplicates_add_a_source_but_no_event() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let events = |id: &str| vec![ev(id, 0, meeting("IND", "AFG", "044", Some("2024-05-13")))];
    store
        .ingest(
            &article("k", "https://kabulnews.example/a", "2024-05-14", KABUL),
            &events("k"),
        )
        .unwrap();
    // The same text under another id and outlet: an exact copy.
    let copy = article("copy", "https://syndicate.example/x", "2024-05-14", KABUL);
    assert_eq!(
        store.ingest(&copy, &events("copy")).unwrap(),
        IngestOutcome::Duplicate
    );
    // A wire re-publication with a new headline and one word changed.
    let mut near = article(
        "near",
        "https://aggregator.example/y",
        "2024-05-15",
        &KABUL.replace("Monday", "Tuesday"),
    );
    near.title = Some("Indian diplomat meets Taliban minister".into());
    assert_eq!(
        store.ingest(&near, &events("near")).unwrap(),
        IngestOutcome::Duplicate
    );
    // A different report of the same meeting is not a duplicate.
    assert_eq!(
        store
            .ingest(
                &article("d", "https://delhidaily.example/b", "2024-05-14", DELHI),
                &events("d")
            )
            .unwrap(),
        IngestOutcome::Added
    );
    let all = all_events(&store);
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].num_mentions, all[0].num_articles, all[0].num_sources),
        (4, 4, 4)
    );
    let c = store.counts().unwrap();
    assert_eq!((c.articles, c.duplicates, c.mentions), (4, 2, 2));
    let kind: String = Connection::open(db(&dir))
        .unwrap()
        .query_row(
            "SELECT duplicate_kind || ' ' || duplicate_of FROM articles WHERE id = 'near'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kind, "near k");
}

/// What an analyst sees of a store, without row ids (they follow the order of ingest): every
/// event's fields and representative mention, and which article is a copy of which.
fn visible_state(dir: &TempDir, store: &Store) -> (Vec<String>, Vec<(String, Option<String>)>) {
    let mut events: Vec<String> = all_events(store)
        .into_iter()
        .map(|e| {
            let mut v = serde_json::to_value(&e).unwrap();
            v.as_object_mut().unwrap().remove("id");
            v.to_string()
        })
        .collect();
    events.sort();
    let articles = Connection::open(db(dir))
        .unwrap()
        .prepare("SELECT id, duplicate_of FROM articles ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (events, articles)
}

#[test]
fn a_copy_ingested_before_its_original_ends_as_in_the_other_order() {
    // The original (published on the 14th) and a wire copy a day later with one word changed,
    // coded a little differently (the copy's coder saw "Tuesday" and no place).
    let original = article("orig", "https://kabulnews.example/a", "2024-05-14", KABUL);
    let copy = article(
        "wire",
        "https://aggregator.example/y",
        "2024-05-15",
        &KABUL.replace("Monday", "Tuesday"),
    );
    let orig_events = vec![ev(
        "orig",
        0,
        meeting("IND", "AFG", "044", Some("2024-05-13")),
    )];
    let mut copy_event = ev("wire", 0, meeting("IND", "AFG", "040", Some("2024-05-14")));
    copy_event.location_code = String::new();
    let copy_events = vec![copy_event];

    let mut states = Vec::new();
    for copy_first in [false, true] {
        let dir = TempDir::new().unwrap();
        let mut store = Store::open(&db(&dir)).unwrap();
        let (first, second) = if copy_first {
            ((&copy, &copy_events), (&original, &orig_events))
        } else {
            ((&original, &orig_events), (&copy, &copy_events))
        };
        assert_eq!(
            store.ingest(first.0, first.1).unwrap(),
            IngestOutcome::Added
        );
        store.ingest(second.0, second.1).unwrap();
        let events = all_events(&store);
        assert_eq!(events.len(), 1, "copy first: {copy_first}");
        let e = &events[0];
        assert_eq!((e.num_mentions, e.num_articles, e.num_sources), (2, 2, 2));
        assert_eq!((e.article.as_str(), e.cameo.as_str()), ("orig", "044"));
        assert_eq!(e.date.as_deref(), Some("2024-05-13"));
        let c = store.counts().unwrap();
        assert_eq!((c.articles, c.duplicates, c.mentions), (2, 1, 1));
        assert_eq!(empty_events(&dir), 0);
        // Re-ingesting either article now changes nothing.
        assert_eq!(
            store.ingest(&copy, &copy_events).unwrap(),
            IngestOutcome::Unchanged
        );
        states.push(visible_state(&dir, &store));
    }
    assert_eq!(states[0], states[1]);
    assert_eq!(
        states[0].1,
        vec![("orig".into(), None), ("wire".into(), Some("orig".into()))]
    );
}

#[test]
fn filters_take_hostile_strings_as_plain_values() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    three_sources(&mut store);
    let hostile = "AFG' OR '1'='1'; DROP TABLE events; --";
    for filter in [
        EventFilter {
            actor: Some(hostile.into()),
            ..EventFilter::default()
        },
        EventFilter {
            dyad: Some((hostile.into(), "IND".into())),
            ..EventFilter::default()
        },
        EventFilter {
            search: Some(format!("\"{hostile} NOT ) *")),
            ..EventFilter::default()
        },
        EventFilter {
            since: Some(hostile.into()),
            plover: Some(hostile.into()),
            ..EventFilter::default()
        },
    ] {
        assert_eq!(store.events(&filter).unwrap().len(), 0, "{filter:?}");
    }
    assert_eq!(all_events(&store).len(), 1, "the table is still there");
}

#[test]
fn search_finds_events_through_article_text_and_copies() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    three_sources(&mut store);
    let search = |q: &str| {
        store
            .events(&EventFilter {
                search: Some(q.into()),
                ..EventFilter::default()
            })
            .unwrap()
            .len()
    };
    assert_eq!(search("chabahar"), 1);
    assert_eq!(search("Emirati statement"), 1);
    assert_eq!(search("Emirati chabahar"), 0, "all words in one article");
    assert_eq!(search("volcano"), 0);
}

#[test]
fn milestone_is_computed_and_compared_with_the_claim() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let mut claimed = ev("g", 0, meeting("IND", "AFG", "044", Some("2024-05-13")));
    claimed.milestone = Some("the first such meeting since 2021".into());
    claimed.milestone_since = Some("2021".into());
    store
        .ingest(
            &article("g", "https://gulfpost.example/c", "2024-05-14", GULF),
            &[claimed],
        )
        .unwrap();
    let since = MilestoneQuery {
        since: Some("2021-08-15".into()),
        ..MilestoneQuery::default()
    };
    let found = store.milestones(&since).unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].computed);
    assert_eq!(found[0].verdict, Verdict::Agree);
    assert_eq!(found[0].pair, "AFG-IND");

    // An article about an earlier ministerial meeting in Kabul contradicts the claim.
    let earlier = vec![Event {
        location: "Kabul".into(),
        ..ev(
            "k",
            0,
            Ev {
                place: "AFG",
                ..meeting("IND", "AFG", "042", Some("2023-01-08"))
            },
        )
    }];
    store
        .ingest(
            &article("k", "https://kabulnews.example/k", "2023-01-09", KABUL),
            &earlier,
        )
        .unwrap();
    let found = store.milestones(&since).unwrap();
    let claim = found
        .iter()
        .find(|m| m.event.date.as_deref() == Some("2024-05-13"))
        .unwrap();
    assert_eq!(claim.verdict, Verdict::Disagree);
    assert!(!claim.computed);
    assert_eq!(
        claim.earlier.as_ref().map(|(_, d)| d.as_str()),
        Some("2023-01-08")
    );
    let first = found
        .iter()
        .find(|m| m.event.date.as_deref() == Some("2023-01-08"))
        .unwrap();
    assert_eq!((first.computed, first.verdict), (true, Verdict::Unclaimed));
}

#[test]
fn engagement_ladder_gives_first_contact_per_level() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let mut low = ev("a", 0, meeting("IND", "AFG", "040", Some("2022-06-02")));
    low.source = Some(actor("IND", Some(1)));
    let high = ev("b", 0, meeting("IND", "AFG", "042", Some("2025-01-08")));
    let mut planned = ev("b", 1, meeting("IND", "AFG", "042", Some("2025-09-01")));
    planned.modality = Modality::Planned;
    store
        .ingest(
            &article("a", "https://one.example/a", "2022-06-03", KABUL),
            &[low],
        )
        .unwrap();
    store
        .ingest(
            &article("b", "https://two.example/b", "2025-01-09", DELHI),
            &[high, planned],
        )
        .unwrap();
    let ladder = store.engagement("AFG", Some("2021-08-15"), None).unwrap();
    assert_eq!(ladder.len(), 1);
    let ind = &ladder[0];
    assert_eq!(ind.counterpart, "IND");
    assert_eq!(ind.events, 2, "the planned visit is not a contact");
    let levels: Vec<(Option<u8>, Option<String>)> = ind
        .first_by_level
        .iter()
        .map(|c| (c.level, c.date.clone()))
        .collect();
    assert_eq!(
        levels,
        vec![
            (Some(1), Some("2022-06-02".to_string())),
            (Some(3), Some("2025-01-08".to_string()))
        ]
    );
    assert_eq!(ind.highest.as_ref().and_then(|c| c.level), Some(3));
    assert_eq!(
        ind.diplomatic
            .iter()
            .map(|c| c.what.as_deref())
            .collect::<Vec<_>>(),
        vec![Some("visit")]
    );
}

#[test]
fn gdelt_export_has_61_columns_in_order() {
    assert_eq!(GDELT_COLUMNS.len(), 61);
    assert_eq!(GDELT_COLUMNS[0], "GLOBALEVENTID");
    assert_eq!(GDELT_COLUMNS[26], "EventCode");
    assert_eq!(GDELT_COLUMNS[31], "NumMentions");
    assert_eq!(GDELT_COLUMNS[53], "ActionGeo_CountryCode");
    assert_eq!(GDELT_COLUMNS[60], "SOURCEURL");
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    three_sources(&mut store);
    let mut out = Vec::new();
    write_gdelt(&mut out, &all_events(&store)).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1);
    let f: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(f.len(), 61);
    let col = |name: &str| f[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()];
    assert_eq!(col("SQLDATE"), "20240513");
    assert_eq!(col("MonthYear"), "202405");
    assert_eq!(col("Year"), "2024");
    assert_eq!(col("EventCode"), "044");
    assert_eq!(col("EventRootCode"), "04");
    assert_eq!(col("NumSources"), "3");
    assert_eq!(col("NumArticles"), "3");
    // GDELT's geography columns hold FIPS 10-4: the UAE is "AE" there (ISO3 "ARE").
    assert_eq!(col("ActionGeo_CountryCode"), "AE");
    assert_eq!(col("DATEADDED"), "20240514000000");
    // The representative report: of the earliest published, the first by article id ("d"),
    // whatever the order the three came in.
    assert!(col("SOURCEURL").starts_with("https://delhidaily.example"));
}

/// GDELT's own column list (`../shared/data/cameo`), first field of each line after the header:
/// our 61 names must be the same, in the same order. Fails naming the path when the file is
/// missing, unless ATTACHE_SKIP_SHARED=1.
#[test]
fn gdelt_columns_match_gdelt_column_list() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/cameo/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        if std::env::var("ATTACHE_SKIP_SHARED").as_deref() == Ok("1") {
            eprintln!(
                "skipped: {} is missing and ATTACHE_SKIP_SHARED=1",
                path.display()
            );
            return;
        }
        panic!(
            "missing {}: the GDELT column test needs it (set ATTACHE_SKIP_SHARED=1 to skip)",
            path.display()
        );
    };
    let names: Vec<&str> = text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(names, GDELT_COLUMNS.to_vec());
}

/// The v1 schema exactly as released, to prove that stores written by it migrate.
const V1: &str = "
    CREATE TABLE articles (id TEXT PRIMARY KEY NOT NULL, url TEXT, source TEXT, published TEXT,
        title TEXT, text TEXT NOT NULL, boilerplate TEXT NOT NULL, content_hash TEXT NOT NULL,
        ingested_at TEXT NOT NULL);
    CREATE TABLE events (id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, source_code TEXT,
        source_sector TEXT, target_code TEXT, target_sector TEXT, cameo TEXT NOT NULL,
        plover TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL NOT NULL,
        modality TEXT NOT NULL, background INTEGER NOT NULL, date TEXT,
        date_precision TEXT NOT NULL, date_end TEXT, location TEXT NOT NULL,
        location_code TEXT NOT NULL, json TEXT NOT NULL);
    CREATE INDEX events_article ON events(article_id, sentence_start);
    CREATE INDEX events_dyad ON events(source_code, target_code);
    CREATE INDEX events_target ON events(target_code);
    CREATE INDEX events_plover ON events(plover);
    CREATE INDEX events_date ON events(date);
    PRAGMA user_version = 1;";

#[test]
fn v1_store_migrates_with_its_events_clustered() {
    let dir = TempDir::new().unwrap();
    let conn = Connection::open(db(&dir)).unwrap();
    conn.execute_batch(V1).unwrap();
    for (id, url, text) in [
        ("k", "https://www.kabulnews.example/a", KABUL),
        ("d", "https://delhidaily.example/b", DELHI),
    ] {
        conn.execute(
            "INSERT INTO articles VALUES (?1, ?2, NULL, '2024-05-14', 't', ?3, '[]', ?1, \
             '2024-05-14T10:00:00Z')",
            [id, url, text],
        )
        .unwrap();
        let e = ev(id, 0, meeting("IND", "AFG", "044", Some("2024-05-13")));
        conn.execute(
            "INSERT INTO events (article_id, sentence_start, sentence_end, source_code, \
             target_code, cameo, plover, quad_class, goldstein, modality, background, date, \
             date_precision, location, location_code, json) VALUES (?1, 0, 50, 'IND', 'AFG', \
             '044', 'CONSULT', 1, 2.5, 'asserted', 0, '2024-05-13', 'day', 'Dubai', 'ARE', ?2)",
            [id, &serde_json::to_string(&e).unwrap()],
        )
        .unwrap();
    }
    drop(conn);
    let store = Store::open(&db(&dir)).unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    let c = store.counts().unwrap();
    assert_eq!((c.articles, c.mentions, c.events), (2, 2, 1));
    let e = &all_events(&store)[0];
    assert_eq!((e.num_articles, e.num_sources), (2, 2));
    let domain: String = Connection::open(db(&dir))
        .unwrap()
        .query_row("SELECT domain FROM articles WHERE id = 'k'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(domain, "kabulnews.example");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_reads_back_with_its_rows_and_columns() {
    use parquet::file::reader::{FileReader, SerializedFileReader};

    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    three_sources(&mut store);
    let aid = vec![ev(
        "x",
        0,
        Ev {
            src: "IND",
            tgt: "AFG",
            plover: "AID",
            cameo: "070",
            date: Some("2024-06-01"),
            place: "",
        },
    )];
    store
        .ingest(
            &article("x", "https://aid.example/x", "2024-06-02", "Wheat arrived."),
            &aid,
        )
        .unwrap();
    let path = dir.path().join("events.parquet");
    attache_store::export::write_parquet(&path, &all_events(&store)).unwrap();

    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 2);
    let names: Vec<String> = meta
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(names, attache_store::export::CSV_COLUMNS);
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap().to_string())
        .collect();
    assert!(
        rows.iter().any(|r| r.contains("num_sources: 3")),
        "{rows:?}"
    );
}

#[test]
fn dyad_cameo_root_and_date_filters_select_events() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let accuse = |src, tgt, date| Ev {
        src,
        tgt,
        plover: "ACCUSE",
        cameo: "111",
        date: Some(date),
        place: "",
    };
    let events = vec![
        ev("a", 0, meeting("IND", "AFG", "040", Some("2022-06-02"))),
        ev("a", 1, accuse("PAK", "AFG", "2023-03-01")),
        ev("a", 2, accuse("AFG", "PAK", "2024-07-09")),
        ev("a", 3, accuse("IND", "PAK", "2024-07-10")),
    ];
    store
        .ingest(
            &article("a", "https://one.example/a", "2024-07-11", KABUL),
            &events,
        )
        .unwrap();
    let dates = |filter: EventFilter| -> Vec<String> {
        store
            .events(&filter)
            .unwrap()
            .into_iter()
            .filter_map(|e| e.date)
            .collect()
    };
    assert_eq!(
        dates(EventFilter {
            dyad: Some(("AFG".into(), "PAK".into())),
            ..EventFilter::default()
        }),
        ["2023-03-01", "2024-07-09"],
        "both directions"
    );
    assert_eq!(
        dates(EventFilter {
            cameo_root: Some("11".into()),
            since: Some("2024".into()),
            until: Some("2024-07-09".into()),
            ..EventFilter::default()
        }),
        ["2024-07-09"]
    );
    assert_eq!(
        dates(EventFilter {
            actor: Some("IND".into()),
            plover: Some("CONSULT".into()),
            ..EventFilter::default()
        }),
        ["2022-06-02"]
    );
}

#[test]
fn milestones_in_n_years_judge_only_events_with_enough_history() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let events = vec![
        ev("a", 0, meeting("IND", "AFG", "040", Some("2010-01-05"))),
        ev("a", 1, meeting("IND", "AFG", "040", Some("2014-03-01"))),
        ev("a", 2, meeting("IND", "AFG", "040", Some("2024-05-13"))),
    ];
    store
        .ingest(
            &article("a", "https://one.example/a", "2024-05-14", KABUL),
            &events,
        )
        .unwrap();
    let found = store
        .milestones(&MilestoneQuery {
            years: Some(5),
            ..MilestoneQuery::default()
        })
        .unwrap();
    // 2010 has no 5 years of history before it in the store; 2014 follows 2010 within 5 years;
    // 2024 is the first in the 5 years before it.
    let computed: Vec<_> = found
        .iter()
        .filter(|m| m.computed)
        .filter_map(|m| m.event.date.as_deref())
        .collect();
    assert_eq!(computed, ["2024-05-13"]);
}

#[test]
fn copies_of_a_rewritten_article_are_released_and_coded_on_their_next_ingest() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let meeting_of = |id: &str| vec![ev(id, 0, meeting("IND", "AFG", "044", Some("2024-05-13")))];
    let original = article("k", "https://kabulnews.example/a", "2024-05-14", KABUL);
    store.ingest(&original, &meeting_of("k")).unwrap();
    let copy = article("copy", "https://syndicate.example/x", "2024-05-14", KABUL);
    assert_eq!(
        store.ingest(&copy, &meeting_of("copy")).unwrap(),
        IngestOutcome::Duplicate
    );
    assert_eq!(all_events(&store)[0].num_sources, 2);

    // The original page now carries another story entirely.
    let rewritten = Article {
        text: "The Afghan ministry of refugees said on Friday that wheat shipments from India \
               reached Kabul by road through the Wagah crossing for the first time in months."
            .into(),
        ..original
    };
    let aid = vec![ev(
        "k",
        0,
        Ev {
            src: "IND",
            tgt: "AFG",
            plover: "AID",
            cameo: "070",
            date: Some("2024-05-17"),
            place: "",
        },
    )];
    assert_eq!(
        store.ingest(&rewritten, &aid).unwrap(),
        IngestOutcome::Replaced
    );
    let events = all_events(&store);
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].plover.as_str(), events[0].num_sources),
        ("AID", 1)
    );

    // The copy's input, ingested again, is coded as the article it now is.
    assert_eq!(
        store.ingest(&copy, &meeting_of("copy")).unwrap(),
        IngestOutcome::Replaced
    );
    let events = all_events(&store);
    assert_eq!(events.len(), 2);
    assert!(events
        .iter()
        .any(|e| e.plover == "CONSULT" && e.num_sources == 1));
    assert_eq!(empty_events(&dir), 0);
}

//! The browsing reads: one event with its mentions, one article, article search with
//! snippets, actors and statistics, on a store filled by the real coder.

use attache_ingest::{parse_text_article, ReadOptions};
use attache_store::{EventFilter, Store};
use tempfile::TempDir;

const CALL: &str = " date 2025-05-16 External Affairs Minister S Jaishankar on Thursday held a \
telephonic conversation with Taliban's acting Foreign Minister Amir Khan Muttaqi.\n\n\
Pakistani forces attacked Afghan border posts on Sunday, Afghan officials said.\n";

fn filled() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("b.db")).unwrap();
    let mut article = parse_text_article("call", CALL.to_string(), &ReadOptions::default());
    article.title = Some("The call".into());
    let doc = attache_text::analyze(&article.text, &article.boilerplate);
    let events = attache_coder::code_article(&article, &doc);
    assert!(events.len() >= 2, "{events:?}");
    store.ingest(&article, &events).unwrap();
    (dir, store)
}

#[test]
fn one_event_and_its_mentions() {
    let (_dir, store) = filled();
    let listed = store
        .events(&EventFilter {
            dyad: Some(("IND".into(), "AFG".into())),
            ..EventFilter::default()
        })
        .unwrap();
    let id = listed[0].id;
    assert_eq!(store.event(id).unwrap().as_ref(), Some(&listed[0]));
    assert_eq!(store.event(123_456).unwrap(), None);
    let mentions = store.event_mentions(id).unwrap();
    assert_eq!(mentions.len(), 1);
    assert_eq!(mentions[0].article_title.as_deref(), Some("The call"));
    let [a, b] = mentions[0].mention.span;
    assert_eq!(&CALL[a..b], mentions[0].mention.sentence);
    assert!(store.event_mentions(123_456).unwrap().is_empty());
}

#[test]
fn article_search_actors_and_stats() {
    let (_dir, store) = filled();
    let article = store.article("call").unwrap().unwrap();
    assert_eq!(article.text, CALL);
    assert_eq!(store.article("nope").unwrap(), None);
    let events = store.article_mention_events("call").unwrap();
    assert!(events.len() >= 2 && events.iter().all(Option::is_some));

    let (total, hits) = store.search_articles("muttaqi", 10, 0).unwrap();
    assert_eq!(total, 1);
    assert!(
        hits[0].snippet.contains("\u{2}Muttaqi\u{3}"),
        "{:?}",
        hits[0]
    );
    assert_eq!(store.search_articles("\") OR *", 10, 0).unwrap().0, 0);
    assert_eq!(store.search_articles("   ", 10, 0).unwrap().0, 0);
    assert!(store
        .search_articles("muttaqi", 10, 1)
        .unwrap()
        .1
        .is_empty());

    let actors = store.actors().unwrap();
    assert!(actors.iter().any(|a| a.code.as_deref() == Some("AFG")));
    let stats = store.stats().unwrap();
    assert_eq!(stats.articles, 1);
    assert!(stats.events >= 2);
    assert_eq!(stats.by_plover.values().sum::<u64>(), stats.events);
    assert_eq!(stats.by_quad_class.values().sum::<u64>(), stats.events);
    assert!(stats.first_date.is_some() && stats.first_date <= stats.last_date);
}

#[test]
fn pages_are_slices_of_the_full_list() {
    let (_dir, store) = filled();
    for filter in [
        EventFilter {
            include_background: true,
            ..EventFilter::default()
        },
        EventFilter {
            actor: Some("AFG".into()),
            search: Some("Muttaqi".into()),
            ..EventFilter::default()
        },
        EventFilter {
            actor: Some("XXX".into()),
            ..EventFilter::default()
        },
    ] {
        let all = store.events(&filter).unwrap();
        for offset in 0..=all.len() + 1 {
            let (total, page) = store.events_page(&filter, 1, offset).unwrap();
            assert_eq!(total as usize, all.len());
            assert_eq!(
                page,
                all.iter().skip(offset).take(1).cloned().collect::<Vec<_>>()
            );
        }
        let (_, page) = store.events_page(&filter, 500, 0).unwrap();
        assert_eq!(page, all);
    }
}

#[test]
fn articles_stored_in_a_batch_are_searchable_once_each() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("b.db")).unwrap();
    let article = |id: &str, text: &str| {
        let mut a = parse_text_article(id, text.to_string(), &ReadOptions::default());
        a.title = Some(format!("Title {id}"));
        a
    };
    store.begin_batch().unwrap();
    store
        .ingest(&article("a", "Kenya hosted envoys from Somalia."), &[])
        .unwrap();
    store
        .ingest(&article("b", "Uganda hosted envoys from Kenya."), &[])
        .unwrap();
    // "a" again with another text, in the same batch: indexed with its new text only.
    store
        .ingest(&article("a", "Tanzania hosted envoys from Rwanda."), &[])
        .unwrap();
    store.commit_batch().unwrap();
    assert_eq!(store.search_articles("hosted", 10, 0).unwrap().0, 2);
    assert_eq!(store.search_articles("somalia", 10, 0).unwrap().0, 0);
    assert_eq!(store.search_articles("rwanda", 10, 0).unwrap().0, 1);
    // Outside a batch an article is searchable as soon as it is stored.
    store
        .ingest(&article("c", "Burundi hosted envoys from Malawi."), &[])
        .unwrap();
    assert_eq!(store.search_articles("malawi", 10, 0).unwrap().0, 1);
}

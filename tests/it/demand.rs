//! One conformance suite over every `DemandStore` (sled and memory), and the counting rules on
//! top of both: at most 50 referral tags a day, the rest as `other`.

use std::sync::Arc;

use chrono::NaiveDate;
use krok::core::event::Event;
use krok::core::lang::Lang;
use krok::stats::{Counted, Demand, DemandStore, MemoryDemand, SledDemand};
use krok::store::Disk;

use super::support::tuesday_morning;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn conformance(store: &dyn DemandStore) {
    store.add(day(1), "node", "legal", 1).unwrap();
    store.add(day(1), "node", "legal", 1).unwrap();
    store.add(day(1), "started-tag", "mops", 1).unwrap();
    store.add(day(2), "node", "family", 2).unwrap();
    assert!(store.contains(day(1), "started-tag", "mops").unwrap());
    assert!(!store.contains(day(2), "started-tag", "mops").unwrap());
    assert_eq!(store.labels(day(1), "started-tag").unwrap(), 1);
    assert_eq!(store.labels(day(1), "node").unwrap(), 1);
    let first = store.figures(day(1), day(1)).unwrap();
    let seen: Vec<(String, String, u64)> = first
        .iter()
        .map(|f| (f.counter.clone(), f.label.clone(), f.count))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("node".into(), "legal".into(), 2),
            ("started-tag".into(), "mops".into(), 1)
        ]
    );
    assert_eq!(store.figures(day(1), day(2)).unwrap().len(), 3);
    assert_eq!(store.remove_before(day(2)).unwrap(), 2);
    let left = store.figures(day(1), day(30)).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].date, day(2));
    assert_eq!(left[0].count, 2, "`add` adds its count, not one");
}

#[test]
fn memory_demand_conforms() {
    conformance(&MemoryDemand::default());
}

#[test]
fn sled_demand_conforms() {
    let dir = tempfile::tempdir().unwrap();
    conformance(&SledDemand::new(Disk::open(dir.path()).unwrap()));
}

fn counted(turns: &[(Option<Lang>, Vec<Event>)]) -> Vec<Counted<'_>> {
    turns
        .iter()
        .map(|(lang, events)| Counted {
            now: tuesday_morning(),
            platform: "telegram",
            lang: *lang,
            events,
        })
        .collect()
}

#[test]
fn a_batch_counted_at_once_gives_the_figures_of_its_turns_counted_one_by_one() {
    let started = |tag: &str| Event::Started {
        tag: Some(tag.to_owned()),
    };
    let turns = [
        (Some(Lang::Uk), vec![started("mops")]),
        (
            Some(Lang::Uk),
            vec![Event::Node("legal".into()), Event::Crisis],
        ),
        (None, vec![started("mops"), Event::Node("legal".into())]),
        (Some(Lang::Pl), vec![started("pck")]),
    ];
    let (one_by_one, together) = (Demand::memory(), Demand::memory());
    for turn in counted(&turns) {
        one_by_one.record_all([&turn]).unwrap();
    }
    together.record_all(&counted(&turns)).unwrap();
    let date = tuesday_morning().date_naive();
    let figures = together.figures(date, date).unwrap();
    assert_eq!(figures, one_by_one.figures(date, date).unwrap());
    let legal = figures.iter().find(|f| f.label == "legal").unwrap();
    assert_eq!(legal.count, 2);
    // The tag limit holds inside one batch too: 60 new tags at once, 50 kept.
    let many: Vec<(Option<Lang>, Vec<Event>)> = (0..60)
        .map(|i| (None, vec![started(&format!("tag{i}"))]))
        .collect();
    let demand = Demand::memory();
    demand.record_all(&counted(&many)).unwrap();
    let tags = demand.figures(date, date).unwrap();
    let tags: Vec<_> = tags.iter().filter(|f| f.counter == "started-tag").collect();
    assert_eq!(tags.len(), 51, "50 tags and `other`");
    assert_eq!(tags.iter().find(|f| f.label == "other").unwrap().count, 10);
}

#[test]
fn more_than_fifty_tags_a_day_count_as_other_on_every_backend() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Disk::open(dir.path()).unwrap();
    let backends: Vec<Arc<dyn DemandStore>> = vec![
        Arc::new(MemoryDemand::default()),
        Arc::new(SledDemand::new(disk)),
    ];
    for backend in backends {
        let demand = Demand::new(backend);
        for i in 0..60 {
            let started = Event::Started {
                tag: Some(format!("tag{i}")),
            };
            demand
                .record(tuesday_morning(), "telegram", None, &[started])
                .unwrap();
        }
        let date = tuesday_morning().date_naive();
        let tags: Vec<_> = demand
            .figures(date, date)
            .unwrap()
            .into_iter()
            .filter(|f| f.counter == "started-tag")
            .collect();
        assert_eq!(tags.len(), 51, "50 tags and `other`");
        let other = tags.iter().find(|f| f.label == "other").unwrap();
        assert_eq!(other.count, 10);
    }
}

/// A conversation is counted once a day per person, and a referral once a day per person: one
/// account sending links or `/start` again and again is one conversation, one tag.
#[test]
fn a_person_starting_again_the_same_day_is_one_conversation() {
    let app = super::support::app_with(Arc::new(krok::store::MemoryStore::new()));
    let person = krok::store::UserKey::new("tg", "4242");
    let started = |line: &str, minutes: i64| -> Vec<Event> {
        let at = tuesday_morning() + chrono::TimeDelta::minutes(minutes);
        let inbound = krok::core::message::Inbound::from_text(line);
        let events = app.handle(&person, &inbound, at).events;
        events
            .into_iter()
            .filter(|e| matches!(e, Event::Started { .. }))
            .collect()
    };
    let tagged = |tag: &str| {
        vec![Event::Started {
            tag: Some(tag.to_owned()),
        }]
    };
    assert_eq!(started("/start legal-uk-mops", 0), tagged("mops"));
    assert_eq!(started("/start legal-uk-mops", 1), vec![]);
    assert_eq!(started("/start", 2), vec![]);
    // One referral a day per person: an account opening fifty made-up tags would otherwise
    // take the day's list of tags from the caseworkers' real ones.
    for i in 0..55 {
        assert_eq!(started(&format!("/start legal-uk-junk{i}"), 3), vec![]);
    }
    assert_eq!(
        started("/start legal-uk-mops", 24 * 60),
        tagged("mops"),
        "the next day"
    );
    assert_eq!(started("/start", 24 * 60 + 1), vec![]);
    // `/forget` takes the session and its marks, not the day's count: a loop of made-up
    // links and `/forget` is still one conversation, one tag.
    for i in 0..5 {
        assert_eq!(started("/forget", 24 * 60 + 2), vec![]);
        assert_eq!(
            started(&format!("/start legal-uk-junk{i}"), 24 * 60 + 3),
            vec![]
        );
    }
    let other = krok::store::UserKey::new("tg", "4343");
    let at = tuesday_morning() + chrono::TimeDelta::minutes(24 * 60 + 4);
    let events = app
        .handle(
            &other,
            &krok::core::message::Inbound::from_text("/start legal-uk-mops"),
            at,
        )
        .events;
    assert!(
        events.contains(&tagged("mops")[0]),
        "another person counts: {events:?}"
    );
    // The same account starting the bot in groups of its own is still that one person.
    for group in 1..4 {
        let member = krok::store::UserKey::new("tg", &format!("-100{group}/4343"));
        let inbound = krok::core::message::Inbound::from_text(&format!("/start legal-uk-g{group}"))
            .in_shared_chat(true);
        let events = app.handle(&member, &inbound, at).events;
        assert!(
            !events.iter().any(|e| matches!(e, Event::Started { .. })),
            "group {group}: {events:?}"
        );
    }
}

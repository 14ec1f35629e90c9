//! One conformance suite over every `BookingRecords`: sled and memory (the 1000-client race
//! runs over both in `booking.rs`).

use std::sync::Arc;

use krok::booking::{
    Booking, BookingRecords, Bookings, MemoryRecords, Outcome, ReminderKind, SledRecords, State,
};
use krok::core::booking::Contact;
use krok::core::lang::Lang;
use krok::store::{Disk, UserKey};

fn held(code: &str, user: &str, start: i64, until: i64) -> Booking {
    Booking {
        v: 1,
        code: code.into(),
        kind: "legal".into(),
        start,
        user: user.into(),
        lang: Lang::Uk,
        name: None,
        contact: Contact::Chat,
        state: State::Held { until },
        created: 0,
        reminded: Vec::new(),
        outcome: None,
    }
}

fn conformance(records: &dyn BookingRecords) {
    let ann = UserKey::new("tg", "1");
    let bob = UserKey::new("tg", "2");
    assert!(
        records
            .hold(&held("AAAA2222", "tg:1", 1000, 50), 2)
            .unwrap()
    );
    assert!(
        records
            .hold(&held("BBBB3333", "tg:2", 1000, 50), 2)
            .unwrap()
    );
    assert!(
        !records
            .hold(&held("CCCC4444", "tg:3", 1000, 50), 2)
            .unwrap(),
        "a full slot takes no more"
    );
    assert!(!records.contains("CCCC4444").unwrap());
    assert_eq!(records.taken("legal", 1000).unwrap(), 2);
    assert_eq!(records.taken("legal", 2000).unwrap(), 0);
    assert!(
        records
            .confirm("AAAA2222", &bob, "Bob", &Contact::Chat, Lang::Uk, 10)
            .unwrap()
            .is_none(),
        "only the person's own hold"
    );
    assert!(
        records
            .confirm("AAAA2222", &ann, "Ann", &Contact::Chat, Lang::Uk, 60)
            .unwrap()
            .is_none(),
        "not after it ran out"
    );
    let confirmed = records
        .confirm(
            "AAAA2222",
            &ann,
            "Ann",
            &Contact::Phone("+48600100200".into()),
            Lang::Uk,
            10,
        )
        .unwrap()
        .unwrap();
    assert_eq!(confirmed.state, State::Confirmed);
    assert_eq!(confirmed.name.as_deref(), Some("Ann"));
    assert_eq!(records.get("AAAA2222").unwrap(), Some(confirmed.clone()));
    assert_eq!(
        records.expired_holds(100).unwrap(),
        vec!["BBBB3333".to_string()],
        "a confirmed booking is no longer a hold"
    );
    assert!(
        records.remove("BBBB3333", Some(&ann)).unwrap().is_none(),
        "not Ann's"
    );
    assert!(records.remove("BBBB3333", None).unwrap().is_some());
    assert_eq!(
        records.taken("legal", 1000).unwrap(),
        1,
        "its place is free again"
    );
    assert!(records.expired_holds(100).unwrap().is_empty());
    let mut reminded = confirmed.clone();
    reminded.reminded.push(ReminderKind::DayBefore);
    let remind = |b: &mut Booking| b.remind(ReminderKind::DayBefore);
    assert_eq!(
        records.change("AAAA2222", &remind).unwrap(),
        Some(reminded.clone())
    );
    assert_eq!(records.all().unwrap(), vec![reminded.clone()]);
    let done = |b: &mut Booking| b.outcome = Some(Outcome::Done);
    let changed = records.change("AAAA2222", &done).unwrap().unwrap();
    assert_eq!(
        changed.reminded, reminded.reminded,
        "a change keeps the rest"
    );
    assert_eq!(records.get("AAAA2222").unwrap(), Some(changed));
    assert!(
        records.change("BBBB3333", &remind).unwrap().is_none(),
        "a change never brings back a cancelled booking"
    );
    assert!(!records.contains("BBBB3333").unwrap());
    assert!(records.remove("AAAA2222", Some(&ann)).unwrap().is_some());
    assert_eq!(records.taken("legal", 1000).unwrap(), 0);
    assert!(records.all().unwrap().is_empty());
}

#[test]
fn memory_booking_records_conform() {
    conformance(&MemoryRecords::default());
}

#[test]
fn sled_booking_records_conform() {
    let dir = tempfile::tempdir().unwrap();
    conformance(&SledRecords::new(Disk::open(dir.path()).unwrap()));
}

#[test]
fn a_booking_that_cannot_be_read_is_an_error_not_a_skip() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Disk::open(dir.path()).unwrap();
    disk.read()
        .unwrap()
        .trees
        .bookings
        .insert("BROKEN42", &b"{"[..])
        .unwrap();
    let bookings = Bookings::new(Arc::new(SledRecords::new(disk)));
    assert!(bookings.forget(&UserKey::new("tg", "1")).is_err());
    assert!(bookings.mine(&UserKey::new("tg", "1")).is_err());
}

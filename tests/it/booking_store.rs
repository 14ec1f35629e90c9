//! One conformance suite over every `BookingRecords`: sled and memory (the 1000-client race
//! runs over both in `booking.rs`).

use std::sync::Arc;

use krok::booking::{
    Booking, BookingRecords, Bookings, CancelNote, CancelledBy, MemoryRecords, Outcome,
    ReminderKind, SledRecords, State,
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
        records
            .remove("BBBB3333", Some(&ann), None)
            .unwrap()
            .is_none(),
        "not Ann's"
    );
    // A hold let go is kept as nothing, even with a note.
    let by_desk = CancelNote {
        at: 70,
        by: CancelledBy::Caseworker,
        reason: Some("Консультантка захворіла".into()),
    };
    assert!(
        records
            .remove("BBBB3333", None, Some(&by_desk))
            .unwrap()
            .is_some()
    );
    assert!(records.cancelled().unwrap().is_empty());
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
    let gone = records
        .remove("AAAA2222", Some(&ann), Some(&by_desk))
        .unwrap()
        .unwrap();
    assert_eq!(records.taken("legal", 1000).unwrap(), 0);
    assert!(records.all().unwrap().is_empty());
    // A confirmed booking cancelled with a note is kept as cancelled, as it was.
    let kept = records.cancelled().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (
            &kept[0].booking,
            kept[0].at,
            kept[0].by,
            kept[0].reason.as_deref()
        ),
        (
            &gone,
            70,
            CancelledBy::Caseworker,
            Some("Консультантка захворіла")
        )
    );
    assert!(
        !records.contains("AAAA2222").unwrap(),
        "not a booking any more"
    );
    assert_eq!(
        records
            .drop_cancelled(&|c| c.booking.user == "tg:2")
            .unwrap(),
        0
    );
    assert_eq!(
        records
            .drop_cancelled(&|c| c.booking.user == "tg:1")
            .unwrap(),
        1
    );
    assert!(records.cancelled().unwrap().is_empty());
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

/// A cancelled booking stays on its day for the desk, until `/forget` or the sweep of old days.
fn cancelled_kept_until_forget_or_sweep(records: Arc<dyn BookingRecords>) {
    let bookings = Bookings::new(Arc::clone(&records));
    // Thursday 2026-12-03 16:00 and 16:30 in Kraków.
    let (four, half_past) = (1_796_310_000, 1_796_311_800);
    for (code, user, start) in [("AAAA2222", "1", four), ("BBBB3333", "2", half_past)] {
        assert!(
            records
                .hold(&held(code, &format!("tg:{user}"), start, 50), 2)
                .unwrap()
        );
        let user = UserKey::new("tg", user);
        records
            .confirm(code, &user, "Оля", &Contact::Chat, Lang::Uk, 10)
            .unwrap()
            .unwrap();
    }
    let note = |by| CancelNote {
        at: 100,
        by,
        reason: None,
    };
    let ann = UserKey::new("tg", "1");
    assert!(
        bookings
            .cancel_noted("BBBB3333", None, &note(CancelledBy::Caseworker))
            .unwrap()
            .is_some()
    );
    assert!(
        bookings
            .cancel_noted("AAAA2222", Some(&ann), &note(CancelledBy::Person))
            .unwrap()
            .is_some()
    );
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let on_day = || {
        bookings
            .cancelled_on(day)
            .unwrap()
            .into_iter()
            .map(|c| (c.booking.code, c.by))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        on_day(),
        [
            ("AAAA2222".to_owned(), CancelledBy::Person),
            ("BBBB3333".to_owned(), CancelledBy::Caseworker)
        ],
        "by time"
    );
    assert!(
        bookings
            .cancelled_on(day.succ_opt().unwrap())
            .unwrap()
            .is_empty()
    );
    assert!(bookings.day(day).unwrap().is_empty(), "no longer bookings");
    bookings.forget(&ann).unwrap();
    assert_eq!(
        on_day().len(),
        1,
        "/forget deletes the person's cancelled booking too"
    );
    let after = chrono::DateTime::from_timestamp(half_past + 31 * 86_400, 0).unwrap();
    assert_eq!(bookings.sweep_old(30, after).unwrap(), 1);
    assert!(on_day().is_empty(), "swept with its day");
}

#[test]
fn cancelled_bookings_are_kept_until_forget_or_sweep_in_memory_and_sled() {
    cancelled_kept_until_forget_or_sweep(Arc::new(MemoryRecords::default()));
    let dir = tempfile::tempdir().unwrap();
    cancelled_kept_until_forget_or_sweep(Arc::new(SledRecords::new(
        Disk::open(dir.path()).unwrap(),
    )));
}

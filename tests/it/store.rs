//! One conformance suite over every `SessionStore`; sled across a restart; the stored format.

use std::sync::Arc;

use krok::core::lang::Lang;
use krok::core::session::{Screen, Session};
use krok::store::{MemoryStore, SessionStore, SledStore, StoreError, UserKey, decode, encode};

fn session(node: &str, at: i64) -> Session {
    Session {
        lang: Some(Lang::Uk),
        screen: Screen::Node,
        node: node.into(),
        history: vec!["start".into(), "legal".into()],
        tag: Some("mops".into()),
        referred_at: None,
        updated_at: at,
        booking: None,
        listed: Vec::new(),
        crisis: None,
        unplaced: 0,
        chose_lang: false,
        pressed: Vec::new(),
        unread: false,
        greeted_at: None,
        also: None,
    }
}

fn conformance(store: &dyn SessionStore) {
    let ann = UserKey::new("tg", "1001");
    let bob = UserKey::new("mx", "@bob:example.org");
    assert_eq!(
        store.load(&ann).unwrap(),
        None,
        "unknown user has no session"
    );
    store.save(&ann, &session("legal", 100)).unwrap();
    store.save(&bob, &session("donate", 200)).unwrap();
    assert_eq!(store.load(&ann).unwrap(), Some(session("legal", 100)));
    store.save(&ann, &session("legal_advice", 150)).unwrap();
    assert_eq!(
        store.load(&ann).unwrap().unwrap().node,
        "legal_advice",
        "save replaces"
    );
    assert_eq!(store.len().unwrap(), 2);
    assert_eq!(
        store.users_like("", "").unwrap(),
        vec![bob.clone(), ann.clone()],
        "sorted"
    );
    let like = |prefix: &str, suffix: &str| store.users_like(prefix, suffix).unwrap();
    assert_eq!(
        like(&bob.as_str()[..3], ""),
        vec![bob.clone()],
        "by the start"
    );
    assert_eq!(
        like("", &ann.as_str()[3..]),
        vec![ann.clone()],
        "by the end"
    );
    assert!(like("zz", "").is_empty());
    store.forget(&ann).unwrap();
    assert_eq!(
        store.users_like("", "").unwrap(),
        vec![bob.clone()],
        "forget deletes"
    );
    assert_eq!(store.load(&ann).unwrap(), None, "forget deletes");
    store.forget(&ann).unwrap();
    assert_eq!(store.len().unwrap(), 1, "forgetting twice is fine");
    store.save(&ann, &session("legal", 100)).unwrap();
    assert_eq!(
        store.sweep(150).unwrap(),
        1,
        "only the session idle since before 150 goes"
    );
    assert_eq!(store.load(&ann).unwrap(), None);
    assert!(store.load(&bob).unwrap().is_some());
    store.flush().unwrap();
}

#[test]
fn memory_store_conforms() {
    conformance(&MemoryStore::new());
}

#[test]
fn sled_store_conforms() {
    let dir = tempfile::tempdir().unwrap();
    conformance(&SledStore::open(dir.path()).unwrap());
}

#[test]
fn sled_sessions_survive_a_restart_and_the_folder_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ann = UserKey::new("tg", "1001");
    {
        let store = SledStore::open(&data).unwrap();
        store.save(&ann, &session("legal", 100)).unwrap();
        store.flush().unwrap();
    }
    let store = SledStore::open(&data).unwrap();
    assert_eq!(store.load(&ann).unwrap(), Some(session("legal", 100)));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&data).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn a_whole_conversation_continues_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let first = {
        let app = super::support::app_with(Arc::new(SledStore::open(dir.path()).unwrap()));
        super::support::transcript_with(&app, Some(Lang::Pl), &["/start", "2"])
    };
    assert!(first.contains("2. "), "{first}");
    let app = super::support::app_with(Arc::new(SledStore::open(dir.path()).unwrap()));
    let after = super::support::transcript_with(&app, None, &["1"]);
    // Option 1 of the legal step is free legal advice: the session remembered where we were.
    assert!(after.contains("510 080 765"), "{after}");
}

#[test]
fn stored_format_is_versioned() {
    let bytes = encode(&session("legal", 1_764_579_600)).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    insta::assert_json_snapshot!("stored_session_v1", json);
    assert_eq!(decode(&bytes).unwrap(), session("legal", 1_764_579_600));
    let future = br#"{"v":2,"node":"start"}"#;
    assert!(matches!(decode(future), Err(StoreError::Version(2))));
    assert!(matches!(decode(b"not json"), Err(StoreError::Codec(_))));
}

#[test]
fn stored_booking_and_queued_message_formats_are_versioned() {
    let booking = krok::booking::Booking {
        v: 1,
        code: "K7M2QX9A".into(),
        kind: "legal".into(),
        start: 1_764_864_000,
        user: "tg:1001".into(),
        lang: Lang::Uk,
        name: Some("Оля".into()),
        contact: krok::core::booking::Contact::Phone("+48600100200".into()),
        state: krok::booking::State::Confirmed,
        created: 1_764_579_600,
        reminded: vec![krok::booking::ReminderKind::DayBefore],
        outcome: Some(krok::booking::Outcome::NotReached),
    };
    let json = serde_json::to_value(&booking).unwrap();
    insta::assert_json_snapshot!("stored_booking_v1", json);
    let mut before_marks = json.clone();
    before_marks.as_object_mut().unwrap().remove("outcome");
    let read: krok::booking::Booking = serde_json::from_value(before_marks).unwrap();
    assert_eq!(
        read.outcome, None,
        "records from before desk marks still read"
    );
    let item = krok::outbox::Item::new(
        "1001",
        krok::outbox::Priority::Crisis,
        krok::adapters::telegram::convert::TgMsg::Text {
            html: "<b>112</b>".into(),
            buttons: vec![("▶️".into(), "@resume".into())],
        },
    );
    insta::assert_json_snapshot!("queued_telegram_message_v1", item);
    let old = br#"{"chat":"1001","priority":"Reply","msg":{"ClearKeyboard":{"message_id":5}}}"#;
    let read: krok::outbox::Item<krok::adapters::telegram::convert::TgMsg> =
        serde_json::from_slice(old).unwrap();
    assert_eq!(
        read.v, 1,
        "a record from before the version field is version 1"
    );
}

//! The turn pipeline and its port: one conformance suite over every `TurnStore`; faults that
//! used to be lost at the seams (a caseworker's cancel on another platform, a failed commit,
//! a booking `/forget` could not read, guessable codes, a console booking in sled).

use std::process::Command;
use std::sync::Arc;

use krok::adapters::console;
use krok::app::App;
use krok::booking::Bookings;
use krok::core::lang::Lang;
use krok::core::session::{Screen, Session};
use krok::pipeline::{Incoming, Outcome};
use krok::store::{
    BookingUpdate, Commit, MemoryStore, Platform, Record, SessionStore, SledStore, StoreError,
    TurnStore, UserKey,
};

use super::support::{Captured, krok_bin, root, shipped, tuesday_morning};

fn session(node: &str, at: i64) -> Session {
    Session {
        lang: Some(Lang::Pl),
        screen: Screen::Node,
        node: node.into(),
        history: Vec::new(),
        tag: None,
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

fn record(platform: Platform, seq: u64, bytes: &[u8]) -> Record {
    Record {
        platform,
        seq,
        bytes: bytes.to_vec(),
    }
}

fn turn_conformance(store: &dyn TurnStore) {
    let ann = UserKey::new("tg", "1001");
    assert!(!store.handled(Platform::Telegram, b"u1").unwrap());
    assert_eq!(store.address(&ann).unwrap(), None);
    let (a, b, c) = (
        store.next_seq().unwrap(),
        store.next_seq().unwrap(),
        store.next_seq().unwrap(),
    );
    assert!(a < b && b < c, "queue positions increase: {a} {b} {c}");
    let queued = [
        record(Platform::Telegram, a, b"reply"),
        record(Platform::Matrix, b, b"notice"),
    ];
    store
        .commit(&Commit {
            user: &ann,
            session: Some(&session("legal", 100)),
            chat: Some("1001"),
            handled: Some(b"u1"),
            at: 100,
            queued: &queued,
            booking: None,
        })
        .unwrap();
    assert_eq!(store.load(&ann).unwrap(), Some(session("legal", 100)));
    assert!(store.handled(Platform::Telegram, b"u1").unwrap());
    assert!(
        !store.handled(Platform::Matrix, b"u1").unwrap(),
        "ids are per platform"
    );
    assert_eq!(store.address(&ann).unwrap().as_deref(), Some("1001"));
    assert_eq!(
        store.queued(Platform::Telegram).unwrap(),
        vec![(a, b"reply".to_vec())]
    );
    assert_eq!(
        store.queued(Platform::Matrix).unwrap(),
        vec![(b, b"notice".to_vec())],
        "a notice for another platform is queued there"
    );
    store.dequeue(Platform::Telegram, a).unwrap();
    assert!(store.queued(Platform::Telegram).unwrap().is_empty());
    store
        .enqueue(&[record(Platform::Telegram, c, b"reminder")], None)
        .unwrap();
    assert_eq!(
        store.queued(Platform::Telegram).unwrap(),
        vec![(c, b"reminder".to_vec())]
    );
    store
        .commit(&Commit {
            user: &ann,
            session: None,
            chat: Some("1001"),
            handled: Some(b"u2"),
            at: 200,
            queued: &[],
            booking: None,
        })
        .unwrap();
    assert_eq!(
        store.load(&ann).unwrap(),
        None,
        "a commit without a session forgets"
    );
    assert_eq!(
        store.address(&ann).unwrap(),
        None,
        "and where to reach them"
    );
    assert_eq!(store.sweep_handled(150).unwrap(), 1);
    assert!(!store.handled(Platform::Telegram, b"u1").unwrap());
    assert!(store.handled(Platform::Telegram, b"u2").unwrap());
    commit_all_conformance(store);
}

/// A batch's turns in one commit: each written as if alone, in order, the last one of a
/// person winning.
fn commit_all_conformance(store: &dyn TurnStore) {
    let (bob, eve) = (UserKey::new("tg", "2002"), UserKey::new("tg", "3003"));
    let (d, e) = (store.next_seq().unwrap(), store.next_seq().unwrap());
    let (first, second, hers) = (
        session("menu", 300),
        session("legal", 301),
        session("food", 302),
    );
    let (to_bob, to_eve) = (
        [record(Platform::Telegram, d, b"to bob")],
        [record(Platform::Telegram, e, b"to eve")],
    );
    let turn = |user, session, chat, id, queued| Commit {
        user,
        session,
        chat: Some(chat),
        handled: Some(id),
        at: 300,
        queued,
        booking: None,
    };
    store
        .commit_all(&[
            turn(&bob, Some(&first), "2002", b"b1", &to_bob),
            turn(&eve, Some(&hers), "3003", b"e1", &to_eve),
            turn(&bob, Some(&second), "2002", b"b2", &[]),
        ])
        .unwrap();
    assert_eq!(store.load(&bob).unwrap(), Some(second));
    assert_eq!(store.load(&eve).unwrap(), Some(hers));
    for id in [b"b1", b"e1", b"b2"] {
        assert!(store.handled(Platform::Telegram, id).unwrap());
    }
    let queued: Vec<u64> = store
        .queued(Platform::Telegram)
        .unwrap()
        .into_iter()
        .map(|(seq, _)| seq)
        .filter(|seq| [d, e].contains(seq))
        .collect();
    assert_eq!(queued, vec![d, e]);
    store.commit_all(&[]).unwrap();
}

fn booking_mark_conformance(store: &dyn TurnStore) {
    let bookings = store.bookings();
    let booking = confirmed(store, &UserKey::new("tg", "77"));
    let code = booking.code.clone();
    let done = Some(krok::booking::Outcome::Done);
    // Not before its time: a mark on a consultation still to come is refused.
    let early = bookings
        .mark(&booking.code, done, booking.start - 1)
        .unwrap();
    assert!(matches!(early, krok::booking::Marked::Early), "{early:?}");
    let marked = bookings.mark(&booking.code, done, booking.start).unwrap();
    assert!(
        matches!(marked, krok::booking::Marked::Done(_)),
        "{marked:?}"
    );
    let remind = |code| {
        let seq = store.next_seq().unwrap();
        store
            .enqueue(
                &[record(Platform::Telegram, seq, b"reminder")],
                Some(BookingUpdate {
                    code,
                    reminded: krok::booking::ReminderKind::DayBefore,
                }),
            )
            .unwrap();
    };
    remind(&code);
    let marked = bookings.get(&code).unwrap().unwrap();
    assert_eq!(
        marked.reminded,
        vec![krok::booking::ReminderKind::DayBefore]
    );
    assert_eq!(marked.outcome, done, "a mark made meanwhile is kept");
    bookings.cancel(&code, None).unwrap();
    remind(&code);
    assert!(
        bookings.get(&code).unwrap().is_none(),
        "a reminder's mark does not bring back a cancelled booking"
    );
}

/// A legal consultation held and confirmed for `user` at the first free time.
fn confirmed(store: &dyn TurnStore, user: &UserKey) -> krok::booking::Booking {
    let bookings = store.bookings();
    let schedule = &shipped().schedule;
    let now = tuesday_morning();
    let start = bookings.free_slots(schedule, "legal", None, now).unwrap()[0];
    let krok::booking::Hold::Held(code) = bookings
        .hold(schedule, "legal", start, user, Lang::Uk, now)
        .unwrap()
    else {
        panic!("a free slot can be held")
    };
    let contact = krok::core::booking::Contact::Chat;
    bookings
        .confirm(&code, user, "Olena", &contact, Lang::Uk, now)
        .unwrap()
        .unwrap()
}

/// Where to reach a person is kept while their session or a booking needs it: past the
/// session for the booking's reminders, and no longer once the booking is gone too.
fn sweep_conformance(store: &dyn TurnStore) {
    let (booked, active) = (UserKey::new("tg", "5501"), UserKey::new("tg", "5502"));
    let commit = |user, at: i64, chat| {
        store
            .commit(&Commit {
                user,
                session: Some(&session("legal", at)),
                chat: Some(chat),
                handled: None,
                at,
                queued: &[],
                booking: None,
            })
            .unwrap()
    };
    commit(&booked, 100, "5501");
    commit(&active, 300, "5502");
    let bookings = store.bookings();
    let code = confirmed(store, &booked).code;
    assert_eq!(store.sweep(200).unwrap(), 1);
    assert_eq!(store.load(&booked).unwrap(), None);
    assert_eq!(
        store.address(&booked).unwrap().as_deref(),
        Some("5501"),
        "kept for the booking's reminders"
    );
    bookings.cancel(&code, None).unwrap();
    assert_eq!(store.sweep(200).unwrap(), 0);
    assert_eq!(
        store.address(&booked).unwrap(),
        None,
        "no session and no booking: nothing to reach them for"
    );
    assert_eq!(store.address(&active).unwrap().as_deref(), Some("5502"));
    assert!(store.load(&active).unwrap().is_some());
}

/// Where a platform's event stream was read up to: none at first, the latest noted, one per
/// platform.
fn position_conformance(store: &dyn TurnStore) {
    assert_eq!(store.position(Platform::Matrix).unwrap(), None);
    store
        .set_position(Platform::Matrix, "s72594_4483_1934")
        .unwrap();
    store
        .set_position(Platform::Matrix, "s72595_4483_1935")
        .unwrap();
    assert_eq!(
        store.position(Platform::Matrix).unwrap().as_deref(),
        Some("s72595_4483_1935")
    );
    assert_eq!(store.position(Platform::Telegram).unwrap(), None);
}

#[test]
fn memory_turn_store_conforms() {
    turn_conformance(&MemoryStore::new());
    booking_mark_conformance(&MemoryStore::new());
    position_conformance(&MemoryStore::new());
    sweep_conformance(&MemoryStore::new());
}

#[test]
fn sled_turn_store_conforms_and_keeps_it_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = SledStore::open(dir.path()).unwrap();
        turn_conformance(&store);
        booking_mark_conformance(&store);
        position_conformance(&store);
        sweep_conformance(&store);
        // Made durable by the next flush, as every turn's commit does.
        store.flush().unwrap();
    }
    let store = SledStore::open(dir.path()).unwrap();
    assert_eq!(
        store.position(Platform::Matrix).unwrap().as_deref(),
        Some("s72595_4483_1935")
    );
    assert!(store.handled(Platform::Telegram, b"u2").unwrap());
    // One from the turns, two from one batch, two reminders (the port queues what it is
    // given; the pipeline reads the booking back under the person's lock before it queues a
    // reminder).
    assert_eq!(store.queued(Platform::Telegram).unwrap().len(), 5);
    assert!(store.handled(Platform::Telegram, b"b2").unwrap());
}

/// A store whose commits fail, as a full disk would make them.
struct FailingCommits(MemoryStore);

impl SessionStore for FailingCommits {
    fn load(&self, user: &UserKey) -> Result<Option<Session>, StoreError> {
        self.0.load(user)
    }
    fn save(&self, user: &UserKey, session: &Session) -> Result<(), StoreError> {
        self.0.save(user, session)
    }
    fn forget(&self, user: &UserKey) -> Result<(), StoreError> {
        self.0.forget(user)
    }
    fn sweep(&self, before: i64) -> Result<usize, StoreError> {
        self.0.sweep(before)
    }
    fn len(&self) -> Result<usize, StoreError> {
        self.0.len()
    }
    fn users_like(&self, prefix: &str, suffix: &str) -> Result<Vec<UserKey>, StoreError> {
        self.0.users_like(prefix, suffix)
    }
    fn flush(&self) -> Result<(), StoreError> {
        self.0.flush()
    }
}

impl TurnStore for FailingCommits {
    fn bookings(&self) -> Arc<Bookings> {
        self.0.bookings()
    }
    fn handled(&self, platform: Platform, id: &[u8]) -> Result<bool, StoreError> {
        self.0.handled(platform, id)
    }
    fn address(&self, user: &UserKey) -> Result<Option<String>, StoreError> {
        self.0.address(user)
    }
    fn next_seq(&self) -> Result<u64, StoreError> {
        self.0.next_seq()
    }
    fn commit_all(&self, _: &[Commit<'_>]) -> Result<(), StoreError> {
        Err(StoreError::Corrupt("disk full".into()))
    }
    fn enqueue(&self, r: &[Record], b: Option<BookingUpdate<'_>>) -> Result<(), StoreError> {
        self.0.enqueue(r, b)
    }
    fn queued(&self, platform: Platform) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        self.0.queued(platform)
    }
    fn dequeue(&self, platform: Platform, seq: u64) -> Result<(), StoreError> {
        self.0.dequeue(platform, seq)
    }
    fn position(&self, platform: Platform) -> Result<Option<String>, StoreError> {
        self.0.position(platform)
    }
    fn set_position(&self, platform: Platform, position: &str) -> Result<(), StoreError> {
        self.0.set_position(platform, position)
    }
    fn sweep_handled(&self, before: i64) -> Result<usize, StoreError> {
        self.0.sweep_handled(before)
    }
    fn drafts(&self) -> Result<Vec<UserKey>, StoreError> {
        self.0.drafts()
    }
    fn mark_erased(&self) {}
    fn erase_deleted(&self) -> Result<bool, StoreError> {
        self.0.erase_deleted()
    }

    fn erasure_pending(&self) -> bool {
        self.0.erasure_pending()
    }
}

fn typed(text: &str) -> Incoming {
    console::incoming(text, None)
}

#[test]
fn a_failed_commit_answers_in_the_persons_own_language_with_the_crisis_lines() {
    let store = Arc::new(FailingCommits(MemoryStore::new()));
    store
        .0
        .save(
            &console::user(),
            &session("legal", tuesday_morning().timestamp()),
        )
        .unwrap();
    let screen = Captured::default();
    let pipeline = console::pipeline(
        App::new(shipped(), store.clone(), 30),
        store,
        screen.clone(),
    );
    let outcome = pipeline.turn(&typed("1"), tuesday_morning());
    assert_eq!(outcome, Outcome::Failed);
    let said = screen.take();
    assert!(
        said.contains("coś poszło nie tak"),
        "Polish, from the session: {said}"
    );
    assert!(
        said.contains("112") && said.contains("+48 12 421 92 82"),
        "{said}"
    );
}

/// A message of `who` on the console platform, with a platform event id.
fn from(who: &str, id: &[u8], text: &str) -> Incoming {
    Incoming {
        user: UserKey::new("console", who),
        chat: who.to_owned(),
        id: Some(id.to_vec()),
        ..typed(text)
    }
}

#[test]
fn a_batch_is_decided_in_order_each_turn_on_the_last_and_saved_at_once() {
    let batch = [
        from("ann", b"1", "/start legal-uk"),
        from("bob", b"2", "/start"),
        from("ann", b"3", "1"),
        from("ann", b"3", "1"),
        from("bob", b"4", "/forget"),
    ];
    let one_by_one = Arc::new(MemoryStore::new());
    let alone = console::pipeline(
        App::new(shipped(), one_by_one.clone(), 30),
        one_by_one.clone(),
        Captured::default(),
    );
    let outcomes: Vec<Outcome> = batch
        .iter()
        .map(|i| alone.turn(i, tuesday_morning()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Arc::new(SledStore::open(dir.path()).unwrap());
        let screen = Captured::default();
        let batched = console::pipeline(
            App::new(shipped(), store.clone(), 30),
            store.clone(),
            screen.clone(),
        );
        assert_eq!(batched.turns(&batch, tuesday_morning()), outcomes);
        assert_eq!(
            outcomes,
            [
                Outcome::Answered,
                Outcome::Answered,
                Outcome::Answered,
                Outcome::Duplicate,
                Outcome::Answered
            ],
            "a redelivery inside the batch is seen"
        );
        assert!(!screen.take().is_empty());
    }
    // What the batch saved survives a restart, and is what turns one by one leave.
    let store = SledStore::open(dir.path()).unwrap();
    let ann = UserKey::new("console", "ann");
    let bob = UserKey::new("console", "bob");
    assert!(store.load(&ann).unwrap().is_some());
    assert_eq!(store.load(&ann).unwrap(), one_by_one.load(&ann).unwrap());
    assert_eq!(store.load(&bob).unwrap(), None, "bob forgot himself");
}

/// A full batch of many people, each with several turns in it: each person's turns stay in
/// order, a redelivery is still seen, and what is said and saved is what turns one by one
/// give, in the same order.
#[test]
fn a_batch_of_many_people_gives_what_turns_one_by_one_give() {
    let lines = [
        "/start legal-uk",
        "1",
        "мене б'є чоловік",
        "2",
        "назад",
        "/lang",
        "3",
        "/forget",
    ];
    let mut batch = Vec::new();
    for round in 0..lines.len() {
        for who in 0..12 {
            // Each person starts further along, so the lanes hold different turns.
            let line = lines[(round + who) % lines.len()];
            let id = format!("{who}-{round}");
            batch.push(from(&format!("p{who}"), id.as_bytes(), line));
        }
    }
    batch.push(from("p3", b"3-2", "redelivered"));
    let run = |store: Arc<dyn TurnStore>, batched: bool| {
        let screen = Captured::default();
        let pipeline = console::pipeline(
            App::new(shipped(), store.clone(), 30),
            store.clone(),
            screen.clone(),
        );
        let outcomes: Vec<Outcome> = match batched {
            true => pipeline.turns(&batch, tuesday_morning()),
            false => batch
                .iter()
                .map(|i| pipeline.turn(i, tuesday_morning()))
                .collect(),
        };
        let sessions: Vec<_> = (0..12)
            .map(|who| {
                store
                    .load(&UserKey::new("console", &format!("p{who}")))
                    .unwrap()
            })
            .collect();
        (outcomes, screen.take(), sessions)
    };
    let dir = tempfile::tempdir().unwrap();
    let batched = run(Arc::new(SledStore::open(dir.path()).unwrap()), true);
    let alone = run(Arc::new(MemoryStore::new()), false);
    assert_eq!(batched.0, alone.0);
    assert_eq!(batched.0.last(), Some(&Outcome::Duplicate));
    assert_eq!(batched.1, alone.1, "the same replies in the same order");
    assert_eq!(batched.2, alone.2);
    assert!(batched.2.iter().any(Option::is_some) && batched.2.iter().any(Option::is_none));
}

#[test]
fn a_batch_that_cannot_be_saved_answers_everyone_in_it_with_the_crisis_lines() {
    let store = Arc::new(FailingCommits(MemoryStore::new()));
    let screen = Captured::default();
    let pipeline = console::pipeline(
        App::new(shipped(), store.clone(), 30),
        store,
        screen.clone(),
    );
    let batch = [
        from("ann", b"1", "/start legal-uk"),
        from("bob", b"2", "/start legal-en"),
    ];
    let outcomes = pipeline.turns(&batch, tuesday_morning());
    assert_eq!(outcomes, [Outcome::Failed, Outcome::Failed]);
    let said = screen.take();
    assert_eq!(
        said.matches("щось пішло не так").count(),
        2,
        "each is told, in the language of the hint or Ukrainian: {said}"
    );
    assert_eq!(said.matches("+48 12 421 92 82").count(), 2, "{said}");
    assert!(
        !said.contains("Legal") && !said.contains("юрид"),
        "none of the turns' own replies, which were not saved: {said}"
    );
}

#[test]
fn forget_that_cannot_read_a_booking_says_so_and_keeps_trying_until_it_can() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(dir.path()).unwrap());
    let bookings = store.db().open_tree("bookings").unwrap();
    bookings.insert("BROKEN42", &b"{not json"[..]).unwrap();
    let screen = Captured::default();
    let pipeline = console::pipeline(
        App::new(shipped(), store.clone(), 30),
        store.clone(),
        screen.clone(),
    );
    pipeline.turn(&typed("/start legal-en"), tuesday_morning());
    screen.take();
    pipeline.turn(&typed("/forget"), tuesday_morning());
    let said = screen.take();
    assert!(!said.contains("I have deleted"), "{said}");
    assert!(said.contains("couldn't delete everything"), "{said}");
    assert!(
        store.load(&console::user()).unwrap().is_some(),
        "nothing is half-forgotten"
    );
    assert_eq!(
        pipeline.retry_forgets(tuesday_morning()),
        1,
        "still waiting"
    );
    assert!(screen.take().is_empty());
    bookings.remove("BROKEN42").unwrap();
    assert_eq!(pipeline.retry_forgets(tuesday_morning()), 0);
    let said = screen.take();
    assert!(said.contains("I have deleted everything"), "{said}");
    assert!(store.load(&console::user()).unwrap().is_none());
}

#[test]
fn booking_codes_are_unguessable_and_differ_between_deployments() {
    let first_code = || {
        let store = MemoryStore::new();
        let bookings = store.bookings();
        let schedule = &shipped().schedule;
        let now = tuesday_morning();
        let start = bookings.free_slots(schedule, "legal", None, now).unwrap()[0];
        let user = UserKey::new("tg", "1");
        match bookings
            .hold(schedule, "legal", start, &user, Lang::Uk, now)
            .unwrap()
        {
            krok::booking::Hold::Held(code) => code,
            krok::booking::Hold::Taken => panic!("free"),
        }
    };
    let codes: std::collections::HashSet<String> = (0..20).map(|_| first_code()).collect();
    assert_eq!(
        codes.len(),
        20,
        "the first booking of each store gets its own code"
    );
    for code in &codes {
        assert_eq!(code.len(), 8);
        assert!(
            code.chars()
                .all(|c| "ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains(c)),
            "no look-alike characters: {code}"
        );
    }
}

#[test]
fn a_booking_made_in_the_console_with_sled_survives_the_end_of_the_process() {
    let data = tempfile::tempdir().unwrap();
    let lines = "/start legal-en\n1\n1\n1\nOlena\n1\n1\n";
    let out = super::bounded::output(
        Command::new(krok_bin())
            .args(["console", "--store", "sled", "--lang", "en"])
            .current_dir(root())
            .env_clear()
            .env("KROK_DATA_DIR", data.path())
            .env("PATH", std::env::var("PATH").unwrap_or_default()),
        lines.as_bytes(),
        super::bounded::PROCESS_LIMIT,
        "krok console --store sled",
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("Booked: "), "{said}");
    let store = SledStore::open(data.path()).unwrap();
    let mine = store.bookings().mine(&console::user()).unwrap();
    assert_eq!(mine.len(), 1, "the booking is still there: {said}");
    assert!(said.contains(&mine[0].code));
}

#[test]
fn invalid_utf8_on_the_console_is_read_not_fatal() {
    let screen = Captured::default();
    let store = Arc::new(MemoryStore::new());
    let pipeline = console::pipeline(
        App::new(shipped(), store.clone(), 30),
        store,
        screen.clone(),
    );
    let input: &[u8] = b"/start legal-en\n\xff\xfe hello\n1\n";
    console::run(&pipeline, Some(Lang::En), input, tuesday_morning).unwrap();
    let said = screen.take();
    assert!(said.matches("\n\n").count() >= 3, "three answers: {said}");
}

/// Two chats of one person with the bot (two Matrix DMs): a number typed in the one that did
/// not get the last list is not a choice on that list; the list is shown there instead.
#[test]
fn a_number_typed_in_another_chat_than_the_last_list_shows_the_list_there() {
    let store = Arc::new(MemoryStore::new());
    let screen = Captured::default();
    let pipeline = console::pipeline(
        App::new(shipped(), store.clone(), 30),
        store.clone(),
        screen.clone(),
    );
    let in_chat = |chat: &str, id: &[u8], text: &str| Incoming {
        chat: chat.to_owned(),
        ..from("ann", id, text)
    };
    let now = tuesday_morning();
    pipeline.turn(&in_chat("r1", b"1", "/start legal-en"), now);
    pipeline.turn(&in_chat("r2", b"2", "/start legal-en"), now);
    pipeline.turn(&in_chat("r2", b"5", "1"), now);
    let place = |who: &str| store.load(&UserKey::new("console", who)).unwrap().unwrap();
    let ann = || place("ann");
    assert_eq!(ann().node, "legal_advice", "a number in the same chat acts");
    screen.take();
    pipeline.turn(&in_chat("r1", b"3", "1"), now);
    assert!(
        ann().booking.is_none(),
        "no booking started from r1's old list"
    );
    let shown = screen.take();
    assert!(
        shown.contains("1. 📅 Book a time"),
        "the list shown in r1: {shown}"
    );
    pipeline.turn(&in_chat("r1", b"4", "1"), now);
    assert!(
        ann().booking.is_some(),
        "the list shown there, now chosen from"
    );

    // A reply to a list sent before the person's last turn (Element's "Reply" to an older
    // message): shown again, not chosen from; a reply to the last list chooses.
    let bob = |id: &[u8], answers: i64| Incoming {
        answers: Some(answers),
        ..from("bob", id, "1")
    };
    let later = now + chrono::TimeDelta::seconds(30);
    pipeline.turn(&from("bob", b"b1", "/start legal-en"), now);
    pipeline.turn(&from("bob", b"b2", "menu"), later);
    let bob_now = || place("bob");
    screen.take();
    pipeline.turn(&bob(b"b3", now.timestamp_millis() + 200), later);
    assert_eq!(
        bob_now().node,
        "start",
        "the older legal list's 1 is not taken"
    );
    let shown = screen.take();
    assert!(
        shown.contains("What do you need?")
            && shown.contains("That number was for an earlier list"),
        "the main menu shown again, with the crisis lines: {shown}"
    );
    // The last list, stamped by a homeserver whose clock is two seconds behind Krok's.
    pipeline.turn(&bob(b"b4", later.timestamp_millis() - 2000), later);
    assert_eq!(bob_now().node, "crisis", "the last list's 1 is");
}

/// The notice before leaving a shared Matrix room, when nobody's language is known and the
/// words tell none, is said in the four languages, each with the crisis lines.
#[test]
fn a_shared_room_notice_in_no_known_language_is_said_in_all_four() {
    let store = Arc::new(MemoryStore::new());
    let pipeline = console::pipeline(
        App::new(shipped(), store.clone(), 30),
        store,
        Captured::default(),
    );
    let said = pipeline.shared_room_notice(None, "");
    for start in [
        "У цій кімнаті",
        "W tym pokoju",
        "There are more people",
        "В этой комнате",
    ] {
        assert!(said.contains(start), "{start}: {said}");
    }
    assert_eq!(said.matches("+48 12 421 92 82").count(), 4, "{said}");
}

//! Privacy that holds on disk: files private whatever the umask, nothing of a person left in
//! any file after `/forget` and a graceful stop, and a draft's name and phone erased (on disk
//! too) when its hold runs out.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use std::sync::Arc;

use chrono::TimeDelta;
use krok::adapters::console;
use krok::app::App;
use krok::store::{SessionStore, SledStore, TurnStore};

use super::contract::erase::found;
use super::support::{Captured, krok_bin, root, shipped, tuesday_morning};

const NAME: &str = "Qwyxzzorp";
const PHONE: &str = "+48 600 987 431";
const PHONE_DIGITS: &str = "48600987431";

/// Every folder and file under `folder` that is not private: (path, mode).
fn not_private(folder: &std::path::Path) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut stack = vec![folder.to_owned()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        let want = if meta.is_dir() { 0o700 } else { 0o600 };
        if mode != want {
            out.push((path.display().to_string(), mode));
        }
        if meta.is_dir() {
            stack.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .flatten()
                    .map(|e| e.path()),
            );
        }
    }
    out
}

#[test]
fn krok_console_with_umask_000_writes_only_private_files_and_erases_at_a_graceful_stop() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lines = [
        "legal-en",
        "1",
        "1",
        "1",
        NAME,
        "2",
        PHONE,
        "1",
        "/bookings",
    ];
    let run = |lines: &[&str]| {
        let input = lines.join("\n") + "\n";
        let out = super::bounded::output(
            Command::new("sh")
                .arg("-c")
                .arg("umask 000; exec \"$0\" console --store sled")
                .arg(krok_bin())
                .current_dir(root())
                .env("KROK_DATA_DIR", &data),
            input.as_bytes(),
            super::bounded::PROCESS_LIMIT,
            "krok console --store sled",
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let said = run(&lines);
    assert!(
        said.contains("Qwyxzzorp") || said.contains("booked") || said.contains("code"),
        "{said}"
    );
    assert_eq!(
        not_private(&data),
        vec![],
        "files and folders must be 0600 / 0700"
    );
    let needles = [NAME.to_owned(), PHONE_DIGITS.to_owned()];
    assert!(
        !found(&data, None, &needles).is_empty(),
        "the booking was kept: {said}"
    );
    let said = run(&["/forget"]);
    assert!(said.contains("deleted"), "{said}");
    assert_eq!(
        found(&data, None, &needles),
        vec![],
        "erased at once on a graceful stop"
    );
    assert_eq!(not_private(&data), vec![]);
}

#[test]
fn an_abandoned_drafts_name_and_phone_are_erased_on_disk_when_its_hold_runs_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(dir.path()).unwrap());
    let screen = Captured::default();
    let app = App::new(shipped(), store.clone(), 30);
    let pipeline = console::pipeline(app, store.clone(), screen.clone());
    let now = tuesday_morning();
    for line in ["legal-en", "1", "1", "1", NAME, "2", PHONE] {
        pipeline.turn(&console::incoming(line, None), now);
    }
    let user = console::incoming("x", None).user;
    assert!(store.load(&user).unwrap().unwrap().has_contact());
    let needles = [NAME.to_owned(), PHONE_DIGITS.to_owned()];
    pipeline.settle_erasures(now).unwrap();
    assert_eq!(
        found(dir.path(), None, &needles).len(),
        2,
        "kept while the slot is held"
    );

    assert!(
        !pipeline.erasure_pending(),
        "nothing deleted yet: a disk fault now is no pending erasure"
    );
    let later = now + TimeDelta::hours(1);
    pipeline.expire_drafts(later).unwrap();
    assert!(
        pipeline.erasure_pending(),
        "the contact is overwritten, not yet erased"
    );
    pipeline.settle_erasures(later).unwrap();
    assert!(!pipeline.erasure_pending());
    assert!(!store.load(&user).unwrap().unwrap().has_contact());
    assert_eq!(store.drafts().unwrap(), vec![]);
    assert_eq!(
        found(dir.path(), None, &needles),
        vec![],
        "gone from disk with the hold"
    );

    // Agreeing now says the time ran out and offers times again; nothing is booked.
    screen.take();
    pipeline.turn(&console::incoming("1", None), later);
    let said = screen.take();
    assert!(said.contains("have passed"), "{said}");
    assert!(pipeline.app().bookings().mine(&user).unwrap().is_empty());
}

#[test]
fn a_rewrite_keeps_every_live_record_and_queue_numbers_keep_rising() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let before = store.next_seq().unwrap();
    let user = krok::store::UserKey::new("tg", "5550100200");
    let mut session = krok::core::session::Session::new("start", 1);
    session.lang = Some(krok::core::lang::Lang::Pl);
    store.save(&user, &session).unwrap();
    store.disk().rewrite().unwrap();
    assert_eq!(store.load(&user).unwrap(), Some(session));
    assert!(store.next_seq().unwrap() > before);
    drop(store);
    let store = SledStore::open(dir.path()).unwrap();
    assert!(store.next_seq().unwrap() > before, "across a restart too");
    let folders: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("sled") && !n.contains('.'))
        .collect();
    assert_eq!(
        folders,
        vec!["sled-1".to_owned()],
        "the old generation is gone"
    );
}

/// A deletion cut short by a crash is finished at the next start, and a sent message that the
/// crash left in the queue (its removal only in the sent journal) is removed before the copy:
/// the "everything is deleted" answer carries the person's chat, so none of its bytes may
/// survive in the new generation.
#[test]
fn a_pending_erasure_at_start_leaves_no_byte_of_a_sent_message_the_crash_left_queued() {
    let dir = tempfile::tempdir().unwrap();
    let chat = "chat-7719034455";
    let seq = {
        let store = SledStore::open(dir.path()).unwrap();
        let seq = store.next_seq().unwrap();
        let record = krok::store::Record {
            platform: krok::store::Platform::Telegram,
            seq,
            bytes: format!("{{\"chat\":\"{chat}\"}}").into_bytes(),
        };
        store.enqueue(&[record], None).unwrap();
        seq
    };
    // The crash: the message was sent and its removal journalled, the removal itself and the
    // rewrite the deletion asked for never reached the disk.
    let mut entry = vec![0u8];
    entry.extend_from_slice(&seq.to_be_bytes());
    std::fs::write(dir.path().join("queue.sent"), entry).unwrap();
    std::fs::write(dir.path().join("sled.erase-pending"), b"").unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    assert!(
        store
            .queued(krok::store::Platform::Telegram)
            .unwrap()
            .is_empty()
    );
    drop(store);
    assert_eq!(
        found(dir.path(), None, &[chat.to_owned()]),
        Vec::<(String, String)>::new()
    );
    assert!(!dir.path().join("sled.erase-pending").exists());
}

/// A caseworker's `/day` list, waiting in a Telegram outage, names a person who then asks to
/// be forgotten: the list is withdrawn (it would carry their name and phone after the
/// "everything is deleted" answer), no byte of it stays on disk, and the caseworker's later
/// messages still come.
#[test]
fn a_day_list_waiting_in_an_outage_goes_with_a_person_it_names_who_is_forgotten() {
    use super::botapi::BotApi;
    use super::routing::book_slot;
    use super::telegram::WAIT;
    use krok::store::Platform;

    let api = BotApi::start(true);
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SledStore::open(dir.path()).unwrap());
    let app = App::new(shipped(), store.clone(), 30).with_staff(["tg:662".to_owned()]);
    let pipeline = Arc::new(krok::pipeline::Pipeline::new(app, store.clone()));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let telegram = krok::adapters::telegram::Telegram::connect(
        super::telegram::config(&api),
        pipeline.clone(),
    );
    let telegram = runtime.block_on(telegram).unwrap();
    let (stop, shutdown) = krok::shutdown::Shutdown::new();
    let serving = runtime.spawn(telegram.serve(shutdown));
    let (person, caseworker) = (661, 662);
    let (code, seen, start) = book_slot(&api, person, "uk");
    let date = chrono::DateTime::from_timestamp(start, 0)
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Warsaw)
        .format("%Y-%m-%d")
        .to_string();
    let waiting_with_code = || {
        store
            .queued(Platform::Telegram)
            .unwrap()
            .iter()
            .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains(&code))
    };

    api.send_outage(true);
    api.send_text(caseworker, "pl", &format!("/day {date}"));
    super::support::wait_for("the day list queued", waiting_with_code);
    api.send_text(person, "uk", "/forget");
    super::support::wait_for("the list withdrawn", || !waiting_with_code());
    api.send_outage(false);
    let told = api.wait_messages(person, seen + 1, WAIT);
    assert!(
        told.len() > seen,
        "the person is told everything is deleted"
    );
    api.send_text(caseworker, "pl", "/help");
    let staff = api.wait_messages(caseworker, 1, WAIT);
    assert_eq!(staff.len(), 1, "the caseworker's help comes");
    assert!(
        staff.iter().all(|m| !m.text.contains(&code)),
        "the withdrawn list never comes: {staff:?}"
    );
    pipeline.settle_erasures(chrono::Utc::now()).unwrap();
    assert_eq!(
        found(dir.path(), None, &[code.clone(), "Оля".to_owned()]),
        vec![],
        "nothing of the list stays on disk"
    );
    stop.fire();
    super::bounded::stopped(&runtime, serving, "the Telegram adapter").unwrap();
}

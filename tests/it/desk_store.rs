//! One conformance suite over every `DeskStore` (sled and memory), and the desk's sign-in
//! rules over it: a link works once, for ten minutes; a session ends when idle or signed out;
//! only digests of the secrets reach the disk.

use std::sync::Arc;

use krok::desk::{Access, LINK_SECONDS, SESSION_SECONDS};
use krok::staff::Staff;
use krok::store::{
    DeskGrant, DeskSession, DeskStore, Disk, MemoryDesk, SessionStore, SledDesk, SledStore,
};

fn digest(n: u8) -> [u8; 32] {
    [n; 32]
}

fn session(who: &str, last_seen: i64) -> DeskSession {
    DeskSession {
        who: who.into(),
        csrf: "c".repeat(64),
        started: last_seen,
        last_seen,
    }
}

fn conformance(store: &dyn DeskStore) {
    let grant = DeskGrant {
        who: "tg:7".into(),
        until: 1_000,
    };
    store.grant(&digest(1), &grant).unwrap();
    assert_eq!(store.redeem(&digest(2)).unwrap(), None, "another token");
    assert_eq!(store.redeem(&digest(1)).unwrap(), Some(grant.clone()));
    assert_eq!(store.redeem(&digest(1)).unwrap(), None, "used once");

    store.open(&digest(3), &session("tg:7", 100)).unwrap();
    let seen = store.session(&digest(3), 150, 60).unwrap().unwrap();
    assert_eq!((seen.who.as_str(), seen.last_seen), ("tg:7", 150));
    assert!(
        store.session(&digest(3), 200, 60).unwrap().is_some(),
        "idle 50 s"
    );
    assert!(
        store.session(&digest(3), 261, 60).unwrap().is_none(),
        "idle 61 s"
    );
    assert!(
        store.session(&digest(3), 262, 60).unwrap().is_none(),
        "ended"
    );

    store.open(&digest(4), &session("mx:@a:b", 100)).unwrap();
    store.close(&digest(4)).unwrap();
    assert!(
        store.session(&digest(4), 101, 60).unwrap().is_none(),
        "signed out"
    );

    // Signing out everywhere ends every session of one caseworker and voids their unused
    // links, and only theirs.
    for (n, who) in [(10, "tg:7"), (11, "tg:7"), (12, "tg:8")] {
        store.open(&digest(n), &session(who, 100)).unwrap();
    }
    let link = |who: &str| DeskGrant {
        who: who.into(),
        until: 1_000,
    };
    store.grant(&digest(13), &link("tg:7")).unwrap();
    store.grant(&digest(14), &link("tg:8")).unwrap();
    assert_eq!(store.close_all("tg:7").unwrap(), 2);
    assert_eq!(store.redeem(&digest(13)).unwrap(), None, "voided");
    assert_eq!(store.redeem(&digest(14)).unwrap(), Some(link("tg:8")));
    assert!(store.session(&digest(10), 101, 60).unwrap().is_none());
    assert!(store.session(&digest(11), 101, 60).unwrap().is_none());
    assert!(store.session(&digest(12), 101, 60).unwrap().is_some());
    assert_eq!(store.close_all("tg:7").unwrap(), 0);
    store.close(&digest(12)).unwrap();

    store.grant(&digest(5), &grant).unwrap();
    store
        .grant(
            &digest(6),
            &DeskGrant {
                until: 5_000,
                ..grant
            },
        )
        .unwrap();
    store.open(&digest(7), &session("tg:7", 2_000)).unwrap();
    store.open(&digest(8), &session("tg:8", 2_950)).unwrap();
    assert_eq!(store.sweep(3_000, 60).unwrap(), 2, "one grant, one session");
    assert!(store.redeem(&digest(6)).unwrap().is_some());
    assert!(store.session(&digest(8), 3_000, 60).unwrap().is_some());
    signing_out_wins_over_a_cookie_in_use(store);
    signing_out_wins_over_a_sign_in_under_way(store);
}

/// A stolen cookie in use, request after request, while its caseworker signs out everywhere:
/// no request that read the session before the sign-out writes it back after.
fn signing_out_wins_over_a_cookie_in_use(store: &dyn DeskStore) {
    for round in 0..200u8 {
        let hash = digest(100u8.wrapping_add(round));
        store.open(&hash, &session("tg:9", 10_000)).unwrap();
        let stop = std::sync::atomic::AtomicBool::new(false);
        let used = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| {
                    let mut now = 10_000;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        now += 1;
                        store.session(&hash, now, 3_600).unwrap();
                        used.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                });
            }
            // Signed out while both are at it.
            while used.load(std::sync::atomic::Ordering::Relaxed) < 20 {
                std::thread::yield_now();
            }
            store.close_all("tg:9").unwrap();
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
        });
        assert_eq!(
            store.session(&hash, 10_000, i64::MAX / 4).unwrap(),
            None,
            "round {round}: a request in flight undid the sign-out"
        );
    }
}

/// A sign-in under way (its link taken) while its caseworker signs out everywhere: the
/// session it opens is ended too, or never opens; the grant is used either way.
fn signing_out_wins_over_a_sign_in_under_way(store: &dyn DeskStore) {
    let opens = |g: &DeskGrant| Some(session(&g.who, 20_000));
    for round in 0..50u8 {
        let (grant, into) = (digest(round), digest(255 - round));
        store.grant(&grant, &link_of("tg:10")).unwrap();
        // The sign-out comes while the sign-in is between taking the link and opening.
        let taken = std::sync::atomic::AtomicBool::new(false);
        let slow = |g: &DeskGrant| {
            taken.store(true, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(2));
            opens(g)
        };
        let signed_in = std::thread::scope(|scope| {
            let signing_in = scope.spawn(|| store.sign_in(&grant, &into, &slow).unwrap());
            while !taken.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::yield_now();
            }
            store.close_all("tg:10").unwrap();
            signing_in.join().unwrap()
        });
        let left = store.session(&into, 20_001, 3_600).unwrap();
        assert_eq!(
            left, None,
            "round {round}: a sign-in ({signed_in:?}) opened after the sign-out"
        );
        assert_eq!(store.redeem(&grant).unwrap(), None, "round {round}: used");
    }
    // Alone, it opens what the grant makes, once; a grant the caller refuses opens nothing.
    store.grant(&digest(1), &link_of("tg:11")).unwrap();
    let opened = store.sign_in(&digest(1), &digest(2), &opens).unwrap();
    assert_eq!(opened, Some(session("tg:11", 20_000)));
    assert_eq!(
        store
            .session(&digest(2), 20_001, 3_600)
            .unwrap()
            .map(|s| s.who),
        Some("tg:11".into())
    );
    assert_eq!(store.sign_in(&digest(1), &digest(3), &opens).unwrap(), None);
    store.grant(&digest(4), &link_of("tg:11")).unwrap();
    assert_eq!(
        store.sign_in(&digest(4), &digest(5), &|_| None).unwrap(),
        None
    );
    assert_eq!(store.session(&digest(5), 20_001, 3_600).unwrap(), None);
    assert_eq!(
        store.redeem(&digest(4)).unwrap(),
        None,
        "taken all the same"
    );
}

fn link_of(who: &str) -> DeskGrant {
    DeskGrant {
        who: who.into(),
        until: 30_000,
    }
}

#[test]
fn memory_desk_conforms() {
    conformance(&MemoryDesk::default());
}

#[test]
fn sled_desk_conforms() {
    let dir = tempfile::tempdir().unwrap();
    conformance(&SledDesk::new(Disk::open(dir.path()).unwrap()));
}

fn access(store: Arc<dyn DeskStore>) -> Access {
    Access::new(
        store,
        "https://desk.example.org/",
        8 * 60,
        Staff::new(staff(&["tg:7", "tg:8"])),
    )
}

fn staff(who: &[&str]) -> Vec<String> {
    who.iter().map(|w| (*w).to_owned()).collect()
}

fn token_of(link: &str) -> &str {
    link.strip_prefix("https://desk.example.org/login?token=")
        .unwrap()
}

#[test]
fn a_link_opens_one_session_once_within_ten_minutes() {
    let desk = access(Arc::new(MemoryDesk::default()));
    let link = desk.link("tg:7", 1_000).unwrap();
    let token = token_of(&link);
    assert_eq!(token.len(), 64);
    let opened = desk.sign_in(token, 1_000 + LINK_SECONDS).unwrap().unwrap();
    assert_eq!(opened.session.who, "tg:7");
    assert_ne!(opened.cookie, token);
    assert_ne!(opened.session.csrf, opened.cookie);
    assert!(desk.sign_in(token, 1_001).unwrap().is_none(), "used");

    let late = desk.link("tg:7", 1_000).unwrap();
    assert!(
        desk.sign_in(token_of(&late), 1_001 + LINK_SECONDS)
            .unwrap()
            .is_none()
    );
    assert!(
        desk.sign_in(token_of(&late), 1_002).unwrap().is_none(),
        "gone"
    );

    let cookie = &opened.cookie;
    assert!(desk.session(cookie, 2_000).unwrap().is_some());
    assert!(Access::form_ok(&opened.session, &opened.session.csrf));
    assert!(!Access::form_ok(&opened.session, &"0".repeat(64)));
    assert!(
        desk.session(cookie, 2_000 + 8 * 3600 + 1)
            .unwrap()
            .is_none(),
        "idle"
    );

    let again = desk
        .sign_in(token_of(&desk.link("tg:7", 50_000).unwrap()), 50_000)
        .unwrap()
        .unwrap();
    desk.sign_out(&again.cookie).unwrap();
    assert!(
        desk.session(&again.cookie, 50_001).unwrap().is_none(),
        "signed out"
    );
    for junk in [
        "",
        "x",
        "../..",
        &"g".repeat(64),
        &again.cookie.to_uppercase(),
    ] {
        assert!(desk.session(junk, 50_001).unwrap().is_none(), "{junk}");
        assert!(desk.sign_in(junk, 50_001).unwrap().is_none(), "{junk}");
    }
}

/// Taking a caseworker off `caseworkers` (and starting again) takes the desk away: their open
/// session and their unused link open nothing; a session in constant use ends twelve hours
/// after its sign-in.
#[test]
fn a_caseworker_taken_off_the_list_loses_the_desk_and_a_session_lasts_a_working_day() {
    let store: Arc<dyn DeskStore> = Arc::new(MemoryDesk::default());
    let before = access(Arc::clone(&store));
    let opened = before
        .sign_in(token_of(&before.link("tg:7", 1_000).unwrap()), 1_001)
        .unwrap()
        .unwrap();
    let unused = before.link("tg:7", 1_002).unwrap();
    let kept = before
        .sign_in(token_of(&before.link("tg:8", 1_000).unwrap()), 1_001)
        .unwrap()
        .unwrap();

    let after = Access::new(
        Arc::clone(&store),
        "https://desk.example.org",
        480,
        Staff::new(staff(&["tg:8"])),
    );
    assert!(after.session(&opened.cookie, 1_010).unwrap().is_none());
    assert!(after.sign_in(token_of(&unused), 1_010).unwrap().is_none());
    assert!(
        before.session(&opened.cookie, 1_011).unwrap().is_none(),
        "the session was ended, not only refused"
    );

    let mut now = 1_010;
    while now < 1_001 + SESSION_SECONDS {
        assert!(after.session(&kept.cookie, now).unwrap().is_some(), "{now}");
        now += 3_600;
    }
    assert!(
        after
            .session(&kept.cookie, 1_002 + SESSION_SECONDS)
            .unwrap()
            .is_none(),
        "twelve hours after the sign-in"
    );
}

#[test]
fn the_data_folder_holds_no_desk_secret() {
    let dir = tempfile::tempdir().unwrap();
    let store = SledStore::open(dir.path()).unwrap();
    let desk = access(store.desk());
    let link = desk.link("tg:7", 1_000).unwrap();
    let unused = desk.link("tg:8", 1_000).unwrap();
    let opened = desk.sign_in(token_of(&link), 1_001).unwrap().unwrap();
    store.flush().unwrap();
    drop(store);
    let mut bytes = Vec::new();
    for entry in walk(dir.path()) {
        bytes.extend(std::fs::read(entry).unwrap());
    }
    let text = String::from_utf8_lossy(&bytes);
    for secret in [token_of(&unused), &opened.cookie] {
        assert!(!text.contains(secret), "a secret is on disk in clear");
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

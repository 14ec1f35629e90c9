//! `krok link`: every link opens its step, in its language, with its tag; bad requests refused.

use std::sync::Arc;

use krok::core::engine::{first_message, typed_code};
use krok::core::lang::Lang;
use krok::core::message::Inbound;
use krok::store::{MemoryStore, SessionStore, UserKey};

use super::super::botapi::{BOT_USERNAME, BotApi, TOKEN};
use super::super::support::{app_with, shipped, tuesday_morning};
use super::{BOT, MATRIX_USER, PLATFORMS, field, krok};

/// What the Matrix adapter makes of a person's first message.
fn matrix_first_message(text: &str) -> Inbound {
    first_message(&shipped(), text)
}

/// A new person follows the link; returns where their session is.
fn follow(inbound: Inbound, hint: Option<Lang>) -> (String, Option<Lang>, Option<String>) {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store.clone());
    let user = UserKey::new("tg", "42");
    app.handle(&user, &inbound.with_hint(hint), tuesday_morning());
    let s = store.load(&user).unwrap().expect("a session");
    (s.node, s.lang, s.tag)
}

#[test]
fn every_link_opens_its_step_in_its_language_with_its_tag() {
    for node in shipped().dialog.nodes() {
        let id = node.id.as_str();
        for lang in Lang::ALL {
            let (code, out, err) = krok(
                &["link", id, "--lang", lang.code(), "--tag", "MOPS"],
                &PLATFORMS,
            );
            assert_eq!(code, 0, "{err}");
            let tg = field(&out, "telegram");
            let payload = tg
                .strip_prefix(&format!("https://t.me/{BOT}?start="))
                .unwrap_or_else(|| panic!("{tg}"));
            let want = (id.to_owned(), Some(lang), Some("mops".to_owned()));
            let start = Inbound::from_text(&format!("/start {payload}"));
            assert_eq!(follow(start, None), want, "Telegram {tg}");
            assert_eq!(
                field(&out, "matrix"),
                format!("https://matrix.to/#/{MATRIX_USER}")
            );
            let typed = field(&out, "matrix code").split(' ').next().unwrap();
            assert_eq!(typed, payload);
            assert_eq!(
                follow(matrix_first_message(typed), None),
                want,
                "Matrix {typed}"
            );
        }
        // Without --lang the person's own language is kept, with a tag too.
        let (_, out, _) = krok(&["link", id], &PLATFORMS);
        let payload = field(&out, "telegram").rsplit('=').next().unwrap();
        let start = Inbound::from_text(&format!("/start {payload}"));
        assert_eq!(
            follow(start, Some(Lang::Pl)),
            (id.to_owned(), Some(Lang::Pl), None)
        );
        let (_, out, _) = krok(&["link", id, "--tag", "mops"], &PLATFORMS);
        let payload = field(&out, "telegram").rsplit('=').next().unwrap();
        assert_eq!(payload, format!("{id}--mops"));
        let start = Inbound::from_text(&format!("/start {payload}"));
        let tagged = (id.to_owned(), Some(Lang::Ru), Some("mops".to_owned()));
        assert_eq!(follow(start, Some(Lang::Ru)), tagged);
        assert_eq!(
            follow(matrix_first_message(payload), Some(Lang::Ru)),
            tagged
        );
    }
}

/// A code typed as phones and people type it opens its step: capitalised, with spaces, after
/// a greeting, mid-conversation when it names a language; a step's id inside a sentence, or
/// alone mid-conversation, stays a word.
#[test]
fn a_code_is_found_as_people_type_it() {
    let content = shipped();
    let code = |text: &str, first: bool| typed_code(&content, text, first);
    let want = Some("legal_advice-ru-mops".to_owned());
    for typed in [
        "Legal_advice-ru-mops",
        "LEGAL_ADVICE-RU-MOPS",
        "legal_advice ru mops",
        "привет, legal_advice-ru-mops!",
    ] {
        assert_eq!(code(typed, true), want, "{typed}");
        assert_eq!(code(typed, false), want, "{typed}, mid-conversation");
    }
    assert_eq!(code("crisis", true), Some("crisis".to_owned()));
    assert_eq!(code("crisis", false), None, "a word mid-conversation");
    assert_eq!(code("I'm in crisis", true), None);
}

#[test]
fn without_a_platform_the_code_is_printed_and_that_said() {
    let (code, out, _) = krok(
        &["link", "legal_advice", "--lang", "uk", "--tag", "mops"],
        &[],
    );
    assert_eq!(code, 0);
    assert_eq!(field(&out, "code"), "legal_advice-uk-mops");
    assert!(out.contains("no platform is configured"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let qr = dir.path().join("x.png");
    let (code, _, err) = krok(&["link", "legal", "--qr", qr.to_str().unwrap()], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("needs a platform"), "{err}");
}

#[test]
fn bad_requests_are_refused_with_a_clear_message() {
    let long_tag = "t".repeat(60);
    let cases: [(&[&str], &str); 6] = [
        (
            &["link", "legal_advise"],
            "no step `legal_advise` in the dialog; did you mean `legal_advice`?",
        ),
        (&["link", "nowhere"], "the steps are: start, crisis,"),
        (
            &["link", "legal", "--lang", "de"],
            "unknown language `de`; use uk, pl, en or ru",
        ),
        (
            &["link", "legal", "--lang", "uk", "--tag", "mops!"],
            "tag `mops!` may use only",
        ),
        (
            &["link", "legal", "--lang", "uk", "--tag", &long_tag],
            "Telegram carries at most 64",
        ),
        (
            &["link", "legal", "--qr", "code.jpg"],
            "code.jpg: the QR code file must end in .svg or .png",
        ),
    ];
    for (args, message) in cases {
        let (code, out, err) = krok(args, &PLATFORMS);
        assert_eq!(code, 1, "{args:?}: {out}");
        assert!(
            err.starts_with("krok: ") && err.contains(message),
            "{args:?}: {err}"
        );
        assert!(out.is_empty(), "{args:?}: nothing on stdout: {out}");
    }
    let (code, _, err) = krok(&["export", "--lang", "xx"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown language `xx`"), "{err}");
}

#[test]
fn with_only_a_token_the_username_is_asked_once_and_cached() {
    let api = BotApi::start(false);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let env = |url: &str| {
        [
            ("KROK_TELEGRAM_TOKEN", TOKEN.to_owned()),
            ("KROK_TELEGRAM_API_URL", url.to_owned()),
            ("KROK_DATA_DIR", data.to_str().unwrap().to_owned()),
        ]
    };
    let run = |env: &[(&str, String)]| {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        krok(&["link", "crisis", "--lang", "ru"], &env)
    };
    let (code, out, err) = run(&env(&api.url));
    assert_eq!(code, 0, "{err}");
    let want = format!("https://t.me/{BOT_USERNAME}?start=crisis-ru");
    assert_eq!(field(&out, "telegram"), want);
    assert!(data.join("telegram_bot_username").exists());
    // Telegram unreachable now: the cached name is used.
    let (code, out, err) = run(&env("http://127.0.0.1:9"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(field(&out, "telegram"), want);
    // Another bot's token is not answered from the cache.
    let mut other = env("http://127.0.0.1:9");
    other[0].1 = "654321:OTHER".into();
    let (code, _, err) = run(&other);
    assert_eq!(code, 1);
    assert!(
        err.contains("getMe") && err.contains("telegram_bot_username"),
        "{err}"
    );
    assert!(
        !err.contains("OTHER"),
        "the token stays out of messages: {err}"
    );
}

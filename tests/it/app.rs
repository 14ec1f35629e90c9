//! `App::handle` beyond the dialog: an infrastructure fault, expiry, forgetting.

use std::sync::Arc;

use chrono::TimeDelta;
use krok::app::App;
use krok::core::lang::Lang;
use krok::core::message::Inbound;
use krok::core::session::Session;
use krok::store::{MemoryStore, SessionStore, StoreError, UserKey};

use super::support::{app_with, shipped, tuesday_morning};

/// A store whose disk is gone: the fake stands in for an infrastructure fault.
struct BrokenStore;

impl SessionStore for BrokenStore {
    fn load(&self, _: &UserKey) -> Result<Option<Session>, StoreError> {
        Err(StoreError::Version(99))
    }
    fn save(&self, _: &UserKey, _: &Session) -> Result<(), StoreError> {
        Err(StoreError::Version(99))
    }
    fn forget(&self, _: &UserKey) -> Result<(), StoreError> {
        Err(StoreError::Version(99))
    }
    fn sweep(&self, _: i64) -> Result<usize, StoreError> {
        Err(StoreError::Version(99))
    }
    fn len(&self) -> Result<usize, StoreError> {
        Err(StoreError::Version(99))
    }
    fn users_like(&self, _: &str, _: &str) -> Result<Vec<UserKey>, StoreError> {
        Err(StoreError::Version(99))
    }
    fn flush(&self) -> Result<(), StoreError> {
        Err(StoreError::Version(99))
    }
}

#[test]
fn a_store_fault_still_answers_in_the_persons_language_with_the_crisis_line() {
    let app = App::new(shipped(), Arc::new(BrokenStore), 30);
    let inbound = Inbound::from_text("/start").with_hint(Some(Lang::Pl));
    let reply = app.handle(&UserKey::new("tg", "7"), &inbound, tuesday_morning());
    assert_eq!(reply.lang, Lang::Pl);
    let text: Vec<&str> = reply.messages.iter().map(|m| m.text.as_str()).collect();
    assert!(text[0].contains("coś poszło nie tak"), "{text:?}");
    assert!(
        text.iter().any(|t| t.contains("+48 12 421 92 82"))
            && text.iter().any(|t| t.contains("112")),
        "{text:?}"
    );
}

#[test]
fn an_idle_session_expires_and_the_sweep_deletes_it() {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store.clone());
    let user = UserKey::new("tg", "8");
    let now = tuesday_morning();
    app.handle(&user, &Inbound::from_text("/start legal-en"), now);
    let later = now + TimeDelta::days(29);
    let reply = app.handle(&user, &Inbound::from_text("1"), later);
    assert!(
        reply.messages[0].text.contains("Thursdays"),
        "still in the legal step after 29 days"
    );
    let much_later = later + TimeDelta::days(31);
    let reply = app.handle(&user, &Inbound::from_text("hello"), much_later);
    assert!(
        reply.messages[0].text.contains("Choose your language"),
        "expired: asked for a language again"
    );
    app.handle(&UserKey::new("tg", "9"), &Inbound::from_text("/start"), now);
    assert_eq!(store.len().unwrap(), 2);
    assert_eq!(
        app.sweep(much_later).unwrap(),
        1,
        "only the idle session is swept"
    );
    assert_eq!(store.len().unwrap(), 1);
}

#[test]
fn forget_deletes_the_session_and_says_so() {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store.clone());
    let user = UserKey::new("mx", "@ann:example.org");
    app.handle(
        &user,
        &Inbound::from_text("/start family-uk-mops"),
        tuesday_morning(),
    );
    assert!(store.load(&user).unwrap().is_some());
    let reply = app.handle(&user, &Inbound::from_text("забудь мене"), tuesday_morning());
    assert!(store.load(&user).unwrap().is_none());
    assert!(
        reply.messages[0].text.contains("видалено"),
        "{:?}",
        reply.messages
    );
}

#[test]
fn services_not_verified_for_long_are_warned_about_with_file_and_line() {
    let content = shipped();
    let verified = content.services.iter().map(|s| s.verified).max().unwrap();
    assert!(content.stale_services(verified, 365).is_empty());
    let two_years_on = verified + TimeDelta::days(730);
    let stale = content.stale_services(two_years_on, 365);
    assert_eq!(stale.len(), content.services.iter().count());
    let first = stale[0].to_string();
    assert!(
        first.contains("dialogs/services.toml:")
            && first.contains("warning: service `emergency-112` was last verified"),
        "{first}"
    );
    // A date still to come (a typo for last year) would hide the warning for as long: said.
    let earliest = content.services.iter().map(|s| s.verified).min().unwrap();
    let ahead = content.stale_services(earliest - TimeDelta::days(1), 365);
    assert_eq!(ahead.len(), content.services.iter().count());
    assert!(
        ahead[0].to_string().contains("which is still to come"),
        "{}",
        ahead[0]
    );
}

/// A first message whose language cannot be told but whose need can (Latin letters, on
/// Matrix, where no language comes with it): after the language list, the step it asked for,
/// not the main menu.
#[test]
fn a_need_written_before_the_language_is_known_is_where_the_language_list_leads() {
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store.clone());
    let person = UserKey::new("mx", "@olena:example.org");
    let say = |text: &str| app.handle(&person, &Inbound::from_text(text), tuesday_morning());
    let first = say("nochleg?");
    assert!(
        first.messages[0].text.contains("Choose your language"),
        "{:?}",
        first.messages
    );
    say("1");
    let session = store.load(&person).unwrap().unwrap();
    assert_eq!(
        (session.node.as_str(), session.lang),
        ("housing", Some(Lang::Uk))
    );
    // Ukrainian in Latin letters is told by its words ("my" is also English): answered in
    // Ukrainian at once.
    let other = UserKey::new("mx", "@petro:example.org");
    let written = "pryvit my na vokzali z dvoma ditmy nema de nochuvaty";
    app.handle(&other, &Inbound::from_text(written), tuesday_morning());
    let session = store.load(&other).unwrap().unwrap();
    assert_eq!(
        (session.node.as_str(), session.lang),
        ("housing", Some(Lang::Uk))
    );
}

/// First messages on Matrix (no language comes with them), as people write them: a greeting
/// alone, or before "I need help", gets the bot's own greeting and menu in the language
/// written, Ukrainian greetings in Ukrainian.
#[test]
fn a_greeting_first_is_answered_in_its_language_with_the_menu() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let cases = [
        ("Добрий день", "Вітаю, я Крок"),
        ("Доброго ранку", "Вітаю, я Крок"),
        ("Добрий день, мені потрібна допомога", "Вітаю, я Крок"),
        ("Dzień dobry, potrzebuję pomocy", "Dzień dobry, jestem Krok"),
        ("Здравствуйте, мне нужна помощь", "Здравствуйте, я Крок"),
        ("Hello, I need help", "Hello, I'm Krok"),
    ];
    for (n, (first, answer)) in cases.into_iter().enumerate() {
        let person = UserKey::new("mx", &format!("@p{n}:example.org"));
        let reply = app.handle(&person, &Inbound::from_text(first), tuesday_morning());
        // A greeting with a cry for help has the numbers to call above the menu.
        let said: Vec<&str> = reply.messages.iter().map(|m| m.text.as_str()).collect();
        assert!(
            said.iter().any(|m| m.starts_with(answer)),
            "{first}: {said:?}"
        );
    }
}

/// A language asked for in words, as people ask, is taken.
#[test]
fn a_language_asked_for_in_words_is_taken() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = UserKey::new("tg", "77");
    let say = |text: &str| {
        let inbound = Inbound::from_text(text).with_hint(Some(Lang::Pl));
        app.handle(&person, &inbound, tuesday_morning()).lang
    };
    assert_eq!(say("/start"), Lang::Pl);
    assert_eq!(say("in english please"), Lang::En);
    assert_eq!(say("по-русски пожалуйста"), Lang::Ru);
    assert_eq!(say("можна українською?"), Lang::Uk);
}

/// A menu answered by typing keeps its buttons on the screen: 🆘 pressed on it later opens
/// the crisis step, not "that button is from an earlier step" and the step the person is at.
/// Mid-booking, only a way to the crisis lines is taken from an old message.
#[test]
fn sos_on_an_earlier_menu_opens_the_crisis_step_even_mid_booking() {
    let out = super::support::transcript(
        Some(Lang::Uk),
        &["/start", "юрист", "[button] start|opt-crisis"],
    );
    let pressed = out.split("> [button]").nth(1).unwrap();
    assert!(
        pressed.contains("телефонуйте 112 просто зараз") && !pressed.contains("з попереднього"),
        "{out}"
    );
    let out = super::support::transcript(
        Some(Lang::Uk),
        &[
            "/start legal_advice-uk",
            "1",
            "1",
            "[button] start|opt-legal",
            "[button] start|opt-crisis",
        ],
    );
    let parts: Vec<&str> = out.split("> [button]").collect();
    assert!(parts[1].contains("з попереднього кроку"), "{out}");
    assert!(parts[2].contains("телефонуйте 112 просто зараз"), "{out}");
}

/// The shipped content with `legal_advice` renamed `legal_free` (its old id kept as an alias
/// when `alias`), or removed from the main path when `removed`.
fn renamed(alias: bool) -> Arc<krok::core::content::Content> {
    let dir = tempfile::tempdir().unwrap();
    let root = super::support::root();
    super::content::copy_dir(&root.join("dialogs"), &dir.path().join("dialogs"));
    super::content::copy_dir(&root.join("locales"), &dir.path().join("locales"));
    for file in ["flow.toml", "triage.toml"] {
        let path = dir.path().join("dialogs").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut text = text.replace("\"legal_advice\"", "\"legal_free\"");
        if alias && file == "flow.toml" {
            text = text.replace(
                "id = \"legal_free\"\n",
                "id = \"legal_free\"\naliases = [\"legal_advice\"]\n",
            );
        }
        std::fs::write(&path, text).unwrap();
    }
    let content =
        krok::files::load_content(&dir.path().join("dialogs"), &dir.path().join("locales"));
    Arc::new(content.unwrap_or_else(|p| panic!("{p}")))
}

fn texts(reply: &krok::app::Reply) -> String {
    let texts: Vec<&str> = reply.messages.iter().map(|m| m.text.as_str()).collect();
    texts.join("\n")
}

/// A renamed step keeps its printed links, the people on it and its old buttons (`aliases`);
/// a link to a step that is gone opens the main menu in the link's language and says why.
#[test]
fn a_renamed_step_keeps_its_links_and_a_link_to_a_gone_step_says_it_is_old() {
    let now = tuesday_morning();
    let store = Arc::new(MemoryStore::new());
    let app = app_with(store.clone());
    let (on_it, scanning) = (UserKey::new("tg", "21"), UserKey::new("tg", "22"));
    let advice = texts(&app.handle(&on_it, &Inbound::from_text("/start legal_advice-pl"), now));
    assert!(advice.starts_with("W czwartki od 16:00"), "{advice}");

    app.set_content(renamed(true));
    let opened = app.handle(
        &scanning,
        &Inbound::from_text("/start legal_advice-pl-mops"),
        now,
    );
    assert_eq!(
        texts(&opened),
        advice,
        "the printed card opens the step it became"
    );
    let pressed = app.handle(
        &on_it,
        &Inbound::new(krok::core::message::InboundKind::Button(
            "legal_advice|opt-book".into(),
        )),
        now,
    );
    assert!(
        !texts(&pressed).contains("przewodnik"),
        "carried on: {}",
        texts(&pressed)
    );
    assert_eq!(store.load(&on_it).unwrap().unwrap().node, "legal_free");

    app.set_content(renamed(false));
    let late = UserKey::new("tg", "23");
    let opened = texts(&app.handle(
        &late,
        &Inbound::from_text("/start legal_advice-pl-mops"),
        now,
    ));
    assert!(
        opened.starts_with(
            "Link, który otworzono, prowadzi do części przewodnika, której już nie ma."
        ),
        "{opened}"
    );
    let session = store.load(&late).unwrap().unwrap();
    assert_eq!(
        (session.lang, session.tag.as_deref()),
        (Some(Lang::Pl), Some("mops"))
    );
    // Typed where there are no links (Matrix), the old card's code is still a code, and a
    // word that only looks like one is not.
    let content = app.content();
    let code = |text: &str| krok::core::engine::typed_code(&content, text, false);
    assert_eq!(
        code("legal_advice-pl-mops").as_deref(),
        Some("legal_advice-pl-mops")
    );
    assert_eq!(code("legal_advice-pl"), None);
}

/// A word the bot did not understand, fixed by editing the message (as people do on phones):
/// the corrected words are answered. An ordinary edit of an understood message is not.
#[test]
fn a_typo_fixed_by_editing_after_not_understood_is_answered() {
    use krok::core::message::InboundKind;
    let app = app_with(Arc::new(MemoryStore::new()));
    let person = UserKey::new("mx", "@oksana:example.org");
    let now = tuesday_morning();
    let say = |inbound: Inbound| texts(&app.handle(&person, &inbound, now));
    say(Inbound::from_text("/start legal-uk"));
    let missed = say(Inbound::from_text("юрсит"));
    assert!(
        missed.starts_with("Вибачте, я не зовсім розумію"),
        "{missed}"
    );
    let fixed = say(Inbound::new(InboundKind::Edited("юрист".into())));
    let lawyer = say(Inbound::from_text("юрист"));
    assert!(
        !fixed.is_empty() && fixed == lawyer,
        "{fixed}\n---\n{lawyer}"
    );
    let again = say(Inbound::new(InboundKind::Edited("юрист!".into())));
    assert!(again.is_empty(), "an understood message edited: {again}");
}

/// `/myid` tells a person the id the caseworkers' list knows them by, only in a private chat;
/// pasted into the settings with the invisible marks some apps copy around it, it is taken.
#[test]
fn myid_answers_the_persons_own_id_which_the_settings_take_as_pasted() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let now = tuesday_morning();
    let person = UserKey::new("tg", "123456789");
    let said = texts(&app.handle(
        &person,
        &Inbound::from_text("/myid@krok_bot").with_hint(Some(Lang::En)),
        now,
    ));
    assert!(said.starts_with("Your id in Krok: tg:123456789."), "{said}");
    let in_group = Inbound::from_text("/myid").in_shared_chat(true);
    assert!(!texts(&app.handle(&person, &in_group, now)).contains("123456789"));
    // As some chat apps copy it: with the marks that keep an id apart from the words around.
    let pasted = " \u{2068}tg:123456789\u{2069} ".to_owned();
    let config = krok::config::Config::load_from(None, [("KROK_CASEWORKERS".to_owned(), pasted)])
        .expect("the pasted id is valid");
    assert_eq!(config.caseworkers, ["tg:123456789"]);
}

/// A line of the list typed or copied whole ("2. ⚖️ Юридичні питання й документи", as
/// Telegram's numbered buttons and Matrix's list show it) chooses that option; its words win
/// over a number from an older list.
#[test]
fn a_numbered_line_copied_whole_chooses_its_option() {
    let app = app_with(Arc::new(MemoryStore::new()));
    let user = UserKey::new("tg", "77");
    let say = |text: &str| app.handle(&user, &Inbound::from_text(text), tuesday_morning());
    let menu = say("/start start-uk");
    let buttons = &menu.messages.last().unwrap().buttons;
    let second = &buttons[1];
    let typed = say(&format!("2. {}", second.label));
    let pressed = {
        let other = UserKey::new("tg", "78");
        app.handle(
            &other,
            &Inbound::from_text("/start start-uk"),
            tuesday_morning(),
        );
        app.handle(&other, &Inbound::from_text("2"), tuesday_morning())
    };
    assert_eq!(texts(&typed), texts(&pressed));
    let again = say("/start start-uk");
    let label = &again.messages.last().unwrap().buttons[1].label;
    assert_eq!(texts(&say(&format!("5) {label}"))), texts(&pressed));
}

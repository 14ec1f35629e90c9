//! Whole conversations, one per language, as insta transcript snapshots.

use krok::core::lang::Lang;

use super::support::transcript;

#[test]
fn uk_deep_link_into_legal_then_crisis_mid_path() {
    insta::assert_snapshot!(transcript(
        None,
        &[
            "/start legal-uk-mops",
            "1",
            "/back",
            "мені страшно, чоловік мене б'є",
            "1",
            "Безкоштовна юридична консультація",
            "/restart",
        ]
    ));
}

#[test]
fn pl_family_seniors_language_switch_and_back() {
    insta::assert_snapshot!(transcript(
        Some(Lang::Pl),
        &["/start", "4", "3", "/lang", "1", "/back", "wstecz"]
    ));
}

#[test]
fn en_unknown_text_stale_button_photo_and_help() {
    insta::assert_snapshot!(transcript(
        Some(Lang::En),
        &[
            "/start",
            "blah blah",
            "3",
            "[button] legal|opt-legal-advice",
            "[button] donate|opt-donate-lviv",
            "[photo]",
            "/help",
            "42",
        ]
    ));
}

#[test]
fn ru_no_hint_asks_language_then_intent_and_forget() {
    insta::assert_snapshot!(transcript(
        None,
        &["привет", "русский", "мне нужен адвокат", "/forget", "2"]
    ));
}

#[test]
fn malformed_deep_link_starts_the_normal_dialog() {
    let t = transcript(
        Some(Lang::En),
        &[
            "/start no_such_node-uk-x",
            "/start legal-xx",
            "/start ../../etc",
        ],
    );
    assert_eq!(t.matches("What do you need?").count(), 3, "{t}");
}

#[test]
fn changing_language_reshows_the_current_step() {
    let t = transcript(Some(Lang::En), &["/start donate-en", "/lang", "Polski"]);
    let last = t.rsplit("> Polski").next().unwrap();
    assert!(
        last.contains("Dziękuj"),
        "the donate step in Polish: {last}"
    );
}

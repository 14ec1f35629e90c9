//! Property tests over what comes from outside: the content loader (a shipped file with any
//! small edit never panics; every problem names a file and a line), the Telegram update
//! decoder (any JSON, any bytes), and the callback data codec. The suite runs a few cases;
//! the fuzz campaign runs many: `PROPTEST_CASES=5000 cargo test --release -- fuzz::`.

use std::path::Path;

use krok::core::content::Content;
use krok::core::lang::Lang;
use krok::core::problem::Source;
use proptest::prelude::*;
use serde_json::{Value, json};

use super::support::root;

/// Every shipped content file: dialogs, then locales with their language.
fn shipped_files() -> (Vec<Source>, Vec<(Lang, Source)>) {
    let read = |dir: &Path| -> Vec<Source> {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                Source::new(
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect()
    };
    let dialogs = read(&root().join("dialogs"));
    let mut locales = Vec::new();
    for lang in Lang::ALL {
        for s in read(&root().join("locales").join(lang.code())) {
            locales.push((lang, s));
        }
    }
    (dialogs, locales)
}

/// One small edit of a text: delete, insert or duplicate a stretch at a character boundary.
#[derive(Clone, Debug)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    Duplicate { at: usize, len: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0..100_000usize;
    prop_oneof![
        (at.clone(), 1..40usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (at.clone(), r#"[\[\]{}="'#\n\t $a-z0-9\-*.\u{feff}ї]{1,12}"#)
            .prop_map(|(at, text)| Edit::Insert { at, text }),
        (at, 1..80usize).prop_map(|(at, len)| Edit::Duplicate { at, len }),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let boundary = |i: usize| {
        let mut i = i % (text.len() + 1);
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match edit {
        Edit::Delete { at, len } => {
            let (a, b) = (boundary(*at), boundary(at + len));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}", &text[..a], &text[b..])
        }
        Edit::Insert { at, text: t } => {
            let a = boundary(*at);
            format!("{}{t}{}", &text[..a], &text[a..])
        }
        Edit::Duplicate { at, len } => {
            let (a, b) = (boundary(*at), boundary(at + len));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{}{}", &text[..b], &text[a..b], &text[b..])
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(12),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_content_loader_reports_any_small_edit_with_file_and_line(
        file in 0..64usize,
        edit in edit(),
    ) {
        let (mut dialogs, mut locales) = shipped_files();
        let total = dialogs.len() + locales.len();
        let i = file % total;
        let target = if i < dialogs.len() { &mut dialogs[i] } else { &mut locales[i - dialogs.len()].1 };
        *target = Source::new(target.path.clone(), apply(&target.text, &edit));
        let lines: usize = target.text.lines().count() + 1;
        let edited = target.path.clone();
        if let Err(problems) = Content::load(&dialogs, &locales) {
            prop_assert!(!problems.0.is_empty());
            for p in &problems.0 {
                let mut known = dialogs.iter().map(|s| &s.path).chain(locales.iter().map(|(_, s)| &s.path));
                prop_assert!(known.any(|path| *path == p.file), "{p}");
                prop_assert!(p.line >= 1, "{p}");
                if p.file == edited {
                    prop_assert!(p.line <= lines, "{p} (the file has {lines} lines)");
                }
            }
        }
    }
}

/// JSON of any shape, a few levels deep, with the field names an update has.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,20}".prop_map(Value::from),
    ];
    let names = prop::sample::select(vec![
        "update_id",
        "message",
        "callback_query",
        "chat",
        "from",
        "id",
        "type",
        "text",
        "date",
        "message_id",
        "data",
        "caption",
        "photo",
        "entities",
        "is_bot",
        "first_name",
        "language_code",
        "offset",
        "length",
        "reply_to_message",
        "edited_message",
    ]);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(names.clone(), inner, 0..6).prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

/// A private text message with `fields` merged over its parts.
fn update_with(fields: Value) -> Value {
    let mut update = json!({
        "update_id": 7,
        "message": {
            "message_id": 1, "date": 1_764_400_000,
            "chat": {"id": 42, "type": "private", "first_name": "Olena"},
            "from": {"id": 42, "is_bot": false, "first_name": "Olena", "language_code": "uk"},
            "text": "/start legal-uk"
        }
    });
    if let (Some(message), Value::Object(fields)) = (update["message"].as_object_mut(), fields) {
        message.extend(fields);
    }
    update
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_telegram_decoder_takes_any_json_without_panicking(fields in json_value(), whole in json_value()) {
        for value in [update_with(fields), whole] {
            if let Ok(update) = serde_json::from_value::<krok::adapters::telegram::update::Update>(value) {
                let _ = krok::adapters::telegram::convert::to_incoming(&update, "krok_bot");
            }
        }
    }

    #[test]
    fn the_telegram_decoder_takes_any_bytes_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(update) = serde_json::from_slice::<krok::adapters::telegram::update::Update>(&bytes) {
            let _ = krok::adapters::telegram::convert::to_incoming(&update, "krok_bot");
        }
    }
}

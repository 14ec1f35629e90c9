//! Shared helpers: the shipped content, a fixed clock, transcripts of whole conversations.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Warsaw;
use krok::adapters::console;
use krok::app::App;
use krok::core::content::Content;
use krok::core::lang::Lang;
use krok::core::message::{Inbound, InboundKind};
use krok::files::load_content;
use krok::store::{MemoryStore, SessionStore};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn shipped() -> Arc<Content> {
    static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
    CONTENT
        .get_or_init(|| {
            let root = root();
            let content = load_content(&root.join("dialogs"), &root.join("locales"));
            Arc::new(content.unwrap_or_else(|p| panic!("shipped content has errors:\n{p}")))
        })
        .clone()
}

/// Tuesday 2026-12-01 10:00 in Kraków: the Migrant Info Point is open, the legal duty is not.
pub fn tuesday_morning() -> DateTime<Utc> {
    warsaw(2026, 12, 1, 10, 0)
}

pub fn warsaw(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Warsaw
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn app_with(store: Arc<dyn SessionStore>) -> App {
    App::new(shipped(), store, 30)
}

/// A whole conversation through the console adapter: each input line, then what the bot said.
pub fn transcript(hint: Option<Lang>, lines: &[&str]) -> String {
    let app = app_with(Arc::new(MemoryStore::new()));
    transcript_with(&app, hint, lines)
}

/// Each line is typed text, except `[button] <data>` (a button press, as Telegram sends it)
/// and `[photo]` (a non-text message).
pub fn transcript_with(app: &App, hint: Option<Lang>, lines: &[&str]) -> String {
    let user = console::user();
    let mut out = String::new();
    for line in lines {
        let inbound = if let Some(data) = line.strip_prefix("[button] ") {
            Inbound::new(InboundKind::Button(data.to_owned()))
        } else if *line == "[photo]" {
            Inbound::new(InboundKind::NonText)
        } else {
            Inbound::from_text(line)
        };
        let reply = app.handle(&user, &inbound.with_hint(hint), tuesday_morning());
        let mut text = Vec::new();
        console::write_reply(&mut text, &reply).unwrap();
        out.push_str(&format!("> {line}\n{}", String::from_utf8(text).unwrap()));
    }
    out
}

pub fn krok_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_krok"))
}

//! Shared helpers: the shipped content, a fixed clock, transcripts of whole conversations,
//! and small loopback network helpers (a free port, a plain GET, waiting for a condition).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

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
    super::bounded::watchdog();
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

/// A pipeline on a fresh sled store in `data`, with caseworkers (`tg:42`, `console:local`).
pub fn sled_pipeline(data: &Path, staff: &[String]) -> Arc<krok::pipeline::Pipeline> {
    let store = Arc::new(krok::store::SledStore::open(data).unwrap());
    let app = App::new(shipped(), store.clone(), 30).with_staff(staff.iter().cloned());
    Arc::new(krok::pipeline::Pipeline::new(app, store))
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
        } else if let Some(caption) = line.strip_prefix("[photo]") {
            let caption = Some(caption.trim().to_owned()).filter(|c| !c.is_empty());
            Inbound::new(InboundKind::NonText { caption })
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
    super::bounded::watchdog();
    Path::new(env!("CARGO_BIN_EXE_krok"))
}

/// How long the network helpers wait.
const NET_WAIT: Duration = Duration::from_secs(20);

/// A loopback port nothing listens on right now.
pub fn free_port() -> u16 {
    super::bounded::watchdog();
    let socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    socket.local_addr().unwrap().port()
}

/// A plain HTTP/1.1 GET: status and body.
pub fn get(port: u16, path: &str) -> Option<(u16, String)> {
    get_as(port, path, "localhost")
}

/// `get` with the `Host` a browser would send for a page of `host`.
pub fn get_as(port: u16, path: &str, host: &str) -> Option<(u16, String)> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(NET_WAIT)).ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, body.to_owned()))
}

/// Polls `check` every 100 ms until it holds; fails after 20 s.
pub fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < NET_WAIT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// What the console channel wrote.
#[derive(Clone, Default)]
pub struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    pub fn take(&self) -> String {
        String::from_utf8(std::mem::take(&mut *self.0.lock().unwrap())).unwrap()
    }
}

/// Everything a reply says, its messages one per line.
pub fn said(reply: &krok::app::Reply) -> String {
    reply
        .messages
        .iter()
        .map(|m| m.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

/// When a booking starting at `start` (Unix seconds), made just now, is reminded, and how its
/// reminder begins: the day before, unless that moment was already past when it was made (a
/// slot less than a day ahead, as the first one offered is in the afternoon before it); then
/// an hour before.
pub fn reminder_moment(start: i64) -> (chrono::DateTime<chrono::Utc>, &'static str) {
    let (at, begins) = if start - 86_400 >= chrono::Utc::now().timestamp() {
        (start - 86_400, "Reminder: tomorrow")
    } else {
        (start - 3_600, "Reminder: in one hour")
    };
    (chrono::DateTime::from_timestamp(at, 0).unwrap(), begins)
}

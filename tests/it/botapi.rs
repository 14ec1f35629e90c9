//! A Bot API test server on 127.0.0.1 that answers like the real one for every method Krok
//! uses: field names and types as the Bot API docs give them (`date` in seconds, `from`, `chat`,
//! `is_bot`), getUpdates honouring `offset`, `limit` and `timeout`, callback queries with
//! `chat_instance`, 429 with `retry_after` past 30 messages/s overall or 1/s to one chat, 403
//! for a chat that blocked the bot, HTML entities checked as Telegram does, and webhook
//! delivery with the secret header. Tests drive it as a person would.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::Notify;

use crate::procstat::stat_cpu_seconds;

pub const TOKEN: &str = "123456:TEST-token";
pub const BOT_ID: i64 = 123456;
pub const BOT_USERNAME: &str = "krok_test_bot";

/// Something the bot did, as the server saw it.
#[derive(Clone, Debug)]
pub struct Sent {
    pub method: String,
    pub chat: i64,
    pub message_id: i32,
    /// Text after entity parsing, as the person sees it.
    pub text: String,
    pub html: String,
    pub buttons: Vec<(String, String)>,
    pub at: Instant,
}

#[derive(Default)]
struct St {
    next_update: u32,
    next_message: i32,
    updates: VecDeque<(u32, Value)>,
    sent: Vec<Sent>,
    messages: HashMap<(i64, i32), Value>,
    answered_callbacks: Vec<String>,
    blocked: HashSet<i64>,
    /// Per chat, the messages still showing a keyboard.
    keyboards: HashSet<(i64, i32)>,
    limits: Option<(usize, Duration)>,
    recent: VecDeque<Instant>,
    last_to_chat: HashMap<i64, Instant>,
    too_many: u64,
    webhook: Option<(String, String)>,
    /// Deliveries to the webhook fail with this error (the updates wait), as when Telegram
    /// cannot reach the bot's address.
    webhook_unreachable: Option<String>,
    webhook_waiting: VecDeque<Value>,
    /// The last failed delivery: when (Unix seconds) and why, for getWebhookInfo.
    webhook_error: Option<(i64, String)>,
    get_updates_calls: u64,
    /// The kinds of update the bot asked for (`allowed_updates`, kept between calls as
    /// Telegram keeps it); others are never delivered.
    allowed: Option<Vec<String>>,
    /// getUpdates and setWebhook answer 502, as during a Telegram outage.
    outage: bool,
    /// sendMessage answers 500 Internal Server Error.
    send_outage: bool,
    /// getWebhookInfo answers an HTML error page with 200 OK, as a misconfigured proxy does.
    webhook_info_garbled: bool,
    /// sendMessage answers this instead of sending.
    send_fault: Option<SendFault>,
    /// getUpdates answers 429 with this `retry_after`.
    updates_throttled: Option<u32>,
    /// Added to every request before it is answered: the network between a bot and Telegram.
    round_trip: Duration,
    /// For long benchmarks: what is sent goes to the listeners only, and only each chat's two
    /// latest messages are kept (for their buttons), so memory stays flat.
    lean: bool,
    recent_of_chat: HashMap<i64, VecDeque<i32>>,
    listeners: Vec<std::sync::mpsc::Sender<Sent>>,
}

/// How sendMessage fails, when told to.
#[derive(Clone, Copy, Debug)]
pub enum SendFault {
    /// A plain-text 404 page, as a proxy answers a path it does not route.
    Page,
    /// Telegram's own refusal (400).
    Refused,
    /// Telegram refuses what has markup or buttons (400 "can't parse entities"), as it would
    /// a bug in Krok's HTML; plain text goes through.
    RefusedFormatted,
}

#[derive(Clone)]
pub struct BotApi {
    pub url: String,
    st: Arc<Mutex<St>>,
    new_update: Arc<Notify>,
    runtime: Arc<tokio::runtime::Runtime>,
}

impl BotApi {
    /// Starts the server; `limits` on: 30 messages/s overall and 1/s per chat, as Telegram.
    pub fn start(limits: bool) -> BotApi {
        let runtime = Arc::new(
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("botapi")
                .enable_all()
                .build()
                .unwrap(),
        );
        let st = Arc::new(Mutex::new(St {
            next_update: 1000,
            next_message: 1,
            ..St::default()
        }));
        if limits {
            st.lock().unwrap().limits = Some((30, Duration::from_secs(1)));
        }
        let new_update = Arc::new(Notify::new());
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let app = axum::Router::new()
            .route("/{token}/{method}", axum::routing::post(on_request))
            .with_state((st.clone(), new_update.clone()));
        runtime.spawn(async move { axum::serve(listener, app).await.unwrap() });
        BotApi {
            url,
            st,
            new_update,
            runtime,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, St> {
        self.st.lock().unwrap()
    }

    /// Every request waits `rtt` before it is answered, as a network between the bot and
    /// Telegram would make it.
    pub fn set_round_trip(&self, rtt: Duration) {
        self.lock().round_trip = rtt;
    }

    /// Every message sent from now on, as it is sent; with `lean`, the server keeps no history
    /// beyond each chat's two latest messages.
    pub fn subscribe(&self, lean: bool) -> std::sync::mpsc::Receiver<Sent> {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut st = self.lock();
        st.listeners.push(tx);
        st.lean = lean;
        rx
    }

    /// CPU seconds (user + system) the server's own threads have used in this process.
    pub fn cpu_seconds() -> f64 {
        let mut seconds = 0.0;
        for task in std::fs::read_dir("/proc/self/task")
            .into_iter()
            .flatten()
            .flatten()
        {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            if comm.trim() == "botapi" {
                seconds += stat_cpu_seconds(&task.path().join("stat"));
            }
        }
        seconds
    }

    pub fn user(id: i64, lang: &str) -> Value {
        json!({"id": id, "is_bot": false, "first_name": "Olena", "language_code": lang})
    }

    /// A person writes `text` in their private chat; returns the update id.
    pub fn send_text(&self, user: i64, lang: &str, text: &str) -> u32 {
        let message_id = self.next_message();
        let mut message = json!({
            "message_id": message_id, "date": now_secs(), "text": text,
            "chat": {"id": user, "type": "private", "first_name": "Olena"},
            "from": BotApi::user(user, lang),
        });
        if text.starts_with('/') {
            let len = text
                .split_whitespace()
                .next()
                .unwrap_or("")
                .encode_utf16()
                .count();
            message["entities"] = json!([{"type": "bot_command", "offset": 0, "length": len}]);
        }
        self.push(json!({"message": message}))
    }

    /// A person sends a photo (no text).
    pub fn send_photo(&self, user: i64, lang: &str) -> u32 {
        let message = json!({
            "message_id": self.next_message(), "date": now_secs(),
            "chat": {"id": user, "type": "private", "first_name": "Olena"},
            "from": BotApi::user(user, lang),
            "photo": [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 90, "file_size": 1200}],
        });
        self.push(json!({"message": message}))
    }

    /// A person corrects a message they sent in their private chat: its new text.
    pub fn edit_text(&self, user: i64, lang: &str, message_id: i32, text: &str) -> u32 {
        let message = json!({
            "message_id": message_id, "date": now_secs() - 5, "edit_date": now_secs(), "text": text,
            "chat": {"id": user, "type": "private", "first_name": "Olena"},
            "from": BotApi::user(user, lang),
        });
        self.push(json!({"edited_message": message}))
    }

    /// A person shares a phone contact (the paperclip, then Contact).
    pub fn send_contact(&self, user: i64, lang: &str, phone: &str) -> u32 {
        let message = json!({
            "message_id": self.next_message(), "date": now_secs(),
            "chat": {"id": user, "type": "private", "first_name": "Olena"},
            "from": BotApi::user(user, lang),
            "contact": {"phone_number": phone, "first_name": "Olena", "user_id": user},
        });
        self.push(json!({"message": message}))
    }

    /// The id of the last message `user` sent (for an edit of it).
    pub fn last_message_id(&self) -> i32 {
        self.lock().next_message
    }

    /// A person sends a photo with a caption.
    pub fn send_photo_with_caption(&self, user: i64, lang: &str, caption: &str) -> u32 {
        let message = json!({
            "message_id": self.next_message(), "date": now_secs(),
            "chat": {"id": user, "type": "private", "first_name": "Olena"},
            "from": BotApi::user(user, lang),
            "photo": [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 90, "file_size": 1200}],
            "caption": caption,
        });
        self.push(json!({"message": message}))
    }

    /// A member of `group` presses a button of a message the bot sent there.
    pub fn press_in_group(&self, group: i64, user: i64, message_id: i32, data: &str) -> u32 {
        self.press_in(group, user, "pl", message_id, data)
    }

    /// A member writes in a group chat.
    pub fn send_group_text(&self, group: i64, user: i64, text: &str) -> u32 {
        let message = json!({
            "message_id": self.next_message(), "date": now_secs(), "text": text,
            "chat": {"id": group, "type": "group", "title": "Volunteers"},
            "from": BotApi::user(user, "pl"),
        });
        self.push(json!({"message": message}))
    }

    /// A person presses a button of a message the bot sent them.
    pub fn press(&self, user: i64, lang: &str, message_id: i32, data: &str) -> u32 {
        self.press_in(user, user, lang, message_id, data)
    }

    /// `user` presses a button of a message the bot sent to `chat` (theirs, or a group's).
    fn press_in(&self, chat: i64, user: i64, lang: &str, message_id: i32, data: &str) -> u32 {
        let message = self
            .lock()
            .messages
            .get(&(chat, message_id))
            .cloned()
            .expect("pressed a message the bot sent");
        let update = json!({"callback_query": {
            "id": format!("cq{}", self.lock().next_update + 1),
            "from": BotApi::user(user, lang),
            "message": message,
            "chat_instance": format!("ci{chat}"),
            "data": data,
        }});
        self.push(update)
    }

    fn next_message(&self) -> i32 {
        let mut st = self.lock();
        st.next_message += 1;
        st.next_message
    }

    /// Queues `update` as it is (its `update_id` set), for updates no helper writes.
    pub fn push(&self, mut update: Value) -> u32 {
        let (id, webhook) = {
            let mut st = self.lock();
            st.next_update += 1;
            let id = st.next_update;
            update["update_id"] = json!(id);
            if st.webhook.is_none() {
                st.updates.push_back((id, update.clone()));
            }
            if let (Some(_), Some(why)) = (&st.webhook, st.webhook_unreachable.clone()) {
                st.webhook_waiting.push_back(update);
                st.webhook_error = Some((now_secs(), why));
                return id;
            }
            (id, st.webhook.clone())
        };
        match webhook {
            Some((url, secret)) => {
                let status = self
                    .runtime
                    .block_on(post_update(&url, Some(&secret), &update));
                assert_eq!(status, 200, "webhook delivery of update {id}");
            }
            None => self.new_update.notify_waiters(),
        }
        id
    }

    /// Posts an update to the registered webhook with the given secret header (or none).
    pub fn post_to_webhook(&self, secret: Option<&str>, update: Value) -> u16 {
        let (url, _) = self
            .lock()
            .webhook
            .clone()
            .expect("a webhook is registered");
        self.runtime.block_on(post_update(&url, secret, &update))
    }

    /// Posts the same update `times` times at once, as a retrying Telegram might; the statuses.
    pub fn post_to_webhook_at_once(&self, secret: &str, update: Value, times: usize) -> Vec<u16> {
        let (url, _) = self
            .lock()
            .webhook
            .clone()
            .expect("a webhook is registered");
        self.runtime.block_on(async {
            let posts: Vec<_> = (0..times)
                .map(|_| {
                    let (url, secret, update) = (url.clone(), secret.to_owned(), update.clone());
                    tokio::spawn(async move { post_update(&url, Some(&secret), &update).await })
                })
                .collect();
            let mut statuses = Vec::new();
            for post in posts {
                statuses.push(post.await.unwrap_or(0));
            }
            statuses
        })
    }

    pub fn webhook(&self) -> Option<(String, String)> {
        self.lock().webhook.clone()
    }

    /// The webhook is gone, as after a deleteWebhook by another instance with the same token.
    pub fn drop_webhook(&self) {
        self.lock().webhook = None;
    }

    /// From now on updates for the webhook wait, each failed delivery recorded with `why`
    /// (`None`: reachable again, and what waited is delivered in order).
    pub fn webhook_unreachable(&self, why: Option<&str>) {
        let (waiting, webhook) = {
            let mut st = self.lock();
            st.webhook_unreachable = why.map(str::to_owned);
            if why.is_some() {
                return;
            }
            (std::mem::take(&mut st.webhook_waiting), st.webhook.clone())
        };
        let (url, secret) = webhook.expect("a webhook is registered");
        for update in waiting {
            let status = self
                .runtime
                .block_on(post_update(&url, Some(&secret), &update));
            assert_eq!(status, 200, "webhook delivery of a waiting update");
        }
    }

    /// From now on getWebhookInfo answers a proxy's HTML page (`false`: the real answer again).
    pub fn webhook_info_garbled(&self, on: bool) {
        self.lock().webhook_info_garbled = on;
    }

    /// From now on getUpdates and setWebhook fail with 502 Bad Gateway (`false`: works again).
    pub fn outage(&self, on: bool) {
        self.lock().outage = on;
    }

    /// From now on sendMessage and editMessageReplyMarkup fail with 500 Internal Server Error
    /// (`false`: works again).
    pub fn send_outage(&self, on: bool) {
        self.lock().send_outage = on;
    }

    /// From now on sendMessage answers `fault` (`None`: works again).
    pub fn send_fault(&self, fault: Option<SendFault>) {
        self.lock().send_fault = fault;
    }

    /// From now on getUpdates answers 429 Too Many Requests, asking to wait `secs` (`None`:
    /// works again).
    pub fn throttle_updates(&self, secs: Option<u32>) {
        self.lock().updates_throttled = secs;
    }

    pub fn block(&self, user: i64) {
        self.lock().blocked.insert(user);
    }

    pub fn sent_to(&self, chat: i64) -> Vec<Sent> {
        self.lock()
            .sent
            .iter()
            .filter(|s| s.chat == chat)
            .cloned()
            .collect()
    }

    pub fn all_sent(&self) -> Vec<Sent> {
        self.lock().sent.clone()
    }

    /// Waits until the bot has sent `count` messages to `chat` (sendMessage only).
    pub fn wait_messages(&self, chat: i64, count: usize, timeout: Duration) -> Vec<Sent> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages: Vec<Sent> = self
                .sent_to(chat)
                .into_iter()
                .filter(|s| s.method == "sendMessage")
                .collect();
            if messages.len() >= count || Instant::now() > deadline {
                return messages;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn has_keyboard(&self, chat: i64, message_id: i32) -> bool {
        self.lock().keyboards.contains(&(chat, message_id))
    }

    pub fn answered_callbacks(&self) -> Vec<String> {
        self.lock().answered_callbacks.clone()
    }

    pub fn too_many_requests(&self) -> u64 {
        self.lock().too_many
    }

    pub fn pending_updates(&self) -> usize {
        self.lock().updates.len()
    }

    pub fn get_updates_calls(&self) -> u64 {
        self.lock().get_updates_calls
    }
}

async fn post_update(url: &str, secret: Option<&str>, update: &Value) -> u16 {
    let client = reqwest::Client::new();
    let mut request = client.post(url).json(update);
    if let Some(secret) = secret {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    match request.send().await {
        Ok(response) => response.status().as_u16(),
        Err(_) => 0,
    }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

type AppState = (Arc<Mutex<St>>, Arc<Notify>);

fn ok(result: Value) -> Response {
    (
        StatusCode::OK,
        axum::Json(json!({"ok": true, "result": result})),
    )
        .into_response()
}

fn fail(code: u16, description: &str, parameters: Option<Value>) -> Response {
    let mut body = json!({"ok": false, "error_code": code, "description": description});
    if let Some(p) = parameters {
        body["parameters"] = p;
    }
    (StatusCode::from_u16(code).unwrap(), axum::Json(body)).into_response()
}

async fn on_request(
    State((st, new_update)): State<AppState>,
    Path((token, method)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if token != format!("bot{TOKEN}") {
        return fail(401, "Unauthorized", None);
    }
    let rtt = st.lock().unwrap().round_trip;
    if !rtt.is_zero() {
        tokio::time::sleep(rtt).await;
    }
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let params = match content_type.split_once("boundary=") {
        Some((_, boundary)) => multipart_fields(&body, boundary.trim_matches('"')),
        None if body.is_empty() => json!({}),
        None if content_type.starts_with("application/x-www-form-urlencoded") => form_fields(&body),
        None => serde_json::from_slice(&body).unwrap_or(json!({})),
    };
    // Bot API method names are case-insensitive (teloxide sends `GetMe`).
    match method.to_ascii_lowercase().as_str() {
        "getme" => ok(
            json!({"id": BOT_ID, "is_bot": true, "first_name": "Krok", "username": BOT_USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false,
            "can_connect_to_business": false, "has_main_web_app": false}),
        ),
        "getupdates" if st.lock().unwrap().outage => fail(502, "Bad Gateway", None),
        "getupdates" if st.lock().unwrap().updates_throttled.is_some() => {
            let wait = st.lock().unwrap().updates_throttled.unwrap_or(1);
            fail(
                429,
                &format!("Too Many Requests: retry after {wait}"),
                Some(json!({ "retry_after": wait })),
            )
        }
        "getupdates" => get_updates(&st, &new_update, &params).await,
        "sendmessage" => send_message(&st, &params),
        "editmessagereplymarkup" => edit_markup(&st, &params),
        "answercallbackquery" => {
            st.lock().unwrap().answered_callbacks.push(
                params["callback_query_id"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            );
            ok(json!(true))
        }
        "setwebhook" if st.lock().unwrap().outage => fail(502, "Bad Gateway", None),
        "setwebhook" => {
            let url = params["url"].as_str().unwrap_or("").to_owned();
            let secret = params["secret_token"].as_str().unwrap_or("").to_owned();
            st.lock().unwrap().webhook = Some((url, secret));
            ok(json!(true))
        }
        "getwebhookinfo" if st.lock().unwrap().webhook_info_garbled => (
            StatusCode::OK,
            "<html><body>Service temporarily unavailable</body></html>",
        )
            .into_response(),
        "getwebhookinfo" => {
            let s = st.lock().unwrap();
            let mut info = json!({
                "url": s.webhook.as_ref().map_or("", |(url, _)| url.as_str()),
                "has_custom_certificate": false,
                "pending_update_count": s.webhook_waiting.len(),
                "max_connections": 40,
            });
            if let Some((date, message)) = &s.webhook_error {
                info["last_error_date"] = json!(date);
                info["last_error_message"] = json!(message);
            }
            ok(info)
        }
        "deletewebhook" => {
            st.lock().unwrap().webhook = None;
            ok(json!(true))
        }
        other => fail(404, &format!("Not Found: method {other} not found"), None),
    }
}

/// The fields of an application/x-www-form-urlencoded body (aiogram sends this way); values
/// that are JSON are parsed as JSON, as the Bot API does.
fn form_fields(body: &[u8]) -> Value {
    let fields = url::form_urlencoded::parse(body)
        .map(|(name, value)| {
            let parsed =
                serde_json::from_str(&value).unwrap_or_else(|_| Value::String(value.into_owned()));
            (name.into_owned(), parsed)
        })
        .collect();
    Value::Object(fields)
}

/// The text fields of a multipart/form-data body (teloxide sends setWebhook this way). Values
/// that are JSON (numbers, arrays) are parsed as JSON, as the Bot API does.
fn multipart_fields(body: &[u8], boundary: &str) -> Value {
    let text = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in text.split(&format!("--{boundary}")) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split("name=\"")
            .nth(1)
            .and_then(|n| n.split('"').next())
        else {
            continue;
        };
        let value = value.trim_end_matches("\r\n");
        let parsed =
            serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_owned()));
        fields.insert(name.to_owned(), parsed);
    }
    Value::Object(fields)
}

async fn get_updates(st: &Arc<Mutex<St>>, new_update: &Notify, params: &Value) -> Response {
    let offset = params["offset"].as_i64().unwrap_or(0);
    let limit = params["limit"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(params["timeout"].as_u64().unwrap_or(0));
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let waiting = new_update.notified();
        {
            let mut s = st.lock().unwrap();
            s.get_updates_calls += 1;
            if s.webhook.is_some() {
                return fail(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
                    None,
                );
            }
            if let Some(kinds) = params["allowed_updates"].as_array() {
                let kinds = kinds.iter().filter_map(|k| k.as_str().map(str::to_owned));
                s.allowed = Some(kinds.collect()).filter(|k: &Vec<String>| !k.is_empty());
            }
            // Kinds the bot did not ask for are never delivered.
            let allowed = s.allowed.clone();
            let asked = |u: &Value| {
                allowed
                    .as_ref()
                    .is_none_or(|kinds| kinds.iter().any(|k| u.get(k.as_str()).is_some()))
            };
            s.updates.retain(|(_, u)| asked(u));
            // An offset confirms every update before it: Telegram forgets them.
            while s
                .updates
                .front()
                .is_some_and(|(id, _)| i64::from(*id) < offset)
            {
                s.updates.pop_front();
            }
            if !s.updates.is_empty() || tokio::time::Instant::now() >= deadline {
                let batch: Vec<Value> = s
                    .updates
                    .iter()
                    .take(limit)
                    .map(|(_, u)| u.clone())
                    .collect();
                return ok(Value::Array(batch));
            }
        }
        let _ = tokio::time::timeout_at(deadline, waiting).await;
    }
}

/// Applies the limits of a message to `chat`; `Some` is the 429 to answer.
fn rate_limit(s: &mut St, chat: i64) -> Option<Response> {
    let (per_second, per_chat) = s.limits?;
    let now = Instant::now();
    while s
        .recent
        .front()
        .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
    {
        s.recent.pop_front();
    }
    let chat_wait = s
        .last_to_chat
        .get(&chat)
        .map(|t| per_chat.saturating_sub(now.duration_since(*t)))
        .unwrap_or_default();
    if s.recent.len() >= per_second || !chat_wait.is_zero() {
        s.too_many += 1;
        let retry = chat_wait.as_secs().max(1);
        return Some(fail(
            429,
            &format!("Too Many Requests: retry after {retry}"),
            Some(json!({"retry_after": retry})),
        ));
    }
    s.recent.push_back(now);
    s.last_to_chat.insert(chat, now);
    None
}

fn send_message(st: &Arc<Mutex<St>>, params: &Value) -> Response {
    let chat = params["chat_id"].as_i64().unwrap_or(0);
    let html = params["text"].as_str().unwrap_or("").to_owned();
    let mut s = st.lock().unwrap();
    if s.send_outage {
        return fail(500, "Internal Server Error", None);
    }
    match s.send_fault {
        // A proxy's page for a path it does not route: not JSON, and repeating the path.
        Some(SendFault::Page) => {
            let page = format!("Cannot POST /bot{TOKEN}/SendMessage");
            return (StatusCode::NOT_FOUND, page).into_response();
        }
        Some(SendFault::Refused) => {
            return fail(400, "Bad Request: message is too long", None);
        }
        Some(SendFault::RefusedFormatted)
            if params.get("parse_mode").is_some() || params.get("reply_markup").is_some() =>
        {
            return fail(
                400,
                "Bad Request: can't parse entities: unsupported start tag",
                None,
            );
        }
        Some(SendFault::RefusedFormatted) | None => {}
    }
    if s.blocked.contains(&chat) {
        return fail(403, "Forbidden: bot was blocked by the user", None);
    }
    if let Some(limited) = rate_limit(&mut s, chat) {
        return limited;
    }
    let text = match params["parse_mode"].as_str() {
        Some("HTML") => match parse_html(&html) {
            Ok(text) => text,
            Err(why) => {
                return fail(
                    400,
                    &format!("Bad Request: can't parse entities: {why}"),
                    None,
                );
            }
        },
        _ => html.clone(),
    };
    if text.trim().is_empty() {
        return fail(400, "Bad Request: message text is empty", None);
    }
    if text.encode_utf16().count() > 4096 {
        return fail(400, "Bad Request: message is too long", None);
    }
    let buttons = match buttons_of(&params["reply_markup"]) {
        Ok(b) => b,
        Err(why) => return fail(400, why, None),
    };
    s.next_message += 1;
    let message_id = s.next_message;
    let mut message = json!({
        "message_id": message_id, "date": now_secs(), "text": text,
        "chat": {"id": chat, "type": if chat > 0 { "private" } else { "group" }, "first_name": "Olena"},
        "from": {"id": BOT_ID, "is_bot": true, "first_name": "Krok", "username": BOT_USERNAME},
    });
    if !buttons.is_empty() {
        message["reply_markup"] = params["reply_markup"].clone();
        s.keyboards.insert((chat, message_id));
    }
    s.messages.insert((chat, message_id), message.clone());
    let sent = Sent {
        method: "sendMessage".into(),
        chat,
        message_id,
        text,
        html,
        buttons,
        at: Instant::now(),
    };
    s.listeners.retain(|l| l.send(sent.clone()).is_ok());
    if s.lean {
        let recent = s.recent_of_chat.entry(chat).or_default();
        recent.push_back(message_id);
        let old = (recent.len() > 2).then(|| recent.pop_front()).flatten();
        if let Some(old) = old {
            s.messages.remove(&(chat, old));
            s.keyboards.remove(&(chat, old));
        }
    } else {
        s.sent.push(sent);
    }
    ok(message)
}

/// The buttons of an inline keyboard, or the Bot API's complaint about one.
fn buttons_of(markup: &Value) -> Result<Vec<(String, String)>, &'static str> {
    let mut out = Vec::new();
    for row in markup["inline_keyboard"].as_array().into_iter().flatten() {
        for b in row.as_array().into_iter().flatten() {
            let data = b["callback_data"].as_str().unwrap_or("").to_owned();
            if data.is_empty() || data.len() > 64 {
                return Err("Bad Request: BUTTON_DATA_INVALID");
            }
            out.push((b["text"].as_str().unwrap_or("").to_owned(), data));
        }
    }
    Ok(out)
}

fn edit_markup(st: &Arc<Mutex<St>>, params: &Value) -> Response {
    let chat = params["chat_id"].as_i64().unwrap_or(0);
    let message_id = params["message_id"].as_i64().unwrap_or(0) as i32;
    let mut s = st.lock().unwrap();
    if s.send_outage {
        return fail(500, "Internal Server Error", None);
    }
    if s.blocked.contains(&chat) {
        return fail(403, "Forbidden: bot was blocked by the user", None);
    }
    let Some(mut message) = s.messages.get(&(chat, message_id)).cloned() else {
        return fail(400, "Bad Request: message to edit not found", None);
    };
    let buttons = match buttons_of(&params["reply_markup"]) {
        Ok(b) => b,
        Err(why) => return fail(400, why, None),
    };
    if buttons.is_empty() {
        if !s.keyboards.remove(&(chat, message_id)) {
            return fail(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
                None,
            );
        }
        message.as_object_mut().unwrap().remove("reply_markup");
    } else {
        message["reply_markup"] = params["reply_markup"].clone();
        s.keyboards.insert((chat, message_id));
    }
    s.messages.insert((chat, message_id), message.clone());
    let text = message["text"].as_str().unwrap_or("").to_owned();
    s.sent.push(Sent {
        method: "editMessageReplyMarkup".into(),
        chat,
        message_id,
        text: text.clone(),
        html: text,
        buttons,
        at: Instant::now(),
    });
    ok(message)
}

/// Telegram's HTML: only its tags, balanced, and `&` only in the four named entities or a
/// numeric one. Returns the text as the person sees it.
pub fn parse_html(html: &str) -> Result<String, String> {
    const TAGS: &[&str] = &[
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "code",
        "pre",
        "a",
        "tg-spoiler",
        "blockquote",
    ];
    let mut text = String::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let end = rest.find('>').ok_or("unclosed start tag")?;
                let tag = &rest[1..end];
                let (closing, name) = match tag.strip_prefix('/') {
                    Some(n) => (true, n.trim()),
                    None => (false, tag.split_whitespace().next().unwrap_or("")),
                };
                if !TAGS.contains(&name) {
                    return Err(format!(
                        "unsupported start tag \"{name}\" at byte offset {}",
                        html.len() - rest.len()
                    ));
                }
                if closing {
                    if open.pop().as_deref() != Some(name) {
                        return Err(format!("unmatched end tag \"{name}\""));
                    }
                } else {
                    open.push(name.to_owned());
                }
                rest = &rest[end + 1..];
            }
            '&' => {
                let end = rest
                    .find(';')
                    .filter(|&e| e <= 8)
                    .ok_or("unexpected & without an entity")?;
                let entity = &rest[..=end];
                let decoded = match entity {
                    "&lt;" => "<",
                    "&gt;" => ">",
                    "&amp;" => "&",
                    "&quot;" => "\"",
                    e if e.starts_with("&#") => "?",
                    _ => return Err(format!("unsupported entity {entity}")),
                };
                text.push_str(decoded);
                rest = &rest[end + 1..];
            }
            '>' => return Err("unexpected >".into()),
            c => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if let Some(tag) = open.pop() {
        return Err(format!(
            "can't find end tag corresponding to start tag \"{tag}\""
        ));
    }
    Ok(text)
}

//! Telegram through teloxide-core: our own long-polling loop (or a webhook) that confirms an
//! update to Telegram only after its session, its replies and its `update_id` are saved in one
//! sled transaction, so a crash loses nothing and a redelivered update is not answered twice.

pub mod convert;
pub mod transport;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use secrecy::{ExposeSecret, SecretString};
use teloxide_core::RequestError;
use teloxide_core::prelude::*;
use teloxide_core::types::{AllowedUpdate, Update};

use self::convert::{TgMsg, to_incoming, to_messages};
use self::transport::TgTransport;
use crate::app::App;
use crate::outbox::{Item, Limits, Outbox, Priority};
use crate::shutdown::Shutdown;
use crate::store::{SessionStore, SledStore, UserKey};

/// Handled `update_id`s are kept this long; Telegram keeps unconfirmed updates for 24 hours.
const SEEN_KEEP_SECS: i64 = 48 * 3600;

pub struct TelegramConfig {
    pub token: SecretString,
    /// Another Bot API server (a local one, or the test server).
    pub api_url: Option<String>,
    /// Public HTTPS address Telegram posts updates to; without it, long polling.
    pub webhook_url: Option<String>,
    pub webhook_listen: SocketAddr,
    pub webhook_secret: Option<SecretString>,
    pub limits: Limits,
    pub poll_timeout_secs: u32,
}

/// The header Telegram sends with the webhook secret.
pub const SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

struct Handler {
    app: Arc<App>,
    store: Arc<SledStore>,
    bot: Bot,
    username: String,
    seen: sled::Tree,
    outbox: Outbox<TgTransport>,
}

/// This adapter's name in `/healthz`.
const HEALTH: &str = "telegram";

/// A connected bot: `outbox()` takes batch sends, `serve` answers people until shutdown.
pub struct Telegram {
    handler: Arc<Handler>,
    config: TelegramConfig,
}

/// Serves Telegram until `shutdown`.
pub async fn run(
    config: TelegramConfig,
    app: Arc<App>,
    store: Arc<SledStore>,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    Telegram::connect(config, app, store)
        .await?
        .serve(shutdown)
        .await
}

impl Telegram {
    /// Asks Telegram who the bot is and opens its queue and handled-update trees.
    pub async fn connect(
        config: TelegramConfig,
        app: Arc<App>,
        store: Arc<SledStore>,
    ) -> anyhow::Result<Telegram> {
        let bot = make_bot(&config)?;
        let me = bot
            .get_me()
            .await
            .context("asking Telegram who the bot is (getMe); is the token right?")?;
        let username = me.user.username.clone().unwrap_or_default();
        tracing::info!(bot = %username, webhook = config.webhook_url.is_some(), "Telegram adapter starting");
        let db = store.db().clone();
        let seen = db.open_tree("telegram_seen")?;
        sweep_seen(&seen)?;
        let gone_store = Arc::clone(&store);
        let on_gone = Box::new(move |chat: &str| {
            if let Err(error) = gone_store.forget(&UserKey::new("tg", chat)) {
                tracing::error!(%error, "could not delete the session of a user who blocked the bot");
            }
        });
        let outbox = Outbox::open(
            TgTransport { bot: bot.clone() },
            config.limits,
            &db,
            db.open_tree("telegram_outbox")?,
            on_gone,
        )?;
        outbox.observe(app.metrics().clone(), "telegram");
        // Polling hears from Telegram at least every poll timeout; a webhook only when called.
        let quiet = config
            .webhook_url
            .is_none()
            .then(|| Duration::from_secs(u64::from(config.poll_timeout_secs) + 60));
        app.health().expect(HEALTH, quiet);
        let handler = Arc::new(Handler {
            app,
            store,
            bot,
            username,
            seen,
            outbox,
        });
        Ok(Telegram { handler, config })
    }

    pub fn outbox(&self) -> &Outbox<TgTransport> {
        &self.handler.outbox
    }

    /// Sends due booking reminders of Telegram users every `period`, each exactly once: the
    /// reminder is queued and marked sent in one transaction.
    pub fn remind_every(
        &self,
        period: Duration,
        shutdown: Shutdown,
    ) -> tokio::task::JoinHandle<()> {
        let handler = Arc::clone(&self.handler);
        crate::shutdown::every(period, shutdown, "telegram reminders", move || {
            handler
                .remind(Utc::now())
                .map(drop)
                .map_err(|e| format!("{e:#}"))
        })
    }

    /// Queues the reminders due at `now` (tests and benchmarks pass their own clock).
    pub fn remind(&self, now: chrono::DateTime<Utc>) -> anyhow::Result<usize> {
        self.handler.remind(now)
    }

    pub async fn serve(self, shutdown: Shutdown) -> anyhow::Result<()> {
        let sender = tokio::spawn(self.handler.outbox.clone().run(shutdown.clone().wait()));
        let served = match &self.config.webhook_url {
            Some(url) => serve_webhook(self.handler, &self.config, url, shutdown).await,
            None => {
                poll(self.handler, self.config.poll_timeout_secs, shutdown).await;
                Ok(())
            }
        };
        sender.await.context("outbox task")?;
        served
    }
}

fn make_bot(config: &TelegramConfig) -> anyhow::Result<Bot> {
    // Long polling holds a request open for `poll_timeout_secs`; the client must wait longer.
    let client = teloxide_core::net::default_reqwest_settings()
        .timeout(Duration::from_secs(
            u64::from(config.poll_timeout_secs) + 15,
        ))
        .build()
        .context("building the HTTP client")?;
    let mut bot = Bot::with_client(config.token.expose_secret(), client);
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(
            url.parse()
                .with_context(|| format!("KROK_TELEGRAM_API_URL `{url}` is not a URL"))?,
        );
    }
    Ok(bot)
}

async fn poll(handler: Arc<Handler>, timeout: u32, shutdown: Shutdown) {
    if let Err(error) = handler.bot.delete_webhook().await {
        tracing::warn!(%error, "could not remove a webhook; polling anyway");
    }
    let mut offset = 0;
    let mut backoff = Duration::from_secs(1);
    loop {
        let request = handler
            .bot
            .get_updates()
            .offset(offset)
            .timeout(timeout)
            .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
        let result = tokio::select! {
            r = request.send() => r,
            _ = shutdown.clone().wait() => return,
        };
        match result {
            Ok(updates) => {
                handler.app.health().up(HEALTH);
                backoff = Duration::from_secs(1);
                // The next getUpdates with this offset confirms these updates to Telegram:
                // each is saved before we ask again.
                for update in updates {
                    let next = update.id.as_offset();
                    handler.on_update(update).await;
                    offset = next;
                }
            }
            Err(RequestError::RetryAfter(wait)) => tokio::time::sleep(wait.duration()).await,
            Err(error) => {
                handler
                    .app
                    .health()
                    .down(HEALTH, format!("getUpdates failed: {error}"));
                tracing::warn!(%error, retry_in_secs = backoff.as_secs(), "getUpdates failed");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(60));
            }
        }
    }
}

impl Handler {
    async fn on_update(&self, update: Update) {
        let key = update.id.0.to_be_bytes();
        if self.seen.contains_key(key).unwrap_or(false) {
            tracing::debug!(update_id = update.id.0, "already handled; skipped");
            return;
        }
        let Some(incoming) = to_incoming(&update, &self.username) else {
            return;
        };
        if let Some((id, _)) = &incoming.callback
            && let Err(error) = self.bot.answer_callback_query(id.clone()).await
        {
            tracing::debug!(%error, "callback query not answered");
        }
        let chat = incoming.chat.to_string();
        if let Err(error) = self.turn(key, &incoming, &chat) {
            tracing::error!(error = %format!("{error:#}"), "turn failed; answering with the crisis lines");
            let reply = self.app.error_reply(
                incoming.inbound.hint.unwrap_or(crate::core::lang::Lang::Uk),
                Utc::now(),
            );
            let items = to_messages(&reply)
                .into_iter()
                .map(|msg| Item {
                    chat: chat.clone(),
                    priority: Priority::Reply,
                    msg,
                })
                .collect();
            if let Err(error) = self.outbox.enqueue(items) {
                tracing::error!(%error, "could not even queue the error reply");
            }
        }
    }

    /// Decide, then save session, replies and `update_id` together.
    fn turn(&self, key: [u8; 4], incoming: &convert::Incoming, chat: &str) -> anyhow::Result<()> {
        let now = Utc::now();
        let session = self.store.load(&incoming.user)?;
        let (next, reply) = self
            .app
            .decide(&incoming.user, session, &incoming.inbound, now)?;
        let mut messages = Vec::new();
        if let Some((_, Some(message_id))) = incoming.callback {
            messages.push(TgMsg::ClearKeyboard { message_id });
        }
        messages.extend(to_messages(&reply));
        let mut records = Vec::new();
        let mut committed = Vec::new();
        for msg in messages {
            let item = Item {
                chat: chat.to_owned(),
                priority: Priority::Reply,
                msg,
            };
            let (seq, bytes) = self.outbox.record(&item)?;
            records.push((seq.to_be_bytes().to_vec(), bytes));
            committed.push((seq, item));
        }
        let seen = vec![(key.to_vec(), now.timestamp().to_be_bytes().to_vec())];
        tokio::task::block_in_place(|| {
            self.store.commit_turn(
                &incoming.user,
                next.as_ref(),
                &[(&self.seen, seen), (self.outbox.tree(), records)],
            )
        })?;
        self.outbox.push_committed(committed);
        Ok(())
    }
}

impl Handler {
    fn remind(&self, now: chrono::DateTime<Utc>) -> anyhow::Result<usize> {
        let bookings = self.app.bookings();
        let due: Vec<_> = bookings
            .due_reminders(now)
            .into_iter()
            .filter(|(b, _)| b.user.starts_with("tg:") && !b.user.contains('/'))
            .collect();
        for (booking, kind) in &due {
            let chat = booking.user["tg:".len()..].to_owned();
            let items = to_messages(&self.app.reminder(booking, *kind))
                .into_iter()
                .map(|msg| Item {
                    chat: chat.clone(),
                    priority: Priority::Batch,
                    msg,
                })
                .collect();
            let mark = crate::booking::Bookings::reminded_value(booking, *kind);
            self.outbox
                .enqueue_marking(items, (bookings.tree(), booking.code.as_bytes(), &mark))?;
        }
        Ok(due.len())
    }
}

fn sweep_seen(seen: &sled::Tree) -> Result<(), sled::Error> {
    let before = Utc::now().timestamp() - SEEN_KEEP_SECS;
    for entry in seen.iter() {
        let (key, value) = entry?;
        let at = value
            .as_ref()
            .try_into()
            .map(i64::from_be_bytes)
            .unwrap_or(0);
        if at < before {
            seen.remove(key)?;
        }
    }
    Ok(())
}

async fn serve_webhook(
    handler: Arc<Handler>,
    config: &TelegramConfig,
    url: &str,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    let secret = config
        .webhook_secret
        .as_ref()
        .context("KROK_TELEGRAM_WEBHOOK_SECRET is required with a webhook URL")?
        .expose_secret()
        .to_owned();
    let valid = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if secret.is_empty() || secret.len() > 256 || !secret.chars().all(valid) {
        anyhow::bail!(
            "KROK_TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -"
        );
    }
    let parsed: url::Url = url
        .parse()
        .with_context(|| format!("webhook URL `{url}` is not a URL"))?;
    handler
        .bot
        .set_webhook(parsed.clone())
        .secret_token(secret.clone())
        .allowed_updates([AllowedUpdate::Message, AllowedUpdate::CallbackQuery])
        .await
        .context("registering the webhook with Telegram (setWebhook)")?;
    let health = handler.app.health().clone();
    let router = axum::Router::new()
        .route(parsed.path(), axum::routing::post(on_webhook))
        .with_state((handler, Arc::new(secret)));
    let listener = tokio::net::TcpListener::bind(config.webhook_listen)
        .await
        .with_context(|| format!("listening on {}", config.webhook_listen))?;
    tracing::info!(listen = %config.webhook_listen, "webhook listening");
    health.up(HEALTH);
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown.wait())
        .await
        .context("webhook server")?;
    Ok(())
}

type WebhookState = (Arc<Handler>, Arc<String>);

async fn on_webhook(
    State((handler, secret)): State<WebhookState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> StatusCode {
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same_secret(given, secret.as_bytes()) {
        tracing::warn!("webhook request without the right secret rejected");
        return StatusCode::UNAUTHORIZED;
    }
    match serde_json::from_slice::<Update>(&body) {
        Ok(update) => {
            handler.on_update(update).await;
            StatusCode::OK
        }
        Err(error) => {
            tracing::warn!(%error, "webhook body is not an update");
            StatusCode::BAD_REQUEST
        }
    }
}

/// Compares in time independent of where the first difference is.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

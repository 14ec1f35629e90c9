//! Telegram through teloxide-core: our own long-polling loop (or a webhook) that hands each
//! update to the turn pipeline and confirms it to Telegram only after the pipeline committed
//! its session, its replies and its `update_id`, so a crash loses nothing and a redelivered
//! update is not answered twice. This adapter only converts and transports.

pub mod api;
pub mod convert;
mod delivery;
pub mod transport;
pub mod update;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use secrecy::{ExposeSecret, SecretString};
use serde::de::IgnoredAny;
use serde_json::value::RawValue;
use teloxide_core::RequestError;
use teloxide_core::prelude::*;
use tokio::sync::Semaphore;

use self::api::{Api, Method};
use self::convert::{TgMsg, to_incoming, to_messages};
use self::transport::TgTransport;
use self::update::{GetUpdates, Update, read_batch};
use crate::ops::throttled::Throttled;
use crate::outbox::{Limits, Outbox};
use crate::pipeline::{self, Pipeline};
use crate::shutdown::Shutdown;
use crate::store::{Platform, UserKey};

pub struct TelegramConfig {
    pub token: SecretString,
    /// Another Bot API server (a local one, or the test server).
    pub api_url: Option<String>,
    /// Public HTTPS address Telegram posts updates to; without it, long polling.
    pub webhook_url: Option<String>,
    pub webhook_listen: SocketAddr,
    /// `webhook_listen` already bound (by `krok run` at start, so a port in use stops it
    /// before anything else); bound when serving if not.
    pub webhook_listener: Option<std::net::TcpListener>,
    pub webhook_secret: Option<SecretString>,
    pub limits: Limits,
    pub poll_timeout_secs: u32,
    /// How often a webhook's delivery is asked after (see `delivery.rs`).
    pub webhook_check: Duration,
}

/// The header Telegram sends with the webhook secret.
pub const SECRET_HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

struct Handler {
    pipeline: Arc<Pipeline>,
    bot: Bot,
    api: Api,
    username: String,
    /// Spinners being stopped and keyboards taken away at once, at most (each holds a
    /// connection while it is).
    spinners: Arc<Semaphore>,
    /// When the webhook last took an update (see `delivery.rs`).
    heard: Arc<delivery::Heard>,
}

/// See `Handler::spinners`: a batch holds at most 100 presses.
const SPINNERS_AT_ONCE: usize = 64;

/// This adapter's name in `/healthz`.
const HEALTH: &str = "telegram";
/// Where Telegram throttling `getUpdates` is told in `/healthz`.
const THROTTLED: &str = "telegram updates";

/// A connected bot: `outbox()` takes batch sends, `serve` answers people until shutdown.
pub struct Telegram {
    handler: Arc<Handler>,
    outbox: Outbox<TgMsg>,
    config: TelegramConfig,
}

/// Serves Telegram until `shutdown`.
pub async fn run(
    config: TelegramConfig,
    pipeline: Arc<Pipeline>,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    let health = pipeline.app().health().clone();
    health.expect(HEALTH, None);
    let bot = make_bot(&config)?;
    let reached = crate::retry::until_reached(HEALTH, &health, &shutdown, || who_am_i(&bot)).await;
    let Some(me) = reached else {
        return Ok(());
    };
    Telegram::connected(config, pipeline, bot, me?)?
        .serve(shutdown)
        .await
}

/// The bot's username (getMe), waiting at most 15 s for Telegram (teloxide waits 10 s after
/// a 5xx before reading it, and a proxy's error page is worth reading); a token Telegram
/// refuses is fatal.
async fn who_am_i(bot: &Bot) -> Result<String, crate::retry::Fault> {
    use crate::retry::Fault;
    use teloxide_core::ApiError;
    let asked = tokio::time::timeout(Duration::from_secs(15), bot.get_me().send()).await;
    match asked {
        Ok(Ok(me)) => Ok(me.user.username.clone().unwrap_or_default()),
        Ok(Err(RequestError::Api(ApiError::InvalidToken))) => Err(Fault::Fatal(anyhow::anyhow!(
            "telegram_token: Telegram does not know this token (getMe refused it)"
        ))),
        Ok(Err(RequestError::InvalidJson { raw, .. })) => {
            Err(Fault::Answered(not_the_bot_api(bot, "getMe", &raw)))
        }
        Ok(Err(error)) => Err(Fault::Transient(
            anyhow::Error::new(error).context("getMe failed"),
        )),
        Err(_) => Err(Fault::Transient(anyhow::anyhow!(
            "getMe had no answer within 15 s"
        ))),
    }
}

/// An answer to `method` that is not the Bot API's JSON, said as what it likely is, with its
/// first words (an operator recognises their proxy's page).
fn not_the_bot_api(bot: &Bot, method: &str, raw: &str) -> anyhow::Error {
    anyhow::anyhow!(
        "the server at {} answered {method}, but not as Telegram's Bot API does: a proxy's \
         error page, or telegram_api_url naming another service (it began: {:?})",
        bot.api_url(),
        // Many servers' 404 page repeats the path, and the path holds the token.
        transport::hide_token(&raw.chars().take(60).collect::<String>())
    )
}

/// Telegram's messages for one reply. A turn that says nothing (an edit that changed no
/// crisis into one) sends nothing. The pressed message's keyboard is taken away beside the
/// reply, not before it in the queue (`Handler::clear_keyboards`).
fn encode(reply: &crate::app::Reply) -> Vec<TgMsg> {
    if reply.messages.is_empty() {
        return Vec::new();
    }
    to_messages(reply)
}

impl Telegram {
    /// Asks Telegram who the bot is, opens its queue and makes Telegram people reachable.
    pub async fn connect(
        config: TelegramConfig,
        pipeline: Arc<Pipeline>,
    ) -> anyhow::Result<Telegram> {
        let bot = make_bot(&config)?;
        let username = who_am_i(&bot).await.map_err(|fault| {
            fault
                .into_error()
                .context("asking Telegram who the bot is (getMe)")
        })?;
        Telegram::connected(config, pipeline, bot, username)
    }

    /// Opens the bot's queue and makes Telegram people reachable, once Telegram answered.
    fn connected(
        config: TelegramConfig,
        pipeline: Arc<Pipeline>,
        bot: Bot,
        username: String,
    ) -> anyhow::Result<Telegram> {
        tracing::info!(bot = %username, webhook = config.webhook_url.is_some(), "Telegram adapter starting");
        let app = pipeline.app().clone();
        let outbox = Outbox::open(
            Platform::Telegram,
            config.limits,
            pipeline.store().clone(),
            encode,
        )?;
        outbox.observe(app.metrics().clone());
        outbox.watch_health(app.health().clone());
        pipeline.register(Arc::new(outbox.clone()));
        // Polling hears from Telegram at least every poll timeout; a webhook only when called.
        let quiet = config
            .webhook_url
            .is_none()
            .then(|| Duration::from_secs(u64::from(config.poll_timeout_secs) + 60));
        app.health().expect(HEALTH, quiet);
        let polling = api::client(config.poll_timeout_secs).context("building the HTTP client")?;
        let handler = Arc::new(Handler {
            pipeline,
            api: Api::new(&bot, polling),
            bot,
            username,
            spinners: Arc::new(Semaphore::new(SPINNERS_AT_ONCE)),
            heard: Arc::default(),
        });
        Ok(Telegram {
            handler,
            outbox,
            config,
        })
    }

    pub fn outbox(&self) -> &Outbox<TgMsg> {
        &self.outbox
    }

    pub async fn serve(mut self, shutdown: Shutdown) -> anyhow::Result<()> {
        let listener = self.config.webhook_listener.take();
        let pipeline = Arc::clone(&self.handler.pipeline);
        let on_gone = Box::new(move |chat: &str| {
            if let Err(error) = pipeline.forget(&UserKey::new("tg", chat)) {
                tracing::error!(%error, "could not delete the data of a user who blocked the bot");
            }
        });
        let transport = TgTransport {
            api: self.handler.api.clone(),
        };
        let sender = tokio::spawn(self.outbox.clone().run(
            transport,
            on_gone,
            shutdown.clone().wait(),
        ));
        let served = match &self.config.webhook_url {
            Some(url) => serve_webhook(self.handler, &self.config, url, listener, shutdown).await,
            None => {
                poll(self.handler, self.config.poll_timeout_secs, shutdown).await;
                Ok(())
            }
        };
        if served.is_err() {
            // The adapter failed: say so now, not when the outbox stops at shutdown.
            sender.abort();
            return served;
        }
        sender.await.context("outbox task")?;
        served
    }
}

fn make_bot(config: &TelegramConfig) -> anyhow::Result<Bot> {
    // Long polling holds a request open for `poll_timeout_secs`; the client must wait longer.
    let client = api::client(config.poll_timeout_secs).context("building the HTTP client")?;
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
    let removed = tokio::select! {
        r = handler.bot.delete_webhook().send() => r,
        _ = shutdown.clone().wait() => return,
    };
    match removed {
        // Telegram answered: up now, not only when the first long poll returns.
        Ok(_) => handler.pipeline.app().health().up(HEALTH),
        Err(error) => tracing::warn!(%error, "could not remove a webhook; polling anyway"),
    }
    let mut offset = 0;
    let mut failures = 0;
    loop {
        let asked = GetUpdates::new(offset, timeout);
        let since = std::time::Instant::now();
        let request = handler
            .api
            .call::<Vec<Box<RawValue>>>(Method::GetUpdates, &asked);
        let result = tokio::select! {
            r = request => r,
            _ = shutdown.clone().wait() => return,
        };
        match result {
            Ok(raw) => {
                handler.pipeline.app().health().up(HEALTH);
                handler.pipeline.app().health().clear_warning(THROTTLED);
                if failures > 0 {
                    tracing::info!(failures, "getUpdates works again");
                }
                failures = 0;
                // The next getUpdates with this offset confirms these updates to Telegram:
                // all of them are saved before we ask again. Shutdown does not wait for a slow
                // network: an update cut short is not confirmed, so it comes again.
                let (updates, next) = read_batch(&raw);
                drop(raw);
                let waited = since.elapsed();
                let handled = async {
                    let count = updates.len();
                    handler.on_batch(updates).await;
                    // A polling cycle: the long poll, then the batch until it is saved.
                    tracing::debug!(
                        count,
                        poll_us = waited.as_micros(),
                        batch_us = (since.elapsed() - waited).as_micros(),
                        "updates handled"
                    );
                    if let Some(next) = next {
                        offset = next;
                    }
                };
                tokio::select! {
                    () = handled => {}
                    _ = shutdown.clone().wait() => return,
                }
            }
            Err(RequestError::RetryAfter(wait)) => {
                // Telegram throttling the bot is the operator's to know, not a hung loop.
                let wait = wait.duration();
                tracing::warn!(
                    wait_secs = wait.as_secs(),
                    "getUpdates rate limited (429); waiting as told"
                );
                let app = handler.pipeline.app();
                app.metrics()
                    .rate_limited
                    .with_label_values(&["telegram"])
                    .inc();
                // Telegram answered: the loop is alive, and a restart would not shorten the
                // wait (it may lengthen it), so a warning, not "not ok".
                app.health().up(HEALTH);
                app.health().warn(
                    THROTTLED,
                    format!(
                        "Telegram answered getUpdates with 429 (too many requests) and asked to wait {} s",
                        wait.as_secs()
                    ),
                );
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = shutdown.clone().wait() => return,
                }
            }
            Err(error) => {
                let backoff = crate::retry::backoff(failures);
                failures += 1;
                let error = transport::described(&error);
                handler
                    .pipeline
                    .app()
                    .health()
                    .down(HEALTH, format!("getUpdates failed: {error}"));
                tracing::warn!(%error, retry_in_secs = backoff.as_millis().div_ceil(1000), "getUpdates failed");
                tokio::select! {
                    _ = tokio::time::sleep(backoff) => {}
                    _ = shutdown.clone().wait() => return,
                }
            }
        }
    }
}

impl Handler {
    /// One `getUpdates` batch, answered in the order people wrote on one blocking thread with
    /// one flush for all (see `Pipeline::turns`); returns when all are saved. Buttons' spinners
    /// are stopped (answerCallbackQuery) beside the turns, not before them.
    async fn on_batch(&self, updates: Vec<Update>) {
        let mut batch = Vec::with_capacity(updates.len());
        for update in updates {
            if let Some(incoming) = to_incoming(&update, &self.username) {
                self.stop_spinner(&incoming);
                batch.push(to_event(update.update_id, incoming));
            }
        }
        if batch.is_empty() {
            return;
        }
        let pipeline = Arc::clone(&self.pipeline);
        let turns = tokio::task::spawn_blocking(move || {
            let outcomes = pipeline.turns(&batch, Utc::now());
            (batch, outcomes)
        });
        match turns.await {
            Ok((batch, outcomes)) => self.clear_keyboards(&batch, &outcomes),
            Err(error) => tracing::error!(%error, "turn task failed"),
        }
    }

    /// Takes the keyboard away from each message whose button was answered (its reply is
    /// saved and queued), so an old step's buttons are not pressed again. Beside the reply,
    /// not queued before it: the reply does not wait a round trip for it, and it does not
    /// take one of the 30 messages a second Telegram allows. Tried again for about half a
    /// minute when Telegram is out of reach, not across a restart; a keyboard left behind
    /// (a crash between) goes when it is pressed again, as that press is not answered twice.
    /// After a failed turn the keyboard stays, to be pressed again.
    fn clear_keyboards(&self, batch: &[pipeline::Incoming], outcomes: &[pipeline::Outcome]) {
        for clear in to_clear(batch, outcomes) {
            tokio::spawn(clear.send(self.api.clone(), Arc::clone(&self.spinners)));
        }
    }

    /// A webhook's one update: a batch of one.
    async fn on_update(&self, update: Update) {
        self.on_batch(vec![update]).await;
    }

    /// Stops a pressed button's spinner (answerCallbackQuery) at once, beside the turn.
    fn stop_spinner(&self, incoming: &convert::Incoming) {
        if let Some((query, _)) = &incoming.callback {
            let (api, spinners) = (self.api.clone(), Arc::clone(&self.spinners));
            let answer = update::AnswerCallback {
                callback_query_id: query.clone(),
            };
            tokio::spawn(async move {
                let _turn = spinners.acquire_owned().await;
                let answered = api.call::<IgnoredAny>(Method::AnswerCallbackQuery, &answer);
                if let Err(error) = answered.await {
                    tracing::debug!(%error, "callback query not answered");
                }
            });
        }
    }
}

/// The keyboards to take away after a batch (see `Handler::clear_keyboards`).
fn to_clear(
    batch: &[pipeline::Incoming],
    outcomes: &[pipeline::Outcome],
) -> Vec<transport::ClearKeyboard> {
    use pipeline::Outcome::{Answered, Duplicate};
    let pressed = batch
        .iter()
        .zip(outcomes)
        .filter_map(|(incoming, outcome)| {
            let (Some(message_id), Answered | Duplicate) = (incoming.pressed, outcome) else {
                return None;
            };
            let chat_id = incoming.chat.parse().ok()?;
            Some(transport::ClearKeyboard {
                chat_id,
                message_id,
            })
        });
    pressed.collect()
}

/// The pipeline's event for an update, which the pipeline answers at most once.
fn to_event(id: u32, incoming: convert::Incoming) -> pipeline::Incoming {
    pipeline::Incoming {
        user: incoming.user,
        chat: incoming.chat.to_string(),
        id: Some(id.to_be_bytes().to_vec()),
        inbound: incoming.inbound,
        typed_codes: false,
        pressed: incoming.callback.and_then(|(_, message)| message),
        answers: None,
    }
}

async fn serve_webhook(
    handler: Arc<Handler>,
    config: &TelegramConfig,
    url: &str,
    listener: Option<std::net::TcpListener>,
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
    let health = handler.pipeline.app().health().clone();
    // Telegram out of reach or in trouble for a moment is waited out (with the cause in
    // /healthz); a webhook it refuses (a bad URL, an unknown token) stops the adapter.
    let registered =
        crate::retry::until_reached(HEALTH, &health, &shutdown, || async {
            use crate::retry::Fault;
            let asked = handler
                .bot
                .set_webhook(parsed.clone())
                .secret_token(secret.clone())
                .allowed_updates(update::ALLOWED)
                .await;
            match asked {
                Ok(_) => Ok(()),
                Err(RequestError::Api(error)) if refusal(&error) => Err(Fault::Fatal(
                    anyhow::Error::new(error).context("Telegram refused the webhook (setWebhook)"),
                )),
                Err(RequestError::InvalidJson { raw, .. }) => Err(Fault::Answered(
                    not_the_bot_api(&handler.bot, "setWebhook", &raw),
                )),
                Err(error) => Err(Fault::Transient(
                    anyhow::Error::new(error).context("registering the webhook (setWebhook)"),
                )),
            }
        })
        .await;
    match registered {
        None => return Ok(()),
        Some(result) => result?,
    }
    let (bot, heard) = (handler.bot.clone(), handler.heard.clone());
    let router = axum::Router::new()
        .route(parsed.path(), axum::routing::post(on_webhook))
        .with_state((handler, Arc::new(secret)));
    let listener = match listener {
        Some(bound) => {
            bound.set_nonblocking(true)?;
            tokio::net::TcpListener::from_std(bound)?
        }
        None => tokio::net::TcpListener::bind(config.webhook_listen)
            .await
            .with_context(|| format!("listening on {}", config.webhook_listen))?,
    };
    tracing::info!(listen = %config.webhook_listen, "webhook listening");
    health.up(HEALTH);
    tokio::spawn(delivery::watch(
        bot,
        parsed,
        heard,
        health.clone(),
        config.webhook_check,
        shutdown.clone(),
    ));
    crate::ops::listen::serve(
        listener,
        router,
        crate::ops::listen::Limits::WEBHOOK,
        shutdown,
    )
    .await;
    Ok(())
}

type WebhookState = (Arc<Handler>, Arc<String>);

/// Rejected webhook requests are logged at most once per ten seconds each way.
static REJECTED: Throttled = Throttled::new(Duration::from_secs(10));
static MALFORMED: Throttled = Throttled::new(Duration::from_secs(10));

/// Telegram's answer refuses the request itself (a bad webhook URL, an unknown token), rather
/// than telling of trouble on its side ("Internal Server Error", "Bad Gateway").
fn refusal(error: &teloxide_core::ApiError) -> bool {
    use teloxide_core::ApiError;
    match error {
        ApiError::Unknown(description) => ["Bad Request", "Unauthorized", "Forbidden", "Not Found"]
            .iter()
            .any(|p| description.starts_with(p)),
        _ => true,
    }
}

/// An update is a few kilobytes; a body far larger is not one.
const WEBHOOK_BODY_MAX: usize = 256 * 1024;

async fn on_webhook(
    State((handler, secret)): State<WebhookState>,
    request: axum::extract::Request,
) -> StatusCode {
    // The secret first: a body is read only for Telegram, so a stranger cannot hold the
    // listener by trickling one.
    let headers: &HeaderMap = request.headers();
    let given = headers
        .get(SECRET_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !same_secret(given, secret.as_bytes()) {
        if let Some(count) = REJECTED.hit(std::time::Instant::now()) {
            tracing::warn!(count, "webhook requests without the right secret rejected");
        }
        return StatusCode::UNAUTHORIZED;
    }
    let body = match axum::body::to_bytes(request.into_body(), WEBHOOK_BODY_MAX).await {
        Ok(body) => body,
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE,
    };
    match serde_json::from_slice::<Update>(&body) {
        Ok(update) => {
            handler.heard.now();
            handler.on_update(update).await;
            StatusCode::OK
        }
        Err(error) => {
            if let Some(count) = MALFORMED.hit(std::time::Instant::now()) {
                // Where, not serde's message: it quotes the value it did not expect, which
                // could be someone's id or words.
                let (kind, line, column) = (error.classify(), error.line(), error.column());
                tracing::warn!(
                    ?kind,
                    line,
                    column,
                    count,
                    "webhook updates that cannot be read skipped"
                );
            }
            // Telegram sends a refused update again and again, and the updates after it wait
            // behind it: one that cannot be read is skipped, as polling skips it.
            StatusCode::OK
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::message::{Inbound, InboundKind};
    use pipeline::Outcome;

    fn press(chat: &str, message: Option<i32>) -> pipeline::Incoming {
        pipeline::Incoming {
            user: UserKey::new("tg", chat),
            chat: chat.to_owned(),
            id: None,
            inbound: Inbound::new(InboundKind::Button("@back".into())),
            typed_codes: false,
            pressed: message,
            answers: None,
        }
    }

    #[test]
    fn a_keyboard_goes_after_an_answer_or_a_tap_again_and_stays_after_a_fault() {
        let batch = [
            press("7", Some(1)),
            press("8", Some(2)),
            press("9", Some(3)),
            press("10", None),
        ];
        let outcomes = [
            Outcome::Answered,
            Outcome::Duplicate,
            Outcome::Failed,
            Outcome::Answered,
        ];
        let cleared: Vec<_> = to_clear(&batch, &outcomes)
            .iter()
            .map(|c| (c.chat_id, c.message_id))
            .collect();
        assert_eq!(cleared, [(7, 1), (8, 2)]);
    }
}

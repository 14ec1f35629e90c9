//! Matrix through matrix-sdk: a bot account with a fixed device, a SQLite crypto/state store
//! (passphrase from the config) and a saved session, so a restart keeps its keys and never logs
//! out. One sync before the handlers are attached, so history is never answered. DMs are joined
//! (with retry), other rooms left, a DM left when the other person leaves.

pub mod convert;
mod sync;
mod transport;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::Utc;
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::event_handler::Ctx;
use matrix_sdk::ruma::api::client::uiaa;
use matrix_sdk::ruma::events::room::encrypted::OriginalSyncRoomEncryptedEvent;
use matrix_sdk::ruma::events::room::member::{
    MembershipState, OriginalSyncRoomMemberEvent, StrippedRoomMemberEvent,
};
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation,
};
use matrix_sdk::{Client, Room, RoomState};
use secrecy::{ExposeSecret, SecretString};

use self::convert::to_message;
use self::transport::MxTransport;
use crate::app::App;
use crate::core::engine::first_message;
use crate::core::message::{Inbound, InboundKind, Msg};
use crate::outbox::{Item, Limits, Outbox, Priority};
use crate::shutdown::Shutdown;
use crate::store::{SessionStore, SledStore, UserKey};

/// The bot's device: fixed, so a restart is the same device with the same keys.
pub const DEVICE_ID: &str = "KROKBOT";

pub struct MatrixConfig {
    pub homeserver: String,
    pub user: String,
    pub password: Option<SecretString>,
    pub access_token: Option<SecretString>,
    pub store_passphrase: SecretString,
    /// Where the SQLite stores and the saved session live.
    pub dir: PathBuf,
    /// Stay in rooms that are not direct chats.
    pub accept_rooms: bool,
    pub limits: Limits,
}

#[derive(Clone)]
struct Bot {
    app: Arc<App>,
    store: Arc<SledStore>,
    outbox: Outbox<MxTransport>,
    seen: sled::Tree,
    accept_rooms: bool,
}

/// This adapter's name in `/healthz`.
const HEALTH: &str = "matrix";

pub async fn run(
    config: MatrixConfig,
    app: Arc<App>,
    store: Arc<SledStore>,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    let (client, restored) = connect(&config).await?;
    let db = store.db().clone();
    let outbox = Outbox::open(
        MxTransport {
            client: client.clone(),
        },
        config.limits,
        &db,
        db.open_tree("matrix_outbox")?,
        Box::new(|_| {}),
    )?;
    outbox.observe(app.metrics().clone(), "matrix");
    let health = app.health().clone();
    health.expect(HEALTH, Some(Duration::from_secs(90)));
    let bot = Bot {
        app,
        store,
        outbox: outbox.clone(),
        seen: db.open_tree("matrix_seen")?,
        accept_rooms: config.accept_rooms,
    };
    let bot_for_reminders = bot.clone();
    client.add_event_handler_context(bot);
    client.add_event_handler(on_invite);
    // On a new login, one sync first: what happened before is history, not something to answer.
    // A restored session resumes from its stored sync token: what came meanwhile is answered.
    if restored {
        attach_handlers(&client);
    }
    let first = client
        .sync_once(SyncSettings::default())
        .await
        .context("first sync with the homeserver")?;
    if !restored {
        attach_handlers(&client);
    }
    tracing::info!("Matrix adapter running");
    let sender = tokio::spawn(outbox.clone().run(shutdown.clone().wait()));
    let reminders = remind_every(bot_for_reminders, Duration::from_secs(30), shutdown.clone());
    health.up(HEALTH);
    let syncing = sync::run(client.clone(), first.next_batch, health, HEALTH);
    tokio::select! {
        _ = syncing => {}
        _ = shutdown.wait() => {}
    }
    // Never log out: that would destroy the device and its keys.
    reminders.abort();
    sender.await.context("outbox task")?;
    Ok(())
}

fn attach_handlers(client: &Client) {
    client.add_event_handler(on_message);
    client.add_event_handler(on_undecryptable);
    client.add_event_handler(on_member);
}

/// Builds the client on its stores and logs in, or restores the saved session (`true`).
async fn connect(config: &MatrixConfig) -> anyhow::Result<(Client, bool)> {
    crate::store::create_private_dir(&config.dir)?;
    let client = Client::builder()
        .homeserver_url(&config.homeserver)
        .sqlite_store(
            config.dir.join("store"),
            Some(config.store_passphrase.expose_secret()),
        )
        .respect_login_well_known(false)
        .build()
        .await
        .context("opening the Matrix stores (is the passphrase the one they were made with?)")?;
    let session_file = config.dir.join("session.json");
    if let Ok(bytes) = std::fs::read(&session_file) {
        let session: MatrixSession =
            serde_json::from_slice(&bytes).context("reading the saved Matrix session")?;
        client
            .restore_session(session)
            .await
            .context("restoring the Matrix session")?;
        return Ok((client, true));
    }
    if let Some(token) = &config.access_token {
        let user_id = matrix_sdk::ruma::UserId::parse(config.user.as_str())
            .context("KROK_MATRIX_USER must be a full id such as @krok:example.org")?;
        let session = MatrixSession {
            meta: matrix_sdk::SessionMeta {
                user_id,
                device_id: DEVICE_ID.into(),
            },
            tokens: matrix_sdk::SessionTokens {
                access_token: token.expose_secret().to_owned(),
                refresh_token: None,
            },
        };
        client
            .restore_session(session)
            .await
            .context("logging in with the access token")?;
    } else {
        let password = config
            .password
            .as_ref()
            .context("set KROK_MATRIX_PASSWORD or KROK_MATRIX_ACCESS_TOKEN")?;
        client
            .matrix_auth()
            .login_username(&config.user, password.expose_secret())
            .device_id(DEVICE_ID)
            .initial_device_display_name("Krok")
            .send()
            .await
            .context("logging in to Matrix")?;
        cross_sign(&client, &config.user, password.expose_secret()).await;
    }
    let session = client
        .matrix_auth()
        .session()
        .context("no session after login")?;
    std::fs::write(&session_file, serde_json::to_vec(&session)?)
        .context("saving the Matrix session")?;
    restrict(&session_file);
    Ok((client, false))
}

fn restrict(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
}

/// Cross-signs the bot's device at first login, so clients that trust only cross-signed
/// devices share room keys with it.
async fn cross_sign(client: &Client, user: &str, password: &str) {
    let Err(error) = client
        .encryption()
        .bootstrap_cross_signing_if_needed(None)
        .await
    else {
        return;
    };
    let Some(info) = error.as_uiaa_response() else {
        tracing::warn!(%error, "cross-signing not set up");
        return;
    };
    let mut auth = uiaa::Password::new(
        uiaa::UserIdentifier::Matrix(uiaa::MatrixUserIdentifier::new(user.to_owned())),
        password.to_owned(),
    );
    auth.session = info.session.clone();
    if let Err(error) = client
        .encryption()
        .bootstrap_cross_signing(Some(uiaa::AuthData::Password(auth)))
        .await
    {
        tracing::warn!(%error, "cross-signing not set up");
    }
}

async fn on_invite(ev: StrippedRoomMemberEvent, room: Room, client: Client, bot: Ctx<Bot>) {
    if client.user_id() != Some(&*ev.state_key) || ev.content.membership != MembershipState::Invite
    {
        return;
    }
    let direct = ev.content.is_direct.unwrap_or(false);
    let accept = direct || bot.accept_rooms;
    tokio::spawn(async move {
        if !accept {
            tracing::info!("invited to a room that is not a direct chat; declining");
            let _ = room.leave().await;
            return;
        }
        let mut delay = Duration::from_secs(1);
        while let Err(error) = room.join().await {
            if delay > Duration::from_secs(60) {
                tracing::error!(%error, "could not join a room after retries");
                return;
            }
            tracing::warn!(%error, retry_in_secs = delay.as_secs(), "join failed; retrying");
            tokio::time::sleep(delay).await;
            delay *= 2;
        }
    });
}

async fn on_member(ev: OriginalSyncRoomMemberEvent, room: Room, client: Client) {
    let gone = matches!(
        ev.content.membership,
        MembershipState::Leave | MembershipState::Ban
    );
    if !gone || client.user_id() == Some(&*ev.state_key) || room.state() != RoomState::Joined {
        return;
    }
    let alone = room
        .members(matrix_sdk::RoomMemberships::JOIN)
        .await
        .is_ok_and(|m| m.len() <= 1);
    if alone {
        tracing::info!("the other person left a direct chat; leaving too");
        let _ = room.leave().await;
    }
}

async fn on_message(ev: OriginalSyncRoomMessageEvent, room: Room, client: Client, bot: Ctx<Bot>) {
    if room.state() != RoomState::Joined || client.user_id() == Some(&*ev.sender) {
        return;
    }
    if matches!(ev.content.relates_to, Some(Relation::Replacement(_))) {
        return;
    }
    let text = match &ev.content.msgtype {
        MessageType::Text(t) => Some(t.body.clone()),
        MessageType::Notice(_) => return,
        _ => None,
    };
    let bot = (*bot).clone();
    let room_id = room.room_id().to_string();
    let user = UserKey::new("mx", ev.sender.as_str());
    let event_id = ev.event_id.to_string();
    tokio::task::spawn_blocking(move || {
        if let Err(error) = bot.turn(&event_id, &room_id, &user, text.as_deref()) {
            tracing::error!(error = %format!("{error:#}"), "turn failed; answering with the crisis lines");
            let reply = bot.app.error_reply(crate::core::lang::Lang::Uk, Utc::now());
            let _ = bot.outbox.enqueue(vec![Item {
                chat: room_id,
                priority: Priority::Reply,
                msg: to_message(&reply),
            }]);
        }
    });
}

/// A message the bot cannot decrypt: logged without content, and the person asked to write again.
async fn on_undecryptable(_ev: OriginalSyncRoomEncryptedEvent, room: Room, bot: Ctx<Bot>) {
    tracing::warn!("a message could not be decrypted; asking to write again");
    let reply = bot
        .app
        .reply_text(crate::core::lang::Lang::Uk, Msg::new("undecryptable"));
    let _ = bot.outbox.enqueue(vec![Item {
        chat: room.room_id().to_string(),
        priority: Priority::Reply,
        msg: to_message(&reply),
    }]);
}

impl Bot {
    /// Decide, then save session, reply and event id together (as on Telegram).
    fn turn(
        &self,
        event_id: &str,
        room_id: &str,
        user: &UserKey,
        text: Option<&str>,
    ) -> anyhow::Result<()> {
        if self.seen.contains_key(event_id)? {
            return Ok(());
        }
        let now = Utc::now();
        let session = self.store.load(user)?;
        let inbound = match text {
            Some(t) => self.inbound(session.is_none(), t),
            None => Inbound::new(InboundKind::NonText),
        };
        let (next, reply) = self.app.decide(user, session, &inbound, now)?;
        let mut items = vec![Item {
            chat: room_id.to_owned(),
            priority: Priority::Reply,
            msg: to_message(&reply),
        }];
        for (other, notice) in &reply.notices {
            if let Some(room) = self.dm_room(other) {
                items.push(Item {
                    chat: room,
                    priority: Priority::Reply,
                    msg: to_message(notice),
                });
            }
        }
        let mut records = Vec::new();
        let mut committed = Vec::new();
        for item in items {
            let (seq, bytes) = self.outbox.record(&item)?;
            records.push((seq.to_be_bytes().to_vec(), bytes));
            committed.push((seq, item));
        }
        let rooms = self.store.db().open_tree("matrix_rooms")?;
        let seen = vec![(
            event_id.as_bytes().to_vec(),
            now.timestamp().to_be_bytes().to_vec(),
        )];
        let room = vec![(
            user.as_str().as_bytes().to_vec(),
            room_id.as_bytes().to_vec(),
        )];
        self.store.commit_turn(
            user,
            next.as_ref(),
            &[
                (&self.seen, seen),
                (self.outbox.tree(), records),
                (&rooms, room),
            ],
        )?;
        self.outbox.push_committed(committed);
        Ok(())
    }

    /// Matrix has no /start payload: a caseworker's code typed as the first message
    /// (`legal-uk-mops`) opens that step.
    fn inbound(&self, first_contact: bool, text: &str) -> Inbound {
        if first_contact {
            return first_message(&self.app.content(), text);
        }
        Inbound::from_text(text)
    }

    fn dm_room(&self, user: &UserKey) -> Option<String> {
        let rooms = self.store.db().open_tree("matrix_rooms").ok()?;
        rooms
            .get(user.as_str())
            .ok()
            .flatten()
            .map(|v| String::from_utf8_lossy(&v).into_owned())
    }
}

fn remind_every(bot: Bot, period: Duration, shutdown: Shutdown) -> tokio::task::JoinHandle<()> {
    crate::shutdown::every(period, shutdown, "matrix reminders", move || {
        bot.remind(Utc::now())
            .map(drop)
            .map_err(|e| format!("{e:#}"))
    })
}

impl Bot {
    /// Reminders of Matrix users, to the direct chat they last wrote from, each exactly once.
    fn remind(&self, now: chrono::DateTime<Utc>) -> anyhow::Result<usize> {
        let bookings = self.app.bookings();
        let mut sent = 0;
        for (booking, kind) in bookings
            .due_reminders(now)
            .into_iter()
            .filter(|(b, _)| b.user.starts_with("mx:"))
        {
            let Some(room) = self.dm_room(&UserKey::from_raw(&booking.user)) else {
                continue;
            };
            let item = Item {
                chat: room,
                priority: Priority::Batch,
                msg: to_message(&self.app.reminder(&booking, kind)),
            };
            let mark = crate::booking::Bookings::reminded_value(&booking, kind);
            self.outbox.enqueue_marking(
                vec![item],
                (bookings.tree(), booking.code.as_bytes(), &mark),
            )?;
            sent += 1;
        }
        Ok(sent)
    }
}

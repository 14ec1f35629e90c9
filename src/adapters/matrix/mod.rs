//! Matrix through matrix-sdk: a bot account with a fixed device, a SQLite crypto store
//! (passphrase from the config) and a saved session, so a restart keeps its keys and never logs
//! out. The rooms' state is kept in memory only: each start learns it again with one sync from
//! nothing, before the handlers are attached, so history is never answered; then a restored
//! session syncs on from the position Krok's own store noted after the last handled sync, so
//! what came meanwhile is answered. DMs are joined (with retry), other rooms left, a DM left
//! when the other person leaves.

pub mod convert;
mod sync;
mod transport;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::Utc;
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::event_handler::Ctx;
use matrix_sdk::ruma::api::client::uiaa;
use matrix_sdk::ruma::events::room::encrypted::OriginalSyncRoomEncryptedEvent;
use matrix_sdk::ruma::events::room::member::{
    MembershipState, OriginalSyncRoomMemberEvent, StrippedRoomMemberEvent,
};
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation, RoomMessageEventContent,
};
use matrix_sdk::ruma::events::sticker::OriginalSyncStickerEvent;
use matrix_sdk::{Client, Room, RoomState};
use secrecy::{ExposeSecret, SecretString};

use self::convert::{MxMsg, to_message};
use self::transport::MxTransport;
use crate::core::message::{Inbound, InboundKind};
use crate::outbox::{Limits, Outbox};
use crate::pipeline::{self, Pipeline};
use crate::shutdown::Shutdown;
use crate::store::{Platform, UserKey};

/// The device of a session given by an access token (the token names its own device on
/// the homeserver; this is only what the client calls it until it asks).
pub const DEVICE_ID: &str = "KROKBOT";

/// A device id of its own for each log-in with the password: a restart restores the saved
/// session (the same device, the same keys), and a log-in after the keys were lost (the
/// folder deleted, a new machine) is a new device, not new keys under an old device's id,
/// which the homeserver refuses ("one-time key already exists") and other clients distrust.
fn new_device_id() -> anyhow::Result<String> {
    Ok(format!("KROK{}", crate::booking::random_code(6)?))
}

pub struct MatrixConfig {
    pub homeserver: String,
    pub user: String,
    pub password: Option<SecretString>,
    pub access_token: Option<SecretString>,
    pub store_passphrase: SecretString,
    /// Where the SQLite stores and the saved session live.
    pub dir: PathBuf,
    /// Stay in rooms others read (groups, public rooms) instead of leaving them.
    pub accept_rooms: bool,
    pub limits: Limits,
}

#[derive(Clone)]
struct Bot {
    pipeline: Arc<Pipeline>,
    accept_rooms: bool,
    /// Rooms the bot is saying why it leaves: said once, however many events show the room
    /// is read by others.
    leaving: Arc<parking_lot::Mutex<std::collections::HashSet<matrix_sdk::ruma::OwnedRoomId>>>,
    /// Direct chats just joined where nobody has written yet: greeted if nobody does soon.
    unspoken: Arc<parking_lot::Mutex<std::collections::HashSet<matrix_sdk::ruma::OwnedRoomId>>>,
    threads: transport::Threads,
}

/// How long a direct chat opened without a message (Element X opens the chat before anyone
/// writes) waits for the person's first words before the bot greets them: a message sent
/// with the invitation (Element Web) arrives well within it.
const GREET_AFTER: Duration = Duration::from_secs(8);

/// Matrix's message for one reply: one message, options as a numbered list; none for a turn
/// that says nothing.
fn encode(reply: &crate::app::Reply) -> Vec<MxMsg> {
    if reply.messages.is_empty() {
        return Vec::new();
    }
    vec![to_message(reply)]
}

/// This adapter's name in `/healthz`.
const HEALTH: &str = "matrix";

pub async fn run(
    config: MatrixConfig,
    pipeline: Arc<Pipeline>,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    let app = pipeline.app().clone();
    let health = app.health().clone();
    health.expect(HEALTH, None);
    let reached = crate::retry::until_reached(HEALTH, &health, &shutdown, || async {
        connect(&config).await.map_err(classify)
    })
    .await;
    let Some(connected) = reached else {
        return Ok(());
    };
    let (client, restored) = connected?;
    let outbox = Outbox::open(
        Platform::Matrix,
        config.limits,
        pipeline.store().clone(),
        encode,
    )?;
    outbox.observe(app.metrics().clone());
    outbox.watch_health(app.health().clone());
    pipeline.register(Arc::new(outbox.clone()));
    health.expect(HEALTH, Some(Duration::from_secs(90)));
    let threads = transport::Threads::default();
    let bot = Bot {
        pipeline,
        accept_rooms: config.accept_rooms,
        leaving: Default::default(),
        unspoken: Default::default(),
        threads: threads.clone(),
    };
    let store = Arc::clone(bot.pipeline.store());
    client.add_event_handler_context(bot);
    client.add_event_handler(on_invite);
    let Some(me) = client.user_id().map(ToOwned::to_owned) else {
        anyhow::bail!("no Matrix session after logging in");
    };
    // Read before the first sync, which is history: a restored session goes on from here.
    let handled_up_to = store
        .position(Platform::Matrix)
        .context("reading where the Matrix sync stopped")?
        .filter(|_| restored);
    let synced = crate::retry::until_reached(HEALTH, &health, &shutdown, || async {
        client
            .sync_once(sync::first_settings(&me))
            .await
            .map_err(|e| classify(anyhow::Error::new(e).context("first sync with the homeserver")))
    })
    .await;
    let Some(first) = synced else {
        return Ok(());
    };
    let first = first?;
    attach_handlers(&client);
    let resumed = handled_up_to.is_some();
    let from = match handled_up_to {
        Some(position) => position,
        None => {
            sync::note_position(store.as_ref(), &first.next_batch);
            first.next_batch
        }
    };
    tracing::info!(resumed, "Matrix adapter running");
    let transport = MxTransport {
        client: client.clone(),
        store: Arc::clone(&store),
        threads,
    };
    let sender = tokio::spawn(outbox.run(transport, Box::new(|_| {}), shutdown.clone().wait()));
    health.up(HEALTH);
    let syncing = sync::run(client.clone(), &me, from, store, health, HEALTH);
    tokio::select! {
        _ = syncing => {}
        _ = shutdown.wait() => {}
    }
    // Never log out: that would destroy the device and its keys.
    sender.await.context("outbox task")?;
    Ok(())
}

fn attach_handlers(client: &Client) {
    client.add_event_handler(on_message);
    client.add_event_handler(on_sticker);
    client.add_event_handler(on_undecryptable);
    client.add_event_handler(on_member);
}

/// A fault the homeserver answered with (a wrong password or token, a user that does not
/// exist) or a local store that cannot be opened is fatal; a network fault or a rate limit
/// is tried again.
fn classify(error: anyhow::Error) -> crate::retry::Fault {
    use matrix_sdk::ruma::api::error::ErrorKind;
    let refused = error.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<matrix_sdk::Error>()
            .and_then(|e| e.as_client_api_error().map(|_| e.client_api_error_kind()))
            .or_else(|| {
                cause
                    .downcast_ref::<matrix_sdk::HttpError>()
                    .and_then(|e| e.as_client_api_error().map(|_| e.client_api_error_kind()))
            });
        matches!(kind, Some(kind) if !matches!(kind, Some(ErrorKind::LimitExceeded(_))))
    });
    let local = error.chain().any(|cause| {
        cause
            .downcast_ref::<matrix_sdk::ClientBuildError>()
            .is_some()
    });
    if refused || local {
        crate::retry::Fault::Fatal(error)
    } else {
        crate::retry::Fault::Transient(error)
    }
}

/// The SQLite files of stores Krok no longer keeps on disk (rooms' state, members' names).
const DROPPED_STORES: [&str; 3] = [
    "matrix-sdk-state.sqlite3",
    "matrix-sdk-event-cache.sqlite3",
    "matrix-sdk-media.sqlite3",
];

/// Builds the client on its stores and logs in, or restores the saved session (`true`).
/// Only the keys are kept on disk (SQLite, encrypted with the passphrase). The rooms' state
/// stays in memory: matrix-sdk reads and writes it on every sync, and in SQLite that was
/// most of the bot's time before a reply, besides keeping members' names on disk.
async fn connect(config: &MatrixConfig) -> anyhow::Result<(Client, bool)> {
    crate::store::create_private_dir(&config.dir)?;
    let folder = config.dir.join("store");
    let keys =
        matrix_sdk::SqliteCryptoStore::open(&folder, Some(config.store_passphrase.expose_secret()))
            .await
            // A build error, so `classify` sees a store that cannot be opened as fatal.
            .map_err(matrix_sdk::ClientBuildError::from)
            .context(
                "opening the Matrix key store (is the passphrase the one it was made with?)",
            )?;
    remove_dropped_stores(&folder);
    // One process owns the stores: no locking across processes.
    let stores = matrix_sdk::store::StoreConfig::new(
        matrix_sdk::cross_process_lock::CrossProcessLockConfig::SingleProcess,
    )
    .crypto_store(keys);
    let client = Client::builder()
        .homeserver_url(&config.homeserver)
        .store_config(stores)
        .respect_login_well_known(false)
        .build()
        .await
        .context("setting up the Matrix client")?;
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
        let device = new_device_id()?;
        client
            .matrix_auth()
            .login_username(&config.user, password.expose_secret())
            .device_id(&device)
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
    // Private from its creation, like every file Krok writes.
    crate::store::write_private(&session_file, &serde_json::to_vec(&session)?)
        .context("saving the Matrix session")?;
    Ok((client, false))
}

/// Deletes what an earlier Krok kept of the rooms' state on disk (with SQLite's journals).
fn remove_dropped_stores(folder: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if DROPPED_STORES.iter().any(|d| name.starts_with(d))
            && let Err(error) = std::fs::remove_file(entry.path())
        {
            tracing::warn!(%error, file = %name, "cannot delete a store Krok no longer keeps");
        }
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
    // Every invitation is taken, a room not called direct too (Element's "New room" with
    // only the person in it is a private chat all the same): a room others read or may read
    // is then left with why and the crisis lines, never in silence (the person may have
    // written there for help).
    // Invited again (the third person gone): what is found now is said again.
    bot.leaving.lock().remove(room.room_id());
    // Marked before joining: a message sent with the invitation may be answered as soon as
    // the bot is in, and must keep the greeting from following it.
    bot.unspoken.lock().insert(room.room_id().to_owned());
    tokio::spawn(async move {
        let mut delay = Duration::from_secs(1);
        while let Err(error) = room.join().await {
            // Joined meanwhile (the same invitation seen in two syncs around a restart).
            if room.state() == RoomState::Joined {
                break;
            }
            if delay > Duration::from_secs(60) {
                tracing::error!(%error, "could not join a room after retries");
                bot.unspoken.lock().remove(room.room_id());
                return;
            }
            tracing::warn!(%error, retry_in_secs = delay.as_millis().div_ceil(1000), "join failed; retrying");
            tokio::time::sleep(delay).await;
            delay *= 2;
        }
        if !bot.accept_rooms && read_by_others(&room).await {
            tracing::info!("joined a room others read; saying why and leaving");
            bot.unspoken.lock().remove(room.room_id());
            leave_shared(&bot, &room, None, "").await;
            return;
        }
        greet_if_silent(&bot, &room, &ev.sender).await;
    });
}

/// A chat opened with the bot and nothing written in it: the person would look at an empty
/// chat, not knowing what to write. Greeted with the first step (the languages, and where
/// help answers day and night) unless they write first.
async fn greet_if_silent(bot: &Bot, room: &Room, inviter: &matrix_sdk::ruma::UserId) {
    let id = room.room_id().to_owned();
    tokio::time::sleep(GREET_AFTER).await;
    let silent = bot.unspoken.lock().remove(&id);
    if !silent || room.state() != RoomState::Joined || bot.leaving.lock().contains(&id) {
        return;
    }
    tracing::info!("nobody wrote in a direct chat just opened; greeting");
    let start = Inbound::new(InboundKind::Start { payload: None });
    turn(bot, room, inviter, None, start, None).await;
}

async fn on_member(ev: OriginalSyncRoomMemberEvent, room: Room, client: Client, bot: Ctx<Bot>) {
    if client.user_id() == Some(&*ev.state_key) || room.state() != RoomState::Joined {
        return;
    }
    let arrived = matches!(
        ev.content.membership,
        MembershipState::Join | MembershipState::Invite
    );
    if arrived && !bot.accept_rooms && read_by_others(&room).await {
        // A third person invited into (or joining) a direct chat would read what the person
        // tells the bot from then on, a booking's name and phone included: the person is told
        // why, with the crisis lines, and the bot leaves before anyone writes again.
        tracing::info!("someone else came into a direct chat; saying why and leaving");
        leave_shared(&bot, &room, Some(&ev.state_key), "").await;
        return;
    }
    let gone = matches!(
        ev.content.membership,
        MembershipState::Leave | MembershipState::Ban
    );
    if !gone {
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

/// The caption a person wrote under a photo, video, file or voice message.
fn caption(msgtype: &MessageType) -> Option<String> {
    let caption = match msgtype {
        MessageType::Image(c) => c.caption(),
        MessageType::Video(c) => c.caption(),
        MessageType::File(c) => c.caption(),
        MessageType::Audio(c) => c.caption(),
        _ => None,
    };
    caption.map(str::to_owned)
}

/// The words a person wrote: a text, or an emote (Element's `/me не хочу жить`), which is
/// words as much as a text is, a crisis included.
fn words_of(msgtype: &MessageType) -> Option<&str> {
    match msgtype {
        MessageType::Text(t) => Some(&t.body),
        MessageType::Emote(e) => Some(&e.body),
        _ => None,
    }
}

/// Hands the message to the pipeline and waits for its turn: the SDK calls this for one
/// event after another, so one person's messages are decided in the order they came.
async fn on_message(ev: OriginalSyncRoomMessageEvent, room: Room, client: Client, bot: Ctx<Bot>) {
    if room.state() != RoomState::Joined || client.user_id() == Some(&*ev.sender) {
        return;
    }
    // An edit carries its new words apart from the fallback body ("* …"): read for a crisis.
    let edited = match &ev.content.relates_to {
        Some(Relation::Replacement(r)) => match words_of(&r.new_content.msgtype) {
            Some(words) => Some(words.to_owned()),
            None => return,
        },
        _ => None,
    };
    let shared = read_by_others(&room).await;
    if shared && !bot.accept_rooms {
        // Joined as a direct chat because the invitation said so (the inviter's word), but
        // others read it: declined as any room that is not a direct chat is. The person is
        // told why first, with the crisis lines: the message may be a cry for help, and
        // silence would be the worst answer to it.
        tracing::info!("a room joined as a direct chat has more members; saying why and leaving");
        let words = words_of(&ev.content.msgtype).unwrap_or_default();
        leave_shared(&bot, &room, None, words).await;
        return;
    }
    let inbound = match &ev.content.msgtype {
        _ if let Some(words) = edited => Inbound::new(InboundKind::Edited(words)),
        MessageType::Notice(_) => return,
        other if let Some(words) = words_of(other) => {
            Inbound::from_text(without_quote(words, &ev.content.relates_to))
        }
        other => Inbound::new(InboundKind::NonText {
            caption: caption(other),
        }),
    };
    // Written in a thread (Element's "Reply in thread"): the answers go to that thread, where
    // the person reads; written in the room, to the room again.
    match &ev.content.relates_to {
        Some(Relation::Thread(thread)) => bot.threads.enter(room.room_id(), &thread.event_id),
        Some(Relation::Replacement(_)) => {}
        _ => bot.threads.leave(room.room_id()),
    }
    let answers = match (&ev.content.relates_to, &inbound.kind) {
        (Some(Relation::Reply(reply)), InboundKind::Text(t))
            if crate::core::engine::typed_number(t).is_some() =>
        {
            sent_by_bot_at(&room, &client, &reply.in_reply_to.event_id).await
        }
        _ => None,
    };
    // More than the person and the bot read this room (with `matrix_accept_rooms`).
    let inbound = inbound.in_shared_chat(shared);
    hand_over(&bot, &room, &ev.sender, &ev.event_id, inbound, answers).await;
}

/// When the bot sent the message `event` of `room` (Unix milliseconds), if it did: a number
/// typed in reply to one of its lists is a choice on that list only when it is the last.
async fn sent_by_bot_at(
    room: &Room,
    client: &Client,
    event: &matrix_sdk::ruma::EventId,
) -> Option<i64> {
    let found = room.event(event, None).await.ok()?;
    let sender = found
        .raw()
        .get_field::<matrix_sdk::ruma::OwnedUserId>("sender")
        .ok()??;
    if Some(&*sender) != client.user_id() {
        return None;
    }
    Some(i64::from(found.timestamp()?.get()))
}

/// A sticker (a crying face sent instead of words) is answered as a photo is: the crisis
/// lines and a request for a few words, rather than silence.
async fn on_sticker(ev: OriginalSyncStickerEvent, room: Room, client: Client, bot: Ctx<Bot>) {
    if room.state() != RoomState::Joined || client.user_id() == Some(&*ev.sender) {
        return;
    }
    let shared = read_by_others(&room).await;
    if shared && !bot.accept_rooms {
        return; // the room is left, with why, when someone writes in it
    }
    let inbound = Inbound::new(InboundKind::NonText { caption: None }).in_shared_chat(shared);
    hand_over(&bot, &room, &ev.sender, &ev.event_id, inbound, None).await;
}

/// Says why the bot leaves a room that others read (in the language of the person who wrote
/// there, or of the words they wrote), with the crisis lines, and leaves. `newcomer`: the
/// member who just came in, who is not the person the bot was talking to.
async fn leave_shared(
    bot: &Bot,
    room: &Room,
    newcomer: Option<&matrix_sdk::ruma::UserId>,
    words: &str,
) {
    if !bot.leaving.lock().insert(room.room_id().to_owned()) {
        return;
    }
    let own = room.own_user_id().to_owned();
    let others: Vec<_> = room
        .members(matrix_sdk::RoomMemberships::JOIN)
        .await
        .map(|members| members.into_iter().map(|m| m.user_id().to_owned()))
        .into_iter()
        .flatten()
        .filter(|id| *id != own)
        .collect();
    // The person the bot talks to; the newcomer only when nobody else has joined (the
    // person's own join seen after a third was invited), whose language is as good.
    let person = others
        .iter()
        .find(|id| Some(&***id) != newcomer)
        .or(others.first());
    let user = person.map(|id| UserKey::new("mx", id.as_str()));
    let notice = bot.pipeline.shared_room_notice(user.as_ref(), words);
    let notice = convert::text_message(&notice);
    let content = RoomMessageEventContent::text_html(notice.plain, notice.html);
    let sent = room.send(content).await;
    if let Err(error) = sent {
        tracing::warn!(%error, "could not say why before leaving a room");
    }
    let _ = room.leave().await;
}

/// Whether others than the person and the bot read the room, or may: a third member joined
/// or invited, anyone allowed to join (a public room, one that takes knocks or a space's
/// members) or to read its history without joining. The member list is asked of the
/// homeserver once per room (syncs leave it out).
async fn read_by_others(room: &Room) -> bool {
    use matrix_sdk::ruma::events::room::history_visibility::HistoryVisibility;
    use matrix_sdk::ruma::events::room::join_rules::JoinRule;
    let open = !matches!(
        room.join_rule(),
        None | Some(JoinRule::Invite | JoinRule::Private)
    );
    let readable = room.history_visibility() == Some(HistoryVisibility::WorldReadable);
    open || readable
        || room
            .members(matrix_sdk::RoomMemberships::ACTIVE)
            .await
            .is_ok_and(|m| m.len() > 2)
}

/// Hands one event to the pipeline and waits for its turn.
async fn hand_over(
    bot: &Bot,
    room: &Room,
    sender: &matrix_sdk::ruma::UserId,
    event_id: &matrix_sdk::ruma::EventId,
    inbound: Inbound,
    answers: Option<i64>,
) {
    bot.unspoken.lock().remove(room.room_id());
    turn(bot, room, sender, Some(event_id), inbound, answers).await;
}

/// One turn of the pipeline for `sender` in `room`; `event_id`, when the turn answers an
/// event, so a redelivered one is not answered twice.
async fn turn(
    bot: &Bot,
    room: &Room,
    sender: &matrix_sdk::ruma::UserId,
    event_id: Option<&matrix_sdk::ruma::EventId>,
    inbound: Inbound,
    answers: Option<i64>,
) {
    let event = pipeline::Incoming {
        user: UserKey::new("mx", sender.as_str()),
        chat: room.room_id().to_string(),
        id: event_id.map(|id| id.as_bytes().to_vec()),
        inbound,
        typed_codes: true,
        pressed: None,
        answers,
    };
    let pipeline = Arc::clone(&bot.pipeline);
    let turn = tokio::task::spawn_blocking(move || pipeline.turn(&event, Utc::now()));
    if let Err(error) = turn.await {
        tracing::error!(%error, "turn task failed");
    }
}

/// A reply's own words: clients that quote the message replied to put it first, as lines
/// starting with `> ` and an empty line ("> <@krok:x> Which matter is it?…"), which would
/// hide a typed "1" from the dialog.
fn without_quote<'a, C>(body: &'a str, relation: &Option<Relation<C>>) -> &'a str {
    if !matches!(relation, Some(Relation::Reply(_))) || !body.starts_with('>') {
        return body;
    }
    let mut rest = body;
    while rest.starts_with('>') {
        rest = rest.split_once('\n').map_or("", |(_, after)| after);
    }
    match rest.trim() {
        "" => body,
        own => own,
    }
}

/// A message the bot cannot decrypt: logged without content, and the person asked to write
/// again, in their language when the bot knows it.
async fn on_undecryptable(ev: OriginalSyncRoomEncryptedEvent, room: Room, bot: Ctx<Bot>) {
    tracing::warn!("a message could not be decrypted; asking to write again");
    bot.unspoken.lock().remove(room.room_id());
    let user = UserKey::new("mx", ev.sender.as_str());
    let chat = room.room_id().to_string();
    let pipeline = Arc::clone(&bot.pipeline);
    let said = tokio::task::spawn_blocking(move || pipeline.say(&user, &chat, "undecryptable"));
    if let Ok(Err(error)) = said.await {
        tracing::error!(%error, "could not ask to write again");
    }
}

#[cfg(test)]
mod tests {
    use matrix_sdk::ruma::events::relation::{InReplyTo, Reply};
    use matrix_sdk::ruma::owned_event_id;

    use super::*;

    #[test]
    fn a_reply_is_read_without_the_quote_of_the_message_replied_to() {
        let reply: Option<Relation<RoomMessageEventContent>> = Some(Relation::Reply(Reply::new(
            InReplyTo::new(owned_event_id!("$a:x")),
        )));
        let quoted = "> <@krok:x> Which matter is it?\n> 1. Documents\n\n1";
        assert_eq!(without_quote(quoted, &reply), "1");
        let none: Option<Relation<RoomMessageEventContent>> = None;
        assert_eq!(
            without_quote(quoted, &none),
            quoted,
            "not a reply: as written"
        );
        assert_eq!(without_quote("> my own quote", &reply), "> my own quote");
        assert_eq!(without_quote("2", &reply), "2");
    }
}

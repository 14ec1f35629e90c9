//! What the pipeline sends outside a person's turn: a message outside the dialog, booking
//! reminders, and the retried erasure of a `/forget` that could not be done whole. Each holds
//! the person's turn lock and writes its messages durably before handing them over.

use chrono::{DateTime, Utc};

use super::{Outgoing, Pipeline, Priority, hand_over, records};
use crate::app::Reply;
use crate::booking::State;
use crate::core::lang::{self, Lang};
use crate::core::message::Msg;
use crate::store::{BookingUpdate, Commit, StoreError, UserKey};

impl Pipeline {
    /// `reply` to `chat` on the person's own platform, encoded for the queue.
    fn to_own_chat(
        &self,
        user: &UserKey,
        chat: &str,
        reply: &Reply,
    ) -> Result<Vec<Outgoing>, StoreError> {
        let mut outgoing = Vec::new();
        let channel = self.require(user.on())?;
        self.encode(&mut outgoing, channel, chat, Priority::Reply, reply)?;
        Ok(outgoing)
    }

    /// One message outside the dialog (e.g. "I could not read that, please write again"), in
    /// the person's language when it is known, with the crisis lines as `$emergency` and
    /// `$line`: what could not be read may have been a cry for help.
    pub fn say(&self, user: &UserKey, chat: &str, id: &'static str) -> Result<(), StoreError> {
        let _turn = self.locks.hold(user);
        let lang = self.lang_of(user)?.unwrap_or(Lang::Uk);
        let msg = crate::core::engine::with_crisis_phones(&self.app.content(), id);
        let outgoing = self.to_own_chat(user, chat, &self.app.reply_text(lang, msg))?;
        self.store.enqueue(&records(&outgoing), None)?;
        hand_over(outgoing);
        Ok(())
    }

    /// What the bot says in a room it leaves because more people than the person read it:
    /// why, where to go on, and the crisis lines (the message may be a cry for help), in the
    /// person's language, else the one the message is written in.
    pub fn shared_room_notice(&self, user: Option<&UserKey>, words: &str) -> String {
        let known = user.and_then(|u| self.lang_of(u).ok().flatten());
        let content = self.app.content();
        let msg = crate::core::engine::with_crisis_phones(&content, "room-shared");
        // Nobody's language known and the words tell none: said in all four, the crisis
        // lines in each, rather than in one a Polish resident may not read.
        let langs = match known.or_else(|| lang::detect(words)) {
            Some(lang) => vec![lang],
            None => vec![Lang::Uk, Lang::Pl, Lang::En, Lang::Ru],
        };
        let said: Vec<String> = langs
            .into_iter()
            .map(|lang| content.locales.text(lang, &msg))
            .collect();
        said.join("\n\n")
    }

    /// Queues the booking reminders due at `now` for every platform that runs, each exactly
    /// once: the reminder is queued and marked sent in one write. The person's screen becomes
    /// that booking, so its options answer to their numbers where there are no buttons.
    pub fn remind(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut sent = 0;
        for (booking, kind) in self.app.bookings().due_reminders(now)? {
            let user = UserKey::from_raw(&booking.user);
            // At start the reminders are looked at before the adapters have connected: one for
            // a platform not running yet waits for the next pass, neither sent nor lost.
            if self.channel(user.on()).is_none() {
                waits_for_platform(user.on());
                continue;
            }
            let _turn = self.locks.hold(&user);
            // Cancelled or already reminded while the list was read: nothing to send.
            let current = self.app.bookings().get(&booking.code)?;
            if current.is_none_or(|b| b.reminded.contains(&kind)) {
                continue;
            }
            let reply = self.app.reminder(&booking, kind);
            let mut outgoing = Vec::new();
            if !self.encode_for(&mut outgoing, &user, Priority::Batch, &reply)? {
                continue;
            }
            let records = records(&outgoing);
            let update = BookingUpdate {
                code: &booking.code,
                reminded: kind,
            };
            match self.store.load(&user)? {
                Some(mut session) => {
                    session.list_bookings(vec![booking.to_ref()]);
                    self.store.commit(&Commit {
                        user: &user,
                        session: Some(&session),
                        chat: None,
                        handled: None,
                        at: now.timestamp(),
                        queued: &records,
                        booking: Some(update),
                    })?;
                }
                None => self.store.enqueue(&records, Some(update))?,
            }
            hand_over(outgoing);
            sent += 1;
        }
        Ok(sent)
    }

    /// Tries again to erase the people whose `/forget` could not be done whole, and tells each
    /// of them when it is done; returns how many are still waiting.
    pub fn retry_forgets(&self, now: DateTime<Utc>) -> usize {
        let waiting = std::mem::take(&mut *self.forgets.lock().unwrap_or_else(|p| p.into_inner()));
        let mut left = Vec::new();
        for (user, chat) in waiting {
            if let Err(error) = self.erase(&user, &chat, now) {
                tracing::error!(%error, "erasing a person still fails; retrying later");
                left.push((user, chat));
            }
        }
        let mut forgets = self.forgets.lock().unwrap_or_else(|p| p.into_inner());
        forgets.extend(left);
        forgets.len()
    }

    /// Deletes the person's bookings and session and says so, in their language.
    fn erase(&self, user: &UserKey, chat: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let _turn = self.locks.hold(user);
        let lang = self.lang_of(user)?.unwrap_or(Lang::Uk);
        let forgotten = self.app.bookings().forget(user)?;
        self.forget_naming(&forgotten.codes);
        self.forget_elsewhere(user)?;
        let reply = self.app.reply_text(lang, Msg::new("forgotten"));
        let outgoing = self.to_own_chat(user, chat, &reply)?;
        self.store.commit(&Commit {
            user,
            session: None,
            chat: None,
            handled: None,
            at: now.timestamp(),
            queued: &records(&outgoing),
            booking: None,
        })?;
        hand_over(outgoing);
        tracing::info!("a person asked to be forgotten; done on a retry");
        Ok(())
    }

    /// Erases the name and contact of every booking draft whose hold ran out, was released
    /// or was confirmed (the confirmed booking keeps its own copy); returns how many.
    pub fn expire_drafts(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut erased = 0;
        for user in self.store.drafts()? {
            let _turn = self.locks.hold(&user);
            let Some(mut session) = self.store.load(&user)? else {
                continue;
            };
            let code = session.booking.as_ref().and_then(|d| d.code.clone());
            let held = match code {
                Some(code) => self.app.bookings().get(&code)?.is_some_and(|b| {
                    b.user == user.as_str()
                        && matches!(b.state, State::Held { until } if until >= now.timestamp())
                }),
                None => false,
            };
            if !held && session.drop_contact() {
                self.store.save(&user, &session)?;
                self.store.flush()?;
                self.store.mark_erased();
                erased += 1;
            }
        }
        Ok(erased)
    }

    /// Erases the contacts of drafts whose hold is gone, then makes every deletion so far real
    /// on disk (see `TurnStore::erase_deleted`); true if the store was rewritten.
    pub fn settle_erasures(&self, now: DateTime<Utc>) -> Result<bool, StoreError> {
        self.expire_drafts(now)?;
        self.store.erase_deleted()
    }

    /// Whether someone's deleted records are still on disk, waiting for a rewrite.
    pub fn erasure_pending(&self) -> bool {
        self.store.erasure_pending()
    }

    /// The person blocked the bot or left (or a group removed it): everything about them
    /// (every member's place in the group) is deleted.
    pub fn forget(&self, user: &UserKey) -> Result<(), StoreError> {
        {
            let _turn = self.locks.hold(user);
            let forgotten = self.app.bookings().forget(user)?;
            self.forget_naming(&forgotten.codes);
            self.store.forget(user)?;
        }
        self.forget_elsewhere(user)?;
        self.store.flush()
    }

    /// Deletes what is kept under the person's other keys: a Telegram user's place in each
    /// group they wrote to the bot in (`tg:<group>/<id>`), or, for a group, its members'.
    /// A caseworker's desk sessions end and their unused sign-in links are void.
    pub(super) fn forget_elsewhere(&self, user: &UserKey) -> Result<(), StoreError> {
        if let Some(desk) = self.app.desk() {
            for key in std::iter::once(user.clone()).chain(user.person()) {
                desk.sign_out_everywhere(key.as_str())?;
            }
        }
        let Some((prefix, suffix)) = related(user) else {
            return Ok(());
        };
        let mut others = self.store.users_like(&prefix, &suffix)?;
        others.extend(user.person());
        for other in others {
            let _turn = self.locks.hold(&other);
            let forgotten = self.app.bookings().forget(&other)?;
            self.forget_naming(&forgotten.codes);
            self.store.forget(&other)?;
        }
        Ok(())
    }
}

/// What else is kept about `user` under other keys, as the start and end of those keys: for
/// a Telegram person (`tg:42`) or their place in a group (`tg:-100/42`, with `tg:42` itself),
/// their places in groups (`tg:-100/42`); for a Telegram group (`tg:-100`), its members'.
/// Other platforms key a person once.
fn related(user: &UserKey) -> Option<(String, String)> {
    if let Some(person) = user.person() {
        return related(&person);
    }
    let id = user.as_str().strip_prefix("tg:")?;
    Some(match id.starts_with('-') {
        true => (format!("tg:{id}/"), String::new()),
        false => ("tg:".to_owned(), format!("/{id}")),
    })
}

/// A reminder for a platform not running: at start, while the adapters connect, a debug
/// line; minutes later (the platform switched off, or failing to connect) a warning, at most
/// once an hour.
fn waits_for_platform(platform: crate::store::Platform) {
    static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    static WARNED: crate::ops::throttled::Throttled =
        crate::ops::throttled::Throttled::new(std::time::Duration::from_secs(3600));
    let now = std::time::Instant::now();
    let started = *STARTED.get_or_init(|| now);
    if now.duration_since(started) < std::time::Duration::from_secs(300) {
        tracing::debug!(
            platform = platform.name(),
            "a reminder waits for its platform"
        );
    } else if let Some(count) = WARNED.hit(now) {
        tracing::warn!(
            platform = platform.name(),
            count,
            "reminders wait for a platform that is not running"
        );
    }
}

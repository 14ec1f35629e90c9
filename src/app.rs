//! `App::handle`: load session -> `Engine::step` (triage first) -> save -> render. The one path
//! every adapter uses; an infrastructure fault still gets a localised answer with the crisis line.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::booking::{Booking, Bookings, ReminderKind};
use crate::core::booking::{Effect, when_args};
use crate::core::content::Content;
use crate::core::engine::Engine;
use crate::core::lang::Lang;
use crate::core::message::{Button, Inbound, InboundKind, Msg, Outbound};
use crate::core::render::{Rendered, render};
use crate::core::session::Session;
use crate::store::{SessionStore, StoreError, UserKey};

/// What to send back, rendered in `lang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub lang: Lang,
    pub out: Vec<Outbound>,
    pub messages: Vec<Rendered>,
    /// Messages for other people, e.g. the person whose booking a caseworker cancelled.
    pub notices: Vec<(UserKey, Reply)>,
}

pub struct App {
    engine: Engine,
    store: Arc<dyn SessionStore>,
    session_ttl_secs: i64,
    bookings: Arc<Bookings>,
    staff: HashSet<String>,
}

/// Most booking effects one turn may chain (find, hold, and a re-find when taken).
const EFFECTS_PER_TURN: usize = 4;

impl App {
    pub fn new(content: Arc<Content>, store: Arc<dyn SessionStore>, session_ttl_days: u32) -> App {
        let bookings =
            Arc::new(Bookings::temporary().expect("a temporary booking store can be created"));
        App {
            engine: Engine::new(content),
            store,
            session_ttl_secs: i64::from(session_ttl_days) * 86_400,
            bookings,
            staff: HashSet::new(),
        }
    }

    /// Bookings kept in the same sled database as the sessions.
    pub fn with_bookings(mut self, bookings: Arc<Bookings>) -> App {
        self.bookings = bookings;
        self
    }

    /// Caseworkers' user keys (`tg:123`, `mx:@ann:example.org`).
    pub fn with_staff(mut self, staff: impl IntoIterator<Item = String>) -> App {
        self.staff = staff.into_iter().collect();
        self
    }

    pub fn bookings(&self) -> &Bookings {
        &self.bookings
    }

    pub fn content(&self) -> &Content {
        self.engine.content()
    }

    pub fn store(&self) -> &dyn SessionStore {
        self.store.as_ref()
    }

    pub fn handle(&self, user: &UserKey, inbound: &Inbound, now: DateTime<Utc>) -> Reply {
        match self.try_handle(user, inbound, now) {
            Ok(reply) => reply,
            Err(error) => {
                tracing::error!(%error, "turn failed; answering with the crisis lines");
                self.error_reply(inbound.hint.unwrap_or(Lang::Uk), now)
            }
        }
    }

    fn try_handle(
        &self,
        user: &UserKey,
        inbound: &Inbound,
        now: DateTime<Utc>,
    ) -> Result<Reply, StoreError> {
        let (session, reply) = self.decide(user, self.store.load(user)?, inbound, now)?;
        match &session {
            Some(s) => self.store.save(user, s)?,
            None => self.store.forget(user)?,
        }
        Ok(reply)
    }

    /// One turn without saving the session, for adapters that save it together with other
    /// state in one transaction: the session to keep (`None`: forget the person, whose
    /// bookings are deleted here) and the reply. An expired session counts as none.
    pub fn decide(
        &self,
        user: &UserKey,
        session: Option<Session>,
        inbound: &Inbound,
        now: DateTime<Utc>,
    ) -> Result<(Option<Session>, Reply), StoreError> {
        let expired_before = now.timestamp() - self.session_ttl_secs;
        let session = session.filter(|s| s.updated_at >= expired_before);
        let mut inbound = inbound.clone();
        inbound.staff = self.staff.contains(user.as_str());
        let mut step = self.engine.step(session, &inbound, now);
        let mut out = std::mem::take(&mut step.out);
        let mut notices = Vec::new();
        for _ in 0..EFFECTS_PER_TURN {
            let Some(effect) = step.effect.take() else {
                break;
            };
            let Some(session) = step.session.take() else {
                break;
            };
            if let Effect::StaffCancel { code } = &effect
                && let Some(booking) = self.bookings.get(code)?
            {
                notices.push((
                    UserKey::from_raw(&booking.user),
                    self.cancel_notice(&booking, now),
                ));
            }
            let result =
                self.bookings
                    .execute(&self.content().schedule, user, step.lang, effect, now)?;
            step = self.engine.resume(session, result, now);
            out.append(&mut step.out);
        }
        if step.session.is_none() {
            let deleted = self.bookings.forget(user)?;
            tracing::info!(bookings = deleted, "a person asked to be forgotten");
        }
        tracing::info!(kind = kind_name(&inbound.kind), lang = %step.lang, replies = out.len(), "turn");
        let mut reply = self.reply(step.lang, out);
        reply.notices = notices;
        Ok((step.session, reply))
    }

    /// "We had to cancel your consultation", in the person's language.
    fn cancel_notice(&self, booking: &Booking, now: DateTime<Utc>) -> Reply {
        let msg = Msg::new("booking-cancelled-by-staff")
            .arg("when", self.when(booking.lang, booking.start))
            .arg("kind", self.kind_name(booking.lang, &booking.kind));
        let _ = now;
        self.reply(booking.lang, vec![Outbound::text(msg)])
    }

    fn when(&self, lang: Lang, start: i64) -> String {
        let msg = when_args(start)
            .into_iter()
            .fold(Msg::new("book-when"), |m, (k, v)| m.arg(k, v));
        self.content().locales.text(lang, &msg)
    }

    fn kind_name(&self, lang: Lang, kind: &str) -> String {
        self.content()
            .locales
            .text(lang, &Msg::new(format!("booking-kind-{kind}")))
    }

    /// A reply that is just one message, outside the dialog.
    pub fn reply_text(&self, lang: Lang, msg: Msg) -> Reply {
        self.reply(lang, vec![Outbound::text(msg)])
    }

    /// A reminder of a booking, in the language it was made in, with a button to cancel it.
    pub fn reminder(&self, booking: &Booking, kind: ReminderKind) -> Reply {
        let msg = match kind {
            ReminderKind::DayBefore => {
                Msg::new("reminder-day").arg("when", self.when(booking.lang, booking.start))
            }
            ReminderKind::HourBefore => {
                Msg::new("reminder-hour").arg("time", when_args(booking.start)[3].1.clone())
            }
        };
        let msg = msg
            .arg("kind", self.kind_name(booking.lang, &booking.kind))
            .arg("code", booking.code.clone());
        let cancel = Button {
            label: Msg::new("reminder-cancel"),
            data: format!("@cancel:{}", booking.code),
        };
        self.reply(
            booking.lang,
            vec![Outbound::Text {
                msg,
                buttons: vec![cancel],
            }],
        )
    }

    fn reply(&self, lang: Lang, out: Vec<Outbound>) -> Reply {
        let messages = out
            .iter()
            .map(|o| render(self.content(), lang, o))
            .collect();
        Reply {
            lang,
            out,
            messages,
            notices: Vec::new(),
        }
    }

    /// "Something went wrong" and the crisis services, straight from the content.
    pub fn error_reply(&self, lang: Lang, now: DateTime<Utc>) -> Reply {
        let content = self.content();
        let mut out = vec![Outbound::text(Msg::new("error"))];
        for id in &content.triage.crisis_services {
            if let Some(s) = content.services.get(id) {
                out.push(Outbound::Place {
                    service: id.clone(),
                    status: s.status(now),
                    buttons: Vec::new(),
                });
            }
        }
        self.reply(lang, out)
    }

    /// Deletes sessions idle for longer than the configured time.
    pub fn sweep(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let removed = self.store.sweep(now.timestamp() - self.session_ttl_secs)?;
        let holds = self.bookings.sweep_holds(now)?;
        let old = self
            .bookings
            .sweep_old(self.content().schedule.keep_days, now)?;
        tracing::info!(
            removed,
            holds,
            old_bookings = old,
            "expired sessions, holds and bookings swept"
        );
        Ok(removed)
    }
}

fn kind_name(kind: &InboundKind) -> &'static str {
    match kind {
        InboundKind::Start { .. } => "start",
        InboundKind::Text(_) => "text",
        InboundKind::Button(_) => "button",
        InboundKind::Command(_) => "command",
        InboundKind::NonText => "non-text",
    }
}

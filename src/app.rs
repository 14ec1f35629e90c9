//! `App::handle`: load session -> `Engine::step` (triage first) -> save -> render. The one path
//! every adapter uses; an infrastructure fault still gets a localised answer with the crisis line.

use std::sync::Arc;
use std::time::Instant;

use arc_swap::ArcSwap;
use chrono::{DateTime, Utc};

use crate::booking::{Booking, Bookings, ReminderKind, State};
use crate::core::action::Action;
use crate::core::booking::{Effect, EffectResult, when_args};
use crate::core::content::Content;
use crate::core::engine::Engine;
use crate::core::event::Event;
use crate::core::lang::Lang;
use crate::core::message::{Button, Inbound, InboundKind, Msg, Outbound};
use crate::core::render::{Rendered, render};
use crate::core::session::Session;
use crate::desk::Access;
use crate::ops::{Health, Metrics};
use crate::staff::Staff;
use crate::stats::{Counted, Demand};
use crate::store::{SessionStore, StoreError, UserKey};

/// What to send back, rendered in `lang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub lang: Lang,
    pub out: Vec<Outbound>,
    pub messages: Vec<Rendered>,
    /// Messages for other people, e.g. the person whose booking a caseworker cancelled.
    pub notices: Vec<(UserKey, Reply)>,
    /// The person's message was a crisis: this reply leaves before everything else waiting.
    pub crisis: bool,
    /// What the turn did, to count once it is committed (`App::count`).
    pub events: Vec<Event>,
    /// `/forget` could not delete everything: the person's data is kept whole for now, and
    /// the erasure is to be retried (`Pipeline::retry_forgets`).
    pub forget_pending: bool,
    /// `/forget` deleted bookings with these codes: what waits to be sent to anyone naming
    /// them is dropped with the rest (`Channel::forget_naming`).
    pub forgotten_codes: Vec<String>,
}

/// When the content in use was loaded, and the last reload's time and problems (none: it was
/// taken), for the desk's content page.
#[derive(Clone, Debug)]
pub struct ContentState {
    pub loaded_at: DateTime<Utc>,
    pub last_reload: Option<(DateTime<Utc>, Vec<String>)>,
}

pub struct App {
    /// Replaced whole by a content reload; a turn works on the content it started with.
    content: ArcSwap<Content>,
    store: Arc<dyn SessionStore>,
    session_ttl_secs: i64,
    bookings: Arc<Bookings>,
    staff: Staff,
    desk: Option<Arc<Access>>,
    content_state: parking_lot::Mutex<ContentState>,
    demand: Option<(Demand, u32)>,
    metrics: Arc<Metrics>,
    health: Arc<Health>,
    flood: crate::ops::flood::BookingFlood,
    /// The bookings last found on times the content no longer offers (logged when they change).
    stranded: parking_lot::Mutex<Vec<String>>,
    started: crate::stats::StartedToday,
}

/// Most booking effects one turn may chain (find, hold, and a re-find when taken).
const EFFECTS_PER_TURN: usize = 4;

impl App {
    pub fn new(content: Arc<Content>, store: Arc<dyn SessionStore>, session_ttl_days: u32) -> App {
        let bookings = Arc::new(Bookings::memory());
        App {
            content: ArcSwap::new(content),
            store,
            session_ttl_secs: i64::from(session_ttl_days) * 86_400,
            bookings,
            staff: Staff::default(),
            desk: None,
            content_state: parking_lot::Mutex::new(ContentState {
                loaded_at: Utc::now(),
                last_reload: None,
            }),
            demand: None,
            metrics: Arc::new(Metrics::new()),
            health: Arc::new(Health::new()),
            flood: Default::default(),
            stranded: Default::default(),
            started: Default::default(),
        }
    }

    /// Counts demand per day in `demand`, keeping `keep_days` days.
    pub fn with_demand(mut self, demand: Demand, keep_days: u32) -> App {
        self.demand = Some((demand, keep_days));
        self
    }

    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.metrics
    }

    pub fn health(&self) -> &Arc<Health> {
        &self.health
    }

    /// Uses `content` from the next message on; sessions whose step is gone start again.
    pub fn set_content(&self, content: Arc<Content>) {
        self.content.store(content);
        let now = Utc::now();
        *self.content_state.lock() = ContentState {
            loaded_at: now,
            last_reload: Some((now, Vec::new())),
        };
    }

    /// A reload that was refused, with its problems as `file:line: what`; the old content stays.
    pub fn note_refused_reload(&self, problems: Vec<String>) {
        self.content_state.lock().last_reload = Some((Utc::now(), problems));
    }

    /// When the content in use was loaded, and how the last reload went.
    pub fn content_state(&self) -> ContentState {
        self.content_state.lock().clone()
    }

    /// Bookings kept in the same sled database as the sessions.
    pub fn with_bookings(mut self, bookings: Arc<Bookings>) -> App {
        self.bookings = bookings;
        self
    }

    /// Caseworkers' `/desk` gets a sign-in link to this desk.
    pub fn with_desk(mut self, desk: Arc<Access>) -> App {
        self.desk = Some(desk);
        self
    }

    /// The daily demand figures, when this app counts them.
    pub fn demand(&self) -> Option<&Demand> {
        self.demand.as_ref().map(|(d, _)| d)
    }

    /// The desk's sign-in, when this server serves one.
    pub fn desk(&self) -> Option<Arc<Access>> {
        self.desk.clone()
    }

    /// A sign-in link for a caseworker (only they reach the `/desk` effect), noted in the audit.
    fn desk_link(&self, user: &UserKey, now: DateTime<Utc>) -> Result<Option<String>, StoreError> {
        let Some(desk) = &self.desk else {
            return Ok(None);
        };
        let link = desk.link(user.as_str(), now.timestamp())?;
        tracing::info!(target: "krok::audit", action = "desk-link", caseworker = user.as_str());
        Ok(Some(link))
    }

    /// Caseworkers' user keys (`tg:123`, `mx:@ann:example.org`).
    pub fn with_staff(mut self, staff: impl IntoIterator<Item = String>) -> App {
        self.staff = Staff::new(staff);
        self
    }

    /// The caseworkers' list this app reads; the desk shares it, and SIGHUP replaces it.
    pub fn staff(&self) -> &Staff {
        &self.staff
    }

    pub fn bookings(&self) -> &Bookings {
        &self.bookings
    }

    /// The content now in use.
    pub fn content(&self) -> Arc<Content> {
        self.content.load_full()
    }

    pub fn store(&self) -> &dyn SessionStore {
        self.store.as_ref()
    }

    pub fn handle(&self, user: &UserKey, inbound: &Inbound, now: DateTime<Utc>) -> Reply {
        match self.try_handle(user, inbound, now) {
            Ok(reply) => reply,
            Err(error) => {
                crate::store_fault!(error, "turn failed; answering with the crisis lines");
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
        let started = Instant::now();
        let (session, reply) = self.decide(user, self.store.load(user)?, inbound, now)?;
        match &session {
            Some(s) => self.store.save(user, s)?,
            None => self.store.forget(user)?,
        }
        let lang = session.as_ref().and_then(|s| s.lang);
        self.count(user, lang, &reply.events, now, started.elapsed());
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
        let before = session.clone();
        let mut inbound = inbound.clone();
        inbound.staff = self.staff.contains(user.as_str());
        let engine = Engine::new(self.content());
        let mut step = engine.step(session, &inbound, now);
        let mut out = std::mem::take(&mut step.out);
        let mut events = std::mem::take(&mut step.events);
        let mut notices = Vec::new();
        let mut forgotten_codes = Vec::new();
        for _ in 0..EFFECTS_PER_TURN {
            let Some(effect) = step.effect.take() else {
                break;
            };
            let Some(session) = step.session.take() else {
                break;
            };
            if let Effect::StaffCancel { code, reason } = &effect
                && let Some(booking) = self.bookings.get(code)?
            {
                notices.push((
                    UserKey::from_raw(&booking.user),
                    self.cancel_notice(&booking, reason.as_deref()),
                ));
            }
            audit_staff(user, &effect);
            let result = match effect {
                Effect::DeskLink => EffectResult::DeskLink(self.desk_link(user, now)?),
                Effect::MyId => EffectResult::MyId(user.as_str().to_owned()),
                effect => self.bookings.execute(
                    &engine.content().schedule,
                    user,
                    step.lang,
                    effect,
                    now,
                )?,
            };
            if let EffectResult::Held { .. } = result {
                self.flood.held(now, &self.health);
            }
            step = engine.resume(session, result, now);
            out.append(&mut step.out);
            events.append(&mut step.events);
        }
        if let Some(session) = &step.session {
            self.let_go(user, before.as_ref(), session);
        }
        if step.session.is_none() {
            // Only a private chat forgets (the engine refuses /forget in a group): the
            // person's bookings are theirs.
            match self.bookings.forget(user) {
                // A consultation ahead that /forget deleted is a cancellation in the figures,
                // as if the person had cancelled it first, and the person is told which.
                Ok(erased) => {
                    forgotten_codes = erased.codes;
                    for b in erased
                        .live
                        .into_iter()
                        .filter(|b| b.state == State::Confirmed && b.start > now.timestamp())
                    {
                        let when = self.when(step.lang, b.start);
                        out.push(Outbound::text(
                            Msg::new("forgotten-booking").arg("when", when),
                        ));
                        events.push(Event::Cancelled(b.kind));
                    }
                }
                Err(error) => {
                    // Nothing half-deleted: everything stays until the erasure can be done whole.
                    tracing::error!(%error, "could not delete a person's bookings; retrying later");
                    let mut reply = self.reply_text(step.lang, Msg::new("forget-failed"));
                    reply.forget_pending = true;
                    return Ok((before, reply));
                }
            }
        }
        // A language chosen anew is the one the person reads: their bookings' reminders and a
        // caseworker's cancellation are said in it.
        let chosen = step.session.as_ref().and_then(|s| s.lang);
        if let Some(lang) = chosen
            && before
                .as_ref()
                .and_then(|s| s.lang)
                .is_some_and(|was| was != lang)
            && let Err(error) = self.bookings.relang(user, lang)
        {
            tracing::warn!(%error, "could not change the language of a person's bookings");
        }
        tracing::debug!(kind = kind_name(&inbound.kind), lang = %step.lang, replies = out.len(), "turn");
        let mut reply = self.reply_with(engine.content(), step.lang, out);
        reply.notices = notices;
        reply.forgotten_codes = forgotten_codes;
        reply.crisis = events.contains(&Event::Crisis);
        reply.events = self.once_a_day(user, events, now);
        Ok((step.session, reply))
    }

    /// A person's start counts once a day, and a referral once a day, however often they
    /// `/forget` and start again (the session's own marks go with it), and however many
    /// groups they start the bot in (one account in fifty groups is one person, with one tag).
    fn once_a_day(&self, user: &UserKey, events: Vec<Event>, now: DateTime<Utc>) -> Vec<Event> {
        let person = user.person().unwrap_or_else(|| user.clone());
        events
            .into_iter()
            .filter_map(|event| match event {
                Event::Started { tag } => {
                    let first = self.started.first(&format!("s{}", person.as_str()), now);
                    let tag =
                        tag.filter(|_| self.started.first(&format!("r{}", person.as_str()), now));
                    (first || tag.is_some()).then_some(Event::Started { tag })
                }
                event => Some(event),
            })
            .collect()
    }

    /// Adds a committed turn to the metrics and the daily demand figures; a failure to count
    /// is logged, never the person's problem.
    pub fn count(
        &self,
        user: &UserKey,
        lang: Option<Lang>,
        events: &[Event],
        now: DateTime<Utc>,
        took: std::time::Duration,
    ) {
        let turn = Counted {
            now,
            platform: user.platform(),
            lang,
            events,
        };
        self.count_all(&[(turn, took)]);
    }

    /// Adds the committed turns of a batch (each with the time it took to decide) to the
    /// metrics and, in one write per counter, to the daily demand figures.
    pub fn count_all(&self, turns: &[(Counted<'_>, std::time::Duration)]) {
        for (turn, took) in turns {
            self.metrics
                .turn(turn.platform, turn.lang, turn.events, *took);
            for event in turn.events {
                if let Event::Booked(_) = event {
                    let places = self.content().schedule.places(turn.now);
                    self.flood.booked(turn.now, places, &self.health);
                }
            }
        }
        if let Some((demand, _)) = &self.demand
            && let Err(error) = demand.record_all(turns.iter().map(|(turn, _)| turn))
        {
            tracing::error!(%error, "could not count the turns in the demand figures");
        }
    }

    /// Bookings the content no longer offers a time for (a closed date added, a schedule
    /// changed, a kind removed) are told in `/healthz` with their codes, so a caseworker
    /// cancels them and the people are told; nothing is cancelled by itself. Checked at every
    /// content load and every half minute, so the warning goes once they are cancelled.
    pub fn check_booked_times(&self, now: DateTime<Utc>) {
        const NAME: &str = "booked times";
        let content = self.content();
        let Ok(upcoming) = self.bookings.upcoming(now) else {
            return;
        };
        let stranded: Vec<String> = upcoming
            .iter()
            .filter(|b| {
                let start = DateTime::from_timestamp(b.start, 0).unwrap_or(now);
                content
                    .schedule
                    .kind(&b.kind)
                    .is_none_or(|k| !k.offers(start))
            })
            // Times and kinds only: `/healthz` is read by monitoring, alerts and whoever can reach
            // it, and a booking's code is what identifies a person on the phone.
            .map(|b| {
                format!(
                    "{} {}",
                    crate::core::schedule::krakow_time(b.start, "%Y-%m-%d %H:%M"),
                    b.kind
                )
            })
            .collect();
        let mut known = self.stranded.lock();
        let changed = *known != stranded;
        known.clone_from(&stranded);
        drop(known);
        if stranded.is_empty() {
            self.health.clear_warning(NAME);
            return;
        }
        if changed {
            tracing::warn!(
                count = stranded.len(),
                "bookings on times the content no longer offers"
            );
        }
        self.health.warn(
            NAME,
            format!(
                "{} booking(s) on times the content no longer offers (a closed date or a changed schedule): {}; open those days on the desk (or /day DATE in the chat) and cancel them, so the people are told",
                stranded.len(),
                counted(&stranded)
            ),
        );
    }

    /// The warning of a flood of bookings, while one is given.
    pub fn booking_flood(&self) -> Option<String> {
        self.flood.warning(&self.health)
    }

    /// Clears the warning of a flood of bookings once the last hour is back to usual.
    pub fn check_booking_flood(&self, now: DateTime<Utc>) {
        self.flood.check(now, &self.health);
    }

    /// A time the person held and walked away from (a new link, another step, the main
    /// menu) is let go at once, not kept from others until the hold lapses.
    fn let_go(&self, user: &UserKey, before: Option<&Session>, now: &Session) {
        let held = |s: &Session| s.booking.as_ref().and_then(|d| d.code.clone());
        let Some(code) = before.and_then(held) else {
            return;
        };
        if held(now).as_ref() == Some(&code) {
            return;
        }
        let still_held = self
            .bookings
            .get(&code)
            .is_ok_and(|b| b.is_some_and(|b| matches!(b.state, State::Held { .. })));
        if still_held && let Err(error) = self.bookings.cancel(&code, Some(user)) {
            tracing::warn!(%error, "could not let go of a time held");
        }
    }

    /// "We had to cancel your consultation", in the person's language.
    fn cancel_notice(&self, booking: &Booking, reason: Option<&str>) -> Reply {
        let msg = match reason {
            // The note stands on its own line, as the caseworker wrote it ("…again!", "…on
            // Friday?"), with no mark of the text's own after it.
            Some(reason) => Msg::new("booking-cancelled-by-staff-why").arg("reason", reason.trim()),
            None => Msg::new("booking-cancelled-by-staff"),
        };
        let msg = msg
            .arg("when", self.when(booking.lang, booking.start))
            .arg("kind", self.kind_name(booking.lang, &booking.kind));
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
            .arg("phones", self.content().duty_phones(&booking.kind))
            .arg("code", booking.code.clone());
        // The same options as the person's list of bookings, which their screen becomes.
        let buttons = vec![
            Button::new(
                Msg::new("reminder-cancel"),
                Action::Cancel(booking.code.clone()),
            ),
            Button::new(Msg::new("nav-restart"), Action::Restart),
        ];
        self.reply(booking.lang, vec![Outbound::Text { msg, buttons }])
    }

    fn reply(&self, lang: Lang, out: Vec<Outbound>) -> Reply {
        self.reply_with(&self.content(), lang, out)
    }

    fn reply_with(&self, content: &Content, lang: Lang, out: Vec<Outbound>) -> Reply {
        let messages = out.iter().map(|o| render(content, lang, o)).collect();
        Reply {
            lang,
            out,
            messages,
            notices: Vec::new(),
            crisis: false,
            events: Vec::new(),
            forget_pending: false,
            forgotten_codes: Vec::new(),
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
                    line_open: s.line_open(now),
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
        let days = match &self.demand {
            Some((demand, keep_days)) => demand.sweep(*keep_days, now)?,
            None => 0,
        };
        tracing::info!(
            removed,
            holds,
            old_bookings = old,
            old_figures = days,
            "expired sessions, holds, bookings and figures swept"
        );
        Ok(removed)
    }
}

/// A caseworker's chat command that shows or changes people's bookings, in the audit trail as
/// the desk's are: who, which day or code, a reason's length (not its words).
fn audit_staff(user: &UserKey, effect: &Effect) {
    let caseworker = user.as_str();
    match effect {
        Effect::StaffDay { date } => {
            tracing::info!(target: "krok::audit", action = "chat-view-day", caseworker, %date);
        }
        Effect::StaffCancel { code, reason } => {
            let reason_chars = reason.as_deref().map_or(0, |r| r.chars().count());
            tracing::info!(target: "krok::audit", action = "chat-cancel", caseworker, code = %code, reason_chars);
        }
        _ => {}
    }
}

fn kind_name(kind: &InboundKind) -> &'static str {
    match kind {
        InboundKind::Start { .. } => "start",
        InboundKind::Text(_) => "text",
        InboundKind::Button(_) => "button",
        InboundKind::Command(_) => "command",
        InboundKind::NonText { .. } => "non-text",
        InboundKind::Contact(_) => "contact",
        InboundKind::Edited(_) => "edited",
        InboundKind::Joined { .. } => "joined",
    }
}

/// `items` (sorted) with a repeated one written once, with how many: "16:00 legal ×2".
fn counted(items: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let same = items[i..].iter().take_while(|x| **x == items[i]).count();
        out.push(match same {
            1 => items[i].clone(),
            n => format!("{} ×{n}", items[i]),
        });
        i += same;
    }
    out.join(", ")
}

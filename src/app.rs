//! `App::handle`: load session -> `Engine::step` (triage first) -> save -> render. The one path
//! every adapter uses; an infrastructure fault still gets a localised answer with the crisis line.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::core::content::Content;
use crate::core::engine::Engine;
use crate::core::lang::Lang;
use crate::core::message::{Inbound, InboundKind, Msg, Outbound};
use crate::core::render::{Rendered, render};
use crate::core::session::Session;
use crate::store::{SessionStore, StoreError, UserKey};

/// What to send back, rendered in `lang`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub lang: Lang,
    pub out: Vec<Outbound>,
    pub messages: Vec<Rendered>,
}

pub struct App {
    engine: Engine,
    store: Arc<dyn SessionStore>,
    session_ttl_secs: i64,
}

impl App {
    pub fn new(content: Arc<Content>, store: Arc<dyn SessionStore>, session_ttl_days: u32) -> App {
        App {
            engine: Engine::new(content),
            store,
            session_ttl_secs: i64::from(session_ttl_days) * 86_400,
        }
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
        let (session, reply) = self.decide(self.store.load(user)?, inbound, now);
        match &session {
            Some(s) => self.store.save(user, s)?,
            None => self.store.forget(user)?,
        }
        Ok(reply)
    }

    /// One turn without touching the store, for adapters that save the session together with
    /// other state in one transaction: the session to keep (`None`: forget the person) and the
    /// reply. An expired session counts as none.
    pub fn decide(
        &self,
        session: Option<Session>,
        inbound: &Inbound,
        now: DateTime<Utc>,
    ) -> (Option<Session>, Reply) {
        let expired_before = now.timestamp() - self.session_ttl_secs;
        let session = session.filter(|s| s.updated_at >= expired_before);
        let step = self.engine.step(session, inbound, now);
        tracing::info!(kind = kind_name(&inbound.kind), lang = %step.lang, replies = step.out.len(), "turn");
        (step.session, self.reply(step.lang, step.out))
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
        tracing::info!(removed, "expired sessions swept");
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

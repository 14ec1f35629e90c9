//! Who may open the desk: a caseworker's `/desk` gets a one-time link valid for ten minutes;
//! opening it starts a session (a cookie) that ends after `idle` unused, twelve hours after it
//! began however much it is used, at `/logout`, or as soon as its caseworker is no longer in
//! `caseworkers` (taking someone off the list is how an operator takes the desk away).

use std::sync::Arc;

use super::keys::{digest, new_secret, same, well_formed};
use crate::staff::Staff;
use crate::store::{DeskGrant, DeskSession, DeskStore, StoreError};

/// How long a sign-in link can be used.
pub const LINK_SECONDS: i64 = crate::core::booking::DESK_LINK_MINUTES * 60;

/// How long a session lasts from its sign-in, however often it is used: a working day.
pub const SESSION_SECONDS: i64 = 12 * 3600;

pub struct Access {
    store: Arc<dyn DeskStore>,
    /// `https://desk.example.org`, without a trailing slash.
    public_url: String,
    idle: i64,
    /// The caseworkers as configured now (shared with the chat, replaced at SIGHUP).
    staff: Staff,
}

/// A session just opened: the cookie's secret, and the session.
pub struct Opened {
    pub cookie: String,
    pub session: DeskSession,
}

impl Access {
    pub fn new(
        store: Arc<dyn DeskStore>,
        public_url: &str,
        idle_minutes: u32,
        staff: Staff,
    ) -> Access {
        Access {
            store,
            public_url: public_url.trim_end_matches('/').to_owned(),
            idle: i64::from(idle_minutes) * 60,
            staff,
        }
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Cookies are marked `Secure` when people reach the desk over HTTPS.
    pub fn secure(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn idle_seconds(&self) -> i64 {
        self.idle
    }

    /// A one-time sign-in link for caseworker `who`.
    pub fn link(&self, who: &str, now: i64) -> Result<String, StoreError> {
        let token = new_secret()?;
        let grant = DeskGrant {
            who: who.to_owned(),
            until: now + LINK_SECONDS,
        };
        self.store.grant(&digest(&token), &grant)?;
        Ok(format!("{}/login?token={token}", self.public_url))
    }

    /// Opens a session for a link's token, if it was issued, is unused and has not run out.
    /// Either way the token cannot be used again.
    pub fn sign_in(&self, token: &str, now: i64) -> Result<Option<Opened>, StoreError> {
        if !well_formed(token) {
            return Ok(None);
        }
        let (cookie, csrf) = (new_secret()?, new_secret()?);
        let staff = &self.staff;
        let session = |grant: &DeskGrant| {
            (grant.until >= now && staff.contains(&grant.who)).then(|| DeskSession {
                who: grant.who.clone(),
                csrf: csrf.clone(),
                started: now,
                last_seen: now,
            })
        };
        let opened = self
            .store
            .sign_in(&digest(token), &digest(&cookie), &session)?;
        Ok(opened.map(|session| Opened { cookie, session }))
    }

    /// The session a cookie belongs to, if it is still open; a session past its twelve hours
    /// or of someone no longer a caseworker is ended.
    pub fn session(&self, cookie: &str, now: i64) -> Result<Option<DeskSession>, StoreError> {
        if !well_formed(cookie) {
            return Ok(None);
        }
        let hash = digest(cookie);
        let Some(session) = self.store.session(&hash, now, self.idle)? else {
            return Ok(None);
        };
        if now - session.started > SESSION_SECONDS || !self.staff.contains(&session.who) {
            self.store.close(&hash)?;
            return Ok(None);
        }
        Ok(Some(session))
    }

    /// Whether a form's token is this session's.
    pub fn form_ok(session: &DeskSession, token: &str) -> bool {
        same(&session.csrf, token)
    }

    pub fn sign_out(&self, cookie: &str) -> Result<(), StoreError> {
        if well_formed(cookie) {
            self.store.close(&digest(cookie))?;
        }
        Ok(())
    }

    /// Ends every session of `who`, this browser's and any other's: a lost laptop or a
    /// cookie copied elsewhere opens nothing afterwards.
    pub fn sign_out_everywhere(&self, who: &str) -> Result<usize, StoreError> {
        self.store.close_all(who)
    }

    pub fn sweep(&self, now: i64) -> Result<usize, StoreError> {
        self.store.sweep(now, self.idle)
    }
}

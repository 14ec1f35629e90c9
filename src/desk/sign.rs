//! Signing in and out of the desk: the page a chat's one-time link opens, its button that
//! opens a session (ten tries a minute per address), and signing out here or everywhere.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;

use super::Access;
use super::pages;
use super::server::{Desk, Page, cookie, cookies, html, language, set_cookie};

/// The link from the chat: a page whose button signs in, and which itself changes nothing.
/// Link previews fetch the link too (Telegram's servers, a Matrix homeserver's), and must
/// neither use the one-time token up nor get the session.
pub(super) async fn login_page(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    let (lang, _) = language(&headers, page.lang.as_deref());
    let token = page.token.as_deref().unwrap_or_default();
    if !super::keys::well_formed(token) {
        return desk.refuse(StatusCode::UNAUTHORIZED, lang, "/", Some("desk-link-bad"));
    }
    // The language links keep the token: switching the page's language must not spend or
    // lose the link.
    let here = format!("/login?token={token}");
    html(desk.draw(lang, None, &here, |f| pages::sign_in_confirm(f, token))).into_response()
}

static SIGN_INS_REFUSED: crate::ops::throttled::Throttled =
    crate::ops::throttled::Throttled::new(std::time::Duration::from_secs(10));

#[derive(Deserialize)]
pub(super) struct LoginForm {
    token: String,
}

/// The sign-in button: opens the session and goes on to the desk (a same-site step, so the
/// SameSite=Strict cookie goes with it).
pub(super) async fn login(
    State(desk): State<Desk>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(page): Query<Page>,
    Form(form): Form<LoginForm>,
) -> Response {
    let (lang, _) = language(&headers, page.lang.as_deref());
    let opened = match desk.access.sign_in(&form.token, Utc::now().timestamp()) {
        Ok(Some(opened)) => opened,
        // An old link tapped by a caseworker still signed in: the desk, not an error.
        Ok(None) if signed_in(&desk, &headers) => {
            return (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
        }
        Ok(None) => {
            // Counted, one line per ten seconds: anyone can post tokens and fill the log.
            if let Some(count) = SIGN_INS_REFUSED.hit(std::time::Instant::now()) {
                tracing::info!(target: "krok::audit", action = "desk-sign-in-refused", count);
            }
            if !desk.refused_again(peer.ip()) {
                let why = Some("desk-too-many");
                return desk.refuse(StatusCode::TOO_MANY_REQUESTS, lang, "/", why);
            }
            return desk.refuse(StatusCode::UNAUTHORIZED, lang, "/", Some("desk-link-bad"));
        }
        Err(error) => {
            tracing::error!(%error, "desk: cannot open a session");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    tracing::info!(target: "krok::audit", action = "desk-sign-in", caseworker = opened.session.who.as_str());
    let secure = desk.secure();
    let set = format!(
        "{}={}; Path=/; HttpOnly; SameSite=Strict{secure}",
        desk.session_cookie(),
        opened.cookie
    );
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
    set_cookie(&mut response, &set);
    response
}

/// Whether the request carries a live desk session.
fn signed_in(desk: &Desk, headers: &HeaderMap) -> bool {
    let now = Utc::now().timestamp();
    cookies(headers, desk.session_cookie())
        .any(|c| matches!(desk.access.session(c, now), Ok(Some(_))))
}

#[derive(Deserialize)]
pub(super) struct SignOut {
    csrf: String,
    /// The "on every device" button.
    #[serde(default)]
    everywhere: Option<String>,
}

/// The sign-out buttons: a form of the session itself; "on every device" ends the
/// caseworker's sessions in other browsers too.
pub(super) async fn logout_form(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Form(form): Form<SignOut>,
) -> Response {
    let now = Utc::now().timestamp();
    let Some(session) = cookie(&headers, desk.session_cookie())
        .and_then(|cookie| desk.access.session(cookie, now).ok().flatten())
    else {
        return sign_out(&desk, &headers, "desk-signed-out");
    };
    if !Access::form_ok(&session, &form.csrf) {
        return StatusCode::FORBIDDEN.into_response();
    }
    if form.everywhere.as_deref() != Some("1") {
        tracing::info!(target: "krok::audit", action = "desk-sign-out", caseworker = session.who.as_str());
        return sign_out(&desk, &headers, "desk-signed-out");
    }
    match desk.access.sign_out_everywhere(&session.who) {
        Ok(sessions) => {
            tracing::info!(target: "krok::audit", action = "desk-sign-out-everywhere", caseworker = session.who.as_str(), sessions);
            sign_out(&desk, &headers, "desk-signed-out-everywhere")
        }
        Err(error) => {
            tracing::error!(%error, "desk: cannot end a caseworker's sessions");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Opening `/logout` (typed, or a link of the desk's own) ends the session too. A link on
/// another site cannot end anyone's (the cookie is SameSite=Strict), and neither can an image
/// or link on a sibling subdomain, which the browser says is `same-site`.
pub(super) async fn logout(State(desk): State<Desk>, headers: HeaderMap) -> Response {
    let from = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none");
    if !matches!(from, "none" | "same-origin") {
        return (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
    }
    sign_out(&desk, &headers, "desk-signed-out")
}

fn sign_out(desk: &Desk, headers: &HeaderMap, said: &'static str) -> Response {
    let (lang, _) = language(headers, None);
    let name = desk.session_cookie();
    if let Some(cookie) = cookie(headers, name)
        && let Err(error) = desk.access.sign_out(cookie)
    {
        tracing::error!(%error, "desk: cannot end a session");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let mut response = desk.refuse(StatusCode::OK, lang, "/", Some(said));
    let secure = desk.secure();
    let expire = format!("{name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}");
    set_cookie(&mut response, &expire);
    response
}

//! The desk's routes on `desk_listen`. Every page and download needs a session; without one
//! the answer is 401 and a page that says how to sign in. Every change is a POST with the
//! session's form token. Headers on every answer keep the page from being framed, from
//! running any script and from sending the sign-in token on as a referrer.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::Router;
use axum::extract::{ConnectInfo, Form, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{Datelike, NaiveDate, Utc};
use parking_lot::Mutex;
use serde::Deserialize;

use super::pages::{self, Frame};
use super::{Access, bookings, origin};
use crate::config::Config;
use crate::core::lang::Lang;
use crate::core::message::Msg;
use crate::core::schedule::krakow_date;
use crate::pipeline::Pipeline;
use crate::print::PrintError;
use crate::shutdown::Shutdown;
use crate::store::DeskSession;

/// Over HTTPS the session cookie's name has the `__Host-` prefix: a browser then takes it only
/// with `Secure`, `Path=/` and no `Domain`, so a site on a sibling subdomain cannot plant one.
const SESSION_COOKIE: &str = "krok_desk";
const SESSION_COOKIE_HTTPS: &str = "__Host-krok_desk";
const LANG_COOKIE: &str = "krok_desk_lang";
/// Sign-in attempts one address may make per minute.
const LOGINS_PER_MINUTE: u32 = 10;

#[derive(Clone)]
pub(super) struct Desk {
    pub(super) access: Arc<Access>,
    pub(super) pipeline: Arc<Pipeline>,
    /// For links (the bot's name on each platform) and `verified_max_age_days`.
    pub(super) config: Arc<Config>,
    pub(super) logins: Arc<Mutex<HashMap<IpAddr, (Instant, u32)>>>,
    /// One cancel at a time: each is checked, done and read back whole, so of two cancels of
    /// one booking (two caseworkers, a double click) only the one that cancelled says so.
    pub(super) cancelling: Arc<tokio::sync::Mutex<()>>,
}

/// Binds `listen` and serves the desk until `shutdown`; returns the bound address and the
/// serving task. A port in use stops `krok run` at start, naming `desk_listen`.
pub async fn serve(
    listen: &str,
    access: Arc<Access>,
    pipeline: Arc<Pipeline>,
    config: Arc<Config>,
    shutdown: Shutdown,
) -> anyhow::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("binding the desk address {listen} (desk_listen)"))?;
    let bound = listener.local_addr()?;
    let desk = Desk {
        access,
        pipeline,
        config,
        logins: Arc::default(),
        cancelling: Arc::default(),
    };
    let router = Router::new()
        .route("/", get(today))
        .route("/desk.css", get(css))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout_form).get(logout))
        .route(
            "/bookings",
            get(bookings::bookings).post(bookings::find_posted),
        )
        .route("/bookings.csv", get(bookings::bookings_csv))
        .route("/bookings/cancel", post(bookings::cancel))
        .route("/bookings/mark", post(bookings::mark))
        .route("/content", get(content))
        .route("/directory", get(directory))
        .route("/stats", get(stats))
        .route("/stats.csv", get(stats_csv))
        .route("/links", get(links))
        .route("/links/qr.png", get(links_qr))
        .route("/links/card", get(links_card))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            desk.clone(),
            origin::same_site,
        ))
        .layer(middleware::from_fn_with_state(
            desk.clone(),
            origin::known_host,
        ))
        .layer(middleware::from_fn(headers))
        .with_state(desk);
    tracing::info!(address = %bound, "serving the caseworkers' desk");
    let task = tokio::spawn(crate::ops::listen::serve(
        listener,
        router,
        crate::ops::listen::Limits::DESK,
        shutdown,
    ));
    Ok((bound, task))
}

async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
               frame-ancestors 'none'; base-uri 'none'";
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(csp),
        );
    }
    for (name, value) in [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    cookies(headers, name).next()
}

/// Every value sent for cookie `name`: a browser sends two of one name when another site of
/// the same domain set its own, and either may be first.
fn cookies<'a>(headers: &'a HeaderMap, name: &str) -> impl Iterator<Item = &'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(move |(k, _)| *k == name)
        .map(|(_, v)| v)
        .take(4)
}

/// The desk's language: asked for now (and then remembered), remembered, or Polish.
pub(super) fn language(headers: &HeaderMap, asked: Option<&str>) -> (Lang, Option<String>) {
    if let Some(lang) = asked.and_then(Lang::from_code) {
        let keep = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Strict",
            lang.code()
        );
        return (lang, Some(keep));
    }
    let kept = cookie(headers, LANG_COOKIE).and_then(Lang::from_code);
    (kept.unwrap_or(Lang::Pl), None)
}

#[derive(Clone, Deserialize, Default)]
pub(super) struct Page {
    pub(super) lang: Option<String>,
    pub(super) node: Option<String>,
    pub(super) tag: Option<String>,
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) date: Option<String>,
    pub(super) token: Option<String>,
    pub(super) done: Option<String>,
    pub(super) marked: Option<String>,
    pub(super) outcome: Option<String>,
    pub(super) failed: Option<String>,
    /// A cancel sent without its "yes, cancel" box ticked.
    pub(super) unsure: Option<String>,
    /// A cancel that sent the caseworker's message to the person.
    pub(super) note: Option<String>,
    /// A booking code to find (the day's page opens on its day).
    pub(super) find: Option<String>,
    /// The code found on the page's day.
    pub(super) found: Option<String>,
    /// A CSV download for Excel with European settings (`;`, a byte order mark).
    pub(super) excel: Option<String>,
}

/// What a handler knows about its request once the session is checked.
pub(super) struct Seen {
    pub(super) session: DeskSession,
    pub(super) lang: Lang,
    pub(super) set_lang: Option<String>,
}

impl Desk {
    /// A cookie's `Secure` attribute, over HTTPS.
    fn secure(&self) -> &'static str {
        if self.access.secure() { "; Secure" } else { "" }
    }

    fn session_cookie(&self) -> &'static str {
        match self.access.secure() {
            true => SESSION_COOKIE_HTTPS,
            false => SESSION_COOKIE,
        }
    }

    /// The signed-in session, or the answer for someone who is not signed in.
    pub(super) fn signed_in(
        &self,
        headers: &HeaderMap,
        page: &Page,
        here: &str,
    ) -> Result<Seen, Box<Response>> {
        let (lang, set_lang) = language(headers, page.lang.as_deref());
        let now = Utc::now().timestamp();
        let mut found = Ok(None);
        for c in cookies(headers, self.session_cookie()) {
            found = self.access.session(c, now).map(Some);
            if matches!(found, Ok(Some(Some(_))) | Err(_)) {
                break;
            }
        }
        match found {
            Ok(Some(Some(session))) => Ok(Seen {
                session,
                lang,
                set_lang,
            }),
            Ok(_) => Err(Box::new(self.refuse(
                StatusCode::UNAUTHORIZED,
                lang,
                here,
                None,
            ))),
            Err(error) => {
                tracing::error!(%error, "desk: cannot read sessions");
                Err(Box::new(StatusCode::SERVICE_UNAVAILABLE.into_response()))
            }
        }
    }

    /// `draw` with the live content's texts in `lang`.
    pub(super) fn draw<R>(
        &self,
        lang: Lang,
        csrf: Option<&str>,
        here: &str,
        draw: impl FnOnce(&Frame) -> R,
    ) -> R {
        let content = self.pipeline.app().content();
        draw(&Frame {
            locales: &content.locales,
            lang,
            csrf,
            here,
            cut_off: self.cut_off(),
        })
    }

    /// The platforms whose connection or sends are failing now, by their names.
    fn cut_off(&self) -> Vec<&'static str> {
        let failing = self.pipeline.app().health().failing();
        [("telegram", "Telegram"), ("matrix", "Matrix")]
            .into_iter()
            .filter(|(part, _)| {
                failing
                    .iter()
                    .any(|f| f == part || f.strip_prefix(part) == Some(" sends"))
            })
            .map(|(_, name)| name)
            .collect()
    }

    /// The page that says how to sign in (and `why`, when there is more to say).
    pub(super) fn refuse(
        &self,
        status: StatusCode,
        lang: Lang,
        here: &str,
        why: Option<&'static str>,
    ) -> Response {
        let body = self.draw(lang, None, here, |f| pages::sign_in_needed(f, why));
        (status, html(body)).into_response()
    }

    pub(super) fn render(
        &self,
        seen: &Seen,
        here: &str,
        draw: impl FnOnce(&Frame) -> String,
    ) -> Response {
        let body = self.draw(seen.lang, Some(&seen.session.csrf), here, draw);
        let mut response = html(body).into_response();
        if let Some(set) = &seen.set_lang {
            set_cookie(&mut response, set);
        }
        response
    }

    /// Counts a refused sign-in from `ip`; false once it has had too many this minute. Only
    /// refusals count, and a link that was issued always opens: behind a proxy every
    /// caseworker shares one address, and a stranger's bad tokens must not lock them out.
    fn refused_again(&self, ip: IpAddr) -> bool {
        let mut logins = self.logins.lock();
        let now = Instant::now();
        logins.retain(|_, (since, _)| now.duration_since(*since) < Duration::from_secs(60));
        let (_, tries) = logins.entry(ip).or_insert((now, 0));
        *tries += 1;
        *tries <= LOGINS_PER_MINUTE
    }
}

fn set_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = cookie.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// A download as `name`.
/// `name` is the file's name without `.csv`; asked `excel`, the CSV as Excel with Polish
/// settings opens it.
pub(super) fn csv(name: String, page: &Page, body: String) -> Response {
    let (name, body) = match page.excel.as_deref() == Some("1") {
        true => (format!("{name}-excel.csv"), crate::csv::for_excel(&body)),
        false => (format!("{name}.csv"), body),
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// A `YYYY-MM-DD` day from a form or query.
/// A day of this millennium; anything else (`-262143-01-01`, which chrono reads, and whose
/// arithmetic would overflow) is as if none was given.
fn parse_day(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|d| (2000..3000).contains(&d.year()))
}

fn html(body: String) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body)
}

async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::CSS,
    )
}

async fn not_found() -> StatusCode {
    StatusCode::NOT_FOUND
}

/// The link from the chat: a page whose button signs in, and which itself changes nothing.
/// Link previews fetch the link too (Telegram's servers, a Matrix homeserver's), and must
/// neither use the one-time token up nor get the session.
async fn login_page(
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
struct LoginForm {
    token: String,
}

/// The sign-in button: opens the session and goes on to the desk (a same-site step, so the
/// SameSite=Strict cookie goes with it).
async fn login(
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
struct SignOut {
    csrf: String,
    /// The "on every device" button.
    #[serde(default)]
    everywhere: Option<String>,
}

/// The sign-out buttons: a form of the session itself; "on every device" ends the
/// caseworker's sessions in other browsers too.
async fn logout_form(
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
async fn logout(State(desk): State<Desk>, headers: HeaderMap) -> Response {
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

async fn today(State(desk): State<Desk>, headers: HeaderMap, Query(page): Query<Page>) -> Response {
    let seen = match desk.signed_in(&headers, &page, "/") {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    let date = krakow_date(Utc::now());
    let bookings = desk.pipeline.app().bookings();
    let (list, upcoming) = match (bookings.day(date), bookings.next_days(date, 6)) {
        (Ok(list), Ok(upcoming)) => (list, upcoming),
        (Err(error), _) | (_, Err(error)) => return unavailable(error),
    };
    let home = pages::Home {
        upcoming,
        flood: desk.pipeline.app().booking_flood().is_some(),
    };
    desk.render(&seen, "/", |f| pages::today(f, date, &list, &home))
}

/// The day asked for, else today in Kraków.
pub(super) fn day_or_today(text: Option<&str>) -> NaiveDate {
    parse_day(text).unwrap_or_else(|| krakow_date(Utc::now()))
}

/// Whether a date was given that the desk cannot read (and so shows another day instead).
pub(super) fn unreadable(text: Option<&str>) -> bool {
    text.is_some_and(|t| !t.trim().is_empty() && parse_day(Some(t)).is_none())
}

pub(super) fn unavailable(error: crate::store::StoreError) -> Response {
    tracing::error!(%error, "desk: the store failed");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

async fn content(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    let seen = match desk.signed_in(&headers, &page, "/content") {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    let app = desk.pipeline.app();
    let today = krakow_date(Utc::now());
    let stale: Vec<String> = app
        .content()
        .stale_services(today, desk.config.verified_max_age_days.into())
        .iter()
        .map(ToString::to_string)
        .collect();
    let state = app.content_state();
    let warnings: Vec<String> = app
        .content()
        .warnings
        .0
        .iter()
        .map(ToString::to_string)
        .collect();
    desk.render(&seen, "/content", |f| {
        pages::content(
            f,
            &state,
            &warnings,
            &stale,
            desk.config.verified_max_age_days,
        )
    })
}

/// The printable service directory in any language: the same page as `krok export`, which
/// keeps its styles inline (allowed here, with still no script).
async fn directory(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    let asked = page.lang.as_deref().and_then(Lang::from_code);
    let unswitched = Page::default();
    let seen = match desk.signed_in(&headers, &unswitched, "/directory") {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    let lang = asked.unwrap_or(seen.lang);
    let content = desk.pipeline.app().content();
    let today = krakow_date(Utc::now());
    inline_styled(crate::print::export(
        &content,
        lang,
        crate::print::Format::Html,
        today,
    ))
}

/// The step, language and tag a link is asked for, from the query.
/// The step, language and tag asked for. Anyone can send a caseworker a desk address, and
/// what it carries is shown back in the desk's own words ("there is no step `…`"): a value
/// that is no id (letters, digits, `_`, `-`) is shown as `?`, so an address cannot put a
/// sentence ("the duty number changed, call …") in the desk's mouth.
fn asked(page: &Page) -> (String, Option<String>, Option<String>) {
    let shaped = |v: String| {
        let id = v.len() <= 64
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if id { v } else { "?".to_owned() }
    };
    let nonempty = |v: &Option<String>| v.clone().filter(|v| !v.trim().is_empty()).map(shaped);
    // A tag typed as a caseworker names their place ("MOPS Nowa Huta", "Podgórze") is written
    // as a tag can be ("mops-nowa-huta", "podgorze"), not refused.
    let tag = page.tag.as_deref().map(|t| {
        let words = crate::core::normalize::for_labels(t);
        let tag = words.split(' ').collect::<Vec<_>>().join("-");
        if tag.chars().count() <= 20 {
            tag
        } else {
            "?".to_owned()
        }
    });
    (
        page.node.clone().map(shaped).unwrap_or_default(),
        nonempty(&page.lang),
        nonempty(&tag),
    )
}

/// One of the print module's makers: the config, the content, then step, language and tag.
type Maker<T> = fn(
    &Config,
    &crate::core::content::Content,
    &str,
    Option<&str>,
    Option<&str>,
) -> Result<T, PrintError>;

/// Making a link may ask Telegram for the bot's name once: off the async threads. What went
/// wrong is said in the desk's language `to`.
async fn make<T: Send + 'static>(
    desk: &Desk,
    page: &Page,
    to: Lang,
    what: Maker<T>,
) -> Result<T, String> {
    let (config, content) = (desk.config.clone(), desk.pipeline.app().content());
    let (node, lang, tag) = asked(page);
    let made = tokio::task::spawn_blocking(move || {
        what(&config, &content, &node, lang.as_deref(), tag.as_deref())
    })
    .await;
    made.unwrap_or_else(|e| Err(PrintError::Qr(e.to_string())))
        .map_err(|why| unmade(desk, to, &why))
}

/// Why a link could not be made, for a caseworker: what to change on the form, or, when the
/// settings or Telegram are at fault, whom to tell (the log has the details).
fn unmade(desk: &Desk, lang: Lang, why: &PrintError) -> String {
    let content = desk.pipeline.app().content();
    let msg = match why {
        PrintError::UnknownNode { node, .. } => {
            Msg::new("desk-link-no-step").arg("step", node.clone())
        }
        PrintError::UnknownLang(_) => Msg::new("desk-link-no-lang"),
        PrintError::BadTag(_) | PrintError::TooLong { .. } => Msg::new("desk-link-bad-tag"),
        PrintError::NoPlatform(_) => Msg::new("desk-link-no-platform"),
        PrintError::BotName(_) => Msg::new("desk-link-no-name"),
        _ => Msg::new("desk-link-failed"),
    };
    if matches!(
        why,
        PrintError::NoPlatform(_) | PrintError::BotName(_) | PrintError::Qr(_)
    ) {
        tracing::warn!(error = %why, "desk: a link could not be made");
    }
    content.locales.text(lang, &msg)
}

/// The link form: a step, a language and a referral tag give the link, the Matrix code, the
/// QR code and the printable card. The `lang` here is the link's, not the desk's.
async fn links(State(desk): State<Desk>, headers: HeaderMap, Query(page): Query<Page>) -> Response {
    let seen = match desk.signed_in(&headers, &Page::default(), "/links") {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    let content = desk.pipeline.app().content();
    let steps = crate::print::desk::steps(&content, seen.lang);
    let made = match page.node.as_deref() {
        Some(node) if !node.is_empty() => {
            Some(make(&desk, &page, seen.lang, crate::print::desk::make).await)
        }
        _ => None,
    };
    let (node, lang, tag) = asked(&page);
    let ask = pages::LinkAsk {
        node,
        lang: lang.unwrap_or_else(|| "uk".into()),
        tag: tag.unwrap_or_default(),
    };
    desk.render(&seen, "/links", |f| pages::links(f, &steps, &ask, made))
}

async fn links_qr(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    let seen = match desk.signed_in(&headers, &Page::default(), "/links") {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    match make(&desk, &page, seen.lang, crate::print::desk::qr_png).await {
        Ok(png) => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        Err(why) => (StatusCode::BAD_REQUEST, why).into_response(),
    }
}

/// The A6 card, as `krok link --card` writes it (styles inline, no script).
async fn links_card(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    let seen = match desk.signed_in(&headers, &Page::default(), "/links") {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    match make(&desk, &page, seen.lang, crate::print::desk::card_page).await {
        Ok(card) => inline_styled(card),
        Err(why) => (StatusCode::BAD_REQUEST, why).into_response(),
    }
}

/// A printable page of the print module, whose styles are inline: allowed for it, scripts not.
fn inline_styled(body: String) -> Response {
    let csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
               form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, csp),
        ],
        body,
    )
        .into_response()
}

/// The period asked for: `from` and `to` (both included), by default the last seven days;
/// dates given the wrong way round are turned round; at most 400 days, the last ones.
/// Also what the page says when it shows another period than the one asked for.
fn period(page: &Page) -> (NaiveDate, NaiveDate, Option<Msg>) {
    let to = day_or_today(page.to.as_deref());
    let from = parse_day(page.from.as_deref()).unwrap_or(to - chrono::Days::new(6));
    let (from, to) = (from.min(to), from.max(to));
    let first = from.max(to - chrono::Days::new(399));
    let notice = if unreadable(page.from.as_deref()) || unreadable(page.to.as_deref()) {
        let msg = Msg::new("desk-stats-bad-date").arg("from", first.to_string());
        Some(msg.arg("to", to.to_string()))
    } else {
        (first > from).then(|| Msg::new("desk-stats-too-long").arg("from", first.to_string()))
    };
    (first, to, notice)
}

/// The figures of a period (none when this server counts none).
fn figures(
    desk: &Desk,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<crate::stats::Figure>, crate::store::StoreError> {
    match desk.pipeline.app().demand() {
        None => Ok(Vec::new()),
        Some(demand) => demand.figures(from, to),
    }
}

async fn stats(State(desk): State<Desk>, headers: HeaderMap, Query(page): Query<Page>) -> Response {
    let seen = match desk.signed_in(&headers, &page, "/stats") {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    let (from, to, notice) = period(&page);
    let figures = match figures(&desk, from, to) {
        Ok(figures) => figures,
        Err(error) => return unavailable(error),
    };
    let threshold = u64::from(desk.config.stats_min_count);
    let content = desk.pipeline.app().content();
    desk.render(&seen, "/stats", |f| {
        let names = |counter: &str, label: &str| {
            crate::print::desk::figure_name(&content, f.lang, counter, label)
        };
        let notice = notice.map(|m| f.locales.text(f.lang, &m));
        pages::stats(f, from, to, &figures, threshold, &names, notice)
    })
}

async fn stats_csv(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    if let Err(refused) = desk.signed_in(&headers, &page, "/stats.csv") {
        return *refused;
    }
    let (from, to, _) = period(&page);
    let figures = match figures(&desk, from, to) {
        Ok(figures) => figures,
        Err(error) => return unavailable(error),
    };
    let body = crate::stats::report(&figures, u64::from(desk.config.stats_min_count), true);
    csv(format!("krok-{from}-{to}"), &page, body)
}

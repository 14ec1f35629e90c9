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
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{Datelike, NaiveDate, Utc};
use parking_lot::Mutex;
use serde::Deserialize;

use super::pages::{self, Frame};
use super::{Access, bookings, origin, reports, sign};
use crate::config::Config;
use crate::core::lang::Lang;
use crate::core::schedule::krakow_date;
use crate::pipeline::Pipeline;
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
        .route("/login", get(sign::login_page).post(sign::login))
        .route("/logout", post(sign::logout_form).get(sign::logout))
        .route(
            "/bookings",
            get(bookings::bookings).post(bookings::find_posted),
        )
        .route("/bookings.csv", get(bookings::bookings_csv))
        .route("/bookings/cancel", post(bookings::cancel))
        .route("/bookings/mark", post(bookings::mark))
        .route("/content", get(reports::content))
        .route("/directory", get(reports::directory))
        .route("/stats", get(reports::stats))
        .route("/stats.csv", get(reports::stats_csv))
        .route("/links", get(reports::links))
        .route("/links/qr.png", get(reports::links_qr))
        .route("/links/card", get(reports::links_card))
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

pub(super) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    cookies(headers, name).next()
}

/// Every value sent for cookie `name`: a browser sends two of one name when another site of
/// the same domain set its own, and either may be first.
pub(super) fn cookies<'a>(headers: &'a HeaderMap, name: &str) -> impl Iterator<Item = &'a str> {
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
    pub(super) fn secure(&self) -> &'static str {
        if self.access.secure() { "; Secure" } else { "" }
    }

    pub(super) fn session_cookie(&self) -> &'static str {
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
    pub(super) fn refused_again(&self, ip: IpAddr) -> bool {
        let mut logins = self.logins.lock();
        let now = Instant::now();
        logins.retain(|_, (since, _)| now.duration_since(*since) < Duration::from_secs(60));
        let (_, tries) = logins.entry(ip).or_insert((now, 0));
        *tries += 1;
        *tries <= LOGINS_PER_MINUTE
    }
}

pub(super) fn set_cookie(response: &mut Response, cookie: &str) {
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
pub(super) fn parse_day(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .filter(|d| (2000..3000).contains(&d.year()))
}

pub(super) fn html(body: String) -> impl IntoResponse {
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

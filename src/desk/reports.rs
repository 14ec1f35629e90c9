//! The desk's other pages: the content's state, the printable directory, links with their QR
//! codes and cards, and the demand figures with their CSV.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};

use super::pages;
use super::server::{Desk, Page, csv, day_or_today, parse_day, unavailable, unreadable};
use crate::config::Config;
use crate::core::lang::Lang;
use crate::core::message::Msg;
use crate::core::schedule::krakow_date;
use crate::print::PrintError;

pub(super) async fn content(
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
pub(super) async fn directory(
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
pub(super) async fn links(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
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

pub(super) async fn links_qr(
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
pub(super) async fn links_card(
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

pub(super) async fn stats(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
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

pub(super) async fn stats_csv(
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

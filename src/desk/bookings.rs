//! The desk's booking routes: a day's list and its CSV (each view in the audit trail),
//! cancelling through the pipeline, and marking how a consultation went.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use super::pages::{self, Frame};
use super::server::{Desk, Page, Seen, csv, day_or_today, unavailable};
use super::{Access, search};
use crate::booking::Outcome as BookingOutcome;
use crate::booking::{Booking, Marked};
use crate::core::message::{Inbound, Msg};
use crate::pipeline::{Incoming, Outcome};
use crate::store::UserKey;

/// The signed-in caseworker, the day asked for and its bookings; the view is audited.
fn day_list(
    desk: &Desk,
    headers: &HeaderMap,
    page: &Page,
    here: &str,
    action: &'static str,
) -> Result<(Seen, NaiveDate, Vec<Booking>), Box<Response>> {
    let seen = desk.signed_in(headers, page, here)?;
    let date = day_or_today(page.date.as_deref());
    let list = desk
        .pipeline
        .app()
        .bookings()
        .day(date)
        .map_err(|e| Box::new(unavailable(e)))?;
    tracing::info!(target: "krok::audit", action, caseworker = seen.session.who.as_str(), %date);
    Ok((seen, date, list))
}

/// What the last change did, from the address it sent the browser back to. Only a booking
/// code's shape is shown back: anyone can send a caseworker a desk address, and its words
/// must not appear inside the desk as if the desk said them.
fn notice(f: &Frame, page: &Page) -> Option<String> {
    let with_code =
        |id: &'static str, code: &str| f.locales.text(f.lang, &Msg::new(id).arg("code", code));
    let shaped = |code: &&String| {
        matches!(code.as_str(), "none" | "early")
            || (code.len() == 8 && code.bytes().all(|b| crate::booking::ALPHABET.contains(&b)))
    };
    let page = Page {
        failed: page.failed.as_ref().filter(shaped).cloned(),
        unsure: page.unsure.as_ref().filter(shaped).cloned(),
        found: page.found.as_ref().filter(shaped).cloned(),
        done: page.done.as_ref().filter(shaped).cloned(),
        marked: page.marked.as_ref().filter(shaped).cloned(),
        ..page.clone()
    };
    let page = &page;
    if super::server::unreadable(page.date.as_deref()) {
        return Some(f.t("desk-bad-date"));
    }
    if let Some(code) = &page.failed {
        return Some(with_code("desk-cancel-failed", code));
    }
    if let Some(code) = &page.unsure {
        return Some(with_code("desk-cancel-unsure", code));
    }
    if let Some(code) = &page.found {
        return Some(match code.as_str() {
            "none" => f.t("desk-not-found"),
            code => with_code("desk-found", code),
        });
    }
    if let Some(code) = &page.done {
        return Some(match (code.as_str(), page.note.is_some()) {
            ("none", _) => f.t("desk-not-found"),
            (code, false) => with_code("desk-cancelled", code),
            (code, true) => with_code("desk-cancelled-note", code),
        });
    }
    let code = page.marked.as_deref()?;
    Some(
        match (
            code,
            page.outcome.as_deref().and_then(BookingOutcome::parse),
        ) {
            ("none", _) => f.t("desk-not-marked"),
            ("early", _) => f.t("desk-not-yet-marked"),
            (code, Some(o)) => {
                let msg = Msg::new("desk-marked").arg("code", code);
                f.locales
                    .text(f.lang, &msg.arg("outcome", pages::outcome(f, o)))
            }
            (code, None) => with_code("desk-unmarked", code),
        },
    )
}

pub(super) async fn bookings(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    if let Some(typed) = page.find.as_deref() {
        let seen = match desk.signed_in(&headers, &page, "/bookings") {
            Ok(seen) => seen,
            Err(refused) => return *refused,
        };
        return find(&desk, &seen, typed);
    }
    let (seen, date, list) = match day_list(&desk, &headers, &page, "/bookings", "desk-view-day") {
        Ok(day) => day,
        Err(refused) => return *refused,
    };
    let bookings = desk.pipeline.app().bookings();
    let (cancelled, held) = match (bookings.cancelled_on(date), bookings.held_on(date)) {
        (Ok(cancelled), Ok(held)) => (cancelled, held),
        (Err(error), _) | (_, Err(error)) => return unavailable(error),
    };
    let hold_minutes = desk.pipeline.app().content().schedule.hold_minutes;
    let others = pages::Others {
        cancelled: &cancelled,
        held: &held,
        hold_minutes,
        flood: desk.pipeline.app().booking_flood().is_some(),
    };
    desk.render(&seen, "/bookings", |f| {
        pages::day(f, date, &list, &others, notice(f, &page))
    })
}

/// The search form, posted with its CSRF token, so names and phone numbers stay out of the
/// address (an address typed by hand, `?find=`, is read by `bookings`).
pub(super) async fn find_posted(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Form(form): Form<FindForm>,
) -> Response {
    let seen = match posted(&desk, &headers, &form.csrf) {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    find(&desk, &seen, &form.find)
}

#[derive(serde::Deserialize)]
pub(super) struct FindForm {
    csrf: String,
    find: String,
}

/// A person on the phone gives their booking code (the day it is on opens at its row), or
/// their name or phone number (the bookings that fit are listed; one alone opens at once).
fn find(desk: &Desk, seen: &Seen, typed: &str) -> Response {
    // The audit trail notes that a search was made, never what was searched for.
    tracing::info!(target: "krok::audit", action = "desk-find", caseworker = seen.session.who.as_str());
    let bookings = desk.pipeline.app().bookings();
    let code = clean_code(typed);
    match bookings.get(&code) {
        Ok(Some(b)) if b.state == crate::booking::State::Confirmed => return go_to(&b),
        Ok(_) => {}
        Err(error) => return unavailable(error),
    }
    // "My consultation was cancelled, the code is …": its day, at its row among the
    // cancelled, with who cancelled it, when and why.
    match bookings.cancelled_code(&code) {
        Ok(Some(c)) => {
            let date = crate::core::schedule::krakow_time(c.booking.start, "%Y-%m-%d");
            let to = format!("/bookings?date={date}#c-{code}");
            return (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
        }
        Ok(None) => {}
        Err(error) => return unavailable(error),
    }
    let query = search::Query::read(typed);
    let all = match bookings.all() {
        Ok(all) => all,
        Err(error) => return unavailable(error),
    };
    let (hits, more) = search::find(&query, all);
    if let [one] = hits.as_slice() {
        return go_to(one);
    }
    let typed: String = typed.chars().take(60).collect();
    let short = query == search::Query::TooShort;
    desk.render(seen, "/bookings", |f| {
        pages::found(f, &typed, &hits, more, short)
    })
}

/// The day of booking `b`, opened at its row.
fn go_to(b: &Booking) -> Response {
    let date = crate::core::schedule::krakow_time(b.start, "%Y-%m-%d");
    let to = format!("/bookings?date={date}&found={}#b-{}", b.code, b.code);
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

pub(super) async fn bookings_csv(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    let here = "/bookings.csv";
    let (seen, date, list) = match day_list(&desk, &headers, &page, here, "desk-download-day") {
        Ok(day) => day,
        Err(refused) => return *refused,
    };
    let body = desk.draw(seen.lang, None, here, |f| pages::day_csv(f, &list));
    csv(format!("bookings-{date}"), &page, body)
}

#[derive(Deserialize)]
pub(super) struct MarkForm {
    csrf: String,
    code: String,
    date: Option<String>,
    outcome: String,
}

/// The caseworker behind a form, if signed in and the form carries their session's token.
fn posted(desk: &Desk, headers: &HeaderMap, csrf: &str) -> Result<Seen, Box<Response>> {
    let seen = desk.signed_in(headers, &Page::default(), "/bookings")?;
    if !Access::form_ok(&seen.session, csrf) {
        let why = Some("desk-form-expired");
        return Err(Box::new(desk.refuse(
            StatusCode::FORBIDDEN,
            seen.lang,
            "/bookings",
            why,
        )));
    }
    Ok(seen)
}

/// A booking code as typed or posted: letters and digits only, upper case.
fn clean_code(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Marks a confirmed booking as held or the person as not reached (or takes the mark back);
/// the audit trail records who marked what.
pub(super) async fn mark(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Form(form): Form<MarkForm>,
) -> Response {
    let seen = match posted(&desk, &headers, &form.csrf) {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    let code = clean_code(&form.code);
    let outcome = BookingOutcome::parse(&form.outcome);
    if outcome.is_none() && form.outcome != "none" {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let date = day_or_today(form.date.as_deref());
    let pipeline = desk.pipeline.clone();
    let marked = match tokio::task::spawn_blocking({
        let code = code.clone();
        move || {
            let now = chrono::Utc::now().timestamp();
            pipeline.app().bookings().mark(&code, outcome, now)
        }
    })
    .await
    {
        Ok(Ok(marked)) => marked,
        Ok(Err(error)) => return unavailable(error),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    let to = match marked {
        Marked::Done(_) => {
            let o = outcome.map_or("none", BookingOutcome::code);
            tracing::info!(
                target: "krok::audit",
                action = "desk-mark",
                caseworker = seen.session.who.as_str(),
                code = code.as_str(),
                outcome = o
            );
            format!("/bookings?date={date}&marked={code}&outcome={o}")
        }
        Marked::NotConfirmed => format!("/bookings?date={date}&marked=none"),
        Marked::Early => format!("/bookings?date={date}&marked=early"),
    };
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

#[derive(Deserialize)]
pub(super) struct CancelForm {
    csrf: String,
    code: String,
    date: Option<String>,
    reason: Option<String>,
    /// The booking's own "yes, cancel" box.
    sure: Option<String>,
}

/// Cancels through the pipeline as if the caseworker had written `/cancelbooking CODE` (with
/// the reason when it may be told): the person is told on their platform in their language,
/// the caseworker's chat gets the confirmation, and the audit trail records who and why.
pub(super) async fn cancel(
    State(desk): State<Desk>,
    headers: HeaderMap,
    Form(form): Form<CancelForm>,
) -> Response {
    let seen = match posted(&desk, &headers, &form.csrf) {
        Ok(seen) => seen,
        Err(refused) => return *refused,
    };
    let code = clean_code(&form.code);
    let reason = form
        .reason
        .as_deref()
        .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    // The form allows 300 characters; a longer one did not come from it.
    if reason.chars().count() > crate::core::engine::REASON_CHARS {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    // A message typed is a message to send: a reason kept from the person would be a note
    // nobody reads (the audit trail keeps only its length).
    let tell = !reason.is_empty();
    let _one_at_a_time = desk.cancelling.lock().await;
    let found = desk.pipeline.app().bookings().get(&code);
    let date = day_or_today(form.date.as_deref());
    let back = |done: &str| {
        let note = if tell && done != "none" {
            "&note=1"
        } else {
            ""
        };
        let to = format!("/bookings?date={date}&done={done}{note}");
        (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
    };
    if form.sure.as_deref() != Some("1") {
        let to = format!("/bookings?date={date}&unsure={code}");
        return (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
    }
    match found {
        Ok(Some(_)) => {}
        Ok(None) => return back("none"),
        Err(error) => return unavailable(error),
    }
    let user = UserKey::from_raw(&seen.session.who);
    let chat = desk
        .pipeline
        .address(&user)
        .ok()
        .flatten()
        .unwrap_or_default();
    let text = if tell {
        format!("/cancelbooking {code} {reason}")
    } else {
        format!("/cancelbooking {code}")
    };
    let incoming = Incoming {
        user,
        chat,
        id: None,
        inbound: Inbound::from_text(&text),
        typed_codes: false,
        pressed: None,
        answers: None,
    };
    let pipeline = desk.pipeline.clone();
    let outcome = tokio::task::spawn_blocking(move || pipeline.turn(&incoming, Utc::now())).await;
    tracing::info!(
        target: "krok::audit",
        action = "desk-cancel",
        caseworker = seen.session.who.as_str(),
        code = code.as_str(),
        // A reason often names someone's health or family: its length, never its words.
        reason_chars = reason.chars().count(),
        told = tell
    );
    // Read back: a caseworker taken off the list meanwhile, or a store fault, leaves the
    // booking in place, and the desk must not say it is cancelled.
    let gone = matches!(desk.pipeline.app().bookings().get(&code), Ok(None));
    match outcome {
        Ok(Outcome::Answered | Outcome::Duplicate) if gone => back(&code),
        Ok(Outcome::Answered | Outcome::Duplicate) => {
            let to = format!("/bookings?date={date}&failed={code}");
            (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
        }
        _ => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

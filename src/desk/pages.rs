//! The desk's pages as HTML, drawn on the server: no scripts, one stylesheet (`/desk.css`),
//! readable on a phone and printable. Texts come from `locales/*/desk.ftl`; everything typed by
//! a person (a name, a phone) is escaped by `maud`.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Warsaw;
use maud::{DOCTYPE, Markup, html};

use crate::app::ContentState;
use crate::booking::{Booking, Cancelled, CancelledBy, Outcome, State};
use crate::core::booking::{Contact, shown_phone};
use crate::core::i18n::Locales;
use crate::core::lang::Lang;
use crate::core::message::Msg;
use crate::core::schedule::krakow_time;
use crate::print::desk::Made;

/// What every page needs: the texts, the desk's language, and the form token when signed in.
pub struct Frame<'a> {
    pub locales: &'a Locales,
    pub lang: Lang,
    pub csrf: Option<&'a str>,
    /// The page's own path, so the language links come back to it.
    pub here: &'a str,
    /// The platforms Krok cannot send on now ("Telegram"): said at the top of every page of a
    /// signed-in caseworker, who would otherwise take a cancellation as told.
    pub cut_off: Vec<&'static str>,
}

impl Frame<'_> {
    pub fn t(&self, id: &'static str) -> String {
        self.locales.text(self.lang, &Msg::new(id))
    }

    fn ta(&self, id: &'static str, args: &[(&'static str, String)]) -> String {
        let msg = args
            .iter()
            .fold(Msg::new(id), |m, (k, v)| m.arg(k, v.clone()));
        self.locales.text(self.lang, &msg)
    }
}

/// The `<head>` of every page; `refresh`: go on to `/` at once.
fn head(title: &str, refresh: bool) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            @if refresh { meta http-equiv="refresh" content="0;url=/"; }
            title { (title) }
            link rel="stylesheet" href="/desk.css";
        }
    }
}

fn page(f: &Frame, title: &str, body: Markup) -> String {
    let markup = html! {
        (DOCTYPE)
        html lang=(f.lang.code()) {
            (head(&format!("{title} · {}", f.t("desk-title")), false))
            body {
                header.noprint {
                    nav aria-label=(f.t("desk-nav")) {
                        @if f.csrf.is_some() {
                            a href="/" { (f.t("desk-nav-today")) }
                            a href="/bookings" { (f.t("desk-nav-bookings")) }
                            a href="/stats" { (f.t("desk-nav-stats")) }
                            a href="/links" { (f.t("desk-nav-links")) }
                            a href="/content" { (f.t("desk-nav-content")) }
                        }
                        span.langs aria-label=(f.t("desk-language")) {
                            @for l in Lang::ALL {
                                a href={ (f.here) (if f.here.contains('?') { "&" } else { "?" }) "lang=" (l.code()) } lang=(l.code())
                                    aria-current=[(l == f.lang).then_some("true")] {
                                    (l.code().to_uppercase())
                                }
                            }
                        }
                        @if let Some(csrf) = f.csrf {
                            form.inline method="post" action="/logout" {
                                input type="hidden" name="csrf" value=(csrf);
                                button type="submit" { (f.t("desk-nav-logout")) }
                                button type="submit" name="everywhere" value="1" {
                                    (f.t("desk-nav-logout-everywhere"))
                                }
                            }
                        }
                    }
                }
                main {
                    h1 { (title) }
                    @if f.csrf.is_some() && !f.cut_off.is_empty() {
                        p.notice role="alert" {
                            (f.ta("desk-cannot-send", &[("platforms", f.cut_off.join(", "))]))
                        }
                    }
                    (body)
                }
            }
        }
    };
    markup.into_string()
}

/// Shown instead of any page to someone not signed in.
pub fn sign_in_needed(f: &Frame, why: Option<&'static str>) -> String {
    let body = html! {
        @if let Some(why) = why { p.notice role="alert" { (f.t(why)) } }
        p { (f.t("desk-sign-in-how")) }
    };
    page(f, &f.t("desk-sign-in-title"), body)
}

/// What the link from the chat opens: one button that signs in on this device.
pub fn sign_in_confirm(f: &Frame, token: &str) -> String {
    let body = html! {
        p { (f.t("desk-sign-in-confirm")) }
        form method="post" action="/login" {
            input type="hidden" name="token" value=(token);
            button type="submit" { (f.t("desk-sign-in-button")) }
        }
    };
    page(f, &f.t("desk-sign-in-title"), body)
}

/// What the home page shows beside today's count.
pub struct Home {
    /// The next days with bookings and how many (today's included).
    pub upcoming: Vec<(NaiveDate, usize)>,
    /// More bookings or holds than usual lately (`ops::flood`).
    pub flood: bool,
}

pub fn today(f: &Frame, date: NaiveDate, bookings: &[Booking], home: &Home) -> String {
    use chrono::Datelike;
    let confirmed = bookings
        .iter()
        .filter(|b| b.state == State::Confirmed)
        .count();
    let weekday = |d: NaiveDate| {
        let day = d.weekday().num_days_from_monday() as usize;
        crate::print::hours::weekday(f.locales, f.lang, day)
    };
    let body = html! {
        @if home.flood { p.notice role="alert" { (f.t("desk-flood")) } }
        p { (f.ta("desk-today-count", &[("count", confirmed.to_string())])) }
        p { a href={ "/bookings?date=" (date) } { (f.t("desk-open-day")) } }
        @if !home.upcoming.is_empty() {
            h2 { (f.t("desk-upcoming")) }
            ul {
                @for (day, count) in &home.upcoming {
                    li {
                        a href={ "/bookings?date=" (day) } { (weekday(*day)) " " (day) }
                        ": " (f.ta("desk-upcoming-count", &[("count", count.to_string())]))
                    }
                }
            }
        }
        (find_form(f, ""))
        h2 { (f.t("desk-directory")) }
        p {
            @for l in Lang::ALL {
                a href={ "/directory?lang=" (l.code()) } lang=(l.code()) {
                    (f.locales.lang_name(l))
                }
                " "
            }
        }
    };
    page(f, &f.ta("desk-today", &[("date", date.to_string())]), body)
}

/// A table's head: one column header per message id.
fn columns(f: &Frame, ids: &[&'static str]) -> Markup {
    html! { thead { tr { (cells(f, ids)) } } }
}

fn cells(f: &Frame, ids: &[&'static str]) -> Markup {
    html! {
        @for id in ids { th scope="col" { (f.t(id)) } }
    }
}

/// Where a caseworker types what a person on the phone tells: a code, a name or a phone.
/// Posted, not in the address: a name or phone number in a URL would stay in the browser's
/// history and in the access log of the proxy in front of the desk.
fn find_form(f: &Frame, typed: &str) -> Markup {
    html! {
        form.noprint method="post" action="/bookings" role="search" {
            @if let Some(csrf) = f.csrf {
                input type="hidden" name="csrf" value=(csrf);
            }
            label for="find" { (f.t("desk-find")) }
            input #find type="search" name="find" value=(typed) maxlength="60" autocomplete="off";
            button type="submit" { (f.t("desk-find-go")) }
        }
    }
}

/// The bookings a search found (`more`: it found more than it lists), each linked to its
/// row on its day.
pub fn found(f: &Frame, typed: &str, hits: &[Booking], more: bool, short: bool) -> String {
    let body = html! {
        (find_form(f, typed))
        @if short {
            p.notice role="status" { (f.t("desk-find-short")) }
        } @else if hits.is_empty() {
            p.notice role="status" { (f.t("desk-find-none")) }
        } @else {
            p role="status" { (f.ta("desk-find-count", &[("count", hits.len().to_string())])) }
            @if more { p { (f.t("desk-find-more")) } }
            table {
                (columns(f, &["desk-date", "desk-col-time", "desk-col-kind", "desk-col-name", "desk-col-contact", "desk-col-code"]))
                tbody {
                    @for b in hits {
                        @let date = krakow_time(b.start, "%Y-%m-%d");
                        tr {
                            td { (date) }
                            td { (local_time(b.start)) }
                            td { (f.locales.text(f.lang, &Msg::new(format!("booking-kind-{}", b.kind)))) }
                            td { bdi { (b.name.as_deref().unwrap_or("—")) } }
                            td { (contact(f, &b.contact)) }
                            td {
                                a href={ "/bookings?date=" (date) "&found=" (b.code) "#b-" (b.code) } {
                                    (b.code)
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(f, &f.t("desk-find-title"), body)
}

/// A day's bookings as a table, with a cancel form under each confirmed one.
/// What else a day's page shows beside its bookings.
#[derive(Default)]
pub struct Others<'a> {
    pub cancelled: &'a [Cancelled],
    /// Times held right now by someone who has not booked them yet.
    pub held: &'a [Booking],
    pub hold_minutes: u32,
    /// More bookings or holds than usual lately (`ops::flood`): maybe one person taking
    /// every free time, which only a caseworker can tell.
    pub flood: bool,
}

pub fn day(
    f: &Frame,
    date: NaiveDate,
    bookings: &[Booking],
    others: &Others,
    notice: Option<String>,
) -> String {
    let (prev, next) = (date.pred_opt(), date.succ_opt());
    let body = html! {
        @if let Some(notice) = notice { p.notice role="status" { (notice) } }
        @if others.flood { p.notice role="alert" { (f.t("desk-flood")) } }
        form.noprint method="get" action="/bookings" {
            label for="date" { (f.t("desk-date")) }
            input #date type="date" name="date" value=(date);
            button type="submit" { (f.t("desk-show")) }
        }
        (find_form(f, ""))
        p.noprint {
            @if let Some(d) = prev { a href={ "/bookings?date=" (d) } { "← " (f.t("desk-prev")) } " " }
            @if let Some(d) = next { a href={ "/bookings?date=" (d) } { (f.t("desk-next")) " →" } " " }
            a href={ "/bookings.csv?date=" (date) } download { (f.t("desk-csv")) }
            " · "
            a href={ "/bookings.csv?excel=1&date=" (date) } download { (f.t("desk-csv-excel")) }
        }
        @if bookings.is_empty() {
            p { (f.t("desk-day-none")) }
        } @else {
            table.cards {
                thead { tr {
                    (cells(f, &["desk-col-time", "desk-col-kind", "desk-col-name", "desk-col-contact", "desk-col-lang", "desk-col-code", "desk-col-state", "desk-col-booked", "desk-col-outcome"]))
                    th.noprint scope="col" { (f.t("desk-cancel")) }
                } }
                tbody {
                    @for b in bookings { (row(f, date, b)) }
                }
            }
        }
        @if !others.held.is_empty() {
            @let times: Vec<String> = others.held.iter().map(|b| local_time(b.start)).collect();
            p { (f.ta("desk-held", &[
                ("count", others.held.len().to_string()),
                ("times", times.join(", ")),
                ("minutes", others.hold_minutes.to_string()),
            ])) }
        }
        @if !others.cancelled.is_empty() { (cancelled_list(f, others.cancelled)) }
    };
    page(f, &f.ta("desk-day", &[("date", date.to_string())]), body)
}

/// The day's cancelled bookings: whose time, who cancelled it, when and why.
fn cancelled_list(f: &Frame, cancelled: &[Cancelled]) -> Markup {
    html! {
        h2 { (f.t("desk-cancelled-title")) }
        table.cards {
            (columns(f, &["desk-col-time", "desk-col-kind", "desk-col-name", "desk-col-contact", "desk-col-code", "desk-col-cancelled", "desk-col-reason"]))
            tbody {
                @for c in cancelled {
                    @let b = &c.booking;
                    @let by = match c.by {
                        CancelledBy::Person => "desk-cancelled-by-person",
                        CancelledBy::Caseworker => "desk-cancelled-by-caseworker",
                    };
                    tr id={ "c-" (b.code) } {
                        td data-label=(f.t("desk-col-time")) { (local_time(b.start)) }
                        td data-label=(f.t("desk-col-kind")) { (f.locales.text(f.lang, &Msg::new(format!("booking-kind-{}", b.kind)))) }
                        td data-label=(f.t("desk-col-name")) { bdi { (b.name.as_deref().unwrap_or("—")) } }
                        td data-label=(f.t("desk-col-contact")) { (contact(f, &b.contact)) }
                        td data-label=(f.t("desk-col-code")) { (b.code) }
                        td data-label=(f.t("desk-col-cancelled")) { (f.ta(by, &[("when", krakow_time(c.at, "%d.%m %H:%M"))])) }
                        td data-label=(f.t("desk-col-reason")) { (c.reason.as_deref().unwrap_or("—")) }
                    }
                }
            }
        }
    }
}

fn row(f: &Frame, date: NaiveDate, b: &Booking) -> Markup {
    let kind = f
        .locales
        .text(f.lang, &Msg::new(format!("booking-kind-{}", b.kind)));
    let lang = f.locales.lang_name(b.lang);
    let state = match b.state {
        State::Held { .. } => f.t("desk-state-held"),
        State::Confirmed => f.t("desk-state-confirmed"),
    };
    // Isolated, so a name in Arabic or Hebrew cannot reorder the time beside it.
    let name = format!("\u{2068}{}\u{2069}", b.name.as_deref().unwrap_or("—"));
    let sure = f.ta(
        "desk-cancel-sure",
        &[("time", local_time(b.start)), ("name", name)],
    );
    html! {
        tr id={ "b-" (b.code) } {
            td data-label=(f.t("desk-col-time")) { (local_time(b.start)) }
            td data-label=(f.t("desk-col-kind")) { (kind) }
            td data-label=(f.t("desk-col-name")) { bdi { (b.name.as_deref().unwrap_or("—")) } }
            td data-label=(f.t("desk-col-contact")) {
                @match &b.contact {
                    Contact::Phone(phone) => a href={ "tel:" (phone) } { (shown_phone(phone)) },
                    Contact::Chat => (f.t("desk-contact-chat")),
                }
            }
            td data-label=(f.t("desk-col-lang")) { span lang=(b.lang.code()) { (lang) } }
            td data-label=(f.t("desk-col-code")) { code { (b.code) } }
            td data-label=(f.t("desk-col-state")) { (state) }
            // When it was made: many made minutes apart may be one person taking every time.
            td data-label=(f.t("desk-col-booked")) { (krakow_time(b.created, "%d.%m %H:%M")) }
            td data-label=(f.t("desk-col-outcome")) {
                @if let Some(o) = b.outcome { (outcome(f, o)) }
                // How it went is offered once its time has come: a mark on tomorrow's list is a
                // misclick.
                @if b.state == State::Confirmed && b.start <= Utc::now().timestamp() { (mark_form(f, date, b)) }
            }
            td.noprint {
                @if b.state == State::Confirmed {
                    form method="post" action="/bookings/cancel" {
                        input type="hidden" name="csrf" value=(f.csrf.unwrap_or_default());
                        input type="hidden" name="code" value=(b.code);
                        input type="hidden" name="date" value=(date);
                        label for={ "reason-" (b.code) } { (f.ta("desk-cancel-reason", &[("lang", lang.clone())])) }
                        input id={ "reason-" (b.code) } type="text" name="reason" maxlength=(crate::core::engine::REASON_CHARS);
                        // Enter in the message, or a click on the wrong row, cancels nothing
                        // until this booking's own box is ticked: no script is needed.
                        label.check {
                            input type="checkbox" name="sure" value="1" required;
                            " " (sure)
                        }
                        button type="submit" { (f.t("desk-cancel")) " " (b.code) }
                    }
                }
            }
        }
    }
}

/// How a consultation went, in the desk's language.
pub fn outcome(f: &Frame, o: Outcome) -> String {
    f.locales
        .text(f.lang, &Msg::new(format!("desk-outcome-{}", o.code())))
}

/// Buttons that mark a confirmed booking as held or the person as not reached, and one that
/// takes a mark back.
fn mark_form(f: &Frame, date: NaiveDate, b: &Booking) -> Markup {
    html! {
        form.noprint method="post" action="/bookings/mark" {
            input type="hidden" name="csrf" value=(f.csrf.unwrap_or_default());
            input type="hidden" name="code" value=(b.code);
            input type="hidden" name="date" value=(date);
            @for o in [Outcome::Done, Outcome::NotReached] {
                @if b.outcome != Some(o) {
                    button type="submit" name="outcome" value=(o.code()) {
                        (f.locales.text(f.lang, &Msg::new(format!("desk-mark-{}", o.code()))))
                        span.sr { " " (b.code) }
                    }
                    " "
                }
            }
            @if b.outcome.is_some() {
                button type="submit" name="outcome" value="none" {
                    (f.t("desk-mark-clear")) span.sr { " " (b.code) }
                }
            }
        }
    }
}

/// The content in use: when it was loaded, how the last reload went (every problem with its
/// file and line), and the services whose facts were verified too long ago.
pub fn content(
    f: &Frame,
    state: &ContentState,
    warnings: &[String],
    stale: &[String],
    max_age: u32,
) -> String {
    let at = |t: DateTime<Utc>| {
        t.with_timezone(&Warsaw)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let days = [("days", max_age.to_string())];
    let body = html! {
        p { (f.ta("desk-content-loaded", &[("time", at(state.loaded_at))])) }
        @match &state.last_reload {
            None => p { (f.t("desk-reload-none")) },
            Some((when, problems)) if problems.is_empty() => {
                p { (f.ta("desk-reload-ok", &[("time", at(*when))])) }
            }
            Some((when, problems)) => {
                p.notice role="alert" { (f.ta("desk-reload-refused", &[("time", at(*when))])) }
                ul { @for p in problems { li { code { (p) } } } }
            }
        }
        @if !warnings.is_empty() {
            h2 { (f.t("desk-content-warnings")) }
            ul { @for w in warnings { li { code { (w) } } } }
        }
        h2 { (f.ta("desk-stale", &days)) }
        @if stale.is_empty() {
            p { (f.ta("desk-stale-none", &days)) }
        } @else {
            ul { @for s in stale { li { code { (s) } } } }
        }
    };
    page(f, &f.t("desk-nav-content"), body)
}

/// What the link form was asked for.
#[derive(Default)]
pub struct LinkAsk {
    pub node: String,
    pub lang: String,
    pub tag: String,
}

/// The link form, and under it what it made (or what to change).
pub fn links(
    f: &Frame,
    steps: &[(String, String)],
    ask: &LinkAsk,
    made: Option<Result<Made, String>>,
) -> String {
    let query = format!("node={}&lang={}&tag={}", ask.node, ask.lang, ask.tag);
    let body = html! {
        form method="get" action="/links" {
            label for="node" { (f.t("desk-link-step")) }
            select #node name="node" {
                @for (id, title) in steps {
                    option value=(id) selected[*id == ask.node] { (title) " (" (id) ")" }
                }
            }
            label for="lang" { (f.t("desk-link-lang")) }
            select #lang name="lang" {
                @for l in Lang::ALL {
                    option value=(l.code()) selected[l.code() == ask.lang] {
                        (f.locales.lang_name(l))
                    }
                }
            }
            label for="tag" { (f.t("desk-link-tag")) }
            input #tag type="text" name="tag" value=(ask.tag) maxlength="20";
            button type="submit" { (f.t("desk-link-make")) }
        }
        @match made {
            None => {}
            Some(Err(why)) => p.notice role="alert" { (why) },
            Some(Ok(made)) => {
                h2 { (made.title) }
                dl {
                    @if let Some(link) = &made.telegram {
                        dt { "Telegram" } dd { a href=(link) { (link) } }
                    }
                    @if let (Some(link), Some(user)) = (&made.matrix, &made.matrix_user) {
                        dt { "Matrix" } dd { a href=(link) { (link) } " (" (user) ")" }
                    }
                    dt { (f.t("desk-link-code")) } dd { code { (made.code) } }
                }
                @if let Some(svg) = &made.qr_svg {
                    div.qr { (maud::PreEscaped(svg)) }
                    p {
                        a href={ "/links/qr.png?" (query) } download { (f.t("desk-link-qr")) }
                        " · "
                        a href={ "/links/card?" (query) } { (f.t("desk-link-card")) }
                    }
                }
            }
        }
    };
    page(f, &f.t("desk-nav-links"), body)
}

/// Demand figures of a period as charts and a table, every small count shown as `<N`.
pub fn stats(
    f: &Frame,
    from: NaiveDate,
    to: NaiveDate,
    figures: &[crate::stats::Figure],
    threshold: u64,
    names: &dyn Fn(&str, &str) -> String,
    notice: Option<String>,
) -> String {
    let charts = super::charts::charts(figures, &|id| f.t(id), names);
    let none = f.t("desk-stats-none");
    let body = html! {
        @if let Some(notice) = notice { p.notice role="status" { (notice) } }
        form.noprint method="get" action="/stats" {
            label for="from" { (f.t("desk-stats-from")) }
            input #from type="date" name="from" value=(from);
            label for="to" { (f.t("desk-stats-to")) }
            input #to type="date" name="to" value=(to);
            button type="submit" { (f.t("desk-show")) }
        }
        p {
            (f.ta("desk-stats-rule", &[("n", threshold.to_string())]))
            " "
            a.noprint href={ "/stats.csv?from=" (from) "&to=" (to) } download { (f.t("desk-csv")) }
            span.noprint { " · " }
            a.noprint href={ "/stats.csv?excel=1&from=" (from) "&to=" (to) } download { (f.t("desk-csv-excel")) }
        }
        @for chart in &charts {
            section {
                h2 { (chart.title) }
                (maud::PreEscaped(super::charts::svg(chart, threshold, &none)))
                // The same figures as text: a picture gives a screen reader only its title.
                @if !chart.rows.is_empty() {
                    details {
                        summary { (f.t("desk-stats-figures")) }
                        table {
                            caption { (chart.title) }
                            thead { tr {
                                th scope="col" { (f.t("desk-stats-what")) }
                                th scope="col" { (f.t("desk-stats-count")) }
                            } }
                            tbody {
                                @for (label, count) in &chart.rows {
                                    tr {
                                        th scope="row" { (label) }
                                        td { (crate::stats::shown(*count, threshold)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(
        f,
        &f.ta(
            "desk-stats-title",
            &[("from", from.to_string()), ("to", to.to_string())],
        ),
        body,
    )
}

fn contact(f: &Frame, contact: &Contact) -> String {
    match contact {
        Contact::Chat => f.t("desk-contact-chat"),
        Contact::Phone(phone) => phone.clone(),
    }
}

/// `14:30` in Kraków.
pub fn local_time(start: i64) -> String {
    krakow_time(start, "%H:%M")
}

/// The CSV download of a day: one line per booking; a field a spreadsheet would read as a
/// formula (a name typed as `=HYPERLINK(…)`) starts with an apostrophe.
pub fn day_csv(f: &Frame, bookings: &[Booking]) -> String {
    let mut out = String::from("time,kind,name,contact,language,code,state,outcome\r\n");
    for b in bookings {
        let contact = contact(f, &b.contact);
        let state = match b.state {
            State::Held { .. } => "held",
            State::Confirmed => "confirmed",
        };
        let fields = [
            local_time(b.start),
            b.kind.clone(),
            b.name.clone().unwrap_or_default(),
            contact,
            b.lang.code().to_owned(),
            b.code.clone(),
            state.to_owned(),
            b.outcome.map(Outcome::code).unwrap_or_default().to_owned(),
        ];
        let line: Vec<String> = fields.iter().map(|v| crate::csv::field(v)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The stylesheet: plain, large enough to tap, tables that scroll on a phone (a day's
/// bookings become one card each there, every value under its column's name), forms hidden
/// in print.
pub const CSS: &str = "\
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111;background:#fff}\
header{background:#0b3d91;padding:.5rem 1rem}header a,header button{color:#fff;margin-right:1rem}\
header button{background:none;border:1px solid #fff;border-radius:4px;padding:.2rem .6rem;font:inherit;cursor:pointer}\
nav{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}.langs a{margin-right:.4rem}\
.langs a[aria-current]{font-weight:bold;text-decoration:none}\
main{padding:1rem;max-width:72rem}table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}\
th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}\
form.inline{display:inline}label{display:block;margin:.3rem 0 .1rem}label.check{display:flex;gap:.3rem}\
input,button{font:inherit;padding:.3rem;min-height:2.2rem}button{cursor:pointer}\
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.notice{background:#fff4ce;border:1px solid #8a6d00;padding:.5rem}tr:target{background:#fff4ce}.qr svg{width:14rem;height:14rem}svg.chart{width:100%;max-width:40rem;height:auto}select{font:inherit;padding:.3rem;max-width:100%}a{color:#0b3d91}header a{color:#fff}\
@media (max-width:40rem){table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}\
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block}table.cards tr{border:1px solid #999;margin-bottom:.8rem}\
table.cards td{border:none;border-bottom:1px solid #ddd}table.cards td[data-label]::before{content:attr(data-label);display:block;font-size:.85em;font-weight:bold;color:#333}\
table.cards input[type=text]{width:100%;box-sizing:border-box}}\
@media print{.noprint{display:none}body{font-size:12pt}a{color:#000}table{display:table}table.cards thead{position:static;width:auto;height:auto}}";

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> crate::core::content::Content {
        crate::files::load_content(
            std::path::Path::new("dialogs"),
            std::path::Path::new("locales"),
        )
        .unwrap()
    }

    fn frame(content: &crate::core::content::Content, lang: Lang) -> Frame<'_> {
        Frame {
            locales: &content.locales,
            lang,
            csrf: Some("c"),
            here: "/bookings",
            cut_off: Vec::new(),
        }
    }

    /// A confirmed legal consultation in the past, in `lang`, of `name` reached at `contact`.
    fn booking(lang: Lang, name: &str, contact: Contact) -> Booking {
        Booking {
            v: 1,
            code: "ABCD2345".into(),
            kind: "legal".into(),
            start: 1_796_000_000,
            user: "tg:1".into(),
            lang,
            name: Some(name.into()),
            contact,
            state: State::Confirmed,
            created: 1_795_990_000,
            reminded: Vec::new(),
            outcome: None,
        }
    }

    #[test]
    fn whatever_a_person_typed_is_shown_as_text() {
        let content = shipped();
        let frame = frame(&content, Lang::Pl);
        let booking = booking(
            Lang::Uk,
            "<script>alert(1)</script>",
            Contact::Phone("\"><img src=x onerror=alert(1)>".into()),
        );
        let date = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let html = day(
            &frame,
            date,
            &[booking],
            &Others::default(),
            Some("<b>".into()),
        );
        assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    #[test]
    fn a_phone_is_a_grouped_tel_link_and_the_row_says_whom_it_cancels() {
        let content = shipped();
        let frame = frame(&content, Lang::En);
        let booking = booking(Lang::Ru, "Ирина", Contact::Phone("+48501234567".into()));
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let later = Booking {
            code: "EFGH6789".into(),
            start: 4_000_000_000,
            ..booking.clone()
        };
        let html = day(&frame, date, &[booking, later], &Others::default(), None);
        assert!(!html.contains("More consultations were booked"));
        let flood = Others {
            flood: true,
            ..Others::default()
        };
        let warned = day(&frame, date, &[], &flood, None);
        assert!(
            warned.contains(r#"<p class="notice" role="alert">More consultations were booked"#),
            "{warned}"
        );
        assert_eq!(
            html.matches(r#"action="/bookings/mark""#).count(),
            1,
            "how it went is asked only once its time has come"
        );
        assert!(
            html.contains(r#"<a href="tel:+48501234567">+48 501 234 567</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<span lang="ru">Русский</span>"#), "{html}");
        assert!(html.contains("Message to the person, in Русский"), "{html}");
        assert!(html.contains(r#"name="sure" value="1" required"#), "{html}");
        assert!(
            html.contains(", \u{2068}Ирина\u{2069}</label>"),
            "the box names whom it cancels, the name isolated: {html}"
        );
    }
}

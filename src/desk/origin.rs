//! Requests the desk refuses for where they come from: a form posted by a page of another
//! site, and any request for a host name the desk is not served under (a page of an
//! attacker's domain that resolves to the desk's address, "DNS rebinding", would otherwise be
//! same-origin to the browser and could read whatever the desk shows without signing in).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::server::{Desk, language};
use crate::ops::listen::host_allowed;

/// A form sent to the desk from another site changes nothing, sign-in included: a page
/// elsewhere could otherwise sign a caseworker's browser into someone else's session, or
/// replay a form. Browsers say where a request comes from (`Sec-Fetch-Site`, and `Origin`,
/// which the desk's `same-origin` referrer policy leaves in place for its own forms and
/// makes `null` for another site's); a client that says neither is no browser a page could
/// steer.
pub(super) async fn same_site(State(desk): State<Desk>, request: Request, next: Next) -> Response {
    if request.method() == axum::http::Method::POST
        && from_elsewhere(request.headers(), desk.access.public_url())
    {
        let (lang, _) = language(request.headers(), None);
        tracing::info!(target: "krok::audit", action = "desk-form-from-elsewhere");
        return desk.refuse(StatusCode::FORBIDDEN, lang, "/", Some("desk-cross-site"));
    }
    next.run(request).await
}

/// Whether the browser says the request was made by a page of another site (`public` is the
/// desk's own address, which a proxy in front may not pass on as `Host`).
fn from_elsewhere(headers: &HeaderMap, public: &str) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        return !matches!(site, "same-origin" | "none");
    }
    match (text("origin"), text("host")) {
        (None, _) => false,
        // A sandboxed frame, or another site's form under this referrer policy.
        (Some("null"), _) => true,
        (Some(origin), _) if origin == public => false,
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, h)| h) != Some(host),
        (Some(_), None) => true,
    }
}

/// Answers 421 to a request whose `Host` names neither the desk's public address nor this
/// machine (`host_allowed`).
pub(super) async fn known_host(State(desk): State<Desk>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    if let Some(host) = host
        && !host_allowed(host, Some(desk.access.public_url()))
    {
        let (lang, _) = language(request.headers(), None);
        tracing::info!(target: "krok::audit", action = "desk-unknown-host");
        return desk.refuse(
            StatusCode::MISDIRECTED_REQUEST,
            lang,
            "/",
            Some("desk-wrong-host"),
        );
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_from_elsewhere_when_the_browser_says_so() {
        let public = "https://desk.krok.example";
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            h
        };
        let elsewhere = [
            vec![("sec-fetch-site", "cross-site")],
            vec![("sec-fetch-site", "same-site")],
            vec![("origin", "null")],
            vec![
                ("origin", "https://evil.example"),
                ("host", "desk.krok.example"),
            ],
        ];
        for pairs in elsewhere {
            assert!(from_elsewhere(&headers(&pairs), public), "{pairs:?}");
        }
        let own = [
            vec![("sec-fetch-site", "same-origin"), ("origin", "null")],
            vec![("origin", "https://desk.krok.example")],
            vec![
                ("origin", "http://127.0.0.1:8090"),
                ("host", "127.0.0.1:8090"),
            ],
            vec![],
        ];
        for pairs in own {
            assert!(!from_elsewhere(&headers(&pairs), public), "{pairs:?}");
        }
    }
}

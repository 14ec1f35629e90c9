//! Every HTTP listener of `krok run` (the Telegram webhook, the desk, `/healthz` and `/metrics`)
//! is served here, with the limits a port open to others needs, which `axum::serve` leaves out:
//! a bounded number of connections (each one costs a file descriptor, and running out of those
//! would stop the store and the platforms too), fewer from any one address, a first byte
//! within two seconds and a request's head within seconds more (a client that says nothing or
//! trickles bytes holds nothing for long), and a lifetime for every connection. What one
//! process cannot hold, many addresses can: per-address limits across them belong to the
//! HTTPS proxy in front (README, "Container").

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use crate::shutdown::Shutdown;

/// What one listener allows.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Connections open at once; the next waits in the kernel's backlog until one closes.
    pub connections: usize,
    /// Connections one address may hold at once; one more is closed at once. Not for this
    /// machine's own addresses: a proxy here speaks for everyone, and limits them itself.
    pub per_address: usize,
    /// From a connection's first byte (or the end of its last request) to the end of the
    /// next request's head.
    pub head: Duration,
    /// One request, its body read and its answer made; a slower one is answered 408.
    pub request: Duration,
    /// A connection is closed after this, gracefully: the request in progress is finished.
    pub lifetime: Duration,
}

impl Limits {
    /// Telegram opens at most 100 webhook connections (`max_connections`, 40 by default).
    pub const WEBHOOK: Limits = Limits {
        connections: 128,
        per_address: 100,
        head: Duration::from_secs(10),
        request: Duration::from_secs(30),
        lifetime: Duration::from_secs(10 * 60),
    };
    /// A few caseworkers' browsers, usually through one proxy.
    pub const DESK: Limits = Limits {
        connections: 128,
        per_address: 32,
        head: Duration::from_secs(10),
        request: Duration::from_secs(30),
        lifetime: Duration::from_secs(10 * 60),
    };
    /// A probe and a Prometheus scraper.
    pub const OPS: Limits = Limits {
        connections: 32,
        per_address: 8,
        head: Duration::from_secs(5),
        request: Duration::from_secs(10),
        lifetime: Duration::from_secs(60),
    };
}

/// Serves `router` on `listener` until `shutdown`, then lets open requests finish (for up to
/// five seconds). Handlers can read the peer's address with `ConnectInfo<SocketAddr>`.
pub async fn serve(listener: TcpListener, router: Router, limits: Limits, shutdown: Shutdown) {
    let open = Arc::new(Semaphore::new(limits.connections));
    let by_address = Arc::new(parking_lot::Mutex::new(HashMap::<IpAddr, usize>::new()));
    loop {
        let accepted = tokio::select! {
            permit = open.clone().acquire_owned() => match permit {
                Ok(permit) => tokio::select! {
                    accepted = listener.accept() => accepted.map(|a| (a, permit)),
                    _ = shutdown.clone().wait() => break,
                },
                Err(_) => break,
            },
            _ = shutdown.clone().wait() => break,
        };
        match accepted {
            Ok(((stream, peer), permit)) => {
                let Some(held) = Held::take(&by_address, peer.ip(), limits.per_address) else {
                    if let Some(count) = CROWDED.hit(std::time::Instant::now()) {
                        tracing::warn!(
                            count,
                            "connections from an address that holds its share closed"
                        );
                    }
                    continue;
                };
                let router = router.clone();
                let shutdown = shutdown.clone();
                tokio::spawn(async move {
                    connection(stream, peer, router, limits, shutdown).await;
                    drop((permit, held));
                });
            }
            Err(error) => {
                // Out of file descriptors, or the peer gave up before the accept: wait a
                // moment rather than spin.
                tracing::warn!(%error, "accepting an HTTP connection failed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    drop(listener);
    let all = u32::try_from(limits.connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(5), open.acquire_many(all)).await;
}

/// Connections refused for their address, logged once a minute with a count.
static CROWDED: crate::ops::throttled::Throttled =
    crate::ops::throttled::Throttled::new(Duration::from_secs(60));

/// How long a new connection may stay silent: Telegram and browsers send at once.
const FIRST_BYTE: Duration = Duration::from_secs(2);

/// One address's place among the open connections, given back when dropped.
struct Held {
    by_address: Arc<parking_lot::Mutex<HashMap<IpAddr, usize>>>,
    ip: IpAddr,
}

impl Held {
    fn take(
        by_address: &Arc<parking_lot::Mutex<HashMap<IpAddr, usize>>>,
        ip: IpAddr,
        most: usize,
    ) -> Option<Held> {
        let mut counts = by_address.lock();
        let count = counts.entry(ip).or_insert(0);
        if *count >= most && !ip.is_loopback() {
            return None;
        }
        *count += 1;
        Some(Held {
            by_address: Arc::clone(by_address),
            ip,
        })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut counts = self.by_address.lock();
        if let Some(count) = counts.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: Limits,
    shutdown: Shutdown,
) {
    // A connection that says nothing is closed soon: held open it would keep Telegram or the
    // caseworkers out as long as the head's timer allows.
    if tokio::time::timeout(FIRST_BYTE.min(limits.head), stream.readable())
        .await
        .is_err()
    {
        return;
    }
    let limit = limits.request;
    let router = router
        .layer(axum::middleware::from_fn(move |request, next: Next| {
            within(limit, request, next)
        }))
        .layer(axum::Extension(ConnectInfo(peer)));
    let service = TowerToHyperService::new(router);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.head)
        .max_buf_size(64 * 1024);
    let mut served = pin!(http.serve_connection(TokioIo::new(stream), service));
    tokio::select! {
        _ = served.as_mut() => return,
        _ = shutdown.wait() => {}
        _ = tokio::time::sleep(limits.lifetime) => {}
    }
    served.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(Duration::from_secs(5), served).await;
}

/// A request that takes longer than `limit` (a body trickled in, say) is answered 408.
async fn within(limit: Duration, request: Request, next: Next) -> Response {
    let mut response = match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    };
    // A refused request (no webhook secret, an unknown page, too large) ends its connection:
    // a stranger cannot keep slots open by asking again and again on the same ones while
    // Telegram's deliveries wait for a free one.
    if response.status().is_client_error() {
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    response
}

/// Whether a request's `Host` may be answered: a listener's own public name (`public`), an
/// address typed as digits, `localhost`, or a name without a dot (a container's name, which
/// a proxy in front passes on by default) are this machine's; any other dotted name is
/// someone else's domain pointed at this address ("DNS rebinding"), which would let a page
/// of theirs read what the listener shows as if it were its own.
pub fn host_allowed(host: &str, public: Option<&str>) -> bool {
    let name = |authority: &str| -> String {
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        let name = if let Some(rest) = authority.strip_prefix('[') {
            // An IPv6 address, `[::1]:8090`.
            return rest.split(']').next().unwrap_or(rest).to_ascii_lowercase();
        } else {
            authority.split(':').next().unwrap_or(authority)
        };
        name.trim_end_matches('.').to_ascii_lowercase()
    };
    let asked = name(host);
    let public = public.unwrap_or_default();
    let public = public
        .split_once("://")
        .map_or(public, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    (!public.is_empty() && asked == name(public))
        || asked.parse::<std::net::IpAddr>().is_ok()
        || !asked.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listener_answers_its_own_names_and_this_machines_only() {
        let public = "https://desk.krok.example";
        for ok in [
            "desk.krok.example",
            "DESK.krok.example.",
            "desk.krok.example:443",
            "127.0.0.1:8090",
            "[::1]:8090",
            "localhost:8090",
            "krok:8090",
            "10.0.0.7",
        ] {
            assert!(host_allowed(ok, Some(public)), "{ok}");
        }
        for refused in [
            "evil.example",
            "desk.krok.example.evil.example:8090",
            "127.0.0.1.nip.io:8090",
            "krok.example",
        ] {
            assert!(!host_allowed(refused, Some(public)), "{refused}");
        }
        assert!(host_allowed(
            "127.0.0.1:8090",
            Some("http://127.0.0.1:8090/")
        ));
        assert!(host_allowed("localhost:9464", None));
        assert!(!host_allowed("evil.example:9464", None));
    }

    #[test]
    fn an_address_holds_its_share_and_gets_it_back() {
        let counts = Arc::new(parking_lot::Mutex::new(HashMap::new()));
        let far: IpAddr = "203.0.113.7".parse().unwrap();
        let other: IpAddr = "203.0.113.8".parse().unwrap();
        let held: Vec<Held> = (0..3).map_while(|_| Held::take(&counts, far, 3)).collect();
        assert_eq!(held.len(), 3);
        assert!(Held::take(&counts, far, 3).is_none(), "its share is full");
        assert!(Held::take(&counts, other, 3).is_some(), "another's is not");
        drop(held);
        assert!(Held::take(&counts, far, 3).is_some(), "given back");
        let here: IpAddr = "127.0.0.1".parse().unwrap();
        let local: Vec<Held> = (0..5).map_while(|_| Held::take(&counts, here, 3)).collect();
        assert_eq!(
            local.len(),
            5,
            "a proxy on this machine speaks for everyone"
        );
    }
}

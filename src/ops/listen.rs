//! Every HTTP listener of `krok run` (the Telegram webhook, the desk, `/healthz` and `/metrics`)
//! is served here, with the limits a port open to others needs, which `axum::serve` leaves out:
//! a bounded number of connections (each one costs a file descriptor, and running out of those
//! would stop the store and the platforms too), a request's head read within seconds (a client
//! that trickles bytes holds nothing for long), and a lifetime for every connection.

use std::net::SocketAddr;
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
        head: Duration::from_secs(10),
        request: Duration::from_secs(30),
        lifetime: Duration::from_secs(10 * 60),
    };
    /// A few caseworkers' browsers, usually through one proxy.
    pub const DESK: Limits = Limits {
        connections: 128,
        head: Duration::from_secs(10),
        request: Duration::from_secs(30),
        lifetime: Duration::from_secs(10 * 60),
    };
    /// A probe and a Prometheus scraper.
    pub const OPS: Limits = Limits {
        connections: 32,
        head: Duration::from_secs(5),
        request: Duration::from_secs(10),
        lifetime: Duration::from_secs(60),
    };
}

/// Serves `router` on `listener` until `shutdown`, then lets open requests finish (for up to
/// five seconds). Handlers can read the peer's address with `ConnectInfo<SocketAddr>`.
pub async fn serve(listener: TcpListener, router: Router, limits: Limits, shutdown: Shutdown) {
    let open = Arc::new(Semaphore::new(limits.connections));
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
                let router = router.clone();
                let shutdown = shutdown.clone();
                tokio::spawn(async move {
                    connection(stream, peer, router, limits, shutdown).await;
                    drop(permit);
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

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: Limits,
    shutdown: Shutdown,
) {
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

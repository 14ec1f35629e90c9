//! The operator's HTTP endpoints: `GET /healthz` (200 while every adapter is up, 503 and which
//! is not otherwise) and `GET /metrics` (Prometheus text format), for a request addressed by
//! an IP address or a one-word host name (`listen::host_allowed`).

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{Health, Metrics};
use crate::shutdown::Shutdown;

#[derive(Clone)]
struct Ops {
    health: Arc<Health>,
    metrics: Arc<Metrics>,
}

/// Binds `listen` and serves until `shutdown`; returns once the socket is bound, with the
/// address actually bound (port 0 picks a free one) and the serving task.
pub async fn serve(
    listen: &str,
    health: Arc<Health>,
    metrics: Arc<Metrics>,
    shutdown: Shutdown,
) -> anyhow::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("binding the health and metrics address {listen}"))?;
    let bound = listener.local_addr()?;
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(prometheus_text))
        .layer(axum::middleware::from_fn(known_host))
        .with_state(Ops { health, metrics });
    tracing::info!(address = %bound, "serving /healthz and /metrics");
    let task = tokio::spawn(super::listen::serve(
        listener,
        router,
        super::listen::Limits::OPS,
        shutdown,
    ));
    Ok((bound, task))
}

/// A page of another domain pointed at this address reads no figures or errors.
async fn known_host(request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    match host {
        Some(host) if !super::listen::host_allowed(host, None) => (
            StatusCode::MISDIRECTED_REQUEST,
            "answered only for an IP address or a one-word host name\n",
        )
            .into_response(),
        _ => next.run(request).await,
    }
}

async fn healthz(State(ops): State<Ops>) -> impl IntoResponse {
    let (healthy, body) = ops.health.report();
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
}

async fn prometheus_text(State(ops): State<Ops>) -> impl IntoResponse {
    let body = ops.metrics.render();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
}

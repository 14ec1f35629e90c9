//! What the operator sees: `/healthz` and `/metrics` (served by `http` in `krok run`).

pub mod admin;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod admin_server;
pub mod flood;
mod health;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod http;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod listen;
mod metrics;
pub mod throttled;

pub use health::Health;
pub use metrics::Metrics;

/// `krok health`: asks `/healthz` at `listen` (a wildcard address is asked on loopback).
pub fn probe(listen: &str) -> anyhow::Result<std::process::ExitCode> {
    use std::io::{Read, Write};
    anyhow::ensure!(
        !listen.is_empty(),
        "health_listen is empty: nothing serves /healthz"
    );
    let address = listen
        .replace("0.0.0.0", "127.0.0.1")
        .replace("[::]", "[::1]");
    let timeout = std::time::Duration::from_secs(5);
    let target = address
        .parse()
        .map_err(|_| anyhow::anyhow!("health_listen `{listen}` is not an address"))?;
    let mut stream = std::net::TcpStream::connect_timeout(&target, timeout)
        .map_err(|e| anyhow::anyhow!("nothing answers on {address}: {e}"))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    // A Krok that accepts but never answers is wedged: said so, not as an errno.
    let silent = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => anyhow::anyhow!(
            "{address} took the connection but did not answer /healthz within {} s",
            timeout.as_secs()
        ),
        _ => anyhow::anyhow!("asking {address} for /healthz: {e}"),
    };
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .map_err(silent)?;
    let mut response = String::new();
    stream.read_to_string(&mut response).map_err(silent)?;
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head.lines().next().unwrap_or("").trim();
    if body.trim().is_empty() || !(status.ends_with(" 200 OK") || status.contains(" 503 ")) {
        // Not Krok's answer (another service on the port, the desk's address): say what came.
        eprintln!(
            "krok health: {address} answered `{status}` with no health report: is this Krok's health_listen?"
        );
    }
    print!("{body}");
    Ok(if head.starts_with("HTTP/1.1 200") {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}

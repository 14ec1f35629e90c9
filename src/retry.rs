//! Reaching a platform at start: a transient fault (Telegram or the homeserver unreachable, a
//! proxy's 502) is retried with exponential backoff and jitter while `/healthz` says exactly
//! what is wrong; a fault that retrying cannot mend (a token the platform refuses) stops
//! Krok with a message naming the setting; shutdown interrupts the wait at once.

use std::future::Future;
use std::time::Duration;

use crate::ops::Health;
use crate::shutdown::Shutdown;

/// Why an attempt failed.
pub enum Fault {
    /// Worth trying again later (the network, the platform's server).
    Transient(anyhow::Error),
    /// Worth trying again, but the server was reached and answered what the platform never
    /// does (a proxy's error page, a URL setting that names another service): said as such,
    /// not as "cannot reach".
    Answered(anyhow::Error),
    /// Will not mend by itself: stop and say why.
    Fatal(anyhow::Error),
}

impl Fault {
    /// The error, whether retrying could mend it or not.
    pub fn into_error(self) -> anyhow::Error {
        match self {
            Fault::Transient(e) | Fault::Fatal(e) | Fault::Answered(e) => e,
        }
    }
}

/// The delay before attempt `n + 1`: 1 s doubling to 60 s, each drawn from its 75–125 % so
/// that many bots restarted together do not knock in step, and never over the minute the
/// README and `/healthz` promise.
pub fn backoff(n: u32) -> Duration {
    let base = Duration::from_secs(1 << n.min(6)).min(Duration::from_secs(60));
    let mut byte = [0u8; 1];
    let spread = match getrandom::getrandom(&mut byte) {
        Ok(()) => 0.75 + f64::from(byte[0]) / 510.0,
        Err(_) => 1.0,
    };
    base.mul_f64(spread).min(Duration::from_secs(60))
}

/// Runs `attempt` until it succeeds (`Some(Ok)`), fails for good (`Some(Err)`), or shutdown
/// comes (`None`). While it fails, the adapter `name` is down in `/healthz` with the cause.
pub async fn until_reached<T, F, Fut>(
    name: &str,
    health: &Health,
    shutdown: &Shutdown,
    mut attempt: F,
) -> Option<anyhow::Result<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Fault>>,
{
    let mut failures = 0;
    loop {
        let result = tokio::select! {
            r = attempt() => r,
            _ = shutdown.clone().wait() => return None,
        };
        let (error, what) = match result {
            Ok(value) => return Some(Ok(value)),
            Err(Fault::Fatal(error)) => return Some(Err(error)),
            Err(Fault::Transient(error)) => (error, "cannot reach the server: "),
            Err(Fault::Answered(error)) => (error, ""),
        };
        let wait = backoff(failures);
        failures += 1;
        // Whole seconds, rounded up: a first wait of 0.8 s said "retrying in 0s".
        let secs = wait.as_millis().div_ceil(1000);
        let why = format!("{what}{error:#}; retrying in {secs}s");
        tracing::warn!(adapter = name, error = %format!("{error:#}"), retry_in_secs = secs, "the server is not answering as it should; retrying");
        health.down(name, why);
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = shutdown.clone().wait() => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_a_minute_with_a_quarter_of_jitter() {
        for n in 0..10 {
            let base = (1u64 << n.min(6)).min(60) as f64;
            let d = backoff(n).as_secs_f64();
            assert!(d >= base * 0.75 && d <= (base * 1.25).min(60.0), "{n}: {d}");
        }
    }
}

//! Whether Telegram can deliver to the webhook. A webhook only hears from Telegram when it is
//! called, so a listener that Telegram cannot reach (a proxy down, a certificate it refuses,
//! another instance that took the webhook over) looks healthy from inside while people wait.
//! Telegram says what it sees in `getWebhookInfo`: the updates waiting, the last delivery
//! error and the address it posts to. Asked every `webhook_check`, and told in `/healthz`
//! as `telegram delivery`.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use teloxide_core::prelude::*;
use teloxide_core::types::WebhookInfo;

use crate::ops::Health;
use crate::ops::throttled::Throttled;
use crate::shutdown::Shutdown;

/// This check's name in `/healthz`.
pub const HEALTH: &str = "telegram delivery";

/// When the webhook last took an update from Telegram, in Unix seconds.
#[derive(Default)]
pub struct Heard(AtomicI64);

impl Heard {
    pub fn now(&self) {
        self.0.store(Utc::now().timestamp(), Ordering::Relaxed);
    }

    fn at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.0.load(Ordering::Relaxed), 0).unwrap_or_default()
    }
}

/// Failed questions are logged at most once a minute.
static UNASKED: Throttled = Throttled::new(Duration::from_secs(60));

/// Asks Telegram about the webhook at `ours` every `every` until `shutdown`.
pub async fn watch(
    bot: Bot,
    ours: url::Url,
    heard: Arc<Heard>,
    health: Arc<Health>,
    every: Duration,
    shutdown: Shutdown,
) {
    heard.now();
    health.expect(HEALTH, None);
    health.up(HEALTH);
    // Checks in a row that found Telegram not delivering: the recovery is logged as the
    // trouble was, or the operator sees warnings stop and cannot tell why.
    let mut failing = 0u32;
    loop {
        tokio::select! {
            () = shutdown.clone().wait() => return,
            () = tokio::time::sleep(every) => {}
        }
        match bot.get_webhook_info().await {
            Ok(info) => match verdict(&info, &ours, heard.at()) {
                Ok(()) => {
                    if failing > 0 {
                        tracing::info!(checks = failing, "Telegram delivers to the webhook again");
                    }
                    failing = 0;
                    health.up(HEALTH);
                }
                Err(why) => {
                    tracing::warn!(problem = %why, "Telegram cannot deliver to the webhook");
                    failing += 1;
                    health.down(HEALTH, why);
                }
            },
            // Telegram out of reach shows in `telegram sends`; this check waits for an answer.
            Err(error) if unanswered(&error) => {
                if let Some(count) = UNASKED.hit(std::time::Instant::now()) {
                    tracing::warn!(%error, count, "could not ask Telegram about the webhook");
                }
            }
            // An answer that cannot be read (a proxy's error page, a changed API) or a refusal
            // (a revoked token) tells nothing good about delivery: not left green.
            Err(error) => {
                let why = unusable(&error);
                tracing::warn!(problem = %why, "Telegram's answer about the webhook");
                failing += 1;
                health.down(HEALTH, why);
            }
        }
    }
}

/// No answer came (the network, a wait Telegram asked for): asked again at the next check.
fn unanswered(error: &teloxide_core::RequestError) -> bool {
    use teloxide_core::RequestError;
    matches!(
        error,
        RequestError::Network(_) | RequestError::Io(_) | RequestError::RetryAfter(_)
    )
}

/// Why an answer tells nothing about delivery, without the answer's text (an error page can
/// be long, and `/healthz` is read by monitors).
fn unusable(error: &teloxide_core::RequestError) -> String {
    use teloxide_core::RequestError;
    match error {
        RequestError::Api(api) => format!("Telegram refused to say how the webhook fares: {api}"),
        _ => "Telegram's answer about the webhook could not be read (not the Bot API's JSON: \
              a proxy in between, or a changed API)"
            .to_owned(),
    }
}

/// What Telegram's view of the webhook says: fine, or why people's messages do not arrive.
/// A delivery error counts while updates wait and nothing was taken since it happened (Telegram
/// tells the second, so one in the same second as the last update taken counts).
fn verdict(info: &WebhookInfo, ours: &url::Url, heard: DateTime<Utc>) -> Result<(), String> {
    match &info.url {
        None => {
            return Err(
                "Telegram has no webhook for this bot: a deleteWebhook, or another \
                 instance polling with the same token"
                    .to_owned(),
            );
        }
        Some(url) if url != ours => {
            return Err(
                "Telegram posts this bot's updates to another address: another \
                 instance with the same token registered its own webhook"
                    .to_owned(),
            );
        }
        Some(_) => {}
    }
    let waiting = info.pending_update_count;
    match (&info.last_error_date, &info.last_error_message) {
        (Some(when), message) if waiting > 0 && *when >= heard => Err(format!(
            "Telegram cannot deliver updates to the webhook: {} ({waiting} waiting)",
            message.as_deref().unwrap_or("no reason given")
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(url: Option<&str>, waiting: u32, error: Option<(i64, &str)>) -> WebhookInfo {
        WebhookInfo {
            url: url.map(|u| u.parse().unwrap()),
            has_custom_certificate: false,
            pending_update_count: waiting,
            ip_address: None,
            last_error_date: error.map(|(at, _)| DateTime::from_timestamp(at, 0).unwrap()),
            last_error_message: error.map(|(_, m)| m.to_owned()),
            last_synchronization_error_date: None,
            max_connections: None,
            allowed_updates: None,
        }
    }

    #[test]
    fn a_delivery_error_counts_while_updates_wait_and_none_arrived_since() {
        let ours: url::Url = "https://bot.example.org/tg".parse().unwrap();
        let heard = DateTime::from_timestamp(1000, 0).unwrap();
        let url = Some("https://bot.example.org/tg");
        assert_eq!(verdict(&info(url, 0, None), &ours, heard), Ok(()));
        let refused = info(url, 3, Some((1010, "Connection refused")));
        let why = verdict(&refused, &ours, heard).unwrap_err();
        assert!(why.contains("Connection refused (3 waiting)"), "{why}");
        // An old error, or one after which nothing waits, is over.
        let old = info(url, 3, Some((990, "Connection refused")));
        assert_eq!(verdict(&old, &ours, heard), Ok(()));
        let drained = info(url, 0, Some((1010, "Connection refused")));
        assert_eq!(verdict(&drained, &ours, heard), Ok(()));
        let gone = verdict(&info(None, 0, None), &ours, heard).unwrap_err();
        assert!(gone.contains("no webhook"), "{gone}");
        let other = info(Some("https://other.example.org/tg"), 0, None);
        let taken = verdict(&other, &ours, heard).unwrap_err();
        assert!(taken.contains("another address"), "{taken}");
        assert!(!taken.contains("other.example.org"), "{taken}");
    }
}

//! The bot's sync loop. matrix-sdk's own loop (`sync_with_callback`) sleeps a whole second after
//! any sync that came back within a second of the one before, as a guard against servers that
//! ignore the long-poll timeout. A bot's reply comes back to it at once as its own echo, so with
//! that loop the bot's next sync started a second after each reply (seen in its debug log), and
//! a message arriving meanwhile waited. Here only a sync that came back early *and empty*, which
//! is what a server ignoring the timeout looks like, is followed by a pause.

use std::sync::Arc;
use std::time::{Duration, Instant};

use matrix_sdk::Client;
use matrix_sdk::config::SyncSettings;

use crate::ops::Health;

/// How long the homeserver may hold a sync open when nothing happens.
pub(super) const LONG_POLL: Duration = Duration::from_secs(10);
const PAUSE: Duration = Duration::from_secs(1);

/// Syncs from `token` until the future is dropped, telling `health` how each sync went.
pub(super) async fn run(client: Client, mut token: String, health: Arc<Health>, name: &str) {
    loop {
        let settings = SyncSettings::default()
            .token(token.clone())
            .timeout(LONG_POLL);
        let started = Instant::now();
        match client.sync_once(settings).await {
            Ok(response) => {
                health.up(name);
                let empty = response.rooms.is_empty() && response.to_device.is_empty();
                token = response.next_batch;
                if empty && started.elapsed() < LONG_POLL / 2 {
                    tokio::time::sleep(PAUSE).await;
                }
            }
            Err(error) => {
                health.down(name, format!("sync failed: {error}"));
                tracing::warn!(%error, "sync failed; retrying");
                tokio::time::sleep(PAUSE * 2).await;
            }
        }
    }
}

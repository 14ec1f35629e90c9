//! A shutdown signal every loop can wait on: Ctrl-C, SIGTERM, or a test saying stop.

use tokio::sync::watch;

#[derive(Clone)]
pub struct Shutdown(watch::Receiver<bool>);

pub struct Trigger(watch::Sender<bool>);

impl Shutdown {
    pub fn new() -> (Trigger, Shutdown) {
        let (tx, rx) = watch::channel(false);
        (Trigger(tx), Shutdown(rx))
    }

    /// Resolves once shutdown is triggered (or the trigger is dropped).
    pub async fn wait(mut self) {
        let _ = self.0.wait_for(|stop| *stop).await;
    }

    /// Triggered on Ctrl-C or SIGTERM.
    pub fn on_signals() -> Shutdown {
        let (trigger, shutdown) = Shutdown::new();
        tokio::spawn(async move {
            let ctrl_c = tokio::signal::ctrl_c();
            #[cfg(unix)]
            {
                let mut term =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                        .expect("SIGTERM handler");
                tokio::select! {
                    _ = ctrl_c => {}
                    _ = term.recv() => {}
                }
            }
            #[cfg(not(unix))]
            let _ = ctrl_c.await;
            tracing::info!("shutting down");
            trigger.fire();
        });
        shutdown
    }
}

impl Trigger {
    pub fn fire(&self) {
        let _ = self.0.send(true);
    }
}

/// Runs `task` every `period` (the first time at once) until shutdown; a failure is logged and
/// the next tick tries again.
pub fn every<E: std::fmt::Display>(
    period: std::time::Duration,
    shutdown: Shutdown,
    what: &'static str,
    task: impl Fn() -> Result<(), E> + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(period);
        loop {
            tokio::select! {
                _ = ticks.tick() => {
                    if let Err(error) = task() {
                        tracing::error!(%error, task = what, "periodic task failed");
                    }
                }
                _ = shutdown.clone().wait() => return,
            }
        }
    })
}

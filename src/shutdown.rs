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

    /// Whether shutdown was triggered already.
    pub fn fired(&self) -> bool {
        *self.0.borrow()
    }

    /// Triggered on Ctrl-C or SIGTERM. The handlers are in place when this returns (it must be
    /// called within a runtime), so a signal that comes at once is not the default action.
    pub fn on_signals() -> Shutdown {
        let (trigger, shutdown) = Shutdown::new();
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
            let mut interrupt = signal(SignalKind::interrupt()).expect("SIGINT handler");
            tokio::spawn(async move {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = term.recv() => {}
                }
                tracing::info!("shutting down");
                trigger.fire();
            });
        }
        #[cfg(not(unix))]
        tokio::spawn(async move {
            let _ = tokio::signal::ctrl_c().await;
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

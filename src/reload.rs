//! Live content reload: on SIGHUP, or when a file under the dialogs or locales folder changes,
//! load and validate everything again. Valid content replaces the old for the next message;
//! broken content is refused, the old stays, and every problem is logged with file and line.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::app::App;
use crate::core::problem::Problems;
use crate::files::load_content;

/// Editors save in several steps (write, rename, chmod): wait for quiet before loading.
const SETTLE: Duration = Duration::from_millis(300);

#[derive(Clone)]
pub struct Reloader {
    app: Arc<App>,
    dialogs: PathBuf,
    locales: PathBuf,
}

impl Reloader {
    pub fn new(app: Arc<App>, dialogs: &Path, locales: &Path) -> Reloader {
        Reloader {
            app,
            dialogs: dialogs.to_owned(),
            locales: locales.to_owned(),
        }
    }

    /// Loads the content again; on success it is in use when this returns.
    pub fn reload(&self) -> Result<(), Problems> {
        match load_content(&self.dialogs, &self.locales) {
            Ok(content) => {
                let (nodes, services) = (
                    content.dialog.nodes().count(),
                    content.services.iter().count(),
                );
                self.app.set_content(Arc::new(content));
                self.app.metrics().reloads.with_label_values(&["ok"]).inc();
                tracing::info!(nodes, services, "content reloaded");
                Ok(())
            }
            Err(problems) => {
                self.app
                    .metrics()
                    .reloads
                    .with_label_values(&["error"])
                    .inc();
                for problem in &problems.0 {
                    tracing::error!(problem = %problem, "content reload refused");
                }
                self.app
                    .note_refused_reload(problems.0.iter().map(ToString::to_string).collect());
                tracing::error!(
                    errors = problems.error_count(),
                    "the changed content has errors; still using the previous content"
                );
                Err(problems)
            }
        }
    }

    /// Reloads whenever a file in the content folders changes, until the returned watcher is
    /// dropped.
    pub fn watch(&self) -> notify::Result<RecommendedWatcher> {
        let (tx, rx) = channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if event.is_ok_and(|e| !e.kind.is_access()) {
                    let _ = tx.send(());
                }
            })?;
        watcher.watch(&self.dialogs, RecursiveMode::Recursive)?;
        watcher.watch(&self.locales, RecursiveMode::Recursive)?;
        let reloader = self.clone();
        std::thread::Builder::new()
            .name("content-watch".into())
            .spawn(move || {
                while rx.recv().is_ok() {
                    loop {
                        match rx.recv_timeout(SETTLE) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    let _ = reloader.reload();
                }
            })
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(watcher)
    }
}

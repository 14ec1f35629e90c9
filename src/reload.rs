//! Live content reload: on SIGHUP, or when a file under the dialogs or locales folder changes,
//! load and validate everything again. Valid content replaces the old for the next message;
//! broken content is refused, the old stays, and every problem is logged with file and line.
//! SIGHUP also reads the settings' `caseworkers` again (`Settings`).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::app::App;
use crate::config::{Config, changed};
use crate::core::problem::Problems;
use crate::files::{load_and_keep, load_content};
use crate::staff::Staff;

/// Editors save in several steps (write, rename, chmod): wait for quiet before loading.
const SETTLE: Duration = Duration::from_millis(300);

/// How long a change that does not load is given to finish before it is reported.
const SECOND_LOOK: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct Reloader {
    app: Arc<App>,
    dialogs: PathBuf,
    locales: PathBuf,
    /// The data folder the content that loads is kept in, as the last good content.
    keep: Option<PathBuf>,
}

impl Reloader {
    pub fn new(app: Arc<App>, dialogs: &Path, locales: &Path) -> Reloader {
        Reloader {
            app,
            dialogs: dialogs.to_owned(),
            locales: locales.to_owned(),
            keep: None,
        }
    }

    /// Keeps each content that loads in `data_dir`, for a start whose folders have errors.
    pub fn keeping(mut self, data_dir: &Path) -> Reloader {
        self.keep = Some(data_dir.to_owned());
        self
    }

    /// Loads the content again; on success it is in use when this returns.
    pub fn reload(&self) -> Result<(), Problems> {
        self.apply(self.load())
    }

    /// Reads and checks the folders, changing nothing in use.
    fn load(&self) -> Result<crate::core::content::Content, Problems> {
        match &self.keep {
            Some(data_dir) => load_and_keep(&self.dialogs, &self.locales, data_dir),
            None => load_content(&self.dialogs, &self.locales),
        }
    }

    /// Uses content that loaded, or reports why it did not (logs, metrics, `/healthz`).
    fn apply(
        &self,
        loaded: Result<crate::core::content::Content, Problems>,
    ) -> Result<(), Problems> {
        match loaded {
            Ok(mut content) => {
                let (nodes, services) = (
                    content.dialog.nodes().count(),
                    content.services.iter().count(),
                );
                // A step gone takes the printed cards and QR codes that open it: said on the
                // desk's content page too (with the content's other warnings), where the team
                // that printed them looks, not only in the log.
                let before = self.app.content();
                for gone in before
                    .dialog
                    .nodes()
                    .filter(|n| !content.dialog.knows(&n.id))
                {
                    content.warnings.push(crate::core::problem::Problem::warning(
                        &gone.file,
                        gone.line,
                        format!(
                            "the step `{id}` is gone: printed links and QR codes that open it now show the main menu; if it was renamed, add aliases = [\"{id}\"] to the step it became",
                            id = gone.id
                        ),
                    ));
                }
                // Taken, but worth a look (a file that is not read, a date still to come):
                // said where the editor's change is followed, not only by `krok check`.
                for warning in &content.warnings.0 {
                    tracing::warn!(problem = %warning, "content reloaded with a warning");
                }
                self.app.set_content(Arc::new(content));
                self.app.health().clear_warning("content");
                self.app.check_booked_times(chrono::Utc::now());
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
                let loaded = self.app.content_state().loaded_at;
                let warning = format!(
                    "the last change was refused (errors: {}; `krok check` lists them); the content loaded at {} is served, after a restart too, until the change is fixed",
                    problems.error_count(),
                    loaded.format("%Y-%m-%d %H:%M:%S UTC")
                );
                self.app.health().warn("content", warning);
                tracing::error!(
                    errors = problems.error_count(),
                    "the changed content has errors; still using the previous content"
                );
                Err(problems)
            }
        }
    }

    /// Reloads whenever a file in the content folders changes, until the returned watch is
    /// dropped. A folder replaced whole (a deploy's `mv`, a checkout, a Kubernetes ConfigMap)
    /// is watched again after each change: a watch follows the folder it was set on, so the
    /// new one would otherwise go unwatched, silently.
    pub fn watch(&self) -> notify::Result<Watch> {
        let folders = [
            std::path::absolute(&self.dialogs)?,
            std::path::absolute(&self.locales)?,
        ];
        let (tx, rx) = channel();
        let watched = folders.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // The parents are watched for the folders themselves, not for what else they hold;
            // a symbolic link on the way to them (`current` switched to a new release) counts.
            let ours = |e: &notify::Event| {
                e.paths.iter().any(|p| {
                    watched
                        .iter()
                        .any(|w| p.starts_with(w) || (w.starts_with(p) && is_link(p)))
                })
            };
            if event.is_ok_and(|e| !e.kind.is_access() && ours(&e)) {
                let _ = tx.send(());
            }
        })?;
        let watcher = Arc::new(Mutex::new(watcher));
        arm(
            &mut watcher.lock().unwrap_or_else(|p| p.into_inner()),
            &folders,
            true,
        )?;
        let rearm = Arc::downgrade(&watcher);
        let reloader = self.clone();
        std::thread::Builder::new()
            .name("content-watch".into())
            .spawn(move || {
                let mut changed = rx.recv().is_ok();
                while changed {
                    loop {
                        match rx.recv_timeout(SETTLE) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    let Some(watcher) = rearm.upgrade() else {
                        return;
                    };
                    let mut watcher = watcher.lock().unwrap_or_else(|p| p.into_inner());
                    if let Err(error) = arm(&mut watcher, &folders, false) {
                        tracing::warn!(%error, "cannot watch the content folders again; send SIGHUP to reload");
                    }
                    drop(watcher);
                    let mut loaded = reloader.load();
                    if loaded.is_err() {
                        // A save written in place in two parts looks broken between them: a
                        // second look before an error is logged and counted (an alert on the
                        // counter must not page anyone for a slow save), unless more changes
                        // came meanwhile, which settle first.
                        match rx.recv_timeout(SECOND_LOOK) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => loaded = reloader.load(),
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    let _ = reloader.apply(loaded);
                    changed = rx.recv().is_ok();
                }
            })
            .map_err(|e| notify::Error::generic(&e.to_string()))?;
        Ok(Watch { _watcher: watcher })
    }
}

/// The settings read again at SIGHUP: the caseworkers' list is taken at once (in the chat and
/// the desk); any other changed setting is named, since it takes effect at a restart.
#[derive(Clone)]
pub struct Settings {
    file: Option<PathBuf>,
    started: Arc<Config>,
    staff: Staff,
    /// The desk, whose sessions and unused links of someone taken off the list are ended.
    desk: Option<Arc<crate::desk::Access>>,
    /// Where a settings file refused at SIGHUP is said: it would stop the next start.
    health: Arc<crate::ops::Health>,
}

impl Settings {
    /// `file` as given on the command line (`None`: `krok.toml` when present).
    pub fn new(
        file: Option<&Path>,
        started: &Config,
        staff: Staff,
        desk: Option<Arc<crate::desk::Access>>,
        health: Arc<crate::ops::Health>,
    ) -> Settings {
        Settings {
            file: file.map(Path::to_owned),
            started: Arc::new(started.clone()),
            staff,
            desk,
            health,
        }
    }

    /// Reads the settings file and the environment again; settings with problems change
    /// nothing and are logged, all of them.
    pub fn reread(&self) {
        let config = match Config::load(self.file.as_deref()) {
            Ok(config) => config,
            Err(error) => {
                tracing::error!(%error, "SIGHUP: the settings have problems; the caseworkers stay as they were");
                let problems = error.to_string().lines().count().max(1);
                self.health.warn(
                    "settings",
                    format!(
                        "the settings read at SIGHUP have problems ({problems} line(s) in the log): nothing changed, and Krok would not start with them; fix them and send SIGHUP again"
                    ),
                );
                return;
            }
        };
        self.health.clear_warning("settings");
        let change = self.staff.replace(config.caseworkers.clone());
        tracing::info!(
            caseworkers = self.staff.len(),
            added = change.added,
            removed = change.removed.len(),
            "SIGHUP: the caseworkers were read again from the settings"
        );
        if std::env::var_os("KROK_CASEWORKERS").is_some() {
            tracing::warn!(
                "SIGHUP: KROK_CASEWORKERS is set in the environment and wins over the settings file: its list, as the process started with it, is the one in use"
            );
        }
        // Ended now, not at their next request: put back on the list before using it, a
        // session or a link from before would otherwise open the desk again.
        for who in &change.removed {
            tracing::info!(target: "krok::audit", action = "caseworker-removed", caseworker = who.as_str());
            if let Some(desk) = &self.desk
                && let Err(error) = desk.sign_out_everywhere(who)
            {
                tracing::error!(%error, "SIGHUP: cannot end the desk sessions of someone taken off the list; they end at their next request");
            }
        }
        let waiting: Vec<_> = changed(&self.started, &config)
            .into_iter()
            .filter(|name| *name != "caseworkers")
            .collect();
        if !waiting.is_empty() {
            tracing::warn!(
                settings = waiting.join(", "),
                "SIGHUP: these changed settings take effect at the next restart"
            );
        }
    }
}

/// Keeps the content folders watched while it lives.
pub struct Watch {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

/// Watches each folder and what is in it, its parent for the folder being replaced, and the
/// folder holding each symbolic link on the way to it (a deploy switching `current` to a new
/// release: a watch follows where a link pointed when it was set); at `first`, a folder that
/// cannot be watched is an error, later it is tried again next time.
fn arm(watcher: &mut RecommendedWatcher, folders: &[PathBuf], first: bool) -> notify::Result<()> {
    for folder in folders {
        let parent = folder.parent();
        if !first {
            // Set again, on where the folder (and its parent, through a switched link) is now.
            let _ = watcher.unwatch(folder);
            let _ = parent.map(|p| watcher.unwatch(p));
        }
        let links = folder.ancestors().skip(1).filter(|a| first && is_link(a));
        for holder in parent.into_iter().chain(links.filter_map(Path::parent)) {
            let _ = watcher.watch(holder, RecursiveMode::NonRecursive);
        }
        watcher.watch(folder, RecursiveMode::Recursive)?;
    }
    Ok(())
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

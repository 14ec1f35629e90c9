//! Whether every configured adapter is connected and its loop alive, for `/healthz`. An adapter
//! says `up` whenever its loop hears from the platform and `down` with a reason when it fails or
//! stops; one that stays quiet for longer than its own limit counts as stuck.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
enum State {
    Starting,
    Up,
    Down(String),
}

#[derive(Clone, Debug)]
struct Part {
    state: State,
    beat: Instant,
    /// Longest silence of a live loop; `None` for loops that only wait for requests.
    quiet: Option<Duration>,
}

#[derive(Default)]
pub struct Health {
    parts: Mutex<BTreeMap<String, Part>>,
    /// Faults that do not stop the bot now but need the operator (content refused, the last
    /// good content served instead): listed in `/healthz`, the status stays.
    warnings: Mutex<BTreeMap<String, String>>,
}

impl Health {
    pub fn new() -> Health {
        Health::default()
    }

    /// Registers an adapter that must be up for the whole to be healthy.
    pub fn expect(&self, name: &str, quiet: Option<Duration>) {
        let part = Part {
            state: State::Starting,
            beat: Instant::now(),
            quiet,
        };
        self.lock().insert(name.to_owned(), part);
    }

    /// The adapter's loop just heard from its platform.
    pub fn up(&self, name: &str) {
        self.set(name, State::Up);
    }

    pub fn down(&self, name: &str, why: impl std::fmt::Display) {
        self.set(name, State::Down(why.to_string()));
    }

    fn set(&self, name: &str, state: State) {
        let mut parts = self.lock();
        let part = parts.entry(name.to_owned()).or_insert(Part {
            state: State::Starting,
            beat: Instant::now(),
            quiet: None,
        });
        part.state = state;
        part.beat = Instant::now();
    }

    /// Something the operator must see that does not stop the bot yet.
    pub fn warn(&self, name: &str, why: impl std::fmt::Display) {
        self.warnings().insert(name.to_owned(), why.to_string());
    }

    /// The warning given under `name`, while it is.
    pub fn warning(&self, name: &str) -> Option<String> {
        self.warnings().get(name).cloned()
    }

    pub fn clear_warning(&self, name: &str) {
        self.warnings().remove(name);
    }

    fn warnings(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.warnings.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Part>> {
        self.parts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The parts that are not ok now (down, not connected yet, or silent too long).
    pub fn failing(&self) -> Vec<String> {
        self.lock()
            .iter()
            .filter(|(_, part)| match &part.state {
                State::Up => part.quiet.is_some_and(|limit| part.beat.elapsed() > limit),
                State::Starting | State::Down(_) => true,
            })
            .map(|(name, _)| name.clone())
            .collect()
    }

    /// Every part, and whether it is ok now (as `/healthz` says it), for `/metrics`.
    pub fn parts(&self) -> Vec<(String, bool)> {
        let failing = self.failing();
        let parts = self.lock();
        parts
            .keys()
            .map(|name| (name.clone(), !failing.contains(name)))
            .collect()
    }

    /// The names under which a warning is given now.
    pub fn warned(&self) -> Vec<String> {
        self.warnings().keys().cloned().collect()
    }

    /// Healthy or not, and one line per adapter saying how it is.
    pub fn report(&self) -> (bool, String) {
        let parts = self.lock();
        let mut healthy = !parts.is_empty();
        let mut body = String::new();
        for (name, part) in parts.iter() {
            let line = match &part.state {
                State::Up => match part.quiet {
                    Some(limit) if part.beat.elapsed() > limit => Err(format!(
                        "no sign of life for {} s",
                        part.beat.elapsed().as_secs()
                    )),
                    _ => Ok("ok".to_owned()),
                },
                State::Starting => Err("starting, not connected yet".to_owned()),
                State::Down(why) => Err(why.clone()),
            };
            healthy &= line.is_ok();
            let text = line.unwrap_or_else(|e| format!("not ok: {e}"));
            body.push_str(&format!("{name}: {text}\n"));
        }
        if parts.is_empty() {
            body.push_str("no adapter is configured\n");
        }
        for (name, why) in self.warnings().iter() {
            body.push_str(&format!("{name}: warning: {why}\n"));
        }
        (healthy, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_must_be_up_and_alive() {
        let health = Health::new();
        assert!(!health.report().0);
        health.expect("telegram", Some(Duration::from_secs(60)));
        health.expect("matrix", Some(Duration::ZERO));
        assert!(!health.report().0);
        health.up("telegram");
        health.up("matrix");
        std::thread::sleep(Duration::from_millis(5));
        let (ok, body) = health.report();
        assert!(!ok);
        assert!(body.contains("telegram: ok"), "{body}");
        assert!(body.contains("matrix: not ok: no sign of life"), "{body}");
        health.expect("matrix", None);
        health.up("matrix");
        assert!(health.report().0);
        health.down("telegram", "stopped");
        assert_eq!(
            health.report(),
            (false, "matrix: ok\ntelegram: not ok: stopped\n".into())
        );
        health.up("telegram");
        health.warn("content", "refused");
        assert_eq!(
            health.report(),
            (
                true,
                "matrix: ok\ntelegram: ok\ncontent: warning: refused\n".into()
            )
        );
        health.clear_warning("content");
        assert!(!health.report().1.contains("content"));
    }
}

//! The one Config: defaults, then `krok.toml` (or `--config FILE`), then `KROK_*` environment
//! variables, then validated (`validate`): every problem is reported at once, each naming its
//! setting, before anything starts. Secrets are `SecretString`s so they never reach a log.

mod changed;
mod read;
mod validate;

pub use changed::changed;

use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The cause is in the message, not a `source` too: shown as a chain it said the OS
    /// error twice.
    #[error("cannot read config file {path}: {cause}")]
    Read { path: String, cause: std::io::Error },
    #[error("config file {path}: {message}")]
    Parse { path: String, message: String },
    #[error("{name}: {message}")]
    Env { name: String, message: String },
    /// Settings that can be read but are wrong; `read` is what they gave, so that what does
    /// not depend on the wrong ones (the content folders, say) can still be checked.
    #[error("{}", show(problems))]
    Invalid {
        problems: Vec<String>,
        read: Box<Config>,
    },
}

/// One problem as it is; several as a list, so an operator fixes them all in one go.
fn show(problems: &[String]) -> String {
    match problems {
        [one] => one.clone(),
        all => {
            // In the order of the file's lines (`file:12: …`), as an editor goes through them;
            // problems of the environment, with no line, first, as found.
            let mut all: Vec<&String> = all.iter().collect();
            all.sort_by_key(|p| at_line(p));
            let lines: Vec<&str> = all.iter().map(|p| p.as_str()).collect();
            format!(
                "the settings have {} problem(s):\n  {}",
                lines.len(),
                lines.join("\n  ")
            )
        }
    }
}

/// `("krok.toml", 12)` for a problem written `krok.toml:12: …`.
fn at_line(problem: &str) -> Option<(&str, u32)> {
    let mut parts = problem.splitn(3, ':');
    let (file, line, _) = (parts.next()?, parts.next()?, parts.next()?);
    Some((file, line.parse().ok()?))
}

#[derive(Clone, Debug)]
pub struct Config {
    /// Sessions and other state; created 0700.
    pub data_dir: PathBuf,
    pub dialogs_dir: PathBuf,
    pub locales_dir: PathBuf,
    /// Sessions unused for longer are deleted.
    pub session_ttl_days: u32,
    /// `krok check` warns about services verified longer ago.
    pub verified_max_age_days: u32,
    pub telegram_token: Option<SecretString>,
    pub telegram_api_url: Option<String>,
    /// The bot's @username for `krok link`; without it, asked from Telegram once and cached.
    pub telegram_bot_username: Option<String>,
    /// Public HTTPS address for webhook mode; without it, long polling.
    pub telegram_webhook_url: Option<String>,
    pub telegram_webhook_listen: String,
    pub telegram_webhook_secret: Option<SecretString>,
    /// Outbox limits: messages per second overall, and milliseconds between two to one chat.
    pub telegram_per_second: u32,
    pub telegram_per_chat_ms: u32,
    pub telegram_poll_timeout_secs: u32,
    /// How often a webhook's delivery is asked after (getWebhookInfo).
    pub telegram_webhook_check_secs: u32,
    pub matrix_homeserver: Option<String>,
    pub matrix_user: Option<String>,
    pub matrix_password: Option<SecretString>,
    pub matrix_access_token: Option<SecretString>,
    /// Encrypts the Matrix SQLite stores; required with Matrix.
    pub matrix_store_passphrase: Option<SecretString>,
    /// Stay in Matrix rooms that are not direct chats.
    pub matrix_accept_rooms: bool,
    /// Caseworkers' user keys: `tg:<Telegram user id>`, `mx:<Matrix user id>`.
    pub caseworkers: Vec<String>,
    /// Where `krok run` serves `/healthz` and `/metrics`; empty: not served.
    pub health_listen: String,
    /// Days of daily demand figures kept.
    pub stats_keep_days: u32,
    /// Figures below this are shown as `<N` by `krok stats`.
    pub stats_min_count: u32,
    /// Reload the content when a file under the dialogs or locales folder changes.
    pub reload_on_change: bool,
    /// Where `krok run` serves the caseworkers' desk; empty: not served.
    pub desk_listen: String,
    /// The address people open for the desk (an HTTPS proxy in front of `desk_listen`).
    pub desk_public_url: Option<String>,
    /// A desk session unused for longer ends.
    pub desk_idle_minutes: u32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            data_dir: PathBuf::from("data"),
            dialogs_dir: PathBuf::from("dialogs"),
            locales_dir: PathBuf::from("locales"),
            session_ttl_days: 30,
            verified_max_age_days: 365,
            telegram_token: None,
            telegram_api_url: None,
            telegram_bot_username: None,
            telegram_webhook_url: None,
            telegram_webhook_listen: "127.0.0.1:8443".into(),
            telegram_webhook_secret: None,
            telegram_per_second: 29,
            telegram_per_chat_ms: 1050,
            telegram_poll_timeout_secs: 25,
            telegram_webhook_check_secs: 60,
            matrix_homeserver: None,
            matrix_user: None,
            matrix_password: None,
            matrix_access_token: None,
            matrix_store_passphrase: None,
            matrix_accept_rooms: false,
            caseworkers: Vec::new(),
            health_listen: "127.0.0.1:9464".into(),
            stats_keep_days: 400,
            stats_min_count: 5,
            reload_on_change: true,
            desk_listen: String::new(),
            desk_public_url: None,
            desk_idle_minutes: 8 * 60,
        }
    }
}

/// `krok.toml`: every key optional, unknown keys rejected so a typo is noticed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    dialogs_dir: Option<PathBuf>,
    locales_dir: Option<PathBuf>,
    session_ttl_days: Option<u32>,
    verified_max_age_days: Option<u32>,
    telegram_token: Option<String>,
    telegram_api_url: Option<String>,
    telegram_bot_username: Option<String>,
    telegram_webhook_url: Option<String>,
    telegram_webhook_listen: Option<String>,
    telegram_webhook_secret: Option<String>,
    telegram_per_second: Option<u32>,
    telegram_per_chat_ms: Option<u32>,
    telegram_poll_timeout_secs: Option<u32>,
    telegram_webhook_check_secs: Option<u32>,
    matrix_homeserver: Option<String>,
    matrix_user: Option<String>,
    matrix_password: Option<String>,
    matrix_access_token: Option<String>,
    matrix_store_passphrase: Option<String>,
    matrix_accept_rooms: Option<bool>,
    caseworkers: Option<Vec<String>>,
    health_listen: Option<String>,
    stats_keep_days: Option<u32>,
    stats_min_count: Option<u32>,
    desk_listen: Option<String>,
    desk_public_url: Option<String>,
    desk_idle_minutes: Option<u32>,
    reload_on_change: Option<bool>,
}

/// Every environment variable Krok reads.
pub const ENV_VARS: &[&str] = &[
    "KROK_CONFIG",
    "KROK_DATA_DIR",
    "KROK_DIALOGS_DIR",
    "KROK_LOCALES_DIR",
    "KROK_SESSION_TTL_DAYS",
    "KROK_VERIFIED_MAX_AGE_DAYS",
    "KROK_TELEGRAM_TOKEN",
    "KROK_TELEGRAM_API_URL",
    "KROK_TELEGRAM_BOT_USERNAME",
    "KROK_TELEGRAM_WEBHOOK_URL",
    "KROK_TELEGRAM_WEBHOOK_LISTEN",
    "KROK_TELEGRAM_WEBHOOK_SECRET",
    "KROK_TELEGRAM_PER_SECOND",
    "KROK_TELEGRAM_PER_CHAT_MS",
    "KROK_TELEGRAM_POLL_TIMEOUT_SECS",
    "KROK_TELEGRAM_WEBHOOK_CHECK_SECS",
    "KROK_MATRIX_HOMESERVER",
    "KROK_MATRIX_USER",
    "KROK_MATRIX_PASSWORD",
    "KROK_MATRIX_ACCESS_TOKEN",
    "KROK_MATRIX_STORE_PASSPHRASE",
    "KROK_MATRIX_ACCEPT_ROOMS",
    "KROK_CASEWORKERS",
    "KROK_HEALTH_LISTEN",
    "KROK_STATS_KEEP_DAYS",
    "KROK_STATS_MIN_COUNT",
    "KROK_RELOAD_ON_CHANGE",
    "KROK_DESK_LISTEN",
    "KROK_DESK_PUBLIC_URL",
    "KROK_DESK_IDLE_MINUTES",
];

/// The secrets that may come from a file named by `<NAME>_FILE` instead (Docker's and
/// Kubernetes' secrets are files), so they need not sit in the environment.
pub const SECRET_VARS: &[&str] = &[
    "KROK_TELEGRAM_TOKEN",
    "KROK_TELEGRAM_WEBHOOK_SECRET",
    "KROK_MATRIX_PASSWORD",
    "KROK_MATRIX_ACCESS_TOKEN",
    "KROK_MATRIX_STORE_PASSPHRASE",
];

impl Config {
    /// Loads `file` if given (it must exist), else `krok.toml` if present, then the environment.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        Config::load_from(file, std::env::vars())
    }

    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        let default_file = Path::new("krok.toml");
        let path = file.or(default_file.exists().then_some(default_file));
        let mut problems = Vec::new();
        let mut file_read = true;
        if let Some(path) = path {
            match config.apply_file(path) {
                Ok(found) => problems.extend(found),
                Err(e @ ConfigError::Parse { .. }) => {
                    problems.push(e.to_string());
                    file_read = false;
                }
                Err(e) => return Err(e),
            }
        }
        let env: Vec<(String, String)> = env
            .into_iter()
            .filter(|(n, _)| n.starts_with("KROK_"))
            .collect();
        for (name, value) in &env {
            // An empty placeholder beside the secret's file is no second value.
            let from_file = |(n, v): &(String, String)| {
                n.strip_suffix("_FILE") == Some(name.as_str()) && !v.trim().is_empty()
            };
            if value.trim().is_empty() && env.iter().any(from_file) {
                continue;
            }
            let applied = match secret_file(name, value, &env) {
                Some(Ok(Some((name, secret)))) => config.apply_env(name, secret),
                Some(Ok(None)) => Ok(()),
                Some(Err(error)) => Err(error),
                None => config.apply_env(name, value.clone()),
            };
            if let Err(error) = applied {
                problems.push(error.to_string());
            }
        }
        for url in [
            &mut config.telegram_api_url,
            &mut config.telegram_webhook_url,
            &mut config.matrix_homeserver,
            &mut config.desk_public_url,
        ] {
            read::lower_scheme(url);
        }
        // Settings from a file that is not TOML are unknown; judging the defaults instead
        // would only add noise.
        if file_read {
            let text = path.and_then(|p| std::fs::read_to_string(p).ok());
            let place = |problem: String| match (path, &text) {
                (Some(path), Some(text)) => placed(problem, path, text, &env),
                _ => problem,
            };
            problems.extend(validate::problems(&config).into_iter().map(place));
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(ConfigError::Invalid {
                problems,
                read: Box::new(config),
            })
        }
    }

    /// Applies every setting of the file that can be read; the others are returned as
    /// problems, all of them, each at its line. A file that is not TOML is an `Err`.
    fn apply_file(&mut self, path: &Path) -> Result<Vec<String>, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|cause| ConfigError::Read {
            path: shown.clone(),
            cause,
        })?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map_or(1, |s| crate::core::problem::line_of(&text, s.start));
            let line_text = text.lines().nth(line - 1).unwrap_or("");
            ConfigError::Parse {
                path: format!("{shown}:{line}"),
                message: crate::core::plain::toml_error(e.message(), line_text),
            }
        })?;
        let mut problems = Vec::new();
        // One setting at a time, so that every mistake is found, not only the first.
        for (key, value) in table {
            let one = toml::Table::from_iter([(key.clone(), value)]);
            match FileConfig::deserialize(one) {
                Ok(f) => self.apply_settings(f),
                Err(e) => {
                    let line = read::line_of_key(&text, &key);
                    let why = read::plain_type_error(&e.to_string());
                    // The general example of a list is of languages.
                    let why = match key.as_str() {
                        "caseworkers" => why.replace(r#"["uk", "pl"]"#, r#"["tg:123456789"]"#),
                        _ => why,
                    };
                    problems.push((line, format!("{shown}:{line}: {key}: {why}")));
                }
            }
        }
        problems.sort();
        Ok(problems.into_iter().map(|(_, p)| p).collect())
    }

    fn apply_settings(&mut self, f: FileConfig) {
        let secret = |s: Option<String>| s.map(SecretString::from);
        set(&mut self.data_dir, f.data_dir);
        set(&mut self.dialogs_dir, f.dialogs_dir);
        set(&mut self.locales_dir, f.locales_dir);
        set(&mut self.session_ttl_days, f.session_ttl_days);
        set(&mut self.verified_max_age_days, f.verified_max_age_days);
        self.telegram_token = secret(f.telegram_token).or(self.telegram_token.take());
        self.telegram_api_url = f.telegram_api_url.or(self.telegram_api_url.take());
        self.telegram_bot_username = f
            .telegram_bot_username
            .or(self.telegram_bot_username.take());
        self.telegram_webhook_url = f.telegram_webhook_url.or(self.telegram_webhook_url.take());
        set(&mut self.telegram_webhook_listen, f.telegram_webhook_listen);
        self.telegram_webhook_secret =
            secret(f.telegram_webhook_secret).or(self.telegram_webhook_secret.take());
        set(&mut self.telegram_per_second, f.telegram_per_second);
        set(&mut self.telegram_per_chat_ms, f.telegram_per_chat_ms);
        set(
            &mut self.telegram_poll_timeout_secs,
            f.telegram_poll_timeout_secs,
        );
        set(
            &mut self.telegram_webhook_check_secs,
            f.telegram_webhook_check_secs,
        );
        self.matrix_homeserver = f.matrix_homeserver.or(self.matrix_homeserver.take());
        self.matrix_user = f.matrix_user.or(self.matrix_user.take());
        self.matrix_password = secret(f.matrix_password).or(self.matrix_password.take());
        self.matrix_access_token =
            secret(f.matrix_access_token).or(self.matrix_access_token.take());
        self.matrix_store_passphrase =
            secret(f.matrix_store_passphrase).or(self.matrix_store_passphrase.take());
        set(&mut self.matrix_accept_rooms, f.matrix_accept_rooms);
        set(
            &mut self.caseworkers,
            f.caseworkers
                .map(|all| all.iter().map(String::as_str).map(caseworker_id).collect()),
        );
        set(&mut self.health_listen, f.health_listen);
        set(&mut self.stats_keep_days, f.stats_keep_days);
        set(&mut self.stats_min_count, f.stats_min_count);
        set(&mut self.reload_on_change, f.reload_on_change);
        set(&mut self.desk_listen, f.desk_listen);
        self.desk_public_url = f.desk_public_url.or(self.desk_public_url.take());
        set(&mut self.desk_idle_minutes, f.desk_idle_minutes);
    }

    fn apply_env(&mut self, name: &str, value: String) -> Result<(), ConfigError> {
        // The value is never repeated: a secret pasted into the wrong variable would be
        // printed to the terminal and the logs.
        let number = |v: &str, what: &str| {
            v.trim().parse::<u32>().map_err(|_| ConfigError::Env {
                name: name.to_owned(),
                message: format!("expected a whole number of {what} (the value is not repeated)"),
            })
        };
        // An empty variable (a placeholder left in a compose file) is not set.
        let text = |v: String| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let days = |v: &str| number(v, "days");
        match name {
            "KROK_DATA_DIR" => self.data_dir = value.into(),
            "KROK_DIALOGS_DIR" => self.dialogs_dir = value.into(),
            "KROK_LOCALES_DIR" => self.locales_dir = value.into(),
            "KROK_SESSION_TTL_DAYS" => self.session_ttl_days = days(&value)?,
            "KROK_VERIFIED_MAX_AGE_DAYS" => self.verified_max_age_days = days(&value)?,
            "KROK_TELEGRAM_TOKEN" => self.telegram_token = Some(value.into()),
            "KROK_TELEGRAM_API_URL" => self.telegram_api_url = text(value),
            "KROK_TELEGRAM_BOT_USERNAME" => self.telegram_bot_username = text(value),
            "KROK_TELEGRAM_WEBHOOK_URL" => self.telegram_webhook_url = text(value),
            "KROK_TELEGRAM_WEBHOOK_LISTEN" => self.telegram_webhook_listen = value,
            "KROK_TELEGRAM_WEBHOOK_SECRET" => self.telegram_webhook_secret = Some(value.into()),
            "KROK_TELEGRAM_PER_SECOND" => self.telegram_per_second = number(&value, "messages")?,
            "KROK_TELEGRAM_PER_CHAT_MS" => {
                self.telegram_per_chat_ms = number(&value, "milliseconds")?
            }
            "KROK_TELEGRAM_POLL_TIMEOUT_SECS" => {
                self.telegram_poll_timeout_secs = number(&value, "seconds")?
            }
            "KROK_TELEGRAM_WEBHOOK_CHECK_SECS" => {
                self.telegram_webhook_check_secs = number(&value, "seconds")?
            }
            "KROK_MATRIX_HOMESERVER" => self.matrix_homeserver = text(value),
            "KROK_MATRIX_USER" => self.matrix_user = text(value),
            "KROK_MATRIX_PASSWORD" => self.matrix_password = Some(value.into()),
            "KROK_MATRIX_ACCESS_TOKEN" => self.matrix_access_token = Some(value.into()),
            "KROK_MATRIX_STORE_PASSPHRASE" => self.matrix_store_passphrase = Some(value.into()),
            "KROK_MATRIX_ACCEPT_ROOMS" => self.matrix_accept_rooms = flag(name, &value)?,
            "KROK_HEALTH_LISTEN" => self.health_listen = value.trim().to_owned(),
            "KROK_STATS_KEEP_DAYS" => self.stats_keep_days = days(&value)?,
            "KROK_STATS_MIN_COUNT" => self.stats_min_count = number(&value, "people")?,
            "KROK_RELOAD_ON_CHANGE" => self.reload_on_change = flag(name, &value)?,
            "KROK_DESK_LISTEN" => self.desk_listen = value.trim().to_owned(),
            "KROK_DESK_PUBLIC_URL" => self.desk_public_url = text(value),
            "KROK_DESK_IDLE_MINUTES" => self.desk_idle_minutes = number(&value, "minutes")?,
            // The settings file's path, read by the command line.
            "KROK_CONFIG" => {}
            "KROK_CASEWORKERS" => {
                self.caseworkers = value
                    .split(',')
                    .map(caseworker_id)
                    .filter(|c| !c.is_empty())
                    .collect()
            }
            _ => {
                let secret_files: Vec<String> =
                    SECRET_VARS.iter().map(|v| format!("{v}_FILE")).collect();
                let known = ENV_VARS
                    .iter()
                    .map(|v| v.to_string())
                    .chain(secret_files)
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = match crate::core::plain::closest(name, &known) {
                    Some(meant) => format!("unknown setting; did you mean {meant}?"),
                    None => format!(
                        "unknown setting; Krok reads {}, and {} from a file named by the same name with _FILE",
                        ENV_VARS.join(", "),
                        SECRET_VARS.join(", ")
                    ),
                };
                return Err(ConfigError::Env {
                    name: name.to_owned(),
                    message,
                });
            }
        }
        Ok(())
    }
}

/// A problem of a setting (`stats_min_count: 1 is outside …`) at the line of the file that
/// set it, unless the environment set it after the file.
fn placed(problem: String, path: &Path, text: &str, env: &[(String, String)]) -> String {
    let Some((name, _)) = problem.split_once(": ") else {
        return problem;
    };
    let from_env = format!("KROK_{}", name.to_ascii_uppercase());
    if env
        .iter()
        .any(|(n, v)| (*n == from_env || *n == format!("{from_env}_FILE")) && !v.trim().is_empty())
    {
        return format!("{from_env} ({problem})");
    }
    let line = read::line_of_key(text, name);
    let set_there = text.lines().nth(line - 1).is_some_and(|l| {
        l.trim_start()
            .trim_start_matches(['"', '\''])
            .starts_with(name)
    });
    match set_there {
        true => format!("{}:{line}: {problem}", path.display()),
        false => problem,
    }
}

/// `KROK_TELEGRAM_TOKEN_FILE=/run/secrets/token`: the secret's name and the file's text
/// (`Ok(None)` when the variable is empty: not set); `None` for any other variable. Neither
/// the text nor an error reading it repeats the secret.
fn secret_file(
    name: &str,
    path: &str,
    env: &[(String, String)],
) -> Option<Result<Option<(&'static str, String)>, ConfigError>> {
    let base = name.strip_suffix("_FILE")?;
    let base = *SECRET_VARS.iter().find(|s| **s == base)?;
    let problem = |message: String| ConfigError::Env {
        name: name.to_owned(),
        message,
    };
    // Empty, as a placeholder left in a compose file: not set, as every other variable.
    let path = path.trim();
    if path.is_empty() {
        return Some(Ok(None));
    }
    if env.iter().any(|(n, v)| n == base && !v.trim().is_empty()) {
        let why = format!("{base} is set too: keep one of them");
        return Some(Err(problem(why)));
    }
    Some(
        read_secret(path)
            .map(|text| Some((base, text)))
            .map_err(problem),
    )
}

/// A secret's file: its text without the line end or spaces around it (`echo "$T " > file`),
/// at most 64 KiB (a path to a device or a log by mistake must not hang the start).
fn read_secret(path: &str) -> Result<String, String> {
    use std::io::Read;
    const MOST: u64 = 64 * 1024;
    // A pipe or a device would block the start, or never end: a secret is a regular file
    // (or a link to one, as Docker's and Kubernetes' secrets are).
    let kind = std::fs::metadata(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    if !kind.is_file() {
        return Err(format!(
            "{path} is not a regular file (a folder, a pipe or a device)"
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MOST + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if bytes.len() as u64 > MOST {
        return Err(format!("{path} is longer than a secret can be (64 KiB)"));
    }
    let text = String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))?;
    match text.trim() {
        "" => Err(format!("{path} is empty")),
        secret => Ok(secret.to_owned()),
    }
}

/// A caseworker's id as pasted: `/myid`'s answer copied from a chat carries the invisible
/// marks that keep an id apart from the words around it (U+2066–U+2069), and spaces.
fn caseworker_id(raw: &str) -> String {
    raw.trim()
        .trim_matches(|c| matches!(c, '\u{2066}'..='\u{2069}'))
        .trim()
        .to_owned()
}

fn flag(name: &str, value: &str) -> Result<bool, ConfigError> {
    // Written as operators write them elsewhere ("TRUE", "On"): the case does not matter.
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(ConfigError::Env {
            name: name.to_owned(),
            message: "expected true or false (also 1/0, yes/no, on/off; the value is not repeated)"
                .to_owned(),
        }),
    }
}

fn set<T>(slot: &mut T, value: Option<T>) {
    if let Some(v) = value {
        *slot = v;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_flag_is_read_in_any_case_and_its_common_spellings() {
        for yes in ["true", "TRUE", " True ", "1", "yes", "On"] {
            assert!(super::flag("SOME_FLAG", yes).unwrap(), "{yes}");
        }
        for no in ["false", "FALSE", "0", "No", "off"] {
            assert!(!super::flag("SOME_FLAG", no).unwrap(), "{no}");
        }
        for bad in ["", "ja", "2", "tru"] {
            let e = super::flag("SOME_FLAG", bad).unwrap_err().to_string();
            assert!(
                e.contains("SOME_FLAG") && e.contains("expected true or false"),
                "{e}"
            );
        }
    }
}

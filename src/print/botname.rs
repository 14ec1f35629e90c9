//! The Telegram bot's @username for links: from the config, else asked from Telegram once
//! (getMe) and kept in a small file in the data folder, so later links need no network.

use std::path::Path;

use secrecy::ExposeSecret;

use crate::config::Config;

use super::PrintError;

/// `<bot id> <username>`: the bot id is the public part of the token, so a new token for
/// another bot asks again.
const CACHE_FILE: &str = "telegram_bot_username";

pub(crate) fn telegram_username(config: &Config) -> Result<Option<String>, PrintError> {
    if let Some(name) = &config.telegram_bot_username {
        return valid(name).map(Some);
    }
    let Some(token) = &config.telegram_token else {
        return Ok(None);
    };
    let bot_id = token.expose_secret().split(':').next().unwrap_or("");
    let cache = config.data_dir.join(CACHE_FILE);
    if let Some(name) = read_cache(&cache, bot_id) {
        return Ok(Some(name));
    }
    let name = valid(&ask_telegram(config)?)?;
    // Kept only in a data folder this user owns: a file root wrote into the service's
    // folder (`sudo krok link`) would stop the service at its next start.
    if !config.data_dir.exists() || crate::setup::owns(&config.data_dir) {
        write_cache(&config.data_dir, &cache, &format!("{bot_id} {name}\n"))?;
    }
    Ok(Some(name))
}

/// Telegram usernames are letters, digits and _; a leading @ is allowed in the config.
fn valid(name: &str) -> Result<String, PrintError> {
    let name = name.trim().trim_start_matches('@');
    let ok = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    if name.is_empty() || name.len() > 64 || !name.bytes().all(ok) {
        return Err(PrintError::BotName(format!(
            "telegram_bot_username `{name}` is not a Telegram username (letters, digits and _)"
        )));
    }
    Ok(name.to_owned())
}

fn read_cache(path: &Path, bot_id: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let (id, name) = text.trim().split_once(' ')?;
    (id == bot_id).then(|| valid(name).ok()).flatten()
}

fn write_cache(dir: &Path, path: &Path, line: &str) -> Result<(), PrintError> {
    let failed = |error| PrintError::Write {
        path: path.display().to_string(),
        error,
    };
    crate::store::create_private_dir(dir).map_err(|e| PrintError::Write {
        path: dir.display().to_string(),
        error: std::io::Error::other(e.to_string()),
    })?;
    std::fs::write(path, line).map_err(failed)
}

#[cfg(feature = "telegram")]
fn ask_telegram(config: &Config) -> Result<String, PrintError> {
    use teloxide_core::requests::Requester;

    let fail = |what: String| {
        PrintError::BotName(format!(
            "{what}; or set telegram_bot_username (KROK_TELEGRAM_BOT_USERNAME)"
        ))
    };
    let token = config
        .telegram_token
        .as_ref()
        .expect("checked by the caller");
    let client = teloxide_core::net::default_reqwest_settings()
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .map_err(|e| fail(format!("building the HTTP client: {e}")))?;
    let mut bot = teloxide_core::Bot::with_client(token.expose_secret(), client);
    if let Some(url) = &config.telegram_api_url {
        let url: url::Url = url
            .parse()
            .map_err(|_| fail(format!("KROK_TELEGRAM_API_URL `{url}` is not a URL")))?;
        bot = bot.set_api_url(url);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(format!("starting the async runtime: {e}")))?;
    let me = runtime
        .block_on(async { bot.get_me().await })
        .map_err(|e| {
            fail(format!(
                "asking Telegram for the bot's username (getMe): {e}"
            ))
        })?;
    me.user
        .username
        .clone()
        .ok_or_else(|| fail("Telegram gave the bot no username".into()))
}

#[cfg(not(feature = "telegram"))]
fn ask_telegram(_: &Config) -> Result<String, PrintError> {
    Err(PrintError::BotName(
        "this build has no Telegram support to ask for the bot's username; set telegram_bot_username (KROK_TELEGRAM_BOT_USERNAME)".into(),
    ))
}

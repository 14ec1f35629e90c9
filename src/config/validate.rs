//! Settings that would harm are refused at start, all together, each with the setting's name
//! and why: a setting that switches a protection off (TTL 0, no rate limit, no anonymity
//! threshold), one Telegram or Matrix would refuse (an `http://` webhook, a secret with a
//! space), one that cannot work (an address that is not one, an untyped caseworker id).

use secrecy::ExposeSecret;

use super::Config;

/// Every problem with `config`, as `setting: why`.
pub(super) fn problems(config: &Config) -> Vec<String> {
    let mut out = Vec::new();
    let mut bad = |name: &str, why: String| out.push(format!("{name}: {why}"));
    numbers(config, &mut bad);
    folders(config, &mut bad);
    addresses(config, &mut bad);
    desk(config, &mut bad);
    telegram(config, &mut bad);
    matrix(config, &mut bad);
    for id in &config.caseworkers {
        if let Some(why) = caseworker_problem(id) {
            bad("caseworkers", format!("`{id}` {why}"));
        }
    }
    out
}

fn within(
    bad: &mut impl FnMut(&str, String),
    name: &str,
    value: u32,
    min: u32,
    max: u32,
    why: &str,
) {
    if value < min || value > max {
        bad(name, format!("{value} is outside {min}..={max}: {why}"));
    }
}

fn numbers(c: &Config, bad: &mut impl FnMut(&str, String)) {
    let ttl = "0 would delete every session at each start";
    within(bad, "session_ttl_days", c.session_ttl_days, 1, 3650, ttl);
    // 0 (no limit) only against a Bot API server of one's own, such as a benchmark's.
    // Telegram's own address copied into the setting is not a server of one's own.
    let own = c
        .telegram_api_url
        .as_deref()
        .filter(|u| !u.to_ascii_lowercase().contains("api.telegram.org"));
    let (tg, least) = match own {
        Some(_) => (
            "Telegram allows about 30 messages a second; 0 is no limit",
            0,
        ),
        None => (
            "Telegram allows about 30 messages a second; 0 (no limit) only with a telegram_api_url of your own Bot API server",
            1,
        ),
    };
    within(
        bad,
        "telegram_per_second",
        c.telegram_per_second,
        least,
        30,
        tg,
    );
    let chat = "milliseconds between two messages to one chat";
    within(
        bad,
        "telegram_per_chat_ms",
        c.telegram_per_chat_ms,
        0,
        60_000,
        chat,
    );
    let poll = "Telegram holds a long poll for at most 50 seconds";
    within(
        bad,
        "telegram_poll_timeout_secs",
        c.telegram_poll_timeout_secs,
        1,
        50,
        poll,
    );
    within(
        bad,
        "telegram_webhook_check_secs",
        c.telegram_webhook_check_secs,
        1,
        3600,
        "seconds between two questions to Telegram about the webhook's delivery",
    );
    let min =
        "counts below it are hidden so no one person can be picked out; below 2 hides nothing";
    within(bad, "stats_min_count", c.stats_min_count, 2, 1000, min);
    within(
        bad,
        "stats_keep_days",
        c.stats_keep_days,
        1,
        3650,
        "days of figures kept",
    );
    let age = "days after which a service's facts count as not verified";
    within(
        bad,
        "verified_max_age_days",
        c.verified_max_age_days,
        1,
        3650,
        age,
    );
}

/// The desk hands out sign-in links and session cookies: only over HTTPS, unless nobody but
/// this machine can reach it.
fn desk(c: &Config, bad: &mut impl FnMut(&str, String)) {
    if c.desk_listen.is_empty() {
        if c.desk_public_url.is_some() {
            let why = "is set but desk_listen is not, so no desk would be served: set desk_listen too, such as 127.0.0.1:8090";
            bad("desk_public_url", why.into());
        }
        return;
    }
    let Ok(listen) = c.desk_listen.parse::<std::net::SocketAddr>() else {
        let why = "is not an address such as 127.0.0.1:8090 (empty: not served)";
        return bad("desk_listen", format!("`{}` {why}", c.desk_listen));
    };
    match c.desk_public_url.as_deref() {
        None => bad(
            "desk_public_url",
            "is needed with desk_listen: the address caseworkers open, such as https://desk.example.org".into(),
        ),
        // Sign-in links are this address with `/login?token=…` after it.
        Some(url) if url.contains(['?', '#']) => bad(
            "desk_public_url",
            format!("`{url}` has a query or fragment (`?`, `#`); sign-in links add their own path and query to the address, such as https://desk.example.org"),
        ),
        // The desk's forms, redirects and cookie are at the root of its address.
        Some(url) if url_path(url).is_some_and(|p| !p.is_empty() && p != "/") => bad(
            "desk_public_url",
            format!("`{url}` has a path; the desk is served at the root of its own address (such as https://desk.example.org)"),
        ),
        // Sign-in links go out in chats and wait in the outbox on disk: no password in them.
        Some(url) if authority(url).contains('@') => bad(
            "desk_public_url",
            "has a user name or password in it, which every sign-in link sent to a chat would carry; give the address alone, such as https://desk.example.org".into(),
        ),
        Some(url) if let Some(why) = url_problem(url, false) => {
            bad("desk_public_url", format!("`{url}` {why}"));
        }
        Some(url) if url.starts_with("https://") => {}
        // Plain HTTP only when the desk is opened on this machine: a loopback listener behind
        // a proxy that speaks http to the world would still send links and cookies in clear.
        Some(url)
            if url.starts_with("http://")
                && listen.ip().is_loopback()
                && url_problem(url, true).is_none() => {}
        Some(url) if url.starts_with("http://") => bad(
            "desk_public_url",
            format!("`{url}` is not https; sign-in links and cookies must not cross a network in clear text (use an HTTPS proxy; plain http only for a desk opened on this machine, such as http://127.0.0.1:8090)"),
        ),
        Some(url) => bad(
            "desk_public_url",
            format!("`{url}` is not an address such as https://desk.example.org"),
        ),
    }
    within(
        bad,
        "desk_idle_minutes",
        c.desk_idle_minutes,
        5,
        7 * 24 * 60,
        "minutes a desk session lasts unused",
    );
}

/// A folder setting left empty (`KROK_DATA_DIR=` from an unset variable in a compose file)
/// would mean the working folder, or nothing Krok can open.
fn folders(c: &Config, bad: &mut impl FnMut(&str, String)) {
    for (name, folder, example) in [
        ("data_dir", &c.data_dir, "./data"),
        ("dialogs_dir", &c.dialogs_dir, "./dialogs"),
        ("locales_dir", &c.locales_dir, "./locales"),
    ] {
        if folder.as_os_str().to_string_lossy().trim().is_empty() {
            bad(name, format!("is empty: name a folder, such as {example}"));
        }
    }
    // A Unix socket's path has at most 107 bytes (deep volume mounts reach that).
    let socket = c.data_dir.join(crate::ops::admin::SOCKET);
    let long = socket.as_os_str().len();
    if long > SOCKET_PATH_MAX {
        bad(
            "data_dir",
            format!(
                "is too long a path for the admin socket in it ({long} bytes with /{}, a Unix socket's path has at most {SOCKET_PATH_MAX}): use a shorter path, or a symbolic link to the folder",
                crate::ops::admin::SOCKET
            ),
        );
    }
}

/// The longest path a Unix socket can be bound at on Linux (`sun_path` less its NUL).
const SOCKET_PATH_MAX: usize = 107;

fn addresses(c: &Config, bad: &mut impl FnMut(&str, String)) {
    if !c.health_listen.is_empty() && c.health_listen.parse::<std::net::SocketAddr>().is_err() {
        let why = "is not an address such as 127.0.0.1:9464 (empty: not served)";
        bad("health_listen", format!("`{}` {why}", c.health_listen));
    }
    if c.telegram_webhook_url.is_some()
        && c.telegram_webhook_listen
            .parse::<std::net::SocketAddr>()
            .is_err()
    {
        let why = "is not an address such as 0.0.0.0:8443";
        bad(
            "telegram_webhook_listen",
            format!("`{}` {why}", c.telegram_webhook_listen),
        );
    }
}

fn telegram(c: &Config, bad: &mut impl FnMut(&str, String)) {
    if let Some(token) = &c.telegram_token {
        let token = token.expose_secret();
        if token.trim().is_empty() || token.chars().any(char::is_whitespace) {
            bad(
                "telegram_token",
                "is empty or has spaces; copy it from @BotFather".into(),
            );
        } else if !bot_token_shape(token) {
            // Never the token itself: it may be a real one pasted into the wrong setting.
            let why = "is not a bot token as @BotFather gives it (digits, a colon, then letters, digits, _ and -, such as 123456789:AAF…): is the example or a placeholder still there?";
            bad("telegram_token", why.into());
        }
    }
    if let Some(url) = &c.telegram_api_url
        && url_problem(url, false).is_some()
    {
        bad("telegram_api_url", format!("`{url}` is not an http(s) URL"));
    }
    let Some(url) = &c.telegram_webhook_url else {
        if c.telegram_webhook_secret.is_some() {
            let why = "is set but telegram_webhook_url is not, so Krok would poll for updates and never use it: set telegram_webhook_url too, or leave the secret out";
            bad("telegram_webhook_secret", why.into());
        }
        return;
    };
    if let Some(why) = url_problem(url, true) {
        bad("telegram_webhook_url", format!("`{url}` {why}"));
    }
    let valid = |ch: char| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-';
    match &c.telegram_webhook_secret {
        None => bad(
            "telegram_webhook_secret",
            "is required with a webhook: Telegram sends it with every update so others cannot"
                .into(),
        ),
        Some(secret) => {
            let s = secret.expose_secret();
            if s.is_empty() || s.len() > 256 || !s.chars().all(valid) {
                let why = "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -";
                bad("telegram_webhook_secret", why.into());
            }
        }
    }
}

/// Why `url` cannot be used; `https_only`: Telegram posts updates to HTTPS only, so plain
/// HTTP is accepted for a loopback address (a local Bot API server) and nothing else.
fn url_problem(url: &str, https_only: bool) -> Option<&'static str> {
    let Some((scheme, _)) = url.split_once("://") else {
        return Some("is not a URL such as https://bot.example.org/telegram");
    };
    let host = authority(url);
    let hostname = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    if hostname.is_empty() || hostname.chars().any(char::is_whitespace) {
        return Some("has no host");
    }
    let loopback = matches!(hostname, "127.0.0.1" | "localhost" | "[::1]");
    match scheme {
        "https" => None,
        "http" if !https_only || loopback => None,
        "http" => Some("must be https://: Telegram sends updates to HTTPS addresses only"),
        _ => Some("is not an http(s) URL"),
    }
}

/// The part of an address between `://` and the path: `user:pw@host:port`.
fn authority(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or("")
}

/// What follows the host in an http(s) address.
fn url_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or(url.strip_prefix("http://"))?;
    Some(rest.find('/').map_or("", |at| &rest[at..]))
}

fn matrix(c: &Config, bad: &mut impl FnMut(&str, String)) {
    let Some(homeserver) = &c.matrix_homeserver else {
        // Log-in settings without a homeserver: the operator meant to serve Matrix.
        // (`matrix_user` alone names the bot in `krok link`'s Matrix links.)
        let given = [
            ("matrix_password", c.matrix_password.is_some()),
            ("matrix_access_token", c.matrix_access_token.is_some()),
        ];
        for (name, _) in given.iter().filter(|(_, set)| *set) {
            bad(
                name,
                "is set but matrix_homeserver is not: Matrix would not be served".into(),
            );
        }
        // Alone it names the bot on printed cards: a wrong one prints a link to nobody.
        if let Some(user) = c.matrix_user.as_deref().filter(|u| !full_matrix_id(u)) {
            bad(
                "matrix_user",
                format!("`{user}` is not a full Matrix id such as @krok:example.org"),
            );
        }
        return;
    };
    if url_problem(homeserver, false).is_some() {
        bad(
            "matrix_homeserver",
            format!("`{homeserver}` is not an http(s) URL"),
        );
    }
    match &c.matrix_user {
        None => bad(
            "matrix_user",
            "is required with a homeserver, e.g. @krok:example.org".into(),
        ),
        Some(user) if !full_matrix_id(user) => bad(
            "matrix_user",
            format!("`{user}` is not a full Matrix id such as @krok:example.org"),
        ),
        Some(_) => {}
    }
    match (&c.matrix_password, &c.matrix_access_token) {
        (None, None) => bad(
            "matrix_password",
            "set it or matrix_access_token to log in".into(),
        ),
        // The token would log in and the password be ignored: which one the operator
        // meant is theirs to say.
        (Some(_), Some(_)) => bad(
            "matrix_access_token",
            "is set beside matrix_password: keep one of them (with both, the token would be used and the password ignored)".into(),
        ),
        _ => {}
    }
    for (name, secret) in [
        ("matrix_access_token", &c.matrix_access_token),
        ("matrix_password", &c.matrix_password),
        ("matrix_store_passphrase", &c.matrix_store_passphrase),
    ] {
        if secret
            .as_ref()
            .is_some_and(|s| placeholder(s.expose_secret()))
        {
            let why = "looks like a placeholder (`<…>`, `...`, \"changeme\", \"your …\"), not the real value";
            bad(name, why.into());
        }
    }
    if c.matrix_store_passphrase
        .as_ref()
        .is_none_or(|p| p.expose_secret().is_empty())
    {
        let why = "is required: it encrypts the bot's keys on disk";
        bad("matrix_store_passphrase", why.into());
    }
}

/// `@user:server`.
fn full_matrix_id(id: &str) -> bool {
    id.strip_prefix('@')
        .and_then(|rest| rest.split_once(':'))
        .is_some_and(|(user, server)| !user.is_empty() && !server.is_empty())
}

/// A caseworker is `tg:<Telegram user id>` or `mx:@user:server`.
fn caseworker_problem(id: &str) -> Option<&'static str> {
    match id.split_once(':') {
        Some(("tg", n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => None,
        Some(("mx", user)) if full_matrix_id(user) => None,
        // A username can change hands; the id cannot.
        Some(("tg", name)) if name.starts_with('@') => Some(
            "is a Telegram username; a caseworker is named by their numeric Telegram user id (tg:123456789), which does not change hands",
        ),
        Some(("console", "local")) => None,
        _ => Some("is neither tg:<Telegram user id> nor mx:@user:server"),
    }
}

/// `<bot id>:<secret>` as @BotFather gives it.
fn bot_token_shape(token: &str) -> bool {
    let secret_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    token.split_once(':').is_some_and(|(id, secret)| {
        !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_digit())
            && !secret.is_empty()
            && secret.bytes().all(secret_char)
    })
}

/// A value copied from an example and never filled in.
fn placeholder(value: &str) -> bool {
    let lower = value.trim().to_lowercase();
    let words = [
        "changeme",
        "change_me",
        "change-me",
        "your_",
        "your-",
        "your ",
        "placeholder",
    ];
    lower.contains('<') && lower.contains('>')
        || lower.contains("...")
        || lower.contains('…')
        || words.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_or_secret_left_as_the_example_is_named_not_shown() {
        for token in ["5555:AA...", "YOUR_BOT_TOKEN", "<token>", "987654321"] {
            let config = Config {
                telegram_token: Some(token.to_owned().into()),
                ..Config::default()
            };
            let found = problems(&config).join("\n");
            assert!(
                found.contains("telegram_token: is not a bot token"),
                "{token}: {found}"
            );
            assert!(!found.contains(token), "{found}");
        }
        let fine = Config {
            telegram_token: Some("123456789:AAF-x_y".to_owned().into()),
            ..Config::default()
        };
        let found = problems(&fine).join("\n");
        assert!(!found.contains("telegram_token"), "{found}");
        let matrix = Config {
            matrix_homeserver: Some("https://matrix.example.org".into()),
            matrix_user: Some("@krok:example.org".into()),
            matrix_access_token: Some("<access token>".to_owned().into()),
            matrix_store_passphrase: Some("changeme".to_owned().into()),
            ..Config::default()
        };
        let found = problems(&matrix).join("\n");
        for name in ["matrix_access_token", "matrix_store_passphrase"] {
            assert!(
                found.contains(&format!("{name}: looks like a placeholder")),
                "{name}: {found}"
            );
        }
        assert!(!found.contains("<access token>"), "{found}");
    }

    fn desk_problems(listen: &str, url: &str) -> Vec<String> {
        let config = Config {
            desk_listen: listen.into(),
            desk_public_url: Some(url.into()),
            ..Config::default()
        };
        problems(&config)
    }

    /// Plain HTTP is for a desk opened on this machine only: a loopback listener with a public
    /// name in front (a proxy speaking http) would send links and cookies in clear.
    #[test]
    fn a_desk_in_clear_text_only_on_this_machine() {
        assert!(desk_problems("127.0.0.1:8090", "http://127.0.0.1:8090").is_empty());
        assert!(desk_problems("127.0.0.1:8090", "http://localhost:8090").is_empty());
        assert!(desk_problems("127.0.0.1:8090", "https://desk.example.org").is_empty());
        for (listen, url) in [
            ("127.0.0.1:8090", "http://desk.example.org"),
            ("0.0.0.0:8090", "http://127.0.0.1:8090"),
        ] {
            let found = desk_problems(listen, url);
            assert!(
                found.len() == 1 && found[0].contains("is not https"),
                "{listen} {url}: {found:?}"
            );
        }
        assert!(desk_problems("127.0.0.1:8090", "https://desk.example.org/").is_empty());
        let found = desk_problems("127.0.0.1:8090", "https://city.example.org/krok-desk/");
        assert!(
            found.len() == 1 && found[0].contains("has a path"),
            "{found:?}"
        );
        for url in [
            "https://desk.example.org?x=1",
            "https://desk.example.org/#top",
        ] {
            let found = desk_problems("127.0.0.1:8090", url);
            assert!(
                found.len() == 1 && found[0].contains("query or fragment"),
                "{url}: {found:?}"
            );
        }
    }

    #[test]
    fn a_desk_address_with_no_host_or_a_password_is_refused() {
        let found = desk_problems("127.0.0.1:8090", "https://desk example.org");
        assert!(
            found.len() == 1 && found[0].contains("has no host"),
            "{found:?}"
        );
        let found = desk_problems("127.0.0.1:8090", "https://krok:hunter2@desk.example.org");
        assert!(
            found.len() == 1 && found[0].contains("user name or password"),
            "{found:?}"
        );
        assert!(!found[0].contains("hunter2"), "{found:?}");
        assert_eq!(desk_problems("127.0.0.1:8090", "https://").len(), 1);
    }

    #[test]
    fn a_data_folder_too_deep_for_the_admin_socket_is_named() {
        let deep = |bytes: usize| Config {
            data_dir: std::path::PathBuf::from(format!("/{}", "d".repeat(bytes - 1))),
            ..Config::default()
        };
        // "/admin.sock" is 11 bytes: 96 + 11 = 107 fits, 97 + 11 does not.
        assert!(
            !problems(&deep(96))
                .iter()
                .any(|p| p.starts_with("data_dir"))
        );
        let found = problems(&deep(97));
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("data_dir: is too long a path for the admin socket")),
            "{found:?}"
        );
    }

    #[test]
    fn matrix_settings_without_a_homeserver_are_named() {
        let config = Config {
            matrix_user: Some("@krok:example.org".into()),
            matrix_password: Some("secret".to_owned().into()),
            ..Config::default()
        };
        let found = problems(&config);
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("matrix_password: is set but matrix_homeserver is not")),
            "{found:?}"
        );
        assert!(!found.iter().any(|p| p.contains("secret")), "{found:?}");
    }

    #[test]
    fn settings_that_would_be_ignored_are_named() {
        let config = Config {
            telegram_webhook_secret: Some("abc".to_owned().into()),
            desk_public_url: Some("https://desk.example.org".into()),
            matrix_user: Some("krok".into()),
            data_dir: std::path::PathBuf::from(""),
            caseworkers: vec!["tg:@anna_k".into()],
            ..Config::default()
        };
        let found = problems(&config).join("\n");
        for expected in [
            "telegram_webhook_secret: is set but telegram_webhook_url is not",
            "desk_public_url: is set but desk_listen is not",
            "matrix_user: `krok` is not a full Matrix id",
            "data_dir: is empty",
            "caseworkers: `tg:@anna_k` is a Telegram username",
        ] {
            assert!(found.contains(expected), "{expected}:\n{found}");
        }
        assert!(!found.contains("abc"), "{found}");
    }
}

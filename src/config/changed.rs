//! Which settings differ between two configs, by their names in `krok.toml`: at SIGHUP only
//! `caseworkers` is taken, and the operator is told which other changes wait for a restart.

use secrecy::{ExposeSecret, SecretString};

use super::Config;

/// The names of the settings that differ between `a` and `b`, in the README's order.
pub fn changed(a: &Config, b: &Config) -> Vec<&'static str> {
    // Every field named, so a new setting that is not compared below does not compile.
    let Config {
        data_dir: _,
        dialogs_dir: _,
        locales_dir: _,
        session_ttl_days: _,
        verified_max_age_days: _,
        telegram_token: _,
        telegram_api_url: _,
        telegram_bot_username: _,
        telegram_webhook_url: _,
        telegram_webhook_listen: _,
        telegram_webhook_secret: _,
        telegram_per_second: _,
        telegram_per_chat_ms: _,
        telegram_poll_timeout_secs: _,
        telegram_webhook_check_secs: _,
        matrix_homeserver: _,
        matrix_user: _,
        matrix_password: _,
        matrix_access_token: _,
        matrix_store_passphrase: _,
        matrix_accept_rooms: _,
        caseworkers: _,
        health_listen: _,
        stats_keep_days: _,
        stats_min_count: _,
        reload_on_change: _,
        desk_listen: _,
        desk_public_url: _,
        desk_idle_minutes: _,
    } = a;
    let mut names = Vec::new();
    macro_rules! compare {
        ($($field:ident),* $(,)?) => {
            $(if format!("{:?}", a.$field) != format!("{:?}", b.$field) {
                names.push(stringify!($field));
            })*
        };
    }
    macro_rules! compare_secrets {
        ($($field:ident),* $(,)?) => {
            $(if !same_secret(&a.$field, &b.$field) {
                names.push(stringify!($field));
            })*
        };
    }
    compare!(
        data_dir,
        dialogs_dir,
        locales_dir,
        session_ttl_days,
        verified_max_age_days,
        telegram_api_url,
        telegram_bot_username,
        telegram_webhook_url,
        telegram_webhook_listen,
        telegram_per_second,
        telegram_per_chat_ms,
        telegram_poll_timeout_secs,
        telegram_webhook_check_secs,
        matrix_homeserver,
        matrix_user,
        matrix_accept_rooms,
        caseworkers,
        health_listen,
        stats_keep_days,
        stats_min_count,
        reload_on_change,
        desk_listen,
        desk_public_url,
        desk_idle_minutes,
    );
    compare_secrets!(
        telegram_token,
        telegram_webhook_secret,
        matrix_password,
        matrix_access_token,
        matrix_store_passphrase,
    );
    names
}

fn same_secret(a: &Option<SecretString>, b: &Option<SecretString>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.expose_secret() == b.expose_secret(),
        (None, None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_changed_setting_secrets_included() {
        let a = Config::default();
        assert!(changed(&a, &a.clone()).is_empty());
        let mut b = a.clone();
        b.caseworkers = vec!["tg:1".into()];
        b.telegram_token = Some("123:abc".into());
        b.desk_idle_minutes = 60;
        assert_eq!(
            changed(&a, &b),
            ["caseworkers", "desk_idle_minutes", "telegram_token"]
        );
    }
}

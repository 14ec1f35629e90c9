//! Taking the desk away, as an operator and as a caseworker would: someone taken off
//! `caseworkers` in the settings file loses the desk and the chat's caseworker commands at the
//! next SIGHUP (and gets them back when put on again), and "sign out on every device" (or the
//! caseworker's `/forget`) ends the desk in another browser. And what the desk tells the people behind the content: the
//! warnings of the content in use.

use std::path::PathBuf;

use tempfile::TempDir;

use super::botapi::{BOT_USERNAME, BotApi};
use super::content::copy_dir;
use super::desk::{CASEWORKER, WAIT, csrf_of, desk_link, form_encode, http, sign_in};
use super::ops::hangup_until;
use super::support::{free_port, root};
use super::telegram::Krok;

/// `krok run` with the desk on `port`, `/metrics` on `health` and the settings in `file`.
fn krok_with_settings(
    api: &BotApi,
    data: &std::path::Path,
    file: &std::path::Path,
) -> (Krok, u16, u16) {
    krok_with(api, data, file, &[], std::process::Stdio::inherit())
}

/// As `krok_with_settings`, with `more` settings and the log to `log`.
fn krok_with(
    api: &BotApi,
    data: &std::path::Path,
    file: &std::path::Path,
    more: &[(&str, &str)],
    log: std::process::Stdio,
) -> (Krok, u16, u16) {
    let (port, health) = (free_port(), free_port());
    let (listen, public) = (
        format!("127.0.0.1:{port}"),
        format!("http://127.0.0.1:{port}"),
    );
    let metrics = format!("127.0.0.1:{health}");
    let mut env = vec![
        ("KROK_CONFIG", file.to_str().unwrap()),
        ("KROK_TELEGRAM_BOT_USERNAME", BOT_USERNAME),
        ("KROK_DESK_LISTEN", listen.as_str()),
        ("KROK_DESK_PUBLIC_URL", public.as_str()),
        ("KROK_HEALTH_LISTEN", metrics.as_str()),
    ];
    env.extend_from_slice(more);
    let krok = Krok::start_with(api, data, &env, log);
    (krok, port, health)
}

/// A Bot API server, a data folder, and a settings file (in a folder of its own) naming the
/// caseworker.
fn caseworker_settings() -> (BotApi, TempDir, TempDir, PathBuf) {
    let (data, settings) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = settings.path().join("krok.toml");
    write_caseworkers(&file, &[CASEWORKER]);
    (BotApi::start(false), data, settings, file)
}

fn write_caseworkers(file: &std::path::Path, who: &[i64]) {
    let list: Vec<String> = who.iter().map(|id| format!("\"tg:{id}\"")).collect();
    std::fs::write(file, format!("caseworkers = [{}]\n", list.join(", "))).unwrap();
}

#[test]
fn a_caseworker_taken_off_the_list_at_sighup_loses_the_desk_and_the_commands() {
    let (api, data, _settings, file) = caseworker_settings();
    let (krok, port, health) = krok_with_settings(&api, data.path(), &file);
    let cookie = sign_in(port, &desk_link(&api));
    assert_eq!(http(port, "GET", "/", Some(&cookie), "").status, 200);

    write_caseworkers(&file, &[]);
    hangup_until(&krok, health, "ok", 1.0);
    let after = http(port, "GET", "/", Some(&cookie), "");
    assert_eq!(after.status, 401, "the session ends with the list");
    for command in ["/desk", "/day 2026-12-03"] {
        let before = api.wait_messages(CASEWORKER, 0, WAIT).len();
        api.send_text(CASEWORKER, "pl", command);
        let answer = api
            .wait_messages(CASEWORKER, before + 1, WAIT)
            .pop()
            .unwrap();
        assert!(
            !answer.text.contains("login?token"),
            "{command}: {}",
            answer.text
        );
        assert!(
            !answer.text.contains("2026-12-03"),
            "{command}: {}",
            answer.text
        );
    }

    write_caseworkers(&file, &[CASEWORKER]);
    hangup_until(&krok, health, "ok", 2.0);
    let cookie = sign_in(port, &desk_link(&api));
    assert_eq!(http(port, "GET", "/", Some(&cookie), "").status, 200);

    // Off and on again before the browser asks anything: the session and a link from before
    // the removal open nothing (they were ended at the removal, not at their next use).
    let unused = desk_link(&api);
    write_caseworkers(&file, &[]);
    hangup_until(&krok, health, "ok", 3.0);
    write_caseworkers(&file, &[CASEWORKER]);
    hangup_until(&krok, health, "ok", 4.0);
    assert_eq!(http(port, "GET", "/", Some(&cookie), "").status, 401);
    let token = unused.split("token=").nth(1).unwrap();
    let form = super::desk::form_encode(&[("token", token)]);
    assert_ne!(
        http(port, "POST", "/login", None, &form).status,
        303,
        "the old link is void"
    );

    // A settings file the SIGHUP cannot take (Krok would not start with it) is said in
    // /healthz until one it can take is read.
    let healthz = || super::support::get(health, "/healthz").unwrap().1;
    std::fs::write(&file, "sesion_ttl_days = 5\n").unwrap();
    hangup_until(&krok, health, "ok", 5.0);
    super::support::wait_for("the warning", || healthz().contains("settings: warning"));
    write_caseworkers(&file, &[CASEWORKER]);
    hangup_until(&krok, health, "ok", 6.0);
    super::support::wait_for("the warning gone", || {
        !healthz().contains("settings: warning")
    });
}

/// Behind an HTTPS proxy the session cookie is `__Host-` and `Secure` (a sibling subdomain
/// cannot plant one), and a link or image on such a subdomain pointing at `/logout` does not
/// sign the caseworker out; typing the address does.
#[test]
fn behind_https_the_cookie_is_the_hosts_own_and_a_sibling_site_cannot_sign_out() {
    let (api, data, _settings, file) = caseworker_settings();
    let more = [("KROK_DESK_PUBLIC_URL", "https://desk.example.org")];
    let (_krok, port, _) = krok_with(
        &api,
        data.path(),
        &file,
        &more,
        std::process::Stdio::inherit(),
    );
    api.send_text(CASEWORKER, "pl", "/desk");
    let said = api.wait_messages(CASEWORKER, 1, WAIT).pop().unwrap().text;
    let token: String = said
        .split("https://desk.example.org/login?token=")
        .nth(1)
        .expect("a link to the public address")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    let signed = http(
        port,
        "POST",
        "/login",
        None,
        &form_encode(&[("token", &token)]),
    );
    let set = signed.header("set-cookie").to_owned();
    assert!(
        set.starts_with("__Host-krok_desk=") && set.contains("; Secure") && set.contains("Path=/"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_owned();
    assert_eq!(http(port, "GET", "/", Some(&cookie), "").status, 200);
    let plain = cookie.replacen("__Host-krok_desk", "krok_desk", 1);
    assert_eq!(
        http(port, "GET", "/", Some(&plain), "").status,
        401,
        "only the prefixed cookie counts"
    );
    let sibling = [("Sec-Fetch-Site", "same-site")];
    let out = super::desk::http_with(port, "GET", "/logout", Some(&cookie), "", &sibling);
    assert_eq!(out.status, 303);
    assert_eq!(
        http(port, "GET", "/", Some(&cookie), "").status,
        200,
        "still in"
    );
    let typed = [("Sec-Fetch-Site", "none")];
    let out = super::desk::http_with(port, "GET", "/logout", Some(&cookie), "", &typed);
    assert_eq!(out.status, 200);
    assert!(out.header("set-cookie").starts_with("__Host-krok_desk=;"));
    assert_eq!(http(port, "GET", "/", Some(&cookie), "").status, 401);
}

#[test]
fn signing_out_on_every_device_ends_the_desk_in_another_browser() {
    let (api, data, _settings, file) = caseworker_settings();
    let (_krok, port, _) = krok_with_settings(&api, data.path(), &file);
    let laptop = sign_in(port, &desk_link(&api));
    let phone = sign_in(port, &desk_link(&api));
    let page = http(port, "GET", "/", Some(&phone), "");
    assert!(
        page.body.contains("name=\"everywhere\""),
        "the button is on every page"
    );
    let unused = desk_link(&api);
    let form = form_encode(&[("csrf", &csrf_of(&page.body)), ("everywhere", "1")]);
    let out = http(port, "POST", "/logout", Some(&phone), &form);
    assert_eq!(out.status, 200);
    assert!(out.body.contains("innej przeglądarce"), "{}", out.body);
    for cookie in [&laptop, &phone] {
        assert_eq!(http(port, "GET", "/", Some(cookie), "").status, 401);
    }
    let token = unused.split("token=").nth(1).unwrap();
    let login = form_encode(&[("token", token)]);
    assert_ne!(
        http(port, "POST", "/login", None, &login).status,
        303,
        "a link from before is void"
    );

    // A plain sign-out ends only the browser it comes from.
    let laptop = sign_in(port, &desk_link(&api));
    let phone = sign_in(port, &desk_link(&api));
    let page = http(port, "GET", "/", Some(&phone), "");
    let form = form_encode(&[("csrf", &csrf_of(&page.body))]);
    assert_eq!(
        http(port, "POST", "/logout", Some(&phone), &form).status,
        200
    );
    assert_eq!(http(port, "GET", "/", Some(&phone), "").status, 401);
    assert_eq!(http(port, "GET", "/", Some(&laptop), "").status, 200);
}

/// `/forget` deletes everything about whoever asks, a caseworker too: a desk left open in a
/// browser, or a sign-in link not used yet, would still be them.
#[test]
fn a_caseworkers_forget_ends_their_desk_everywhere() {
    let (api, data, _settings, file) = caseworker_settings();
    let (_krok, port, _) = krok_with_settings(&api, data.path(), &file);
    let laptop = sign_in(port, &desk_link(&api));
    let unused = desk_link(&api);
    assert_eq!(http(port, "GET", "/", Some(&laptop), "").status, 200);
    let before = api.wait_messages(CASEWORKER, 0, WAIT).len();
    api.send_text(CASEWORKER, "pl", "/forget");
    let said = api.wait_messages(CASEWORKER, before + 1, WAIT);
    assert!(
        said[before].text.contains("Usunięto wszystko"),
        "{}",
        said[before].text
    );
    assert_eq!(http(port, "GET", "/", Some(&laptop), "").status, 401);
    let token = unused.split("token=").nth(1).unwrap();
    let login = form_encode(&[("token", token)]);
    assert_ne!(http(port, "POST", "/login", None, &login).status, 303);
    // Still a caseworker: a new link opens the desk again.
    let again = sign_in(port, &desk_link(&api));
    assert_eq!(http(port, "GET", "/", Some(&again), "").status, 200);
}

#[test]
fn the_warnings_of_the_content_in_use_are_logged_and_on_the_desk() {
    let (api, data, settings, file) = caseworker_settings();
    let content = settings.path();
    copy_dir(&root().join("dialogs"), &content.join("dialogs"));
    copy_dir(&root().join("locales"), &content.join("locales"));
    // Notepad's "Text documents" save: the change in it is not read.
    std::fs::copy(
        content.join("dialogs/services.toml"),
        content.join("dialogs/services.toml.txt"),
    )
    .unwrap();
    let log_path = data.path().join("krok.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let dialogs = content.join("dialogs");
    let locales = content.join("locales");
    let (_krok, port, _) = krok_with(
        &api,
        data.path(),
        &file,
        &[
            ("KROK_DIALOGS_DIR", dialogs.to_str().unwrap()),
            ("KROK_LOCALES_DIR", locales.to_str().unwrap()),
        ],
        log.into(),
    );
    let cookie = sign_in(port, &desk_link(&api));
    let page = http(port, "GET", "/content?lang=en", Some(&cookie), "");
    assert!(
        page.body.contains("Warnings in the content in use"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("services.toml.txt:1: warning: this file is not read"),
        "{}",
        page.body
    );
    let logged = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        logged.contains("the content has a warning") && logged.contains("services.toml.txt"),
        "{logged}"
    );
    // A step renamed without its old id kept: the cards printed for it are dead, and the
    // desk's content page says so, where the team that printed them looks.
    let flow = std::fs::read_to_string(dialogs.join("flow.toml")).unwrap();
    let line = 1 + flow
        .lines()
        .position(|l| l == "id = \"legal_advice\"")
        .unwrap();
    for file in ["flow.toml", "triage.toml"] {
        let path = dialogs.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let renamed = text
            .replace("id = \"legal_advice\"", "id = \"legal_free\"")
            .replace("goto = \"legal_advice\"", "goto = \"legal_free\"");
        std::fs::write(&path, renamed).unwrap();
    }
    super::support::wait_for("the desk to say the step is gone", || {
        http(port, "GET", "/content?lang=en", Some(&cookie), "")
            .body
            .contains(&format!(
                "flow.toml:{line}: warning: the step `legal_advice` is gone"
            ))
    });
}

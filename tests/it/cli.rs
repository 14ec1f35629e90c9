//! The `krok` binary as an editor or operator runs it.

use std::io::Write;
use std::process::Command;

use super::bounded::{self, PROCESS_LIMIT};
use super::support::{krok_bin, root};

fn krok(args: &[&str], env: &[(&str, &str)], stdin: &str) -> (i32, String, String) {
    run(command(args, env), args, stdin)
}

fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(krok_bin());
    cmd.args(args).current_dir(root());
    for var in krok::config::ENV_VARS {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd
}

fn run(mut cmd: Command, args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = bounded::output(
        &mut cmd,
        stdin.as_bytes(),
        PROCESS_LIMIT,
        &format!("krok {args:?}"),
    );
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

/// `krok check` on the content in these folders.
fn check_args(dialogs: &std::path::Path, locales: &std::path::Path) -> [String; 5] {
    let path = |p: &std::path::Path| p.to_str().unwrap().to_owned();
    [
        "check".into(),
        "--dialogs".into(),
        path(dialogs),
        "--locales".into(),
        path(locales),
    ]
}

#[test]
fn check_passes_on_the_shipped_content() {
    let (code, out, _) = krok(&["check"], &[], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("krok check: ok"), "{out}");
}

#[test]
fn check_fails_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let flow = std::fs::read_to_string(root().join("dialogs/flow.toml")).unwrap();
    std::fs::create_dir(dir.path().join("dialogs")).unwrap();
    for f in ["services.toml", "triage.toml"] {
        std::fs::copy(
            root().join("dialogs").join(f),
            dir.path().join("dialogs").join(f),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("dialogs/flow.toml"),
        flow.replace("goto = \"donate_host\"", "goto = \"donate_hots\""),
    )
    .unwrap();
    let dialogs = dir.path().join("dialogs");
    let (code, out, _) = krok(
        &["check"],
        &[("KROK_DIALOGS_DIR", dialogs.to_str().unwrap())],
        "",
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("flow.toml:") && out.contains("leads to node `donate_hots`"),
        "{out}"
    );
}

/// An editor's copy checked by naming its folders: the answer says which folders it checked,
/// warns of files that are not read (Notepad's `.toml.txt`, a copy), and a file saved in
/// another encoding than UTF-8 is named at the line of its first foreign letter, with how to fix it.
#[test]
fn check_names_its_folders_and_the_files_it_cannot_use() {
    let copy = super::ops::content_copy();
    let (dialogs, locales) = (copy.path().join("dialogs"), copy.path().join("locales"));
    std::fs::copy(
        dialogs.join("services.toml"),
        dialogs.join("services.toml.txt"),
    )
    .unwrap();
    std::fs::copy(dialogs.join("flow.toml"), dialogs.join("flow - kopia.toml")).unwrap();
    let args = check_args(&dialogs, &locales);
    let args = args.each_ref().map(String::as_str);
    let (code, out, _) = krok(&args, &[], "");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("services.toml.txt:1: warning: this file is not read"),
        "{out}"
    );
    assert!(
        out.contains("flow - kopia.toml:1: warning: this file is not read"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "(checked {} and {})",
            dialogs.display(),
            locales.display()
        )),
        "{out}"
    );
    // A copy beside a language's file, Windows Explorer's way, is not read (it would define
    // every message twice); nor is a language Krok does not speak.
    std::fs::copy(
        locales.join("uk/flow.ftl"),
        locales.join("uk/flow - kopia.ftl"),
    )
    .unwrap();
    std::fs::create_dir(locales.join("de")).unwrap();
    std::fs::copy(locales.join("en/flow.ftl"), locales.join("de/flow.ftl")).unwrap();
    let (code, out, _) = krok(&args, &[], "");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("uk/flow - kopia.ftl:1: warning: this file is not read")
            && out.contains("de:1: warning: this folder is not read")
            && !out.contains("duplicate"),
        "{out}"
    );
    // "Ośrodek" in Windows-1250 on the third line after the file's own.
    let services = locales.join("pl/services.ftl");
    let mut text = std::fs::read(&services).unwrap();
    let lines = text.iter().filter(|b| **b == b'\n').count();
    text.extend_from_slice(b"# notes\nsvc-x = a\n    O");
    text.push(0x9c);
    text.extend_from_slice(b"rodek\n");
    std::fs::write(&services, text).unwrap();
    let (code, out, _) = krok(&args, &[], "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "pl/services.ftl:{}: the file is not saved as UTF-8",
            lines + 3
        )) && out.contains("warning: message `svc-x` is not used by any step"),
        "{out}"
    );
}

/// A language's folder missing (deleted, or not copied to the server) is said once, and the
/// rest is still checked: a wrong option in the flow is named in the same run.
#[test]
fn a_missing_language_folder_is_said_once_and_the_rest_still_checked() {
    let copy = super::ops::content_copy();
    let (dialogs, locales) = (copy.path().join("dialogs"), copy.path().join("locales"));
    std::fs::remove_dir_all(locales.join("ru")).unwrap();
    let flow = std::fs::read_to_string(dialogs.join("flow.toml")).unwrap();
    let broken = flow.replacen("goto = \"", "goto = \"no-such-step-", 1);
    assert_ne!(flow, broken);
    std::fs::write(dialogs.join("flow.toml"), broken).unwrap();
    let args = check_args(&dialogs, &locales);
    let args = args.each_ref().map(String::as_str);
    let (code, out, _) = krok(&args, &[], "");
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.matches("locale ru has no texts (the folder is missing or empty)")
            .count(),
        1,
        "{out}"
    );
    assert!(out.contains("no-such-step-"), "{out}");
    assert!(!out.contains("is missing in locale ru"), "{out}");
}

/// A Krok that takes the health check's connection and never answers (wedged) is said to be
/// so in words, for `docker inspect`, not as an errno.
#[test]
fn a_health_endpoint_that_never_answers_is_said_so() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let listen = listener.local_addr().unwrap().to_string();
    let (code, out, err) = krok(&["health"], &[("KROK_HEALTH_LISTEN", &listen)], "");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!(
            "{listen} took the connection but did not answer /healthz within 5 s"
        )),
        "{err}"
    );
    drop(listener);
}

/// A dialog file that is not TOML stops its own checks, not those of the locales: a message
/// one language lacks is said in the same run.
#[test]
fn a_broken_flow_does_not_hide_a_missing_translation() {
    let copy = super::ops::content_copy();
    let (dialogs, locales) = (copy.path().join("dialogs"), copy.path().join("locales"));
    let flow = dialogs.join("flow.toml");
    let broken = std::fs::read_to_string(&flow).unwrap() + "\nbroken = [\n";
    std::fs::write(&flow, broken).unwrap();
    let core = locales.join("pl/core.ftl");
    let text = std::fs::read_to_string(&core).unwrap();
    let without: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("nav-back ="))
        .collect();
    std::fs::write(&core, without.join("\n") + "\n").unwrap();
    let args = check_args(&dialogs, &locales);
    let args = args.each_ref().map(String::as_str);
    let (code, out, _) = krok(&args, &[], "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("flow.toml:") && out.contains("message `nav-back` is missing in locale pl"),
        "{out}"
    );
}

#[test]
fn triage_prints_pattern_and_place() {
    let (code, out, _) = krok(&["triage", "I want to kill myself"], &[], "");
    assert_eq!(code, 0);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("crisis ") && first.contains("dialogs/triage.toml:"),
        "{out}"
    );
    let (_, out, _) = krok(&["triage", "where is the tram stop"], &[], "");
    assert_eq!(out.trim(), "none");
}

/// An evaluation set labelled with a kind Krok has not (`none` for "no crisis") would count
/// every such message as a missed crisis: every such label is named with its line, and
/// nothing is measured.
#[test]
fn triage_eval_refuses_labels_it_does_not_know() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.tsv");
    std::fs::write(
        &set,
        "kind\tlang\ttext\nnone\ten\thello there\nself-harm\tuk\tхочу вмерти\nbenign\tde\thallo\n",
    )
    .unwrap();
    let path = set.to_str().unwrap();
    let (code, out, err) = krok(&["triage", "--eval", path], &[], "");
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty(), "nothing measured: {out}");
    for expected in [
        "set.tsv: line 2: unknown label `none`",
        "or `benign` for a message that is no crisis",
        "set.tsv: line 4: unknown language `de`",
        "2 problem(s)",
    ] {
        assert!(err.contains(expected), "{expected}: {err}");
    }
    std::fs::write(&set, "kind\tlang\ttext\nbenign\ten\thello there\n").unwrap();
    let (code, out, err) = krok(&["triage", "--eval", path], &[], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("triage on 1 labelled messages"), "{out}");
}

#[test]
fn console_works_in_a_pipe() {
    let (code, out, _) = krok(&["console", "--lang", "uk"], &[], "/start\n1\n");
    assert_eq!(code, 0);
    assert!(
        out.contains("112") && out.contains("+48 12 421 92 82"),
        "{out}"
    );
}

#[test]
fn run_without_tokens_is_the_console_with_sled() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let env = [("KROK_DATA_DIR", data.to_str().unwrap())];
    let (code, out, err) = krok(&[], &env, "/start legal-en\n1\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("510 080 765"), "{out}");
    let (_, out, _) = krok(&["run"], &env, "/back\n");
    assert!(
        out.contains("Free legal advice"),
        "the session was kept on disk: {out}"
    );
    // A container whose token was not mounted: no terminal, no input, nothing to serve.
    let (code, _, err) = krok(&["run"], &env, "");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("no telegram_token or matrix_homeserver is set")
            && err.contains("nothing to serve"),
        "{err}"
    );
}

#[test]
fn a_bad_setting_is_one_clear_message() {
    let (code, _, err) = krok(&["check"], &[("KROK_TELEGRAM_TOKENS", "x")], "");
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "krok: KROK_TELEGRAM_TOKENS: unknown setting; did you mean KROK_TELEGRAM_TOKEN?"
    );
    let (code, _, err) = krok(&["check"], &[("KROK_SESSION_TTL_DAYS", "thirty")], "");
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "krok: KROK_SESSION_TTL_DAYS: expected a whole number of days (the value is not repeated)"
    );
    let (code, _, err) = krok(&["--config", "/nonexistent/krok.toml", "check"], &[], "");
    assert_eq!(code, 1);
    assert!(
        err.contains("cannot read config file /nonexistent/krok.toml"),
        "{err}"
    );
    assert_eq!(
        err.matches("No such file or directory").count(),
        1,
        "said once: {err}"
    );
}

#[test]
fn config_file_then_environment() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("krok.toml");
    std::fs::write(&file, "session_ttl_days = 7\ndata_dir = \"/srv/krok\"\n").unwrap();
    let env = [("KROK_SESSION_TTL_DAYS".to_string(), "9".to_string())];
    let config = krok::config::Config::load_from(Some(&file), env).unwrap();
    assert_eq!(config.session_ttl_days, 9, "environment wins over the file");
    assert_eq!(
        config.data_dir,
        std::path::PathBuf::from("/srv/krok"),
        "file wins over defaults"
    );
    std::fs::write(&file, "sesion_ttl_days = 7\n").unwrap();
    let err = krok::config::Config::load_from(Some(&file), [])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "krok.toml:1: sesion_ttl_days: unknown setting; did you mean `session_ttl_days`?"
        ),
        "{err}"
    );
}

/// Every setting that cannot be read is reported in one go, at its line, with the file's
/// other mistakes, the environment's and the range checks; a value given where a secret
/// belongs is never repeated.
#[test]
fn every_unreadable_setting_is_reported_at_once_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("krok.toml");
    std::fs::write(
        &file,
        "# Krok\nsesion_ttl_days = 7\nstats_keep_days = \"a year\"\n\
         telegram_token = 123456789\nreload_on_change = \"yes\"\n\
         desk_idle_minutes = -5\ntelegram_per_second = 0\n",
    )
    .unwrap();
    let env = [("KROK_STATS_MIN_COUNT".to_string(), "five".to_string())];
    let err = krok::config::Config::load_from(Some(&file), env)
        .unwrap_err()
        .to_string();
    let shown = file.display().to_string();
    for expect in [
        format!("{shown}:2: sesion_ttl_days: unknown setting; did you mean `session_ttl_days`?"),
        format!(
            "{shown}:3: stats_keep_days: expected a whole number from 0 to 4294967295, got text"
        ),
        format!("{shown}:4: telegram_token: expected text in quotes, got a number"),
        format!("{shown}:5: reload_on_change: expected true or false, got text"),
        format!(
            "{shown}:6: desk_idle_minutes: expected a whole number from 0 to 4294967295, got a number out of range"
        ),
        "KROK_STATS_MIN_COUNT: expected a whole number of people (the value is not repeated)"
            .to_owned(),
        // A value out of range, at its line too.
        format!("{shown}:7: telegram_per_second: 0"),
    ] {
        assert!(err.contains(&expect), "{expect}\nin:\n{err}");
    }
    assert!(err.contains("7 problem(s)"), "{err}");
    assert!(
        !err.contains("123456789"),
        "the token is not repeated: {err}"
    );
    // No limit only against a Bot API server of one's own: Telegram's address is not one.
    let limit = |url: &str| {
        std::fs::write(
            &file,
            format!("telegram_api_url = \"{url}\"\ntelegram_per_second = 0\n"),
        )
        .unwrap();
        krok::config::Config::load_from(Some(&file), Vec::<(String, String)>::new()).map(|_| ())
    };
    let Err(refused) = limit("https://api.telegram.org") else {
        panic!("no limit against Telegram itself");
    };
    assert!(
        refused.to_string().contains("telegram_per_second: 0"),
        "{refused}"
    );
    assert!(
        limit("http://127.0.0.1:8081").is_ok(),
        "a server of one's own"
    );
}

#[test]
fn harmful_settings_are_all_refused_at_start_each_with_its_name_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("krok.toml");
    std::fs::write(
        &file,
        "session_ttl_days = 0\ntelegram_per_second = 0\nstats_min_count = 0\n\
         telegram_poll_timeout_secs = 100000\ncaseworkers = [\"12345\"]\n\
         telegram_webhook_url = \"http://bot.example.org/telegram\"\n\
         telegram_webhook_secret = \"has a space\"\nhealth_listen = \"everywhere\"\n\
         desk_listen = \"0.0.0.0:8090\"\ndesk_public_url = \"http://desk.example.org\"\n\
         desk_idle_minutes = 0\n",
    )
    .unwrap();
    let out = bounded::output(
        Command::new(krok_bin())
            .args(["--config", file.to_str().unwrap(), "run"])
            .current_dir(root())
            .env_clear()
            .env("KROK_TELEGRAM_TOKEN", " ")
            .env("KROK_DATA_DIR", dir.path().join("data")),
        b"",
        PROCESS_LIMIT,
        "krok run with bad settings",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for setting in [
        "session_ttl_days: 0",
        "telegram_per_second: 0",
        "stats_min_count: 0",
        "telegram_poll_timeout_secs: 100000",
        "caseworkers: `12345`",
        "telegram_webhook_url: `http://bot.example.org/telegram` must be https://",
        "telegram_webhook_secret: must be",
        "health_listen: `everywhere`",
        "telegram_token: is empty",
        "desk_public_url: `http://desk.example.org` is not https",
        "desk_idle_minutes: 0",
    ] {
        assert!(err.contains(setting), "{setting} in: {err}");
    }
    assert!(err.contains("11 problem(s)"), "all at once: {err}");
    // In the order of the file's lines, as an editor goes through them.
    let prefix = format!("  {}:", file.display());
    let lines: Vec<u32> = err
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect();
    assert!(lines.len() > 3, "{err}");
    assert!(lines.is_sorted(), "{lines:?} in: {err}");
    assert!(!dir.path().join("data").exists(), "nothing started");
}

/// Every setting `Config` reads from the environment is in `ENV_VARS`, so the "unknown
/// setting" answer lists it and the tests clear it from the environment they inherit.
#[test]
fn every_environment_setting_read_is_listed() {
    let source = std::fs::read_to_string(root().join("src/config/mod.rs")).unwrap();
    let read: Vec<&str> = source
        .split('"')
        .filter(|s| {
            s.len() > 5
                && s.starts_with("KROK_")
                && s.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        })
        .collect();
    assert!(read.len() >= 20, "{read:?}");
    for name in read {
        assert!(
            krok::config::ENV_VARS.contains(&name),
            "{name} is not in ENV_VARS"
        );
    }
}

/// An offline command run as another user than the data folder's owner (root during
/// maintenance) is refused, saying whose folder it is, and writes nothing there.
#[test]
fn another_user_than_the_data_folders_owner_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    // SAFETY: geteuid has no preconditions.
    let me = unsafe { libc::geteuid() };
    let other = if me == 0 { 65534 } else { 0 };
    // Only root can give the folder away; the suite runs as root in CI and here.
    if std::os::unix::fs::chown(&data, Some(other), None).is_err() {
        eprintln!("not root: the folder cannot be given to another user; nothing to check");
        return;
    }
    let env = [("KROK_DATA_DIR", data.to_str().unwrap())];
    let (code, _, err) = krok(&["bookings", "--date", "2026-12-03"], &env, "");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("belongs to user id {other}")),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(&data).unwrap().count(),
        0,
        "nothing written"
    );
}

/// A file root left in the data folder (a restored backup, a command run as root) stops Krok
/// running as the folder's owner: the error names the file's owner and the fix, not only
/// "Permission denied".
#[test]
fn a_file_another_user_left_in_the_data_folder_is_named_with_the_fix() {
    use std::os::unix::{fs::PermissionsExt, process::CommandExt};
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("not root: no other user to run as; nothing to check");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::os::unix::fs::chown(&data, Some(65534), Some(65534)).unwrap();
    let env = [("KROK_DATA_DIR", data.to_str().unwrap())];
    let as_nobody = |args: &[&str], stdin: &str| {
        let mut cmd = command(args, &env);
        cmd.uid(65534).gid(65534);
        run(cmd, args, stdin)
    };
    let (code, _, err) = as_nobody(&["console", "--store", "sled"], "/start\n");
    assert_eq!(code, 0, "{err}");
    std::os::unix::fs::chown(data.join("queue.sent"), Some(0), Some(0)).unwrap();

    let (code, _, err) = as_nobody(&["bookings", "--date", "2026-12-03"], "");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("belongs to user id 0, not to Krok's user 65534") && err.contains("chown"),
        "{err}"
    );
}

/// `krok health` pointed at something that is not Krok's health endpoint says what answered;
/// a data folder that is a file is said once, without blaming another `krok run`.
#[test]
fn operator_mistakes_are_said_plainly() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        use std::io::Read;
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 512];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n");
        }
    });
    // A typo in the settings since Krok started does not stop the check: it asks all the same.
    let env = [
        ("KROK_HEALTH_LISTEN", address.as_str()),
        ("KROK_SESSION_TTL_DAYS", "thirty"),
    ];
    let (code, _, err) = krok(&["health"], &env, "");
    assert_eq!(code, 1);
    assert!(
        err.contains("answered `HTTP/1.1 404 Not Found`") && err.contains("health_listen"),
        "{err}"
    );
    assert!(
        err.contains("warning: the settings have problems")
            && err.contains("KROK_SESSION_TTL_DAYS"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data");
    std::fs::write(&file, "not a folder").unwrap();
    let env = [("KROK_DATA_DIR", file.to_str().unwrap())];
    let (code, _, err) = krok(&["console", "--store", "sled"], &env, "/start\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert!(!err.contains("krok run` using it"), "{err}");
}

/// Started elsewhere than its folders, Krok says where it looked and what to set; an empty
/// environment variable (a placeholder left in a compose file) is no setting.
#[test]
fn a_folder_that_is_not_there_is_named_whole_and_an_empty_variable_is_unset() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("nowhere");
    let env = [("KROK_DIALOGS_DIR", elsewhere.to_str().unwrap())];
    let (code, out, err) = krok(&["check"], &env, "");
    assert_eq!(code, 1);
    let said = format!("{out}{err}");
    assert!(
        said.contains(&format!("no such folder ({})", elsewhere.display()))
            && said.contains("KROK_DIALOGS_DIR"),
        "{said}"
    );
    let placeholders = [("KROK_DESK_LISTEN", ""), ("KROK_DESK_PUBLIC_URL", "")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
    let config = krok::config::Config::load_from(None, placeholders).expect("no desk");
    assert_eq!(config.desk_public_url, None);
    // `KROK_CONFIG=` from a compose file: no file named, ./krok.toml as without it.
    let (code, out, err) = krok(&["check"], &[("KROK_CONFIG", "")], "");
    assert_eq!(code, 0, "{out}{err}");
}

/// A secret mounted as a file (Docker's and Kubernetes' way) is read from it, its line end
/// dropped; a file that cannot be read, a secret given both ways, and both Matrix log-ins
/// are refused at start, naming the variable and never the secret.
#[test]
fn secrets_come_from_files_and_a_doubtful_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("telegram_token");
    std::fs::write(&file, "123:abc-secret\n").unwrap();
    let path = file.to_str().unwrap().to_owned();
    let env = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>()
    };
    let config = krok::config::Config::load_from(None, env(&[("KROK_TELEGRAM_TOKEN_FILE", &path)]))
        .expect("a token from a file");
    use secrecy::ExposeSecret;
    assert_eq!(
        config.telegram_token.unwrap().expose_secret(),
        "123:abc-secret"
    );
    let refused = |pairs: &[(&str, &str)]| {
        krok::config::Config::load_from(None, env(pairs))
            .map(|_| ())
            .unwrap_err()
            .to_string()
    };
    let both = refused(&[
        ("KROK_TELEGRAM_TOKEN_FILE", &path),
        ("KROK_TELEGRAM_TOKEN", "123:abc-secret"),
    ]);
    assert!(
        both.contains("KROK_TELEGRAM_TOKEN_FILE: KROK_TELEGRAM_TOKEN is set too"),
        "{both}"
    );
    // Spaces around it (`echo "$T " > file`) are no part of a secret; an empty placeholder
    // beside the file is no setting.
    std::fs::write(&file, "123:abc-secret \r\n").unwrap();
    let config = krok::config::Config::load_from(
        None,
        env(&[
            ("KROK_TELEGRAM_TOKEN_FILE", &path),
            ("KROK_TELEGRAM_TOKEN", ""),
        ]),
    )
    .expect("an empty placeholder is not set");
    assert_eq!(
        config.telegram_token.unwrap().expose_secret(),
        "123:abc-secret"
    );
    let placeholder =
        krok::config::Config::load_from(None, env(&[("KROK_MATRIX_PASSWORD_FILE", "")]));
    assert!(placeholder.is_ok(), "an empty _FILE is not set");
    let missing = dir.path().join("nowhere").display().to_string();
    let unread = refused(&[("KROK_MATRIX_PASSWORD_FILE", &missing)]);
    assert!(
        unread.contains(&format!("KROK_MATRIX_PASSWORD_FILE: cannot read {missing}")),
        "{unread}"
    );
    // A pipe would block the start for ever, a folder or a device is no secret; a link to a
    // file (as Kubernetes mounts secrets) is read.
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    for special in [fifo.display().to_string(), dir.path().display().to_string()] {
        let said = refused(&[("KROK_MATRIX_PASSWORD_FILE", &special)]);
        assert!(
            said.contains(&format!(
                "KROK_MATRIX_PASSWORD_FILE: {special} is not a regular file"
            )),
            "{said}"
        );
    }
    let link = dir.path().join("linked");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    let linked = krok::config::Config::load_from(
        None,
        env(&[("KROK_TELEGRAM_TOKEN_FILE", link.to_str().unwrap())]),
    )
    .expect("a token through a symbolic link");
    assert_eq!(
        linked.telegram_token.unwrap().expose_secret(),
        "123:abc-secret"
    );
    let matrix = refused(&[
        ("KROK_MATRIX_HOMESERVER", "https://matrix.example.org"),
        ("KROK_MATRIX_USER", "@krok:example.org"),
        ("KROK_MATRIX_PASSWORD", "hunter2-secret"),
        ("KROK_MATRIX_ACCESS_TOKEN", "syt_secret"),
        ("KROK_MATRIX_STORE_PASSPHRASE", "passphrase-secret"),
    ]);
    assert!(
        matrix.contains("matrix_access_token: is set beside matrix_password"),
        "{matrix}"
    );
    for said in [both, unread, matrix] {
        for secret in ["abc-secret", "hunter2", "syt_", "passphrase-secret"] {
            assert!(!said.contains(secret), "{said}");
        }
    }
}

/// A second Krok on a data folder another has open is told so in plain words, not with the
/// operating system's debug text.
#[test]
fn a_data_folder_in_use_is_said_plainly() {
    let api = super::botapi::BotApi::start(false);
    let data = tempfile::tempdir().unwrap();
    let _running = super::telegram::Krok::start(&api, data.path(), &[]);
    // Polling, so it holds the folder: a second start racing it might take it first and then
    // serve (the first one failing), and this test would wait on it.
    super::support::wait_for("the first krok run to poll", || api.get_updates_calls() > 0);
    let dir = data.path().to_str().unwrap();
    let env = [
        ("KROK_DATA_DIR", dir),
        ("KROK_TELEGRAM_TOKEN", super::botapi::TOKEN),
        ("KROK_TELEGRAM_API_URL", api.url.as_str()),
        ("KROK_HEALTH_LISTEN", ""),
    ];
    let (code, _, err) = krok(&["run"], &env, "");
    assert_eq!(code, 1);
    assert!(
        err.contains("another Krok process has it open (is `krok run` using it?)")
            && !err.contains("Os {"),
        "{err}"
    );
}

/// Wrong settings and a broken dialog file are reported by one start, each at its file and
/// line: the content is checked with the folders the settings name, not only once the
/// settings are fixed.
#[test]
fn wrong_settings_and_broken_content_are_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = dir.path().join("dialogs");
    super::content::copy_dir(&root().join("dialogs"), &dialogs);
    let flow = std::fs::read_to_string(dialogs.join("flow.toml")).unwrap();
    std::fs::write(
        dialogs.join("flow.toml"),
        flow.replace("goto = \"donate_host\"", "goto = \"donate_hots\""),
    )
    .unwrap();
    let config = dir.path().join("krok.toml");
    std::fs::write(
        &config,
        format!(
            "dialogs_dir = \"{}\"\nsession_ttl_days = 0\n",
            dialogs.display()
        ),
    )
    .unwrap();
    let data = dir.path().join("data");
    let env = [("KROK_DATA_DIR", data.to_str().unwrap())];
    let config = config.to_str().unwrap();
    let (code, out, err) = krok(&["--config", config, "check"], &env, "");
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!("{config}:2: session_ttl_days: 0")),
        "{err}"
    );
    assert!(
        out.contains("flow.toml:") && out.contains("leads to node `donate_hots`"),
        "{out}"
    );
    assert!(
        out.contains("krok check: 2 error(s)")
            && out.contains("and the settings have 1 problem(s), above"),
        "{out}"
    );
    for command in [
        &["--config", config, "run"][..],
        &["--config", config, "console"],
    ] {
        let (code, _, err) = krok(command, &env, "/start\n");
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains(&format!("{config}:2: session_ttl_days: 0")),
            "{err}"
        );
        assert!(err.contains("leads to node `donate_hots`"), "{err}");
        assert!(err.contains("the content has 2 error(s) too"), "{err}");
        assert!(!data.exists(), "nothing started: {err}");
    }
    // Right content, wrong settings: `check` says which is which.
    let (code, out, _) = krok(
        &["check"],
        &[
            ("KROK_SESSION_TTL_DAYS", "0"),
            ("KROK_DATA_DIR", data.to_str().unwrap()),
        ],
        "",
    );
    assert_eq!(code, 1);
    assert!(out.contains("krok check: the content is ok:"), "{out}");
}

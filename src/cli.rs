//! The `krok` command line: `run` (default), `console`, `check`, `triage`, `link`, `export`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::adapters::console;
use crate::app::App;
use crate::config::{Config, ConfigError};
use crate::core::lang::Lang;
use crate::core::triage::Kind;
use crate::files::load_content;
use crate::ops::admin;
use crate::setup::{content, open_store};
use crate::store::{MemoryStore, TurnStore};

#[derive(Parser)]
#[command(
    name = "krok",
    version,
    about = "Krok: guides people in Kraków to crisis lines, legal advice and donation points"
)]
struct Cli {
    /// Config file (default: $KROK_CONFIG when set and not empty, else ./krok.toml when
    /// present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Serve the configured platforms; with no platform tokens, the console on stdin/stdout.
    Run,
    /// Talk to the bot in this terminal (or through a pipe).
    Console {
        /// Language to start in (uk, pl, en, ru); without it the bot asks.
        #[arg(long)]
        lang: Option<String>,
        /// Where sessions are kept.
        #[arg(long, value_enum, default_value_t = StoreKind::Memory)]
        store: StoreKind,
    },
    /// Validate dialogs and locales; exit 1 on any error.
    Check {
        /// The dialogs folder to check (default: `dialogs_dir` of the config, KROK_DIALOGS_DIR,
        /// or `dialogs`).
        #[arg(long, value_name = "DIR")]
        dialogs: Option<PathBuf>,
        /// The locales folder to check (default: `locales_dir`, KROK_LOCALES_DIR, or `locales`).
        #[arg(long, value_name = "DIR")]
        locales: Option<PathBuf>,
    },
    /// Show which crisis or intent patterns a text matches; with --eval, measure triage on a
    /// labelled set (recall and false alarms per language and kind).
    Triage {
        text: Option<String>,
        /// Tab-separated files `kind lang text` (e.g. tests/triage_eval*.tsv), measured as one
        /// set, after a header line. `kind` is a crisis kind of dialogs/triage.toml, or `benign`
        /// for a message that is no crisis; `lang` is uk, pl, en, ru, uk-lat, ru-lat (written in
        /// Latin letters) or mixed. Unknown labels are all listed and nothing is measured.
        #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "text")]
        eval: Vec<PathBuf>,
    },
    /// Print the links that open a step in a language with a referral tag, on every platform.
    Link {
        /// The step (node id in dialogs/flow.toml), e.g. legal_advice.
        node: String,
        /// Language to open it in (uk, pl, en, ru); without it the person's own.
        #[arg(long)]
        lang: Option<String>,
        /// Referral tag counted with the visits, e.g. mops (A-Z, a-z, 0-9, _ and -).
        #[arg(long)]
        tag: Option<String>,
        /// Also write a QR code of the link, as .svg or .png.
        #[arg(long, value_name = "FILE")]
        qr: Option<PathBuf>,
        /// Also write a printable A6 card (.html) with the QR code and the crisis lines.
        #[arg(long, value_name = "FILE")]
        card: Option<PathBuf>,
    },
    /// Write the service directory as a printable page, for when the bot cannot be reached.
    Export {
        /// Language of the page (uk, pl, en, ru).
        #[arg(long)]
        lang: String,
        #[arg(long, value_enum, default_value_t = ExportFormat::Html)]
        format: ExportFormat,
        /// Where to write it (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Ask a running `krok run` whether it is healthy (for container health checks): prints
    /// its /healthz answer; exit 0 when healthy.
    Health,
    /// Daily demand figures (no personal data); counts below `stats_min_count` show as <N.
    /// Asks a running `krok run`, or reads the store when none runs.
    Stats {
        /// First day, as 2026-11-01, 1.11 (the last such day), yesterday (default: six days
        /// before --to).
        #[arg(long, value_parser = past_day)]
        from: Option<chrono::NaiveDate>,
        /// Last day, written the same ways (default: today in Kraków).
        #[arg(long, value_parser = past_day)]
        to: Option<chrono::NaiveDate>,
        /// Comma-separated values instead of a table.
        #[arg(long)]
        csv: bool,
    },
    /// List the consultation bookings of a day (asks a running `krok run`, or reads the store).
    Bookings {
        /// The day (Kraków time), as /day takes it: 2026-12-03, 3.12, 03.12.2026, today,
        /// tomorrow (default: today).
        #[arg(long, value_parser = day)]
        date: Option<chrono::NaiveDate>,
        /// Comma-separated values instead of a table.
        #[arg(long)]
        csv: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum StoreKind {
    Memory,
    Sled,
}

pub fn main() -> ExitCode {
    // Every file and folder Krok writes (sled, SQLite, sockets, caches) is private to its user.
    crate::store::private_umask();
    crate::store::survive_file_size_limit();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("krok: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // An empty `KROK_CONFIG=` (a placeholder left in a compose file) is not set, as for
    // every other `KROK_*` setting that names a file.
    let file = cli.config.clone().or_else(|| {
        std::env::var_os("KROK_CONFIG")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    });
    let command = cli.command.unwrap_or(Cmd::Run);
    let config = match Config::load(file.as_deref()) {
        Ok(config) => config,
        // The container's health check asks the running Krok, which keeps the settings it
        // started with: a typo made in the file since is a warning, not an unhealthy
        // container that the orchestrator restarts into that typo.
        Err(ConfigError::Invalid { read, problems })
            if matches!(command, Cmd::Health)
                && !problems.iter().any(|p| p.contains("health_listen")) =>
        {
            let wrong = ConfigError::Invalid {
                read: read.clone(),
                problems,
            };
            eprintln!(
                "krok: warning: the settings have problems; the running Krok keeps its own until restarted:\n{wrong}"
            );
            return crate::ops::probe(&read.health_listen);
        }
        Err(wrong @ ConfigError::Invalid { .. }) => return Ok(wrong_settings(&wrong, &command)),
        Err(e) => return Err(e.into()),
    };
    init_logging(interactive(&command, &config));
    let prints = matches!(
        command,
        Cmd::Check { .. }
            | Cmd::Triage { .. }
            | Cmd::Link { .. }
            | Cmd::Export { .. }
            | Cmd::Bookings { .. }
            | Cmd::Stats { .. }
    );
    if prints {
        // `krok triage … | head -1`: a reader that stops early ends the command quietly, as
        // for any command-line tool, instead of a panic. (Servers keep Rust's default: a
        // closed connection is an error to handle, not a reason to stop.)
        // SAFETY: setting a signal's disposition to the default has no preconditions.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    match command {
        Cmd::Check { dialogs, locales } => Ok(check(&config, dialogs, locales, 0)),
        Cmd::Triage { eval, .. } if !eval.is_empty() => triage_eval(&config, &eval),
        Cmd::Triage { text, .. } => triage(
            &config,
            &text.context("give a text to triage, or --eval FILE")?,
        ),
        Cmd::Link {
            node,
            lang,
            tag,
            qr,
            card,
        } => link(
            &config,
            crate::print::LinkArgs {
                node,
                lang,
                tag,
                qr,
                card,
            },
        ),
        Cmd::Export { lang, format, out } => export(&config, &lang, format, out.as_deref()),
        Cmd::Bookings { date, csv } => {
            let date =
                date.unwrap_or_else(|| crate::core::schedule::krakow_date(chrono::Utc::now()));
            bookings(&config, date, csv)
        }
        Cmd::Stats { from, to, csv } => stats(&config, from, to, csv),
        Cmd::Health => crate::ops::probe(&config.health_listen),
        Cmd::Console { lang, store } => run_console(&config, lang.as_deref(), store),
        Cmd::Run => {
            if config.telegram_token.is_some() || config.matrix_homeserver.is_some() {
                return run_platforms(&config, file.as_deref());
            }
            console_instead(&config)
        }
    }
}

/// Logs go to stderr; in the console they would mix with the conversation, so only warnings.
/// Colours only on a terminal (and not with `NO_COLOR`): a log file, `docker logs` or journald
/// get plain text.
/// Whether the command talks to someone at a terminal (warnings only by default) rather than
/// serves (starts, stops and the audit trail at info): `krok run` with no platform is the
/// console; with Matrix alone it serves as with Telegram.
fn interactive(command: &Cmd, config: &Config) -> bool {
    let platforms = config.telegram_token.is_some() || config.matrix_homeserver.is_some();
    matches!(command, Cmd::Console { .. }) || (matches!(command, Cmd::Run) && !platforms)
}

fn init_logging(interactive: bool) {
    let default = if interactive { "warn" } else { "info" };
    let asked = std::env::var("RUST_LOG")
        .ok()
        .filter(|v| !v.trim().is_empty());
    // A bare `debug` or `trace` is for Krok's own lines: other crates' lines at those levels
    // carry what Krok keeps out of its logs (sled logs every key it reads, and a session's
    // key is the person's id; HTTP clients log addresses and bodies). A crate named in
    // `RUST_LOG` gets what it asks for.
    let scoped = asked.as_deref().map(krok_only_below_info);
    let (filter, asked) = match scoped
        .as_deref()
        .map(tracing_subscriber::EnvFilter::try_new)
    {
        Some(Ok(filter)) => (filter, asked),
        // Unread, so not judged further: "logs nothing" after "logging at info" contradicts.
        Some(Err(error)) => {
            eprintln!("krok: RUST_LOG cannot be read ({error}); logging at {default}");
            (tracing_subscriber::EnvFilter::new(default), None)
        }
        None => (tracing_subscriber::EnvFilter::new(default), None),
    };
    for typo in asked
        .as_deref()
        .map(unknown_krok_targets)
        .unwrap_or_default()
    {
        eprintln!(
            "krok: RUST_LOG names {typo}, which no line of Krok's has (a misspelling?); its \
             targets are krok::audit and krok::<module>, such as krok::adapters or krok::desk"
        );
    }
    if let Some(asked) = asked.as_deref().filter(|a| !reaches_krok(a)) {
        eprintln!(
            "krok: RUST_LOG={asked} names no level (error, warn, info, debug, trace) and no krok \
             target, so Krok logs nothing, errors and the audit trail included; for example \
             RUST_LOG=warn,krok::audit=info"
        );
    }
    // The file watcher logs every change it sees at trace: with a log file beside the content
    // folders each line written would be a change, and a line about it, without end.
    let mut filter = filter.add_directive("notify=warn".parse().expect("a valid directive"));
    // matrix-sdk logs each sent event with the room's id at info (a direct chat's id is where
    // a person is reached), and an ERROR for every 404 it expects (no key backup yet, an
    // unencrypted room): its warnings and worse, and its HTTP client's own lines not at all
    // (Krok logs the failures it meets), unless RUST_LOG names matrix_sdk itself. Its key
    // backup warns every 10 s that there is no backup key (Krok keeps its keys in its own
    // store and sets up no server-side backup): about 8 600 lines a day of nothing to do.
    if !asked.as_deref().is_some_and(|a| a.contains("matrix_sdk")) {
        for quiet in [
            "matrix_sdk=warn",
            "matrix_sdk_base=warn",
            "matrix_sdk_crypto=warn",
            "matrix_sdk_crypto::backups=error",
            "matrix_sdk::http_client=off",
        ] {
            filter = filter.add_directive(quiet.parse().expect("a valid directive"));
        }
    }
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .try_init();
}

/// `RUST_LOG` with a bare `debug` or `trace` turned into `info` for every crate and that level for Krok's own targets: `trace` becomes
/// `info,krok=trace`. Directives naming a target are kept as written.
fn krok_only_below_info(directives: &str) -> String {
    directives
        .split(',')
        .map(|d| {
            let level = d.trim().to_ascii_lowercase();
            match level.as_str() {
                "debug" | "trace" => format!("info,krok={level}"),
                _ => d.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether a `RUST_LOG` value lets any of Krok's own lines through: a level alone, or a
/// directive for `krok` or one of its modules (`verbose`, a typo for a level, names a target
/// no line has).
fn reaches_krok(directives: &str) -> bool {
    const LEVELS: [&str; 6] = ["error", "warn", "info", "debug", "trace", "off"];
    directives.split(',').map(str::trim).any(|d| {
        let target = d.split('[').next().unwrap_or(d);
        let target = target.split('=').next().unwrap_or(target).trim();
        // `off` alone is meant.
        let level_only = LEVELS.contains(&target.to_ascii_lowercase().as_str()) && !d.contains('=');
        level_only || target == "krok" || target.starts_with("krok::")
    })
}

/// The `krok::…` targets of a `RUST_LOG` value that no line has: `krok::audti` would drop the
/// audit trail without a word.
fn unknown_krok_targets(directives: &str) -> Vec<&str> {
    const MODULES: [&str; 22] = [
        "audit", "adapters", "app", "booking", "cli", "config", "core", "csv", "desk", "files",
        "ops", "outbox", "pipeline", "print", "reload", "retry", "serve", "setup", "shutdown",
        "staff", "stats", "store",
    ];
    directives
        .split(',')
        .map(|d| d.split(['[', '=']).next().unwrap_or(d).trim())
        .filter(|target| {
            target
                .strip_prefix("krok::")
                .is_some_and(|rest| !MODULES.contains(&rest.split("::").next().unwrap_or(rest)))
        })
        .collect()
}

/// Settings that are wrong stop every command. Those that read the content (`run`, `check`,
/// `console`) check it all the same, with the folders the settings name, so that one start
/// reports the problems of both instead of the content's only once the settings are fixed.
fn wrong_settings(wrong: &ConfigError, command: &Cmd) -> ExitCode {
    eprintln!("krok: {wrong}");
    let ConfigError::Invalid { read, problems } = wrong else {
        return ExitCode::FAILURE;
    };
    match command {
        Cmd::Check { dialogs, locales } => {
            check(read, dialogs.clone(), locales.clone(), problems.len());
        }
        Cmd::Run | Cmd::Console { .. } => {
            if let Err(problems) = load_content(&read.dialogs_dir, &read.locales_dir) {
                eprint!("{problems}");
                eprintln!(
                    "krok: the content has {} error(s) too (checked {} and {})",
                    problems.error_count(),
                    read.dialogs_dir.display(),
                    read.locales_dir.display()
                );
            }
        }
        _ => {}
    }
    ExitCode::FAILURE
}

/// `krok check`; `settings` is how many problems the settings have (said above it).
fn check(
    config: &Config,
    dialogs: Option<PathBuf>,
    locales: Option<PathBuf>,
    settings: usize,
) -> ExitCode {
    let dialogs = dialogs.unwrap_or_else(|| config.dialogs_dir.clone());
    let locales = locales.unwrap_or_else(|| config.locales_dir.clone());
    // Which folders were checked: "ok" about the live folder while a copy was edited, or about
    // a folder found from the wrong working directory, would mislead.
    let shown = |dir: &std::path::Path| {
        std::path::absolute(dir)
            .map_or_else(|_| dir.display().to_string(), |d| d.display().to_string())
    };
    let checked = format!("checked {} and {}", shown(&dialogs), shown(&locales));
    let and_settings = match settings {
        0 => String::new(),
        n => format!("; and the settings have {n} problem(s), above"),
    };
    match load_content(&dialogs, &locales) {
        Ok(content) => {
            let today = chrono::Utc::now().date_naive();
            let stale = content.stale_services(today, config.verified_max_age_days.into());
            for p in content.warnings.0.iter().chain(&stale) {
                println!("{p}");
            }
            let (nodes, services) = (
                content.dialog.nodes().count(),
                content.services.iter().count(),
            );
            let warnings = content.warnings.0.len() + stale.len();
            if settings > 0 {
                println!(
                    "krok check: the content is ok: {nodes} nodes, {services} services, 4 locales; {warnings} warning(s) ({checked}){and_settings}"
                );
                return ExitCode::FAILURE;
            }
            println!(
                "krok check: ok: {nodes} nodes, {services} services, 4 locales; {warnings} warning(s) ({checked})"
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print!("{problems}");
            let errors = problems.error_count();
            println!("krok check: {errors} error(s) ({checked}){and_settings}");
            ExitCode::FAILURE
        }
    }
}

fn triage(config: &Config, text: &str) -> anyhow::Result<ExitCode> {
    let content = content(config)?;
    let rules = content.triage.explain(text);
    if rules.is_empty() {
        println!("none");
    }
    for r in rules {
        let kind = match r.kind {
            Kind::Crisis { .. } => "crisis",
            Kind::Intent { .. } => "intent",
        };
        println!("{kind} {} {}:{}", r.id, r.file, r.line);
    }
    Ok(ExitCode::SUCCESS)
}

fn triage_eval(config: &Config, files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let content = content(config)?;
    let mut cases = Vec::new();
    let kinds: Vec<&str> = content.triage.kinds.iter().map(|k| k.id.as_str()).collect();
    let mut problems = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let read = crate::core::triage_eval::parse(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let file = file.display();
        problems.extend(
            crate::core::triage_eval::check_labels(&read, &kinds)
                .into_iter()
                .map(|p| format!("{file}: {p}")),
        );
        cases.extend(read);
    }
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!(
            "krok triage --eval: {} problem(s) in the labels; nothing measured",
            problems.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    let report = crate::core::triage_eval::evaluate(&content.triage, &cases);
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    println!(
        "triage on {} labelled messages from {}\n",
        cases.len(),
        names.join(", ")
    );
    print!("{}", report.render());
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Html,
    Md,
}

fn link(config: &Config, args: crate::print::LinkArgs) -> anyhow::Result<ExitCode> {
    print!("{}", crate::print::link(config, &content(config)?, &args)?);
    Ok(ExitCode::SUCCESS)
}

fn export(
    config: &Config,
    lang: &str,
    format: ExportFormat,
    out: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let lang = Lang::from_code(lang)
        .with_context(|| format!("unknown language `{lang}`; use uk, pl, en or ru"))?;
    let format = match format {
        ExportFormat::Html => crate::print::Format::Html,
        ExportFormat::Md => crate::print::Format::Markdown,
    };
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Warsaw)
        .date_naive();
    let page = crate::print::export(&content(config)?, lang, format, today);
    match out {
        Some(path) => crate::print::write_shared(path, page.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => print!("{page}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn bookings(config: &Config, date: chrono::NaiveDate, csv: bool) -> anyhow::Result<ExitCode> {
    // A running `krok run` answers, and notes the view in its audit trail with the asking
    // user's id.
    let request = admin::Request::Bookings { date, csv };
    if let Some(answer) = admin::ask(&config.data_dir, &request) {
        print!("{}", answer?);
        return Ok(ExitCode::SUCCESS);
    }
    existing_data(config)?;
    // The list is needed most when the bot is down, read from wherever the operator is: the
    // content only names the kinds.
    let content = content(config)
        .inspect_err(|_| eprintln!("the content cannot be read here: kinds are shown by their id"))
        .ok();
    let list = open_store(config)?.bookings().day(date)?;
    // Names and phone numbers read from the folder itself: in the audit trail as the desk's and
    // the chat's views are, once the view is made (a refused one is no view).
    let uid = std::fs::metadata("/proc/self")
        .map_or(u32::MAX, |m| std::os::unix::fs::MetadataExt::uid(&m));
    tracing::info!(target: "krok::audit", action = "cli-view-day", uid, %date, csv);
    print!(
        "{}",
        admin::bookings_report(content.as_ref(), date, &list, csv)
    );
    Ok(ExitCode::SUCCESS)
}

fn stats(
    config: &Config,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    csv: bool,
) -> anyhow::Result<ExitCode> {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Warsaw)
        .date_naive();
    let to = to.unwrap_or(today);
    let from = match from {
        Some(from) => from,
        None => to
            .checked_sub_days(chrono::Days::new(6))
            .with_context(|| format!("--to {to} is too early a day"))?,
    };
    anyhow::ensure!(from <= to, "--from {from} is after --to {to}");
    let request = admin::Request::Stats { from, to, csv };
    if let Some(answer) = admin::ask(&config.data_dir, &request) {
        print!("{}", answer?);
        return Ok(ExitCode::SUCCESS);
    }
    existing_data(config)?;
    let store = open_store(config)?;
    let figures = store.demand()?.figures(from, to)?;
    print!(
        "{}",
        admin::stats_report(&figures, config.stats_min_count, from, to, csv)
    );
    Ok(ExitCode::SUCCESS)
}

/// The reports read what `krok run` kept: a data folder that is not there is a mistake (the
/// wrong working folder, a missing `--config`), not an empty week to report.
fn existing_data(config: &Config) -> anyhow::Result<()> {
    let folder = &config.data_dir;
    anyhow::ensure!(
        folder.is_dir(),
        "no Krok data in {} (data_dir, from krok.toml or KROK_DATA_DIR): run this where krok run runs, or give --config",
        std::path::absolute(folder)
            .unwrap_or_else(|_| folder.clone())
            .display()
    );
    Ok(())
}

/// `krok run` with no platform: the console, said so on stderr. In a container whose token
/// was not mounted, stdin is no terminal and gives nothing: that is an error, not a clean
/// exit that a restart policy would loop on.
fn console_instead(config: &Config) -> anyhow::Result<ExitCode> {
    eprintln!(
        "krok run: no telegram_token or matrix_homeserver is set, so this is the console \
         (the desk and the health endpoint are served beside a platform only)"
    );
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let (code, lines) = console_lines(config, None, StoreKind::Sled)?;
    if lines == 0 && !terminal {
        eprintln!(
            "krok run: nothing to serve: no platform is configured and the console got no input"
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(code)
}

fn run_console(config: &Config, lang: Option<&str>, store: StoreKind) -> anyhow::Result<ExitCode> {
    console_lines(config, lang, store).map(|(code, _)| code)
}

/// The console; with how many lines it read.
fn console_lines(
    config: &Config,
    lang: Option<&str>,
    store: StoreKind,
) -> anyhow::Result<(ExitCode, usize)> {
    let hint = match lang {
        Some(code) => Some(
            Lang::from_code(code)
                .with_context(|| format!("unknown language `{code}`; use uk, pl, en or ru"))?,
        ),
        None => None,
    };
    let store: Arc<dyn TurnStore> = match store {
        StoreKind::Memory => Arc::new(MemoryStore::new()),
        StoreKind::Sled => Arc::new(open_store(config)?),
    };
    // `console:local` in `caseworkers` makes the console a caseworker (`/day`, `/cancelbooking`).
    let app = App::new(
        Arc::new(content(config)?),
        store.clone(),
        config.session_ttl_days,
    )
    .with_staff(config.caseworkers.clone());
    let pipeline = console::pipeline(app, store.clone(), std::io::stdout());
    pipeline
        .sweep(chrono::Utc::now())
        .context("sweeping expired sessions")?;
    let stdin = std::io::stdin().lock();
    let lines = console::run(&pipeline, hint, stdin, chrono::Utc::now).context("console input")?;
    store.flush().context("saving sessions")?;
    pipeline
        .settle_erasures(chrono::Utc::now())
        .context("erasing deleted records from the disk")?;
    Ok((ExitCode::SUCCESS, lines))
}

#[cfg(any(feature = "telegram", feature = "matrix"))]
use crate::serve::run_platforms;

#[cfg(not(any(feature = "telegram", feature = "matrix")))]
fn run_platforms(_: &Config, _: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "a platform is configured, but this build of Krok was made without the `telegram` and `matrix` features"
    )
}

/// `--date` as a caseworker writes it in `/day`: a day and month without a year is the next
/// such day.
fn day(typed: &str) -> Result<chrono::NaiveDate, String> {
    let today = crate::core::schedule::krakow_date(chrono::Utc::now());
    crate::core::engine::staff_date(Some(typed.trim()), today)
        .ok_or_else(|| "write the day as 2026-12-03, 3.12, today, yesterday or tomorrow".to_owned())
}

/// `--from` and `--to` of `krok stats`, written as `--date` is; figures are of days gone by,
/// so a day and month without a year is the last such day up to today.
fn past_day(typed: &str) -> Result<chrono::NaiveDate, String> {
    use chrono::Datelike;
    let date = day(typed)?;
    let today = crate::core::schedule::krakow_date(chrono::Utc::now());
    let yearless = typed
        .split(['.', '/'])
        .filter(|p| !p.trim().is_empty())
        .count()
        == 2;
    Ok(match date.with_year(date.year() - 1) {
        Some(year_before) if yearless && date > today => year_before,
        _ => date,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bare_debug_or_trace_is_for_krok_alone() {
        assert_eq!(super::krok_only_below_info("trace"), "info,krok=trace");
        assert_eq!(
            super::krok_only_below_info("DEBUG,sled=trace"),
            "info,krok=debug,sled=trace"
        );
        assert_eq!(super::krok_only_below_info("warn"), "warn");
        assert_eq!(
            super::krok_only_below_info("warn,krok::audit=info"),
            "warn,krok::audit=info"
        );
        // sled's key reads at trace (a session's key is the person's id) stay out; Krok's
        // own trace lines and another crate's info lines come through.
        let written = std::sync::Arc::new(parking_lot::Mutex::new(Vec::<u8>::new()));
        let sink = written.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(super::krok_only_below_info("trace"))
            .with_writer(move || Sink(sink.clone()))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::trace!(target: "sled::tree", "getting key tg:5555");
            tracing::trace!(target: "krok::pipeline", "a turn");
            tracing::info!(target: "sled::pagecache", "recovered");
        });
        let written = String::from_utf8(written.lock().clone()).unwrap();
        assert!(!written.contains("tg:5555"), "{written}");
        assert!(
            written.contains("a turn") && written.contains("recovered"),
            "{written}"
        );
    }

    struct Sink(std::sync::Arc<parking_lot::Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_figures_period_is_written_as_bookings_days_are_and_looks_back() {
        let today = crate::core::schedule::krakow_date(chrono::Utc::now());
        assert_eq!(super::past_day("yesterday"), Ok(today.pred_opt().unwrap()));
        assert_eq!(super::past_day("wczoraj"), Ok(today.pred_opt().unwrap()));
        assert_eq!(super::past_day("today"), Ok(today));
        let written = today.format("%-d.%-m").to_string();
        assert_eq!(super::past_day(&written), Ok(today), "today's own date");
        let tomorrow = today.succ_opt().unwrap();
        let back = super::past_day(&tomorrow.format("%-d.%-m").to_string()).unwrap();
        assert!(
            back < today && back > today - chrono::Days::new(367),
            "{back}"
        );
        assert_eq!(
            super::past_day("2030-01-02"),
            Ok(chrono::NaiveDate::from_ymd_opt(2030, 1, 2).unwrap())
        );
        let refused = super::past_day("last week").unwrap_err();
        assert!(refused.contains("yesterday"), "{refused}");
    }

    #[test]
    fn a_rust_log_that_silences_krok_by_mistake_is_told() {
        for silent in ["verbose", "notify=trace", "[span]", "krokk=info", "warning"] {
            assert!(!super::reaches_krok(silent), "{silent}");
        }
        for heard in [
            "info",
            "WARN",
            "off",
            "warn,krok::audit=info",
            "krok=debug",
            "hyper=warn,info",
        ] {
            assert!(super::reaches_krok(heard), "{heard}");
        }
        assert_eq!(
            super::unknown_krok_targets("krok::audti=info,warn,krok::desk::server=debug"),
            ["krok::audti"]
        );
        assert!(super::unknown_krok_targets("warn,krok::audit=info,krok=debug").is_empty());
    }

    #[test]
    fn a_matrix_only_run_serves_and_logs_as_a_server() {
        let mut config = crate::config::Config::default();
        assert!(super::interactive(&super::Cmd::Run, &config), "the console");
        config.matrix_homeserver = Some("https://matrix.example.org".into());
        assert!(!super::interactive(&super::Cmd::Run, &config));
    }
}

//! The `krok` command line: `run` (default), `console`, `check`, `triage`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::adapters::console;
use crate::app::App;
use crate::booking::Bookings;
use crate::config::Config;
use crate::core::content::Content;
use crate::core::lang::Lang;
use crate::core::triage::Kind;
use crate::files::load_content;
use crate::store::{MemoryStore, SessionStore, SledStore};

#[derive(Parser)]
#[command(
    name = "krok",
    version,
    about = "Krok: guides people in Kraków to crisis lines, legal advice and donation points"
)]
struct Cli {
    /// Config file (default: ./krok.toml when present).
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
    Check,
    /// Show which crisis or intent patterns a text matches.
    Triage { text: String },
    /// List the consultation bookings of a day (reads the store; stop `krok run` first).
    Bookings {
        /// The day, as 2026-12-03 (Kraków time).
        #[arg(long)]
        date: chrono::NaiveDate,
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
    let config = Config::load(cli.config.as_deref())?;
    let command = cli.command.unwrap_or(Cmd::Run);
    let interactive = matches!(command, Cmd::Console { .. })
        || (matches!(command, Cmd::Run) && config.telegram_token.is_none());
    init_logging(interactive);
    match command {
        Cmd::Check => Ok(check(&config)),
        Cmd::Triage { text } => triage(&config, &text),
        Cmd::Bookings { date, csv } => bookings(&config, date, csv),
        Cmd::Console { lang, store } => run_console(&config, lang.as_deref(), store),
        Cmd::Run => {
            if config.telegram_token.is_some() || config.matrix_homeserver.is_some() {
                return run_platforms(&config);
            }
            run_console(&config, None, StoreKind::Sled)
        }
    }
}

/// Logs go to stderr; in the console they would mix with the conversation, so only warnings.
fn init_logging(interactive: bool) {
    let default = if interactive { "warn" } else { "info" };
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| default.into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn content(config: &Config) -> anyhow::Result<Content> {
    load_content(&config.dialogs_dir, &config.locales_dir).map_err(|problems| {
        anyhow::anyhow!("{problems}the content has errors; run `krok check` for the full report")
    })
}

fn check(config: &Config) -> ExitCode {
    match load_content(&config.dialogs_dir, &config.locales_dir) {
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
            println!(
                "krok check: ok: {nodes} nodes, {services} services, 4 locales; {} warning(s)",
                content.warnings.0.len() + stale.len()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print!("{problems}");
            let errors = problems.error_count();
            println!("krok check: {errors} error(s)");
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

fn open_store(config: &Config) -> anyhow::Result<SledStore> {
    SledStore::open(&config.data_dir).with_context(|| {
        format!(
            "opening the session store in {} (is `krok run` using it?)",
            config.data_dir.display()
        )
    })
}

fn bookings(config: &Config, date: chrono::NaiveDate, csv: bool) -> anyhow::Result<ExitCode> {
    let content = content(config)?;
    let store = open_store(config)?;
    let list = Bookings::open(store.db())?.day(date);
    let time = |start: i64| crate::core::booking::when_args(start)[3].1.clone();
    let contact = |c: &crate::core::booking::Contact| match c {
        crate::core::booking::Contact::Chat => "chat".to_owned(),
        crate::core::booking::Contact::Phone(p) => p.clone(),
    };
    if csv {
        println!("time,kind,name,contact,language,code");
        for b in &list {
            let name = b.name.clone().unwrap_or_default().replace('"', "\"\"");
            println!(
                "{},{},\"{name}\",{},{},{}",
                time(b.start),
                b.kind,
                contact(&b.contact),
                b.lang,
                b.code
            );
        }
    } else {
        println!("{date}: {} booking(s)", list.len());
        for b in &list {
            let kind = content.locales.text(
                Lang::Pl,
                &crate::core::message::Msg::new(format!("booking-kind-{}", b.kind)),
            );
            println!(
                "{}  {:<8} {:<24} {:<16} {}  {kind}",
                time(b.start),
                b.code,
                b.name.clone().unwrap_or_default(),
                contact(&b.contact),
                b.lang
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_console(config: &Config, lang: Option<&str>, store: StoreKind) -> anyhow::Result<ExitCode> {
    let hint = match lang {
        Some(code) => Some(
            Lang::from_code(code)
                .with_context(|| format!("unknown language `{code}`; use uk, pl, en or ru"))?,
        ),
        None => None,
    };
    let store: Arc<dyn SessionStore> = match store {
        StoreKind::Memory => Arc::new(MemoryStore::new()),
        StoreKind::Sled => Arc::new(SledStore::open(&config.data_dir).with_context(|| {
            format!("opening the session store in {}", config.data_dir.display())
        })?),
    };
    let app = App::new(Arc::new(content(config)?), store, config.session_ttl_days);
    app.sweep(chrono::Utc::now())
        .context("sweeping expired sessions")?;
    let stdin = std::io::stdin().lock();
    console::run(
        &app,
        hint,
        stdin,
        std::io::stdout().lock(),
        chrono::Utc::now,
    )
    .context("console input/output")?;
    app.store().flush().context("saving sessions")?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(all(feature = "telegram", feature = "matrix"))]
fn run_platforms(config: &Config) -> anyhow::Result<ExitCode> {
    use crate::shutdown::Shutdown;

    let store = Arc::new(open_store(config)?);
    let bookings = Arc::new(Bookings::open(store.db()).context("opening the bookings")?);
    let app = Arc::new(
        App::new(
            Arc::new(content(config)?),
            store.clone(),
            config.session_ttl_days,
        )
        .with_bookings(bookings)
        .with_staff(config.caseworkers.clone()),
    );
    let telegram = config
        .telegram_token
        .is_some()
        .then(|| telegram_config(config))
        .transpose()?;
    let matrix = config
        .matrix_homeserver
        .is_some()
        .then(|| matrix_config(config))
        .transpose()?;
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let shutdown = Shutdown::on_signals();
        let sweeper = sweep_every_hour(app.clone(), shutdown.clone());
        let mut tasks = Vec::new();
        if let Some(config) = telegram {
            let (app, store, shutdown) = (app.clone(), store.clone(), shutdown.clone());
            tasks.push(tokio::spawn(async move {
                let telegram =
                    crate::adapters::telegram::Telegram::connect(config, app, store).await?;
                let reminders =
                    telegram.remind_every(std::time::Duration::from_secs(30), shutdown.clone());
                let served = telegram.serve(shutdown).await;
                reminders.abort();
                served
            }));
        }
        if let Some(config) = matrix {
            tasks.push(tokio::spawn(crate::adapters::matrix::run(
                config,
                app.clone(),
                store.clone(),
                shutdown.clone(),
            )));
        }
        let mut result = Ok(());
        for task in tasks {
            let served = task.await.context("adapter task")?;
            result = result.and(served);
        }
        sweeper.abort();
        store.flush().context("saving sessions")?;
        result
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(all(feature = "telegram", feature = "matrix"))]
fn telegram_config(config: &Config) -> anyhow::Result<crate::adapters::telegram::TelegramConfig> {
    let listen = &config.telegram_webhook_listen;
    Ok(crate::adapters::telegram::TelegramConfig {
        token: config
            .telegram_token
            .clone()
            .context("KROK_TELEGRAM_TOKEN is not set")?,
        api_url: config.telegram_api_url.clone(),
        webhook_url: config.telegram_webhook_url.clone(),
        webhook_listen: listen.parse().with_context(|| {
            format!(
                "KROK_TELEGRAM_WEBHOOK_LISTEN `{listen}` is not an address such as 0.0.0.0:8443"
            )
        })?,
        webhook_secret: config.telegram_webhook_secret.clone(),
        limits: crate::outbox::Limits {
            per_second: config.telegram_per_second,
            per_chat: std::time::Duration::from_millis(config.telegram_per_chat_ms.into()),
        },
        poll_timeout_secs: config.telegram_poll_timeout_secs,
    })
}

#[cfg(all(feature = "telegram", feature = "matrix"))]
fn matrix_config(config: &Config) -> anyhow::Result<crate::adapters::matrix::MatrixConfig> {
    Ok(crate::adapters::matrix::MatrixConfig {
        homeserver: config
            .matrix_homeserver
            .clone()
            .context("KROK_MATRIX_HOMESERVER is not set")?,
        user: config
            .matrix_user
            .clone()
            .context("KROK_MATRIX_USER is not set (e.g. @krok:example.org)")?,
        password: config.matrix_password.clone(),
        access_token: config.matrix_access_token.clone(),
        store_passphrase: config.matrix_store_passphrase.clone().context(
            "KROK_MATRIX_STORE_PASSPHRASE is required: it encrypts the bot's keys on disk",
        )?,
        dir: config.data_dir.join("matrix"),
        accept_rooms: config.matrix_accept_rooms,
        limits: crate::outbox::Limits {
            per_second: 20,
            per_chat: std::time::Duration::ZERO,
        },
    })
}

#[cfg(all(feature = "telegram", feature = "matrix"))]
fn sweep_every_hour(
    app: Arc<App>,
    shutdown: crate::shutdown::Shutdown,
) -> tokio::task::JoinHandle<()> {
    crate::shutdown::every(
        std::time::Duration::from_secs(3600),
        shutdown,
        "sweep",
        move || app.sweep(chrono::Utc::now()).map(drop),
    )
}

#[cfg(not(feature = "telegram"))]
fn run_platforms(_: &Config) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "KROK_TELEGRAM_TOKEN is set, but this build of Krok was made without the `telegram` feature"
    )
}

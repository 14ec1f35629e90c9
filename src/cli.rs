//! The `krok` command line: `run` (default), `console`, `check`, `triage`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::adapters::console;
use crate::app::App;
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
    init_logging(matches!(command, Cmd::Console { .. } | Cmd::Run));
    match command {
        Cmd::Check => Ok(check(&config)),
        Cmd::Triage { text } => triage(&config, &text),
        Cmd::Console { lang, store } => run_console(&config, lang.as_deref(), store),
        Cmd::Run => {
            if config.telegram_token.is_some() || config.matrix_homeserver.is_some() {
                bail!(
                    "a Telegram or Matrix setting is given, but this build of Krok has no platform adapter yet; unset KROK_TELEGRAM_* and KROK_MATRIX_* to use the console"
                );
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

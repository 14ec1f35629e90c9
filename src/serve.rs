//! `krok run` with platforms: the adapters, the hourly sweep, live content reload (SIGHUP or a
//! changed file), and `/healthz` + `/metrics` for the operator.

use std::future::Future;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::app::App;
use crate::config::Config;
use crate::core::content::Content;
use crate::core::problem::Problems;
use crate::files::load_and_keep;
use crate::pipeline::Pipeline;
use crate::reload::Reloader;
use crate::setup::open_store;
use crate::shutdown::Shutdown;
use crate::store::{SessionStore, SledStore};

type Adapter = tokio::task::JoinHandle<anyhow::Result<()>>;

/// Every address Krok is to listen on can be listened on, or each that cannot is named at
/// once with its setting (a second `krok run`, another service on the port): one start, one
/// list, as for the settings themselves.
fn free_addresses(config: &Config) -> anyhow::Result<()> {
    let webhook = config
        .telegram_webhook_url
        .as_ref()
        .map(|_| config.telegram_webhook_listen.as_str());
    let wanted = [
        ("health_listen", Some(config.health_listen.as_str())),
        ("desk_listen", Some(config.desk_listen.as_str())),
        ("telegram_webhook_listen", webhook),
    ];
    // Held until all are tried, so two settings naming one address are found too, and said
    // to be one another's (not another process's).
    let mut held: Vec<(&str, &str, std::net::TcpListener)> = Vec::new();
    let mut busy = Vec::new();
    for (name, address) in wanted {
        let Some(address) = address.filter(|a| !a.is_empty()) else {
            continue;
        };
        if let Some((other, at, _)) = held.iter().find(|(_, a, _)| overlap(a, address)) {
            let why = if *at == address {
                format!("{other} is the same address")
            } else {
                format!("{other} `{at}` takes the same port")
            };
            busy.push(format!("{name} `{address}`: {why}; give each its own port"));
            continue;
        }
        match std::net::TcpListener::bind(address) {
            Ok(listener) => held.push((name, address, listener)),
            Err(error) => busy.push(format!("{name} `{address}`: cannot listen there ({error})")),
        }
    }
    drop(held);
    if busy.is_empty() {
        return Ok(());
    }
    anyhow::bail!(
        "{} address(es) cannot be listened on:\n  {}",
        busy.len(),
        busy.join("\n  ")
    )
}

/// Whether two listening addresses take the same port: the same address, or one of them on
/// every address of the machine (`0.0.0.0:8090` holds `127.0.0.1:8090` too; `[::]:8090`
/// holds IPv4's as well, `0.0.0.0` none of IPv6's).
fn overlap(a: &str, b: &str) -> bool {
    use std::net::SocketAddr;
    let covers =
        |x: &SocketAddr, y: &SocketAddr| x.ip().is_unspecified() && (x.is_ipv6() || y.is_ipv4());
    match (a.parse::<SocketAddr>(), b.parse::<SocketAddr>()) {
        (Ok(a), Ok(b)) => {
            a.port() == b.port() && (a.ip() == b.ip() || covers(&a, &b) || covers(&b, &a))
        }
        _ => a == b,
    }
}

/// `file`: the settings file given on the command line, read again at SIGHUP.
pub fn run_platforms(config: &Config, file: Option<&std::path::Path>) -> anyhow::Result<ExitCode> {
    free_addresses(config)?;
    // Turns run on the blocking pool; its default of 512 threads would give each its own
    // allocator arena under a burst, for no gain on a machine of a few cores.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(8)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    // Signals are caught before the content loads (a second or more), so a stop during
    // start-up is a clean stop too.
    let shutdown = runtime.block_on(async { Shutdown::on_signals() });
    let store = Arc::new(open_store(config)?);
    let demand = store.demand().context("opening the demand figures")?;
    let (content, refused) = content_or_last_good(config)?;
    let app = App::new(Arc::new(content), store.clone(), config.session_ttl_days)
        .with_staff(config.caseworkers.clone())
        .with_demand(demand, config.stats_keep_days);
    let staff = app.staff().clone();
    let app = match &config.desk_public_url {
        Some(url) if !config.desk_listen.is_empty() => app.with_desk(Arc::new(
            crate::desk::Access::new(store.desk(), url, config.desk_idle_minutes, staff.clone()),
        )),
        _ => app,
    };
    if let Some((problems, kept_at)) = refused {
        let warning = format!(
            "the content folders have errors (errors: {}; `krok check` lists them); the last good content, kept at {}, is served until they are fixed",
            problems.error_count(),
            kept_at.format("%Y-%m-%d %H:%M:%S UTC")
        );
        app.health().warn("content", warning);
        app.note_refused_reload(problems.0.iter().map(ToString::to_string).collect());
    }
    let settings =
        crate::reload::Settings::new(file, config, staff, app.desk(), app.health().clone());
    let pipeline = Arc::new(Pipeline::new(app, store.clone()));
    let reloader = Reloader::new(
        pipeline.app().clone(),
        &config.dialogs_dir,
        &config.locales_dir,
    )
    .keeping(&config.data_dir);
    let _watcher = config
        .reload_on_change
        .then(|| reloader.watch())
        .transpose()
        .context("watching the dialogs and locales folders for changes")?;
    if shutdown.fired() {
        return Ok(ExitCode::SUCCESS);
    }
    runtime.block_on(async {
        let hangup = reload_on_hangup(reloader, settings, shutdown.clone());
        let served = run(config, pipeline, store, shutdown).await;
        hangup.abort();
        served
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The errors of content folders that did not load, and when the content served instead was
/// kept.
type Refused = (Problems, chrono::DateTime<chrono::Utc>);

/// The content of the configured folders, kept as the last good one; when they have errors,
/// the last good content kept in the data folder, with the errors and when it was kept: one
/// missing translation saved on the server must not leave people in crisis with no bot after
/// the next restart. With nothing kept, the errors stop the start.
fn content_or_last_good(config: &Config) -> anyhow::Result<(Content, Option<Refused>)> {
    let loaded = load_and_keep(&config.dialogs_dir, &config.locales_dir, &config.data_dir);
    let problems = match loaded {
        Ok(content) => {
            for warning in &content.warnings.0 {
                tracing::warn!(problem = %warning, "the content has a warning");
            }
            return Ok((content, None));
        }
        Err(problems) => problems,
    };
    let (content, kept_at) = match crate::files::last_good(&config.data_dir) {
        Ok(Some(kept)) => kept,
        Ok(None) => anyhow::bail!(
            "{problems}the content has errors; run `krok check` for the full report (no last good content is kept yet to serve instead)"
        ),
        Err(why) => anyhow::bail!(
            "{problems}the content has errors; run `krok check` for the full report; the last good content cannot be served instead: {why}"
        ),
    };
    for problem in &problems.0 {
        tracing::error!(problem = %problem, "content refused");
    }
    tracing::error!(
        errors = problems.error_count(),
        %kept_at,
        "the content folders have errors; serving the last good content until they are fixed"
    );
    Ok((content, Some((problems, kept_at))))
}

/// Serves the configured platforms through `pipeline` until `shutdown`: the adapters, the
/// hourly sweep, reminders, `/healthz` and `/metrics`, and the admin socket.
pub async fn run(
    config: &Config,
    pipeline: Arc<Pipeline>,
    store: Arc<SledStore>,
    shutdown: Shutdown,
) -> anyhow::Result<()> {
    let app = pipeline.app().clone();
    app.metrics().hide_below(config.stats_min_count);
    let sweeper = sweep_every_hour(pipeline.clone(), shutdown.clone());
    let eraser = erase_every_minute(pipeline.clone(), shutdown.clone());
    let healer = heal_every(store.clone(), app.health().clone(), shutdown.clone());
    let reminders = remind_every(pipeline.clone(), Duration::from_secs(30), shutdown.clone());
    let sized = store.clone();
    let health = app.health().clone();
    app.metrics().on_scrape(move |m| {
        m.store_bytes.set(
            sized
                .size_on_disk()
                .map_or(0, |b| i64::try_from(b).unwrap_or(i64::MAX)),
        );
        m.show_health(&health);
    });
    let ops = match config.health_listen.as_str() {
        "" => None,
        listen => Some(
            crate::ops::http::serve(
                listen,
                app.health().clone(),
                app.metrics().clone(),
                shutdown.clone(),
            )
            .await?
            .1,
        ),
    };
    let desk = match app.desk() {
        Some(access) => Some(
            crate::desk::server::serve(
                &config.desk_listen,
                access,
                pipeline.clone(),
                Arc::new(config.clone()),
                shutdown.clone(),
            )
            .await?
            .1,
        ),
        None => None,
    };
    let admin = crate::ops::admin_server::Admin {
        app: app.clone(),
        store: store.clone(),
        stats_min_count: config.stats_min_count,
    };
    // The admin socket ends with the adapters: on shutdown, or when every adapter has stopped
    // (a login the platform refuses), so `krok run` then exits and says why.
    let (admin_stop, admin_shutdown) = Shutdown::new();
    let admin_stop = Arc::new(admin_stop);
    let stop_on_signal = {
        let (admin_stop, shutdown) = (admin_stop.clone(), shutdown.clone());
        tokio::spawn(async move {
            shutdown.wait().await;
            admin_stop.fire();
        })
    };
    let admin = crate::ops::admin_server::serve(admin, &config.data_dir, admin_shutdown).await?;
    #[cfg(not(feature = "telegram"))]
    anyhow::ensure!(
        config.telegram_token.is_none(),
        "telegram_token is set, but this build of Krok was made without the `telegram` feature"
    );
    #[cfg(not(feature = "matrix"))]
    anyhow::ensure!(
        config.matrix_homeserver.is_none(),
        "matrix_homeserver is set, but this build of Krok was made without the `matrix` feature"
    );
    let mut tasks = Vec::new();
    #[cfg(feature = "telegram")]
    if config.telegram_token.is_some() {
        let telegram = telegram_config(config)?;
        let run = crate::adapters::telegram::run(telegram, pipeline.clone(), shutdown.clone());
        tasks.push(adapter(&app, "telegram", run));
    }
    #[cfg(feature = "matrix")]
    if config.matrix_homeserver.is_some() {
        let matrix = matrix_config(config)?;
        let run = crate::adapters::matrix::run(matrix, pipeline.clone(), shutdown.clone());
        tasks.push(adapter(&app, "matrix", run));
    }
    let mut result = Ok(());
    for task in tasks {
        let served = task.await.context("adapter task")?;
        result = result.and(served);
    }
    sweeper.abort();
    eraser.abort();
    healer.abort();
    reminders.abort();
    for task in [ops, desk].into_iter().flatten() {
        task.abort();
    }
    admin_stop.fire();
    stop_on_signal.abort();
    let _ = admin.await;
    store.flush().context("saving sessions")?;
    // On a graceful stop, what was deleted is erased from the disk at once.
    pipeline
        .settle_erasures(chrono::Utc::now())
        .context("erasing deleted records from the disk")?;
    result
}

/// Runs an adapter; when it stops, `/healthz` says so (with why), and the others go on.
fn adapter(
    app: &Arc<App>,
    name: &'static str,
    run: impl Future<Output = anyhow::Result<()>> + Send + 'static,
) -> Adapter {
    let health = app.health().clone();
    health.expect(name, None);
    tokio::spawn(async move {
        let result = run.await;
        match &result {
            Ok(()) => health.down(name, "stopped"),
            Err(error) => {
                tracing::error!(adapter = name, error = %format!("{error:#}"), "adapter stopped");
                health.down(name, format!("stopped: {error:#}"));
            }
        }
        result
    })
}

/// Reloads the content and the caseworkers' list on every SIGHUP until shutdown.
fn reload_on_hangup(
    reloader: Reloader,
    settings: crate::reload::Settings,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut hangups = match signal(SignalKind::hangup()) {
        Ok(s) => s,
        Err(error) => {
            tracing::warn!(%error, "no SIGHUP handler; reload by changing a file instead");
            return tokio::spawn(async {});
        }
    };
    tokio::spawn(async move {
        loop {
            tokio::select! {
                Some(()) = hangups.recv() => {
                    tracing::info!("SIGHUP: reloading the content and the caseworkers");
                    let (r, s) = (reloader.clone(), settings.clone());
                    let _ = tokio::task::spawn_blocking(move || {
                        s.reread();
                        r.reload()
                    })
                    .await;
                }
                _ = shutdown.clone().wait() => return,
            }
        }
    })
}

#[cfg(feature = "telegram")]
fn telegram_config(config: &Config) -> anyhow::Result<crate::adapters::telegram::TelegramConfig> {
    if config.telegram_per_second == 0 {
        tracing::warn!(
            "telegram_per_second is 0: messages are sent with no overall rate limit (for a Bot API server of your own only)"
        );
    }
    let listen = &config.telegram_webhook_listen;
    let webhook_listen: std::net::SocketAddr = listen.parse().with_context(|| {
        format!("telegram_webhook_listen `{listen}` is not an address such as 0.0.0.0:8443")
    })?;
    // Bound now, so a port already in use stops `krok run` at start with the setting's name.
    let webhook_listener = match &config.telegram_webhook_url {
        Some(_) => Some(
            std::net::TcpListener::bind(webhook_listen).with_context(|| {
                format!("telegram_webhook_listen `{listen}`: cannot listen there")
            })?,
        ),
        None => None,
    };
    Ok(crate::adapters::telegram::TelegramConfig {
        token: config
            .telegram_token
            .clone()
            .context("KROK_TELEGRAM_TOKEN is not set")?,
        api_url: config.telegram_api_url.clone(),
        webhook_url: config.telegram_webhook_url.clone(),
        webhook_listen,
        webhook_listener,
        webhook_secret: config.telegram_webhook_secret.clone(),
        limits: crate::outbox::Limits {
            per_second: config.telegram_per_second,
            per_chat: std::time::Duration::from_millis(config.telegram_per_chat_ms.into()),
        },
        poll_timeout_secs: config.telegram_poll_timeout_secs,
        webhook_check: std::time::Duration::from_secs(config.telegram_webhook_check_secs.into()),
    })
}

#[cfg(feature = "matrix")]
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

fn sweep_every_hour(pipeline: Arc<Pipeline>, shutdown: Shutdown) -> tokio::task::JoinHandle<()> {
    crate::shutdown::every(Duration::from_secs(3600), shutdown, "sweep", move || {
        let now = chrono::Utc::now();
        if let Some(desk) = pipeline.app().desk() {
            desk.sweep(now.timestamp())?;
        }
        pipeline.sweep(now).map(drop)
    })
}

/// Erases the contacts of drafts whose hold is gone, and rewrites the database without the
/// records deleted in the last minute (see README, "Privacy and durability").
/// One that fails (a full disk: the copy needs about the store's size free) is a warning in
/// `/healthz` until one succeeds: a person who asked to be forgotten is still on disk.
fn erase_every_minute(pipeline: Arc<Pipeline>, shutdown: Shutdown) -> tokio::task::JoinHandle<()> {
    crate::shutdown::every(Duration::from_secs(60), shutdown, "erasure", move || {
        let health = pipeline.app().health().clone();
        match pipeline.settle_erasures(chrono::Utc::now()) {
            Ok(_) => {
                health.clear_warning("erasure");
                Ok(())
            }
            // A disk fault with nothing deleted is the store's warning, not the erasure's:
            // an operator (or a data protection officer) would look for someone's pending
            // erasure that does not exist.
            Err(error) if !pipeline.erasure_pending() => {
                health.clear_warning("erasure");
                Err(error)
            }
            Err(error) => {
                let why = format!(
                    "deleted records are still on disk, retrying every minute (the rewrite needs free space about the size of the data folder): {error}"
                );
                health.warn("erasure", why);
                Err(error)
            }
        }
    })
}

/// Every 10 s: checks that the data folder takes writes, and reopens the database after a disk
/// fault once it does again; `/healthz` says when it does not.
fn heal_every(
    store: Arc<SledStore>,
    health: Arc<crate::ops::Health>,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<()> {
    health.expect(STORE, None);
    crate::shutdown::every(
        Duration::from_secs(10),
        shutdown,
        "store check",
        move || {
            match store.disk().heal() {
                Ok(_) => health.up(STORE),
                Err(error) => {
                    health.down(STORE, format!("cannot write to the data folder: {error}"));
                    return Err(error);
                }
            }
            Ok(())
        },
    )
}

/// The store's name in `/healthz`.
const STORE: &str = "store";

/// Queues the booking reminders that came due, on every platform, each exactly once.
fn remind_every(
    pipeline: Arc<Pipeline>,
    period: Duration,
    shutdown: Shutdown,
) -> tokio::task::JoinHandle<()> {
    crate::shutdown::every(period, shutdown, "reminders", move || {
        let now = chrono::Utc::now();
        pipeline.app().check_booking_flood(now);
        pipeline.app().check_booked_times(now);
        pipeline.retry_forgets(now);
        pipeline.remind(now).map(drop)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_listener_on_every_address_overlaps_one_on_its_port() {
        assert!(super::overlap("0.0.0.0:9464", "127.0.0.1:9464"));
        assert!(super::overlap("127.0.0.1:9464", "[::]:9464"));
        assert!(super::overlap("127.0.0.1:9464", "127.0.0.1:9464"));
        assert!(!super::overlap("0.0.0.0:9464", "127.0.0.1:9465"));
        assert!(!super::overlap("127.0.0.1:9464", "127.0.0.2:9464"));
        assert!(!super::overlap("0.0.0.0:9464", "[::1]:9464"));
        assert!(super::overlap("[::1]:9464", "[::]:9464"));
    }
}

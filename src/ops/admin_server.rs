//! The running side of `admin`: answers `krok bookings` and `krok stats` on the data folder's
//! Unix socket from the live store.

use std::sync::Arc;

use anyhow::Context;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::UnixListener;

use super::admin::{Request, bookings_report, socket_path, stats_report};
use crate::app::App;
use crate::shutdown::Shutdown;
use crate::store::{SledStore, TurnStore};

pub struct Admin {
    pub app: Arc<App>,
    pub store: Arc<SledStore>,
    pub stats_min_count: u32,
}

/// Listens on `<data_dir>/admin.sock` until shutdown; the socket file is removed afterwards.
pub async fn serve(
    admin: Admin,
    data_dir: &std::path::Path,
    shutdown: Shutdown,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let path = socket_path(data_dir);
    // A socket left by a process that was killed: nobody listens on it any more.
    if path.exists() && std::os::unix::net::UnixStream::connect(&path).is_err() {
        std::fs::remove_file(&path).ok();
    }
    let listener = UnixListener::bind(&path)
        .with_context(|| format!("listening on {} (is another krok running?)", path.display()))?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("making {} private", path.display()))?;
    }
    let admin = Arc::new(admin);
    let open = Arc::new(tokio::sync::Semaphore::new(CONNECTIONS));
    Ok(tokio::spawn(async move {
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    // More at once than an operator's commands: the newest is told so.
                    let Ok(permit) = open.clone().try_acquire_owned() else {
                        tokio::spawn(busy(stream));
                        continue;
                    };
                    let admin = admin.clone();
                    tokio::spawn(async move {
                        answer(admin, stream).await;
                        drop(permit);
                    });
                }
                _ = shutdown.clone().wait() => break,
            }
        }
        std::fs::remove_file(&path).ok();
    }))
}

/// The answer when every slot is taken: said within a second, or not at all.
async fn busy(mut stream: tokio::net::UnixStream) {
    let said =
        stream.write_all(b"error: krok run is answering other requests; try again in a moment\n");
    let _ = tokio::time::timeout(std::time::Duration::from_secs(1), said).await;
}

/// Requests answered at once; a request line's length and the time to send it.
const CONNECTIONS: usize = 8;
const LINE_MAX: u64 = 256;
const LINE_WITHIN: std::time::Duration = std::time::Duration::from_secs(5);

async fn answer(admin: Arc<Admin>, stream: tokio::net::UnixStream) {
    // Who asks, for the audit trail: the socket is the operator's, but names and phones
    // leave through it.
    let uid = stream.peer_cred().map_or(u32::MAX, |c| c.uid());
    let (read, mut write) = stream.into_split();
    let mut line = String::new();
    let mut reader = BufReader::new(read.take(LINE_MAX));
    let read = tokio::time::timeout(LINE_WITHIN, reader.read_line(&mut line)).await;
    if !matches!(read, Ok(Ok(_))) || !line.ends_with('\n') {
        let _ = write
            .write_all(b"error: one request line, sent at once\n")
            .await;
        return;
    }
    let answer = match Request::parse(&line) {
        Some(request) => {
            if let Request::Bookings { date, csv } = request {
                tracing::info!(target: "krok::audit", action = "socket-view-day", uid, %date, csv);
            }
            let admin = admin.clone();
            tokio::task::spawn_blocking(move || report(&admin, &request))
                .await
                .unwrap_or_else(|e| Err(anyhow::anyhow!("{e}")))
        }
        None => Err(anyhow::anyhow!("not a request this krok knows")),
    };
    let text = match answer {
        Ok(body) => format!("ok\n{body}"),
        Err(error) => format!("error: {error:#}\n"),
    };
    let _ = write.write_all(text.as_bytes()).await;
}

fn report(admin: &Admin, request: &Request) -> anyhow::Result<String> {
    Ok(match *request {
        Request::Bookings { date, csv } => {
            let list = admin.store.bookings().day(date)?;
            bookings_report(Some(&admin.app.content()), date, &list, csv)
        }
        Request::Stats { from, to, csv } => {
            let figures = admin.store.demand()?.figures(from, to)?;
            stats_report(&figures, admin.stats_min_count, from, to, csv)
        }
    })
}

//! A loopback proxy between the bot and Synapse that times the bot on the wire: from the moment
//! the sync response carrying an event has been handed to the bot to the moment the bot's
//! next room send (`PUT …/send/m.room.…`) begins. That interval is the bot's own share of a round
//! trip (matrix-sdk's processing of the sync, the turn, the encryption, the send) with neither
//! Synapse nor the resident's client in it, and with no instrument inside the bot.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What went through: when each event id first reached the bot, and when each room send began.
#[derive(Default)]
struct Seen {
    delivered: HashMap<Vec<u8>, Instant>,
    sends: Vec<Instant>,
}

#[derive(Clone)]
pub struct Wire {
    seen: Arc<Mutex<Seen>>,
    pub url: String,
}

const SEND: &[u8] = b"/send/m.room.";

impl Wire {
    /// Listens on a free loopback port and forwards every connection to `upstream`.
    pub async fn start(upstream: &'static str) -> Wire {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let wire = Wire {
            seen: Arc::default(),
            url,
        };
        let accepting = wire.clone();
        tokio::spawn(async move {
            while let Ok((bot, _)) = listener.accept().await {
                let server = TcpStream::connect(upstream).await.unwrap();
                bot.set_nodelay(true).unwrap();
                server.set_nodelay(true).unwrap();
                accepting.forward(bot, server);
            }
        });
        wire
    }

    /// The bot's share for `event`: from its delivery to the bot to the bot's next room send,
    /// once both have been seen.
    pub fn share(&self, event: &str) -> Option<Duration> {
        let seen = self.seen.lock().unwrap();
        let delivered = *seen.delivered.get(event.as_bytes())?;
        let sent = seen.sends.iter().find(|&&t| t >= delivered)?;
        Some(*sent - delivered)
    }

    fn forward(&self, bot: TcpStream, server: TcpStream) {
        let (mut bot_read, mut bot_write) = bot.into_split();
        let (mut server_read, mut server_write) = server.into_split();
        let down = self.clone();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 64 * 1024];
            let mut tail = Vec::new();
            while let Ok(n) = server_read.read(&mut buf).await {
                if n == 0 || bot_write.write_all(&buf[..n]).await.is_err() {
                    break;
                }
                down.delivered(&tail, &buf[..n]);
                tail = buf[n.saturating_sub(128)..n].to_vec();
            }
        });
        let up = self.clone();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 64 * 1024];
            while let Ok(n) = bot_read.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                up.sending(&buf[..n]);
                if server_write.write_all(&buf[..n]).await.is_err() {
                    break;
                }
            }
        });
    }

    /// Bytes just handed to the bot (`tail` is the end of the previous chunk, for an id that
    /// straddles two reads).
    fn delivered(&self, tail: &[u8], chunk: &[u8]) {
        let now = Instant::now();
        let joined = [tail, chunk].concat();
        let mut seen = self.seen.lock().unwrap();
        for id in event_ids(&joined) {
            seen.delivered.entry(id.to_vec()).or_insert(now);
        }
    }

    /// Bytes the bot is about to send to the homeserver.
    fn sending(&self, chunk: &[u8]) {
        if is_room_send(chunk) {
            self.seen.lock().unwrap().sends.push(Instant::now());
        }
    }
}

/// Every `"event_id":"$…"` value in a piece of JSON.
fn event_ids(json: &[u8]) -> impl Iterator<Item = &[u8]> {
    const KEY: &[u8] = b"\"event_id\":\"";
    let mut rest = json;
    std::iter::from_fn(move || {
        let at = find(rest, KEY)? + KEY.len();
        let len = rest[at..].iter().position(|&b| b == b'"')?;
        let id = &rest[at..at + len];
        rest = &rest[at + len..];
        Some(id)
    })
}

/// The start of a request that sends an event to a room.
fn is_room_send(chunk: &[u8]) -> bool {
    let line = chunk.split(|&b| b == b'\n').next().unwrap_or_default();
    line.starts_with(b"PUT ") && contains(line, SEND)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

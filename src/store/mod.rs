//! Where sessions live: the `SessionStore` port, its sled and in-memory implementations, and the
//! versioned value format both use (`{"v":1,...}`), so the format can move later. Every sled
//! implementation of a port is here, the bookings' (`SledRecords`) included.

mod desk;
mod disk;
mod memory;
mod private;
mod sent_log;
mod sled_bookings;
mod sled_desk;
mod sled_store;
mod sled_turns;
mod turns;

pub use desk::{DeskGrant, DeskSession, DeskStore, Digest, MemoryDesk};
pub use disk::Disk;
pub use memory::MemoryStore;
pub(crate) use private::create_private_dir;
pub use private::{private_umask, restrict, survive_file_size_limit, write_private};
pub use sled_bookings::SledRecords;
pub(crate) use sled_bookings::change_in;
pub use sled_desk::SledDesk;
pub use sled_store::SledStore;
pub use turns::{BookingUpdate, Commit, Record, TurnStore};

use serde::{Deserialize, Serialize};

use crate::core::session::Session;

/// The version of the stored session format written today.
pub const FORMAT_VERSION: u32 = 1;

/// Where a person writes from. Messages to them go out through that platform's outbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    Telegram,
    Matrix,
    Console,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Telegram, Platform::Matrix, Platform::Console];

    /// As a metrics label and in logs: `telegram`, `matrix`, `console`.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Telegram => "telegram",
            Platform::Matrix => "matrix",
            Platform::Console => "console",
        }
    }

    /// The part before the colon of a user key.
    pub fn prefix(self) -> &'static str {
        match self {
            Platform::Telegram => "tg",
            Platform::Matrix => "mx",
            Platform::Console => "console",
        }
    }
}

/// Who a session belongs to: platform and the platform's id (`tg:123`, `mx:@ann:example.org`).
/// Personal data: never logged above `debug`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserKey(String);

impl UserKey {
    pub fn new(platform: &str, id: &str) -> UserKey {
        UserKey(format!("{platform}:{id}"))
    }

    /// A key as stored (`tg:123`).
    pub fn from_raw(raw: &str) -> UserKey {
        UserKey(raw.to_owned())
    }

    /// The platform part, as a metrics label: `telegram`, `matrix` or `console`.
    pub fn platform(&self) -> &'static str {
        self.on().name()
    }

    /// The platform the person writes from.
    pub fn on(&self) -> Platform {
        match self.0.split_once(':').map(|(p, _)| p) {
            Some("tg") => Platform::Telegram,
            Some("mx") => Platform::Matrix,
            _ => Platform::Console,
        }
    }

    /// The platform's own id of the person (`123`, `@ann:example.org`).
    pub fn id(&self) -> &str {
        self.0.split_once(':').map_or(self.0.as_str(), |(_, id)| id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For a Telegram person's place in a group (`tg:-100/42`), the person themselves
    /// (`tg:42`): what `/forget` written in the group is about too.
    pub fn person(&self) -> Option<UserKey> {
        let (group, member) = self.0.strip_prefix("tg:")?.split_once('/')?;
        (group.starts_with('-') && !member.is_empty()).then(|| UserKey::new("tg", member))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The storage backend failed (disk, lock, I/O); its own words.
    #[error("store: {0}")]
    Backend(String),
    #[error("stored session cannot be read: {0}")]
    Codec(#[from] serde_json::Error),
    #[error("stored session has format version {0}, this Krok reads version {FORMAT_VERSION}")]
    Version(u32),
    #[error("stored record cannot be read: {0}")]
    Corrupt(String),
    /// The cause is in the message, not a `source` too: shown as a chain it said the OS
    /// error twice.
    #[error("data folder: {path}: {cause}")]
    Folder { path: String, cause: std::io::Error },
}

impl StoreError {
    /// A file or folder in the data folder that cannot be used. Refused because another user
    /// owns it (one root wrote there, or a backup restored as root): says whose, and the fix.
    pub(crate) fn folder(path: &std::path::Path, cause: std::io::Error) -> StoreError {
        let cause = match private::owner_hint(path, &cause) {
            Some(why) => std::io::Error::new(cause.kind(), why),
            // "File exists" where a folder was to be made: say what is in the way.
            None if cause.kind() == std::io::ErrorKind::AlreadyExists && path.is_file() => {
                std::io::Error::new(
                    cause.kind(),
                    "is a file, not a folder: point data_dir (KROK_DATA_DIR) at a folder, or move the file away",
                )
            }
            None => cause,
        };
        StoreError::Folder {
            path: path.display().to_string(),
            cause,
        }
    }
}

/// The port every session store implements; `tests/it/store.rs` runs one suite over all of them.
pub trait SessionStore: Send + Sync {
    fn load(&self, user: &UserKey) -> Result<Option<Session>, StoreError>;
    fn save(&self, user: &UserKey, session: &Session) -> Result<(), StoreError>;
    /// Deletes everything stored about the person.
    fn forget(&self, user: &UserKey) -> Result<(), StoreError>;
    /// Deletes sessions last used before `before` (unix seconds); returns how many.
    fn sweep(&self, before: i64) -> Result<usize, StoreError>;
    fn len(&self) -> Result<usize, StoreError>;
    /// The people the store keeps something about (a session, or where to reach them) whose
    /// key starts with `prefix` and ends with `suffix`, sorted, for erasing what belongs to
    /// another key of the same person (a Telegram member's place in a group) or to a group
    /// that is gone. Only the matches are copied: `/forget` runs it at every erasure.
    fn users_like(&self, prefix: &str, suffix: &str) -> Result<Vec<UserKey>, StoreError>;
    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }
    /// Makes what was saved survive a crash of the process.
    fn flush(&self) -> Result<(), StoreError>;
}

#[derive(Serialize, Deserialize)]
struct Stored<T> {
    v: u32,
    #[serde(flatten)]
    session: T,
}

#[derive(Deserialize)]
struct VersionOnly {
    v: u32,
}

pub fn encode(session: &Session) -> Result<Vec<u8>, StoreError> {
    Ok(serde_json::to_vec(&Stored {
        v: FORMAT_VERSION,
        session,
    })?)
}

pub fn decode(bytes: &[u8]) -> Result<Session, StoreError> {
    let VersionOnly { v } = serde_json::from_slice(bytes)?;
    if v != FORMAT_VERSION {
        return Err(StoreError::Version(v));
    }
    let stored: Stored<Session> = serde_json::from_slice(bytes)?;
    Ok(stored.session)
}

//! The sled database behind every sled port, kept in one generation folder that a rewrite
//! replaces whole. sled is log-structured: a removed record's bytes live on in old segments, so
//! erasure is made real by copying only the live records into a fresh folder
//! (`sled-<n+1>`), naming it in `sled.current` (written atomically) and deleting the old folder.
//! A crash at any point leaves one complete generation named by the pointer; leftovers of the
//! other are deleted at the next start.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use parking_lot::{MappedRwLockReadGuard, RwLock, RwLockReadGuard};

use super::StoreError;
use super::private::{self, create_private_dir};

/// The file naming the live generation folder.
const POINTER: &str = "sled.current";
/// The folder of the first generation (and of every Krok before rewrites).
const FIRST: &str = "sled";
/// Present while a deletion waits for a rewrite, so one cut short by a crash runs at start.
const PENDING: &str = "sled.erase-pending";
/// Added to sled's own id counter, which a fresh database starts again at zero.
const SEQ_BASE: &[u8] = b"seq_base";

/// Every tree Krok keeps, opened once per generation.
pub struct Trees {
    pub sessions: sled::Tree,
    /// Where each person can be reached: user key -> chat.
    pub directory: sled::Tree,
    /// Per durable platform (Telegram, Matrix): handled event ids and the outgoing queue.
    pub handled: [sled::Tree; 2],
    pub queue: [sled::Tree; 2],
    pub bookings: sled::Tree,
    /// Places taken per slot.
    pub load: sled::Tree,
    /// Codes of unconfirmed holds and when they run out.
    pub holds: sled::Tree,
    /// Confirmed bookings that were cancelled, kept for the desk until their day is swept.
    pub cancelled: sled::Tree,
    pub demand: sled::Tree,
    /// The caseworkers' desk: sign-in grants (`g` + hash) and sessions (`s` + hash).
    pub desk: sled::Tree,
    /// The queue numbers' base and where each platform's event stream was read up to.
    pub(super) meta: sled::Tree,
}

/// One generation: the database in one folder.
pub struct Generation {
    pub db: sled::Db,
    pub trees: Trees,
    seq_base: u64,
    group: GroupFlush,
}

/// Group commit: writers that ask for a flush while one is running wait for the next one,
/// which covers all their writes, instead of each flushing in turn. A writer returns only
/// after a flush that began after its write; a failed flush is seen by its own caller, and the
/// writers still waiting try again themselves.
#[derive(Default)]
struct GroupFlush {
    state: parking_lot::Mutex<FlushState>,
    done_cv: parking_lot::Condvar,
}

#[derive(Default)]
struct FlushState {
    /// Writers that asked, in order; each has the number of its request.
    asked: u64,
    /// Every request up to this number is on disk.
    done: u64,
    running: bool,
}

/// The live generation's folder, and its database while it is open (it is not, for a moment,
/// while a rewrite or a reopening after a disk fault replaces it, or when reopening failed).
struct State {
    folder: String,
    live: Option<Generation>,
}

impl Generation {
    fn open(path: &Path) -> Result<Generation, StoreError> {
        let db = open_waiting_for_lock(path)?;
        let trees = Trees {
            sessions: db.open_tree("sessions")?,
            directory: db.open_tree("directory")?,
            handled: [db.open_tree("telegram_seen")?, db.open_tree("matrix_seen")?],
            queue: [
                db.open_tree("telegram_outbox")?,
                db.open_tree("matrix_outbox")?,
            ],
            bookings: db.open_tree("bookings")?,
            load: db.open_tree("booking_load")?,
            holds: db.open_tree("booking_holds")?,
            cancelled: db.open_tree("booking_cancelled")?,
            demand: db.open_tree("demand")?,
            desk: db.open_tree("desk")?,
            meta: db.open_tree("meta")?,
        };
        let seq_base = trees
            .meta
            .get(SEQ_BASE)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map_or(0, u64::from_be_bytes);
        Ok(Generation {
            db,
            trees,
            seq_base,
            group: GroupFlush::default(),
        })
    }

    /// Makes every write made before this call durable, sharing one flush with the writers
    /// that ask at the same time (see `GroupFlush`).
    pub fn flush(&self) -> Result<(), StoreError> {
        let mut state = self.group.state.lock();
        state.asked += 1;
        let mine = state.asked;
        loop {
            if state.done >= mine {
                return Ok(());
            }
            if !state.running {
                state.running = true;
                let covers = state.asked;
                let flushed = parking_lot::MutexGuard::unlocked(&mut state, || self.db.flush());
                state.running = false;
                if flushed.is_ok() {
                    state.done = state.done.max(covers);
                }
                self.group.done_cv.notify_all();
                return flushed.map(drop).map_err(StoreError::from);
            }
            self.group.done_cv.wait(&mut state);
        }
    }

    /// A new queue position, increasing across generations.
    pub fn next_seq(&self) -> Result<u64, StoreError> {
        Ok(self.seq_base + self.db.generate_id()?)
    }
}

/// The sled database of a data folder, replaceable by a rewrite while Krok runs.
pub struct Disk {
    data: PathBuf,
    current: RwLock<State>,
    /// Something personal was deleted since the last rewrite.
    erased: AtomicBool,
    /// Queue numbers below this were handed out before the latest deletion: such a message
    /// (the "everything is deleted" answer itself) may still carry the person's chat, so its
    /// removal from the queue calls for one more rewrite.
    queued_before_erasure: AtomicU64,
}

/// A read hold on the live generation: writes through it land in the database a rewrite copies.
pub type Held<'a> = MappedRwLockReadGuard<'a, Generation>;

/// A probe key written to check that the disk takes writes.
const PROBE: &[u8] = b"probe";

impl Disk {
    /// Opens (creating) the database under the data folder `data` (made 0700, its files 0600).
    /// A deletion that a crash cut short is noted (`is_erased`), not yet rewritten: the store
    /// first finishes what else the crash left (the sent journal's removals), then rewrites.
    pub fn open(data: &Path) -> Result<Arc<Disk>, StoreError> {
        create_private_dir(data)?;
        let folder = std::fs::read_to_string(data.join(POINTER))
            .map(|s| s.trim().to_owned())
            .ok()
            .filter(|s| generation_number(s).is_some())
            .unwrap_or_else(|| FIRST.to_owned());
        remove_other_generations(data, &folder)?;
        let generation = Generation::open(&data.join(&folder))?;
        private::restrict(data)?;
        let pending = data.join(PENDING).exists();
        Ok(Arc::new(Disk {
            data: data.to_owned(),
            current: RwLock::new(State {
                folder,
                live: Some(generation),
            }),
            erased: AtomicBool::new(pending),
            queued_before_erasure: AtomicU64::new(0),
        }))
    }

    /// The live generation; hold it for the whole of one operation, and take it once.
    pub fn read(&self) -> Result<Held<'_>, StoreError> {
        RwLockReadGuard::try_map(self.current.read(), |s| s.live.as_ref()).map_err(|_| {
            StoreError::Backend("the database is closed after a disk fault; reopening".into())
        })
    }

    /// After a disk fault (full, read-only, gone) sled refuses every write until it is opened
    /// again. A probe write tells; when it fails, the database is closed and opened again,
    /// which works once the disk takes writes again. True if it was reopened.
    pub fn heal(&self) -> Result<bool, StoreError> {
        let probe = |g: &Generation| g.trees.meta.insert(PROBE, &[]).and_then(|_| g.db.flush());
        if self.read().is_ok_and(|held| probe(&held).is_ok()) {
            return Ok(false);
        }
        {
            let mut state = self.current.write();
            // Dropped first: the failed database holds the folder's lock.
            state.live = None;
            state.live = Some(Generation::open(&self.data.join(&state.folder))?);
        }
        probe(&*self.read()?)?;
        tracing::info!("database reopened after a disk fault");
        Ok(true)
    }

    /// Notes that something about a person was deleted: the next `rewrite_if_erased` copies.
    pub fn erased(&self) {
        if let Ok(next) = self.read().and_then(|g| g.next_seq()) {
            self.queued_before_erasure.fetch_max(next, Ordering::SeqCst);
        }
        if !self.erased.swap(true, Ordering::SeqCst) {
            let marker = self.data.join(PENDING);
            if let Err(error) = private::write_private(&marker, b"") {
                tracing::error!(%error, "cannot note a pending erasure; it runs while Krok runs");
            }
        }
    }

    /// A queued message left the queue: if it was queued before the latest deletion, the
    /// next rewrite must run to take its bytes away too.
    pub fn dequeued(&self, seq: u64) {
        if seq < self.queued_before_erasure.load(Ordering::SeqCst) {
            self.erased();
        }
    }

    /// Whether a deletion waits for a rewrite.
    pub fn is_erased(&self) -> bool {
        self.erased.load(Ordering::SeqCst)
    }

    /// Rewrites the database if something was deleted since the last time; true if it did.
    pub fn rewrite_if_erased(&self) -> Result<bool, StoreError> {
        if !self.is_erased() {
            return Ok(false);
        }
        self.rewrite()?;
        Ok(true)
    }

    /// Copies the live records into a fresh generation and deletes the old one, so no byte
    /// of a deleted record stays in the data folder. Turns wait while it runs.
    pub fn rewrite(&self) -> Result<(), StoreError> {
        let mut state = self.current.write();
        self.erased.store(false, Ordering::SeqCst);
        let result = self.replace(&mut state);
        if result.is_err() {
            self.erased.store(true, Ordering::SeqCst);
        }
        result
    }

    fn replace(&self, state: &mut State) -> Result<(), StoreError> {
        let current = state.live.as_ref().ok_or_else(|| {
            StoreError::Backend("the database is closed after a disk fault".into())
        })?;
        let number = generation_number(&state.folder).unwrap_or(0) + 1;
        let folder = format!("{FIRST}-{number}");
        let path = self.data.join(&folder);
        if path.exists() {
            std::fs::remove_dir_all(&path).map_err(|e| StoreError::folder(&path, e))?;
        }
        current.db.flush()?;
        let seq_base = current.seq_base + current.db.generate_id()? + 1;
        // The copy is opened as it will be used before the pointer names it: a pointer moved
        // to a copy that then failed to open (a full disk) would make the next start take
        // that copy and delete the live folder, with everything written since.
        let copied = (|| -> Result<Generation, StoreError> {
            let fresh = open_waiting_for_lock(&path)?;
            copy_live(&current.db, &fresh)?;
            fresh
                .open_tree("meta")?
                .insert(SEQ_BASE, &seq_base.to_be_bytes())?;
            fresh.flush()?;
            drop(fresh);
            Generation::open(&path)
        })();
        let pointer = self.data.join(POINTER);
        let moved = copied.and_then(|next| {
            match private::write_atomically(&pointer, folder.as_bytes()) {
                Ok(()) => Ok(next),
                // Renamed, but the folder's sync failed: the pointer names the copy, which is
                // then the live database (and must not be deleted).
                Err(_) if pointer_names(&pointer, &folder) => Ok(next),
                Err(error) => Err(error),
            }
        });
        let next = match moved {
            Ok(next) => next,
            Err(error) => {
                // A half-made copy (a full disk) would only take more of the space it lacked.
                let _ = std::fs::remove_dir_all(&path);
                return Err(error);
            }
        };
        let old_path = self.data.join(&state.folder);
        state.live = Some(next);
        state.folder = folder;
        std::fs::remove_dir_all(&old_path).map_err(|e| StoreError::folder(&old_path, e))?;
        private::restrict(&self.data)?;
        if !self.is_erased() {
            let _ = std::fs::remove_file(self.data.join(PENDING));
        }
        tracing::info!("database rewritten without deleted records");
        Ok(())
    }
}

/// Whether the pointer file names `folder`.
fn pointer_names(pointer: &Path, folder: &str) -> bool {
    std::fs::read_to_string(pointer).is_ok_and(|s| s.trim() == folder)
}

/// `sled` is generation 0, `sled-3` generation 3; anything else is not a generation.
fn generation_number(folder: &str) -> Option<u64> {
    if folder == FIRST {
        return Some(0);
    }
    folder.strip_prefix("sled-")?.parse().ok()
}

/// Deletes generation folders other than `keep`: an interrupted rewrite's half copy, or the
/// old generation a crash left behind after the pointer moved.
fn remove_other_generations(data: &Path, keep: &str) -> Result<(), StoreError> {
    let entries = std::fs::read_dir(data).map_err(|e| StoreError::folder(data, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != keep && generation_number(&name).is_some() && entry.path().is_dir() {
            std::fs::remove_dir_all(entry.path())
                .map_err(|e| StoreError::folder(&entry.path(), e))?;
        }
    }
    Ok(())
}

/// Every tree's live records from `from` into the empty `to`, in batches.
fn copy_live(from: &sled::Db, to: &sled::Db) -> Result<(), StoreError> {
    for name in from.tree_names() {
        let source = from.open_tree(&name)?;
        let target = to.open_tree(&name)?;
        let mut batch = sled::Batch::default();
        let mut pending = 0;
        for entry in source.iter() {
            let (key, value) = entry?;
            batch.insert(key, value);
            pending += 1;
            if pending == 1000 {
                target.apply_batch(std::mem::take(&mut batch))?;
                pending = 0;
            }
        }
        target.apply_batch(batch)?;
    }
    Ok(())
}

/// sled's page cache.
const CACHE_BYTES: u64 = 32 << 20;

/// A store that was just closed (or a process that is just exiting) holds sled's file lock
/// until its flusher thread ends, up to about half a second: wait for it instead of failing.
fn open_waiting_for_lock(path: &Path) -> Result<sled::Db, StoreError> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        // sled caches up to 1 GiB by default; Krok's data is a few MiB per thousand people.
        let config = sled::Config::new().path(path).cache_capacity(CACHE_BYTES);
        match config.open() {
            Err(sled::Error::Io(e))
                if std::time::Instant::now() < deadline && e.to_string().contains("lock") =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return Ok(other?),
        }
    }
}

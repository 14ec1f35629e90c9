//! The sent journal: the outbox's "Telegram accepted this message" is written to a small
//! append-only file with one `write(2)` before anything else, so it survives a kill -9 of the
//! process at once (the kernel holds it), where a sled flush would take milliseconds. At start
//! its entries are removed from the queues and the file is emptied; it is also emptied once a
//! flush made the queue removals durable. An entry is a platform byte and a big-endian queue
//! number: nothing personal.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use super::StoreError;

const FILE: &str = "queue.sent";
const ENTRY: usize = 9;
/// Entries after which the queue removals are flushed and the journal emptied.
const FLUSH_EVERY: usize = 1024;

pub struct SentLog {
    file: File,
    entries: usize,
}

impl SentLog {
    /// Opens the journal in the data folder `data`, with what a previous run left in it:
    /// (queue slot, queue number) pairs whose removal may not have reached the disk.
    pub fn open(data: &Path) -> Result<(SentLog, Vec<(u8, u64)>), StoreError> {
        let path = data.join(FILE);
        let mut options = std::fs::OpenOptions::new();
        options.read(true).append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(&path)
            .map_err(|e| StoreError::folder(&path, e))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| StoreError::folder(&path, e))?;
        // A torn last entry (a power cut mid-write) is ignored: that message may go twice.
        let left = bytes
            .chunks_exact(ENTRY)
            .map(|e| {
                let seq = u64::from_be_bytes(e[1..].try_into().expect("8 bytes"));
                (e[0], seq)
            })
            .collect();
        Ok((SentLog { file, entries: 0 }, left))
    }

    /// Notes that `seq` of queue `slot` was sent; true when it is time to flush and `clear`.
    pub fn append(&mut self, slot: u8, seq: u64) -> Result<bool, StoreError> {
        let mut entry = [0u8; ENTRY];
        entry[0] = slot;
        entry[1..].copy_from_slice(&seq.to_be_bytes());
        self.file
            .write_all(&entry)
            .map_err(|e| StoreError::folder(Path::new(FILE), e))?;
        self.entries += 1;
        Ok(self.entries >= FLUSH_EVERY)
    }

    /// Empties the journal; only after the queue removals it lists are on disk.
    pub fn clear(&mut self) -> Result<(), StoreError> {
        self.file
            .set_len(0)
            .map_err(|e| StoreError::folder(Path::new(FILE), e))?;
        self.entries = 0;
        Ok(())
    }
}

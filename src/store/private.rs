//! Files only their owner can read: every folder Krok writes is 0700 and every file 0600,
//! whatever the umask, so a copied backup of the data folder is not readable by others.

use std::io::Write;
use std::path::Path;

use super::StoreError;

/// For a refusal of `path` that another user's ownership explains: whose it is, and the fix.
pub(super) fn owner_hint(path: &Path, cause: &std::io::Error) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if cause.kind() != std::io::ErrorKind::PermissionDenied {
            return None;
        }
        let owner = std::fs::symlink_metadata(path).ok()?.uid();
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        (owner != me).then(|| {
            format!(
                "belongs to user id {owner}, not to Krok's user {me}: give it back (`chown {me} {}`, or `chown -R {me}` on the data folder)",
                path.display()
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (path, cause);
        None
    }
}

/// New files and folders of this process are private to its user (umask 077): what sled,
/// SQLite and the logs' rotation create later is covered too.
pub fn private_umask() {
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// A file grown past the process's size limit is a write error to handle (as a full disk is),
/// not a signal that kills the process.
pub fn survive_file_size_limit() {
    #[cfg(unix)]
    // SAFETY: ignoring SIGXFSZ installs no handler code; it cannot fail for a valid signal.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Creates `dir` (and its parents) and makes it 0700.
pub(crate) fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::folder(dir, e))?;
    set_mode(dir, 0o700)
}

/// Makes `folder` and everything under it private: folders 0700, files 0600.
pub fn restrict(folder: &Path) -> Result<(), StoreError> {
    set_mode(folder, 0o700)?;
    let entries = std::fs::read_dir(folder).map_err(|e| StoreError::folder(folder, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::folder(folder, e))?;
        let kind = entry
            .file_type()
            .map_err(|e| StoreError::folder(&entry.path(), e))?;
        if kind.is_dir() {
            restrict(&entry.path())?;
        } else if kind.is_file() {
            set_mode(&entry.path(), 0o600)?;
        }
    }
    Ok(())
}

fn set_mode(path: &Path, mode: u32) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let meta = std::fs::metadata(path).map_err(|e| StoreError::folder(path, e))?;
        if meta.mode() & 0o777 == mode {
            return Ok(());
        }
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| StoreError::folder(path, e))?;
    }
    let _ = (path, mode);
    Ok(())
}

/// Writes `bytes` to a new private file (0600).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| StoreError::folder(path, e))?;
    file.write_all(bytes)
        .map_err(|e| StoreError::folder(path, e))?;
    file.sync_all().map_err(|e| StoreError::folder(path, e))?;
    set_mode(path, 0o600)
}

/// Replaces `path` with `bytes` all at once: a crash leaves the old or the new content.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let temporary = path.with_extension("new");
    write_private(&temporary, bytes)?;
    std::fs::rename(&temporary, path).map_err(|e| StoreError::folder(path, e))?;
    if let Some(parent) = path.parent() {
        // The rename itself is on disk once the folder is.
        std::fs::File::open(parent)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::folder(parent, e))?;
    }
    Ok(())
}

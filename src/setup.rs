//! What the commands build from the config: the checked content and the store in the data
//! folder. Shared by the command line and `krok run`, so neither depends on the other.

use crate::config::Config;
use crate::core::content::Content;
use crate::files::load_content;
use crate::store::SledStore;

pub(crate) fn content(config: &Config) -> anyhow::Result<Content> {
    load_content(&config.dialogs_dir, &config.locales_dir).map_err(|problems| {
        anyhow::anyhow!("{problems}the content has errors; run `krok check` for the full report")
    })
}

pub(crate) fn open_store(config: &Config) -> anyhow::Result<SledStore> {
    same_owner(&config.data_dir)?;
    SledStore::open(&config.data_dir).map_err(|error| {
        // Only a lock held says another process has it; a full disk, a read-only folder or a
        // file in the way say so themselves.
        let text = error.to_string();
        let locked = text.contains("lock") || text.contains("temporarily unavailable");
        let dir = config.data_dir.display();
        // sled's own words for a held lock end in the operating system's debug text
        // (`Os { code: 11, kind: WouldBlock, … }`): said plainly instead.
        match locked {
            true => anyhow::anyhow!(
                "opening the session store in {dir}: another Krok process has it open (is `krok run` using it?); stop that one first, or use another data_dir"
            ),
            false => anyhow::anyhow!("opening the session store in {dir}: {text}"),
        }
    })
}

/// Whether this process's user owns `dir`, which exists: only then may a command that is not
/// the service write there.
pub(crate) fn owns(dir: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    std::fs::metadata(dir).is_ok_and(|m| m.uid() == unsafe { libc::geteuid() })
}

/// Krok runs as the user who owns the data folder: files another user (root, say, running
/// `krok bookings` during maintenance) wrote there would lock the service out of its data.
fn same_owner(data_dir: &std::path::Path) -> anyhow::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(data_dir) else {
        return Ok(()); // created on open, by this user
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    let (owner, folder) = (meta.uid(), data_dir.display());
    // A folder root made (a volume mounted before the container's user wrote to it) is given
    // to the service, not the service run as root.
    anyhow::ensure!(
        owner == me || owner != 0,
        "the data folder {folder} belongs to root, and Krok runs as user id {me}: give the \
         folder to that user (`chown -R {me} {folder}`; in the container image that user is \
         10001) rather than run Krok as root"
    );
    anyhow::ensure!(
        owner == me,
        "the data folder {folder} belongs to user id {owner}, and Krok runs as {me}: run it as \
         that user (for example `sudo -u '#{owner}' krok …`, or `docker exec`, which runs as \
         the image's user), or files it writes there would lock the service out of its data"
    );
    Ok(())
}

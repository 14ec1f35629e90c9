//! What the commands build from the config: the checked content and the store in the data
//! folder. Shared by the command line and `krok run`, so neither depends on the other.

use anyhow::Context;

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
    SledStore::open(&config.data_dir).with_context(|| {
        format!(
            "opening the session store in {} (is `krok run` using it?)",
            config.data_dir.display()
        )
    })
}

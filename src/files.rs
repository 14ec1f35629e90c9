//! Reads the content folders from disk and hands their text to the pure core loader.

use std::path::Path;

use crate::core::content::{Content, file_name};
use crate::core::facts;
use crate::core::lang::Lang;
use crate::core::problem::{Problem, Problems, Source};
use crate::core::services::Services;

/// Loads and validates `dialogs_dir/*.toml` and `locales_dir/<lang>/*.ftl`, and checks the
/// services' facts against the documents in `dialogs_dir/sources/`.
pub fn load_content(dialogs_dir: &Path, locales_dir: &Path) -> Result<Content, Problems> {
    let mut problems = Problems::default();
    let dialogs = read_dir(dialogs_dir, "toml", &mut problems);
    let mut locales = Vec::new();
    for lang in Lang::ALL {
        let dir = locales_dir.join(lang.code());
        let files = read_dir(&dir, "ftl", &mut problems);
        locales.extend(files.into_iter().map(|s| (lang, s)));
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let sources = dialogs_dir.join("sources");
    let documents = sources
        .is_dir()
        .then(|| read_dir(&sources, "txt", &mut problems));
    let loaded = Content::load(&dialogs, &locales);
    give_back_freed_memory();
    let mut content = match loaded {
        Ok(content) => content,
        Err(mut found) => {
            // The facts are checked whatever else is wrong: a mistyped crisis number must not
            // wait until every other mistake is fixed to be shown.
            let services = dialogs
                .iter()
                .find(|s| file_name(&s.path) == "services.toml")
                .map(|s| Services::load(s, &mut Problems::default()));
            if let (Some(services), Some(documents)) = (services, &documents) {
                found.0.extend(facts::unsupported(&services, documents));
            }
            found.0.extend(problems.0);
            return Err(found.sorted());
        }
    };
    match documents {
        Some(documents) => {
            problems.0.extend(facts::unsupported(&content.services, &documents));
            if problems.has_errors() {
                return Err(problems.sorted());
            }
        }
        None => content.warnings.push(Problem::warning(
            &sources.display().to_string(),
            1,
            "the source documents are missing: phone numbers, e-mails and addresses are not checked against them",
        )),
    }
    Ok(content)
}

/// Compiling the triage patterns uses tens of MiB of scratch memory that is freed at once but
/// that glibc's allocator keeps: handed back to the system here, a running bot holds what it
/// uses (about half) instead of what loading needed at its peak.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's own arenas to the
    // system; it is safe to call at any time from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn read_dir(dir: &Path, ext: &str, problems: &mut Problems) -> Vec<Source> {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem::error(
                &shown,
                1,
                format!("cannot read folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    let mut sources = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push(Source::new(shown, text)),
            Err(e) => problems.push(Problem::error(&shown, 1, format!("cannot read file: {e}"))),
        }
    }
    sources
}

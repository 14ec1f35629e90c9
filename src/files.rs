//! Reads the content folders from disk and hands their text to the pure core loader.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::content::{Content, DIALOG_FILES, LOCALE_FILES, file_name};
use crate::core::facts;
use crate::core::lang::Lang;
use crate::core::problem::{Problem, Problems, Severity, Source};
use crate::core::services::Services;

/// Loads and validates `dialogs_dir/*.toml` and `locales_dir/<lang>/*.ftl`, and checks the
/// services' facts against the documents in `dialogs_dir/sources/`.
pub fn load_content(dialogs_dir: &Path, locales_dir: &Path) -> Result<Content, Problems> {
    Texts::read(dialogs_dir, locales_dir)?.load()
}

/// As `load_content`, and content that loads is kept in `data_dir` as the last good content
/// (a failure to keep it is told, not fatal: the content in use is not affected, only what a
/// broken start could fall back on).
pub fn load_and_keep(
    dialogs_dir: &Path,
    locales_dir: &Path,
    data_dir: &Path,
) -> Result<Content, Problems> {
    let texts = Texts::read(dialogs_dir, locales_dir)?;
    let content = texts.load()?;
    if let Err(error) = texts.keep(data_dir) {
        tracing::warn!(%error, "could not keep the content as the last good one");
    }
    Ok(content)
}

/// The content's files as read: what a load checks, and what is kept as the last good content.
#[derive(Serialize, Deserialize)]
struct Texts {
    dialogs: Vec<(String, String)>,
    locales: Vec<(Lang, String, String)>,
    /// The source documents, when the folder has them; `sources` names where they were.
    documents: Option<Vec<(String, String)>>,
    sources: String,
    /// Files in the folders that are not read (a copy, a wrong extension: warnings) or not
    /// read whole (another encoding than UTF-8: errors).
    #[serde(skip)]
    unread: Vec<Problem>,
}

impl Texts {
    /// Every file of the content folders; a folder or file that cannot be read is an error.
    fn read(dialogs_dir: &Path, locales_dir: &Path) -> Result<Texts, Problems> {
        // A folder that cannot be read stops here; a file in another encoding is read as well
        // as it can be and reported with the rest, so it does not hide every other mistake.
        let (mut problems, mut files) = (Problems::default(), Problems::default());
        let dialogs = read_dir(dialogs_dir, "toml", &mut problems, &mut files);
        let mut locales = Vec::new();
        for lang in Lang::ALL {
            let dir = locales_dir.join(lang.code());
            // One language's folder missing is told once by the locales' check (a language
            // without texts), which goes on to check everything else; the whole `locales`
            // folder missing stops here.
            if locales_dir.is_dir() && !dir.exists() {
                continue;
            }
            let read = read_dir(&dir, "ftl", &mut problems, &mut files);
            // "flow - kopia.ftl" beside flow.ftl would define every message twice (and be
            // blamed as the first): a copy is not read, as in the dialogs folder.
            let (known, copies): (Vec<_>, Vec<_>) = read
                .into_iter()
                .partition(|(path, _)| LOCALE_FILES.contains(&file_name(path)));
            for (path, _) in copies {
                let why = format!(
                    "this file is not read: a language's texts are {} (a copy can be removed)",
                    LOCALE_FILES.join(", ")
                );
                files.push(Problem::warning(&path, 1, why));
            }
            locales.extend(known.into_iter().map(|(path, text)| (lang, path, text)));
        }
        unknown_languages(locales_dir, &mut files);
        let sources = dialogs_dir.join("sources");
        let documents = sources
            .is_dir()
            .then(|| read_dir(&sources, "txt", &mut problems, &mut files));
        let fatal = problems.has_errors();
        problems.0.extend(files.0);
        if fatal {
            return Err(problems);
        }
        for (path, _) in dialogs
            .iter()
            .filter(|(p, _)| !DIALOG_FILES.contains(&file_name(p)))
        {
            let why = format!(
                "this file is not read: the dialogs are {} (a copy can be removed)",
                DIALOG_FILES.join(", ")
            );
            problems.push(Problem::warning(path, 1, why));
        }
        Ok(Texts {
            dialogs,
            locales,
            documents,
            sources: sources.display().to_string(),
            unread: problems.0,
        })
    }

    /// The content these files make, or every problem in them (the files that could not be
    /// read whole among them).
    fn load(&self) -> Result<Content, Problems> {
        let unread = Problems(self.unread.clone());
        match self.checked() {
            Err(mut found) => {
                found.0.extend(unread.0);
                Err(found.sorted())
            }
            Ok(content) if unread.has_errors() => {
                let mut all = unread;
                all.0.extend(content.warnings.0);
                Err(all.sorted())
            }
            Ok(mut content) => {
                content.warnings.0.extend(unread.0);
                Ok(content)
            }
        }
    }

    /// The content the texts make, its facts checked against the source documents.
    fn checked(&self) -> Result<Content, Problems> {
        let source = |(path, text): &(String, String)| Source::new(path.clone(), text.clone());
        let dialogs: Vec<Source> = self.dialogs.iter().map(source).collect();
        let locales: Vec<(Lang, Source)> = self
            .locales
            .iter()
            .map(|(lang, path, text)| (*lang, Source::new(path.clone(), text.clone())))
            .collect();
        let documents: Option<Vec<Source>> = self
            .documents
            .as_ref()
            .map(|d| d.iter().map(source).collect());
        let loaded = Content::load(&dialogs, &locales);
        give_back_freed_memory();
        let mut content = match loaded {
            Ok(content) => content,
            Err(mut found) => {
                // The facts are checked whatever else is wrong: a mistyped crisis number must
                // not wait until every other mistake is fixed to be shown.
                let services = dialogs
                    .iter()
                    .find(|s| file_name(&s.path) == "services.toml")
                    .map(|s| Services::load(s, &mut Problems::default()));
                if let (Some(services), Some(documents)) = (services, &documents) {
                    found.0.extend(facts::unsupported(&services, documents));
                }
                return Err(found);
            }
        };
        match documents {
            Some(documents) => {
                let wrong = Problems(facts::unsupported(&content.services, &documents));
                if wrong.has_errors() {
                    return Err(wrong);
                }
            }
            None => content.warnings.push(Problem::warning(
                &self.sources,
                1,
                "the source documents are missing: phone numbers, e-mails and addresses are not checked against them",
            )),
        }
        Ok(content)
    }

    /// Keeps these files as the last content that loaded without errors, in `data_dir`
    /// (written whole or not at all): what a start serves when the folders have errors.
    fn keep(&self, data_dir: &Path) -> std::io::Result<()> {
        let kept = Kept {
            at: chrono::Utc::now(),
            texts: self,
        };
        let bytes = serde_json::to_vec(&kept).map_err(std::io::Error::other)?;
        let path = data_dir.join(LAST_GOOD);
        let part = data_dir.join(format!("{LAST_GOOD}.part"));
        std::fs::write(&part, bytes)?;
        std::fs::File::open(&part)?.sync_all()?;
        std::fs::rename(&part, &path)
    }
}

/// The last good content's file in the data folder.
const LAST_GOOD: &str = "content.last-good.json";

#[derive(Serialize)]
struct Kept<'a> {
    at: chrono::DateTime<chrono::Utc>,
    texts: &'a Texts,
}

#[derive(Deserialize)]
struct KeptOwned {
    at: chrono::DateTime<chrono::Utc>,
    texts: Texts,
}

/// The content last kept in `data_dir` by `Texts::keep`, and when it was kept: `None` when
/// nothing was kept; why it cannot be used when it was kept but does not load (damaged, or
/// edited by hand into something the checks refuse, a wrong crisis number among them).
pub fn last_good(
    data_dir: &Path,
) -> Result<Option<(Content, chrono::DateTime<chrono::Utc>)>, String> {
    let path = data_dir.join(LAST_GOOD);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let kept: KeptOwned =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: damaged ({e})", path.display()))?;
    match kept.texts.load() {
        Ok(content) => Ok(Some((content, kept.at))),
        Err(problems) => Err(format!(
            "{}: refused too (errors: {}; the first: {})",
            path.display(),
            problems.error_count(),
            problems
                .0
                .iter()
                .find(|p| p.severity == Severity::Error)
                .map_or_else(String::new, ToString::to_string)
        )),
    }
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

/// A folder in `locales/` that is no language Krok speaks (`de`, `EN2`): said, since its
/// texts are never shown.
fn unknown_languages(locales_dir: &Path, files: &mut Problems) {
    let Ok(entries) = std::fs::read_dir(locales_dir) else {
        return;
    };
    let mut unknown: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            !Lang::ALL.iter().any(|l| name.as_deref() == Some(l.code()))
        })
        .collect();
    unknown.sort();
    let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
    for dir in unknown {
        let why = format!(
            "this folder is not read: Krok speaks {} (a new language needs code as well as texts)",
            codes.join(", ")
        );
        files.push(Problem::warning(&dir.display().to_string(), 1, why));
    }
}

fn read_dir(
    dir: &Path,
    ext: &str,
    problems: &mut Problems,
    files: &mut Problems,
) -> Vec<(String, String)> {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            // Most often Krok was started elsewhere than its folders (a service without a
            // working directory): where it looked, and how to point it there.
            let said = match e.kind() {
                std::io::ErrorKind::NotFound => {
                    let whole = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
                    format!(
                        "no such folder ({}): start Krok where its folders are, or set \
                         dialogs_dir and locales_dir (KROK_DIALOGS_DIR, KROK_LOCALES_DIR) to \
                         whole paths",
                        whole.display()
                    )
                }
                _ => format!("cannot read folder: {e}"),
            };
            problems.push(Problem::error(&shown, 1, said));
            return Vec::new();
        }
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut texts = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !name.ends_with(&format!(".{ext}")) {
            // "services.toml.txt" (Notepad's "Save as"), "flow.ftl.bak": an edit nobody sees.
            if name.contains(&format!(".{ext}")) {
                let why = format!(
                    "this file is not read (only files ending in .{ext} are): rename it, or remove it if it is a copy"
                );
                files.push(Problem::warning(&shown, 1, why));
            }
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => texts.push((shown, text)),
                Err(e) => {
                    let bytes = e.as_bytes();
                    let good = e.utf8_error().valid_up_to();
                    let line = 1 + bytes[..good].iter().filter(|b| **b == b'\n').count();
                    let why = "the file is not saved as UTF-8 (perhaps as Windows-1250), and this line holds its first letter that UTF-8 cannot read: open the file and save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)";
                    files.push(Problem::error(&shown, line, why));
                    texts.push((shown, String::from_utf8_lossy(bytes).into_owned()));
                }
            },
            // A file that cannot be read stops the load as a folder does: what the rest lacks
            // without it (its messages, its services) would bury the one line to fix.
            Err(e) => problems.push(Problem::error(&shown, 1, format!("cannot read file: {e}"))),
        }
    }
    texts
}

//! Headless Chromium (Debian's `chromium`) as the browser a caseworker prints from: one run at
//! a time, a fresh profile each, no network, and a time limit.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(90);

/// Two cores: browsers started side by side would only slow each other past the limit.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub(crate) fn binary() -> PathBuf {
    let found = ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    });
    found.unwrap_or_else(|| {
        panic!(
            "these tests print with headless Chromium, which is not installed: \
             apt-get update && apt-get install -y --no-install-recommends chromium \
             (`.ci/run` does this)"
        )
    })
}

/// Runs Chromium on `args` (the page last) and returns what it wrote to stdout.
pub fn run(args: &[&str]) -> String {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let profile = tempfile::tempdir().unwrap();
    let out = crate::bounded::output(
        Command::new(binary())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(args),
        b"",
        LIMIT,
        &format!("chromium {args:?}"),
    );
    assert!(out.status.success(), "chromium {args:?}: {}", out.status);
    String::from_utf8(out.stdout).expect("chromium's output is text")
}

/// The page prints to a PDF.
pub fn assert_prints(page: &Path) {
    let pdf = page.with_extension("pdf");
    run(&[
        &format!("--print-to-pdf={}", pdf.display()),
        &format!("file://{}", page.display()),
    ]);
    let bytes = std::fs::read(&pdf).expect("chromium wrote the PDF");
    assert!(bytes.starts_with(b"%PDF"), "{} is a PDF", pdf.display());
}

/// Nothing is fetched from elsewhere when the page opens or prints.
pub fn assert_self_contained(html: &str) {
    for needle in [
        "<script", "<link", "<img", "<iframe", "@import", "url(", "src=",
    ] {
        assert!(
            !html.contains(needle),
            "the page loads nothing: found {needle}"
        );
    }
}

//! Krok on paper, as a caseworker uses it: `krok link` links that open their step when a person
//! follows them, QR codes that decode to the link, a card and a directory that a browser prints.

pub(super) mod chromium;
mod links;
pub(super) mod paper;

use std::process::Command;

use super::support::{krok_bin, root};

const BOT: &str = "krok_test_bot";
const MATRIX_USER: &str = "@krok:example.org";
const PLATFORMS: [(&str, &str); 2] = [
    ("KROK_TELEGRAM_BOT_USERNAME", BOT),
    ("KROK_MATRIX_USER", MATRIX_USER),
];

fn krok(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(krok_bin());
    cmd.args(args).current_dir(root()).env("RUST_LOG", "error");
    for var in krok::config::ENV_VARS {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    let out = super::bounded::output(
        &mut cmd,
        b"",
        super::bounded::PROCESS_LIMIT,
        &format!("krok {args:?}"),
    );
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

/// The value of a `name: value` line of `krok link`.
fn field<'a>(out: &'a str, name: &str) -> &'a str {
    out.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
        .unwrap_or_else(|| panic!("no `{name}:` line in\n{out}"))
}

//! Erasure you can verify, on every platform: a person books with a name and a phone, writes
//! `/forget`, and after the pipeline settles its erasures no file of the data folder holds
//! the name, the phone, or the person's platform id.

use std::path::Path;

use super::{Side, code_in};

/// A name no other record could contain by chance.
const NAME: &str = "Zzyzxqwerty";
const PHONE: &str = "+48 600 123 457";
const PHONE_DIGITS: &str = "48600123457";

/// Books with `NAME` and `PHONE`, forgets, settles, and scans `data` (but not `skip`, a
/// folder of the platform's own library that is documented as keeping the platform id).
pub fn book_forget_and_scan(side: &mut dyn Side, data: &Path, skip: Option<&str>) {
    side.open(0, "legal-en");
    side.hear(0);
    side.choose(0, 1);
    side.hear(0);
    side.choose(0, 1);
    side.hear(0);
    side.choose(0, 1);
    side.hear(0);
    side.say(0, NAME);
    side.hear(0);
    side.choose(0, 2);
    side.hear(0);
    side.say(0, PHONE);
    side.hear(0);
    side.choose(0, 1);
    let booked = side.hear(0);
    code_in(&booked.text);
    let user = side.user(0);
    let needles = [
        NAME.to_owned(),
        PHONE_DIGITS.to_owned(),
        user.as_str().to_owned(),
        user.id().to_owned(),
    ];
    let before = found(data, skip, &needles);
    assert!(
        before.iter().any(|(n, _)| n == NAME),
        "the booking is on disk before /forget: {before:?}"
    );
    side.say(0, "/forget");
    let forgotten = side.hear(0);
    assert!(forgotten.text.contains("deleted"), "{}", forgotten.text);
    // The answer to /forget carries the chat too; once it has left the queue, a rewrite
    // takes it away as well (within the minute while running).
    let store = side.pipeline().store().clone();
    crate::support::wait_for("the last answer sent", || {
        store.queued(user.on()).unwrap().is_empty()
    });
    side.pipeline().settle_erasures(chrono::Utc::now()).unwrap();
    let after = found(data, skip, &needles);
    assert!(after.is_empty(), "left on disk after /forget: {after:?}");
}

/// Which needles occur in which files under `folder`.
pub fn found(folder: &Path, skip: Option<&str>, needles: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![folder.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if skip.is_some_and(|s| path == folder.join(s)) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            for needle in needles {
                let n = needle.as_bytes();
                if bytes.windows(n.len()).any(|w| w == n) {
                    out.push((needle.clone(), path.display().to_string()));
                }
            }
        }
    }
    out
}

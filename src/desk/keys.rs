//! Secrets of the desk: sign-in tokens, session cookies and form tokens, each 32 bytes from
//! the operating system's CSPRNG written as 64 hex digits; what is stored is their SHA-256;
//! comparisons take the same time whatever the bytes.

use sha2::{Digest as _, Sha256};

use crate::store::{Digest, StoreError};

/// A fresh secret.
pub fn new_secret() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| StoreError::Corrupt(format!("no randomness from the system: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What is kept of a secret.
pub fn digest(secret: &str) -> Digest {
    Sha256::digest(secret.as_bytes()).into()
}

/// Whether two strings are equal, looking at every byte of both whatever they hold.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for i in 0..a.len().max(b.len()) {
        diff |= a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0xff);
    }
    diff == 0
}

/// Whether `text` could be a secret at all (64 lowercase hex digits): anything else is
/// refused before it reaches the store.
pub fn well_formed(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_fresh_and_compared_whole() {
        let (a, b) = (new_secret().unwrap(), new_secret().unwrap());
        assert!(well_formed(&a) && well_formed(&b));
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..63]));
        assert!(!same("", "x"));
        assert!(same("", ""));
        assert_ne!(digest(&a), digest(&b));
        assert!(!well_formed("../../etc/passwd"));
    }
}

//! Password hashing: argon2id with the crate's defaults (OWASP's recommended 19 MiB, 2 passes),
//! off the async threads, and a verification that takes as long for a user without a password.

use crate::{Result, ServiceError};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;

fn hash_now(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("hashing a password failed: {e}")))
}

/// A hash to verify against when the user has none, so that an unknown email takes as long to
/// refuse as a wrong password (the answer's timing reveals nothing).
fn decoy() -> Option<&'static str> {
    static DECOY: OnceLock<Option<String>> = OnceLock::new();
    DECOY.get_or_init(|| hash_now("not anyone's password").ok()).as_deref()
}

fn verify_now(password: &str, hash: Option<&str>) -> bool {
    let (hash, real) = match hash {
        Some(h) => (h, true),
        None => match decoy() {
            Some(d) => (d, false),
            None => return false,
        },
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && real
}

/// Hashes a password on a blocking thread.
pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| ServiceError::Internal(format!("the hashing thread failed: {e}")))?
}

/// Whether `password` matches `hash` (None: the user has no password; always false, as slow).
pub async fn verify(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify_now(&password, hash.as_deref())).await.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse battery".into(), Some(h.clone())).await);
        assert!(!verify("correct horse battery!".into(), Some(h.clone())).await);
        assert!(!verify("not anyone's password".into(), None).await, "no password never matches, not even the decoy's");
        assert!(!verify("x".into(), Some("not a hash".into())).await);
        assert_ne!(h, hash("correct horse battery".into()).await.unwrap(), "salted");
    }
}

//! Idempotent requests: a POST sent again with the same key by the same caller within a day
//! gets the first answer and changes nothing.

use crate::error::RuleError;

/// How long a key's answer is kept.
pub const WINDOW_HOURS: i64 = 24;

/// Longest key accepted.
pub const MAX_KEY_CHARS: usize = 255;

/// Checks a key as sent in the `Idempotency-Key` header.
pub fn check_key(key: &str) -> Result<&str, RuleError> {
    let key = key.trim();
    if key.is_empty() || key.chars().count() > MAX_KEY_CHARS || key.chars().any(char::is_control) {
        return Err(RuleError::BadIdempotencyKey);
    }
    Ok(key)
}

/// What a request with a key does, given what the key already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim<A> {
    /// The key is new: the request runs.
    Run,
    /// The key's request finished: its answer is given again.
    Replay(A),
}

/// Decides for a key already taken: by a finished request with the same fingerprint (replay),
/// one still running (refused), or another request (refused: a key names one request).
pub fn reuse<A>(stored_fingerprint: &str, fingerprint: &str, answer: Option<A>) -> Result<Claim<A>, RuleError> {
    if stored_fingerprint != fingerprint {
        return Err(RuleError::IdempotencyKeyReused);
    }
    answer.map(Claim::Replay).ok_or(RuleError::IdempotencyKeyRunning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_one_request() {
        assert_eq!(check_key(" abc "), Ok("abc"));
        assert_eq!(check_key(""), Err(RuleError::BadIdempotencyKey));
        assert_eq!(check_key(&"k".repeat(256)), Err(RuleError::BadIdempotencyKey));
        assert_eq!(reuse("f", "f", Some(1)), Ok(Claim::Replay(1)));
        assert_eq!(reuse::<u8>("f", "f", None), Err(RuleError::IdempotencyKeyRunning));
        assert_eq!(reuse("f", "g", Some(1)), Err(RuleError::IdempotencyKeyReused));
    }
}

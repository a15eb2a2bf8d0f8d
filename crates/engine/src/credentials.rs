//! Signing in: what a password must be, when attempts are throttled, how long invite and reset
//! links and sessions last, and what a token may be named.

use crate::{RuleError, Timestamp};
use chrono::Duration;

/// Shorter passwords are guessed; NIST SP 800-63B asks for at least 8, we ask for 10.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longer ones only cost hashing time.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Failed sign-ins counted per email and per network address within [`THROTTLE_WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_EMAIL: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;

/// An invite link lasts a week; a reset link a day.
pub const INVITE_VALID_DAYS: i64 = 7;
pub const RESET_VALID_HOURS: i64 = 24;

/// A session unused for 30 days ends by itself.
pub const SESSION_IDLE_DAYS: i64 = 30;
/// A session's or token's last use is written at most once a minute (reads stay reads).
pub const LAST_USE_STEP_SECONDS: i64 = 60;

/// Token names: 1 to 100 characters.
pub const MAX_TOKEN_NAME_CHARS: usize = 100;

/// What a password must be: 10 to 256 characters, not only spaces, not the user's email.
pub fn check_password(password: &str, email: Option<&str>) -> Result<(), RuleError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS || password.trim().is_empty() {
        return Err(RuleError::ShortPassword { min: MIN_PASSWORD_CHARS });
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(RuleError::LongPassword { max: MAX_PASSWORD_CHARS });
    }
    if email.is_some_and(|e| e.trim().eq_ignore_ascii_case(password.trim())) {
        return Err(RuleError::PasswordIsEmail);
    }
    Ok(())
}

/// Whether more sign-in attempts are refused given the recent failures (any order) under one
/// key: refused from the `max`-th failure within the window until the oldest of those leaves it.
/// Returns when attempts are accepted again.
pub fn throttled_until(failures: &[Timestamp], max: usize, now: Timestamp) -> Option<Timestamp> {
    let window = Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let mut recent: Vec<Timestamp> = failures.iter().copied().filter(|t| *t > now - window && *t <= now).collect();
    if recent.len() < max {
        return None;
    }
    recent.sort_unstable();
    // The attempt that brings the count below `max` again is when the oldest counted one expires.
    recent.get(recent.len() - max).map(|oldest| *oldest + window)
}

/// The refusal for a throttled attempt, in whole minutes (at least one).
pub fn throttle_error(until: Timestamp, now: Timestamp) -> RuleError {
    let seconds = (until - now).num_seconds().max(1);
    RuleError::TooManyAttempts { minutes: (seconds + 59) / 60, seconds }
}

/// What a bearer token is: a named token for an integration, a browser's session, or the
/// desktop app's own session for its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[derive(serde::Serialize)]
pub enum TokenKind {
    Api,
    Session,
    Desktop,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Api => "Api",
            TokenKind::Session => "Session",
            TokenKind::Desktop => "Desktop",
        }
    }

    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "Api" => Ok(TokenKind::Api),
            "Session" => Ok(TokenKind::Session),
            "Desktop" => Ok(TokenKind::Desktop),
            other => Err(format!("unknown token kind {other}")),
        }
    }

    /// Sessions end when unused for a while; API tokens last until revoked.
    pub fn expires_when_idle(self) -> bool {
        matches!(self, TokenKind::Session)
    }
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[derive(serde::Serialize)]
pub enum LinkPurpose {
    /// A new user sets their first password.
    Invite,
    /// An admin let a user set a new password.
    Reset,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Invite => "Invite",
            LinkPurpose::Reset => "Reset",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Invite" => Some(LinkPurpose::Invite),
            "Reset" => Some(LinkPurpose::Reset),
            _ => None,
        }
    }

    /// When a link made at `at` stops working.
    pub fn expires(self, at: Timestamp) -> Timestamp {
        match self {
            LinkPurpose::Invite => at + Duration::days(INVITE_VALID_DAYS),
            LinkPurpose::Reset => at + Duration::hours(RESET_VALID_HOURS),
        }
    }
}

/// A link works once, until it expires.
pub fn check_link(expires_at: Timestamp, used: bool, now: Timestamp) -> Result<(), RuleError> {
    if used {
        return Err(RuleError::LinkUsed);
    }
    if now >= expires_at {
        return Err(RuleError::LinkExpired);
    }
    Ok(())
}

/// Whether a session last used at `last_seen` still signs its user in.
pub fn session_alive(last_seen: Timestamp, now: Timestamp) -> bool {
    now - last_seen < Duration::days(SESSION_IDLE_DAYS)
}

/// Whether a token of this kind, last seen at `last_seen`, still signs its user in: sessions
/// end after [`SESSION_IDLE_DAYS`] unused, other tokens last until revoked.
pub fn token_alive(kind: TokenKind, last_seen: Timestamp, now: Timestamp) -> bool {
    !kind.expires_when_idle() || session_alive(last_seen, now)
}

/// Whether a use at `now` is worth writing down after the last one written.
pub fn last_use_stale(written: Option<Timestamp>, now: Timestamp) -> bool {
    written.is_none_or(|w| now - w >= Duration::seconds(LAST_USE_STEP_SECONDS))
}

/// A token's name: 1 to 100 characters after trimming.
pub fn token_name(raw: &str) -> Result<String, RuleError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(RuleError::Empty { field: "name" });
    }
    if name.chars().count() > MAX_TOKEN_NAME_CHARS {
        return Err(RuleError::TooLong { field: "name", max: MAX_TOKEN_NAME_CHARS });
    }
    Ok(name.to_owned())
}

/// The name of a token issued without one: "API token", then "API token 2", 3... whichever is
/// free among the user's tokens (names compare without case).
pub fn unnamed_token_name<'a>(taken: impl IntoIterator<Item = &'a str>) -> String {
    let taken: Vec<String> = taken.into_iter().map(str::to_lowercase).collect();
    let free = |name: &str| !taken.iter().any(|t| *t == name.to_lowercase());
    (1..)
        .map(|n| if n == 1 { "API token".to_owned() } else { format!("API token {n}") })
        .find(|name| free(name))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn unnamed_tokens_take_the_first_free_number() {
        assert_eq!(unnamed_token_name([]), "API token");
        assert_eq!(unnamed_token_name(["Zapier", "api TOKEN"]), "API token 2");
        assert_eq!(unnamed_token_name(["API token", "API token 3"]), "API token 2");
    }

    fn at(minute: i64) -> Timestamp {
        chrono::Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::minutes(minute)
    }

    #[test]
    fn passwords_are_long_enough_and_not_the_email() {
        assert_eq!(check_password("short", None), Err(RuleError::ShortPassword { min: 10 }));
        assert_eq!(check_password("          ", None), Err(RuleError::ShortPassword { min: 10 }));
        assert!(check_password("correct horse", None).is_ok());
        assert_eq!(check_password(&"x".repeat(257), None), Err(RuleError::LongPassword { max: 256 }));
        assert_eq!(check_password("Ann@Example.com", Some("ann@example.com")), Err(RuleError::PasswordIsEmail));
        // Counted in characters, not bytes.
        assert!(check_password("ééééééééé", None).is_err());
        assert!(check_password("éééééééééé", None).is_ok());
    }

    #[test]
    fn the_fifth_failure_within_15_minutes_locks_until_the_first_leaves_the_window() {
        let failures: Vec<Timestamp> = [0, 2, 4, 6].into_iter().map(at).collect();
        assert_eq!(throttled_until(&failures, 5, at(7)), None);
        let mut five = failures.clone();
        five.push(at(8));
        assert_eq!(throttled_until(&five, 5, at(8)), Some(at(15)));
        assert_eq!(throttled_until(&five, 5, at(15)), None, "the first failure left the window");
        assert_eq!(throttle_error(at(15), at(8)), RuleError::TooManyAttempts { minutes: 7, seconds: 420 });
        // Failures in the future (a clock step back) or long ago don't count.
        assert_eq!(throttled_until(&five, 5, at(-1)), None);
        assert_eq!(throttled_until(&five, 5, at(60)), None);
    }

    #[test]
    fn links_work_once_until_they_expire() {
        let made = at(0);
        let invite = LinkPurpose::Invite.expires(made);
        assert_eq!(invite - made, Duration::days(7));
        assert_eq!(LinkPurpose::Reset.expires(made) - made, Duration::hours(24));
        assert!(check_link(invite, false, invite - Duration::seconds(1)).is_ok());
        assert_eq!(check_link(invite, false, invite), Err(RuleError::LinkExpired));
        assert_eq!(check_link(invite, true, made), Err(RuleError::LinkUsed));
        assert_eq!(LinkPurpose::parse("Reset"), Some(LinkPurpose::Reset));
    }

    #[test]
    fn sessions_end_after_30_idle_days_and_uses_are_written_once_a_minute() {
        assert!(session_alive(at(0), at(0) + Duration::days(30) - Duration::seconds(1)));
        assert!(!session_alive(at(0), at(0) + Duration::days(30)));
        assert!(last_use_stale(None, at(0)));
        assert!(!last_use_stale(Some(at(0)), at(0) + Duration::seconds(59)));
        assert!(last_use_stale(Some(at(0)), at(1)));
    }

    #[test]
    fn token_names_are_trimmed_and_bounded() {
        assert_eq!(token_name("  CRM sync ").unwrap(), "CRM sync");
        assert!(token_name("  ").is_err());
        assert!(token_name(&"n".repeat(101)).is_err());
    }
}

//! Text fields as people type them: trimmed, and empty meaning none.

use crate::Result;

/// A typed value trimmed; blank is none.
pub(crate) fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// An email address as agents and customers are stored with.
pub(crate) fn check_email(email: &Option<String>) -> Result<()> {
    match email {
        Some(e) => Ok(switchboard_engine::user::check_email(e)?),
        None => Ok(()),
    }
}

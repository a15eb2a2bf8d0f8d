//! Bulk requests: how many items one request may carry, so one request can't hold the writer for
//! long.

use crate::error::RuleError;

/// Most agents, end users or notes one bulk request creates or changes.
pub const MAX_ITEMS: usize = 1000;

/// Most messages one imported conversation brings.
pub const MAX_IMPORTED_MESSAGES: usize = 10_000;

/// Refuses a bulk request of more than [`MAX_ITEMS`] `what` ("agents", "end users", "notes").
pub fn check_size(what: &'static str, items: usize) -> Result<(), RuleError> {
    if items > MAX_ITEMS {
        Err(RuleError::BulkTooLarge { what, max: MAX_ITEMS })
    } else {
        Ok(())
    }
}

/// Refuses an import of more than [`MAX_IMPORTED_MESSAGES`] messages.
pub fn check_import(messages: usize) -> Result<(), RuleError> {
    if messages > MAX_IMPORTED_MESSAGES {
        Err(RuleError::BulkTooLarge { what: "messages", max: MAX_IMPORTED_MESSAGES })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_requests_are_bounded() {
        assert_eq!(check_size("agents", 1000), Ok(()));
        let e = check_size("agents", 1001).unwrap_err();
        assert_eq!(e.to_string(), "Invalid value for: body, at most 1000 agents at a time");
        assert!(check_import(10_001).is_err());
    }
}

//! Saved inbox views: a user's named filters and order.

use crate::content::validate_name;
use crate::error::RuleError;

/// The longest view name.
pub const MAX_NAME: usize = 60;
/// The most views one user keeps.
pub const MAX_PER_USER: usize = 50;
/// The longest stored query (the list's filters and order).
pub const MAX_QUERY: usize = 2000;

/// Checks a view's name (trimmed) and query before it is stored; `existing` counts the user's
/// other views when one is being added.
pub fn check(name: &str, query: &str, adding_to: Option<usize>) -> Result<String, RuleError> {
    let name = validate_name("name", name, MAX_NAME)?;
    if query.chars().count() > MAX_QUERY {
        return Err(RuleError::TooLong { field: "query", max: MAX_QUERY });
    }
    if adding_to.is_some_and(|n| n >= MAX_PER_USER) {
        return Err(RuleError::TooManyViews { max: MAX_PER_USER });
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_queries_and_how_many() {
        assert_eq!(check("  Urgent billing ", "status=Open", Some(0)), Ok("Urgent billing".to_owned()));
        assert_eq!(check(" ", "", None), Err(RuleError::Empty { field: "name" }));
        assert_eq!(check(&"x".repeat(61), "", None), Err(RuleError::TooLong { field: "name", max: MAX_NAME }));
        assert_eq!(check("a", &"q".repeat(2001), None), Err(RuleError::TooLong { field: "query", max: MAX_QUERY }));
        assert_eq!(check("a", "", Some(50)), Err(RuleError::TooManyViews { max: MAX_PER_USER }));
        assert!(check("a", "", Some(49)).is_ok());
    }
}

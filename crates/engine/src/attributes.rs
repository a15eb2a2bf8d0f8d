//! Custom attributes: definitions (Text or Select with options) and validation of values.

use serde::{Deserialize, Serialize};

/// What a custom attribute holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum AttributeKind {
    /// Free text.
    Text,
    /// One or more of a fixed list of options.
    Select,
}

impl AttributeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeKind::Text => "Text",
            AttributeKind::Select => "Select",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Text" => Some(AttributeKind::Text),
            "Select" => Some(AttributeKind::Select),
            _ => None,
        }
    }
}

/// What a custom attribute describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum AttributeEntity {
    Conversation,
    /// An end user (Dixa calls end users contacts here).
    Contact,
    /// A company end users belong to.
    Company,
}

impl AttributeEntity {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeEntity::Conversation => "Conversation",
            AttributeEntity::Contact => "Contact",
            AttributeEntity::Company => "Company",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Conversation" => Some(AttributeEntity::Conversation),
            "Contact" => Some(AttributeEntity::Contact),
            "Company" => Some(AttributeEntity::Company),
            _ => None,
        }
    }
}

/// A value as clients send it: a string for Text, a list of strings for Select.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum AttributeValue {
    One(String),
    Many(Vec<String>),
}

/// The rules a definition sets for its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeRule<'a> {
    pub name: &'a str,
    pub kind: AttributeKind,
    pub options: &'a [String],
    pub archived: bool,
}

/// Longest text value accepted.
pub const MAX_TEXT_VALUE: usize = 4000;

/// Why a value does not fit its definition; the text names the attribute.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttributeError {
    #[error("Invalid input for patching: attribute {0} is archived")]
    Archived(String),
    #[error("Invalid input for patching: attribute {0} is Text and takes a string")]
    TextWanted(String),
    #[error("Invalid input for patching: attribute {0} is Select and takes a list of its options")]
    ListWanted(String),
    #[error("Invalid input for patching: '{value}' is not an option of attribute {name}")]
    NotAnOption { name: String, value: String },
    #[error("Invalid input for patching: the value of attribute {0} is too long")]
    TooLong(String),
}

/// Checks a value against its definition and returns it normalized (Select options deduplicated,
/// in the definition's order).
pub fn validate(rule: &AttributeRule<'_>, value: &AttributeValue) -> Result<AttributeValue, AttributeError> {
    let name = rule.name.to_owned();
    if rule.archived {
        return Err(AttributeError::Archived(name));
    }
    match (rule.kind, value) {
        (AttributeKind::Text, AttributeValue::One(v)) => {
            if v.chars().count() > MAX_TEXT_VALUE {
                return Err(AttributeError::TooLong(name));
            }
            Ok(AttributeValue::One(v.clone()))
        }
        (AttributeKind::Text, AttributeValue::Many(_)) => Err(AttributeError::TextWanted(name)),
        (AttributeKind::Select, AttributeValue::One(_)) => Err(AttributeError::ListWanted(name)),
        (AttributeKind::Select, AttributeValue::Many(values)) => {
            if let Some(bad) = values.iter().find(|v| !rule.options.contains(v)) {
                return Err(AttributeError::NotAnOption { name, value: bad.clone() });
            }
            Ok(AttributeValue::Many(rule.options.iter().filter(|o| values.contains(o)).cloned().collect()))
        }
    }
}

/// Checks a definition: a Select needs distinct, non-empty options; an identifier is lower-case
/// letters, digits and underscores.
pub fn validate_definition(kind: AttributeKind, identifier: &str, options: &[String]) -> Result<(), String> {
    if identifier.is_empty()
        || identifier.len() > 100
        || !identifier.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(format!("Invalid identifier '{identifier}': use lower-case letters, digits and _"));
    }
    match kind {
        AttributeKind::Text if !options.is_empty() => Err("A Text attribute has no options".into()),
        AttributeKind::Select if options.is_empty() => Err("A Select attribute needs at least one option".into()),
        AttributeKind::Select => {
            let mut seen = std::collections::HashSet::new();
            for o in options {
                if o.trim().is_empty() {
                    return Err("Options must not be empty".into());
                }
                if !seen.insert(o) {
                    return Err(format!("Option '{o}' is listed twice"));
                }
            }
            Ok(())
        }
        AttributeKind::Text => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn select(options: &[String]) -> AttributeRule<'_> {
        AttributeRule { name: "Product", kind: AttributeKind::Select, options, archived: false }
    }

    #[test]
    fn text_takes_a_string() {
        let rule = AttributeRule { name: "Order", kind: AttributeKind::Text, options: &[], archived: false };
        assert_eq!(validate(&rule, &AttributeValue::One("012345".into())), Ok(AttributeValue::One("012345".into())));
        assert_eq!(validate(&rule, &AttributeValue::Many(vec![])), Err(AttributeError::TextWanted("Order".into())));
    }

    #[test]
    fn select_takes_listed_options_in_definition_order() {
        let options = vec!["str1".to_owned(), "str2".to_owned(), "str3".to_owned()];
        let rule = select(&options);
        assert_eq!(
            validate(&rule, &AttributeValue::Many(vec!["str3".into(), "str1".into(), "str1".into()])),
            Ok(AttributeValue::Many(vec!["str1".into(), "str3".into()]))
        );
        assert_eq!(
            validate(&rule, &AttributeValue::Many(vec!["other".into()])),
            Err(AttributeError::NotAnOption { name: "Product".into(), value: "other".into() })
        );
        assert_eq!(
            validate(&rule, &AttributeValue::One("str1".into())),
            Err(AttributeError::ListWanted("Product".into()))
        );
    }

    #[test]
    fn archived_attributes_take_nothing() {
        let rule = AttributeRule { name: "Old", kind: AttributeKind::Text, options: &[], archived: true };
        assert_eq!(validate(&rule, &AttributeValue::One("x".into())), Err(AttributeError::Archived("Old".into())));
    }

    #[test]
    fn definitions_are_checked() {
        assert!(validate_definition(AttributeKind::Text, "order_id", &[]).is_ok());
        assert!(validate_definition(AttributeKind::Text, "Order Id", &[]).is_err());
        assert!(validate_definition(AttributeKind::Select, "product", &[]).is_err());
        assert!(validate_definition(AttributeKind::Select, "product", &["a".into(), "a".into()]).is_err());
        assert!(validate_definition(AttributeKind::Text, "x", &["a".into()]).is_err());
    }
}

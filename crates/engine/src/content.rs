//! What a message or a note says: text or HTML, with attachment descriptors, validated.

use crate::error::RuleError;
use serde::{Deserialize, Serialize};

/// Longest message body accepted, in characters; longer bodies are refused, not cut.
pub const MAX_MESSAGE_CHARS: usize = 100_000;
/// Longest internal note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// A message body. The `_type` tag matches Dixa's `{"value": ..., "_type": "Text"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "_type")]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum Content {
    Text { value: String },
    Html { value: String },
}

impl Content {
    pub fn value(&self) -> &str {
        match self {
            Content::Text { value } | Content::Html { value } => value,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Content::Text { .. } => "Text",
            Content::Html { .. } => "Html",
        }
    }

    pub fn from_stored(kind: &str, value: String) -> Self {
        match kind {
            "Html" => Content::Html { value },
            _ => Content::Text { value },
        }
    }

    /// A message must say something, and not too much.
    pub fn validate(&self) -> Result<(), RuleError> {
        let value = self.value();
        if value.trim().is_empty() {
            return Err(RuleError::InvalidMessage("content must not be empty"));
        }
        if value.chars().count() > MAX_MESSAGE_CHARS {
            return Err(RuleError::TooLong { field: "content", max: MAX_MESSAGE_CHARS });
        }
        Ok(())
    }
}

/// The addresses of an email message, as routing's email attributes read them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct EmailHeaders {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bcc: Vec<String>,
}

impl EmailHeaders {
    /// Trims addresses and drops empty ones; refuses anything that is not an address.
    pub fn cleaned(self) -> Result<Self, RuleError> {
        fn address(a: String) -> Result<Option<String>, RuleError> {
            let a = a.trim().to_owned();
            if a.is_empty() {
                return Ok(None);
            }
            if !a.contains('@') || a.chars().count() > 320 || a.chars().any(char::is_whitespace) {
                return Err(RuleError::InvalidMessage("email addresses must look like name@domain"));
            }
            Ok(Some(a))
        }
        let list = |v: Vec<String>| -> Result<Vec<String>, RuleError> {
            if v.len() > 100 {
                return Err(RuleError::InvalidMessage("at most 100 addresses per header"));
            }
            Ok(v.into_iter().map(address).collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect())
        };
        Ok(EmailHeaders {
            from: match self.from {
                Some(f) => address(f)?,
                None => None,
            },
            to: list(self.to)?,
            cc: list(self.cc)?,
            bcc: list(self.bcc)?,
        })
    }
}

/// A file attached to a message, described by where it can be fetched from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pretty_name: Option<String>,
}

impl Attachment {
    pub fn validate(&self) -> Result<(), RuleError> {
        let url = self.url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://") || url.starts_with("data:")) {
            return Err(RuleError::InvalidMessage("attachment url must be http(s) or data"));
        }
        Ok(())
    }
}

/// Checks an internal note's text.
pub fn validate_note(text: &str) -> Result<(), RuleError> {
    if text.trim().is_empty() {
        return Err(RuleError::Empty { field: "message" });
    }
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(RuleError::TooLong { field: "message", max: MAX_NOTE_CHARS });
    }
    Ok(())
}

/// Checks a required display name (queue, tag, user) and returns it trimmed.
pub fn validate_name(field: &'static str, name: &str, max: usize) -> Result<String, RuleError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(RuleError::Empty { field });
    }
    if trimmed.chars().count() > max {
        return Err(RuleError::TooLong { field, max });
    }
    Ok(trimmed.to_owned())
}

/// A short, plain-text preview of a message, for notifications and inbox rows.
pub fn preview(text: &str, max_chars: usize) -> String {
    // Notifications show plain text: drop HTML tags and squeeze whitespace.
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let squeezed = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if squeezed.chars().count() <= max_chars {
        squeezed
    } else {
        let cut: String = squeezed.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A tag's colour: `#RGB` or `#RRGGBB`.
pub fn check_color(color: &str) -> Result<(), RuleError> {
    let hex = color.strip_prefix('#').unwrap_or("");
    if (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(RuleError::BadColor(color.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_uses_dixas_tagged_shape() {
        let c: Content = serde_json::from_str(r#"{"value":"I need some help!","_type":"Html"}"#).unwrap();
        assert_eq!(c, Content::Html { value: "I need some help!".into() });
        assert_eq!(serde_json::to_value(&c).unwrap()["_type"], "Html");
    }

    #[test]
    fn blank_content_is_refused() {
        let c = Content::Text { value: "   ".into() };
        assert!(matches!(c.validate(), Err(RuleError::InvalidMessage(_))));
    }

    #[test]
    fn oversized_content_is_refused() {
        let c = Content::Text { value: "x".repeat(MAX_MESSAGE_CHARS + 1) };
        assert!(matches!(c.validate(), Err(RuleError::TooLong { .. })));
    }

    #[test]
    fn attachments_need_a_fetchable_url() {
        let bad = Attachment { url: "file:///etc/passwd".into(), pretty_name: None };
        assert!(bad.validate().is_err());
        let good = Attachment { url: "https://example.com/a.png".into(), pretty_name: None };
        assert!(good.validate().is_ok());
    }

    #[test]
    fn previews_are_plain_and_short() {
        assert_eq!(preview("<p>Hello <b>there</b></p>", 50), "Hello there");
        assert_eq!(preview("abcdefghij", 5), "abcd…");
        assert_eq!(preview("  many\n\nlines  ", 50), "many lines");
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(validate_name("name", "  VIP ", 50), Ok("VIP".into()));
        assert_eq!(validate_name("name", "  ", 50), Err(RuleError::Empty { field: "name" }));
        assert!(validate_name("name", &"a".repeat(51), 50).is_err());
    }
}

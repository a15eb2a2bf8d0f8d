//! The typed entries of a conversation's activity log.

use serde::{Deserialize, Serialize};

/// What happened to a conversation. Serialized as Dixa's `_type`; `activityType` adds a suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum ActivityKind {
    ConversationCreated,
    MessageAdded,
    NoteAdded,
    ConversationAssigned,
    ConversationUnassigned,
    ConversationTransferred,
    TagAdded,
    TagRemoved,
    ConversationClosed,
    ConversationReopened,
    /// Merged into another conversation, or another merged into this one.
    ConversationMerged,
}

impl ActivityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::ConversationCreated => "ConversationCreated",
            ActivityKind::MessageAdded => "MessageAdded",
            ActivityKind::NoteAdded => "NoteAdded",
            ActivityKind::ConversationAssigned => "ConversationAssigned",
            ActivityKind::ConversationUnassigned => "ConversationUnassigned",
            ActivityKind::ConversationTransferred => "ConversationTransferred",
            ActivityKind::TagAdded => "TagAdded",
            ActivityKind::TagRemoved => "TagRemoved",
            ActivityKind::ConversationClosed => "ConversationClosed",
            ActivityKind::ConversationReopened => "ConversationReopened",
            ActivityKind::ConversationMerged => "ConversationMerged",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ActivityKind::ConversationCreated,
            ActivityKind::MessageAdded,
            ActivityKind::NoteAdded,
            ActivityKind::ConversationAssigned,
            ActivityKind::ConversationUnassigned,
            ActivityKind::ConversationTransferred,
            ActivityKind::TagAdded,
            ActivityKind::TagRemoved,
            ActivityKind::ConversationClosed,
            ActivityKind::ConversationReopened,
            ActivityKind::ConversationMerged,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Dixa's `activityType`, e.g. `ConversationAssignedActivityType`.
    pub fn activity_type(self) -> String {
        format!("{}ActivityType", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_type_matches_dixa() {
        assert_eq!(ActivityKind::ConversationAssigned.activity_type(), "ConversationAssignedActivityType");
        assert_eq!(ActivityKind::parse("TagAdded"), Some(ActivityKind::TagAdded));
        assert_eq!(ActivityKind::parse("Nope"), None);
    }
}

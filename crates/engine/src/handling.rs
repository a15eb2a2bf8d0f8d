//! How agents pick up conversations day to day: the installation's handling settings and the
//! rules they switch.

use crate::conversation::ConversationSnapshot;
use crate::kinds::{Direction, Status};

/// The installation's handling settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HandlingSettings {
    /// An agent who replies to an unassigned conversation takes it.
    pub assign_on_reply: bool,
}

impl Default for HandlingSettings {
    fn default() -> Self {
        HandlingSettings { assign_on_reply: true }
    }
}

/// A reply as the handling rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reply {
    pub direction: Direction,
    /// Sent by automation or a bot, not by a person.
    pub automated: bool,
}

/// Whether a reply assigns the conversation to the agent who wrote it: a person's outbound
/// message in an open, unassigned conversation, while the setting is on. (Someone answering a
/// customer owns the follow-up; leaving it unassigned would let automatic assignment hand the
/// customer to a second agent mid-conversation.)
pub fn assigns_on_reply(conversation: &ConversationSnapshot, reply: Reply, settings: HandlingSettings) -> bool {
    settings.assign_on_reply
        && reply.direction == Direction::Outbound
        && !reply.automated
        && conversation.assignee().is_none()
        && conversation.status != Status::Closed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::Assignment;
    use uuid::Uuid;

    fn open(assigned: bool) -> ConversationSnapshot {
        ConversationSnapshot {
            id: 1,
            status: Status::Open,
            queue_id: None,
            assignment: assigned
                .then(|| Assignment { agent_id: Uuid::from_u128(2), assigned_at: chrono::DateTime::UNIX_EPOCH }),
        }
    }

    const REPLY: Reply = Reply { direction: Direction::Outbound, automated: false };

    #[test]
    fn a_persons_reply_to_unassigned_work_takes_it_while_the_setting_is_on() {
        let on = HandlingSettings::default();
        assert!(on.assign_on_reply, "on by default");
        assert!(assigns_on_reply(&open(false), REPLY, on));
        assert!(!assigns_on_reply(&open(true), REPLY, on), "someone has it already");
        assert!(!assigns_on_reply(&open(false), Reply { automated: true, ..REPLY }, on));
        assert!(!assigns_on_reply(&open(false), Reply { direction: Direction::Inbound, ..REPLY }, on));
        let off = HandlingSettings { assign_on_reply: false };
        assert!(!assigns_on_reply(&open(false), REPLY, off));
        let waiting = ConversationSnapshot { status: Status::Waiting, ..open(false) };
        assert!(assigns_on_reply(&waiting, REPLY, on));
    }
}

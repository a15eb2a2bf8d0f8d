//! When an agent is alerted (desktop notification, sound) about new work, and how.

use crate::kinds::Direction;
use uuid::Uuid;

/// What just happened, as far as alerts care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A conversation arrived in a queue.
    ConversationCreated,
    /// A message was added to an existing conversation.
    MessageAdded { direction: Direction, with_creation: bool },
    /// Anything else (assignment, notes, tags...): never alerts.
    Other,
}

/// A queue's alert settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueAlerts {
    pub new_conversation: bool,
    pub new_message: bool,
    pub desktop: bool,
    pub sound: bool,
}

/// What the agent should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertDecision {
    pub kind: AlertKind,
    pub desktop: bool,
    pub sound: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    NewConversation,
    NewMessage,
}

/// Decides whether `agent` is alerted. A new conversation alerts the members of its queue; a
/// customer's new message alerts the agent the conversation is assigned to (the message that
/// came with the conversation is covered by the new-conversation alert). The queue's settings
/// switch each moment off, and choose notification and/or sound.
pub fn decide(
    trigger: Trigger,
    agent: Uuid,
    member_of_queue: bool,
    assignee: Option<Uuid>,
    settings: QueueAlerts,
) -> Option<AlertDecision> {
    let kind = match trigger {
        Trigger::ConversationCreated if member_of_queue && settings.new_conversation => AlertKind::NewConversation,
        Trigger::MessageAdded { direction: Direction::Inbound, with_creation: false }
            if assignee == Some(agent) && settings.new_message =>
        {
            AlertKind::NewMessage
        }
        _ => return None,
    };
    if !settings.desktop && !settings.sound {
        return None;
    }
    Some(AlertDecision { kind, desktop: settings.desktop, sound: settings.sound })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON: QueueAlerts = QueueAlerts { new_conversation: true, new_message: true, desktop: true, sound: true };

    fn me() -> Uuid {
        Uuid::from_u128(1)
    }

    #[test]
    fn a_new_conversation_alerts_queue_members_only() {
        let d = decide(Trigger::ConversationCreated, me(), true, None, ON).unwrap();
        assert_eq!(d.kind, AlertKind::NewConversation);
        assert_eq!(decide(Trigger::ConversationCreated, me(), false, None, ON), None);
    }

    #[test]
    fn a_customer_message_alerts_the_assignee_only() {
        let inbound = Trigger::MessageAdded { direction: Direction::Inbound, with_creation: false };
        assert_eq!(decide(inbound, me(), true, Some(me()), ON).map(|d| d.kind), Some(AlertKind::NewMessage));
        assert_eq!(decide(inbound, me(), true, Some(Uuid::from_u128(2)), ON), None);
        assert_eq!(decide(inbound, me(), true, None, ON), None);
        let outbound = Trigger::MessageAdded { direction: Direction::Outbound, with_creation: false };
        assert_eq!(decide(outbound, me(), true, Some(me()), ON), None);
        let first = Trigger::MessageAdded { direction: Direction::Inbound, with_creation: true };
        assert_eq!(decide(first, me(), true, Some(me()), ON), None, "covered by the new-conversation alert");
    }

    #[test]
    fn queue_settings_switch_moments_and_ways() {
        let no_new = QueueAlerts { new_conversation: false, ..ON };
        assert_eq!(decide(Trigger::ConversationCreated, me(), true, None, no_new), None);
        let quiet = QueueAlerts { sound: false, ..ON };
        let d = decide(Trigger::ConversationCreated, me(), true, None, quiet).unwrap();
        assert!(d.desktop && !d.sound);
        let silent = QueueAlerts { sound: false, desktop: false, ..ON };
        assert_eq!(decide(Trigger::ConversationCreated, me(), true, None, silent), None);
        assert_eq!(decide(Trigger::Other, me(), true, Some(me()), ON), None);
    }
}

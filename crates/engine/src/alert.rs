//! When an agent is alerted (desktop notification, sound) about new work, and how.

use crate::kinds::Direction;
use uuid::Uuid;

/// What just happened, as far as alerts care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// A conversation arrived in a queue; `by_customer` when it came with the customer's message
    /// (whoever relayed it), else it is the doing of whoever created it.
    ConversationCreated { by_customer: bool },
    /// A message was added to an existing conversation.
    MessageAdded { direction: Direction, with_creation: bool },
    /// A conversation was given to the agent the event names.
    Assigned,
    /// A conversation was taken from the agent the event names.
    Unassigned,
    /// A note named the recipient.
    Mentioned,
    /// Anything else (notes, tags...): never alerts.
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
    /// Someone else gave the agent a conversation.
    AssignedToYou,
    /// Someone else took the agent's conversation (a take-over, a transfer, a reassignment).
    TakenFromYou,
    /// A colleague's note named the agent.
    Mentioned,
}

/// Who is asking and what they chose for themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient {
    pub agent: Uuid,
    pub member_of_queue: bool,
    /// The agent turned the sound off for themselves (every queue, every window).
    pub sound_muted: bool,
}

/// Decides whether the recipient is alerted. A new conversation alerts the members of its queue; a
/// customer's new message alerts the agent the conversation is assigned to (the message that
/// came with the conversation is covered by the new-conversation alert). Nobody is alerted about
/// what they did themselves (`actor`): a conversation they opened without a customer's message.
/// A customer's message is the customer's doing whatever token relayed it. A person giving the
/// agent a conversation, or taking theirs, tells them (`assignee` is then the agent the event
/// names); automatic assignment (no actor) does not, as the new-conversation alert covers it.
/// The queue's settings switch the new-work moments off, and choose notification and/or sound;
/// the agent's own mute silences the sound and keeps the notification.
pub fn decide(
    trigger: Trigger,
    to: Recipient,
    actor: Option<Uuid>,
    assignee: Option<Uuid>,
    settings: QueueAlerts,
) -> Option<AlertDecision> {
    if actor == Some(to.agent) && trigger == (Trigger::ConversationCreated { by_customer: false }) {
        return None;
    }
    let (agent, member_of_queue) = (to.agent, to.member_of_queue);
    let kind = match trigger {
        Trigger::ConversationCreated { .. } if member_of_queue && settings.new_conversation => {
            AlertKind::NewConversation
        }
        Trigger::MessageAdded { direction: Direction::Inbound, with_creation: false }
            if assignee == Some(agent) && settings.new_message =>
        {
            AlertKind::NewMessage
        }
        Trigger::Assigned if assignee == Some(agent) && actor.is_some_and(|a| a != agent) => AlertKind::AssignedToYou,
        Trigger::Unassigned if assignee == Some(agent) && actor.is_some_and(|a| a != agent) => AlertKind::TakenFromYou,
        // The service only says Mentioned to those the note named.
        Trigger::Mentioned if actor != Some(agent) => AlertKind::Mentioned,
        _ => return None,
    };
    let sound = settings.sound && !to.sound_muted;
    if !settings.desktop && !sound {
        return None;
    }
    Some(AlertDecision { kind, desktop: settings.desktop, sound })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ON: QueueAlerts = QueueAlerts { new_conversation: true, new_message: true, desktop: true, sound: true };

    fn me() -> Uuid {
        Uuid::from_u128(1)
    }

    fn member() -> Recipient {
        Recipient { agent: me(), member_of_queue: true, sound_muted: false }
    }

    const NEW: Trigger = Trigger::ConversationCreated { by_customer: true };

    fn outsider() -> Recipient {
        Recipient { member_of_queue: false, ..member() }
    }

    #[test]
    fn a_new_conversation_alerts_queue_members_only() {
        let d = decide(NEW, member(), None, None, ON).unwrap();
        assert_eq!(d.kind, AlertKind::NewConversation);
        assert_eq!(decide(NEW, outsider(), None, None, ON), None);
    }

    #[test]
    fn a_customer_message_alerts_the_assignee_only() {
        let inbound = Trigger::MessageAdded { direction: Direction::Inbound, with_creation: false };
        assert_eq!(decide(inbound, member(), None, Some(me()), ON).map(|d| d.kind), Some(AlertKind::NewMessage));
        assert_eq!(decide(inbound, member(), None, Some(Uuid::from_u128(2)), ON), None);
        assert_eq!(decide(inbound, member(), None, None, ON), None);
        let outbound = Trigger::MessageAdded { direction: Direction::Outbound, with_creation: false };
        assert_eq!(decide(outbound, member(), None, Some(me()), ON), None);
        let first = Trigger::MessageAdded { direction: Direction::Inbound, with_creation: true };
        assert_eq!(decide(first, member(), None, Some(me()), ON), None, "covered by the new-conversation alert");
    }

    #[test]
    fn queue_settings_switch_moments_and_ways() {
        let no_new = QueueAlerts { new_conversation: false, ..ON };
        assert_eq!(decide(NEW, member(), None, None, no_new), None);
        let quiet = QueueAlerts { sound: false, ..ON };
        let d = decide(NEW, member(), None, None, quiet).unwrap();
        assert!(d.desktop && !d.sound);
        let silent = QueueAlerts { sound: false, desktop: false, ..ON };
        assert_eq!(decide(NEW, member(), None, None, silent), None);
        assert_eq!(decide(Trigger::Other, member(), None, Some(me()), ON), None);
    }

    #[test]
    fn a_person_handing_work_over_tells_the_agents_concerned() {
        let colleague = Some(Uuid::from_u128(2));
        let d = decide(Trigger::Assigned, outsider(), colleague, Some(me()), ON).unwrap();
        assert_eq!(d.kind, AlertKind::AssignedToYou, "given to me: told even outside the queue");
        let d = decide(Trigger::Unassigned, member(), colleague, Some(me()), ON).unwrap();
        assert_eq!(d.kind, AlertKind::TakenFromYou);
        // About someone else, my own doing, or automatic assignment: nothing.
        assert_eq!(decide(Trigger::Assigned, member(), colleague, colleague, ON), None);
        assert_eq!(decide(Trigger::Assigned, member(), Some(me()), Some(me()), ON), None);
        assert_eq!(decide(Trigger::Unassigned, member(), Some(me()), Some(me()), ON), None);
        assert_eq!(decide(Trigger::Assigned, member(), None, Some(me()), ON), None);
        // The queue chooses the ways; the new-work switches don't apply.
        let no_new = QueueAlerts { new_conversation: false, new_message: false, ..ON };
        assert!(decide(Trigger::Assigned, member(), colleague, Some(me()), no_new).is_some());
        let quiet = QueueAlerts { sound: false, ..ON };
        assert!(!decide(Trigger::Assigned, member(), colleague, Some(me()), quiet).unwrap().sound);
    }

    #[test]
    fn a_mention_tells_the_named_agent_but_never_the_author() {
        let colleague = Some(Uuid::from_u128(2));
        assert_eq!(
            decide(Trigger::Mentioned, outsider(), colleague, None, ON).map(|d| d.kind),
            Some(AlertKind::Mentioned)
        );
        assert_eq!(decide(Trigger::Mentioned, member(), Some(me()), None, ON), None);
    }

    #[test]
    fn nobody_is_alerted_about_their_own_doing() {
        let opened = Trigger::ConversationCreated { by_customer: false };
        assert_eq!(decide(opened, member(), Some(me()), None, ON), None);
        assert!(decide(opened, member(), Some(Uuid::from_u128(2)), None, ON).is_some());
        // A customer's conversation or message relayed with the agent's own token still alerts them.
        assert!(decide(NEW, member(), Some(me()), None, ON).is_some());
        let inbound = Trigger::MessageAdded { direction: Direction::Inbound, with_creation: false };
        assert!(decide(inbound, member(), Some(me()), Some(me()), ON).is_some());
    }

    #[test]
    fn the_agents_mute_silences_the_sound_only() {
        let muted = Recipient { sound_muted: true, ..member() };
        let d = decide(NEW, muted, None, None, ON).unwrap();
        assert!(d.desktop && !d.sound);
        let sound_only = QueueAlerts { desktop: false, ..ON };
        assert_eq!(decide(NEW, muted, None, None, sound_only), None);
    }
}

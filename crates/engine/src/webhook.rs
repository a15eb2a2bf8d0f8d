//! Webhook rules: which deliveries an event makes, in which format, and when a failed delivery
//! is tried again.

use crate::kinds::Direction;
use crate::RuleError;
use chrono::Duration;

/// Tries before a delivery is given up as Failed.
pub const MAX_ATTEMPTS: i64 = 10;

/// The wait before the next try after `attempts` failed ones: 30 s, doubling, at most an hour.
pub fn backoff(attempts: i64) -> Duration {
    let exp = attempts.saturating_sub(1).clamp(0, 16) as u32;
    Duration::seconds((30_i64 << exp).min(3600))
}

/// Whether a subscription listening to `events` (empty: all) wants `name`.
pub fn subscribed(events: &[String], name: &str) -> bool {
    events.is_empty() || events.iter().any(|e| e == name)
}

/// The 8x8-style interaction events a conversation event makes for channel integrations: an
/// agent taking the conversation joins it, an agent's message is TEXT, and losing the agent
/// (unassigned, closed with an agent) is AGENT_LEFT. Each join has exactly one leave: the agent
/// of a closed conversation left when it closed, so the unassignment that comes with reopening
/// it (`after_reopen`) is no second leave.
pub fn interaction_event(
    kind: &str,
    direction: Option<Direction>,
    has_agent: bool,
    after_reopen: bool,
) -> Option<&'static str> {
    match (kind, direction) {
        ("ConversationAssigned", _) => Some("AGENT_JOINED"),
        ("ConversationMessageAdded", Some(Direction::Outbound)) => Some("TEXT"),
        ("ConversationUnassigned", _) if !after_reopen => Some("AGENT_LEFT"),
        ("ConversationClosed", _) if has_agent => Some("AGENT_LEFT"),
        _ => None,
    }
}

/// The names a subscription in the Interaction format may list.
pub const INTERACTION_EVENTS: &[&str] = &["AGENT_JOINED", "TEXT", "AGENT_LEFT"];

/// The names a subscription in Dixa's format may list: the conversation events of Dixa's webhooks.
pub const DIXA_EVENTS: &[&str] = &[
    "ConversationCreated",
    "ConversationUpdated",
    "ConversationAssigned",
    "ConversationUnassigned",
    "ConversationTransferred",
    "ConversationClosed",
    "ConversationReopened",
    "ConversationTagAdded",
    "ConversationTagRemoved",
    "ConversationMessageAdded",
    "ConversationNoteAdded",
];

/// How a subscription's deliveries are shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookFormat {
    /// Conversation events, in Dixa's format.
    Dixa,
    /// Agent interaction events, 8x8 style.
    Interaction,
}

impl WebhookFormat {
    /// Every format, in the order they are offered.
    pub const ALL: &'static [WebhookFormat] = &[WebhookFormat::Dixa, WebhookFormat::Interaction];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookFormat::Dixa => "Dixa",
            WebhookFormat::Interaction => "Interaction",
        }
    }

    /// What the format is for, in a few words.
    pub fn description(self) -> &'static str {
        match self {
            WebhookFormat::Dixa => "Conversation events, in Dixa's format",
            WebhookFormat::Interaction => "Agent interaction events (8x8 style)",
        }
    }

    pub fn parse(name: &str) -> Result<Self, RuleError> {
        Self::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == name)
            .ok_or_else(|| RuleError::UnknownWebhookFormat(name.to_owned()))
    }

    /// The event names a subscription in this format may list, in the order they are offered.
    pub fn events(self) -> &'static [&'static str] {
        match self {
            WebhookFormat::Dixa => DIXA_EVENTS,
            WebhookFormat::Interaction => INTERACTION_EVENTS,
        }
    }
}

/// Checks the events a subscription in `format` lists.
pub fn check_events(format: WebhookFormat, events: &[String]) -> Result<(), RuleError> {
    match events.iter().find(|e| !format.events().contains(&e.as_str())) {
        Some(bad) => Err(RuleError::UnknownWebhookEvent { event: bad.clone(), format: format.as_str().to_owned() }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_takes_only_its_own_events() {
        let dixa = WebhookFormat::parse("Dixa").unwrap();
        assert!(check_events(dixa, &["ConversationClosed".into()]).is_ok());
        assert!(check_events(dixa, &["TEXT".into()]).is_err());
        assert!(check_events(WebhookFormat::Interaction, &["TEXT".into()]).is_ok());
        assert!(WebhookFormat::parse("Zendesk").is_err());
    }

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(4), Duration::seconds(240));
        assert_eq!(backoff(8), Duration::seconds(3600));
        assert_eq!(backoff(100), Duration::seconds(3600));
    }

    #[test]
    fn interaction_events_follow_the_agent() {
        assert_eq!(interaction_event("ConversationAssigned", None, true, false), Some("AGENT_JOINED"));
        let outbound = Some(Direction::Outbound);
        assert_eq!(interaction_event("ConversationMessageAdded", outbound, true, false), Some("TEXT"));
        assert_eq!(interaction_event("ConversationMessageAdded", Some(Direction::Inbound), true, false), None);
        assert_eq!(interaction_event("ConversationUnassigned", None, false, false), Some("AGENT_LEFT"));
        assert_eq!(interaction_event("ConversationClosed", None, true, false), Some("AGENT_LEFT"));
        assert_eq!(interaction_event("ConversationClosed", None, false, false), None);
        // The agent left at the close: reopening, which unassigns, is no second leave.
        assert_eq!(interaction_event("ConversationUnassigned", None, false, true), None);
        assert_eq!(interaction_event("ConversationNoteAdded", None, true, false), None);
    }

    #[test]
    fn an_empty_event_list_means_everything() {
        assert!(subscribed(&[], "ConversationCreated"));
        assert!(subscribed(&["TEXT".into()], "TEXT"));
        assert!(!subscribed(&["TEXT".into()], "AGENT_LEFT"));
    }
}

//! The event bus: every committed change is published here, for the event stream and the shell.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use switchboard_engine::kinds::Direction;
use switchboard_engine::status::StatusGroup;
use tokio::sync::broadcast;
use uuid::Uuid;

/// What changed. The names are those of Dixa's webhook events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EventKind {
    ConversationCreated,
    ConversationUpdated,
    ConversationAssigned,
    ConversationUnassigned,
    ConversationTransferred,
    ConversationClosed,
    ConversationReopened,
    ConversationTagAdded,
    ConversationTagRemoved,
    ConversationMessageAdded,
    ConversationNoteAdded,
    /// A conversation's SLA changed (policy, severity, deadlines).
    ConversationSlaUpdated,
    /// A conversation breached an SLA time.
    ConversationSlaBreached,
    /// An agent's status or capacity state changed.
    AgentStatusChanged,
}

impl EventKind {
    /// Every kind, in the order they are documented.
    pub const ALL: &'static [EventKind] = &[
        EventKind::ConversationCreated,
        EventKind::ConversationUpdated,
        EventKind::ConversationAssigned,
        EventKind::ConversationUnassigned,
        EventKind::ConversationTransferred,
        EventKind::ConversationClosed,
        EventKind::ConversationReopened,
        EventKind::ConversationTagAdded,
        EventKind::ConversationTagRemoved,
        EventKind::ConversationMessageAdded,
        EventKind::ConversationNoteAdded,
        EventKind::ConversationSlaUpdated,
        EventKind::ConversationSlaBreached,
        EventKind::AgentStatusChanged,
    ];

    /// Whether the event is about an agent (and carries their status) rather than a conversation.
    pub fn about_agent(self) -> bool {
        matches!(self, EventKind::AgentStatusChanged)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::ConversationCreated => "ConversationCreated",
            EventKind::ConversationUpdated => "ConversationUpdated",
            EventKind::ConversationAssigned => "ConversationAssigned",
            EventKind::ConversationUnassigned => "ConversationUnassigned",
            EventKind::ConversationTransferred => "ConversationTransferred",
            EventKind::ConversationClosed => "ConversationClosed",
            EventKind::ConversationReopened => "ConversationReopened",
            EventKind::ConversationTagAdded => "ConversationTagAdded",
            EventKind::ConversationTagRemoved => "ConversationTagRemoved",
            EventKind::ConversationMessageAdded => "ConversationMessageAdded",
            EventKind::ConversationNoteAdded => "ConversationNoteAdded",
            EventKind::ConversationSlaUpdated => "ConversationSlaUpdated",
            EventKind::ConversationSlaBreached => "ConversationSlaBreached",
            EventKind::AgentStatusChanged => "AgentStatusChanged",
        }
    }
}

/// One change, as subscribers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// Increases by one per published event within a run of the service.
    pub seq: u64,
    #[serde(rename = "type")]
    pub kind: EventKind,
    /// The conversation of a conversation event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// True for the message that came with the conversation's creation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub initial: bool,
    /// The agent's status after an `AgentStatusChanged`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusChange>,
    /// The user whose command made the change, where the command names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Uuid>,
    /// The agents a new note names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Uuid>,
    pub at: DateTime<Utc>,
}

/// An agent's status as an event carries it: the chosen status, the one shown (Full Capacity
/// replaces an Available one while the agent is full) and the capacity state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status_id: Uuid,
    pub name: String,
    pub group: StatusGroup,
    pub shown_status_id: Uuid,
    pub shown_name: String,
    pub shown_group: StatusGroup,
    pub full_capacity: bool,
}

/// An event before the bus numbers it.
#[derive(Debug, Clone)]
pub struct Pending {
    pub kind: EventKind,
    pub conversation_id: Option<i64>,
    pub queue_id: Option<Uuid>,
    pub agent_id: Option<Uuid>,
    pub direction: Option<Direction>,
    pub initial: bool,
    /// The message of a message event (for webhook payloads), or the note of a note event.
    pub message_id: Option<Uuid>,
    pub status: Option<StatusChange>,
    pub by: Option<Uuid>,
    pub mentions: Vec<Uuid>,
    pub at: DateTime<Utc>,
}

/// A broadcast channel with a sequence counter. Slow subscribers lose old events (and are told
/// so by the channel) instead of slowing down commands.
#[derive(Clone, Debug)]
pub struct EventBus {
    sender: broadcast::Sender<Event>,
    seq: Arc<AtomicU64>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new(4096)
    }
}

impl EventBus {
    pub fn new(capacity: usize) -> Self {
        let (sender, _) = broadcast::channel(capacity);
        EventBus { sender, seq: Arc::new(AtomicU64::new(0)) }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }

    pub(crate) fn publish(&self, pending: Vec<Pending>) {
        for p in pending {
            let event = Event {
                seq: self.seq.fetch_add(1, Ordering::Relaxed) + 1,
                kind: p.kind,
                conversation_id: p.conversation_id,
                queue_id: p.queue_id,
                agent_id: p.agent_id,
                direction: p.direction,
                initial: p.initial,
                status: p.status,
                by: p.by,
                mentions: p.mentions,
                at: p.at,
            };
            // No subscriber is not an error: the change is committed either way.
            let _ = self.sender.send(event);
        }
    }
}

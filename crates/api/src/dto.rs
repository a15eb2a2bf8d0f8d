//! The JSON shapes of the API (Dixa v1 names and envelopes) and their conversion from records.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use switchboard_engine::attributes::{AttributeEntity, AttributeKind, AttributeValue};
use switchboard_engine::content::{Attachment, Content};
use switchboard_engine::kinds::{Channel, Direction, EndpointKind, LinkType, TagState};
use switchboard_engine::user::{Role, UserType};
use switchboard_service::store::{
    activity, contact_endpoints, custom_attributes, end_users, messages, notes, queues, tags, users,
};
use utoipa::ToSchema;
use uuid::Uuid;

/// Times are RFC 3339 in UTC with milliseconds, e.g. `2026-01-05T09:30:00.000Z`.
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The envelope of a single object.
#[derive(Debug, Serialize, ToSchema)]
pub struct Data<T> {
    pub data: T,
}

/// The envelope of a page of a list; `meta.next` is the URL of the next page, absent on the last.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paged<T> {
    pub data: Vec<T>,
    pub meta: Meta,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Meta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The envelope of a list that is never paged.
#[derive(Debug, Serialize, ToSchema)]
pub struct List<T> {
    pub data: Vec<T>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    pub id: Uuid,
    pub display_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    pub user_type: UserType,
    pub roles: Vec<Role>,
    pub enabled: bool,
    pub created_at: String,
}

/// The caller (`GET /v1/me`): their record and what the server lets them do, so that clients
/// show what is possible without deriving it from roles themselves.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    #[serde(flatten)]
    pub agent: Agent,
    /// The permissions the caller holds.
    pub permissions: Vec<switchboard_engine::access::Permission>,
    /// Whether they may set other agents' statuses.
    pub may_set_others_status: bool,
    /// Whether they may set their own status (they handle conversations).
    pub may_set_own_status: bool,
}

impl From<users::User> for Me {
    fn from(u: users::User) -> Self {
        use switchboard_engine::access::{may_set_status, Principal, Rights};
        let p = Principal { user_type: u.user_type, roles: &u.roles };
        let permissions = Rights::of(p).permissions().collect();
        let may_set_others_status = may_set_status(p, false).is_ok();
        let may_set_own_status = may_set_status(p, true).is_ok() && u.user_type.handles_conversations();
        Me { agent: u.into(), permissions, may_set_others_status, may_set_own_status }
    }
}

impl From<users::User> for Agent {
    fn from(u: users::User) -> Self {
        Agent {
            id: u.id,
            roles: u.roles.iter().collect(),
            display_name: u.display_name,
            email: u.email,
            phone_number: u.phone_number,
            first_name: u.first_name,
            last_name: u.last_name,
            user_type: u.user_type,
            enabled: u.enabled,
            created_at: ts(u.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EndUser {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The standard person attributes that are set.
    pub person: switchboard_engine::people::PersonDetails,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_id: Option<Uuid>,
    pub created_at: String,
    pub updated_at: String,
    /// When the end user's personal details were erased.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anonymized_at: Option<String>,
}

impl From<end_users::EndUser> for EndUser {
    fn from(u: end_users::EndUser) -> Self {
        EndUser {
            id: u.id,
            display_name: u.display_name,
            first_name: u.first_name,
            last_name: u.last_name,
            email: u.email,
            phone_number: u.phone_number,
            external_id: u.external_id,
            person: u.person,
            company_id: u.company_id,
            created_at: ts(u.created_at),
            updated_at: ts(u.updated_at),
            anonymized_at: u.anonymized_at.map(ts),
        }
    }
}

/// When a queue alerts its agents, and how: `newConversation` (a conversation arrives in the
/// queue) and `newMessage` (a customer writes in a conversation assigned to the agent) pick the
/// moments; `desktop` (a native notification) and `sound` pick the ways.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueNotifications {
    pub new_conversation: bool,
    pub new_message: bool,
    pub desktop: bool,
    pub sound: bool,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Queue {
    pub id: Uuid,
    pub name: String,
    pub is_default: bool,
    pub auto_assignment: bool,
    /// AnyAvailable (the Weighted Sum Method over available members) or LastInteracted (the
    /// member who last talked to the customer within `stickyWindow`, when eligible).
    pub assignment_mode: AssignmentMode,
    /// Days30, Days60, Year or Ever; used by LastInteracted.
    pub sticky_window: StickyWindowDto,
    pub notifications: QueueNotifications,
    pub created_at: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub enum AssignmentMode {
    AnyAvailable,
    LastInteracted,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[schema(as = StickyWindow)]
pub enum StickyWindowDto {
    Days30,
    Days60,
    Year,
    Ever,
}

impl From<StickyWindowDto> for switchboard_engine::assignment::StickyWindow {
    fn from(w: StickyWindowDto) -> Self {
        use switchboard_engine::assignment::StickyWindow as W;
        match w {
            StickyWindowDto::Days30 => W::Days30,
            StickyWindowDto::Days60 => W::Days60,
            StickyWindowDto::Year => W::Year,
            StickyWindowDto::Ever => W::Ever,
        }
    }
}

impl From<switchboard_engine::assignment::StickyWindow> for StickyWindowDto {
    fn from(w: switchboard_engine::assignment::StickyWindow) -> Self {
        use switchboard_engine::assignment::StickyWindow as W;
        match w {
            W::Days30 => StickyWindowDto::Days30,
            W::Days60 => StickyWindowDto::Days60,
            W::Year => StickyWindowDto::Year,
            W::Ever => StickyWindowDto::Ever,
        }
    }
}

impl From<queues::Queue> for Queue {
    fn from(q: queues::Queue) -> Self {
        Queue {
            id: q.id,
            name: q.name,
            is_default: q.is_default,
            auto_assignment: q.auto_assignment,
            assignment_mode: match q.mode {
                switchboard_engine::assignment::QueueMode::AnyAvailable => AssignmentMode::AnyAvailable,
                switchboard_engine::assignment::QueueMode::LastInteracted(_) => AssignmentMode::LastInteracted,
            },
            sticky_window: match q.mode {
                switchboard_engine::assignment::QueueMode::LastInteracted(w) => w.into(),
                switchboard_engine::assignment::QueueMode::AnyAvailable => StickyWindowDto::Days30,
            },
            notifications: QueueNotifications {
                new_conversation: q.notify_new_conversation,
                new_message: q.notify_new_message,
                desktop: q.notify_desktop,
                sound: q.notify_sound,
            },
            created_at: ts(q.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueMember {
    pub agent_id: Uuid,
    pub added_at: String,
}

impl From<queues::Member> for QueueMember {
    fn from(m: queues::Member) -> Self {
        QueueMember { agent_id: m.user_id, added_at: ts(m.added_at) }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub id: Uuid,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    pub state: TagState,
}

impl From<tags::Tag> for Tag {
    fn from(t: tags::Tag) -> Self {
        Tag { id: t.id, name: t.name, color: t.color, state: t.state }
    }
}

/// The id of a created conversation.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedId {
    pub id: i64,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: Uuid,
    /// The same as `id`, under the name Dixa's add-message answer uses.
    pub message_id: Uuid,
    pub conversation_id: i64,
    pub direction: Direction,
    pub author_id: Uuid,
    pub content: Content,
    pub attachments: Vec<Attachment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// An email's addresses (from, to, cc, bcc).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<switchboard_engine::content::EmailHeaders>,
    pub created_at: String,
    #[schema(value_type = Object)]
    pub attributes: serde_json::Map<String, serde_json::Value>,
    /// When the message's content was erased.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anonymized_at: Option<String>,
    /// What sent the message when no person did (away message, waiting strategy, workflow, bot).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automated: Option<switchboard_engine::kinds::Automation>,
}

impl From<messages::Message> for Message {
    fn from(m: messages::Message) -> Self {
        Message {
            id: m.id,
            message_id: m.id,
            conversation_id: m.conversation_id,
            direction: m.direction,
            author_id: m.author_id,
            content: m.content,
            attachments: m.attachments,
            external_id: m.external_id,
            email: m.email,
            created_at: ts(m.created_at),
            attributes: serde_json::Map::new(),
            anonymized_at: m.anonymized_at.map(ts),
            automated: m.automated,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub id: Uuid,
    pub author_id: Uuid,
    pub created_at: String,
    /// The conversation's id (Dixa's "conversation short id").
    pub csid: i64,
    pub message: String,
}

impl From<notes::Note> for Note {
    fn from(n: notes::Note) -> Self {
        Note {
            id: n.id,
            author_id: n.author_id,
            created_at: ts(n.created_at),
            csid: n.conversation_id,
            message: n.message,
        }
    }
}

/// One item of a bulk answer: `{"data": ..., "_type": "BulkActionSuccess"}` or
/// `{"error": {"message": ...}, "_type": "BulkActionFailure"}`.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "_type")]
pub enum BulkItem<T> {
    BulkActionSuccess { data: T },
    BulkActionFailure { error: crate::error::ErrorBody },
}

impl<T> BulkItem<T> {
    pub fn from_result(r: Result<T, switchboard_service::ServiceError>) -> Self {
        match r {
            Ok(data) => BulkItem::BulkActionSuccess { data },
            Err(e) => BulkItem::BulkActionFailure { error: crate::error::ErrorBody { message: e.to_string() } },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActivityAuthor {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub id: Uuid,
    pub conversation_id: i64,
    pub activity_timestamp: String,
    pub activity_type: String,
    #[serde(rename = "_type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<ActivityAuthor>,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl Activity {
    pub fn new(e: activity::Entry, author: Option<ActivityAuthor>) -> Self {
        Activity {
            id: e.id,
            conversation_id: e.conversation_id,
            activity_timestamp: ts(e.at),
            activity_type: e.kind.activity_type(),
            kind: e.kind.as_str().to_owned(),
            author,
            detail: e.detail,
        }
    }
}

/// The signed-in user and a token issued for them.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedToken {
    pub token: String,
}

/// What an event says changed: one of the service's event kinds, documented from the service's
/// own list so the document never lags behind it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct EventType(pub &'static str);

impl utoipa::PartialSchema for EventType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use switchboard_service::EventKind;
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(EventKind::ALL.iter().map(|k| k.as_str())))
            .description(Some("What changed (Dixa's event names, and the SLA and agent status events)"))
            .into()
    }
}

impl utoipa::ToSchema for EventType {}

/// An event of the stream `GET /v1/events` (the `data` of each server-sent event).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub seq: u64,
    #[serde(rename = "type")]
    pub kind: EventType,
    /// Set on conversation events.
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
    /// The agent's status after an AgentStatusChanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusChangeDto>,
    pub at: String,
}

/// An agent's status as AgentStatusChanged carries it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusChangeDto {
    pub status_id: Uuid,
    pub name: String,
    pub group: switchboard_engine::status::StatusGroup,
    /// Full Capacity while an agent who chose an Available status is full; else the chosen one.
    pub shown_status_id: Uuid,
    pub shown_name: String,
    pub shown_group: switchboard_engine::status::StatusGroup,
    pub full_capacity: bool,
}

/// The manual clock's time.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClockNow {
    pub now: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationLink {
    pub parent_id: i64,
    #[serde(rename = "_type")]
    pub kind: LinkType,
}

/// A custom attribute's value on a conversation or end user.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttributeValueDto {
    pub id: Uuid,
    pub name: String,
    pub identifier: String,
    pub value: AttributeValue,
}

impl From<(custom_attributes::Definition, AttributeValue)> for AttributeValueDto {
    fn from((d, value): (custom_attributes::Definition, AttributeValue)) -> Self {
        AttributeValueDto { id: d.id, name: d.name, identifier: d.identifier, value }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttributeOption {
    pub value: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InputDefinition {
    #[serde(rename = "_type")]
    pub kind: AttributeKind,
    pub options: Vec<AttributeOption>,
}

/// A custom attribute definition.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomAttribute {
    pub id: Uuid,
    pub entity_type: AttributeEntity,
    pub identifier: String,
    pub label: String,
    pub input_definition: InputDefinition,
    pub is_archived: bool,
    pub created_at: String,
}

impl From<custom_attributes::Definition> for CustomAttribute {
    fn from(d: custom_attributes::Definition) -> Self {
        CustomAttribute {
            id: d.id,
            entity_type: d.entity,
            identifier: d.identifier,
            label: d.name,
            input_definition: InputDefinition {
                kind: d.kind,
                options: d.options.into_iter().map(|value| AttributeOption { value }).collect(),
            },
            is_archived: d.archived,
            created_at: ts(d.created_at),
        }
    }
}

/// A contact endpoint: an email address, a phone number or a chat widget.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactEndpoint {
    pub id: String,
    /// The address, number or widget id (the same as `id`).
    pub address: String,
    pub name: String,
    #[serde(rename = "_type")]
    pub kind: EndpointKind,
    pub created_at: String,
}

impl From<contact_endpoints::ContactEndpoint> for ContactEndpoint {
    fn from(e: contact_endpoints::ContactEndpoint) -> Self {
        ContactEndpoint { address: e.id.clone(), id: e.id, name: e.name, kind: e.kind, created_at: ts(e.created_at) }
    }
}

/// The entry point of a channel on a contact endpoint.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Flow {
    pub id: Uuid,
    pub name: String,
    pub channel: Channel,
    pub contact_endpoint_id: String,
}

impl From<contact_endpoints::Flow> for Flow {
    fn from(f: contact_endpoints::Flow) -> Self {
        Flow { id: f.id, name: f.name, channel: f.channel, contact_endpoint_id: f.contact_endpoint_id }
    }
}

/// The id of an imported conversation and what could not be applied.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportedId {
    pub id: i64,
    pub partial_errors: Vec<ErrorBodyRef>,
}

/// One problem of a partial success.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBodyRef {
    pub message: String,
}

/// The record of an anonymization (done when answered).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AnonymizationRequest {
    pub id: Uuid,
    /// ConversationAnonymizationType, MessageAnonymizationType or UserAnonymizationType.
    pub entity_type: String,
    /// Conversation, Message or EndUser.
    #[serde(rename = "_type")]
    pub kind: String,
    pub initiated_at: String,
    pub target_entity_id: String,
    pub requested_by: Uuid,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Team {
    pub id: Uuid,
    pub name: String,
}

impl From<switchboard_service::store::teams::Team> for Team {
    fn from(t: switchboard_service::store::teams::Team) -> Self {
        Team { id: t.id, name: t.name }
    }
}

/// Whether an agent is connected (has the app open) and when they were last seen.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgentPresence {
    pub user_id: Uuid,
    pub request_time: String,
    /// Online while the agent has the app open (an event stream), Offline otherwise.
    pub connection_status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
}

impl AgentPresence {
    pub fn new(user_id: Uuid, p: switchboard_service::presence::Presence, now: DateTime<Utc>) -> Self {
        AgentPresence {
            user_id,
            request_time: ts(now),
            connection_status: if p.online { "Online" } else { "Offline" }.into(),
            last_seen: p.last_seen.map(ts),
        }
    }
}

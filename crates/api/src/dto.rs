//! The JSON shapes of the API (Dixa v1 names and envelopes) and their conversion from records.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use switchboard_engine::attributes::AttributeValue;
use switchboard_engine::content::{Attachment, Content};
use switchboard_engine::kinds::{Direction, TagState};
use switchboard_engine::user::{Role, UserType};
use switchboard_service::store::{custom_attributes, end_users, messages, notes, tags, users};
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

/// The manual clock's time.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClockNow {
    pub now: String,
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

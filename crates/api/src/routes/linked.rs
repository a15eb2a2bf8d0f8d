//! `/v1/conversations/{id}/linked` and `/v1/conversations/import`: conversations made from
//! other conversations, and histories brought in from elsewhere.

use crate::dto::{CreatedId, Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::routes::conversations::Conversation;
use crate::routes::timeline::MessageBody;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::Serialize;
use switchboard_engine::content::{Attachment, Content};
use switchboard_engine::kinds::{Channel, Direction, LinkType, Priority};
use switchboard_service::conversations::NewConversation;
use switchboard_service::import::Import;
use switchboard_service::timeline::NewMessage;
use utoipa::ToSchema;
use uuid::Uuid;

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

/// A side conversation (with someone else, while handling the parent) or a follow-up.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateLinked {
    /// SideConversation (default) or FollowUp.
    #[serde(rename = "_type")]
    pub link_type: Option<LinkType>,
    /// Defaults to the parent's requester.
    pub requester_id: Option<Uuid>,
    pub channel: Option<Channel>,
    pub subject: Option<String>,
    pub topic: Option<String>,
    pub priority: Option<Priority>,
    pub queue_id: Option<Uuid>,
    pub agent_id: Option<Uuid>,
    pub message: Option<MessageBody>,
}

#[utoipa::path(post, path = "/v1/conversations/{conversationId}/linked", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = CreateLinked,
    responses((status = 201, body = Data<CreatedId>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(parent): PathParams<i64>,
    JsonBody(b): JsonBody<CreateLinked>,
) -> ApiResult<(StatusCode, Json<Data<CreatedId>>)> {
    let p = s.service.conversation(&me, parent).await?;
    let input = NewConversation {
        requester_id: b.requester_id.unwrap_or(p.requester_id),
        channel: b.channel.unwrap_or(p.channel),
        subject: b.subject,
        topic: b.topic,
        priority: b.priority,
        queue_id: b.queue_id.or(p.queue_id),
        agent_id: b.agent_id,
        message: b.message.map(|m| m.into_new_message()).transpose()?,
        ..Default::default()
    };
    let c = s.service.create_linked(&me, parent, b.link_type.unwrap_or(LinkType::SideConversation), input).await?;
    Ok((StatusCode::CREATED, Json(Data { data: CreatedId { id: c.id } })))
}

/// The conversations created from this one.
#[utoipa::path(get, path = "/v1/conversations/{conversationId}/linked", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = List<Conversation>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<List<Conversation>>> {
    Ok(Json(List { data: s.service.linked(&me, id).await?.into_iter().map(Into::into).collect() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportAssignment {
    pub agent_id: Uuid,
    pub assigned_at: DateTime<Utc>,
}

/// One message of an import: `_type` InboundImport (from the requester) or OutboundImport (from `agentId`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportMessage {
    pub content: Content,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    pub created_at: DateTime<Utc>,
    #[serde(rename = "_type")]
    pub kind: ImportMessageKind,
    pub agent_id: Option<Uuid>,
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
pub enum ImportMessageKind {
    InboundImport,
    OutboundImport,
}

/// Dixa's GenericConversationImport.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportConversation {
    pub generic_channel_name: String,
    pub requester_id: Uuid,
    pub requester_connection_status: Option<String>,
    pub direction: Direction,
    #[serde(default)]
    pub messages: Vec<ImportMessage>,
    pub created_at: DateTime<Utc>,
    pub assignment: Option<ImportAssignment>,
    pub external_id: Option<String>,
    /// GenericConversationImport, the only kind.
    #[serde(rename = "_type")]
    pub kind: Option<String>,
}

#[utoipa::path(post, path = "/v1/conversations/import", tag = "Conversations", request_body = ImportConversation,
    responses((status = 201, body = Data<ImportedId>), (status = 400, body = ErrorBody)))]
pub async fn import(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<ImportConversation>,
) -> ApiResult<(StatusCode, Json<Data<ImportedId>>)> {
    if let Some(kind) = b.kind.as_deref().filter(|k| *k != "GenericConversationImport") {
        return Err(crate::error::ApiError::bad_request(format!("Unsupported ConversationChannel: {kind}")));
    }
    if let Some(status) = b.requester_connection_status.as_deref() {
        if status != "Connected" && status != "Disconnected" {
            return Err(crate::error::ApiError::bad_request(
                "Invalid value for: body, requesterConnectionStatus is Connected or Disconnected",
            ));
        }
    }
    let messages = b
        .messages
        .into_iter()
        .map(|m| NewMessage {
            email: None,
            direction: match m.kind {
                ImportMessageKind::InboundImport => Direction::Inbound,
                ImportMessageKind::OutboundImport => Direction::Outbound,
            },
            content: m.content,
            attachments: m.attachments,
            agent_id: m.agent_id,
            external_id: m.external_id,
            created_at: Some(m.created_at),
            automated: None,
        })
        .collect();
    let imported = s
        .service
        .import_conversation(
            &me,
            Import {
                channel_name: b.generic_channel_name,
                requester_id: b.requester_id,
                requester_connection_status: b.requester_connection_status,
                direction: b.direction,
                messages,
                created_at: b.created_at,
                assignment: b.assignment.map(|a| (a.agent_id, a.assigned_at)),
                external_id: b.external_id,
            },
        )
        .await?;
    let data = ImportedId {
        id: imported.id,
        partial_errors: imported.partial_errors.into_iter().map(|message| ErrorBodyRef { message }).collect(),
    };
    Ok((StatusCode::CREATED, Json(Data { data })))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(create, list)).routes(routes!(import))
}

//! `/v1/conversations/{id}/messages` and `/notes`: the conversation's timeline.

use crate::dto::{BulkItem, Data, List, Message, Note};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use switchboard_engine::content::{Attachment, Content};
use switchboard_engine::kinds::Direction;
use switchboard_service::timeline::{NewMessage, NewNote};
use switchboard_service::ServiceError;
use utoipa::ToSchema;
use uuid::Uuid;

/// A message: `_type` Inbound (from the requester) or Outbound (from `agentId`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageBody {
    pub content: Content,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(rename = "_type")]
    pub direction: Direction,
    pub agent_id: Option<Uuid>,
    pub external_id: Option<String>,
    pub integration_email: Option<String>,
    /// An email's addresses (from, to, cc, bcc), for routing's email attributes.
    pub email: Option<switchboard_engine::content::EmailHeaders>,
}

impl MessageBody {
    pub fn into_new_message(self) -> Result<NewMessage, ApiError> {
        Ok(NewMessage {
            direction: self.direction,
            content: self.content,
            attachments: self.attachments,
            agent_id: self.agent_id,
            external_id: self.external_id,
            email: self.email,
            created_at: None,
            automated: None,
        })
    }
}

#[utoipa::path(post, path = "/v1/conversations/{conversationId}/messages", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = MessageBody,
    responses((status = 200, body = Data<Message>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn add_message(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<MessageBody>,
) -> ApiResult<Json<Data<Message>>> {
    let mut input = b.into_new_message()?;
    // An agent replying through the UI is the author when the body names nobody.
    if input.direction == Direction::Outbound && input.agent_id.is_none() && me.user_type.handles_conversations() {
        input.agent_id = Some(me.id);
    }
    Ok(Json(Data { data: s.service.add_message(&me, id, input).await?.into() }))
}

#[utoipa::path(get, path = "/v1/conversations/{conversationId}/messages", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = List<Message>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn messages(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<List<Message>>> {
    Ok(Json(List { data: s.service.messages(&me, id).await?.into_iter().map(Into::into).collect() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NoteBody {
    pub message: String,
    pub agent_id: Option<Uuid>,
    /// RFC 3339; Dixa's form with a trailing zone such as `[GMT]` is accepted.
    pub created_at: Option<String>,
    /// Agents the note names (`@Name` in its text): each is told, and must be able to open the
    /// conversation.
    #[schema(max_items = 20)]
    pub mentions: Option<Vec<Uuid>>,
}

/// Parses Dixa's note time, e.g. `2021-12-01T12:46:36.581Z[GMT]`, with the seed's error text.
fn parse_note_time(raw: &str) -> Result<DateTime<Utc>, ServiceError> {
    crate::extract::parse_time(raw).map_err(|_| ServiceError::Invalid("Invalid date format".into()))
}

impl NoteBody {
    fn into_new_note(self) -> Result<NewNote, ServiceError> {
        Ok(NewNote {
            message: self.message,
            agent_id: self.agent_id,
            created_at: self.created_at.as_deref().map(parse_note_time).transpose()?,
            mentions: self.mentions.unwrap_or_default(),
        })
    }
}

#[utoipa::path(post, path = "/v1/conversations/{conversationId}/notes", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = NoteBody,
    responses((status = 200, body = Data<Note>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn add_note(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<NoteBody>,
) -> ApiResult<Json<Data<Note>>> {
    let input = b.into_new_note()?;
    Ok(Json(Data { data: s.service.add_note(&me, id, input).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkNotes {
    pub data: Vec<NoteBody>,
}

/// Adds several notes; each refused item is reported as a BulkActionFailure, the rest are kept.
#[utoipa::path(post, path = "/v1/conversations/{conversationId}/notes/bulk", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = BulkNotes,
    responses((status = 200, body = List<BulkItem<Note>>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn add_notes(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<BulkNotes>,
) -> ApiResult<Json<List<BulkItem<Note>>>> {
    // Items with an unreadable time fail alone, like any other refused item.
    let mut parsed = Vec::with_capacity(b.data.len());
    for item in b.data {
        parsed.push(item.into_new_note());
    }
    let valid: Vec<NewNote> = parsed.iter().filter_map(|p| p.as_ref().ok().cloned()).collect();
    let mut stored = s.service.add_notes(&me, id, valid).await?.into_iter();
    let mut out = Vec::with_capacity(parsed.len());
    for p in parsed {
        let item = match p {
            Err(e) => Err(e),
            Ok(_) => stored.next().unwrap_or_else(|| Err(ServiceError::Invalid("Note was not processed".into()))),
        };
        out.push(match item {
            Ok(note) => BulkItem::BulkActionSuccess { data: note.into() },
            Err(e) => BulkItem::BulkActionFailure { error: ErrorBody { message: e.to_string() } },
        });
    }
    Ok(Json(List { data: out }))
}

#[utoipa::path(get, path = "/v1/conversations/{conversationId}/notes", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = List<Note>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn notes(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<List<Note>>> {
    Ok(Json(List { data: s.service.notes(&me, id).await?.into_iter().map(Into::into).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(add_message, messages))
        .routes(routes!(add_note, notes))
        .routes(routes!(add_notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dixas_note_time_with_zone_suffix() {
        let t = parse_note_time("2021-12-01T12:46:36.581Z[GMT]").unwrap();
        assert_eq!(t.to_rfc3339(), "2021-12-01T12:46:36.581+00:00");
        assert!(parse_note_time("yesterday").is_err());
    }
}

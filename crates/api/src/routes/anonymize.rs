//! Anonymization of conversations, single messages and end users (202 with the request record).

use crate::dto::{ts, Data};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, PathParams, QueryPairs};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use switchboard_service::anonymize::{Request, Target};
use utoipa::ToSchema;
use uuid::Uuid;

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

fn answer(r: Request) -> (StatusCode, Json<Data<AnonymizationRequest>>) {
    let (entity_type, kind) = match r.target {
        Target::Conversation => ("ConversationAnonymizationType", "Conversation"),
        Target::Message => ("MessageAnonymizationType", "Message"),
        Target::EndUser => ("UserAnonymizationType", "EndUser"),
    };
    let data = AnonymizationRequest {
        id: r.id,
        entity_type: entity_type.into(),
        kind: kind.into(),
        initiated_at: ts(r.initiated_at),
        target_entity_id: r.target_entity_id,
        requested_by: r.requested_by,
    };
    (StatusCode::ACCEPTED, Json(Data { data }))
}

/// Erases the conversation's messages, notes, attachments, subject, metadata, attribute values,
/// rating comments, search entries and activity details. Open conversations need `force=true`,
/// which closes them first; otherwise 409.
#[utoipa::path(patch, path = "/v1/conversations/{conversationId}/anonymize", tag = "Conversations",
    params(("conversationId" = i64, Path), ("force" = Option<bool>, Query)),
    responses((status = 202, body = Data<AnonymizationRequest>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn conversation(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    query: QueryPairs,
) -> ApiResult<(StatusCode, Json<Data<AnonymizationRequest>>)> {
    let force = query.parse("force", |v| v.parse::<bool>())?.unwrap_or(false);
    Ok(answer(s.service.anonymize_conversation(&me, id, force).await?))
}

#[utoipa::path(patch, path = "/v1/conversations/{conversationId}/messages/{messageId}/anonymize", tag = "Conversations",
    params(("conversationId" = i64, Path), ("messageId" = Uuid, Path)),
    responses((status = 202, body = Data<AnonymizationRequest>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn message(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams((id, message)): PathParams<(i64, Uuid)>,
) -> ApiResult<(StatusCode, Json<Data<AnonymizationRequest>>)> {
    Ok(answer(s.service.anonymize_message(&me, id, message).await?))
}

#[utoipa::path(patch, path = "/v1/endusers/{userId}/anonymize", tag = "End users", params(("userId" = Uuid, Path)),
    responses((status = 202, body = Data<AnonymizationRequest>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn end_user(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<(StatusCode, Json<Data<AnonymizationRequest>>)> {
    Ok(answer(s.service.anonymize_end_user(&me, id).await?))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(conversation)).routes(routes!(message)).routes(routes!(end_user))
}

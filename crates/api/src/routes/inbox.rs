//! `/v1/conversations/count` and `/v1/conversations/{id}/snooze`: how many conversations a view
//! holds, and setting a conversation aside until a time.

use crate::dto::Data;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams, QueryPairs};
use crate::routes::conversations::{full, list_filter, Conversation};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use switchboard_engine::kinds::{Channel, Priority, SlaState};
use utoipa::ToSchema;

/// How many conversations match.
#[derive(Debug, Serialize, ToSchema)]
pub struct Count {
    pub count: i64,
}

/// How many conversations the caller reaches match the list's filters (a view's count).
#[utoipa::path(get, path = "/v1/conversations/count", tag = "Conversations",
    params(("status" = Option<String>, Query), ("priority" = Option<Priority>, Query), ("queueId" = Option<Uuid>, Query),
        ("agentId" = Option<Uuid>, Query), ("unassigned" = Option<bool>, Query), ("channel" = Option<Channel>, Query),
        ("tagId" = Option<Uuid>, Query), ("sla" = Option<SlaState>, Query)),
    responses((status = 200, body = Data<Count>), (status = 400, body = ErrorBody)))]
pub async fn count(State(s): State<AppState>, Caller(me): Caller, query: QueryPairs) -> ApiResult<Json<Data<Count>>> {
    let filter = list_filter(&query)?;
    let count = s.service.conversation_count(&me, &filter).await?;
    Ok(Json(Data { data: Count { count } }))
}

/// Until when a conversation is set aside.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SnoozeBody {
    /// When it wakes up Open (ahead, within 365 days).
    pub until: DateTime<Utc>,
}

/// Sets a conversation aside: Waiting now, Open again at `until`, or as soon as the customer
/// writes. Snoozing again moves the wake-up.
#[utoipa::path(put, path = "/v1/conversations/{conversationId}/snooze", tag = "Conversations",
    params(("conversationId" = i64, Path)), request_body = SnoozeBody,
    responses((status = 200, body = Data<Conversation>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn snooze(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<SnoozeBody>,
) -> ApiResult<Json<Data<Conversation>>> {
    s.service.snooze(&me, id, b.until).await?;
    Ok(Json(Data { data: full(&s, &me, id).await? }))
}

/// Ends a snooze now: the conversation is Open again (nothing changes when it isn't snoozed).
#[utoipa::path(delete, path = "/v1/conversations/{conversationId}/snooze", tag = "Conversations",
    params(("conversationId" = i64, Path)),
    responses((status = 200, body = Data<Conversation>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn wake(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Data<Conversation>>> {
    s.service.wake(&me, id).await?;
    Ok(Json(Data { data: full(&s, &me, id).await? }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(count)).routes(routes!(snooze, wake))
}

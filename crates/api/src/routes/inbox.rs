//! `/v1/conversations/count`, `/v1/conversations/bulk` and `/v1/conversations/{id}/snooze`: how
//! many conversations a view holds, changing a selection at once, and setting one aside.

use crate::dto::{Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams, QueryPairs};
use crate::routes::conversations::{full, list_filter, Conversation};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use switchboard_engine::kinds::{Channel, Priority, SlaState, Status};
use switchboard_service::bulk::BulkAction;
use utoipa::ToSchema;
use uuid::Uuid;

/// How many conversations match.
#[derive(Debug, Serialize, ToSchema)]
pub struct Count {
    pub count: i64,
}

/// How many conversations the caller reaches match the list's filters (a view's count).
#[utoipa::path(get, path = "/v1/conversations/count", tag = "Conversations",
    params(("status" = Option<String>, Query), ("priority" = Option<Priority>, Query), ("queueId" = Option<Uuid>, Query),
        ("agentId" = Option<Uuid>, Query), ("unassigned" = Option<bool>, Query), ("channel" = Option<Channel>, Query),
        ("tagId" = Option<Uuid>, Query), ("sla" = Option<SlaState>, Query), ("mentioned" = Option<Uuid>, Query)),
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

/// What to do to every chosen conversation, told apart by `_type`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(tag = "_type")]
pub enum BulkActionBody {
    /// Give them to an agent; `force` takes them from whoever has them (default false).
    Assign {
        #[serde(rename = "agentId")]
        agent_id: Uuid,
        #[serde(default)]
        force: bool,
    },
    Unassign,
    Transfer {
        #[serde(rename = "queueId")]
        queue_id: Uuid,
    },
    Tag {
        #[serde(rename = "tagId")]
        tag_id: Uuid,
    },
    Untag {
        #[serde(rename = "tagId")]
        tag_id: Uuid,
    },
    /// Open, Waiting, Solved (or Closed).
    Status {
        status: Status,
    },
    Priority {
        priority: Priority,
    },
    Close,
}

impl From<BulkActionBody> for BulkAction {
    fn from(b: BulkActionBody) -> Self {
        match b {
            BulkActionBody::Assign { agent_id, force } => BulkAction::Assign { agent: agent_id, force },
            BulkActionBody::Unassign => BulkAction::Unassign,
            BulkActionBody::Transfer { queue_id } => BulkAction::Transfer { queue: queue_id },
            BulkActionBody::Tag { tag_id } => BulkAction::Tag { tag: tag_id },
            BulkActionBody::Untag { tag_id } => BulkAction::Untag { tag: tag_id },
            BulkActionBody::Status { status } => BulkAction::Status(status),
            BulkActionBody::Priority { priority } => BulkAction::Priority(priority),
            BulkActionBody::Close => BulkAction::Close,
        }
    }
}

/// The conversations to change and what to do.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BulkBody {
    /// At most 1000.
    pub conversation_ids: Vec<i64>,
    pub action: BulkActionBody,
}

/// One conversation's outcome: `BulkActionSuccess`, or `BulkActionFailure` with the reason.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BulkOutcome {
    pub conversation_id: i64,
    #[serde(rename = "_type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorBody>,
}

/// Changes several conversations at once. Each is changed on its own: one refused (out of reach,
/// closed, already someone's) is reported beside its id and the others are done.
#[utoipa::path(post, path = "/v1/conversations/bulk", tag = "Conversations", request_body = BulkBody,
    responses((status = 200, body = List<BulkOutcome>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn bulk(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<BulkBody>,
) -> ApiResult<Json<List<BulkOutcome>>> {
    let done = s.service.bulk_conversations(&me, &b.conversation_ids, b.action.into()).await?;
    let data = done
        .into_iter()
        .map(|(conversation_id, r)| match r {
            Ok(()) => BulkOutcome { conversation_id, kind: "BulkActionSuccess".into(), error: None },
            Err(e) => BulkOutcome {
                conversation_id,
                kind: "BulkActionFailure".into(),
                error: Some(ErrorBody { message: e.to_string() }),
            },
        })
        .collect();
    Ok(Json(List { data }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(count)).routes(routes!(bulk)).routes(routes!(snooze, wake))
}

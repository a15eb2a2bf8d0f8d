//! `/v1/queues`: queues, their settings and their members.

use crate::dto::ts;
use crate::dto::{Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::assignment::{QueueMode, StickyWindow};
use switchboard_service::queues::QueueChanges;
use switchboard_service::store::queues;
use utoipa::ToSchema;
use uuid::Uuid;

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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueFields {
    /// Defaults to "Queue #N".
    pub name: Option<String>,
}

/// Dixa's clients wrap the fields in `request`; both forms are accepted.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum CreateQueue {
    Wrapped { request: QueueFields },
    Plain(QueueFields),
}

#[utoipa::path(post, path = "/v1/queues", tag = "Queues", request_body = CreateQueue,
    responses((status = 201, body = Data<Queue>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateQueue>,
) -> ApiResult<(StatusCode, Json<Data<Queue>>)> {
    let fields = match b {
        CreateQueue::Wrapped { request } => request,
        CreateQueue::Plain(f) => f,
    };
    let queue = s.service.create_queue(&me, fields.name).await?;
    Ok((StatusCode::CREATED, Json(Data { data: queue.into() })))
}

#[utoipa::path(get, path = "/v1/queues", tag = "Queues", responses((status = 200, body = List<Queue>)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<Queue>>> {
    Ok(Json(List { data: s.service.queues(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/queues/{queueId}", tag = "Queues", params(("queueId" = Uuid, Path)),
    responses((status = 200, body = Data<Queue>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<Queue>>> {
    Ok(Json(Data { data: s.service.queue(&me, id).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationChanges {
    pub new_conversation: Option<bool>,
    pub new_message: Option<bool>,
    pub desktop: Option<bool>,
    pub sound: Option<bool>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchQueue {
    pub name: Option<String>,
    pub auto_assignment: Option<bool>,
    pub assignment_mode: Option<AssignmentMode>,
    pub sticky_window: Option<StickyWindowDto>,
    pub notifications: Option<NotificationChanges>,
}

/// Renames a queue or changes its assignment and notification settings.
#[utoipa::path(patch, path = "/v1/queues/{queueId}", tag = "Queues", params(("queueId" = Uuid, Path)), request_body = PatchQueue,
    responses((status = 200, body = Data<Queue>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<PatchQueue>,
) -> ApiResult<Json<Data<Queue>>> {
    let mode = match (b.assignment_mode, b.sticky_window) {
        (None, None) => None,
        (mode, window) => {
            let current = s.service.queue(&me, id).await?;
            let window = window.map(Into::into).or(current.mode.sticky_window()).unwrap_or(StickyWindow::Days30);
            let any = match mode {
                Some(m) => m == AssignmentMode::AnyAvailable,
                None => current.mode == QueueMode::AnyAvailable,
            };
            Some(if any { QueueMode::AnyAvailable } else { QueueMode::LastInteracted(window) })
        }
    };
    let changes = QueueChanges {
        mode,
        name: b.name,
        auto_assignment: b.auto_assignment,
        notify_new_conversation: b.notifications.as_ref().and_then(|n| n.new_conversation),
        notify_new_message: b.notifications.as_ref().and_then(|n| n.new_message),
        notify_desktop: b.notifications.as_ref().and_then(|n| n.desktop),
        notify_sound: b.notifications.as_ref().and_then(|n| n.sound),
    };
    Ok(Json(Data { data: s.service.update_queue(&me, id, changes).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Members {
    pub agent_ids: Vec<Uuid>,
}

/// Adds agents to a queue; an unknown agent refuses the whole request.
#[utoipa::path(patch, path = "/v1/queues/{queueId}/members", tag = "Queues", params(("queueId" = Uuid, Path)), request_body = Members,
    responses((status = 200, body = List<QueueMember>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_members(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<Members>,
) -> ApiResult<Json<List<QueueMember>>> {
    let members = s.service.add_queue_members(&me, id, &b.agent_ids).await?;
    Ok(Json(List { data: members.into_iter().map(Into::into).collect() }))
}

/// Removes agents from a queue (not from the Default queue, which every agent belongs to).
#[utoipa::path(delete, path = "/v1/queues/{queueId}/members", tag = "Queues", params(("queueId" = Uuid, Path)), request_body = Members,
    responses((status = 200, body = List<QueueMember>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn remove_members(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<Members>,
) -> ApiResult<Json<List<QueueMember>>> {
    let members = s.service.remove_queue_members(&me, id, &b.agent_ids).await?;
    Ok(Json(List { data: members.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/queues/{queueId}/members", tag = "Queues", params(("queueId" = Uuid, Path)),
    responses((status = 200, body = List<QueueMember>), (status = 404, body = ErrorBody)))]
pub async fn members(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<List<QueueMember>>> {
    Ok(Json(List { data: s.service.queue_members(&me, id).await?.into_iter().map(Into::into).collect() }))
}

/// Deletes a queue without active conversations (409 otherwise, and for the Default queue or a
/// queue that routes still lead to).
#[utoipa::path(delete, path = "/v1/queues/{queueId}", tag = "Queues", params(("queueId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_queue(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The senders (email addresses, numbers, widget ids) a queue uses; one is the default.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueSenders {
    pub senders: Vec<String>,
    /// The sender new conversations start from; the first one when not given.
    pub default_sender: Option<String>,
}

fn senders_dto(list: Vec<switchboard_service::store::queues::Sender>) -> QueueSenders {
    QueueSenders {
        default_sender: list.iter().find(|s| s.is_default).map(|s| s.sender.clone()),
        senders: list.into_iter().map(|s| s.sender).collect(),
    }
}

#[utoipa::path(get, path = "/v1/queues/{queueId}/senders", tag = "Queues", params(("queueId" = Uuid, Path)),
    responses((status = 200, body = Data<QueueSenders>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn senders(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<QueueSenders>>> {
    Ok(Json(Data { data: senders_dto(s.service.queue_senders(&me, id).await?) }))
}

/// Replaces a queue's senders (used by the Sender Queues routing condition while the
/// installation's "senders per queue" switch is on).
#[utoipa::path(put, path = "/v1/queues/{queueId}/senders", tag = "Queues", params(("queueId" = Uuid, Path)),
    request_body = QueueSenders,
    responses((status = 200, body = Data<QueueSenders>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn set_senders(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<QueueSenders>,
) -> ApiResult<Json<Data<QueueSenders>>> {
    let list = s.service.set_queue_senders(&me, id, b.senders, b.default_sender).await?;
    Ok(Json(Data { data: senders_dto(list) }))
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

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get, patch, delete))
        .routes(routes!(senders, set_senders))
        .routes(routes!(add_members, remove_members, members))
}

//! `/v1/conversations/{id}/assignees`: who a conversation can be handed to, with their status
//! and load (the assignment picker and mentions).

use crate::dto::List;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, PathParams};
use crate::routes::statuses::AgentStatusDto;
use crate::AppState;
use axum::extract::State;
use axum::Json;
use serde::Serialize;
use switchboard_engine::capacity::ChannelGroup;
use switchboard_service::assignees::Assignee;
use utoipa::ToSchema;
use uuid::Uuid;

/// How much of one channel group an agent holds.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoadDto {
    /// The channel group counted: the conversation's.
    pub group: ChannelGroup,
    /// Conversations of the conversation's channel group the agent has now.
    pub used: u32,
    /// How many they may have (their capacity for that group).
    pub capacity: u32,
}

/// An agent one conversation can be handed to.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AssigneeDto {
    pub agent_id: Uuid,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The status shown (Full Capacity while an Available agent is full).
    pub status: AgentStatusDto,
    /// A window of theirs is open now.
    pub online: bool,
    pub load: LoadDto,
    /// Their status receives a handed-over conversation (everything but Unavailable).
    pub receives: bool,
    /// They reach the conversation's queue, so they may read it without having it.
    pub reaches_queue: bool,
    /// They may read the conversation (it is theirs, or in their reach).
    pub may_read: bool,
    /// The conversation is theirs now.
    pub current: bool,
}

/// The agents and admins who handle conversations: the current agent first, then those who
/// reach the queue and receive conversations, least loaded first, then by name.
#[utoipa::path(get, path = "/v1/conversations/{conversationId}/assignees", tag = "Conversations",
    params(("conversationId" = i64, Path)),
    responses((status = 200, body = List<AssigneeDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn assignees(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<List<AssigneeDto>>> {
    let all = s.service.assignees(&me, id).await?;
    Ok(Json(List { data: all.into_iter().map(|a| dto(&s, a)).collect() }))
}

fn dto(s: &AppState, a: Assignee) -> AssigneeDto {
    let may_read = a.may_read();
    AssigneeDto {
        agent_id: a.agent.id,
        online: s.service.presence().of(a.agent.id).online,
        name: a.agent.display_name,
        email: a.agent.email,
        status: a.work.shown.into(),
        load: LoadDto { group: a.group, used: a.used, capacity: a.capacity },
        receives: a.receives,
        reaches_queue: a.reaches_queue,
        may_read,
        current: a.current,
    }
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(assignees))
}

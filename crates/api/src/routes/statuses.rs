//! Agent statuses and capacity: `/v1/agent-statuses` (the catalogue), `/v1/agents/{id}/status`
//! and `/v1/agents/status` (live work state), `/v1/agents/status-log`, agent capacity.

use crate::dto::{ts, Data, List};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{parse_time, Caller, JsonBody, PathParams, QueryPairs};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::capacity::{Capacity, Occupancy, PartialCapacity};
use switchboard_engine::status::{DefaultStatus, StatusGroup};
use switchboard_service::capacity::CapacityChanges;
use switchboard_service::statuses::AgentWork;
use switchboard_service::store::statuses::{AgentStatus, LogEntry};
use utoipa::ToSchema;
use uuid::Uuid;

/// A status agents can be in.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgentStatusDto {
    pub id: Uuid,
    pub name: String,
    /// Available: takes new conversations; Busy and Away: only transferred ones; Unavailable: none.
    pub group: StatusGroup,
    /// One of the predefined statuses (can't be changed or deleted).
    pub is_default: bool,
    /// Set by the system, never chosen (Full Capacity).
    pub automatic: bool,
    /// A deleted custom status (kept for the status log).
    pub deleted: bool,
}

impl From<AgentStatus> for AgentStatusDto {
    fn from(s: AgentStatus) -> Self {
        AgentStatusDto {
            id: s.id,
            name: s.name,
            group: s.group,
            is_default: s.default.is_some(),
            automatic: s.default == Some(DefaultStatus::FullCapacity),
            deleted: s.archived,
        }
    }
}

/// Capacity per channel group (calls are always one).
#[derive(Debug, Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "camelCase")]
pub struct CapacityDto {
    pub email: u32,
    pub live_messaging: u32,
    pub live_chat: u32,
}

impl From<Capacity> for CapacityDto {
    fn from(c: Capacity) -> Self {
        CapacityDto { email: c.email, live_messaging: c.live_messaging, live_chat: c.live_chat }
    }
}

/// An agent's own capacity; a missing group uses the installation default.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OwnCapacityDto {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_messaging: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live_chat: Option<u32>,
}

impl From<PartialCapacity> for OwnCapacityDto {
    fn from(c: PartialCapacity) -> Self {
        OwnCapacityDto { email: c.email, live_messaging: c.live_messaging, live_chat: c.live_chat }
    }
}

/// Conversations an agent holds per channel group (the statuses that count), and calls in progress.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OccupancyDto {
    pub email: u32,
    pub live_messaging: u32,
    pub live_chat: u32,
    pub calls: u32,
}

impl From<Occupancy> for OccupancyDto {
    fn from(o: Occupancy) -> Self {
        OccupancyDto { email: o.email, live_messaging: o.live_messaging, live_chat: o.live_chat, calls: o.voice }
    }
}

/// What an agent is doing right now.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AgentWorkDto {
    pub agent_id: Uuid,
    /// The status the agent chose.
    pub status: AgentStatusDto,
    /// The status shown: Full Capacity while an agent who chose an Available status is full.
    pub shown_status: AgentStatusDto,
    pub since: String,
    /// Full Capacity (the occupancy percentages of email, live messaging and live chat add up
    /// to 90 or more) or Under Capacity.
    pub full_capacity: bool,
    pub capacity: CapacityDto,
    pub own_capacity: OwnCapacityDto,
    pub occupancy: OccupancyDto,
    /// Connected to the event stream right now.
    pub online: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_assigned_at: Option<String>,
}

fn work_dto(s: &AppState, w: AgentWork) -> AgentWorkDto {
    AgentWorkDto {
        agent_id: w.agent_id,
        online: s.service.presence().of(w.agent_id).online,
        status: w.status.into(),
        shown_status: w.shown.into(),
        since: ts(w.since),
        full_capacity: w.full_capacity,
        capacity: w.capacity.into(),
        own_capacity: w.own_capacity.into(),
        occupancy: w.occupancy.into(),
        last_assigned_at: w.last_assigned_at.map(ts),
    }
}

#[utoipa::path(get, path = "/v1/agent-statuses", tag = "Agent statuses",
    params(("includeDeleted" = Option<bool>, Query, description = "Also list deleted custom statuses")),
    responses((status = 200, body = List<AgentStatusDto>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    query: QueryPairs,
) -> ApiResult<Json<List<AgentStatusDto>>> {
    let deleted = query.parse("includeDeleted", str::parse::<bool>)?.unwrap_or(false);
    let all = s.service.agent_statuses(&me, deleted).await?;
    Ok(Json(List { data: all.into_iter().map(Into::into).collect() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateStatus {
    pub name: String,
    pub group: StatusGroup,
}

/// Adds a custom status to one of the four groups.
#[utoipa::path(post, path = "/v1/agent-statuses", tag = "Agent statuses", request_body = CreateStatus,
    responses((status = 201, body = Data<AgentStatusDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateStatus>,
) -> ApiResult<(StatusCode, Json<Data<AgentStatusDto>>)> {
    let status = s.service.create_agent_status(&me, &b.name, b.group).await?;
    Ok((StatusCode::CREATED, Json(Data { data: status.into() })))
}

#[utoipa::path(get, path = "/v1/agent-statuses/{statusId}", tag = "Agent statuses", params(("statusId" = Uuid, Path)),
    responses((status = 200, body = Data<AgentStatusDto>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<AgentStatusDto>>> {
    Ok(Json(Data { data: s.service.agent_status(&me, id).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchStatus {
    pub name: Option<String>,
    pub group: Option<StatusGroup>,
}

/// Renames a custom status or moves it to another group (default statuses are fixed: 409).
#[utoipa::path(patch, path = "/v1/agent-statuses/{statusId}", tag = "Agent statuses", params(("statusId" = Uuid, Path)),
    request_body = PatchStatus,
    responses((status = 200, body = Data<AgentStatusDto>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<PatchStatus>,
) -> ApiResult<Json<Data<AgentStatusDto>>> {
    let status = s.service.update_agent_status(&me, id, b.name.as_deref(), b.group).await?;
    Ok(Json(Data { data: status.into() }))
}

/// Deletes a custom status; agents in it move to their group's default status.
#[utoipa::path(delete, path = "/v1/agent-statuses/{statusId}", tag = "Agent statuses", params(("statusId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_agent_status(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every enabled agent's status, capacity and occupancy (the supervisors' live view).
#[utoipa::path(get, path = "/v1/agents/status", tag = "Agent statuses",
    responses((status = 200, body = List<AgentWorkDto>)))]
pub async fn board(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<AgentWorkDto>>> {
    let all = s.service.agents_work(&me, None).await?;
    Ok(Json(List { data: all.into_iter().map(|w| work_dto(&s, w)).collect() }))
}

#[utoipa::path(get, path = "/v1/agents/{agentId}/status", tag = "Agent statuses", params(("agentId" = Uuid, Path)),
    responses((status = 200, body = Data<AgentWorkDto>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_agent(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<AgentWorkDto>>> {
    let w = s.service.agent_work(&me, id).await?;
    Ok(Json(Data { data: work_dto(&s, w) }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SetStatus {
    pub status_id: Uuid,
}

/// Sets an agent's status (the agent themself, a manager or an admin). Coming into an Available
/// status hands them waiting conversations of their queues, most urgent and oldest first.
#[utoipa::path(put, path = "/v1/agents/{agentId}/status", tag = "Agent statuses", params(("agentId" = Uuid, Path)),
    request_body = SetStatus,
    responses((status = 200, body = Data<AgentWorkDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn set_agent(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<SetStatus>,
) -> ApiResult<Json<Data<AgentWorkDto>>> {
    let w = s.service.set_agent_status(&me, id, b.status_id).await?;
    Ok(Json(Data { data: work_dto(&s, w) }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchCapacity {
    /// A number sets the agent's own capacity; null goes back to the installation default.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<u32>)]
    pub email: Option<Option<u32>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<u32>)]
    pub live_messaging: Option<Option<u32>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<u32>)]
    pub live_chat: Option<Option<u32>>,
}

/// Sets an agent's own capacity per channel group (it comes before the installation default).
#[utoipa::path(patch, path = "/v1/agents/{agentId}/capacity", tag = "Agent statuses", params(("agentId" = Uuid, Path)),
    request_body = PatchCapacity,
    responses((status = 200, body = Data<AgentWorkDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn patch_capacity(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<PatchCapacity>,
) -> ApiResult<Json<Data<AgentWorkDto>>> {
    let changes = CapacityChanges { email: b.email, live_messaging: b.live_messaging, live_chat: b.live_chat };
    s.service.set_agent_capacity(&me, id, changes).await?;
    let w = s.service.agent_work(&me, id).await?;
    Ok(Json(Data { data: work_dto(&s, w) }))
}

/// A status an agent was shown in from `startedAt` until their next entry.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusLogEntryDto {
    pub agent_id: Uuid,
    pub status_id: Uuid,
    pub group: StatusGroup,
    pub started_at: String,
}

impl From<LogEntry> for StatusLogEntryDto {
    fn from(e: LogEntry) -> Self {
        StatusLogEntryDto { agent_id: e.user_id, status_id: e.status_id, group: e.group, started_at: ts(e.started_at) }
    }
}

/// Status changes within [from, to) (at most 10,000), oldest first, for utilization reports.
#[utoipa::path(get, path = "/v1/agents/status-log", tag = "Agent statuses",
    params(("from" = String, Query, format = DateTime), ("to" = String, Query, format = DateTime), ("agentId" = Option<Uuid>, Query)),
    responses((status = 200, body = List<StatusLogEntryDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn log(
    State(s): State<AppState>,
    Caller(me): Caller,
    query: QueryPairs,
) -> ApiResult<Json<List<StatusLogEntryDto>>> {
    let time = |name: &str| -> ApiResult<chrono::DateTime<chrono::Utc>> {
        query.parse(name, parse_time)?.ok_or_else(|| ApiError::bad_request(format!("Missing query parameter {name}")))
    };
    let (from, to) = (time("from")?, time("to")?);
    let agent = query.parse("agentId", Uuid::parse_str)?;
    let entries = s.service.status_log(&me, agent, from, to, 10_000).await?;
    Ok(Json(List { data: entries.into_iter().map(Into::into).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(board))
        .routes(routes!(log))
        .routes(routes!(get_agent, set_agent))
        .routes(routes!(patch_capacity))
        .routes(routes!(list, create))
        .routes(routes!(get, patch, delete))
}

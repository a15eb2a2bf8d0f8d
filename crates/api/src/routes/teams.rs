//! `/v1/teams`: groups of agents, their members and their presence.

use crate::dto::{Agent, AgentPresence, Data, List, Team};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateTeam {
    pub name: String,
}

#[utoipa::path(post, path = "/v1/teams", tag = "Teams", request_body = CreateTeam,
    responses((status = 201, body = Data<Team>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateTeam>,
) -> ApiResult<(StatusCode, Json<Data<Team>>)> {
    Ok((StatusCode::CREATED, Json(Data { data: s.service.create_team(&me, &b.name).await?.into() })))
}

#[utoipa::path(get, path = "/v1/teams", tag = "Teams", responses((status = 200, body = List<Team>), (status = 403, body = ErrorBody)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<Team>>> {
    Ok(Json(List { data: s.service.teams(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/teams/{teamId}", tag = "Teams", params(("teamId" = Uuid, Path)),
    responses((status = 200, body = Data<Team>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<Team>>> {
    Ok(Json(Data { data: s.service.team(&me, id).await?.into() }))
}

#[utoipa::path(delete, path = "/v1/teams/{teamId}", tag = "Teams", params(("teamId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_team(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TeamAgents {
    pub agent_ids: Vec<Uuid>,
}

/// Adds agents to a team; one unknown agent refuses the whole request.
#[utoipa::path(patch, path = "/v1/teams/{teamId}/agents", tag = "Teams", params(("teamId" = Uuid, Path)), request_body = TeamAgents,
    responses((status = 200, body = List<Agent>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_members(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<TeamAgents>,
) -> ApiResult<Json<List<Agent>>> {
    let members = s.service.add_team_members(&me, id, &b.agent_ids).await?;
    Ok(Json(List { data: members.into_iter().map(Into::into).collect() }))
}

/// The same as the PATCH form, as some Dixa clients send it.
#[utoipa::path(post, path = "/v1/teams/{teamId}/agents", tag = "Teams", params(("teamId" = Uuid, Path)), request_body = TeamAgents,
    responses((status = 200, body = List<Agent>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn add_members_post(
    state: State<AppState>,
    caller: Caller,
    id: PathParams<Uuid>,
    body: JsonBody<TeamAgents>,
) -> ApiResult<Json<List<Agent>>> {
    add_members(state, caller, id, body).await
}

#[utoipa::path(delete, path = "/v1/teams/{teamId}/agents", tag = "Teams", params(("teamId" = Uuid, Path)), request_body = TeamAgents,
    responses((status = 200, body = List<Agent>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_members(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<TeamAgents>,
) -> ApiResult<Json<List<Agent>>> {
    let members = s.service.remove_team_members(&me, id, &b.agent_ids).await?;
    Ok(Json(List { data: members.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/teams/{teamId}/agents", tag = "Teams", params(("teamId" = Uuid, Path)),
    responses((status = 200, body = List<Agent>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn members(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<List<Agent>>> {
    Ok(Json(List { data: s.service.team_members(&me, id).await?.into_iter().map(Into::into).collect() }))
}

/// The presence of the team's agents.
#[utoipa::path(get, path = "/v1/teams/{teamId}/presence", tag = "Teams", params(("teamId" = Uuid, Path)),
    responses((status = 200, body = List<AgentPresence>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn presence(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<List<AgentPresence>>> {
    let now = s.service.clock().now();
    let data = s
        .service
        .team_members(&me, id)
        .await?
        .into_iter()
        .map(|u| AgentPresence::new(u.id, s.service.presence().of(u.id), now))
        .collect();
    Ok(Json(List { data }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get, delete))
        .routes(routes!(add_members, add_members_post, remove_members, members))
        .routes(routes!(presence))
}

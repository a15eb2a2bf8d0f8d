//! `/v1/agents` and `/v1/me`: the users who handle conversations.

use crate::dto::{ts, Agent, AgentPresence, BulkItem, Data, List, Paged, Team};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams, QueryPairs};
use crate::paging;
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde::Serialize;
use switchboard_engine::user::{Role, UserType};
use switchboard_service::agents::{AgentChanges, NewAgent};
use switchboard_service::store::users;
use utoipa::ToSchema;
use uuid::Uuid;

/// The caller (`GET /v1/me`): their record and what the server lets them do, so that clients
/// show what is possible without deriving it from roles themselves.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    #[serde(flatten)]
    pub agent: Agent,
    /// The permissions the caller holds.
    pub permissions: Vec<switchboard_engine::access::Permission>,
    /// Whether they may set other agents' statuses.
    pub may_set_others_status: bool,
    /// Whether they may set their own status (they handle conversations).
    pub may_set_own_status: bool,
    /// Whether they may issue, list and revoke other users' API tokens (their own, always).
    pub may_manage_others_tokens: bool,
    /// Whether they can sign in with a password (else an invite or reset link gives them one).
    pub has_password: bool,
}

impl Me {
    pub fn new(u: users::User, has_password: bool) -> Self {
        use switchboard_engine::access::{may_issue_token, may_set_status, Principal, Rights};
        let p = Principal { user_type: u.user_type, roles: &u.roles };
        let permissions = Rights::of(p).permissions().collect();
        let may_set_others_status = may_set_status(p, false).is_ok();
        let may_set_own_status = may_set_status(p, true).is_ok() && u.user_type.handles_conversations();
        let may_manage_others_tokens = may_issue_token(p, false).is_ok();
        Me {
            agent: u.into(),
            permissions,
            may_set_others_status,
            may_set_own_status,
            may_manage_others_tokens,
            has_password,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateAgent {
    pub display_name: String,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// Agent (default), Admin or Bot.
    pub user_type: Option<UserType>,
    /// Agent, Manager, AnalyticsManager, AccountManager; never both Agent and Manager.
    pub roles: Option<Vec<Role>>,
}

#[utoipa::path(post, path = "/v1/agents", tag = "Agents", request_body = CreateAgent,
    responses((status = 201, body = Data<Agent>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateAgent>,
) -> ApiResult<(StatusCode, Json<Data<Agent>>)> {
    let user = s
        .service
        .create_agent(
            &me,
            NewAgent {
                display_name: b.display_name,
                email: b.email,
                phone_number: b.phone_number,
                first_name: b.first_name,
                last_name: b.last_name,
                user_type: b.user_type,
                roles: b.roles,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Data { data: user.into() })))
}

#[utoipa::path(get, path = "/v1/agents", tag = "Agents",
    params(("pageLimit" = Option<u32>, Query), ("pageKey" = Option<String>, Query)),
    responses((status = 200, body = Paged<Agent>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    query: QueryPairs,
) -> ApiResult<Json<Paged<Agent>>> {
    let limit = paging::page_limit(&query)?;
    let after = paging::decode_time_text_key(&query)?;
    let page = s.service.agents(&me, after, limit).await?;
    let next = page
        .next
        .map(|(t, id)| paging::next_url(&headers, "/v1/agents", &query, paging::encode_key(&[t.to_string(), id])));
    Ok(Json(Paged { data: page.items.into_iter().map(Into::into).collect(), meta: crate::dto::Meta { next } }))
}

#[utoipa::path(get, path = "/v1/agents/{agentId}", tag = "Agents", params(("agentId" = Uuid, Path)),
    responses((status = 200, body = Data<Agent>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<Agent>>> {
    Ok(Json(Data { data: s.service.agent(&me, id).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchAgent {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub roles: Option<Vec<Role>>,
    /// A disabled user can't sign in, be assigned or be named on a conversation.
    pub enabled: Option<bool>,
}

/// Changes the given fields of an agent; an empty string clears an optional one.
#[utoipa::path(patch, path = "/v1/agents/{agentId}", tag = "Agents", params(("agentId" = Uuid, Path)), request_body = PatchAgent,
    responses((status = 200, body = Data<Agent>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<PatchAgent>,
) -> ApiResult<Json<Data<Agent>>> {
    let changes = AgentChanges {
        display_name: b.display_name,
        email: b.email,
        phone_number: b.phone_number,
        first_name: b.first_name,
        last_name: b.last_name,
        roles: b.roles,
        enabled: b.enabled,
    };
    Ok(Json(Data { data: s.service.patch_agent(&me, id, changes).await?.into() }))
}

/// The user the request's token belongs to, with the permissions they hold.
#[utoipa::path(get, path = "/v1/me", tag = "Agents", responses((status = 200, body = Data<Me>), (status = 401, body = ErrorBody)))]
pub async fn me(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<Data<Me>>> {
    let has_password = !s.service.with_password(&[me.id]).await?.is_empty();
    Ok(Json(Data { data: Me::new(me, has_password) }))
}

/// The service's time: clients count SLA deadlines down from it, not from their own clock.
#[utoipa::path(get, path = "/v1/time", tag = "Agents", responses((status = 200, body = Data<crate::dto::ClockNow>), (status = 401, body = ErrorBody)))]
pub async fn time(State(s): State<AppState>, Caller(_me): Caller) -> Json<Data<crate::dto::ClockNow>> {
    Json(Data { data: crate::dto::ClockNow { now: ts(s.service.clock().now()) } })
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkAgents {
    pub data: Vec<CreateAgent>,
}

fn new_agent(b: CreateAgent) -> NewAgent {
    NewAgent {
        display_name: b.display_name,
        email: b.email,
        phone_number: b.phone_number,
        first_name: b.first_name,
        last_name: b.last_name,
        user_type: b.user_type,
        roles: b.roles,
    }
}

/// Creates several agents; each refused item is a BulkActionFailure, the rest are kept.
#[utoipa::path(post, path = "/v1/agents/bulk", tag = "Agents", request_body = BulkAgents,
    responses((status = 200, body = List<BulkItem<Agent>>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_bulk(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<BulkAgents>,
) -> ApiResult<Json<List<BulkItem<Agent>>>> {
    let results = s.service.create_agents(&me, b.data.into_iter().map(new_agent).collect()).await?;
    Ok(Json(List { data: results.into_iter().map(|r| BulkItem::from_result(r.map(Into::into))).collect() }))
}

/// Replaces an agent's details; optional fields left out are cleared.
#[utoipa::path(put, path = "/v1/agents/{agentId}", tag = "Agents", params(("agentId" = Uuid, Path)), request_body = CreateAgent,
    responses((status = 200, body = Data<Agent>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<CreateAgent>,
) -> ApiResult<Json<Data<Agent>>> {
    Ok(Json(Data { data: s.service.replace_agent(&me, id, new_agent(b)).await?.into() }))
}

/// Takes an agent out of service: disabled, removed from queues and teams, tokens revoked.
/// Their conversations and log entries keep naming them.
#[utoipa::path(delete, path = "/v1/agents/{agentId}", tag = "Agents", params(("agentId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_agent(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/agents/{agentId}/presence", tag = "Agents", params(("agentId" = Uuid, Path)),
    responses((status = 200, body = Data<AgentPresence>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn presence(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<AgentPresence>>> {
    let agent = s.service.agent(&me, id).await?;
    Ok(Json(Data { data: AgentPresence::new(agent.id, s.service.presence().of(agent.id), s.service.clock().now()) }))
}

/// The presence of every agent and admin.
#[utoipa::path(get, path = "/v1/agents/presence", tag = "Agents",
    responses((status = 200, body = List<AgentPresence>), (status = 403, body = ErrorBody)))]
pub async fn presence_all(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<AgentPresence>>> {
    let now = s.service.clock().now();
    let members = s.service.queue_members(&me, s.service.default_queue_id()).await?;
    let data =
        members.into_iter().map(|m| AgentPresence::new(m.user_id, s.service.presence().of(m.user_id), now)).collect();
    Ok(Json(List { data }))
}

#[utoipa::path(get, path = "/v1/agents/{agentId}/teams", tag = "Agents", params(("agentId" = Uuid, Path)),
    responses((status = 200, body = List<Team>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn teams(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<List<Team>>> {
    Ok(Json(List { data: s.service.teams_of(&me, id).await?.into_iter().map(Into::into).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(time))
        .routes(routes!(create, list))
        .routes(routes!(get, patch, update, delete))
        .routes(routes!(create_bulk))
        .routes(routes!(presence))
        .routes(routes!(presence_all))
        .routes(routes!(teams))
}

//! `/v1/routes`: the ordered routing rules that send new conversations to queues.

use crate::dto::{ts, Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::conditions::ConditionSpec;
use switchboard_engine::kinds::Priority;
use switchboard_service::routing::{RouteFields, RouteView};
use utoipa::ToSchema;
use uuid::Uuid;

/// A route: where conversations matching its conditions go, and with which priority.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RouteDto {
    pub id: Uuid,
    pub name: String,
    pub enabled: bool,
    /// Its place in the list, from 0; the first enabled route that matches wins.
    pub position: i64,
    /// Condition groups: every condition of a group must hold; one group is enough. No group at
    /// all matches every conversation.
    pub conditions: Vec<Vec<ConditionSpec>>,
    pub queue_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<RouteView> for RouteDto {
    fn from(v: RouteView) -> Self {
        RouteDto {
            id: v.row.id,
            name: v.row.name,
            enabled: v.row.enabled,
            position: v.row.position,
            conditions: v.groups,
            queue_id: v.row.queue_id,
            priority: v.row.priority,
            created_at: ts(v.row.created_at),
            updated_at: ts(v.row.updated_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RouteBody {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub conditions: Option<Vec<Vec<ConditionSpec>>>,
    pub queue_id: Option<Uuid>,
    /// null clears it (the conversation keeps its own priority).
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<Priority>)]
    pub priority: Option<Option<Priority>>,
    /// Where to put a new route (0 is the top); the end by default.
    pub position: Option<usize>,
}

impl RouteBody {
    fn fields(self) -> (RouteFields, Option<usize>) {
        let position = self.position;
        (
            RouteFields {
                name: self.name,
                enabled: self.enabled,
                groups: self.conditions,
                queue_id: self.queue_id,
                priority: self.priority,
            },
            position,
        )
    }
}

#[utoipa::path(post, path = "/v1/routes", tag = "Routing", request_body = RouteBody,
    responses((status = 201, body = Data<RouteDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<RouteBody>,
) -> ApiResult<(StatusCode, Json<Data<RouteDto>>)> {
    let (fields, position) = b.fields();
    let r = s.service.create_route(&me, fields, position).await?;
    Ok((StatusCode::CREATED, Json(Data { data: r.into() })))
}

/// Every route, in routing order.
#[utoipa::path(get, path = "/v1/routes", tag = "Routing", responses((status = 200, body = List<RouteDto>), (status = 403, body = ErrorBody)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<RouteDto>>> {
    Ok(Json(List { data: s.service.routes(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/routes/{routeId}", tag = "Routing", params(("routeId" = Uuid, Path)),
    responses((status = 200, body = Data<RouteDto>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<RouteDto>>> {
    Ok(Json(Data { data: s.service.route_by_id(&me, id).await?.into() }))
}

#[utoipa::path(patch, path = "/v1/routes/{routeId}", tag = "Routing", params(("routeId" = Uuid, Path)), request_body = RouteBody,
    responses((status = 200, body = Data<RouteDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<RouteBody>,
) -> ApiResult<Json<Data<RouteDto>>> {
    let (fields, position) = b.fields();
    let r = s.service.update_route(&me, id, fields).await?;
    if let Some(p) = position {
        s.service.move_route(&me, id, p).await?;
        return Ok(Json(Data { data: s.service.route_by_id(&me, id).await?.into() }));
    }
    Ok(Json(Data { data: r.into() }))
}

#[utoipa::path(delete, path = "/v1/routes/{routeId}", tag = "Routing", params(("routeId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_route(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Position {
    /// 0 sends the route to the top; past the end puts it last.
    pub position: usize,
}

/// Moves a route in the list (drag and drop, "send to top").
#[utoipa::path(put, path = "/v1/routes/{routeId}/position", tag = "Routing", params(("routeId" = Uuid, Path)), request_body = Position,
    responses((status = 200, body = List<RouteDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn position(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<Position>,
) -> ApiResult<Json<List<RouteDto>>> {
    let all = s.service.move_route(&me, id, b.position).await?;
    Ok(Json(List { data: all.into_iter().map(Into::into).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(create, list)).routes(routes!(get, patch, delete)).routes(routes!(position))
}

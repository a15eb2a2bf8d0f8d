//! `/v1/tags`: the labels that may be put on conversations.

use crate::dto::{Data, List, Tag};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use switchboard_engine::kinds::TagState;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateTag {
    pub name: String,
    /// `#RRGGBB`.
    pub color: Option<String>,
}

#[utoipa::path(post, path = "/v1/tags", tag = "Tags", request_body = CreateTag,
    responses((status = 201, body = Data<Tag>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateTag>,
) -> ApiResult<(StatusCode, Json<Data<Tag>>)> {
    let tag = s.service.create_tag(&me, &b.name, b.color).await?;
    Ok((StatusCode::CREATED, Json(Data { data: tag.into() })))
}

#[utoipa::path(get, path = "/v1/tags", tag = "Tags", responses((status = 200, body = List<Tag>)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<Tag>>> {
    Ok(Json(List { data: s.service.tags(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/tags/{tagId}", tag = "Tags", params(("tagId" = Uuid, Path)),
    responses((status = 200, body = Data<Tag>), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<Tag>>> {
    Ok(Json(Data { data: s.service.tag(&me, id).await?.into() }))
}

#[utoipa::path(patch, path = "/v1/tags/{tagId}/activate", tag = "Tags", params(("tagId" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn activate(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.set_tag_state(&me, id, TagState::Active).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(patch, path = "/v1/tags/{tagId}/deactivate", tag = "Tags", params(("tagId" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn deactivate(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.set_tag_state(&me, id, TagState::Inactive).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get))
        .routes(routes!(activate))
        .routes(routes!(deactivate))
}

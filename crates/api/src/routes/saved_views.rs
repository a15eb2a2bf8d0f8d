//! `/v1/me/views`: the caller's saved inbox views (a name and the list's query string).

use crate::dto::{Data, List};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams, QueryPairs};
use crate::routes::conversations::list_filter;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_service::store::saved_views::SavedView;
use utoipa::ToSchema;
use uuid::Uuid;

/// A saved view.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ViewDto {
    pub id: Uuid,
    pub name: String,
    /// The list's filters and order as `GET /v1/conversations` takes them (`status=Open&sort=Priority`).
    pub query: String,
}

impl From<SavedView> for ViewDto {
    fn from(v: SavedView) -> Self {
        ViewDto { id: v.id, name: v.name, query: v.query }
    }
}

/// A view to save.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ViewBody {
    #[schema(max_length = 60)]
    pub name: String,
    #[schema(max_length = 2000)]
    pub query: String,
}

/// A change; fields left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ViewPatch {
    pub name: Option<String>,
    pub query: Option<String>,
}

/// Checks a query as the list would read it, and keeps it without paging.
fn checked_query(query: &str) -> ApiResult<String> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .into_owned()
        .filter(|(k, _)| k != "pageKey" && k != "pageLimit")
        .collect();
    list_filter(&QueryPairs(pairs.clone()))
        .map_err(|e| ApiError::bad_request(format!("Invalid value for: body, query: {}", e.message)))?;
    Ok(form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish())
}

/// The caller's views, in their order.
#[utoipa::path(get, path = "/v1/me/views", tag = "Conversations",
    responses((status = 200, body = List<ViewDto>), (status = 403, body = ErrorBody)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<ViewDto>>> {
    let data = s.service.saved_views(&me).await?.into_iter().map(Into::into).collect();
    Ok(Json(List { data }))
}

/// Saves a view at the end of the caller's list (names are the caller's own, any case).
#[utoipa::path(post, path = "/v1/me/views", tag = "Conversations", request_body = ViewBody,
    responses((status = 201, body = Data<ViewDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<ViewBody>,
) -> ApiResult<(StatusCode, Json<Data<ViewDto>>)> {
    let query = checked_query(&b.query)?;
    let view = s.service.save_view(&me, &b.name, query).await?;
    Ok((StatusCode::CREATED, Json(Data { data: view.into() })))
}

#[utoipa::path(patch, path = "/v1/me/views/{viewId}", tag = "Conversations", params(("viewId" = Uuid, Path)),
    request_body = ViewPatch,
    responses((status = 200, body = Data<ViewDto>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<ViewPatch>,
) -> ApiResult<Json<Data<ViewDto>>> {
    let query = b.query.as_deref().map(checked_query).transpose()?;
    let view = s.service.change_view(&me, id, b.name.as_deref(), query).await?;
    Ok(Json(Data { data: view.into() }))
}

#[utoipa::path(delete, path = "/v1/me/views/{viewId}", tag = "Conversations", params(("viewId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_view(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(list, create)).routes(routes!(patch, delete))
}

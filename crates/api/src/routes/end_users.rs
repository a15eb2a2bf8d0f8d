//! `/v1/endusers`: the customers (requesters) of conversations.

use crate::dto::{Data, EndUser, Meta, Paged};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{JsonBody, PathParams, QueryPairs};
use crate::paging;
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use switchboard_service::directory::EndUserFields;
use switchboard_service::store::end_users::Filter;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EndUserBody {
    pub display_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub external_id: Option<String>,
}

impl From<EndUserBody> for EndUserFields {
    fn from(b: EndUserBody) -> Self {
        EndUserFields {
            display_name: b.display_name,
            first_name: b.first_name,
            last_name: b.last_name,
            email: b.email,
            phone_number: b.phone_number,
            external_id: b.external_id,
        }
    }
}

#[utoipa::path(post, path = "/v1/endusers", tag = "End users", request_body = EndUserBody,
    responses((status = 201, body = Data<EndUser>), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    JsonBody(b): JsonBody<EndUserBody>,
) -> ApiResult<(StatusCode, Json<Data<EndUser>>)> {
    let user = s.service.create_end_user(b.into()).await?;
    Ok((StatusCode::CREATED, Json(Data { data: user.into() })))
}

#[utoipa::path(get, path = "/v1/endusers", tag = "End users",
    params(("email" = Option<String>, Query), ("phone" = Option<String>, Query), ("externalId" = Option<String>, Query),
        ("pageLimit" = Option<u32>, Query), ("pageKey" = Option<String>, Query)),
    responses((status = 200, body = Paged<EndUser>), (status = 400, body = ErrorBody)))]
pub async fn list(State(s): State<AppState>, headers: HeaderMap, query: QueryPairs) -> ApiResult<Json<Paged<EndUser>>> {
    let limit = paging::page_limit(&query)?;
    let after = paging::decode_time_text_key(&query)?;
    let filter = Filter {
        email: query.one("email").map(str::to_owned),
        phone_number: query.one("phone").or(query.one("phoneNumber")).map(str::to_owned),
        external_id: query.one("externalId").map(str::to_owned),
    };
    let page = s.service.end_users(&filter, after, limit).await?;
    let next = page
        .next
        .map(|(t, id)| paging::next_url(&headers, "/v1/endusers", &query, paging::encode_key(&[t.to_string(), id])));
    Ok(Json(Paged { data: page.items.into_iter().map(Into::into).collect(), meta: Meta { next } }))
}

#[utoipa::path(get, path = "/v1/endusers/{userId}", tag = "End users", params(("userId" = Uuid, Path)),
    responses((status = 200, body = Data<EndUser>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(State(s): State<AppState>, PathParams(id): PathParams<Uuid>) -> ApiResult<Json<Data<EndUser>>> {
    Ok(Json(Data { data: s.service.end_user(id).await?.into() }))
}

/// Changes the given fields; an empty string clears one.
#[utoipa::path(patch, path = "/v1/endusers/{userId}", tag = "End users", params(("userId" = Uuid, Path)), request_body = EndUserBody,
    responses((status = 200, body = Data<EndUser>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<EndUserBody>,
) -> ApiResult<Json<Data<EndUser>>> {
    Ok(Json(Data { data: s.service.patch_end_user(id, b.into()).await?.into() }))
}

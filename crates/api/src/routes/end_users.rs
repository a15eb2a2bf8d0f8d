//! `/v1/endusers`: the customers (requesters) of conversations.

use crate::dto::{AttributeValueDto, BulkItem, Data, EndUser, List, Meta, Paged};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams, QueryPairs};
use crate::paging;
use crate::routes::conversations::Conversation;
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use switchboard_service::end_users::EndUserFields;
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
    /// Standard person attributes to set: address, birthDate (YYYY-MM-DD), city, country,
    /// gender (Male or Female), tags (a list), middleName, nickName, preferredService, type,
    /// integrations, modifiedFrom. Null clears one; those left out stay.
    #[schema(value_type = Option<Object>)]
    pub person: Option<serde_json::Map<String, serde_json::Value>>,
    /// The company the person belongs to; null takes them out of it.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub company_id: Option<Option<Uuid>>,
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
            person: b.person,
            company_id: b.company_id,
        }
    }
}

#[utoipa::path(post, path = "/v1/endusers", tag = "End users", request_body = EndUserBody,
    responses((status = 201, body = Data<EndUser>), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<EndUserBody>,
) -> ApiResult<(StatusCode, Json<Data<EndUser>>)> {
    let user = s.service.create_end_user(&me, b.into()).await?;
    Ok((StatusCode::CREATED, Json(Data { data: user.into() })))
}

#[utoipa::path(get, path = "/v1/endusers", tag = "End users",
    params(("email" = Option<String>, Query), ("phone" = Option<String>, Query), ("externalId" = Option<String>, Query),
        ("companyId" = Option<Uuid>, Query), ("pageLimit" = Option<u32>, Query), ("pageKey" = Option<String>, Query)),
    responses((status = 200, body = Paged<EndUser>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    query: QueryPairs,
) -> ApiResult<Json<Paged<EndUser>>> {
    let limit = paging::page_limit(&query)?;
    let after = paging::decode_time_text_key(&query)?;
    let filter = Filter {
        company_id: query.parse("companyId", Uuid::parse_str)?,
        email: query.one("email").map(str::to_owned),
        phone_number: query.one("phone").or(query.one("phoneNumber")).map(str::to_owned),
        external_id: query.one("externalId").map(str::to_owned),
    };
    let page = s.service.end_users(&me, &filter, after, limit).await?;
    let next = page
        .next
        .map(|(t, id)| paging::next_url(&headers, "/v1/endusers", &query, paging::encode_key(&[t.to_string(), id])));
    Ok(Json(Paged { data: page.items.into_iter().map(Into::into).collect(), meta: Meta { next } }))
}

#[utoipa::path(get, path = "/v1/endusers/{userId}", tag = "End users", params(("userId" = Uuid, Path)),
    responses((status = 200, body = Data<EndUser>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<EndUser>>> {
    Ok(Json(Data { data: s.service.end_user(&me, id).await?.into() }))
}

/// Changes the given fields; an empty string clears one.
#[utoipa::path(patch, path = "/v1/endusers/{userId}", tag = "End users", params(("userId" = Uuid, Path)), request_body = EndUserBody,
    responses((status = 200, body = Data<EndUser>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<EndUserBody>,
) -> ApiResult<Json<Data<EndUser>>> {
    Ok(Json(Data { data: s.service.patch_end_user(&me, id, b.into()).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkEndUsers {
    pub data: Vec<EndUserBody>,
}

/// Creates several end users; each refused item is a BulkActionFailure, the rest are kept.
#[utoipa::path(post, path = "/v1/endusers/bulk", tag = "End users", request_body = BulkEndUsers,
    responses((status = 200, body = List<BulkItem<EndUser>>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create_bulk(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<BulkEndUsers>,
) -> ApiResult<Json<List<BulkItem<EndUser>>>> {
    let results = s.service.create_end_users(&me, b.data.into_iter().map(Into::into).collect()).await?;
    Ok(Json(List { data: results.into_iter().map(|r| BulkItem::from_result(r.map(Into::into))).collect() }))
}

/// One item of a bulk patch: the end user's id and the fields to change.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EndUserPatch {
    pub id: Uuid,
    #[serde(flatten)]
    pub fields: EndUserBody,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkEndUserPatches {
    pub data: Vec<EndUserPatch>,
}

/// Patches several end users; each refused item is a BulkActionFailure, the rest are kept.
#[utoipa::path(patch, path = "/v1/endusers/bulk", tag = "End users", request_body = BulkEndUserPatches,
    responses((status = 200, body = List<BulkItem<EndUser>>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn patch_bulk(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<BulkEndUserPatches>,
) -> ApiResult<Json<List<BulkItem<EndUser>>>> {
    let results = s.service.patch_end_users(&me, b.data.into_iter().map(|p| (p.id, p.fields.into())).collect()).await?;
    Ok(Json(List { data: results.into_iter().map(|r| BulkItem::from_result(r.map(Into::into))).collect() }))
}

/// Replaces an end user's details; fields left out are cleared.
#[utoipa::path(put, path = "/v1/endusers/{userId}", tag = "End users", params(("userId" = Uuid, Path)), request_body = EndUserBody,
    responses((status = 200, body = Data<EndUser>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<EndUserBody>,
) -> ApiResult<Json<Data<EndUser>>> {
    Ok(Json(Data { data: s.service.replace_end_user(&me, id, b.into()).await?.into() }))
}

/// The end user's conversations (within the caller's reach), latest activity first.
#[utoipa::path(get, path = "/v1/endusers/{userId}/conversations", tag = "End users", params(("userId" = Uuid, Path), ("pageLimit" = Option<u32>, Query), ("pageKey" = Option<String>, Query)),
    responses((status = 200, body = Paged<Conversation>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn conversations(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    PathParams(id): PathParams<Uuid>,
    query: QueryPairs,
) -> ApiResult<Json<Paged<Conversation>>> {
    let limit = paging::page_limit(&query)?;
    let after = paging::decode_time_int_key(&query)?;
    let page = s.service.end_user_conversations(&me, id, after, limit).await?;
    let path = format!("/v1/endusers/{id}/conversations");
    let next = page
        .next
        .map(|(t, c)| paging::next_url(&headers, &path, &query, paging::encode_key(&[t.to_string(), c.to_string()])));
    Ok(Json(Paged { data: page.items.into_iter().map(Into::into).collect(), meta: Meta { next } }))
}

/// Sets custom attribute values (Contact attributes): ids to values, null clears.
#[utoipa::path(patch, path = "/v1/endusers/{userId}/custom-attributes", tag = "End users", params(("userId" = Uuid, Path)), request_body = Object,
    responses((status = 200, body = List<AttributeValueDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn patch_attributes(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<std::collections::BTreeMap<Uuid, Option<switchboard_engine::attributes::AttributeValue>>>,
) -> ApiResult<Json<List<AttributeValueDto>>> {
    let values = s.service.patch_end_user_attributes(&me, id, b).await?;
    Ok(Json(List { data: values.into_iter().map(Into::into).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(create_bulk, patch_bulk))
        .routes(routes!(conversations))
        .routes(routes!(patch_attributes))
        .routes(routes!(create, list))
        .routes(routes!(get, patch, update))
}

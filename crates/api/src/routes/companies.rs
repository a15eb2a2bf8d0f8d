//! `/v1/companies`: the companies customers belong to, with the standard company attributes.

use crate::dto::{ts, AttributeValueDto, Data, EndUser, List, Meta, Paged};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams, QueryPairs};
use crate::paging;
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Serialize;
use switchboard_engine::people::CompanyDetails;
use switchboard_service::store::companies;
use utoipa::ToSchema;
use uuid::Uuid;

/// A company: its id and its attributes (accountManager, country, customerStage, domains,
/// externalId, industry, name, notes, segment, tags, vatNumber).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    pub id: Uuid,
    #[serde(flatten)]
    pub details: CompanyDetails,
    pub created_at: String,
    pub updated_at: String,
}

impl From<companies::Company> for Company {
    fn from(c: companies::Company) -> Self {
        Company { id: c.id, details: c.details, created_at: ts(c.created_at), updated_at: ts(c.updated_at) }
    }
}

#[utoipa::path(post, path = "/v1/companies", tag = "Companies", request_body = CompanyDetails,
    responses((status = 201, body = Data<Company>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CompanyDetails>,
) -> ApiResult<(StatusCode, Json<Data<Company>>)> {
    Ok((StatusCode::CREATED, Json(Data { data: s.service.create_company(&me, b).await?.into() })))
}

#[utoipa::path(get, path = "/v1/companies", tag = "Companies",
    params(("pageLimit" = Option<u32>, Query), ("pageKey" = Option<String>, Query)),
    responses((status = 200, body = Paged<Company>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    query: QueryPairs,
) -> ApiResult<Json<Paged<Company>>> {
    let limit = paging::page_limit(&query)?;
    let after = paging::decode_text_pair_key(&query)?;
    let page = s.service.companies(&me, after, limit).await?;
    let next = page
        .next
        .map(|(name, id)| paging::next_url(&headers, "/v1/companies", &query, paging::encode_key(&[name, id])));
    Ok(Json(Paged { data: page.items.into_iter().map(Into::into).collect(), meta: Meta { next } }))
}

#[utoipa::path(get, path = "/v1/companies/{companyId}", tag = "Companies", params(("companyId" = Uuid, Path)),
    responses((status = 200, body = Data<Company>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<Company>>> {
    Ok(Json(Data { data: s.service.company(&me, id).await?.into() }))
}

/// Sets the attributes given (null clears one; the name can't be cleared); the rest stay.
#[utoipa::path(patch, path = "/v1/companies/{companyId}", tag = "Companies", params(("companyId" = Uuid, Path)),
    request_body = Object,
    responses((status = 200, body = Data<Company>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<serde_json::Map<String, serde_json::Value>>,
) -> ApiResult<Json<Data<Company>>> {
    Ok(Json(Data { data: s.service.patch_company(&me, id, &b).await?.into() }))
}

/// Deletes a company; its people stay, in no company.
#[utoipa::path(delete, path = "/v1/companies/{companyId}", tag = "Companies", params(("companyId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_company(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The people of a company (at most 1,000).
#[utoipa::path(get, path = "/v1/companies/{companyId}/endusers", tag = "Companies", params(("companyId" = Uuid, Path)),
    responses((status = 200, body = List<EndUser>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn people(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<List<EndUser>>> {
    Ok(Json(List { data: s.service.company_people(&me, id, 1000).await?.into_iter().map(Into::into).collect() }))
}

/// A company's custom attribute values (Company attributes).
#[utoipa::path(get, path = "/v1/companies/{companyId}/custom-attributes", tag = "Companies", params(("companyId" = Uuid, Path)),
    responses((status = 200, body = List<AttributeValueDto>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn attributes(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<List<AttributeValueDto>>> {
    Ok(Json(List { data: s.service.company_attributes(&me, id).await?.into_iter().map(Into::into).collect() }))
}

/// Sets custom attribute values (Company attributes): ids to values, null clears; all or nothing.
#[utoipa::path(patch, path = "/v1/companies/{companyId}/custom-attributes", tag = "Companies", params(("companyId" = Uuid, Path)),
    request_body = Object,
    responses((status = 200, body = List<AttributeValueDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn patch_attributes(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<std::collections::BTreeMap<Uuid, Option<switchboard_engine::attributes::AttributeValue>>>,
) -> ApiResult<Json<List<AttributeValueDto>>> {
    let values = s.service.patch_company_attributes(&me, id, b).await?;
    Ok(Json(List { data: values.into_iter().map(Into::into).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get, patch, delete))
        .routes(routes!(people))
        .routes(routes!(attributes, patch_attributes))
}

//! `/v1/contact-endpoints`: the addresses, numbers and widgets customers reach the center on.

use crate::dto::ts;
use crate::dto::{Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde::Serialize;
use switchboard_engine::kinds::EndpointKind;
use switchboard_service::store::contact_endpoints;
use utoipa::ToSchema;

/// A contact endpoint: an email address, a phone number or a chat widget.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactEndpoint {
    pub id: String,
    /// The address, number or widget id (the same as `id`).
    pub address: String,
    pub name: String,
    #[serde(rename = "_type")]
    pub kind: EndpointKind,
    pub created_at: String,
}

impl From<contact_endpoints::ContactEndpoint> for ContactEndpoint {
    fn from(e: contact_endpoints::ContactEndpoint) -> Self {
        ContactEndpoint { address: e.id.clone(), id: e.id, name: e.name, kind: e.kind, created_at: ts(e.created_at) }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateEndpoint {
    /// Email, Phone or Widget.
    #[serde(rename = "_type")]
    pub kind: EndpointKind,
    /// The email address, the phone number (E.164) or the widget id.
    pub address: String,
    pub name: Option<String>,
}

/// Adds a contact endpoint; one flow per channel it serves is created with it.
#[utoipa::path(post, path = "/v1/contact-endpoints", tag = "Contact endpoints", request_body = CreateEndpoint,
    responses((status = 201, body = Data<ContactEndpoint>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateEndpoint>,
) -> ApiResult<(StatusCode, Json<Data<ContactEndpoint>>)> {
    let (e, _) = s.service.create_contact_endpoint(&me, b.kind, &b.address, b.name).await?;
    Ok((StatusCode::CREATED, Json(Data { data: e.into() })))
}

#[utoipa::path(get, path = "/v1/contact-endpoints", tag = "Contact endpoints", responses((status = 200, body = List<ContactEndpoint>)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<ContactEndpoint>>> {
    Ok(Json(List { data: s.service.contact_endpoints(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/contact-endpoints/{contactEndpointId}", tag = "Contact endpoints", params(("contactEndpointId" = String, Path)),
    responses((status = 200, body = Data<ContactEndpoint>), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<String>,
) -> ApiResult<Json<Data<ContactEndpoint>>> {
    Ok(Json(Data { data: s.service.contact_endpoint(&me, &id).await?.into() }))
}

#[utoipa::path(delete, path = "/v1/contact-endpoints/{contactEndpointId}", tag = "Contact endpoints", params(("contactEndpointId" = String, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<String>,
) -> ApiResult<StatusCode> {
    s.service.delete_contact_endpoint(&me, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(create, list)).routes(routes!(get, delete))
}

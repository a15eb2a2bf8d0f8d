//! `/v1/custom-attributes` and a conversation's custom attribute values.

use crate::dto::ts;
use crate::dto::{AttributeValueDto, Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde::Serialize;
use std::collections::BTreeMap;
use switchboard_engine::attributes::{AttributeEntity, AttributeKind, AttributeValue};
use switchboard_service::attributes::NewAttribute;
use switchboard_service::store::custom_attributes;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct AttributeOption {
    pub value: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InputDefinition {
    #[serde(rename = "_type")]
    pub kind: AttributeKind,
    pub options: Vec<AttributeOption>,
}

/// A custom attribute definition.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CustomAttribute {
    pub id: Uuid,
    pub entity_type: AttributeEntity,
    pub identifier: String,
    pub label: String,
    pub input_definition: InputDefinition,
    pub is_archived: bool,
    pub created_at: String,
}

impl From<custom_attributes::Definition> for CustomAttribute {
    fn from(d: custom_attributes::Definition) -> Self {
        CustomAttribute {
            id: d.id,
            entity_type: d.entity,
            identifier: d.identifier,
            label: d.name,
            input_definition: InputDefinition {
                kind: d.kind,
                options: d.options.into_iter().map(|value| AttributeOption { value }).collect(),
            },
            is_archived: d.archived,
            created_at: ts(d.created_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateAttribute {
    /// Conversation, Contact (end user) or Company.
    pub entity_type: AttributeEntity,
    /// Lower-case letters, digits and `_`; unique per entity type.
    pub identifier: String,
    pub label: String,
    /// Text or Select.
    #[serde(rename = "_type")]
    pub kind: AttributeKind,
    /// The options of a Select.
    #[serde(default)]
    pub options: Vec<String>,
}

#[utoipa::path(post, path = "/v1/custom-attributes", tag = "Custom attributes", request_body = CreateAttribute,
    responses((status = 201, body = Data<CustomAttribute>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateAttribute>,
) -> ApiResult<(StatusCode, Json<Data<CustomAttribute>>)> {
    let d = s
        .service
        .create_attribute(
            &me,
            NewAttribute {
                entity: b.entity_type,
                identifier: b.identifier,
                name: b.label,
                kind: b.kind,
                options: b.options,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(Data { data: d.into() })))
}

#[utoipa::path(get, path = "/v1/custom-attributes", tag = "Custom attributes", responses((status = 200, body = List<CustomAttribute>)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<CustomAttribute>>> {
    Ok(Json(List { data: s.service.attributes(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/custom-attributes/{attributeId}", tag = "Custom attributes", params(("attributeId" = Uuid, Path)),
    responses((status = 200, body = Data<CustomAttribute>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<CustomAttribute>>> {
    Ok(Json(Data { data: s.service.attribute(&me, id).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchAttribute {
    pub is_archived: bool,
}

/// Archives (or restores) an attribute; archived ones keep their values but take no new ones.
#[utoipa::path(patch, path = "/v1/custom-attributes/{attributeId}", tag = "Custom attributes", params(("attributeId" = Uuid, Path)),
    request_body = PatchAttribute,
    responses((status = 200, body = Data<CustomAttribute>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<PatchAttribute>,
) -> ApiResult<Json<Data<CustomAttribute>>> {
    Ok(Json(Data { data: s.service.archive_attribute(&me, id, b.is_archived).await?.into() }))
}

/// Maps attribute ids to values: a string for Text, a list of options for Select, null to clear.
#[utoipa::path(patch, path = "/v1/conversations/{conversationId}/custom-attributes", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = Object,
    responses((status = 200, body = List<AttributeValueDto>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch_conversation(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<BTreeMap<Uuid, Option<AttributeValue>>>,
) -> ApiResult<Json<List<AttributeValueDto>>> {
    let values = s.service.patch_conversation_attributes(&me, id, b).await?;
    Ok(Json(List { data: values.into_iter().map(Into::into).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(create, list)).routes(routes!(get, patch)).routes(routes!(patch_conversation))
}

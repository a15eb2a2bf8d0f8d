//! `GET/PATCH /v1/me/preferences`: the caller's own choices, which follow them to every window.

use crate::dto::Data;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_service::preferences::{Preferences, PreferencesChange};
use utoipa::ToSchema;

/// The caller's choices.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesDto {
    /// The new-work sound is off for this user in every window (notifications still show).
    pub sound_muted: bool,
}

impl From<Preferences> for PreferencesDto {
    fn from(p: Preferences) -> Self {
        PreferencesDto { sound_muted: p.sound_muted }
    }
}

/// A change; fields left out keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesBody {
    pub sound_muted: Option<bool>,
}

/// The caller's own choices.
#[utoipa::path(get, path = "/v1/me/preferences", tag = "Agents",
    responses((status = 200, body = Data<PreferencesDto>), (status = 401, body = ErrorBody)))]
pub async fn get(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<Data<PreferencesDto>>> {
    Ok(Json(Data { data: s.service.preferences(&me).await?.into() }))
}

/// Changes the caller's own choices.
#[utoipa::path(patch, path = "/v1/me/preferences", tag = "Agents", request_body = PreferencesBody,
    responses((status = 200, body = Data<PreferencesDto>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<PreferencesBody>,
) -> ApiResult<Json<Data<PreferencesDto>>> {
    let change = PreferencesChange { sound_muted: b.sound_muted };
    Ok(Json(Data { data: s.service.set_preferences(&me, change).await?.into() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(get, patch))
}

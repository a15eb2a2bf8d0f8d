//! `/v1/settings`: installation-wide settings (capacity, counted statuses, senders per queue, handling).

use crate::dto::Data;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody};
use crate::routes::statuses::CapacityDto;
use crate::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::capacity::{CountedStatuses, PartialCapacity};
use switchboard_engine::handling::HandlingSettings;
use switchboard_service::capacity::CapacitySettings;
use utoipa::ToSchema;

/// Whether Waiting and Solved conversations occupy their agent (Open always does).
#[derive(Debug, Serialize, Deserialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "camelCase")]
pub struct CountedStatusesDto {
    pub waiting: bool,
    pub solved: bool,
}

/// Default capacity per channel group (an agent's own capacity comes first) and the
/// conversation statuses that count toward capacity.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CapacitySettingsDto {
    pub defaults: CapacityDto,
    pub counted_statuses: CountedStatusesDto,
}

impl From<CapacitySettings> for CapacitySettingsDto {
    fn from(c: CapacitySettings) -> Self {
        CapacitySettingsDto {
            defaults: c.defaults.into(),
            counted_statuses: CountedStatusesDto { waiting: c.counted.waiting, solved: c.counted.solved },
        }
    }
}

#[utoipa::path(get, path = "/v1/settings/capacity", tag = "Settings",
    responses((status = 200, body = Data<CapacitySettingsDto>)))]
pub async fn capacity(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<Data<CapacitySettingsDto>>> {
    Ok(Json(Data { data: s.service.capacity_settings(&me).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DefaultCapacityChanges {
    pub email: Option<u32>,
    pub live_messaging: Option<u32>,
    pub live_chat: Option<u32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchCapacitySettings {
    pub defaults: Option<DefaultCapacityChanges>,
    pub counted_statuses: Option<CountedStatusesDto>,
}

/// Changes default capacities or counted statuses; waiting work is offered again to everyone.
#[utoipa::path(patch, path = "/v1/settings/capacity", tag = "Settings", request_body = PatchCapacitySettings,
    responses((status = 200, body = Data<CapacitySettingsDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn patch_capacity(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<PatchCapacitySettings>,
) -> ApiResult<Json<Data<CapacitySettingsDto>>> {
    let defaults = b
        .defaults
        .map(|d| PartialCapacity { email: d.email, live_messaging: d.live_messaging, live_chat: d.live_chat })
        .unwrap_or_default();
    let counted = b.counted_statuses.map(|c| CountedStatuses { waiting: c.waiting, solved: c.solved });
    Ok(Json(Data { data: s.service.update_capacity_settings(&me, defaults, counted).await?.into() }))
}

/// Counted statuses back to the default: Open and Waiting count, Solved doesn't.
#[utoipa::path(post, path = "/v1/settings/capacity/reset", tag = "Settings",
    responses((status = 200, body = Data<CapacitySettingsDto>), (status = 403, body = ErrorBody)))]
pub async fn reset_capacity(
    State(s): State<AppState>,
    Caller(me): Caller,
) -> ApiResult<Json<Data<CapacitySettingsDto>>> {
    Ok(Json(Data { data: s.service.reset_counted_statuses(&me).await?.into() }))
}

/// "Select senders for each queue": while on, queues' senders feed the Sender Queues routing
/// condition.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SendersSettings {
    pub per_queue: bool,
}

#[utoipa::path(get, path = "/v1/settings/senders", tag = "Settings", responses((status = 200, body = Data<SendersSettings>)))]
pub async fn senders(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<Data<SendersSettings>>> {
    Ok(Json(Data { data: SendersSettings { per_queue: s.service.senders_per_queue(&me).await? } }))
}

#[utoipa::path(put, path = "/v1/settings/senders", tag = "Settings", request_body = SendersSettings,
    responses((status = 200, body = Data<SendersSettings>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn set_senders(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<SendersSettings>,
) -> ApiResult<Json<Data<SendersSettings>>> {
    Ok(Json(Data { data: SendersSettings { per_queue: s.service.set_senders_per_queue(&me, b.per_queue).await? } }))
}

/// The private hosts and networks outbound calls (webhooks, bots, workflow calls) may reach.
/// Public addresses are always allowed; a cloud metadata address and this installation's own
/// API port never are.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OutboundSettings {
    /// Host names (`crm.lan`), addresses (`192.168.1.20`) or networks (`10.0.0.0/8`).
    #[schema(max_items = 100)]
    pub allowed_private_hosts: Vec<String>,
}

#[utoipa::path(get, path = "/v1/settings/outbound", tag = "Settings",
    responses((status = 200, body = Data<OutboundSettings>)))]
pub async fn outbound(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<Data<OutboundSettings>>> {
    let allowed_private_hosts = s.service.outbound_allowed(&me).await?;
    Ok(Json(Data { data: OutboundSettings { allowed_private_hosts } }))
}

/// Replaces the list; one entry that is not a host, an address or a network refuses it whole.
#[utoipa::path(put, path = "/v1/settings/outbound", tag = "Settings", request_body = OutboundSettings,
    responses((status = 200, body = Data<OutboundSettings>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn set_outbound(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<OutboundSettings>,
) -> ApiResult<Json<Data<OutboundSettings>>> {
    let allowed_private_hosts = s.service.set_outbound_allowed(&me, b.allowed_private_hosts).await?;
    Ok(Json(Data { data: OutboundSettings { allowed_private_hosts } }))
}

/// How agents pick up conversations: with `assignOnReply` (on by default), an agent who replies
/// to an unassigned conversation takes it.
#[utoipa::path(get, path = "/v1/settings/handling", tag = "Settings",
    responses((status = 200, body = Data<HandlingSettings>), (status = 403, body = ErrorBody)))]
pub async fn handling(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<Data<HandlingSettings>>> {
    Ok(Json(Data { data: s.service.handling_settings(&me).await? }))
}

#[utoipa::path(put, path = "/v1/settings/handling", tag = "Settings", request_body = HandlingSettings,
    responses((status = 200, body = Data<HandlingSettings>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn set_handling(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<HandlingSettings>,
) -> ApiResult<Json<Data<HandlingSettings>>> {
    Ok(Json(Data { data: s.service.set_handling_settings(&me, b).await? }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(capacity, patch_capacity))
        .routes(routes!(reset_capacity))
        .routes(routes!(senders, set_senders))
        .routes(routes!(outbound, set_outbound))
        .routes(routes!(handling, set_handling))
}

//! `/v1/webhooks`: subscriptions to events, with their delivery statuses and logs.

use crate::dto::{ts, Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams, QueryPairs};
use crate::paging;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_service::store::webhooks::{Attempt, Delivery, Subscription};
use switchboard_service::webhooks::SubscriptionFields;
use utoipa::ToSchema;
use uuid::Uuid;

/// A webhook subscription. The secret is shown only when the subscription is created.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSubscription {
    pub id: Uuid,
    pub name: String,
    pub url: String,
    /// Event names; empty means all of the format's events.
    pub events: Vec<String>,
    /// Dixa (conversation events) or Interaction (AGENT_JOINED, TEXT, AGENT_LEFT).
    pub format: String,
    pub enabled: bool,
    /// Signs deliveries: `X-Switchboard-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

fn dto(s: Subscription, show_secret: bool) -> WebhookSubscription {
    WebhookSubscription {
        id: s.id,
        name: s.name,
        url: s.url,
        events: s.events,
        format: s.format,
        enabled: s.enabled,
        secret: show_secret.then_some(s.secret),
        created_at: ts(s.created_at),
        updated_at: ts(s.updated_at),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionBody {
    pub name: Option<String>,
    pub url: Option<String>,
    /// At least 16 characters; generated when left out on create.
    pub secret: Option<String>,
    pub events: Option<Vec<String>>,
    pub format: Option<String>,
    pub enabled: Option<bool>,
}

impl From<SubscriptionBody> for SubscriptionFields {
    fn from(b: SubscriptionBody) -> Self {
        SubscriptionFields {
            name: b.name,
            url: b.url,
            secret: b.secret,
            events: b.events,
            format: b.format,
            enabled: b.enabled,
        }
    }
}

#[utoipa::path(post, path = "/v1/webhooks", tag = "Webhooks", request_body = SubscriptionBody,
    responses((status = 201, body = Data<WebhookSubscription>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<SubscriptionBody>,
) -> ApiResult<(StatusCode, Json<Data<WebhookSubscription>>)> {
    let sub = s.service.create_subscription(&me, b.into()).await?;
    Ok((StatusCode::CREATED, Json(Data { data: dto(sub, true) })))
}

#[utoipa::path(get, path = "/v1/webhooks", tag = "Webhooks", responses((status = 200, body = List<WebhookSubscription>), (status = 403, body = ErrorBody)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<WebhookSubscription>>> {
    Ok(Json(List { data: s.service.subscriptions(&me).await?.into_iter().map(|x| dto(x, false)).collect() }))
}

#[utoipa::path(get, path = "/v1/webhooks/{webhookId}", tag = "Webhooks", params(("webhookId" = Uuid, Path)),
    responses((status = 200, body = Data<WebhookSubscription>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<WebhookSubscription>>> {
    Ok(Json(Data { data: dto(s.service.subscription(&me, id).await?, false) }))
}

#[utoipa::path(patch, path = "/v1/webhooks/{webhookId}", tag = "Webhooks", params(("webhookId" = Uuid, Path)), request_body = SubscriptionBody,
    responses((status = 200, body = Data<WebhookSubscription>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<SubscriptionBody>,
) -> ApiResult<Json<Data<WebhookSubscription>>> {
    let show = b.secret.is_some();
    Ok(Json(Data { data: dto(s.service.patch_subscription(&me, id, b.into()).await?, show) }))
}

#[utoipa::path(delete, path = "/v1/webhooks/{webhookId}", tag = "Webhooks", params(("webhookId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_subscription(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Where one delivery stands.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryStatus {
    pub id: Uuid,
    pub event: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<i64>,
    /// Pending, Delivered or Failed.
    pub status: String,
    pub attempts: i64,
    pub created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_attempt_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

fn status(d: Delivery) -> DeliveryStatus {
    DeliveryStatus {
        id: d.uid,
        event: d.event_type,
        conversation_id: d.conversation_id,
        next_attempt_at: (d.status == "Pending").then(|| ts(d.next_attempt_at)),
        status: d.status,
        attempts: d.attempts,
        created_at: ts(d.created_at),
        delivered_at: d.delivered_at.map(ts),
        last_error: d.last_error,
    }
}

/// One attempt to deliver.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct DeliveryLog {
    pub delivery_id: Uuid,
    pub event: String,
    pub at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub duration_ms: i64,
}

fn log(a: Attempt) -> DeliveryLog {
    DeliveryLog {
        delivery_id: a.delivery_uid,
        event: a.event_type,
        at: ts(a.at),
        status_code: a.status_code,
        error: a.error,
        duration_ms: a.duration_ms,
    }
}

/// The subscription's latest deliveries, newest first (pageLimit, default 100).
#[utoipa::path(get, path = "/v1/webhooks/{webhookId}/delivery-status", tag = "Webhooks", params(("webhookId" = Uuid, Path), ("pageLimit" = Option<u32>, Query)),
    responses((status = 200, body = List<DeliveryStatus>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delivery_status(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    query: QueryPairs,
) -> ApiResult<Json<List<DeliveryStatus>>> {
    let (deliveries, _) = s.service.subscription_log(&me, id, paging::page_limit(&query)?).await?;
    Ok(Json(List { data: deliveries.into_iter().map(status).collect() }))
}

/// The subscription's latest delivery attempts, newest first (pageLimit, default 100).
#[utoipa::path(get, path = "/v1/webhooks/{webhookId}/delivery-logs", tag = "Webhooks", params(("webhookId" = Uuid, Path), ("pageLimit" = Option<u32>, Query)),
    responses((status = 200, body = List<DeliveryLog>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delivery_logs(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    query: QueryPairs,
) -> ApiResult<Json<List<DeliveryLog>>> {
    let (_, attempts) = s.service.subscription_log(&me, id, paging::page_limit(&query)?).await?;
    Ok(Json(List { data: attempts.into_iter().map(log).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get, patch, delete))
        .routes(routes!(delivery_status))
        .routes(routes!(delivery_logs))
}

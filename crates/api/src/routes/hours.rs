//! Working hours: `/v1/working-hours` (periods with their time zone, intervals per weekday and
//! holidays; one is the default for new queues) and `/v1/queues/{id}/working-hours` (a queue's
//! period and away message).

use crate::dto::{ts, Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::hours::{HolidaySpec, PeriodSpec, WeekSpec};
use switchboard_service::hours::{PeriodChanges, PeriodView, QueueHoursChanges, QueueHoursView};
use utoipa::ToSchema;
use uuid::Uuid;

/// A working-hours period.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WorkingHours {
    pub id: Uuid,
    pub name: String,
    /// The IANA time zone of the intervals and the holidays.
    pub time_zone: String,
    /// Working intervals per weekday; an empty day is switched off.
    pub days: WeekSpec,
    /// Days off, first and last day included.
    pub holidays: Vec<HolidaySpec>,
    /// Given to queues created from now on.
    pub is_default: bool,
    /// Whether it is within working hours now.
    pub open_now: bool,
    /// When it next opens (now, when open); absent when it never does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_opening: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<PeriodView> for WorkingHours {
    fn from(v: PeriodView) -> Self {
        let p = v.period;
        WorkingHours {
            id: p.id,
            name: p.name,
            time_zone: p.spec.time_zone,
            days: p.spec.days,
            holidays: p.spec.holidays,
            is_default: p.is_default,
            open_now: v.open_now,
            next_opening: v.next_opening.map(ts),
            created_at: ts(p.created_at),
            updated_at: ts(p.updated_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateWorkingHours {
    /// Defaults to "Working hours #N".
    pub name: Option<String>,
    pub time_zone: String,
    #[serde(default)]
    pub days: WeekSpec,
    #[serde(default)]
    pub holidays: Vec<HolidaySpec>,
    #[serde(default)]
    pub is_default: bool,
}

#[utoipa::path(post, path = "/v1/working-hours", tag = "Working hours", request_body = CreateWorkingHours,
    responses((status = 201, body = Data<WorkingHours>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateWorkingHours>,
) -> ApiResult<(StatusCode, Json<Data<WorkingHours>>)> {
    let spec = PeriodSpec { time_zone: b.time_zone, days: b.days, holidays: b.holidays };
    let period = s.service.create_period(&me, b.name, spec, b.is_default).await?;
    Ok((StatusCode::CREATED, Json(Data { data: period.into() })))
}

/// Every period, by name.
#[utoipa::path(get, path = "/v1/working-hours", tag = "Working hours", responses((status = 200, body = List<WorkingHours>)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<WorkingHours>>> {
    Ok(Json(List { data: s.service.periods(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/working-hours/{periodId}", tag = "Working hours", params(("periodId" = Uuid, Path)),
    responses((status = 200, body = Data<WorkingHours>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<WorkingHours>>> {
    Ok(Json(Data { data: s.service.period(&me, id).await?.into() }))
}

/// Changes to a period. `timeZone`, `days` and `holidays` together replace its hours (absent
/// ones are kept).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchWorkingHours {
    pub name: Option<String>,
    pub time_zone: Option<String>,
    pub days: Option<WeekSpec>,
    pub holidays: Option<Vec<HolidaySpec>>,
    /// True makes it the default for new queues (existing queues keep their hours).
    pub is_default: Option<bool>,
}

#[utoipa::path(patch, path = "/v1/working-hours/{periodId}", tag = "Working hours", params(("periodId" = Uuid, Path)),
    request_body = PatchWorkingHours,
    responses((status = 200, body = Data<WorkingHours>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<PatchWorkingHours>,
) -> ApiResult<Json<Data<WorkingHours>>> {
    let changes = PeriodChanges {
        name: b.name,
        time_zone: b.time_zone,
        days: b.days,
        holidays: b.holidays,
        is_default: b.is_default,
    };
    Ok(Json(Data { data: s.service.update_period(&me, id, changes).await?.into() }))
}

/// Deletes a period that no queue keeps (409 names the queues that do).
#[utoipa::path(delete, path = "/v1/working-hours/{periodId}", tag = "Working hours", params(("periodId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_period(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What a queue answers customers who open a conversation outside its working hours.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AwayMessageDto {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Close the conversation once the away message is sent.
    pub close_conversation: bool,
}

/// A queue's working hours and away message.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueueWorkingHours {
    /// The period the queue keeps; absent: always open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_hours_id: Option<Uuid>,
    pub away_message: AwayMessageDto,
    /// Whether the queue is within its working hours now.
    pub open_now: bool,
}

impl From<QueueHoursView> for QueueWorkingHours {
    fn from(v: QueueHoursView) -> Self {
        QueueWorkingHours {
            working_hours_id: v.hours.period_id,
            away_message: AwayMessageDto {
                enabled: v.hours.away_enabled,
                message: v.hours.away_message,
                close_conversation: v.hours.away_close,
            },
            open_now: v.open_now,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AwayMessageChanges {
    pub enabled: Option<bool>,
    /// Null or empty removes the text (the message must then be off).
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>)]
    pub message: Option<Option<String>>,
    pub close_conversation: Option<bool>,
}

/// Changes to a queue's hours; absent fields are kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchQueueWorkingHours {
    /// A period's id, or null for a queue that is always open.
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub working_hours_id: Option<Option<Uuid>>,
    pub away_message: Option<AwayMessageChanges>,
}

#[utoipa::path(get, path = "/v1/queues/{queueId}/working-hours", tag = "Queues", params(("queueId" = Uuid, Path)),
    responses((status = 200, body = Data<QueueWorkingHours>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn queue(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<QueueWorkingHours>>> {
    Ok(Json(Data { data: s.service.queue_hours(&me, id).await?.into() }))
}

/// Gives a queue working hours (or none: always open) and sets its away message.
#[utoipa::path(patch, path = "/v1/queues/{queueId}/working-hours", tag = "Queues", params(("queueId" = Uuid, Path)),
    request_body = PatchQueueWorkingHours,
    responses((status = 200, body = Data<QueueWorkingHours>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn set_queue(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<PatchQueueWorkingHours>,
) -> ApiResult<Json<Data<QueueWorkingHours>>> {
    let away = b.away_message;
    let changes = QueueHoursChanges {
        period_id: b.working_hours_id,
        away_enabled: away.as_ref().and_then(|a| a.enabled),
        away_message: away.as_ref().and_then(|a| a.message.clone()),
        away_close: away.as_ref().and_then(|a| a.close_conversation),
    };
    Ok(Json(Data { data: s.service.set_queue_hours(&me, id, changes).await?.into() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(queue, set_queue))
        .routes(routes!(create, list))
        .routes(routes!(get, patch, delete))
}

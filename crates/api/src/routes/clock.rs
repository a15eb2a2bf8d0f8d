//! `/_clock`: the manual clock of a test server (present only with `--clock manual`).

use crate::dto::{ts, ClockNow};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::JsonBody;
use crate::AppState;
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;

#[utoipa::path(get, path = "/_clock", tag = "Test clock", security(()), responses((status = 200, body = ClockNow)))]
pub async fn now(State(s): State<AppState>) -> Json<ClockNow> {
    Json(ClockNow { now: ts(s.service.clock().now()) })
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Advance {
    pub seconds: i64,
}

/// Moves the clock forward; timers due by the new time have fired when this answers.
#[utoipa::path(post, path = "/_clock/advance", tag = "Test clock", security(()), request_body = Advance,
    responses((status = 200, body = ClockNow), (status = 400, body = ErrorBody)))]
pub async fn advance(State(s): State<AppState>, JsonBody(b): JsonBody<Advance>) -> ApiResult<Json<ClockNow>> {
    let (now, _) = s.service.advance_clock(b.seconds).await?;
    Ok(Json(ClockNow { now: ts(now) }))
}

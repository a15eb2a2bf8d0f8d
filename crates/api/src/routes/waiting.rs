//! Waiting strategies: `/v1/waiting-strategies` (messaging and voice, one per sender),
//! `/v1/audio-files` (uploads for voice strategies, up to 4 MB) and a waiting call's place in
//! its queue (`/v1/conversations/{id}/queue-position`).

use crate::dto::{ts, Data, List};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams, QueryPairs, RawBody};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::waiting::{MessagingStrategy, VoiceStrategy};
use switchboard_service::store::waiting::AudioFile;
use switchboard_service::waiting::{QueuePosition, Strategy, StrategyConfig, StrategyFields};
use utoipa::ToSchema;
use uuid::Uuid;

/// Which channels a strategy is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum WaitingStrategyKind {
    Messaging,
    Voice,
}

/// A waiting strategy.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitingStrategy {
    pub id: Uuid,
    pub name: String,
    pub kind: WaitingStrategyKind,
    pub enabled: bool,
    /// Serves conversations whose sender has no strategy of its own.
    pub is_default: bool,
    /// The addresses, numbers or widget ids it serves (each has at most one strategy).
    pub senders: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messaging: Option<MessagingStrategy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice: Option<VoiceStrategy>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<Strategy> for WaitingStrategy {
    fn from(s: Strategy) -> Self {
        let (kind, messaging, voice) = match s.config {
            StrategyConfig::Messaging(m) => (WaitingStrategyKind::Messaging, Some(m), None),
            StrategyConfig::Voice(v) => (WaitingStrategyKind::Voice, None, Some(*v)),
        };
        WaitingStrategy {
            id: s.id,
            name: s.name,
            kind,
            enabled: s.enabled,
            is_default: s.is_default,
            senders: s.senders,
            messaging,
            voice,
            created_at: ts(s.created_at),
            updated_at: ts(s.updated_at),
        }
    }
}

/// A strategy's fields: exactly one of `messaging` and `voice` on creation; on change, absent
/// fields are kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WaitingStrategyBody {
    /// Defaults to "Waiting strategy #N".
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub is_default: Option<bool>,
    pub senders: Option<Vec<String>>,
    pub messaging: Option<MessagingStrategy>,
    pub voice: Option<VoiceStrategy>,
}

fn fields(b: WaitingStrategyBody) -> ApiResult<StrategyFields> {
    let config = match (b.messaging, b.voice) {
        (Some(_), Some(_)) => return Err(ApiError::bad_request("Give either messaging or voice, not both")),
        (Some(m), None) => Some(StrategyConfig::Messaging(m)),
        (None, Some(v)) => Some(StrategyConfig::Voice(Box::new(v))),
        (None, None) => None,
    };
    Ok(StrategyFields { name: b.name, enabled: b.enabled, is_default: b.is_default, senders: b.senders, config })
}

#[utoipa::path(post, path = "/v1/waiting-strategies", tag = "Waiting strategies", request_body = WaitingStrategyBody,
    responses((status = 201, body = Data<WaitingStrategy>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<WaitingStrategyBody>,
) -> ApiResult<(StatusCode, Json<Data<WaitingStrategy>>)> {
    let created = s.service.create_waiting_strategy(&me, fields(b)?).await?;
    Ok((StatusCode::CREATED, Json(Data { data: created.into() })))
}

#[utoipa::path(get, path = "/v1/waiting-strategies", tag = "Waiting strategies",
    responses((status = 200, body = List<WaitingStrategy>)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<WaitingStrategy>>> {
    Ok(Json(List { data: s.service.waiting_strategies(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/waiting-strategies/{strategyId}", tag = "Waiting strategies", params(("strategyId" = Uuid, Path)),
    responses((status = 200, body = Data<WaitingStrategy>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<WaitingStrategy>>> {
    Ok(Json(Data { data: s.service.waiting_strategy(&me, id).await?.into() }))
}

#[utoipa::path(patch, path = "/v1/waiting-strategies/{strategyId}", tag = "Waiting strategies", params(("strategyId" = Uuid, Path)),
    request_body = WaitingStrategyBody,
    responses((status = 200, body = Data<WaitingStrategy>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<WaitingStrategyBody>,
) -> ApiResult<Json<Data<WaitingStrategy>>> {
    Ok(Json(Data { data: s.service.update_waiting_strategy(&me, id, fields(b)?).await?.into() }))
}

#[utoipa::path(delete, path = "/v1/waiting-strategies/{strategyId}", tag = "Waiting strategies", params(("strategyId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_waiting_strategy(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An uploaded audio file.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AudioFileDto {
    pub id: Uuid,
    pub name: String,
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    pub created_at: String,
}

impl From<AudioFile> for AudioFileDto {
    fn from(f: AudioFile) -> Self {
        AudioFileDto {
            id: f.id,
            name: f.name,
            content_type: f.content_type,
            size: f.size,
            created_at: ts(f.created_at),
        }
    }
}

/// Uploads an audio file of at most 4 MB: the body is the file, with its audio `Content-Type`
/// (`audio/mpeg`, `audio/wav`...), or `application/octet-stream` and a name whose extension says
/// the type (.mp3, .wav, .ogg, .m4a, .aac, .flac, .webm).
#[utoipa::path(post, path = "/v1/audio-files", tag = "Waiting strategies",
    params(("name" = String, Query, description = "The file's name")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Data<AudioFileDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 413, body = ErrorBody)))]
pub async fn upload(
    State(s): State<AppState>,
    Caller(me): Caller,
    query: QueryPairs,
    headers: HeaderMap,
    RawBody(body): RawBody,
) -> ApiResult<(StatusCode, Json<Data<AudioFileDto>>)> {
    let name = query.one("name").ok_or_else(|| ApiError::bad_request("Invalid value for: query parameter name"))?;
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let file = s.service.upload_audio(&me, name, content_type, &body).await?;
    Ok((StatusCode::CREATED, Json(Data { data: file.into() })))
}

#[utoipa::path(get, path = "/v1/audio-files", tag = "Waiting strategies", responses((status = 200, body = List<AudioFileDto>)))]
pub async fn files(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<AudioFileDto>>> {
    Ok(Json(List { data: s.service.audio_files(&me).await?.into_iter().map(Into::into).collect() }))
}

/// The file itself.
#[utoipa::path(get, path = "/v1/audio-files/{fileId}", tag = "Waiting strategies", params(("fileId" = Uuid, Path)),
    responses((status = 200, content_type = "audio/*", body = Vec<u8>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn file(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Response> {
    let (file, data) = s.service.audio_file(&me, id).await?;
    Ok(([(header::CONTENT_TYPE, file.content_type)], data).into_response())
}

/// Deletes a file no voice strategy plays (409 names the strategies that do).
#[utoipa::path(delete, path = "/v1/audio-files/{fileId}", tag = "Waiting strategies", params(("fileId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn delete_file(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_audio_file(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A waiting call's place in its queue.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct QueuePositionDto {
    /// 1 is next.
    pub position: i64,
    /// Calls waiting in the queue.
    pub waiting: i64,
    /// The voice strategy's announcement with the position said in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub announcement: Option<String>,
}

impl From<QueuePosition> for QueuePositionDto {
    fn from(p: QueuePosition) -> Self {
        QueuePositionDto { position: p.position, waiting: p.waiting, announcement: p.announcement }
    }
}

/// Where a waiting call stands in its queue (409 when it doesn't wait: assigned or closed).
#[utoipa::path(get, path = "/v1/conversations/{conversationId}/queue-position", tag = "Conversations",
    params(("conversationId" = i64, Path)),
    responses((status = 200, body = Data<QueuePositionDto>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn position(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Data<QueuePositionDto>>> {
    Ok(Json(Data { data: s.service.queue_position(&me, id).await?.into() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get, patch, delete))
        .routes(routes!(files))
        .routes(routes!(file, delete_file))
        .routes(routes!(position))
        // Audio uploads may be up to 4 MB, more than other bodies.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(upload))
                .layer(axum::extract::DefaultBodyLimit::max(switchboard_engine::waiting::MAX_FILE_BYTES + 64 * 1024)),
        )
}

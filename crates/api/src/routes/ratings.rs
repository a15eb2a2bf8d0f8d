//! A conversation's ratings: offer, submit, list (and Dixa's deprecated `/rating`).

use crate::dto::ts;
use crate::dto::{Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use switchboard_engine::kinds::Channel;
use switchboard_engine::rating::{RatingResult, RatingStatus, RatingType};
use switchboard_service::ratings::{Offer, Submission};
use switchboard_service::store::ratings;
use utoipa::ToSchema;
use uuid::Uuid;

/// A rating offer as created.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RatingOffer {
    pub id: Uuid,
    pub user_id: String,
    pub agent_id: String,
    pub rating_type: RatingType,
    pub offered_at: String,
}

/// A submitted rating result.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RatingSubmission {
    pub rating_id: Uuid,
    pub user_id: String,
    pub rating_result: RatingResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub submitted_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RatingTimestamps {
    pub offered_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rated_at: Option<String>,
}

/// A rating of a conversation, as listed.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Rating {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating_score: Option<i64>,
    pub rating_type: RatingType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating_comment: Option<String>,
    pub conversation_channel: Channel,
    pub agent_id: String,
    pub user_id: String,
    pub rating_status: RatingStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub timestamps: RatingTimestamps,
}

impl Rating {
    pub fn new(r: ratings::Rating, channel: Channel, language: Option<String>) -> Self {
        Rating {
            id: r.id,
            rating_score: r.score,
            rating_type: r.rating_type,
            rating_comment: r.comment,
            conversation_channel: channel,
            agent_id: r.agent_id,
            user_id: r.user_id,
            rating_status: r.status,
            language,
            timestamps: RatingTimestamps { offered_at: ts(r.offered_at), rated_at: r.submitted_at.map(ts) },
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfferBody {
    /// The end user asked to rate.
    pub user_id: Uuid,
    /// The agent being rated.
    pub agent_id: Uuid,
    /// Csat or ThumbsUpOrDown.
    pub rating_type: RatingType,
    pub offered_at: Option<DateTime<Utc>>,
}

#[utoipa::path(post, path = "/v1/conversations/{conversationId}/ratings/offer", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = OfferBody,
    responses((status = 201, body = Data<RatingOffer>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn offer(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<OfferBody>,
) -> ApiResult<(StatusCode, Json<Data<RatingOffer>>)> {
    let r = s
        .service
        .offer_rating(
            &me,
            id,
            Offer { user_id: b.user_id, agent_id: b.agent_id, rating_type: b.rating_type, offered_at: b.offered_at },
        )
        .await?;
    let data = RatingOffer {
        id: r.id,
        user_id: r.user_id,
        agent_id: r.agent_id,
        rating_type: r.rating_type,
        offered_at: ts(r.offered_at),
    };
    Ok((StatusCode::CREATED, Json(Data { data })))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubmitBody {
    pub user_id: Uuid,
    pub rating_result: RatingResult,
    pub comment: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
}

#[utoipa::path(post, path = "/v1/conversations/{conversationId}/ratings/{ratingId}/submit", tag = "Conversations",
    params(("conversationId" = i64, Path), ("ratingId" = Uuid, Path)), request_body = SubmitBody,
    responses((status = 201, body = Data<RatingSubmission>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn submit(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams((id, rating)): PathParams<(i64, Uuid)>,
    JsonBody(b): JsonBody<SubmitBody>,
) -> ApiResult<(StatusCode, Json<Data<RatingSubmission>>)> {
    let r = s
        .service
        .submit_rating(
            &me,
            id,
            rating,
            Submission {
                user_id: b.user_id,
                result: b.rating_result,
                comment: b.comment,
                submitted_at: b.submitted_at,
            },
        )
        .await?;
    let data = RatingSubmission {
        rating_id: r.id,
        user_id: r.user_id,
        rating_result: RatingResult::from_score(r.rating_type, r.score.unwrap_or_default()),
        comment: r.comment,
        submitted_at: r.submitted_at.map(ts).unwrap_or_default(),
    };
    Ok((StatusCode::CREATED, Json(Data { data })))
}

async fn ratings_of(s: &AppState, me: &switchboard_service::store::users::User, id: i64) -> ApiResult<Vec<Rating>> {
    let c = s.service.conversation(me, id).await?;
    let list = s.service.ratings(me, id).await?;
    Ok(list.into_iter().map(|r| Rating::new(r, c.channel, c.language.clone())).collect())
}

#[utoipa::path(get, path = "/v1/conversations/{conversationId}/ratings", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = List<Rating>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<List<Rating>>> {
    Ok(Json(List { data: ratings_of(&s, &me, id).await? }))
}

/// Deprecated: the same as `/ratings`.
#[utoipa::path(get, path = "/v1/conversations/{conversationId}/rating", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = List<Rating>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_deprecated(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<List<Rating>>> {
    Ok(Json(List { data: ratings_of(&s, &me, id).await? }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(offer))
        .routes(routes!(submit))
        .routes(routes!(list))
        .routes(routes!(list_deprecated))
}

//! `/v1/catalogues`: what clients offer in their forms, served so that they never keep copies:
//! the condition builder's attributes and operators, text-to-speech languages and voices, and a
//! preview of an announcement with the caller's position said, and the webhook formats' events.

use crate::dto::{Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::condition_catalogue::ValueKind;
use switchboard_engine::waiting::OrdinalMark;
use utoipa::ToSchema;

/// A built-in attribute conditions can look at.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConditionAttribute {
    /// What conditions call it, e.g. `person.city`.
    pub id: String,
    pub label: String,
    /// The heading it is listed under: Conversation, Person, Company, Email.
    pub group: String,
    /// The operators it allows, by name ("is", "starts with"...).
    pub operators: Vec<String>,
    /// The kind of value its non-list operators compare with.
    pub value: ValueKind,
}

/// What a condition builder offers.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConditionCatalogue {
    pub attributes: Vec<ConditionAttribute>,
    /// The operators custom attributes take.
    pub custom_operators: Vec<String>,
    /// Every operator, in the order they are offered.
    pub operators: Vec<String>,
}

/// The condition builder's attributes and operators (the supervisor guide's table).
#[utoipa::path(get, path = "/v1/catalogues/conditions", tag = "Catalogues",
    responses((status = 200, body = Data<ConditionCatalogue>)))]
pub async fn conditions(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<Data<ConditionCatalogue>>> {
    let c = s.service.condition_catalogue(&me)?;
    let names = |ops: &[switchboard_engine::conditions::Operator]| ops.iter().map(|o| o.name().to_owned()).collect();
    let attributes = c
        .attributes
        .into_iter()
        .map(|a| ConditionAttribute {
            id: a.key,
            label: a.label,
            group: a.group.to_owned(),
            operators: names(a.operators),
            value: a.value,
        })
        .collect();
    Ok(Json(Data {
        data: ConditionCatalogue {
            attributes,
            custom_operators: names(c.custom_operators),
            operators: names(c.operators),
        },
    }))
}

/// A text-to-speech language, its voices and how it says a queue position.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VoiceLanguage {
    /// BCP 47 tag, e.g. `en-US`.
    pub tag: String,
    pub label: String,
    pub voices: Vec<String>,
    /// Whether ordinal words ("third") can be said: `{{position.ordinal}}`.
    pub ordinal_words: bool,
    /// How an adaptive position is written: "english" (3rd) or the mark after the number (".", "e").
    pub ordinal_mark: String,
}

#[utoipa::path(get, path = "/v1/catalogues/voices", tag = "Catalogues",
    responses((status = 200, body = List<VoiceLanguage>)))]
pub async fn voices(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<VoiceLanguage>>> {
    let data = s
        .service
        .voice_catalogue(&me)?
        .iter()
        .map(|l| VoiceLanguage {
            tag: l.tag.to_owned(),
            label: l.label.to_owned(),
            voices: l.voices.iter().map(|v| (*v).to_owned()).collect(),
            ordinal_words: l.ordinal_words,
            ordinal_mark: match l.ordinal_mark {
                OrdinalMark::EnglishSuffix => "english".to_owned(),
                OrdinalMark::Suffix(m) => m.to_owned(),
            },
        })
        .collect();
    Ok(Json(List { data }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PositionPreviewBody {
    /// An announcement with `{{position.ordinal}}`, `{{position.cardinal}}` or `{{position.adaptive}}`.
    #[schema(max_length = 2000)]
    pub text: String,
    pub language: String,
    /// The caller's place in the queue, from 1.
    #[schema(minimum = 1, maximum = 10000)]
    pub position: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PositionPreview {
    pub text: String,
}

/// The announcement as a caller at that position would hear it.
#[utoipa::path(post, path = "/v1/catalogues/position-preview", tag = "Catalogues", request_body = PositionPreviewBody,
    responses((status = 200, body = Data<PositionPreview>), (status = 400, body = ErrorBody)))]
pub async fn position_preview(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<PositionPreviewBody>,
) -> ApiResult<Json<Data<PositionPreview>>> {
    let text = s.service.position_preview(&me, &b.text, &b.language, b.position)?;
    Ok(Json(Data { data: PositionPreview { text } }))
}

/// A webhook format and the events a subscription in it may list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookFormatEntry {
    /// What subscriptions call it: `Dixa` or `Interaction`.
    pub format: String,
    pub description: String,
    /// The event names, in the order they are offered.
    pub events: Vec<String>,
}

/// The webhook formats and their events.
#[utoipa::path(get, path = "/v1/catalogues/webhook-events", tag = "Catalogues",
    responses((status = 200, body = List<WebhookFormatEntry>)))]
pub async fn webhook_events(
    State(s): State<AppState>,
    Caller(me): Caller,
) -> ApiResult<Json<List<WebhookFormatEntry>>> {
    let formats = s.service.webhook_catalogue(&me)?;
    let data = formats
        .iter()
        .map(|f| WebhookFormatEntry {
            format: f.as_str().to_owned(),
            description: f.description().to_owned(),
            events: f.events().iter().map(|e| (*e).to_owned()).collect(),
        })
        .collect();
    Ok(Json(List { data }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(conditions))
        .routes(routes!(voices))
        .routes(routes!(position_preview))
        .routes(routes!(webhook_events))
}

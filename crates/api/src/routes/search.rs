//! `/v1/search/conversations`: full-text search with highlights, by query string or JSON body.

use crate::dto::{Meta, Paged};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, QueryPairs};
use crate::paging;
use crate::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::kinds::{Channel, Status};
use switchboard_service::search::{Hit, InnerKind, SearchFilter};
use utoipa::ToSchema;
use uuid::Uuid;

/// Highlighted matches in a conversation's own fields.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHighlights {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subject: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InnerHighlight {
    pub text: String,
}

/// A matching message or note.
#[derive(Debug, Serialize, ToSchema)]
pub struct InnerHit {
    pub id: Uuid,
    pub highlight: InnerHighlight,
    /// Message or Note.
    #[serde(rename = "_type")]
    pub kind: String,
}

/// A conversation that matches a search.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSearchHit {
    pub id: i64,
    pub highlights: SearchHighlights,
    pub inner_hits: Vec<InnerHit>,
    #[serde(rename = "_type")]
    pub kind: String,
}

fn hit(h: Hit) -> ConversationSearchHit {
    ConversationSearchHit {
        id: h.conversation_id,
        highlights: SearchHighlights { subject: h.subject },
        inner_hits: h
            .inner
            .into_iter()
            .map(|i| InnerHit {
                id: i.id,
                highlight: InnerHighlight { text: i.highlight },
                kind: match i.kind {
                    InnerKind::Message => "Message".into(),
                    InnerKind::Note => "Note".into(),
                },
            })
            .collect(),
        kind: "ConversationSearchHit".into(),
    }
}

fn offset(query: &QueryPairs) -> Result<u32, ApiError> {
    match paging::decode_time_text_key(query)? {
        Some((o, _)) => {
            u32::try_from(o).map_err(|_| ApiError::bad_request("Invalid value for: query parameter pageKey"))
        }
        None => Ok(0),
    }
}

async fn run(
    s: &AppState,
    me: &switchboard_service::store::users::User,
    headers: &HeaderMap,
    query: &QueryPairs,
    value: &str,
    exact: bool,
    filter: &SearchFilter,
) -> ApiResult<Json<Paged<ConversationSearchHit>>> {
    let limit = paging::page_limit(query)?;
    let offset = offset(query)?;
    let page = s.service.search(me, value, exact, filter, offset, limit).await?;
    let next = page.next.map(|o| {
        paging::next_url(
            headers,
            "/v1/search/conversations",
            query,
            paging::encode_key(&[o.to_string(), String::new()]),
        )
    });
    Ok(Json(Paged { data: page.items.into_iter().map(hit).collect(), meta: Meta { next } }))
}

/// Conversations whose subject, messages or notes contain the words (all of them; with
/// `exactMatch`, together and in order). Also finds a conversation by its short id.
#[utoipa::path(get, path = "/v1/search/conversations", tag = "Search",
    params(("query" = String, Query), ("exactMatch" = Option<bool>, Query), ("pageKey" = Option<String>, Query), ("pageLimit" = Option<u32>, Query)),
    responses((status = 200, body = Paged<ConversationSearchHit>), (status = 400, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    query: QueryPairs,
) -> ApiResult<Json<Paged<ConversationSearchHit>>> {
    let value = query.one("query").unwrap_or("").to_owned();
    if value.trim().is_empty() {
        return Err(ApiError::bad_request("Invalid value for: query parameter query, it must not be empty"));
    }
    let exact = query.parse("exactMatch", |v| v.parse::<bool>())?.unwrap_or(false);
    run(&s, &me, &headers, &query, &value, exact, &SearchFilter::default()).await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    pub value: String,
    #[serde(default)]
    pub exact_match: bool,
}

/// Narrows a search to conversations with these properties (each set one must hold).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchFilters {
    #[serde(default)]
    pub statuses: Vec<Status>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    pub queue_id: Option<Uuid>,
    pub agent_id: Option<Uuid>,
    pub requester_id: Option<Uuid>,
    pub tag_id: Option<Uuid>,
    pub created_after: Option<chrono::DateTime<chrono::Utc>>,
    pub created_before: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct SearchBody {
    pub query: SearchQuery,
    #[serde(default)]
    pub filters: Option<SearchFilters>,
}

/// The same search as the GET form, with filters, as current Dixa clients send it.
#[utoipa::path(post, path = "/v1/search/conversations", tag = "Search", request_body = SearchBody,
    params(("pageKey" = Option<String>, Query), ("pageLimit" = Option<u32>, Query)),
    responses((status = 200, body = Paged<ConversationSearchHit>), (status = 400, body = ErrorBody)))]
pub async fn post(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    query: QueryPairs,
    JsonBody(b): JsonBody<SearchBody>,
) -> ApiResult<Json<Paged<ConversationSearchHit>>> {
    let f = b.filters.unwrap_or_default();
    let filter = SearchFilter {
        statuses: f.statuses.iter().map(|s| s.as_str().to_owned()).collect(),
        channels: f.channels.iter().map(|c| c.as_str().to_owned()).collect(),
        queue_id: f.queue_id,
        agent_id: f.agent_id,
        requester_id: f.requester_id,
        tag_id: f.tag_id,
        created_after: f.created_after,
        created_before: f.created_before,
        visible_to: None,
    };
    run(&s, &me, &headers, &query, &b.query.value, b.query.exact_match, &filter).await
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(get, post))
}

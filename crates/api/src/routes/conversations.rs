//! `/v1/conversations`: create, read, list, update, and the agents' actions on a conversation.

use crate::dto::{ts, AttributeValueDto, CreatedId, Data, List, Meta, Paged, Tag};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{parse_time, Caller, JsonBody, OptionalJsonBody, PathParams, QueryPairs};
use crate::paging;
use crate::routes::timeline::MessageBody;
use crate::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::kinds::LinkType;
use switchboard_engine::kinds::{Channel, ConversationSort, Direction, Priority, SlaState, Status};
use switchboard_service::conversations::{ConversationChanges, NewConversation};
use switchboard_service::store::activity;
use switchboard_service::store::contact_endpoints;
use switchboard_service::store::conversations::{self, Filter};
use switchboard_service::store::users::User;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActivityAuthor {
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub id: Uuid,
    pub conversation_id: i64,
    pub activity_timestamp: String,
    pub activity_type: String,
    #[serde(rename = "_type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<ActivityAuthor>,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

impl Activity {
    pub fn new(e: activity::Entry, author: Option<ActivityAuthor>) -> Self {
        Activity {
            id: e.id,
            conversation_id: e.conversation_id,
            activity_timestamp: ts(e.at),
            activity_type: e.kind.activity_type(),
            kind: e.kind.as_str().to_owned(),
            author,
            detail: e.detail,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationLink {
    pub parent_id: i64,
    #[serde(rename = "_type")]
    pub kind: LinkType,
}

/// The entry point of a channel on a contact endpoint.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Flow {
    pub id: Uuid,
    pub name: String,
    pub channel: Channel,
    pub contact_endpoint_id: String,
}

impl From<contact_endpoints::Flow> for Flow {
    fn from(f: contact_endpoints::Flow) -> Self {
        Flow { id: f.id, name: f.name, channel: f.channel, contact_endpoint_id: f.contact_endpoint_id }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationAssignment {
    pub agent_id: Uuid,
    pub assigned_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationQueue {
    pub id: Uuid,
    pub queued_at: String,
}

/// A conversation: Dixa's fields (`state`, `assignment`, `queue`, `_type`) and Infobip's
/// (`status`, `priority`, `topic`, `summary`, `queueId`, `agentId`).
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: i64,
    /// A short, increasing number per installation, for people to quote.
    pub short_id: i64,
    pub requester_id: Uuid,
    pub channel: Channel,
    pub direction: Direction,
    pub status: Status,
    /// The same value as `status`, under Dixa's name.
    pub state: Status,
    pub state_updated_at: String,
    pub priority: Priority,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment: Option<ConversationAssignment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<ConversationQueue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_endpoint_id: Option<String>,
    #[schema(value_type = Object)]
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Plain-text start of the latest message (for inbox rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preview: Option<String>,
    /// The conversation this one was created from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<ConversationLink>,
    /// Custom attribute values (on single-conversation answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_attributes: Option<Vec<AttributeValueDto>>,
    /// When the conversation's content was erased.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anonymized_at: Option<String>,
    /// The SLA: policy, severity and each metric's state (absent when no policy applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla: Option<crate::routes::sla::ConversationSla>,
    /// While snoozed (Waiting): when it wakes up Open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<String>,
    /// Its tags, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<crate::dto::Tag>>,
    /// Agents its notes named (the Mentions view).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentioned_agent_ids: Option<Vec<Uuid>>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(rename = "_type")]
    pub kind: String,
}

impl From<conversations::Conversation> for Conversation {
    fn from(c: conversations::Conversation) -> Self {
        Conversation {
            id: c.id,
            short_id: c.short_id,
            link: c.link.map(|(parent_id, kind)| ConversationLink { parent_id, kind }),
            custom_attributes: None,
            anonymized_at: c.anonymized_at.map(ts),
            requester_id: c.requester_id,
            channel: c.channel,
            direction: c.direction,
            status: c.status,
            state: c.status,
            state_updated_at: ts(c.status_updated_at),
            priority: c.priority,
            topic: c.topic,
            summary: c.summary,
            subject: c.subject,
            language: c.language,
            assignment: c
                .assignment
                .map(|a| ConversationAssignment { agent_id: a.agent_id, assigned_at: ts(a.assigned_at) }),
            queue: c.queue_id.map(|id| ConversationQueue { id, queued_at: ts(c.queued_at.unwrap_or(c.created_at)) }),
            queue_id: c.queue_id,
            agent_id: c.assignment.map(|a| a.agent_id),
            integration_email: c.integration_email,
            contact_endpoint_id: c.contact_endpoint_id,
            metadata: c.metadata,
            preview: c.preview,
            sla: None,
            snoozed_until: c.snoozed_until.map(ts),
            tags: None,
            mentioned_agent_ids: None,
            created_at: ts(c.created_at),
            updated_at: ts(c.updated_at),
            kind: c.channel.conversation_type().to_owned(),
        }
    }
}

/// Dixa's create body (the channel in `_type`) with Infobip's optional fields.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateConversation {
    pub requester_id: Uuid,
    /// The channel, e.g. Email, Chat, Sms, WhatsApp, Messenger, PstnPhone, Generic. Default NoChannel.
    #[serde(rename = "_type")]
    pub kind: Option<Channel>,
    /// The same as `_type`, under Infobip's name.
    pub channel: Option<Channel>,
    pub direction: Option<Direction>,
    pub email_integration_id: Option<String>,
    pub contact_endpoint_id: Option<String>,
    pub subject: Option<String>,
    pub message: Option<MessageBody>,
    pub language: Option<String>,
    pub topic: Option<String>,
    pub summary: Option<String>,
    /// Default Open.
    pub status: Option<Status>,
    /// Default Normal.
    pub priority: Option<Priority>,
    /// Default: the Default queue.
    pub queue_id: Option<Uuid>,
    pub agent_id: Option<Uuid>,
    #[schema(value_type = Option<Object>)]
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

#[utoipa::path(post, path = "/v1/conversations", tag = "Conversations", request_body = CreateConversation,
    responses((status = 201, body = Data<CreatedId>), (status = 400, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateConversation>,
) -> ApiResult<(StatusCode, Json<Data<CreatedId>>)> {
    let message = b.message.map(|m| m.into_new_message()).transpose()?;
    let input = NewConversation {
        requester_id: b.requester_id,
        channel: b.kind.or(b.channel).unwrap_or_default(),
        direction: b.direction,
        subject: b.subject,
        topic: b.topic,
        summary: b.summary,
        language: b.language,
        status: b.status,
        priority: b.priority,
        queue_id: b.queue_id,
        agent_id: b.agent_id,
        integration_email: b.email_integration_id,
        contact_endpoint_id: b.contact_endpoint_id,
        metadata: b.metadata,
        message,
        ..Default::default()
    };
    let c = s.service.create_conversation(&me, input).await?;
    Ok((StatusCode::CREATED, Json(Data { data: CreatedId { id: c.id } })))
}

#[utoipa::path(get, path = "/v1/conversations/{conversationId}", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = Data<Conversation>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Data<Conversation>>> {
    Ok(Json(Data { data: full(&s, &me, id).await? }))
}

/// Conversations, by latest activity first unless `sort` says otherwise. `status` may repeat or
/// hold a comma-separated list.
#[utoipa::path(get, path = "/v1/conversations", tag = "Conversations",
    params(("status" = Option<String>, Query), ("priority" = Option<Priority>, Query), ("queueId" = Option<Uuid>, Query),
        ("agentId" = Option<Uuid>, Query), ("unassigned" = Option<bool>, Query), ("channel" = Option<Channel>, Query),
        ("requesterId" = Option<Uuid>, Query), ("tagId" = Option<Uuid>, Query), ("tag" = Option<String>, Query),
        ("createdAfter" = Option<String>, Query, format = DateTime), ("createdBefore" = Option<String>, Query, format = DateTime),
        ("updatedAfter" = Option<String>, Query), ("updatedBefore" = Option<String>, Query),
        ("topic" = Option<String>, Query, description = "part of the topic, any case"), ("shortId" = Option<i64>, Query),
        ("sla" = Option<SlaState>, Query, description = "where the SLA stands"),
        ("mentioned" = Option<Uuid>, Query, description = "only conversations whose notes named this agent"),
        ("sort" = Option<ConversationSort>, Query, description = "the order (default Latest)"),
        ("pageLimit" = Option<u32>, Query), ("pageKey" = Option<String>, Query)),
    responses((status = 200, body = Paged<Conversation>), (status = 400, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    query: QueryPairs,
) -> ApiResult<Json<Paged<Conversation>>> {
    let limit = paging::page_limit(&query)?;
    let after = paging::decode_time_int_key(&query)?;
    let filter = list_filter(&query)?;
    let page = s.service.conversation_rows(&me, &filter, after, limit).await?;
    let next = page.next.map(|(t, id)| {
        paging::next_url(&headers, "/v1/conversations", &query, paging::encode_key(&[t.to_string(), id.to_string()]))
    });
    let data = page
        .items
        .into_iter()
        .map(|row| {
            let mut dto = Conversation::from(row.conversation);
            dto.sla = row.sla.map(Into::into);
            dto.tags = Some(row.tags.into_iter().map(Into::into).collect());
            dto.mentioned_agent_ids = Some(row.mentioned);
            dto
        })
        .collect();
    Ok(Json(Paged { data, meta: Meta { next } }))
}

/// The list's filters and order, from its query string (also what a count or a saved view uses).
pub(crate) fn list_filter(query: &QueryPairs) -> ApiResult<Filter> {
    let mut statuses = Vec::new();
    for raw in query.all("status").chain(query.all("state")) {
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            statuses.push(
                Status::parse(part)
                    .map_err(|e| ApiError::bad_request(format!("Invalid value for: query parameter status, {e}")))?,
            );
        }
    }
    Ok(Filter {
        statuses,
        priority: query.parse("priority", Priority::parse)?,
        queue_id: query.parse("queueId", Uuid::parse_str)?,
        agent_id: query.parse("agentId", Uuid::parse_str)?,
        unassigned: query.parse("unassigned", |v| v.parse::<bool>())?.unwrap_or(false),
        channel: query.parse("channel", Channel::parse)?,
        requester_id: query.parse("requesterId", Uuid::parse_str)?,
        tag_id: query.parse("tagId", Uuid::parse_str)?,
        tag_name: query.one("tag").filter(|t| !t.is_empty()).map(str::to_owned),
        created_after: query.parse("createdAfter", parse_time)?,
        created_before: query.parse("createdBefore", parse_time)?,
        updated_after: query.parse("updatedAfter", parse_time)?,
        updated_before: query.parse("updatedBefore", parse_time)?,
        topic: query.one("topic").filter(|t| !t.is_empty()).map(str::to_owned),
        short_id: query.parse("shortId", |v| v.parse::<i64>())?,
        parent_id: None,
        // The service narrows the list to the caller's reach.
        visible_to: None,
        sla: query.parse("sla", SlaState::parse)?,
        mentioned: query.parse("mentioned", Uuid::parse_str)?,
        sort: query.parse("sort", ConversationSort::parse)?.unwrap_or_default(),
    })
}

/// Infobip's update. A field set to null clears it (topic, summary) or unassigns (agentId).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchConversation {
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>)]
    pub topic: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>)]
    pub summary: Option<Option<String>>,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    pub queue_id: Option<Uuid>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub agent_id: Option<Option<Uuid>>,
}

#[utoipa::path(patch, path = "/v1/conversations/{conversationId}", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = PatchConversation,
    responses((status = 200, body = Data<Conversation>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<PatchConversation>,
) -> ApiResult<Json<Data<Conversation>>> {
    let changes = ConversationChanges {
        topic: b.topic,
        summary: b.summary,
        status: b.status,
        priority: b.priority,
        channel: b.channel,
        queue_id: b.queue_id,
        agent_id: b.agent_id,
    };
    Ok(Json(Data { data: s.service.update_conversation(&me, id, changes).await?.into() }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClaimBody {
    pub agent_id: Uuid,
    /// false (default): never take over a conversation assigned to someone else.
    #[serde(default)]
    pub force: bool,
}

#[utoipa::path(put, path = "/v1/conversations/{conversationId}/claim", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = ClaimBody,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn claim(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<ClaimBody>,
) -> ApiResult<StatusCode> {
    s.service.claim(&me, id, b.agent_id, b.force).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An optional agent/admin on whose behalf the action is taken.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserBody {
    pub user_id: Option<Uuid>,
}

#[utoipa::path(put, path = "/v1/conversations/{conversationId}/close", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body(content = Option<UserBody>),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn close(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    OptionalJsonBody(b): OptionalJsonBody<UserBody>,
) -> ApiResult<StatusCode> {
    s.service.close(&me, id, b.and_then(|b| b.user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The conversation another one is merged into, and optionally on whose behalf.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MergeBody {
    pub target_conversation_id: i64,
    pub user_id: Option<Uuid>,
}

/// Merges a conversation into another of the same customer: its messages and notes move to
/// the target's timeline and it is closed. Answers the target.
#[utoipa::path(post, path = "/v1/conversations/{conversationId}/merge", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = MergeBody,
    responses((status = 200, body = Data<Conversation>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn merge(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<MergeBody>,
) -> ApiResult<Json<Data<Conversation>>> {
    let target = s.service.merge(&me, id, b.target_conversation_id, b.user_id).await?;
    Ok(Json(Data { data: full(&s, &me, target.id).await? }))
}

#[utoipa::path(put, path = "/v1/conversations/{conversationId}/reopen", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body(content = Option<UserBody>),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn reopen(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    OptionalJsonBody(b): OptionalJsonBody<UserBody>,
) -> ApiResult<StatusCode> {
    s.service.reopen(&me, id, b.and_then(|b| b.user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransferBody {
    pub queue_id: Uuid,
    pub user_id: Option<Uuid>,
}

#[utoipa::path(put, path = "/v1/conversations/{conversationId}/transfer/queue", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = TransferBody,
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn transfer(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<TransferBody>,
) -> ApiResult<StatusCode> {
    s.service.transfer(&me, id, b.queue_id, b.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/v1/conversations/{conversationId}/tags/{tagId}", tag = "Conversations",
    params(("conversationId" = i64, Path), ("tagId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn tag(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams((id, tag)): PathParams<(i64, Uuid)>,
) -> ApiResult<StatusCode> {
    s.service.tag_conversation(&me, id, tag).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/v1/conversations/{conversationId}/tags/{tagId}", tag = "Conversations",
    params(("conversationId" = i64, Path), ("tagId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn untag(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams((id, tag)): PathParams<(i64, Uuid)>,
) -> ApiResult<StatusCode> {
    s.service.untag_conversation(&me, id, tag).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/conversations/{conversationId}/tags", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = List<Tag>), (status = 404, body = ErrorBody)))]
pub async fn tags(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<List<Tag>>> {
    Ok(Json(List { data: s.service.conversation_tags(&me, id).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/conversations/{conversationId}/activitylog", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = List<Activity>), (status = 404, body = ErrorBody)))]
pub async fn activity_log(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<List<Activity>>> {
    let entries = s.service.activity_log(&me, id).await?;
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let author = match e.author_id {
            Some(a) => Some(author_of(&s, &me, a).await?),
            None => None,
        };
        out.push(Activity::new(e, author));
    }
    Ok(Json(List { data: out }))
}

/// An author is an agent or, for the customer's own messages, an end user.
async fn author_of(s: &AppState, me: &User, id: Uuid) -> ApiResult<ActivityAuthor> {
    if let Ok(u) = s.service.agent(me, id).await {
        return Ok(ActivityAuthor { id, name: Some(u.display_name), email: u.email, phone_number: u.phone_number });
    }
    if let Ok(u) = s.service.end_user(me, id).await {
        return Ok(ActivityAuthor { id, name: u.display_name, email: u.email, phone_number: u.phone_number });
    }
    Ok(ActivityAuthor { id, name: None, email: None, phone_number: None })
}

/// A single conversation with its custom attribute values.
pub async fn full(s: &AppState, me: &User, id: i64) -> ApiResult<Conversation> {
    let view = s.service.conversation_view(me, id).await?;
    let mut dto = Conversation::from(view.conversation);
    dto.custom_attributes = Some(view.attributes.into_iter().map(Into::into).collect());
    dto.sla = view.sla.map(Into::into);
    dto.tags = Some(view.tags.into_iter().map(Into::into).collect());
    dto.mentioned_agent_ids = Some(view.mentioned);
    Ok(dto)
}

/// Infobip's route: unassigns the conversation and routes it again (409 when Closed).
#[utoipa::path(post, path = "/v1/conversations/{conversationId}/route", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = Data<Conversation>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn route(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Data<Conversation>>> {
    s.service.route(&me, id).await?;
    Ok(Json(Data { data: full(&s, &me, id).await? }))
}

/// Bot handover: the bot that served the conversation hands it to people; the routes pick the
/// queue as for a new conversation and automatic assignment finds an agent (409 when an agent
/// already holds it or it is Closed).
#[utoipa::path(post, path = "/v1/conversations/{conversationId}/handover", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = Data<Conversation>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn handover(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Data<Conversation>>> {
    s.service.handover(&me, id).await?;
    Ok(Json(Data { data: full(&s, &me, id).await? }))
}

#[utoipa::path(get, path = "/v1/conversations/{conversationId}/metadata", tag = "Conversations", params(("conversationId" = i64, Path)),
    responses((status = 200, body = Data<Object>), (status = 404, body = ErrorBody)))]
pub async fn metadata(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Data<serde_json::Map<String, serde_json::Value>>>> {
    Ok(Json(Data { data: s.service.conversation(&me, id).await?.metadata }))
}

/// Replaces the metadata: a JSON object shown to agents (at most 64 KiB).
#[utoipa::path(put, path = "/v1/conversations/{conversationId}/metadata", tag = "Conversations", params(("conversationId" = i64, Path)),
    request_body = Object,
    responses((status = 200, body = Data<Object>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn set_metadata(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<serde_json::Value>,
) -> ApiResult<Json<Data<serde_json::Map<String, serde_json::Value>>>> {
    let serde_json::Value::Object(map) = b else {
        return Err(ApiError::bad_request("Invalid value for: body, metadata must be a JSON object"));
    };
    Ok(Json(Data { data: s.service.set_metadata(&me, id, map).await? }))
}

/// The organization's activity log, oldest first, paged.
#[utoipa::path(get, path = "/v1/conversations/activitylog", tag = "Conversations",
    params(("fromDatetime" = Option<String>, Query), ("toDatetime" = Option<String>, Query), ("pageKey" = Option<String>, Query), ("pageLimit" = Option<u32>, Query)),
    responses((status = 200, body = Paged<Activity>), (status = 400, body = ErrorBody)))]
pub async fn organization_activity(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    query: QueryPairs,
) -> ApiResult<Json<Paged<Activity>>> {
    let limit = paging::page_limit(&query)?;
    let from = query.parse("fromDatetime", parse_time)?;
    let to = query.parse("toDatetime", parse_time)?;
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(ApiError::bad_request(
                "Validation failure when retrieving data: fromDatetime is after toDatetime",
            ));
        }
    }
    let after = match query.one("pageKey").filter(|k| !k.is_empty()) {
        Some(_) => Some(
            paging::decode_time_text_key(&query)?
                .and_then(|(seq, _)| (seq > 0).then_some(seq))
                .ok_or_else(|| ApiError::bad_request("Invalid value for: query parameter pageKey"))?,
        ),
        None => None,
    };
    let page = s.service.organization_activity(&me, from, to, after, limit).await?;
    let mut out = Vec::with_capacity(page.items.len());
    for e in page.items {
        let author = match e.author_id {
            Some(a) => Some(author_of(&s, &me, a).await?),
            None => None,
        };
        out.push(Activity::new(e, author));
    }
    let next = page.next.map(|seq| {
        paging::next_url(
            &headers,
            "/v1/conversations/activitylog",
            &query,
            paging::encode_key(&[seq.to_string(), String::new()]),
        )
    });
    Ok(Json(Paged { data: out, meta: Meta { next } }))
}

/// Entry points per channel; without `channel`, those of PstnPhone (as Dixa does).
#[utoipa::path(get, path = "/v1/conversations/flows", tag = "Conversations", params(("channel" = Option<Channel>, Query)),
    responses((status = 200, body = List<Flow>), (status = 400, body = ErrorBody)))]
pub async fn flows(State(s): State<AppState>, Caller(me): Caller, query: QueryPairs) -> ApiResult<Json<List<Flow>>> {
    let channel = query.parse("channel", Channel::parse)?.unwrap_or(Channel::PstnPhone);
    Ok(Json(List { data: s.service.flows(&me, channel).await?.into_iter().map(Into::into).collect() }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(handover))
        .routes(routes!(create, list))
        .routes(routes!(get, patch))
        .routes(routes!(claim))
        .routes(routes!(close))
        .routes(routes!(reopen))
        .routes(routes!(merge))
        .routes(routes!(transfer))
        .routes(routes!(tag, untag))
        .routes(routes!(tags))
        .routes(routes!(activity_log))
        .routes(routes!(route))
        .routes(routes!(metadata, set_metadata))
        .routes(routes!(organization_activity))
        .routes(routes!(flows))
}

//! Service-level agreements: `/v1/sla-policies` (the ordered list; send to top or to a
//! position), a conversation's SLA and severity (`/v1/conversations/{id}/sla`), and the breaches
//! recorded for reports (`/v1/sla/breaches`).

use crate::dto::{ts, Data, List, Meta, Paged};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{parse_time, Caller, JsonBody, PathParams, QueryPairs};
use crate::{paging, AppState};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::sla::{MetricState, PolicySpec};
use switchboard_service::sla::{Policy, PolicyChanges, PolicyFields, SlaView};
use utoipa::ToSchema;
use uuid::Uuid;

/// An SLA policy.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlaPolicy {
    pub id: Uuid,
    pub name: String,
    pub enabled: bool,
    /// Its place in the list (0 is the top, the most important).
    pub position: i64,
    #[serde(flatten)]
    pub spec: PolicySpec,
    pub created_at: String,
    pub updated_at: String,
}

impl From<Policy> for SlaPolicy {
    fn from(p: Policy) -> Self {
        SlaPolicy {
            id: p.row.id,
            name: p.row.name,
            enabled: p.row.enabled,
            position: p.row.position,
            spec: p.spec,
            created_at: ts(p.row.created_at),
            updated_at: ts(p.row.updated_at),
        }
    }
}

/// A new policy: its rules, and optionally a name (default "SLA policy #N"), the enabled
/// switch (on by default) and a position (the end of the list by default).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CreateSlaPolicy {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub position: Option<usize>,
    #[serde(flatten)]
    pub spec: PolicySpec,
}

#[utoipa::path(post, path = "/v1/sla-policies", tag = "SLA", request_body = CreateSlaPolicy,
    responses((status = 201, body = Data<SlaPolicy>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn create(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<CreateSlaPolicy>,
) -> ApiResult<(StatusCode, Json<Data<SlaPolicy>>)> {
    let fields = PolicyFields { name: b.name, enabled: b.enabled, spec: b.spec };
    let p = s.service.create_sla_policy(&me, fields, b.position).await?;
    Ok((StatusCode::CREATED, Json(Data { data: p.into() })))
}

/// Every policy, in list order.
#[utoipa::path(get, path = "/v1/sla-policies", tag = "SLA", responses((status = 200, body = List<SlaPolicy>)))]
pub async fn list(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<List<SlaPolicy>>> {
    Ok(Json(List { data: s.service.sla_policies(&me).await?.into_iter().map(Into::into).collect() }))
}

#[utoipa::path(get, path = "/v1/sla-policies/{policyId}", tag = "SLA", params(("policyId" = Uuid, Path)),
    responses((status = 200, body = Data<SlaPolicy>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<Data<SlaPolicy>>> {
    Ok(Json(Data { data: s.service.sla_policy(&me, id).await?.into() }))
}

/// Changes to a policy: `conditions` and `severities` (with the other rules) replace its rules
/// when given; absent fields are kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PatchSlaPolicy {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub conditions: Option<Vec<Vec<switchboard_engine::conditions::ConditionSpec>>>,
    pub queues: Option<Vec<Uuid>>,
    pub ignored_queues: Option<Vec<Uuid>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_from: Option<Option<chrono::NaiveDate>>,
    #[serde(default, deserialize_with = "crate::extract::double_option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub valid_until: Option<Option<chrono::NaiveDate>>,
    pub exclude_automated: Option<bool>,
    pub severities: Option<Vec<switchboard_engine::sla::Severity>>,
}

/// Changes a policy; every open conversation is recalculated.
#[utoipa::path(patch, path = "/v1/sla-policies/{policyId}", tag = "SLA", params(("policyId" = Uuid, Path)),
    request_body = PatchSlaPolicy,
    responses((status = 200, body = Data<SlaPolicy>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn patch(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<PatchSlaPolicy>,
) -> ApiResult<Json<Data<SlaPolicy>>> {
    let changes = PolicyChanges {
        name: b.name,
        enabled: b.enabled,
        conditions: b.conditions,
        queues: b.queues,
        ignored_queues: b.ignored_queues,
        valid_from: b.valid_from,
        valid_until: b.valid_until,
        exclude_automated: b.exclude_automated,
        severities: b.severities,
    };
    Ok(Json(Data { data: s.service.update_sla_policy(&me, id, changes).await?.into() }))
}

/// Deletes a policy: it applies to no conversation anymore.
#[utoipa::path(delete, path = "/v1/sla-policies/{policyId}", tag = "SLA", params(("policyId" = Uuid, Path)),
    responses((status = 204), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.delete_sla_policy(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct Position {
    /// 0 sends the policy to the top; past the end puts it last.
    pub position: usize,
}

/// Moves a policy in the list ("send to top", "send to position").
#[utoipa::path(put, path = "/v1/sla-policies/{policyId}/position", tag = "SLA", params(("policyId" = Uuid, Path)),
    request_body = Position,
    responses((status = 200, body = List<SlaPolicy>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn position(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    JsonBody(b): JsonBody<Position>,
) -> ApiResult<Json<List<SlaPolicy>>> {
    let all = s.service.move_sla_policy(&me, id, b.position).await?;
    Ok(Json(List { data: all.into_iter().map(Into::into).collect() }))
}

/// A severity to choose from.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeverityChoice {
    pub id: Uuid,
    pub name: String,
}

/// A conversation's SLA: its policy, severity and the state of each metric.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSla {
    pub policy_id: Uuid,
    pub policy_name: String,
    pub severity_id: Uuid,
    pub severity_name: String,
    /// The policy's severities (the first is its Default).
    pub severities: Vec<SeverityChoice>,
    pub metrics: Vec<MetricState>,
    /// Any metric breached so far.
    pub breached: bool,
    /// The next deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_due: Option<String>,
}

impl From<SlaView> for ConversationSla {
    fn from(v: SlaView) -> Self {
        ConversationSla {
            policy_id: v.policy_id,
            policy_name: v.policy_name,
            severity_id: v.severity_id,
            severity_name: v.severity_name,
            severities: v.severities.into_iter().map(|(id, name)| SeverityChoice { id, name }).collect(),
            metrics: v.metrics,
            breached: v.breached,
            next_due: v.next_due.map(ts),
        }
    }
}

/// A conversation's SLA; `data` is null when no policy applies to it.
#[utoipa::path(get, path = "/v1/conversations/{conversationId}/sla", tag = "SLA", params(("conversationId" = i64, Path)),
    responses((status = 200, body = Data<Option<ConversationSla>>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn conversation(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
) -> ApiResult<Json<Data<Option<ConversationSla>>>> {
    Ok(Json(Data { data: s.service.conversation_sla(&me, id).await?.map(Into::into) }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeverityBody {
    /// One of the policy's severities.
    pub severity_id: Uuid,
}

/// Sets the conversation's severity (409 when no policy applies or it is Closed).
#[utoipa::path(patch, path = "/v1/conversations/{conversationId}/sla", tag = "SLA", params(("conversationId" = i64, Path)),
    request_body = SeverityBody,
    responses((status = 200, body = Data<ConversationSla>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn set_severity(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<i64>,
    JsonBody(b): JsonBody<SeverityBody>,
) -> ApiResult<Json<Data<ConversationSla>>> {
    Ok(Json(Data { data: s.service.set_severity(&me, id, b.severity_id).await?.into() }))
}

/// A recorded breach.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SlaBreach {
    pub conversation_id: i64,
    pub metric: String,
    /// Which wait of the metric (next reply counts each).
    pub cycle: i64,
    pub policy_id: Uuid,
    pub severity: String,
    pub breached_at: String,
}

/// Breaches between two moments, oldest first, paged.
#[utoipa::path(get, path = "/v1/sla/breaches", tag = "SLA",
    params(("fromDatetime" = String, Query, format = DateTime), ("toDatetime" = String, Query, format = DateTime), ("pageKey" = Option<String>, Query),
        ("pageLimit" = Option<u32>, Query)),
    responses((status = 200, body = Paged<SlaBreach>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn breaches(
    State(s): State<AppState>,
    Caller(me): Caller,
    headers: HeaderMap,
    query: QueryPairs,
) -> ApiResult<Json<Paged<SlaBreach>>> {
    let limit = paging::page_limit(&query)?;
    let from = query
        .parse("fromDatetime", parse_time)?
        .ok_or_else(|| ApiError::bad_request("Invalid value for: query parameter fromDatetime"))?;
    let to = query
        .parse("toDatetime", parse_time)?
        .ok_or_else(|| ApiError::bad_request("Invalid value for: query parameter toDatetime"))?;
    if from > to {
        return Err(ApiError::bad_request("Validation failure when retrieving data: fromDatetime is after toDatetime"));
    }
    let bad_key = || ApiError::bad_request("Invalid value for: query parameter pageKey");
    let after = match paging::decode_parts(&query, 4)? {
        Some(p) => Some((
            p[0].parse().map_err(|_| bad_key())?,
            p[1].parse().map_err(|_| bad_key())?,
            p[2].clone(),
            p[3].parse().map_err(|_| bad_key())?,
        )),
        None => None,
    };
    let rows = s.service.sla_breaches(&me, from, to, after, limit + 1).await?;
    let more = rows.len() > limit as usize;
    let rows: Vec<_> = rows.into_iter().take(limit as usize).collect();
    let next = match (more, rows.last()) {
        (true, Some(last)) => Some(paging::next_url(
            &headers,
            "/v1/sla/breaches",
            &query,
            paging::encode_key(&[
                last.breached_at.timestamp_millis().to_string(),
                last.conversation_id.to_string(),
                last.metric.clone(),
                last.cycle.to_string(),
            ]),
        )),
        _ => None,
    };
    let data = rows
        .into_iter()
        .map(|b| SlaBreach {
            conversation_id: b.conversation_id,
            metric: b.metric,
            cycle: b.cycle,
            policy_id: b.policy_id,
            severity: b.severity,
            breached_at: ts(b.breached_at),
        })
        .collect();
    Ok(Json(Paged { data, meta: Meta { next } }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get, patch, delete))
        .routes(routes!(position))
        .routes(routes!(conversation, set_severity))
        .routes(routes!(breaches))
}

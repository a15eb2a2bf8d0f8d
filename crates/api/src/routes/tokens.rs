//! `/v1/agents/{agentId}/tokens`: named API tokens for integrations and bots, listed with their
//! last use and revocable.

use crate::dto::{ts, Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, OptionalJsonBody, PathParams};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::credentials::TokenKind;
use switchboard_service::store::tokens::Token;
use utoipa::ToSchema;
use uuid::Uuid;

/// A token as listed: never the secret itself.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    pub id: Uuid,
    pub name: String,
    pub kind: TokenKind,
    pub created_at: String,
    /// When it last signed a request in (to the minute); absent if never.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
}

impl From<Token> for TokenInfo {
    fn from(t: Token) -> Self {
        TokenInfo {
            id: t.id,
            name: t.name,
            kind: t.kind,
            created_at: ts(t.created_at),
            last_used_at: t.last_used_at.map(ts),
        }
    }
}

/// A token just issued: the secret, shown this once, and its record.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IssuedToken {
    pub token: String,
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IssueToken {
    /// 1 to 100 characters, unique per user (without case); when absent, the first free
    /// "API token", "API token 2"...
    #[schema(max_length = 100)]
    pub name: Option<String>,
    /// When a token of this name exists: revoke it and issue a new one (else 409).
    #[serde(default)]
    pub replace: bool,
}

/// Issues a named API token for a user, for an integration or a bot. A token acts as its user:
/// only the user themselves or an admin may have one issued. A name in use is refused unless
/// `replace` is set, which revokes the old token.
#[utoipa::path(post, path = "/v1/agents/{agentId}/tokens", tag = "Agents", params(("agentId" = Uuid, Path)),
    request_body(content = Option<IssueToken>),
    responses((status = 201, body = Data<IssuedToken>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn issue(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
    OptionalJsonBody(b): OptionalJsonBody<IssueToken>,
) -> ApiResult<(StatusCode, Json<Data<IssuedToken>>)> {
    let b = b.unwrap_or_default();
    let issued = s.service.issue_token(&me, id, b.name.as_deref(), b.replace).await?;
    let data = IssuedToken { token: issued.token, id: issued.record.id, name: issued.record.name };
    Ok((StatusCode::CREATED, Json(Data { data })))
}

/// A user's API tokens, most recently used first.
#[utoipa::path(get, path = "/v1/agents/{agentId}/tokens", tag = "Agents", params(("agentId" = Uuid, Path)),
    responses((status = 200, body = List<TokenInfo>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<Json<List<TokenInfo>>> {
    let data = s.service.api_tokens(&me, id).await?.into_iter().map(Into::into).collect();
    Ok(Json(List { data }))
}

/// Revokes one of a user's API tokens: it signs nothing in from now on.
#[utoipa::path(delete, path = "/v1/agents/{agentId}/tokens/{tokenId}", tag = "Agents",
    params(("agentId" = Uuid, Path), ("tokenId" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams((agent, token)): PathParams<(Uuid, Uuid)>,
) -> ApiResult<StatusCode> {
    s.service.revoke_token(&me, agent, token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(issue, list)).routes(routes!(revoke))
}

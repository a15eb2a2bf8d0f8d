//! Signing in: `/v1/auth` (sign in with email and password, sign out, invite and reset links)
//! and the caller's own sessions and password under `/v1/me`. Signing in and using a link are
//! the only endpoints that need no token.

use crate::dto::{ts, Data, List};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, CurrentToken, JsonBody, PathParams, Peer};
use crate::routes::agents::Me;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::credentials::{LinkPurpose, TokenKind};
use switchboard_service::sign_in::{Attempt, Begun, IssuedLink};
use switchboard_service::store::tokens::Token;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignInBody {
    pub email: String,
    #[schema(max_length = 256)]
    pub password: String,
}

/// A browser's session, as its user sees it in their list.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub id: Uuid,
    /// Session (a browser signed in with a password) or Desktop (the app on this computer).
    pub kind: TokenKind,
    /// The browser or computer, as it named itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    pub created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen_at: Option<String>,
    /// The session this request came with.
    pub current: bool,
}

fn session(t: Token, current: Option<Uuid>) -> Session {
    Session {
        id: t.id,
        kind: t.kind,
        device: t.device,
        created_at: ts(t.created_at),
        last_seen_at: t.last_used_at.map(ts),
        current: Some(t.id) == current,
    }
}

/// A session just begun: the bearer token for the `Authorization` header (shown this once), the
/// session and who signed in.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignedIn {
    pub token: String,
    pub session: Session,
    pub agent: Me,
}

fn signed_in(b: Begun) -> SignedIn {
    let id = b.session.id;
    SignedIn { token: b.token, session: session(b.session, Some(id)), agent: Me::new(b.user, true) }
}

/// Signs in with email and password and begins a session. A wrong password and an unknown email
/// get the same 401; after 5 failures for an email within 15 minutes (or 20 from one address)
/// attempts are refused with 429 and `Retry-After` until the oldest failure is 15 minutes old.
#[utoipa::path(post, path = "/v1/auth/sign-in", tag = "Sign-in", request_body = SignInBody, security(()),
    responses((status = 201, body = Data<SignedIn>), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn sign_in(
    State(s): State<AppState>,
    peer: Peer,
    JsonBody(b): JsonBody<SignInBody>,
) -> ApiResult<(StatusCode, Json<Data<SignedIn>>)> {
    let attempt = Attempt {
        email: b.email,
        password: b.password,
        address: peer.address.map(|a| a.to_string()),
        device: peer.user_agent,
    };
    let begun = s.service.sign_in(attempt).await?;
    Ok((StatusCode::CREATED, Json(Data { data: signed_in(begun) })))
}

/// Signs out: the browser session this request came with stops working. With an API token it
/// changes nothing (the token is revoked under `/v1/agents/{id}/tokens`); the client forgets it.
#[utoipa::path(post, path = "/v1/auth/sign-out", tag = "Sign-in", responses((status = 204)))]
pub async fn sign_out(
    State(s): State<AppState>,
    Caller(me): Caller,
    CurrentToken(token): CurrentToken,
) -> ApiResult<StatusCode> {
    s.service.sign_out(&me, token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What a one-time link is for, before its password is set.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LinkDto {
    /// Invite (a new user sets their first password) or Reset (a new password).
    pub purpose: LinkPurpose,
    pub display_name: String,
    pub email: String,
    pub expires_at: String,
}

/// What a link is for and whose it is. 404 for a link that never was, 410 for one used or expired.
#[utoipa::path(get, path = "/v1/auth/links/{linkToken}", tag = "Sign-in", params(("linkToken" = String, Path)), security(()),
    responses((status = 200, body = Data<LinkDto>), (status = 404, body = ErrorBody), (status = 410, body = ErrorBody)))]
pub async fn link(State(s): State<AppState>, PathParams(token): PathParams<String>) -> ApiResult<Json<Data<LinkDto>>> {
    let info = s.service.link_info(&token).await?;
    Ok(Json(Data {
        data: LinkDto {
            purpose: info.purpose,
            display_name: info.display_name,
            email: info.email,
            expires_at: ts(info.expires_at),
        },
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SetPasswordBody {
    /// 10 to 256 characters, not the email address.
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
}

/// Sets the password through a link (once) and signs in: the user's other sessions end.
#[utoipa::path(post, path = "/v1/auth/links/{linkToken}", tag = "Sign-in", params(("linkToken" = String, Path)),
    request_body = SetPasswordBody, security(()),
    responses((status = 201, body = Data<SignedIn>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 410, body = ErrorBody)))]
pub async fn use_link(
    State(s): State<AppState>,
    peer: Peer,
    PathParams(token): PathParams<String>,
    JsonBody(b): JsonBody<SetPasswordBody>,
) -> ApiResult<(StatusCode, Json<Data<SignedIn>>)> {
    let begun = s.service.accept_link(&token, b.password, peer.user_agent).await?;
    Ok((StatusCode::CREATED, Json(Data { data: signed_in(begun) })))
}

/// A link just made, to hand to its user: the secret, shown once, and the UI's path that uses it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IssuedLinkDto {
    pub token: String,
    /// The UI's page for it, to append to the address the user opens Switchboard at.
    pub path: String,
    pub purpose: LinkPurpose,
    pub expires_at: String,
    /// The address it was emailed to, when an SMTP server is set up and took it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emailed_to: Option<String>,
    /// Why emailing it failed (the link works all the same: copy it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_error: Option<String>,
}

fn issued(l: IssuedLink) -> IssuedLinkDto {
    IssuedLinkDto {
        path: switchboard_service::sign_in::link_path(&l.token),
        token: l.token,
        purpose: l.purpose,
        expires_at: ts(l.expires_at),
        emailed_to: l.emailed_to,
        email_error: l.email_error,
    }
}

/// Invites a user: a one-time link, valid 7 days, where they set their password. A new invite
/// ends the previous unused link. The user needs an email address.
#[utoipa::path(post, path = "/v1/agents/{agentId}/invite", tag = "Sign-in", params(("agentId" = Uuid, Path)),
    responses((status = 201, body = Data<IssuedLinkDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn invite(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<(StatusCode, Json<Data<IssuedLinkDto>>)> {
    let link = s.service.issue_link(&me, id, LinkPurpose::Invite).await?;
    Ok((StatusCode::CREATED, Json(Data { data: issued(link) })))
}

/// Lets a user set a new password: a one-time link, valid 24 hours. Their sessions end when it
/// is used.
#[utoipa::path(post, path = "/v1/agents/{agentId}/password-reset", tag = "Sign-in", params(("agentId" = Uuid, Path)),
    responses((status = 201, body = Data<IssuedLinkDto>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn password_reset(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<(StatusCode, Json<Data<IssuedLinkDto>>)> {
    let link = s.service.issue_link(&me, id, LinkPurpose::Reset).await?;
    Ok((StatusCode::CREATED, Json(Data { data: issued(link) })))
}

/// The caller's sessions: browsers signed in with their password, and the desktop app.
#[utoipa::path(get, path = "/v1/me/sessions", tag = "Sign-in", responses((status = 200, body = List<Session>)))]
pub async fn sessions(
    State(s): State<AppState>,
    Caller(me): Caller,
    CurrentToken(current): CurrentToken,
) -> ApiResult<Json<List<Session>>> {
    let data = s.service.sessions(&me).await?.into_iter().map(|t| session(t, Some(current))).collect();
    Ok(Json(List { data }))
}

/// Ends one of the caller's sessions (that browser is signed out).
#[utoipa::path(delete, path = "/v1/me/sessions/{sessionId}", tag = "Sign-in", params(("sessionId" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn revoke_session(
    State(s): State<AppState>,
    Caller(me): Caller,
    PathParams(id): PathParams<Uuid>,
) -> ApiResult<StatusCode> {
    s.service.revoke_session(&me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangePasswordBody {
    #[schema(max_length = 256)]
    pub current_password: String,
    /// 10 to 256 characters, not the email address.
    #[schema(min_length = 10, max_length = 256)]
    pub new_password: String,
}

/// Changes the caller's password; their other browser sessions end, this one stays.
#[utoipa::path(put, path = "/v1/me/password", tag = "Sign-in", request_body = ChangePasswordBody,
    responses((status = 204), (status = 400, body = ErrorBody)))]
pub async fn change_password(
    State(s): State<AppState>,
    Caller(me): Caller,
    CurrentToken(token): CurrentToken,
    JsonBody(b): JsonBody<ChangePasswordBody>,
) -> ApiResult<StatusCode> {
    s.service.change_password(&me, token, b.current_password, b.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The routes that need no token.
pub fn public_router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(sign_in)).routes(routes!(link, use_link))
}

/// The routes of a signed-in caller.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new()
        .routes(routes!(sign_out))
        .routes(routes!(invite))
        .routes(routes!(password_reset))
        .routes(routes!(sessions))
        .routes(routes!(revoke_session))
        .routes(routes!(change_password))
}

#[cfg(test)]
mod tests {
    /// utoipa takes only literals for limits: these keep them equal to the engine's.
    #[test]
    fn the_documented_password_limits_are_the_engines() {
        use switchboard_engine::credentials::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
        assert_eq!(MIN_PASSWORD_CHARS, 10);
        assert_eq!(MAX_PASSWORD_CHARS, 256);
    }
}

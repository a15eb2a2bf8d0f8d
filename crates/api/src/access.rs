//! Permission checks of the handlers: a role's permission (403 otherwise), and whether a
//! conversation is within the caller's reach (agents: their queues and their own).

use crate::error::{ApiError, ApiResult};
use crate::extract::Caller;
use crate::AppState;
use axum::extract::{MatchedPath, Request};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use switchboard_engine::access::{self, Permission, Principal, Reach};
use switchboard_service::store::users::User;
use uuid::Uuid;

fn principal(user: &User) -> Principal<'_> {
    Principal { user_type: user.user_type, roles: &user.roles }
}

/// 403 unless the caller holds the permission.
pub fn require(user: &User, permission: Permission) -> ApiResult<()> {
    access::require(principal(user), permission).map_err(|m| ApiError::new(StatusCode::FORBIDDEN, m))
}

/// The queues an agent works in, when their reach is limited to them (decided by the service).
pub async fn reach(s: &AppState, user: &User) -> ApiResult<Option<Vec<Uuid>>> {
    Ok(match s.service.reach_of(user).await? {
        Reach::All => None,
        Reach::Agent { queues, .. } => Some(queues),
        Reach::Nothing => Some(Vec::new()),
    })
}

/// 403 unless the caller may work on this conversation (404 first when it doesn't exist).
pub async fn conversation(s: &AppState, user: &User, id: i64) -> ApiResult<()> {
    s.service.ensure_conversation_reach(user, id).await?;
    Ok(())
}

/// What each route requires. Checked before the request is read, so a caller without the
/// permission learns nothing about what a valid request would look like.
pub fn route_permission(method: &Method, path: &str) -> Option<Permission> {
    let writes = method != Method::GET;
    let directory = |p: &str| {
        [
            "/v1/agents",
            "/v1/queues",
            "/v1/tags",
            "/v1/custom-attributes",
            "/v1/contact-endpoints",
            "/v1/teams",
            "/v1/routes",
            "/v1/agent-statuses",
            "/v1/settings",
            "/v1/working-hours",
            "/v1/waiting-strategies",
            "/v1/audio-files",
            "/v1/sla-policies",
        ]
        .iter()
        .any(|prefix| p == *prefix || p.starts_with(&format!("{prefix}/")))
    };
    Some(match path {
        // Tokens: the user themselves or an admin, which the service decides.
        "/v1/me" | "/v1/time" | "/v1/agents/{agentId}/tokens" => return None,
        // Subscriptions hold URLs and secrets: reading them is part of the setup too.
        p if p == "/v1/webhooks" || p.starts_with("/v1/webhooks/") => Permission::Configure,
        "/v1/conversations/activitylog" | "/v1/agents/status-log" | "/v1/sla/breaches" => Permission::Reports,
        // Agents set their own status; the service checks whose status it is.
        "/v1/agents/{agentId}/status" if writes => Permission::Conversations,
        "/v1/conversations/flows" => Permission::ReadDirectory,
        p if p.ends_with("/anonymize") => Permission::Anonymize,
        p if p.starts_with("/v1/conversations")
            || p.starts_with("/v1/search")
            || p == "/v1/events"
            || (p.starts_with("/v1/endusers/") && p.ends_with("/conversations")) =>
        {
            Permission::Conversations
        }
        p if p.starts_with("/v1/endusers") || p.starts_with("/v1/companies") => {
            if writes {
                Permission::ManageEndUsers
            } else {
                Permission::ReadDirectory
            }
        }
        p if directory(p) => {
            if writes {
                Permission::Configure
            } else {
                Permission::ReadDirectory
            }
        }
        // A route nobody thought about is for those who may change everything.
        _ => Permission::Configure,
    })
}

/// Refuses a route the authenticated caller has no permission for (runs after authentication).
pub async fn authorize(req: Request, next: Next) -> Response {
    let needed = req.extensions().get::<MatchedPath>().and_then(|m| route_permission(req.method(), m.as_str()));
    if let (Some(permission), Some(Caller(user))) = (needed, req.extensions().get::<Caller>()) {
        if let Err(e) = require(user, permission) {
            return e.into_response();
        }
    }
    next.run(req).await
}

//! `/v1/settings/email`: the SMTP server invite and reset links are emailed through, and a test
//! message. It holds credentials: only those who change the setup read it.

use crate::dto::Data;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Caller, JsonBody, OptionalJsonBody};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use switchboard_engine::mail::{SmtpSecurity, SmtpSetup};
use switchboard_service::mail::{PasswordChange, SmtpView};
use utoipa::ToSchema;

/// The SMTP setup as read back: never the password, only whether one is set.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailSettings {
    /// Whether an SMTP server is set up (else links are only shown to copy).
    pub configured: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<SmtpSecurity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    pub has_password: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_name: Option<String>,
    /// The address people open Switchboard at; links in emails start with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_address: Option<String>,
}

impl From<Option<SmtpView>> for EmailSettings {
    fn from(v: Option<SmtpView>) -> Self {
        match v {
            None => EmailSettings {
                configured: false,
                host: None,
                port: None,
                security: None,
                username: None,
                has_password: false,
                from_address: None,
                from_name: None,
                public_address: None,
            },
            Some(SmtpView { setup, has_password }) => EmailSettings {
                configured: true,
                host: Some(setup.host),
                port: Some(setup.port),
                security: Some(setup.security),
                username: setup.username,
                has_password,
                from_address: Some(setup.from_address),
                from_name: setup.from_name,
                public_address: Some(setup.public_address),
            },
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmailSettingsBody {
    #[schema(max_length = 253)]
    pub host: String,
    /// The security's usual port when absent (587 StartTls, 465 Tls, 25 None).
    pub port: Option<u16>,
    #[serde(default)]
    pub security: SmtpSecurity,
    #[schema(max_length = 200)]
    pub username: Option<String>,
    /// Absent keeps the stored password; "" removes it.
    #[schema(max_length = 500)]
    pub password: Option<String>,
    #[schema(max_length = 320)]
    pub from_address: String,
    #[schema(max_length = 200)]
    pub from_name: Option<String>,
    /// `http(s)://host[:port]`, the address people open Switchboard at.
    pub public_address: String,
}

/// The SMTP setup.
#[utoipa::path(get, path = "/v1/settings/email", tag = "Settings",
    responses((status = 200, body = Data<EmailSettings>), (status = 403, body = ErrorBody)))]
pub async fn email(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<Json<Data<EmailSettings>>> {
    Ok(Json(Data { data: s.service.smtp(&me).await?.into() }))
}

/// Sets up the SMTP server: invite and reset links are emailed from now on.
#[utoipa::path(put, path = "/v1/settings/email", tag = "Settings", request_body = EmailSettingsBody,
    responses((status = 200, body = Data<EmailSettings>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn set_email(
    State(s): State<AppState>,
    Caller(me): Caller,
    JsonBody(b): JsonBody<EmailSettingsBody>,
) -> ApiResult<Json<Data<EmailSettings>>> {
    let setup = SmtpSetup {
        host: b.host,
        port: b.port.unwrap_or_else(|| b.security.default_port()),
        security: b.security,
        username: b.username,
        from_address: b.from_address,
        from_name: b.from_name,
        public_address: b.public_address,
    };
    let password = match b.password {
        None => PasswordChange::Keep,
        Some(p) if p.is_empty() => PasswordChange::Clear,
        Some(p) => PasswordChange::Set(p),
    };
    Ok(Json(Data { data: Some(s.service.set_smtp(&me, setup, password).await?).into() }))
}

/// Removes the SMTP setup: links are shown to copy only.
#[utoipa::path(delete, path = "/v1/settings/email", tag = "Settings",
    responses((status = 204), (status = 403, body = ErrorBody)))]
pub async fn clear_email(State(s): State<AppState>, Caller(me): Caller) -> ApiResult<StatusCode> {
    s.service.clear_smtp(&me).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TestEmailBody {
    /// Where to send it; the caller's own address when absent.
    pub to: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TestEmailSent {
    pub to: String,
}

/// Sends a test message through the SMTP setup. 409 when none is set up, 502 with the server's
/// refusal when it fails.
#[utoipa::path(post, path = "/v1/settings/email/test", tag = "Settings", request_body(content = Option<TestEmailBody>),
    responses((status = 200, body = Data<TestEmailSent>), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 502, body = ErrorBody)))]
pub async fn test_email(
    State(s): State<AppState>,
    Caller(me): Caller,
    OptionalJsonBody(b): OptionalJsonBody<TestEmailBody>,
) -> ApiResult<Json<Data<TestEmailSent>>> {
    let to = s.service.send_test_email(&me, b.unwrap_or_default().to).await?;
    Ok(Json(Data { data: TestEmailSent { to } }))
}

/// This resource's routes, documented.
pub fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::OpenApiRouter;
    use utoipa_axum::routes;
    OpenApiRouter::new().routes(routes!(email, set_email, clear_email)).routes(routes!(test_email))
}

//! API errors: a status code and a JSON `{"message": ...}` naming the problem.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use switchboard_service::ServiceError;
use utoipa::ToSchema;

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// What was wrong, for a person to read.
    pub message: String,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// Seconds after which a throttled client may try again (`Retry-After`).
    pub retry_after: Option<i64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into(), retry_after: None }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        let status = match &e {
            ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
            ServiceError::Invalid(_) | ServiceError::Unknown(_) => StatusCode::BAD_REQUEST,
            ServiceError::Conflict(_) => StatusCode::CONFLICT,
            ServiceError::Forbidden(_) => StatusCode::FORBIDDEN,
            ServiceError::Unauthorized | ServiceError::SignIn(_) => StatusCode::UNAUTHORIZED,
            ServiceError::Gone(_) => StatusCode::GONE,
            ServiceError::Upstream(_) => StatusCode::BAD_GATEWAY,
            ServiceError::Throttled { retry_after, .. } => {
                let mut error = ApiError::new(StatusCode::TOO_MANY_REQUESTS, e.to_string());
                error.retry_after = Some(*retry_after);
                return error;
            }
            ServiceError::Store(_) | ServiceError::Io(_) | ServiceError::Internal(_) => {
                // The client can't fix a storage failure; log the detail, answer plainly.
                tracing::error!(error = %e, "storage failure");
                return ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal failure during request processing");
            }
        };
        ApiError::new(status, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(ErrorBody { message: self.message })).into_response();
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = axum::http::HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(axum::http::header::RETRY_AFTER, value);
            }
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

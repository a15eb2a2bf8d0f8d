//! The `Idempotency-Key` header on POST requests: the service keeps each key's first answer per
//! caller for a day, and a request sent again with it gets that answer without running again.

use crate::error::ApiError;
use crate::extract::Caller;
use crate::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use switchboard_engine::idempotency::Claim;

pub const HEADER: &str = "idempotency-key";
/// Set on an answer given again for a key.
pub const REPLAYED: &str = "idempotent-replayed";

/// Largest answer kept for a key (creations answer with a record, far below this).
const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;

/// Runs a POST with a key once; the same key with the same request gets the first answer.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let Some(key) = req.headers().get(HEADER) else {
        return next.run(req).await;
    };
    let Ok(key) = key.to_str().map(str::to_owned) else {
        return ApiError::bad_request("Invalid Idempotency-Key: use visible ASCII characters").into_response();
    };
    let Some(Caller(user)) = req.extensions().get::<Caller>().cloned() else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, crate::MAX_BODY_BYTES).await {
        Ok(b) => b,
        Err(_) => return ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "Request body is too large").into_response(),
    };
    let path = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let claim = state.service.claim_idempotency_key(&user, &key, parts.method.as_str(), path, &bytes).await;
    match claim {
        Err(e) => ApiError::from(e).into_response(),
        Ok(Claim::Replay((status, content_type, body))) => {
            let mut resp = Response::new(Body::from(body));
            *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            if let Some(ct) = content_type.and_then(|c| HeaderValue::from_str(&c).ok()) {
                resp.headers_mut().insert(header::CONTENT_TYPE, ct);
            }
            resp.headers_mut().insert(REPLAYED, HeaderValue::from_static("true"));
            resp
        }
        Ok(Claim::Run) => {
            let resp = next.run(Request::from_parts(parts, Body::from(bytes))).await;
            if !resp.status().is_success() {
                // Refused: nothing was made, so the key is free for a corrected request.
                if let Err(e) = state.service.settle_idempotency_key(&user, &key, None).await {
                    tracing::warn!(error = %e, "releasing an idempotency key failed");
                }
                return resp;
            }
            let (parts, body) = resp.into_parts();
            let Ok(bytes) = to_bytes(body, MAX_ANSWER_BYTES).await else {
                return ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal failure during request processing")
                    .into_response();
            };
            let content_type = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let answer = (parts.status.as_u16(), content_type, bytes.to_vec());
            if let Err(e) = state.service.settle_idempotency_key(&user, &key, Some(answer)).await {
                tracing::warn!(error = %e, "keeping an idempotent answer failed");
            }
            Response::from_parts(parts, Body::from(bytes))
        }
    }
}

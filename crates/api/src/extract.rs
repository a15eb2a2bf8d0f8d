//! Request extractors that answer bad input with Dixa's error texts instead of axum's defaults.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::path::ErrorKind;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::MatchedPath;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use switchboard_service::store::users::User;

/// A JSON body; a missing or malformed one is a 400 "Invalid value for: body, ...".
/// The content type is not enforced, as Dixa clients do not always send one.
pub struct JsonBody<T>(pub T);

/// A JSON body that may be absent (empty), as for close and reopen.
pub struct OptionalJsonBody<T>(pub Option<T>);

fn body_error(rejection: BytesRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "Request body is too large")
    } else {
        ApiError::bad_request(format!("Invalid value for: body, {}", rejection.body_text()))
    }
}

/// A body taken as it is (uploads); too large a one is a 413.
pub struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Bytes::from_request(req, state).await.map(RawBody).map_err(body_error)
    }
}

/// Parses a body; an error inside an object or array names where ("defaults.email: ...").
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." || path.is_empty() {
            ApiError::bad_request(format!("Invalid value for: body, {inner}"))
        } else {
            ApiError::bad_request(format!("Invalid value for: body, {path}: {inner}"))
        }
    })?;
    // Trailing characters after the JSON value are refused like serde_json::from_slice does.
    de.end().map_err(|e| ApiError::bad_request(format!("Invalid value for: body, {e}")))?;
    Ok(value)
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(body_error)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::bad_request("Invalid value for: body, a JSON body is required"));
        }
        parse(&bytes).map(JsonBody)
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for OptionalJsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(body_error)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJsonBody(None));
        }
        parse(&bytes).map(|v| OptionalJsonBody(Some(v)))
    }
}

/// Path parameters; an unparsable one is a 400 naming the parameter.
pub struct PathParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(PathParams(v)),
            Err(rejection) => {
                let pattern = parts.extensions.get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_default();
                let name = failing_parameter(&rejection, &pattern);
                Err(ApiError::bad_request(format!("Invalid value for: path parameter {name}")))
            }
        }
    }
}

/// The name of the path parameter that failed to parse, from the route's pattern
/// (`/v1/conversations/{conversationId}/tags/{tagId}`) and the error's position or key.
fn failing_parameter(rejection: &PathRejection, pattern: &str) -> String {
    let names: Vec<&str> =
        pattern.split('/').filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
    let by_index = |i: usize| names.get(i).map(|n| (*n).to_owned());
    let found = match rejection {
        PathRejection::FailedToDeserializePathParams(e) => match e.kind() {
            ErrorKind::ParseErrorAtKey { key, .. } | ErrorKind::DeserializeError { key, .. } => Some(key.clone()),
            ErrorKind::InvalidUtf8InPathParam { key } => Some(key.clone()),
            ErrorKind::ParseErrorAtIndex { index, .. } => by_index(*index),
            _ => by_index(0),
        },
        _ => None,
    };
    found.unwrap_or_else(|| names.join(", "))
}

/// The query string as ordered pairs (parameters may repeat, e.g. `status=Open&status=Waiting`).
pub struct QueryPairs(pub Vec<(String, String)>);

impl QueryPairs {
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn one<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.all(name).last()
    }

    /// Parses an optional parameter, answering "Invalid value for: query parameter X" on failure.
    pub fn parse<T, E: std::fmt::Display>(
        &self,
        name: &str,
        f: impl Fn(&str) -> Result<T, E>,
    ) -> Result<Option<T>, ApiError> {
        self.one(name)
            .filter(|v| !v.is_empty())
            .map(|v| f(v).map_err(|e| ApiError::bad_request(format!("Invalid value for: query parameter {name}, {e}"))))
            .transpose()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        Ok(QueryPairs(form_urlencoded::parse(query.as_bytes()).into_owned().collect()))
    }
}

/// The authenticated caller, put in the request by the auth layer.
#[derive(Clone, Debug)]
pub struct Caller(pub User);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Caller>()
            .cloned()
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "A valid API token is required"))
    }
}

/// The token the caller signed this request in with (to sign out, or keep this session when the
/// password changes), put in the request by the auth layer.
#[derive(Clone, Copy, Debug)]
pub struct CurrentToken(pub uuid::Uuid);

impl<S: Send + Sync> FromRequestParts<S> for CurrentToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CurrentToken>()
            .copied()
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "A valid API token is required"))
    }
}

/// Where a request came from: the peer's address (when the server knows it) and its user agent.
#[derive(Clone, Debug, Default)]
pub struct Peer {
    pub address: Option<std::net::IpAddr>,
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<axum::extract::ConnectInfo<crate::wire::PeerAddr>>()
            .map(|axum::extract::ConnectInfo(crate::wire::PeerAddr(a))| a.ip());
        let user_agent =
            parts.headers.get(axum::http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Peer { address, user_agent })
    }
}

/// Tells an absent field (None) from an explicit null (Some(None)) in request bodies.
pub fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d).map(Some)
}

/// Reads an RFC 3339 time, also in Dixa's form with a trailing `[zone]` (`...Z[GMT]`).
pub fn parse_time(raw: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    let trimmed = match raw.find('[') {
        Some(i) if raw.ends_with(']') => &raw[..i],
        _ => raw,
    };
    chrono::DateTime::parse_from_rfc3339(trimmed)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| format!("'{raw}' is not an RFC 3339 date-time"))
}

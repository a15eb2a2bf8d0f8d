//! Paging: `pageLimit`, the opaque `pageKey`, and the `meta.next` URL that continues a list.

use crate::error::ApiError;
use crate::extract::QueryPairs;
use axum::http::HeaderMap;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

pub const DEFAULT_PAGE_LIMIT: u32 = 100;
pub const MAX_PAGE_LIMIT: u32 = 1000;

pub fn page_limit(query: &QueryPairs) -> Result<u32, ApiError> {
    let limit =
        query.parse("pageLimit", |v| v.parse::<u32>().map_err(|e| e.to_string()))?.unwrap_or(DEFAULT_PAGE_LIMIT);
    if limit == 0 || limit > MAX_PAGE_LIMIT {
        return Err(ApiError::bad_request(format!(
            "Invalid value for: query parameter pageLimit, must be between 1 and {MAX_PAGE_LIMIT}"
        )));
    }
    Ok(limit)
}

/// Encodes a position as an opaque key (clients must not build keys themselves).
pub fn encode_key(parts: &[String]) -> String {
    URL_SAFE_NO_PAD.encode(parts.join("\u{1f}"))
}

fn bad_key() -> ApiError {
    ApiError::bad_request("Invalid value for: query parameter pageKey")
}

/// Reads a key of (milliseconds, text), the position of user and end-user lists.
pub fn decode_time_text_key(query: &QueryPairs) -> Result<Option<(i64, String)>, ApiError> {
    let Some(raw) = query.one("pageKey").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| bad_key())?;
    let text = String::from_utf8(bytes).map_err(|_| bad_key())?;
    let (t, rest) = text.split_once('\u{1f}').ok_or_else(bad_key)?;
    Ok(Some((t.parse().map_err(|_| bad_key())?, rest.to_owned())))
}

/// Reads a key of (text, text), the position of lists ordered by name.
pub fn decode_text_pair_key(query: &QueryPairs) -> Result<Option<(String, String)>, ApiError> {
    let Some(raw) = query.one("pageKey").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| bad_key())?;
    let text = String::from_utf8(bytes).map_err(|_| bad_key())?;
    let (a, b) = text.split_once('\u{1f}').ok_or_else(bad_key)?;
    Ok(Some((a.to_owned(), b.to_owned())))
}

/// Reads a key of (milliseconds, int), the position of conversation lists.
pub fn decode_time_int_key(query: &QueryPairs) -> Result<Option<(i64, i64)>, ApiError> {
    Ok(match decode_time_text_key(query)? {
        Some((t, id)) => Some((t, id.parse().map_err(|_| bad_key())?)),
        None => None,
    })
}

/// The absolute URL of the next page: this request's path and query with a new pageKey.
pub fn next_url(headers: &HeaderMap, path: &str, query: &QueryPairs, key: String) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in query.0.iter().filter(|(k, _)| k != "pageKey") {
        out.append_pair(k, v);
    }
    out.append_pair("pageKey", &key);
    let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    format!("http://{host}{path}?{}", out.finish())
}

/// Reads a key of `n` parts made by [`encode_key`].
pub fn decode_parts(query: &QueryPairs, n: usize) -> Result<Option<Vec<String>>, ApiError> {
    let Some(raw) = query.one("pageKey").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| bad_key())?;
    let text = String::from_utf8(bytes).map_err(|_| bad_key())?;
    let parts: Vec<String> = text.split('\u{1f}').map(str::to_owned).collect();
    if parts.len() != n {
        return Err(bad_key());
    }
    Ok(Some(parts))
}

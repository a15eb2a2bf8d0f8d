//! Idempotency keys: the first answer to a POST, kept per caller and key.

use crate::codec::ms;
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::Row;
use uuid::Uuid;

/// A key as stored: its request's fingerprint and, once the request finished, its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub fingerprint: String,
    /// Status, content type and body; None while the first request runs.
    pub answer: Option<(u16, Option<String>, Vec<u8>)>,
}

pub async fn get(tx: &mut Tx, user_id: Uuid, key: &str) -> Result<Option<Entry>> {
    let row = sqlx::query(
        "SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE user_id = ? AND key = ?",
    )
    .bind(user_id.to_string())
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status: Option<i64> = row.try_get("status")?;
    let answer = match status {
        Some(s) => Some((
            u16::try_from(s).unwrap_or(200),
            row.try_get("content_type")?,
            row.try_get::<Option<Vec<u8>>, _>("body")?.unwrap_or_default(),
        )),
        None => None,
    };
    Ok(Some(Entry { fingerprint: row.try_get("fingerprint")?, answer }))
}

/// Takes a key for a request that is about to run.
pub async fn reserve(tx: &mut Tx, user_id: Uuid, key: &str, fingerprint: &str, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at) VALUES (?, ?, ?, ?)")
        .bind(user_id.to_string())
        .bind(key)
        .bind(fingerprint)
        .bind(ms(at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Keeps the answer of the request that took the key.
pub async fn complete(
    tx: &mut Tx,
    user_id: Uuid,
    key: &str,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<()> {
    sqlx::query("UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE user_id = ? AND key = ?")
        .bind(i64::from(status))
        .bind(content_type)
        .bind(body)
        .bind(user_id.to_string())
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Gives a key back (its request was refused, so sending it again may succeed).
pub async fn release(tx: &mut Tx, user_id: Uuid, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM idempotency_keys WHERE user_id = ? AND key = ?")
        .bind(user_id.to_string())
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Forgets keys taken before `before`.
pub async fn purge(tx: &mut Tx, before: DateTime<Utc>) -> Result<u64> {
    let done =
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < ?").bind(ms(before)).execute(&mut **tx).await?;
    Ok(done.rows_affected())
}

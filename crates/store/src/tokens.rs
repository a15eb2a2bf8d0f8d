//! API tokens, stored only as SHA-256 hashes.

use crate::codec::{get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub async fn insert(tx: &mut Tx, hash: &str, user_id: Uuid, label: &str, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)")
        .bind(hash)
        .bind(user_id.to_string())
        .bind(label)
        .bind(ms(at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The user a token hash belongs to.
pub async fn user_for(tx: &mut Tx, hash: &str) -> Result<Option<Uuid>> {
    let row =
        sqlx::query("SELECT user_id FROM api_tokens WHERE token_hash = ?").bind(hash).fetch_optional(&mut **tx).await?;
    row.as_ref().map(|r| get_uuid(r, "user_id")).transpose()
}

/// Removes a user's tokens with this label (the desktop's previous session tokens).
pub async fn revoke_labelled(tx: &mut Tx, user_id: Uuid, label: &str) -> Result<u64> {
    let done = sqlx::query("DELETE FROM api_tokens WHERE user_id = ? AND label = ?")
        .bind(user_id.to_string())
        .bind(label)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// Removes every token of a user.
pub async fn revoke_all(tx: &mut Tx, user_id: Uuid) -> Result<u64> {
    let done =
        sqlx::query("DELETE FROM api_tokens WHERE user_id = ?").bind(user_id.to_string()).execute(&mut **tx).await?;
    Ok(done.rows_affected())
}

//! Bearer tokens (API tokens, browser sessions, the desktop's session), stored only as SHA-256
//! hashes, with their kind, name and last use.

use crate::codec::{get_kind, get_opt_time, get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::credentials::TokenKind;
use uuid::Uuid;

/// A token as stored (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: TokenKind,
    /// An API token's name; "session" or "desktop session" for the others.
    pub name: String,
    /// A session's browser or computer.
    pub device: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, user_id, kind, label, device, created_at, last_used_at";

fn row_to_token(r: &SqliteRow) -> Result<Token> {
    Ok(Token {
        id: get_uuid(r, "id")?,
        user_id: get_uuid(r, "user_id")?,
        kind: get_kind(r, "kind", TokenKind::parse)?,
        name: r.try_get("label")?,
        device: r.try_get("device")?,
        created_at: get_time(r, "created_at")?,
        last_used_at: get_opt_time(r, "last_used_at")?,
    })
}

pub async fn insert(tx: &mut Tx, hash: &str, token: &Token) -> Result<()> {
    sqlx::query(
        "INSERT INTO api_tokens (token_hash, id, user_id, kind, label, device, created_at, last_used_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(hash)
    .bind(token.id.to_string())
    .bind(token.user_id.to_string())
    .bind(token.kind.as_str())
    .bind(&token.name)
    .bind(&token.device)
    .bind(ms(token.created_at))
    .bind(token.last_used_at.map(ms))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The token with this hash.
pub async fn find(tx: &mut Tx, hash: &str) -> Result<Option<Token>> {
    let sql = format!("SELECT {COLUMNS} FROM api_tokens WHERE token_hash = ?");
    let row = sqlx::query(&sql).bind(hash).fetch_optional(&mut **tx).await?;
    row.as_ref().map(row_to_token).transpose()
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<Token>> {
    let sql = format!("SELECT {COLUMNS} FROM api_tokens WHERE id = ?");
    let row = sqlx::query(&sql).bind(id.to_string()).fetch_optional(&mut **tx).await?;
    row.as_ref().map(row_to_token).transpose()
}

/// A user's tokens of these kinds, most recently used first.
pub async fn list(tx: &mut Tx, user_id: Uuid, kinds: &[TokenKind]) -> Result<Vec<Token>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY COALESCE(last_used_at, created_at) DESC, id"
    );
    let rows = sqlx::query(&sql).bind(user_id.to_string()).fetch_all(&mut **tx).await?;
    let all = rows.iter().map(row_to_token).collect::<Result<Vec<_>>>()?;
    Ok(all.into_iter().filter(|t| kinds.contains(&t.kind)).collect())
}

/// A user's API token of this name.
pub async fn find_named(tx: &mut Tx, user_id: Uuid, name: &str) -> Result<Option<Token>> {
    let sql =
        format!("SELECT {COLUMNS} FROM api_tokens WHERE user_id = ? AND kind = 'Api' AND label = ? COLLATE NOCASE");
    let row = sqlx::query(&sql).bind(user_id.to_string()).bind(name).fetch_optional(&mut **tx).await?;
    row.as_ref().map(row_to_token).transpose()
}

/// Writes down a use.
pub async fn touch(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
        .bind(ms(at))
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<bool> {
    let done = sqlx::query("DELETE FROM api_tokens WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(done.rows_affected() > 0)
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

/// Ends a user's browser sessions, except `keep` (the one changing the password).
pub async fn revoke_sessions(tx: &mut Tx, user_id: Uuid, keep: Option<Uuid>) -> Result<u64> {
    let keep = keep.map(|k| k.to_string()).unwrap_or_default();
    let done = sqlx::query("DELETE FROM api_tokens WHERE user_id = ? AND kind = 'Session' AND id <> ?")
        .bind(user_id.to_string())
        .bind(keep)
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

//! Password hashes, one-time invite and reset links (by hash) and failed sign-in attempts.

use crate::codec::{get_kind, get_opt_time, get_time, get_uuid, ms, time};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::Row;
use switchboard_engine::credentials::LinkPurpose;
use uuid::Uuid;

pub async fn set_password(tx: &mut Tx, user_id: Uuid, hash: &str, at: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "INSERT INTO passwords (user_id, hash, changed_at) VALUES (?, ?, ?) \
         ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, changed_at = excluded.changed_at",
    )
    .bind(user_id.to_string())
    .bind(hash)
    .bind(ms(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A user's password hash, if they set one.
pub async fn password_hash(tx: &mut Tx, user_id: Uuid) -> Result<Option<String>> {
    let row = sqlx::query("SELECT hash FROM passwords WHERE user_id = ?")
        .bind(user_id.to_string())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.map(|r| r.try_get("hash")).transpose()?)
}

/// Which of these users have a password.
pub async fn with_password(tx: &mut Tx, user_ids: &[Uuid]) -> Result<Vec<Uuid>> {
    let mut out = Vec::new();
    for chunk in user_ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!("SELECT user_id FROM passwords WHERE user_id IN ({marks})");
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(id.to_string());
        }
        for r in q.fetch_all(&mut **tx).await? {
            out.push(get_uuid(&r, "user_id")?);
        }
    }
    Ok(out)
}

/// A one-time link as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub user_id: Uuid,
    pub purpose: LinkPurpose,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

/// Stores a link, ending the user's earlier unused ones (one live link per user).
pub async fn insert_link(tx: &mut Tx, hash: &str, link: &Link) -> Result<()> {
    sqlx::query("DELETE FROM credential_links WHERE user_id = ? AND used_at IS NULL")
        .bind(link.user_id.to_string())
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO credential_links (token_hash, user_id, purpose, created_at, expires_at, used_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(hash)
    .bind(link.user_id.to_string())
    .bind(link.purpose.as_str())
    .bind(ms(link.created_at))
    .bind(ms(link.expires_at))
    .bind(link.used_at.map(ms))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn find_link(tx: &mut Tx, hash: &str) -> Result<Option<Link>> {
    let row = sqlx::query(
        "SELECT user_id, purpose, created_at, expires_at, used_at FROM credential_links WHERE token_hash = ?",
    )
    .bind(hash)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| {
        Ok(Link {
            user_id: get_uuid(&r, "user_id")?,
            purpose: get_kind(&r, "purpose", |s| LinkPurpose::parse(s).ok_or("unknown purpose"))?,
            created_at: get_time(&r, "created_at")?,
            expires_at: get_time(&r, "expires_at")?,
            used_at: get_opt_time(&r, "used_at")?,
        })
    })
    .transpose()
}

/// Marks a link used; false when it already was (two tabs racing).
pub async fn use_link(tx: &mut Tx, hash: &str, at: DateTime<Utc>) -> Result<bool> {
    let done = sqlx::query("UPDATE credential_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
        .bind(ms(at))
        .bind(hash)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Writes a failed attempt under each key, forgetting failures older than `forget_before`.
pub async fn record_failure(
    tx: &mut Tx,
    keys: &[String],
    at: DateTime<Utc>,
    forget_before: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE at < ?").bind(ms(forget_before)).execute(&mut **tx).await?;
    for key in keys {
        sqlx::query("INSERT INTO sign_in_failures (key, at) VALUES (?, ?)")
            .bind(key)
            .bind(ms(at))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The failures under a key since `since`.
pub async fn failures(tx: &mut Tx, key: &str, since: DateTime<Utc>) -> Result<Vec<DateTime<Utc>>> {
    let rows = sqlx::query("SELECT at FROM sign_in_failures WHERE key = ? AND at >= ? ORDER BY at")
        .bind(key)
        .bind(ms(since))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(|r| time(r.try_get("at")?)).collect()
}

/// Forgets an email's failures after a successful sign-in.
pub async fn clear_failures(tx: &mut Tx, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = ?").bind(key).execute(&mut **tx).await?;
    Ok(())
}

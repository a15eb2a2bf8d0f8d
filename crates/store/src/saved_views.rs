//! Each user's saved inbox views: a name and the list's query, in the user's order.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    /// The list's filters and order, as its query string.
    pub query: String,
    pub position: i64,
    pub created_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<SavedView> {
    Ok(SavedView {
        id: get_uuid(row, "id")?,
        user_id: get_uuid(row, "user_id")?,
        name: row.try_get("name")?,
        query: row.try_get("query")?,
        position: row.try_get("position")?,
        created_at: get_time(row, "created_at")?,
    })
}

/// A user's views in their order.
pub async fn of_user(tx: &mut Tx, user: Uuid) -> Result<Vec<SavedView>> {
    let rows = sqlx::query("SELECT * FROM saved_views WHERE user_id = ? ORDER BY position, created_at")
        .bind(user.to_string())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// One of a user's views (another user's is none of theirs).
pub async fn get(tx: &mut Tx, user: Uuid, id: Uuid) -> Result<Option<SavedView>> {
    sqlx::query("SELECT * FROM saved_views WHERE user_id = ? AND id = ?")
        .bind(user.to_string())
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Whether the user has another view of this name (any case).
pub async fn name_taken(tx: &mut Tx, user: Uuid, name: &str, except: Option<Uuid>) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM saved_views WHERE user_id = ? AND name = ? COLLATE NOCASE AND id != ?",
    )
    .bind(user.to_string())
    .bind(name)
    .bind(except.map(|e| e.to_string()).unwrap_or_default())
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

pub async fn insert(tx: &mut Tx, v: &SavedView) -> Result<()> {
    sqlx::query("INSERT INTO saved_views (id, user_id, name, query, position, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(v.id.to_string())
        .bind(v.user_id.to_string())
        .bind(&v.name)
        .bind(&v.query)
        .bind(v.position)
        .bind(ms(v.created_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, v: &SavedView) -> Result<()> {
    sqlx::query("UPDATE saved_views SET name = ?, query = ? WHERE id = ? AND user_id = ?")
        .bind(&v.name)
        .bind(&v.query)
        .bind(v.id.to_string())
        .bind(v.user_id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn delete(tx: &mut Tx, user: Uuid, id: Uuid) -> Result<bool> {
    let done = sqlx::query("DELETE FROM saved_views WHERE id = ? AND user_id = ?")
        .bind(id.to_string())
        .bind(user.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

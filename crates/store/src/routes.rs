//! Routes: the ordered routing rules (their conditions are stored as JSON).

use crate::codec::{get_kind, get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::kinds::Priority;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteRow {
    pub id: Uuid,
    pub name: String,
    pub enabled: bool,
    pub position: i64,
    /// The condition groups as JSON (the API's shape).
    pub conditions: String,
    pub queue_id: Uuid,
    pub priority: Option<Priority>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<RouteRow> {
    let priority: Option<String> = row.try_get("priority")?;
    Ok(RouteRow {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        enabled: row.try_get("enabled")?,
        position: row.try_get("position")?,
        conditions: row.try_get("conditions")?,
        queue_id: get_uuid(row, "queue_id")?,
        priority: match priority {
            Some(_) => Some(get_kind(row, "priority", Priority::parse)?),
            None => None,
        },
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

pub async fn insert(tx: &mut Tx, r: &RouteRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO routes (id, name, enabled, position, conditions, queue_id, priority, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(r.id.to_string())
    .bind(&r.name)
    .bind(r.enabled)
    .bind(r.position)
    .bind(&r.conditions)
    .bind(r.queue_id.to_string())
    .bind(r.priority.map(Priority::as_str))
    .bind(ms(r.created_at))
    .bind(ms(r.updated_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, r: &RouteRow) -> Result<()> {
    sqlx::query(
        "UPDATE routes SET name = ?, enabled = ?, position = ?, conditions = ?, queue_id = ?, priority = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(&r.name)
    .bind(r.enabled)
    .bind(r.position)
    .bind(&r.conditions)
    .bind(r.queue_id.to_string())
    .bind(r.priority.map(Priority::as_str))
    .bind(ms(r.updated_at))
    .bind(r.id.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<RouteRow>> {
    sqlx::query("SELECT * FROM routes WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Every route in routing order.
pub async fn list(tx: &mut Tx) -> Result<Vec<RouteRow>> {
    let rows = sqlx::query("SELECT * FROM routes ORDER BY position, created_at, rowid").fetch_all(&mut **tx).await?;
    rows.iter().map(from_row).collect()
}

pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM routes WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

/// Writes positions 0, 1, 2... in the given order.
pub async fn renumber(tx: &mut Tx, order: &[Uuid]) -> Result<()> {
    for (i, id) in order.iter().enumerate() {
        sqlx::query("UPDATE routes SET position = ? WHERE id = ?")
            .bind(i as i64)
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

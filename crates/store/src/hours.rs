//! Working-hour periods, the period and away message of each queue.

use crate::codec::{get_opt_uuid, get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::hours::PeriodSpec;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodRow {
    pub id: Uuid,
    pub name: String,
    pub spec: PeriodSpec,
    pub is_default: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<PeriodRow> {
    let spec: String = row.try_get("spec")?;
    Ok(PeriodRow {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        spec: serde_json::from_str(&spec).map_err(|e| StoreError::Corrupt(format!("hours spec: {e}")))?,
        is_default: row.try_get("is_default")?,
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

fn spec_text(spec: &PeriodSpec) -> Result<String> {
    serde_json::to_string(spec).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub async fn insert(tx: &mut Tx, p: &PeriodRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO hours_periods (id, name, spec, is_default, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(p.id.to_string())
    .bind(&p.name)
    .bind(spec_text(&p.spec)?)
    .bind(p.is_default)
    .bind(ms(p.created_at))
    .bind(ms(p.updated_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, p: &PeriodRow) -> Result<()> {
    sqlx::query("UPDATE hours_periods SET name = ?, spec = ?, is_default = ?, updated_at = ? WHERE id = ?")
        .bind(&p.name)
        .bind(spec_text(&p.spec)?)
        .bind(p.is_default)
        .bind(ms(p.updated_at))
        .bind(p.id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Takes the default mark off every period (before another gets it).
pub async fn clear_default(tx: &mut Tx) -> Result<()> {
    sqlx::query("UPDATE hours_periods SET is_default = 0 WHERE is_default = 1").execute(&mut **tx).await?;
    Ok(())
}

pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM hours_periods WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<PeriodRow>> {
    sqlx::query("SELECT * FROM hours_periods WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Every period, by name.
pub async fn list(tx: &mut Tx) -> Result<Vec<PeriodRow>> {
    let rows = sqlx::query("SELECT * FROM hours_periods ORDER BY name COLLATE NOCASE, id").fetch_all(&mut **tx).await?;
    rows.iter().map(from_row).collect()
}

pub async fn default_period(tx: &mut Tx) -> Result<Option<PeriodRow>> {
    sqlx::query("SELECT * FROM hours_periods WHERE is_default = 1")
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn name_taken(tx: &mut Tx, name: &str, other_than: Option<Uuid>) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM hours_periods WHERE name = ? COLLATE NOCASE AND id != ?")
        .bind(name)
        .bind(other_than.map(|u| u.to_string()).unwrap_or_default())
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

pub async fn count(tx: &mut Tx) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM hours_periods").fetch_one(&mut **tx).await?)
}

/// The queues (not deleted) that keep this period's hours, by name.
pub async fn queues_using(tx: &mut Tx, period: Uuid) -> Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query(
        "SELECT id, name FROM queues WHERE hours_period_id = ? AND deleted_at IS NULL ORDER BY name COLLATE NOCASE",
    )
    .bind(period.to_string())
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| Ok((get_uuid(r, "id")?, r.try_get("name")?))).collect()
}

/// A queue's working hours and away message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueHours {
    /// None: the queue is always open.
    pub period_id: Option<Uuid>,
    pub away_enabled: bool,
    pub away_message: Option<String>,
    /// Close the conversation once the away message is sent.
    pub away_close: bool,
}

/// None for an unknown queue.
pub async fn of_queue(tx: &mut Tx, queue: Uuid) -> Result<Option<QueueHours>> {
    let row = sqlx::query("SELECT hours_period_id, away_enabled, away_message, away_close FROM queues WHERE id = ?")
        .bind(queue.to_string())
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| {
        Ok(QueueHours {
            period_id: get_opt_uuid(&r, "hours_period_id")?,
            away_enabled: r.try_get("away_enabled")?,
            away_message: r.try_get("away_message")?,
            away_close: r.try_get("away_close")?,
        })
    })
    .transpose()
}

pub async fn set_of_queue(tx: &mut Tx, queue: Uuid, h: &QueueHours) -> Result<()> {
    sqlx::query(
        "UPDATE queues SET hours_period_id = ?, away_enabled = ?, away_message = ?, away_close = ? WHERE id = ?",
    )
    .bind(h.period_id.map(|p| p.to_string()))
    .bind(h.away_enabled)
    .bind(&h.away_message)
    .bind(h.away_close)
    .bind(queue.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

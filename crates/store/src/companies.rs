//! Companies the contact center's customers belong to.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::people::CompanyDetails;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub id: Uuid,
    pub details: CompanyDetails,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<Company> {
    let mut details: CompanyDetails = serde_json::from_str(&row.try_get::<String, _>("details")?)
        .map_err(|e| StoreError::Corrupt(format!("company details: {e}")))?;
    details.name = row.try_get("name")?;
    Ok(Company {
        id: get_uuid(row, "id")?,
        details,
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

fn details_text(c: &Company) -> Result<String> {
    serde_json::to_string(&c.details).map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub async fn insert(tx: &mut Tx, c: &Company) -> Result<()> {
    sqlx::query("INSERT INTO companies (id, name, details, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
        .bind(c.id.to_string())
        .bind(&c.details.name)
        .bind(details_text(c)?)
        .bind(ms(c.created_at))
        .bind(ms(c.updated_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, c: &Company) -> Result<()> {
    sqlx::query("UPDATE companies SET name = ?, details = ?, updated_at = ? WHERE id = ?")
        .bind(&c.details.name)
        .bind(details_text(c)?)
        .bind(ms(c.updated_at))
        .bind(c.id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<Company>> {
    sqlx::query("SELECT * FROM companies WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Companies by name, after the given (name, id) key, at most `limit`.
pub async fn list(tx: &mut Tx, after: Option<(String, String)>, limit: u32) -> Result<Vec<Company>> {
    let (name, id) = after.unwrap_or_default();
    let rows = sqlx::query(
        "SELECT * FROM companies WHERE (name COLLATE NOCASE, id) > (? COLLATE NOCASE, ?)
         ORDER BY name COLLATE NOCASE, id LIMIT ?",
    )
    .bind(name)
    .bind(id)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Deletes a company; its people no longer belong to any.
pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM companies WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

//! Custom attribute definitions and the values set on conversations and end users.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::attributes::{AttributeEntity, AttributeKind, AttributeValue};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub id: Uuid,
    pub entity: AttributeEntity,
    pub identifier: String,
    pub name: String,
    pub kind: AttributeKind,
    pub options: Vec<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
}

fn definition(row: &SqliteRow) -> Result<Definition> {
    let entity: String = row.try_get("entity")?;
    let kind: String = row.try_get("kind")?;
    let options: String = row.try_get("options")?;
    Ok(Definition {
        id: get_uuid(row, "id")?,
        entity: AttributeEntity::parse(&entity).ok_or_else(|| StoreError::Corrupt(format!("entity {entity}")))?,
        identifier: row.try_get("identifier")?,
        name: row.try_get("name")?,
        kind: AttributeKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("kind {kind}")))?,
        options: serde_json::from_str(&options).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        archived: row.try_get("archived")?,
        created_at: get_time(row, "created_at")?,
    })
}

pub async fn insert(tx: &mut Tx, d: &Definition) -> Result<()> {
    sqlx::query(
        "INSERT INTO custom_attributes (id, entity, identifier, name, kind, options, archived, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(d.id.to_string())
    .bind(d.entity.as_str())
    .bind(&d.identifier)
    .bind(&d.name)
    .bind(d.kind.as_str())
    .bind(serde_json::to_string(&d.options).map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .bind(d.archived)
    .bind(ms(d.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<Definition>> {
    sqlx::query("SELECT * FROM custom_attributes WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(definition)
        .transpose()
}

pub async fn find(tx: &mut Tx, entity: AttributeEntity, identifier: &str) -> Result<Option<Definition>> {
    sqlx::query("SELECT * FROM custom_attributes WHERE entity = ? AND identifier = ?")
        .bind(entity.as_str())
        .bind(identifier)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(definition)
        .transpose()
}

pub async fn list(tx: &mut Tx) -> Result<Vec<Definition>> {
    let rows =
        sqlx::query("SELECT * FROM custom_attributes ORDER BY entity, created_at, rowid").fetch_all(&mut **tx).await?;
    rows.iter().map(definition).collect()
}

pub async fn set_archived(tx: &mut Tx, id: Uuid, archived: bool) -> Result<()> {
    sqlx::query("UPDATE custom_attributes SET archived = ? WHERE id = ?")
        .bind(archived)
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_value(tx: &mut Tx, attribute: Uuid, entity_id: &str, value: &AttributeValue) -> Result<()> {
    sqlx::query(
        "INSERT INTO custom_attribute_values (attribute_id, entity_id, value) VALUES (?, ?, ?)
         ON CONFLICT (attribute_id, entity_id) DO UPDATE SET value = excluded.value",
    )
    .bind(attribute.to_string())
    .bind(entity_id)
    .bind(serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn clear_value(tx: &mut Tx, attribute: Uuid, entity_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM custom_attribute_values WHERE attribute_id = ? AND entity_id = ?")
        .bind(attribute.to_string())
        .bind(entity_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The values set on one conversation or end user, with their definitions, in definition order.
pub async fn values_of(
    tx: &mut Tx,
    entity: AttributeEntity,
    entity_id: &str,
) -> Result<Vec<(Definition, AttributeValue)>> {
    let rows = sqlx::query(
        "SELECT a.*, v.value FROM custom_attribute_values v JOIN custom_attributes a ON a.id = v.attribute_id
         WHERE v.entity_id = ? AND a.entity = ? ORDER BY a.created_at, a.rowid",
    )
    .bind(entity_id)
    .bind(entity.as_str())
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            let raw: String = r.try_get("value")?;
            let value = serde_json::from_str(&raw).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            Ok((definition(r)?, value))
        })
        .collect()
}

/// Removes every value set on an entity (when it is anonymized or deleted).
pub async fn clear_entity(tx: &mut Tx, entity_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM custom_attribute_values WHERE entity_id = ?").bind(entity_id).execute(&mut **tx).await?;
    Ok(())
}

//! Contact endpoints (email addresses, phone numbers, chat widgets) and the flows they serve.

use crate::codec::{get_kind, get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::kinds::{Channel, EndpointKind};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactEndpoint {
    /// The address itself: an email address, a phone number in E.164, or a widget id.
    pub id: String,
    pub kind: EndpointKind,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub id: Uuid,
    pub name: String,
    pub channel: Channel,
    pub contact_endpoint_id: String,
    pub created_at: DateTime<Utc>,
}

fn endpoint(row: &SqliteRow) -> Result<ContactEndpoint> {
    Ok(ContactEndpoint {
        id: row.try_get("id")?,
        kind: get_kind(row, "kind", EndpointKind::parse)?,
        name: row.try_get("name")?,
        created_at: get_time(row, "created_at")?,
    })
}

fn flow(row: &SqliteRow) -> Result<Flow> {
    Ok(Flow {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        channel: get_kind(row, "channel", Channel::parse)?,
        contact_endpoint_id: row.try_get("contact_endpoint_id")?,
        created_at: get_time(row, "created_at")?,
    })
}

pub async fn insert(tx: &mut Tx, e: &ContactEndpoint) -> Result<()> {
    sqlx::query("INSERT INTO contact_endpoints (id, kind, name, created_at) VALUES (?, ?, ?, ?)")
        .bind(&e.id)
        .bind(e.kind.as_str())
        .bind(&e.name)
        .bind(ms(e.created_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: &str) -> Result<Option<ContactEndpoint>> {
    sqlx::query("SELECT * FROM contact_endpoints WHERE id = ? COLLATE NOCASE")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(endpoint)
        .transpose()
}

pub async fn list(tx: &mut Tx) -> Result<Vec<ContactEndpoint>> {
    let rows = sqlx::query("SELECT * FROM contact_endpoints ORDER BY created_at, id").fetch_all(&mut **tx).await?;
    rows.iter().map(endpoint).collect()
}

pub async fn delete(tx: &mut Tx, id: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM contact_endpoints WHERE id = ?").bind(id).execute(&mut **tx).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_flow(tx: &mut Tx, f: &Flow) -> Result<()> {
    sqlx::query("INSERT INTO flows (id, name, channel, contact_endpoint_id, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(f.id.to_string())
        .bind(&f.name)
        .bind(f.channel.as_str())
        .bind(&f.contact_endpoint_id)
        .bind(ms(f.created_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Flows, optionally of one channel, oldest first.
pub async fn flows(tx: &mut Tx, channel: Option<Channel>) -> Result<Vec<Flow>> {
    let rows = sqlx::query("SELECT * FROM flows WHERE ?1 IS NULL OR channel = ?1 ORDER BY created_at, id")
        .bind(channel.map(Channel::as_str))
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(flow).collect()
}

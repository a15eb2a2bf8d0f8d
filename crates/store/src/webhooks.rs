//! Webhook subscriptions, the delivery outbox and the attempt log.

use crate::codec::{get_opt_time, get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: Uuid,
    pub name: String,
    pub url: String,
    pub secret: String,
    /// Event names; empty means all.
    pub events: Vec<String>,
    /// `Dixa` (conversation events) or `Interaction` (AGENT_JOINED / TEXT / AGENT_LEFT).
    pub format: String,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn subscription(row: &SqliteRow) -> Result<Subscription> {
    let events: String = row.try_get("events")?;
    Ok(Subscription {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        url: row.try_get("url")?,
        secret: row.try_get("secret")?,
        events: serde_json::from_str(&events).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        format: row.try_get("format")?,
        enabled: row.try_get("enabled")?,
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

pub async fn insert(tx: &mut Tx, s: &Subscription) -> Result<()> {
    sqlx::query(
        "INSERT INTO webhook_subscriptions (id, name, url, secret, events, format, enabled, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(s.id.to_string())
    .bind(&s.name)
    .bind(&s.url)
    .bind(&s.secret)
    .bind(serde_json::to_string(&s.events).map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .bind(&s.format)
    .bind(s.enabled)
    .bind(ms(s.created_at))
    .bind(ms(s.updated_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, s: &Subscription) -> Result<()> {
    sqlx::query(
        "UPDATE webhook_subscriptions SET name = ?, url = ?, secret = ?, events = ?, format = ?, enabled = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(&s.name)
    .bind(&s.url)
    .bind(&s.secret)
    .bind(serde_json::to_string(&s.events).map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .bind(&s.format)
    .bind(s.enabled)
    .bind(ms(s.updated_at))
    .bind(s.id.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<Subscription>> {
    sqlx::query("SELECT * FROM webhook_subscriptions WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(subscription)
        .transpose()
}

pub async fn list(tx: &mut Tx) -> Result<Vec<Subscription>> {
    let rows =
        sqlx::query("SELECT * FROM webhook_subscriptions ORDER BY created_at, rowid").fetch_all(&mut **tx).await?;
    rows.iter().map(subscription).collect()
}

pub async fn enabled(tx: &mut Tx) -> Result<Vec<Subscription>> {
    let rows = sqlx::query("SELECT * FROM webhook_subscriptions WHERE enabled = 1 ORDER BY created_at, rowid")
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(subscription).collect()
}

pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM webhook_subscriptions WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub uid: Uuid,
    pub subscription_id: Uuid,
    pub event_type: String,
    pub conversation_id: Option<i64>,
    pub payload: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

fn delivery(row: &SqliteRow) -> Result<Delivery> {
    Ok(Delivery {
        id: row.try_get("id")?,
        uid: get_uuid(row, "uid")?,
        subscription_id: get_uuid(row, "subscription_id")?,
        event_type: row.try_get("event_type")?,
        conversation_id: row.try_get("conversation_id")?,
        payload: row.try_get("payload")?,
        status: row.try_get("status")?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: get_time(row, "next_attempt_at")?,
        created_at: get_time(row, "created_at")?,
        delivered_at: get_opt_time(row, "delivered_at")?,
        last_error: row.try_get("last_error")?,
    })
}

pub async fn enqueue(
    tx: &mut Tx,
    subscription: Uuid,
    event_type: &str,
    conversation_id: Option<i64>,
    payload: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO webhook_deliveries (uid, subscription_id, event_type, conversation_id, payload, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, 'Pending', ?, ?)",
    )
    .bind(Uuid::new_v4().to_string())
    .bind(subscription.to_string())
    .bind(event_type)
    .bind(conversation_id)
    .bind(payload)
    .bind(ms(at))
    .bind(ms(at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Pending deliveries due by `now`, oldest first.
pub async fn due(tx: &mut Tx, now: DateTime<Utc>, limit: u32) -> Result<Vec<Delivery>> {
    let rows = sqlx::query(
        "SELECT * FROM webhook_deliveries WHERE status = 'Pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
    )
    .bind(ms(now))
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(delivery).collect()
}

/// When the next pending delivery is due.
pub async fn next_due(tx: &mut Tx) -> Result<Option<DateTime<Utc>>> {
    let t: Option<i64> =
        sqlx::query_scalar("SELECT MIN(next_attempt_at) FROM webhook_deliveries WHERE status = 'Pending'")
            .fetch_one(&mut **tx)
            .await?;
    t.map(crate::codec::time).transpose()
}

/// Records the outcome of an attempt and the delivery's new state.
pub async fn record_attempt(
    tx: &mut Tx,
    d: &Delivery,
    at: DateTime<Utc>,
    status_code: Option<u16>,
    error: Option<&str>,
    duration_ms: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO webhook_attempts (delivery_id, subscription_id, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(d.id)
    .bind(d.subscription_id.to_string())
    .bind(ms(at))
    .bind(status_code.map(i64::from))
    .bind(error)
    .bind(duration_ms)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, delivered_at = ?, last_error = ? WHERE id = ?",
    )
    .bind(&d.status)
    .bind(d.attempts)
    .bind(ms(d.next_attempt_at))
    .bind(d.delivered_at.map(ms))
    .bind(&d.last_error)
    .bind(d.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A subscription's deliveries, newest first.
pub async fn deliveries(tx: &mut Tx, subscription: Uuid, limit: u32) -> Result<Vec<Delivery>> {
    let rows = sqlx::query("SELECT * FROM webhook_deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT ?")
        .bind(subscription.to_string())
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(delivery).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub delivery_uid: Uuid,
    pub event_type: String,
    pub at: DateTime<Utc>,
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

/// A subscription's delivery attempts, newest first.
pub async fn attempts(tx: &mut Tx, subscription: Uuid, limit: u32) -> Result<Vec<Attempt>> {
    let rows = sqlx::query(
        "SELECT a.*, d.uid, d.event_type FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
         WHERE a.subscription_id = ? ORDER BY a.id DESC LIMIT ?",
    )
    .bind(subscription.to_string())
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Attempt {
                delivery_uid: get_uuid(r, "uid")?,
                event_type: r.try_get("event_type")?,
                at: get_time(r, "at")?,
                status_code: r.try_get("status_code")?,
                error: r.try_get("error")?,
                duration_ms: r.try_get("duration_ms")?,
            })
        })
        .collect()
}

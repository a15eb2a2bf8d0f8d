//! Persistent timers: work that becomes due at a given time, fired once each, in due order.

use crate::codec::{get_time, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::Row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    pub id: i64,
    pub kind: String,
    pub conversation_id: Option<i64>,
    pub due_at: DateTime<Utc>,
    pub payload: String,
}

pub async fn insert(
    tx: &mut Tx,
    kind: &str,
    conversation_id: Option<i64>,
    due_at: DateTime<Utc>,
    payload: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO timers (kind, conversation_id, due_at, payload) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(kind)
    .bind(conversation_id)
    .bind(ms(due_at))
    .bind(payload)
    .fetch_one(&mut **tx)
    .await?)
}

/// The earliest timer due at or before `now`, if any.
pub async fn next_due(tx: &mut Tx, now: DateTime<Utc>) -> Result<Option<Timer>> {
    let row = sqlx::query("SELECT * FROM timers WHERE due_at <= ? ORDER BY due_at, id LIMIT 1")
        .bind(ms(now))
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| {
        Ok(Timer {
            id: r.try_get("id")?,
            kind: r.try_get("kind")?,
            conversation_id: r.try_get("conversation_id")?,
            due_at: get_time(&r, "due_at")?,
            payload: r.try_get("payload")?,
        })
    })
    .transpose()
}

/// When the next timer is due, to know how long the scheduler may sleep.
pub async fn earliest(tx: &mut Tx) -> Result<Option<DateTime<Utc>>> {
    let t: Option<i64> = sqlx::query_scalar("SELECT MIN(due_at) FROM timers").fetch_one(&mut **tx).await?;
    t.map(crate::codec::time).transpose()
}

/// Removes a timer; done in the same transaction as its effect, so it fires exactly once.
pub async fn delete(tx: &mut Tx, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM timers WHERE id = ?").bind(id).execute(&mut **tx).await?;
    Ok(())
}

pub async fn count(tx: &mut Tx) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM timers").fetch_one(&mut **tx).await?)
}

/// Removes the timers of a kind about one thing (their payload), returning how many there were.
pub async fn delete_matching(tx: &mut Tx, kind: &str, payload: &str) -> Result<u64> {
    let done = sqlx::query("DELETE FROM timers WHERE kind = ? AND payload = ?")
        .bind(kind)
        .bind(payload)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// Removes the timers of a kind for these conversations.
pub async fn delete_for_conversations(tx: &mut Tx, kind: &str, conversations: &[i64]) -> Result<()> {
    for chunk in conversations.chunks(500) {
        let mut q: sqlx::QueryBuilder<sqlx::Sqlite> = sqlx::QueryBuilder::new("DELETE FROM timers WHERE kind = ");
        q.push_bind(kind).push(" AND conversation_id IN (");
        let mut sep = q.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        q.push(")");
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Adds timers of one kind for conversations, each due at its time (empty payloads).
pub async fn insert_many(tx: &mut Tx, kind: &str, rows: &[(i64, DateTime<Utc>)]) -> Result<()> {
    for chunk in rows.chunks(500) {
        let mut q: sqlx::QueryBuilder<sqlx::Sqlite> =
            sqlx::QueryBuilder::new("INSERT INTO timers (kind, conversation_id, due_at, payload) ");
        q.push_values(chunk, |mut b, (id, due)| {
            b.push_bind(kind).push_bind(*id).push_bind(ms(*due)).push_bind("{}");
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

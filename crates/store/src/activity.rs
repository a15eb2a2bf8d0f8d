//! The activity log: one typed entry per thing that happened to a conversation.

use crate::codec::{get_opt_uuid, get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::activity::ActivityKind;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: Uuid,
    pub conversation_id: i64,
    pub kind: ActivityKind,
    pub author_id: Option<Uuid>,
    pub at: DateTime<Utc>,
    /// Kind-specific facts (the tag, the queues of a transfer...), as a JSON object.
    pub detail: serde_json::Value,
}

fn from_row(row: &SqliteRow) -> Result<Entry> {
    let kind: String = row.try_get("kind")?;
    let detail: String = row.try_get("detail")?;
    Ok(Entry {
        id: get_uuid(row, "id")?,
        conversation_id: row.try_get("conversation_id")?,
        kind: ActivityKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("activity kind {kind}")))?,
        author_id: get_opt_uuid(row, "author_id")?,
        at: get_time(row, "at")?,
        detail: serde_json::from_str(&detail).map_err(|e| StoreError::Corrupt(format!("detail: {e}")))?,
    })
}

pub async fn insert(tx: &mut Tx, e: &Entry) -> Result<()> {
    sqlx::query(
        "INSERT INTO activity_log (id, conversation_id, kind, author_id, at, detail) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(e.id.to_string())
    .bind(e.conversation_id)
    .bind(e.kind.as_str())
    .bind(e.author_id.map(|a| a.to_string()))
    .bind(ms(e.at))
    .bind(e.detail.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes several entries in one statement per batch, in the order given.
pub async fn insert_many(tx: &mut Tx, entries: &[Entry]) -> Result<()> {
    for batch in entries.chunks(2000) {
        let rows = serde_json::Value::from(
            batch
                .iter()
                .map(|e| {
                    serde_json::json!([
                        e.id.to_string(),
                        e.conversation_id,
                        e.kind.as_str(),
                        e.author_id.map(|a| a.to_string()),
                        ms(e.at),
                        e.detail.to_string()
                    ])
                })
                .collect::<Vec<_>>(),
        )
        .to_string();
        sqlx::query(
            "INSERT INTO activity_log (id, conversation_id, kind, author_id, at, detail)
             SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
             FROM json_each(?) ORDER BY key",
        )
        .bind(rows)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// A conversation's entries in the order they were written.
pub async fn of_conversation(tx: &mut Tx, conversation: i64) -> Result<Vec<Entry>> {
    let rows = sqlx::query("SELECT * FROM activity_log WHERE conversation_id = ? ORDER BY seq")
        .bind(conversation)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Where the organization's log continues: after this entry's sequence number.
pub type Cursor = i64;

/// The whole organization's entries in the order they were written, within [from, to).
pub async fn list(
    tx: &mut Tx,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    after: Option<Cursor>,
    limit: u32,
) -> Result<Vec<(Cursor, Entry)>> {
    let rows = sqlx::query("SELECT * FROM activity_log WHERE at >= ? AND at < ? AND seq > ? ORDER BY seq LIMIT ?")
        .bind(from.map(ms).unwrap_or(i64::MIN))
        .bind(to.map(ms).unwrap_or(i64::MAX))
        .bind(after.unwrap_or(0))
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(|r| Ok((r.try_get("seq")?, from_row(r)?))).collect()
}

/// Erases the details of a conversation's entries, keeping their kinds, authors and times.
pub async fn erase_details(tx: &mut Tx, conversation: i64) -> Result<()> {
    sqlx::query("UPDATE activity_log SET detail = '{}' WHERE conversation_id = ?")
        .bind(conversation)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// When the conversation last had an entry of this kind.
pub async fn last_of_kind(tx: &mut Tx, conversation: i64, kind: ActivityKind) -> Result<Option<DateTime<Utc>>> {
    let t: Option<i64> = sqlx::query_scalar("SELECT MAX(at) FROM activity_log WHERE conversation_id = ? AND kind = ?")
        .bind(conversation)
        .bind(kind.as_str())
        .fetch_one(&mut **tx)
        .await?;
    t.map(crate::codec::time).transpose()
}

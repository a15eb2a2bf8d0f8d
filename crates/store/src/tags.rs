//! Tags that label conversations, and which conversation carries which.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::kinds::TagState;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub id: Uuid,
    pub name: String,
    pub color: Option<String>,
    pub state: TagState,
    pub created_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<Tag> {
    Ok(Tag {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        color: row.try_get("color")?,
        state: crate::codec::get_kind(row, "state", TagState::parse)?,
        created_at: get_time(row, "created_at")?,
    })
}

pub async fn insert(tx: &mut Tx, t: &Tag) -> Result<()> {
    sqlx::query("INSERT INTO tags (id, name, color, state, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(t.id.to_string())
        .bind(&t.name)
        .bind(&t.color)
        .bind(t.state.as_str())
        .bind(ms(t.created_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_state(tx: &mut Tx, id: Uuid, state: TagState) -> Result<()> {
    sqlx::query("UPDATE tags SET state = ? WHERE id = ?")
        .bind(state.as_str())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<Tag>> {
    sqlx::query("SELECT * FROM tags WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn list(tx: &mut Tx) -> Result<Vec<Tag>> {
    let rows = sqlx::query("SELECT * FROM tags ORDER BY name COLLATE NOCASE, id").fetch_all(&mut **tx).await?;
    rows.iter().map(from_row).collect()
}

/// Returns false when the conversation already carried the tag.
pub async fn tag_conversation(tx: &mut Tx, conversation: i64, tag: Uuid, at: DateTime<Utc>) -> Result<bool> {
    let done =
        sqlx::query("INSERT OR IGNORE INTO conversation_tags (conversation_id, tag_id, tagged_at) VALUES (?, ?, ?)")
            .bind(conversation)
            .bind(tag.to_string())
            .bind(ms(at))
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Returns false when the conversation did not carry the tag.
pub async fn untag_conversation(tx: &mut Tx, conversation: i64, tag: Uuid) -> Result<bool> {
    let done = sqlx::query("DELETE FROM conversation_tags WHERE conversation_id = ? AND tag_id = ?")
        .bind(conversation)
        .bind(tag.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn of_conversation(tx: &mut Tx, conversation: i64) -> Result<Vec<Tag>> {
    let rows = sqlx::query(
        "SELECT t.* FROM tags t JOIN conversation_tags ct ON ct.tag_id = t.id
         WHERE ct.conversation_id = ? ORDER BY t.name COLLATE NOCASE",
    )
    .bind(conversation)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The tags of several conversations (one page of an inbox), each as (conversation, tag), by name.
pub async fn of_conversations(tx: &mut Tx, conversations: &[i64]) -> Result<Vec<(i64, Tag)>> {
    if conversations.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::Value::from(conversations.to_vec()).to_string();
    let rows = sqlx::query(
        "SELECT t.*, ct.conversation_id AS tagged FROM tags t JOIN conversation_tags ct ON ct.tag_id = t.id
         WHERE ct.conversation_id IN (SELECT value FROM json_each(?)) ORDER BY t.name COLLATE NOCASE",
    )
    .bind(ids)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("tagged")?, from_row(r)?))).collect()
}

//! Internal notes: what agents write to each other about a conversation.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: Uuid,
    pub conversation_id: i64,
    pub author_id: Uuid,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<Note> {
    Ok(Note {
        id: get_uuid(row, "id")?,
        conversation_id: row.try_get("conversation_id")?,
        author_id: get_uuid(row, "author_id")?,
        message: row.try_get("message")?,
        created_at: get_time(row, "created_at")?,
    })
}

pub async fn insert(tx: &mut Tx, n: &Note) -> Result<()> {
    sqlx::query(
        "INSERT INTO notes (id, conversation_id, seq, author_id, message, created_at)
         VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM notes WHERE conversation_id = ?), ?, ?, ?)",
    )
    .bind(n.id.to_string())
    .bind(n.conversation_id)
    .bind(n.conversation_id)
    .bind(n.author_id.to_string())
    .bind(&n.message)
    .bind(ms(n.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The conversation's notes, oldest first (by their stated time, then by insertion).
pub async fn of_conversation(tx: &mut Tx, conversation: i64) -> Result<Vec<Note>> {
    let rows = sqlx::query("SELECT * FROM notes WHERE conversation_id = ? ORDER BY created_at, seq")
        .bind(conversation)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Erases the text of every note of a conversation.
pub async fn erase_conversation(tx: &mut Tx, conversation: i64) -> Result<()> {
    sqlx::query("UPDATE notes SET message = '' WHERE conversation_id = ?")
        .bind(conversation)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, conversation: i64, id: Uuid) -> Result<Option<Note>> {
    sqlx::query("SELECT * FROM notes WHERE conversation_id = ? AND id = ?")
        .bind(conversation)
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Moves every note of `from` into `into` (notes are listed by time).
pub async fn move_all(tx: &mut Tx, from: i64, into: i64) -> Result<()> {
    for table in ["notes", "note_mentions"] {
        sqlx::query(&format!("UPDATE {table} SET conversation_id = ? WHERE conversation_id = ?"))
            .bind(into)
            .bind(from)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Records who a note names.
pub async fn insert_mentions(
    tx: &mut Tx,
    note: &Note,
    agents: &[Uuid],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    for agent in agents {
        sqlx::query(
            "INSERT OR IGNORE INTO note_mentions (note_id, conversation_id, agent_id, created_at) VALUES (?, ?, ?, ?)",
        )
        .bind(note.id.to_string())
        .bind(note.conversation_id)
        .bind(agent.to_string())
        .bind(crate::codec::ms(at))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Who the notes of these conversations named, as (conversation, agent) pairs.
pub async fn mentioned_in(tx: &mut Tx, conversations: &[i64]) -> Result<Vec<(i64, Uuid)>> {
    if conversations.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::Value::from(conversations.to_vec()).to_string();
    let rows = sqlx::query(
        "SELECT DISTINCT conversation_id, agent_id FROM note_mentions
         WHERE conversation_id IN (SELECT value FROM json_each(?))",
    )
    .bind(ids)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("conversation_id")?, crate::codec::get_uuid(r, "agent_id")?))).collect()
}

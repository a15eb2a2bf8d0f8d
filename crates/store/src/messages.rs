//! Messages exchanged in a conversation, in the order they were added.

use crate::codec::{get_kind, get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::content::{Attachment, Content};
use switchboard_engine::kinds::Direction;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: Uuid,
    pub conversation_id: i64,
    pub direction: Direction,
    pub author_id: Uuid,
    pub content: Content,
    pub attachments: Vec<Attachment>,
    pub external_id: Option<String>,
    /// The addresses of an email message.
    pub email: Option<switchboard_engine::content::EmailHeaders>,
    pub created_at: DateTime<Utc>,
    /// When its content and attachments were erased.
    pub anonymized_at: Option<DateTime<Utc>>,
    /// What sent it, when no person did.
    pub automated: Option<switchboard_engine::kinds::Automation>,
}

fn from_row(row: &SqliteRow) -> Result<Message> {
    let attachments: String = row.try_get("attachments")?;
    Ok(Message {
        id: get_uuid(row, "id")?,
        conversation_id: row.try_get("conversation_id")?,
        direction: get_kind(row, "direction", Direction::parse)?,
        author_id: get_uuid(row, "author_id")?,
        content: Content::from_stored(&row.try_get::<String, _>("content_type")?, row.try_get("content")?),
        attachments: serde_json::from_str(&attachments)
            .map_err(|e| StoreError::Corrupt(format!("attachments: {e}")))?,
        external_id: row.try_get("external_id")?,
        email: row
            .try_get::<Option<String>, _>("email")?
            .map(|e| serde_json::from_str(&e).map_err(|e| StoreError::Corrupt(format!("email: {e}"))))
            .transpose()?,
        created_at: get_time(row, "created_at")?,
        anonymized_at: crate::codec::get_opt_time(row, "anonymized_at")?,
        automated: row
            .try_get::<Option<String>, _>("automated")?
            .map(|a| {
                switchboard_engine::kinds::Automation::parse(&a)
                    .map_err(|e| StoreError::Corrupt(format!("automated: {e}")))
            })
            .transpose()?,
    })
}

pub async fn insert(tx: &mut Tx, m: &Message) -> Result<()> {
    let attachments = serde_json::to_string(&m.attachments).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO messages (id, conversation_id, seq, direction, author_id, content_type, content, attachments, external_id,
            email, created_at, automated)
         VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE conversation_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(m.id.to_string())
    .bind(m.conversation_id)
    .bind(m.conversation_id)
    .bind(m.direction.as_str())
    .bind(m.author_id.to_string())
    .bind(m.content.kind())
    .bind(m.content.value())
    .bind(attachments)
    .bind(&m.external_id)
    .bind(m.email.as_ref().map(serde_json::to_string).transpose().map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .bind(ms(m.created_at))
    .bind(m.automated.map(|a| a.as_str()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether the conversation already has a message with this external id.
pub async fn external_id_taken(tx: &mut Tx, conversation: i64, external_id: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND external_id = ?")
        .bind(conversation)
        .bind(external_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

/// The conversation's message with this external id.
pub async fn by_external_id(tx: &mut Tx, conversation: i64, external_id: &str) -> Result<Option<Message>> {
    sqlx::query("SELECT * FROM messages WHERE conversation_id = ? AND external_id = ?")
        .bind(conversation)
        .bind(external_id)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// The conversation's messages, oldest first.
pub async fn of_conversation(tx: &mut Tx, conversation: i64) -> Result<Vec<Message>> {
    let rows = sqlx::query("SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq")
        .bind(conversation)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

pub async fn get(tx: &mut Tx, conversation: i64, id: Uuid) -> Result<Option<Message>> {
    sqlx::query("SELECT * FROM messages WHERE conversation_id = ? AND id = ?")
        .bind(conversation)
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Erases a message's content and attachments, keeping that it existed, who wrote it and when.
pub async fn erase(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("UPDATE messages SET content = '', attachments = '[]', email = NULL, anonymized_at = ? WHERE id = ?")
        .bind(ms(at))
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Erases the content of every message of a conversation.
pub async fn erase_conversation(tx: &mut Tx, conversation: i64, at: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "UPDATE messages SET content = '', attachments = '[]', email = NULL, anonymized_at = ?
         WHERE conversation_id = ?",
    )
    .bind(ms(at))
    .bind(conversation)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The external ids that two conversations' messages share (a merge would make them clash).
pub async fn shared_external_ids(tx: &mut Tx, a: i64, b: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT external_id FROM messages WHERE conversation_id = ? AND external_id IS NOT NULL
         INTERSECT SELECT external_id FROM messages WHERE conversation_id = ? AND external_id IS NOT NULL",
    )
    .bind(a)
    .bind(b)
    .fetch_all(&mut **tx)
    .await?)
}

/// Moves every message of `from` into `into` and numbers the joined timeline again in the
/// order the messages were written.
pub async fn move_all(tx: &mut Tx, from: i64, into: i64) -> Result<()> {
    // Negative numbers first, so no step collides with a number still in use.
    sqlx::query(
        "UPDATE messages SET conversation_id = ?, seq = -r.n
         FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, conversation_id = ?, seq) AS n
               FROM messages WHERE conversation_id IN (?, ?)) AS r
         WHERE messages.id = r.id",
    )
    .bind(into)
    .bind(from)
    .bind(from)
    .bind(into)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE messages SET seq = -seq WHERE conversation_id = ? AND seq < 0")
        .bind(into)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The latest message of a conversation, if any.
pub async fn latest(tx: &mut Tx, conversation: i64) -> Result<Option<Message>> {
    sqlx::query("SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1")
        .bind(conversation)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

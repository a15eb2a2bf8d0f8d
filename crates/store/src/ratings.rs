//! Ratings offered to and submitted by customers.

use crate::codec::{get_opt_time, get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::rating::{RatingStatus, RatingType};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub id: Uuid,
    pub conversation_id: i64,
    pub user_id: String,
    pub agent_id: String,
    pub rating_type: RatingType,
    pub status: RatingStatus,
    pub score: Option<i64>,
    pub comment: Option<String>,
    pub offered_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

fn from_row(row: &SqliteRow) -> Result<Rating> {
    let kind: String = row.try_get("rating_type")?;
    let status: String = row.try_get("status")?;
    Ok(Rating {
        id: get_uuid(row, "id")?,
        conversation_id: row.try_get("conversation_id")?,
        user_id: row.try_get("user_id")?,
        agent_id: row.try_get("agent_id")?,
        rating_type: RatingType::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("rating type {kind}")))?,
        status: RatingStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("rating status {status}")))?,
        score: row.try_get("score")?,
        comment: row.try_get("comment")?,
        offered_at: get_time(row, "offered_at")?,
        submitted_at: get_opt_time(row, "submitted_at")?,
    })
}

pub async fn insert(tx: &mut Tx, r: &Rating) -> Result<()> {
    sqlx::query(
        "INSERT INTO ratings (id, conversation_id, user_id, agent_id, rating_type, status, score, comment, offered_at, submitted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(r.id.to_string())
    .bind(r.conversation_id)
    .bind(&r.user_id)
    .bind(&r.agent_id)
    .bind(r.rating_type.as_str())
    .bind(r.status.as_str())
    .bind(r.score)
    .bind(&r.comment)
    .bind(ms(r.offered_at))
    .bind(r.submitted_at.map(ms))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, r: &Rating) -> Result<()> {
    sqlx::query("UPDATE ratings SET status = ?, score = ?, comment = ?, submitted_at = ? WHERE id = ?")
        .bind(r.status.as_str())
        .bind(r.score)
        .bind(&r.comment)
        .bind(r.submitted_at.map(ms))
        .bind(r.id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, conversation: i64, id: Uuid) -> Result<Option<Rating>> {
    sqlx::query("SELECT * FROM ratings WHERE conversation_id = ? AND id = ?")
        .bind(conversation)
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn of_conversation(tx: &mut Tx, conversation: i64) -> Result<Vec<Rating>> {
    let rows = sqlx::query("SELECT * FROM ratings WHERE conversation_id = ? ORDER BY offered_at, id")
        .bind(conversation)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Erases the customers' comments on a conversation's ratings, keeping the scores.
pub async fn erase_comments(tx: &mut Tx, conversation: i64) -> Result<()> {
    sqlx::query("UPDATE ratings SET comment = NULL WHERE conversation_id = ?")
        .bind(conversation)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

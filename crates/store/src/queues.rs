//! Queues and their members. The Default queue's members are implicit: every agent and admin.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::assignment::{QueueMode, StickyWindow};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    pub id: Uuid,
    pub name: String,
    pub is_default: bool,
    pub auto_assignment: bool,
    pub notify_new_conversation: bool,
    pub notify_new_message: bool,
    /// Raise a desktop notification for this queue's alerts.
    pub notify_desktop: bool,
    /// Play a sound for this queue's alerts.
    pub notify_sound: bool,
    /// How automatic assignment picks an agent.
    pub mode: QueueMode,
    pub created_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<Queue> {
    Ok(Queue {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        is_default: row.try_get("is_default")?,
        auto_assignment: row.try_get("auto_assignment")?,
        notify_new_conversation: row.try_get("notify_new_conversation")?,
        notify_new_message: row.try_get("notify_new_message")?,
        notify_desktop: row.try_get("notify_desktop")?,
        notify_sound: row.try_get("notify_sound")?,
        mode: mode_from(&row.try_get::<String, _>("assignment_mode")?, &row.try_get::<String, _>("sticky_window")?)?,
        created_at: get_time(row, "created_at")?,
    })
}

fn mode_from(mode: &str, window: &str) -> Result<QueueMode> {
    let window = StickyWindow::parse(window).ok_or_else(|| StoreError::Corrupt(format!("sticky_window {window}")))?;
    match mode {
        "AnyAvailable" => Ok(QueueMode::AnyAvailable),
        "LastInteracted" => Ok(QueueMode::LastInteracted(window)),
        other => Err(StoreError::Corrupt(format!("assignment_mode {other}"))),
    }
}

fn mode_columns(mode: QueueMode) -> (&'static str, &'static str) {
    match mode {
        QueueMode::AnyAvailable => ("AnyAvailable", StickyWindow::Days30.as_str()),
        QueueMode::LastInteracted(w) => ("LastInteracted", w.as_str()),
    }
}

pub async fn insert(tx: &mut Tx, q: &Queue) -> Result<()> {
    sqlx::query(
        "INSERT INTO queues (id, name, is_default, auto_assignment, notify_new_conversation, notify_new_message,
            notify_desktop, notify_sound, assignment_mode, sticky_window, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(q.id.to_string())
    .bind(&q.name)
    .bind(q.is_default)
    .bind(q.auto_assignment)
    .bind(q.notify_new_conversation)
    .bind(q.notify_new_message)
    .bind(q.notify_desktop)
    .bind(q.notify_sound)
    .bind(mode_columns(q.mode).0)
    .bind(mode_columns(q.mode).1)
    .bind(ms(q.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, q: &Queue) -> Result<()> {
    sqlx::query(
        "UPDATE queues SET name = ?, auto_assignment = ?, notify_new_conversation = ?, notify_new_message = ?,
            notify_desktop = ?, notify_sound = ?, assignment_mode = ?, sticky_window = ? WHERE id = ?",
    )
    .bind(&q.name)
    .bind(q.auto_assignment)
    .bind(q.notify_new_conversation)
    .bind(q.notify_new_message)
    .bind(q.notify_desktop)
    .bind(q.notify_sound)
    .bind(mode_columns(q.mode).0)
    .bind(mode_columns(q.mode).1)
    .bind(q.id.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A queue that was not deleted.
pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<Queue>> {
    sqlx::query("SELECT * FROM queues WHERE id = ? AND deleted_at IS NULL")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn default_queue(tx: &mut Tx) -> Result<Option<Queue>> {
    sqlx::query("SELECT * FROM queues WHERE is_default = 1")
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// All queues not deleted, the Default queue first, then by creation.
pub async fn list(tx: &mut Tx) -> Result<Vec<Queue>> {
    let rows = sqlx::query("SELECT * FROM queues WHERE deleted_at IS NULL ORDER BY is_default DESC, created_at, id")
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Whether any queue (deleted ones included) has this name.
pub async fn name_taken(tx: &mut Tx, name: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM queues WHERE name = ? COLLATE NOCASE AND deleted_at IS NULL")
        .bind(name)
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

/// How many conversations of the queue are not Closed.
pub async fn active_conversations(tx: &mut Tx, id: Uuid) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM conversations WHERE queue_id = ? AND status != 'Closed'")
        .bind(id.to_string())
        .fetch_one(&mut **tx)
        .await?)
}

/// Deletes a queue: it disappears from lists and lookups, its members and senders go; the
/// Closed conversations that passed through it keep pointing at it.
pub async fn delete(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("UPDATE queues SET deleted_at = ? WHERE id = ?")
        .bind(ms(at))
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM queue_members WHERE queue_id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    sqlx::query("DELETE FROM queue_senders WHERE queue_id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

/// A sender (email address, number, widget id) a queue may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub sender: String,
    pub is_default: bool,
}

/// The queue's senders in the order they were added (the default among them).
pub async fn senders(tx: &mut Tx, queue: Uuid) -> Result<Vec<Sender>> {
    let rows = sqlx::query("SELECT sender, is_default FROM queue_senders WHERE queue_id = ? ORDER BY position")
        .bind(queue.to_string())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(|r| Ok(Sender { sender: r.try_get("sender")?, is_default: r.try_get("is_default")? })).collect()
}

/// Replaces the queue's senders.
pub async fn set_senders(tx: &mut Tx, queue: Uuid, senders: &[Sender]) -> Result<()> {
    sqlx::query("DELETE FROM queue_senders WHERE queue_id = ?").bind(queue.to_string()).execute(&mut **tx).await?;
    for (i, s) in senders.iter().enumerate() {
        sqlx::query("INSERT INTO queue_senders (queue_id, sender, is_default, position) VALUES (?, ?, ?, ?)")
            .bind(queue.to_string())
            .bind(&s.sender)
            .bind(s.is_default)
            .bind(i as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The queues that list this sender.
pub async fn with_sender(tx: &mut Tx, sender: &str) -> Result<Vec<Uuid>> {
    let rows = sqlx::query(
        "SELECT s.queue_id FROM queue_senders s JOIN queues q ON q.id = s.queue_id
         WHERE s.sender = ? COLLATE NOCASE AND q.deleted_at IS NULL ORDER BY s.queue_id",
    )
    .bind(sender)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| get_uuid(r, "queue_id")).collect()
}

pub async fn add_member(tx: &mut Tx, queue: Uuid, user: Uuid, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("INSERT OR IGNORE INTO queue_members (queue_id, user_id, added_at) VALUES (?, ?, ?)")
        .bind(queue.to_string())
        .bind(user.to_string())
        .bind(ms(at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn remove_member(tx: &mut Tx, queue: Uuid, user: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM queue_members WHERE queue_id = ? AND user_id = ?")
        .bind(queue.to_string())
        .bind(user.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A member of a queue and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: Uuid,
    pub added_at: DateTime<Utc>,
}

/// The users added to a queue, in the order they were added.
pub async fn members(tx: &mut Tx, queue: Uuid) -> Result<Vec<Member>> {
    let rows = sqlx::query("SELECT user_id, added_at FROM queue_members WHERE queue_id = ? ORDER BY added_at, user_id")
        .bind(queue.to_string())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(|r| Ok(Member { user_id: get_uuid(r, "user_id")?, added_at: get_time(r, "added_at")? })).collect()
}

/// Whether the user was added to the queue.
pub async fn has_member(tx: &mut Tx, queue: Uuid, user: Uuid) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM queue_members WHERE queue_id = ? AND user_id = ?")
        .bind(queue.to_string())
        .bind(user.to_string())
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

/// The queues the user was added to.
pub async fn joined_by(tx: &mut Tx, user: Uuid) -> Result<Vec<Uuid>> {
    let rows = sqlx::query("SELECT queue_id FROM queue_members WHERE user_id = ?")
        .bind(user.to_string())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(|r| get_uuid(r, "queue_id")).collect()
}

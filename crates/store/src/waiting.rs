//! Waiting strategies with the senders they serve, uploaded audio files, and callers' places
//! in their queue.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use uuid::Uuid;

/// Which channels a strategy is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategyKind {
    Messaging,
    Voice,
}

impl StrategyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StrategyKind::Messaging => "Messaging",
            StrategyKind::Voice => "Voice",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        match s {
            "Messaging" => Ok(StrategyKind::Messaging),
            "Voice" => Ok(StrategyKind::Voice),
            other => Err(StoreError::Corrupt(format!("waiting strategy kind {other}"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyRow {
    pub id: Uuid,
    pub name: String,
    pub kind: StrategyKind,
    pub enabled: bool,
    pub is_default: bool,
    /// The messages, as JSON in the API's shape.
    pub config: String,
    pub senders: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<StrategyRow> {
    Ok(StrategyRow {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        kind: StrategyKind::parse(&row.try_get::<String, _>("kind")?)?,
        enabled: row.try_get("enabled")?,
        is_default: row.try_get("is_default")?,
        config: row.try_get("config")?,
        senders: Vec::new(),
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

async fn with_senders(tx: &mut Tx, mut s: StrategyRow) -> Result<StrategyRow> {
    s.senders = sqlx::query_scalar("SELECT sender FROM waiting_strategy_senders WHERE strategy_id = ? ORDER BY sender")
        .bind(s.id.to_string())
        .fetch_all(&mut **tx)
        .await?;
    Ok(s)
}

/// Writes a strategy and replaces its senders.
pub async fn upsert(tx: &mut Tx, s: &StrategyRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO waiting_strategies (id, name, kind, enabled, is_default, config, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled,
            is_default = excluded.is_default, config = excluded.config, updated_at = excluded.updated_at",
    )
    .bind(s.id.to_string())
    .bind(&s.name)
    .bind(s.kind.as_str())
    .bind(s.enabled)
    .bind(s.is_default)
    .bind(&s.config)
    .bind(ms(s.created_at))
    .bind(ms(s.updated_at))
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM waiting_strategy_senders WHERE strategy_id = ?")
        .bind(s.id.to_string())
        .execute(&mut **tx)
        .await?;
    for sender in &s.senders {
        sqlx::query("INSERT INTO waiting_strategy_senders (kind, sender, strategy_id) VALUES (?, ?, ?)")
            .bind(s.kind.as_str())
            .bind(sender)
            .bind(s.id.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Takes the default mark off the strategies of a kind (before another gets it).
pub async fn clear_default(tx: &mut Tx, kind: StrategyKind) -> Result<()> {
    sqlx::query("UPDATE waiting_strategies SET is_default = 0 WHERE kind = ? AND is_default = 1")
        .bind(kind.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM waiting_strategies WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<StrategyRow>> {
    let row = sqlx::query("SELECT * FROM waiting_strategies WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?;
    match row {
        Some(r) => Ok(Some(with_senders(tx, from_row(&r)?).await?)),
        None => Ok(None),
    }
}

/// Every strategy, by name.
pub async fn list(tx: &mut Tx) -> Result<Vec<StrategyRow>> {
    let rows =
        sqlx::query("SELECT * FROM waiting_strategies ORDER BY name COLLATE NOCASE, id").fetch_all(&mut **tx).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(with_senders(tx, from_row(r)?).await?);
    }
    Ok(out)
}

pub async fn name_taken(tx: &mut Tx, name: &str, other_than: Option<Uuid>) -> Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM waiting_strategies WHERE name = ? COLLATE NOCASE AND id != ?")
            .bind(name)
            .bind(other_than.map(|u| u.to_string()).unwrap_or_default())
            .fetch_one(&mut **tx)
            .await?;
    Ok(n > 0)
}

pub async fn count(tx: &mut Tx) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM waiting_strategies").fetch_one(&mut **tx).await?)
}

/// The strategy that serves a sender, if any (another strategy than `other_than`).
pub async fn owner_of_sender(
    tx: &mut Tx,
    kind: StrategyKind,
    sender: &str,
    other_than: Option<Uuid>,
) -> Result<Option<(Uuid, String)>> {
    let row = sqlx::query(
        "SELECT s.id, s.name FROM waiting_strategy_senders ss JOIN waiting_strategies s ON s.id = ss.strategy_id
         WHERE ss.kind = ? AND ss.sender = ? AND s.id != ?",
    )
    .bind(kind.as_str())
    .bind(sender)
    .bind(other_than.map(|u| u.to_string()).unwrap_or_default())
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| Ok((get_uuid(&r, "id")?, r.try_get("name")?))).transpose()
}

/// Whether any strategy of the kind is enabled (most conversations then need no lookup).
pub async fn any_enabled(tx: &mut Tx, kind: StrategyKind) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM waiting_strategies WHERE kind = ? AND enabled = 1)")
        .bind(kind.as_str())
        .fetch_one(&mut **tx)
        .await?;
    Ok(n == 1)
}

/// The enabled strategy for a sender, or the enabled default one of the kind.
pub async fn for_sender(tx: &mut Tx, kind: StrategyKind, sender: Option<&str>) -> Result<Option<StrategyRow>> {
    let row = sqlx::query(
        "SELECT s.* FROM waiting_strategies s
         LEFT JOIN waiting_strategy_senders ss ON ss.strategy_id = s.id AND ss.sender = ?
         WHERE s.kind = ? AND s.enabled = 1 AND (ss.sender IS NOT NULL OR s.is_default = 1)
         ORDER BY ss.sender IS NULL
         LIMIT 1",
    )
    .bind(sender.unwrap_or(""))
    .bind(kind.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some(r) => Ok(Some(with_senders(tx, from_row(&r)?).await?)),
        None => Ok(None),
    }
}

/// An uploaded audio file, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioFile {
    pub id: Uuid,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: DateTime<Utc>,
}

fn file_from_row(row: &SqliteRow) -> Result<AudioFile> {
    Ok(AudioFile {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        content_type: row.try_get("content_type")?,
        size: row.try_get("size")?,
        created_at: get_time(row, "created_at")?,
    })
}

pub async fn insert_file(tx: &mut Tx, f: &AudioFile, data: &[u8]) -> Result<()> {
    sqlx::query("INSERT INTO audio_files (id, name, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(f.id.to_string())
        .bind(&f.name)
        .bind(&f.content_type)
        .bind(f.size)
        .bind(data)
        .bind(ms(f.created_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn files(tx: &mut Tx) -> Result<Vec<AudioFile>> {
    let rows = sqlx::query("SELECT id, name, content_type, size, created_at FROM audio_files ORDER BY created_at, id")
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(file_from_row).collect()
}

pub async fn file(tx: &mut Tx, id: Uuid) -> Result<Option<AudioFile>> {
    sqlx::query("SELECT id, name, content_type, size, created_at FROM audio_files WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(file_from_row)
        .transpose()
}

pub async fn file_data(tx: &mut Tx, id: Uuid) -> Result<Option<Vec<u8>>> {
    Ok(sqlx::query_scalar("SELECT data FROM audio_files WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?)
}

pub async fn delete_file(tx: &mut Tx, id: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM audio_files WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

/// A waiting call's place in its queue: 1 + the unassigned calls of the queue ahead of it in
/// assignment order (most urgent, then oldest), and how many calls wait there in all.
pub async fn call_position(tx: &mut Tx, conversation: i64) -> Result<Option<(i64, i64)>> {
    let row = sqlx::query(
        "WITH me AS (SELECT id, queue_id, created_at,
                (CASE priority WHEN 'Urgent' THEN 0 WHEN 'High' THEN 1 WHEN 'Normal' THEN 2 ELSE 3 END) AS rank
             FROM conversations WHERE id = ? AND agent_id IS NULL AND status != 'Closed')
         SELECT
           (SELECT COUNT(*) FROM conversations c, me WHERE c.queue_id = me.queue_id AND c.agent_id IS NULL
              AND c.status != 'Closed' AND c.channel = 'PstnPhone'
              AND ((CASE c.priority WHEN 'Urgent' THEN 0 WHEN 'High' THEN 1 WHEN 'Normal' THEN 2 ELSE 3 END),
                   c.created_at, c.id) < (me.rank, me.created_at, me.id)) AS ahead,
           (SELECT COUNT(*) FROM conversations c, me WHERE c.queue_id = me.queue_id AND c.agent_id IS NULL
              AND c.status != 'Closed' AND c.channel = 'PstnPhone') AS waiting
         FROM me",
    )
    .bind(conversation)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| Ok((r.try_get::<i64, _>("ahead")? + 1, r.try_get("waiting")?))).transpose()
}

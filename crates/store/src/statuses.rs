//! Agent statuses: the status catalogue, each agent's current status and capacity state, and
//! the log of every status an agent was in.

use crate::codec::{get_opt_time, get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::capacity::PartialCapacity;
use switchboard_engine::status::{DefaultStatus, StatusFacts, StatusGroup};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentStatus {
    pub id: Uuid,
    pub name: String,
    pub group: StatusGroup,
    /// Set for the predefined statuses.
    pub default: Option<DefaultStatus>,
    /// Deleted custom statuses stay for the log but can't be chosen.
    pub archived: bool,
    pub position: i64,
    pub created_at: DateTime<Utc>,
}

impl AgentStatus {
    pub fn facts(&self) -> StatusFacts<'_> {
        StatusFacts { name: &self.name, group: self.group, default: self.default, archived: self.archived }
    }
}

fn group_of(raw: &str) -> Result<StatusGroup> {
    StatusGroup::parse(raw).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn status_from_row(row: &SqliteRow) -> Result<AgentStatus> {
    let key: Option<String> = row.try_get("system_key")?;
    Ok(AgentStatus {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        group: group_of(&row.try_get::<String, _>("status_group")?)?,
        default: key.as_deref().and_then(DefaultStatus::from_key),
        archived: row.try_get("archived")?,
        position: row.try_get("position")?,
        created_at: get_time(row, "created_at")?,
    })
}

/// Every status, deleted ones included, in their display order.
pub async fn list(tx: &mut Tx) -> Result<Vec<AgentStatus>> {
    let rows = sqlx::query("SELECT * FROM agent_statuses ORDER BY position, created_at").fetch_all(&mut **tx).await?;
    rows.iter().map(status_from_row).collect()
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<AgentStatus>> {
    sqlx::query("SELECT * FROM agent_statuses WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(status_from_row)
        .transpose()
}

pub async fn get_default(tx: &mut Tx, which: DefaultStatus) -> Result<AgentStatus> {
    let row = sqlx::query("SELECT * FROM agent_statuses WHERE system_key = ?")
        .bind(which.key())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("default status {} is missing", which.key())))?;
    status_from_row(&row)
}

/// A live (not deleted) status with this name, ignoring case.
pub async fn find_by_name(tx: &mut Tx, name: &str) -> Result<Option<AgentStatus>> {
    sqlx::query("SELECT * FROM agent_statuses WHERE name = ? COLLATE NOCASE AND archived = 0")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(status_from_row)
        .transpose()
}

pub async fn insert(tx: &mut Tx, s: &AgentStatus) -> Result<()> {
    sqlx::query(
        "INSERT INTO agent_statuses (id, name, status_group, system_key, archived, position, created_at)
         VALUES (?, ?, ?, NULL, ?, (SELECT COALESCE(MAX(position), -1) + 1 FROM agent_statuses), ?)",
    )
    .bind(s.id.to_string())
    .bind(&s.name)
    .bind(s.group.as_str())
    .bind(s.archived)
    .bind(ms(s.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, s: &AgentStatus) -> Result<()> {
    sqlx::query("UPDATE agent_statuses SET name = ?, status_group = ?, archived = ? WHERE id = ?")
        .bind(&s.name)
        .bind(s.group.as_str())
        .bind(s.archived)
        .bind(s.id.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What an agent is doing: their chosen status, their capacity state and settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentWork {
    pub user_id: Uuid,
    pub status_id: Uuid,
    pub group: StatusGroup,
    /// Since when the agent is in this status (their creation if never changed).
    pub status_since: DateTime<Utc>,
    pub full_capacity: bool,
    pub capacity: PartialCapacity,
    pub last_assigned_at: Option<DateTime<Utc>>,
}

const WORK_COLUMNS: &str =
    "u.id AS user_id, u.status_id, s.status_group, COALESCE(u.status_since, u.created_at) AS since,
    u.full_capacity, u.capacity_email, u.capacity_live_messaging, u.capacity_live_chat, u.last_assigned_at";

fn opt_u32(row: &SqliteRow, col: &str) -> Result<Option<u32>> {
    Ok(row.try_get::<Option<i64>, _>(col)?.map(|v| u32::try_from(v).unwrap_or(0)))
}

fn work_from_row(row: &SqliteRow) -> Result<AgentWork> {
    Ok(AgentWork {
        user_id: get_uuid(row, "user_id")?,
        status_id: get_uuid(row, "status_id")?,
        group: group_of(&row.try_get::<String, _>("status_group")?)?,
        status_since: get_time(row, "since")?,
        full_capacity: row.try_get("full_capacity")?,
        capacity: PartialCapacity {
            email: opt_u32(row, "capacity_email")?,
            live_messaging: opt_u32(row, "capacity_live_messaging")?,
            live_chat: opt_u32(row, "capacity_live_chat")?,
        },
        last_assigned_at: get_opt_time(row, "last_assigned_at")?,
    })
}

pub async fn work_of(tx: &mut Tx, user: Uuid) -> Result<Option<AgentWork>> {
    sqlx::query(&format!(
        "SELECT {WORK_COLUMNS} FROM users u JOIN agent_statuses s ON s.id = u.status_id WHERE u.id = ?"
    ))
    .bind(user.to_string())
    .fetch_optional(&mut **tx)
    .await?
    .as_ref()
    .map(work_from_row)
    .transpose()
}

/// The enabled agents and admins, with their work state; `only` limits them to some ids.
pub async fn work_of_agents(tx: &mut Tx, only: Option<&[Uuid]>) -> Result<Vec<AgentWork>> {
    let ids =
        only.map(|ids| serde_json::Value::from(ids.iter().map(|i| i.to_string()).collect::<Vec<_>>()).to_string());
    let rows = sqlx::query(&format!(
        "SELECT {WORK_COLUMNS} FROM users u JOIN agent_statuses s ON s.id = u.status_id
         WHERE u.enabled = 1 AND u.user_type IN ('Agent', 'Admin')
           AND (?1 IS NULL OR u.id IN (SELECT value FROM json_each(?1)))
         ORDER BY u.id"
    ))
    .bind(ids)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(work_from_row).collect()
}

/// Sets an agent's chosen status and records it in the log.
pub async fn set_status(tx: &mut Tx, user: Uuid, status: &AgentStatus, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("UPDATE users SET status_id = ?, status_since = ? WHERE id = ?")
        .bind(status.id.to_string())
        .bind(ms(at))
        .bind(user.to_string())
        .execute(&mut **tx)
        .await?;
    log(tx, user, status, at).await
}

/// Records that the agent is (shown) in this status from `at`.
pub async fn log(tx: &mut Tx, user: Uuid, status: &AgentStatus, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("INSERT INTO agent_status_log (user_id, status_id, status_group, started_at) VALUES (?, ?, ?, ?)")
        .bind(user.to_string())
        .bind(status.id.to_string())
        .bind(status.group.as_str())
        .bind(ms(at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_full_capacity(tx: &mut Tx, user: Uuid, full: bool) -> Result<()> {
    sqlx::query("UPDATE users SET full_capacity = ? WHERE id = ?")
        .bind(full)
        .bind(user.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_capacity(tx: &mut Tx, user: Uuid, c: PartialCapacity) -> Result<()> {
    sqlx::query(
        "UPDATE users SET capacity_email = ?, capacity_live_messaging = ?, capacity_live_chat = ? WHERE id = ?",
    )
    .bind(c.email.map(i64::from))
    .bind(c.live_messaging.map(i64::from))
    .bind(c.live_chat.map(i64::from))
    .bind(user.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One entry of the status log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub user_id: Uuid,
    pub status_id: Uuid,
    pub group: StatusGroup,
    pub started_at: DateTime<Utc>,
}

/// The status log within [from, to), oldest first; `user` limits it to one agent.
pub async fn history(
    tx: &mut Tx,
    user: Option<Uuid>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<LogEntry>> {
    let rows = sqlx::query(
        "SELECT user_id, status_id, status_group, started_at FROM agent_status_log
         WHERE (?1 IS NULL OR user_id = ?1) AND started_at >= ?2 AND started_at < ?3
         ORDER BY started_at, seq LIMIT ?4",
    )
    .bind(user.map(|u| u.to_string()))
    .bind(ms(from))
    .bind(ms(to))
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(LogEntry {
                user_id: get_uuid(r, "user_id")?,
                status_id: get_uuid(r, "status_id")?,
                group: group_of(&r.try_get::<String, _>("status_group")?)?,
                started_at: get_time(r, "started_at")?,
            })
        })
        .collect()
}

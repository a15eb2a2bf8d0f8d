//! What automatic assignment reads and writes: who held a conversation before, agents'
//! occupancy, and the conversations waiting in queues in bulk-assignment order.

use crate::codec::{get_kind, get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::Row;
use switchboard_engine::kinds::{Channel, Priority, Status};
use uuid::Uuid;

/// Records that `agent` was given the conversation, and when (their latest assignment).
pub async fn record(tx: &mut Tx, conversation: i64, agent: Uuid, requester: Uuid, at: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "INSERT INTO conversation_assignees (conversation_id, agent_id, requester_id, assigned_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (conversation_id, agent_id) DO UPDATE SET assigned_at = excluded.assigned_at",
    )
    .bind(conversation)
    .bind(agent.to_string())
    .bind(requester.to_string())
    .bind(ms(at))
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE users SET last_assigned_at = ? WHERE id = ?")
        .bind(ms(at))
        .bind(agent.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Everyone ever assigned to the conversation.
pub async fn assignees(tx: &mut Tx, conversation: i64) -> Result<Vec<Uuid>> {
    let rows = sqlx::query("SELECT agent_id FROM conversation_assignees WHERE conversation_id = ?")
        .bind(conversation)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(|r| get_uuid(r, "agent_id")).collect()
}

/// The agent most recently assigned to another conversation of this customer, and when.
pub async fn last_for_requester(tx: &mut Tx, requester: Uuid, except: i64) -> Result<Option<(Uuid, DateTime<Utc>)>> {
    let row = sqlx::query(
        "SELECT agent_id, assigned_at FROM conversation_assignees
         WHERE requester_id = ? AND conversation_id != ? ORDER BY assigned_at DESC LIMIT 1",
    )
    .bind(requester.to_string())
    .bind(except)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| Ok((get_uuid(&r, "agent_id")?, get_time(&r, "assigned_at")?))).transpose()
}

/// The pairs (conversation, agent) of earlier assignments among unassigned open conversations.
pub async fn earlier_assignees_of_waiting(tx: &mut Tx) -> Result<Vec<(i64, Uuid)>> {
    let rows = sqlx::query(
        "SELECT ca.conversation_id, ca.agent_id FROM conversation_assignees ca
         JOIN conversations c ON c.id = ca.conversation_id
         WHERE c.agent_id IS NULL AND c.status != 'Closed'",
    )
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("conversation_id")?, get_uuid(r, "agent_id")?))).collect()
}

/// The conversations this agent was ever assigned that are now waiting unassigned.
pub async fn earlier_of_agent_waiting(tx: &mut Tx, agent: Uuid) -> Result<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT ca.conversation_id FROM conversation_assignees ca
         JOIN conversations c ON c.id = ca.conversation_id
         WHERE ca.agent_id = ? AND c.agent_id IS NULL AND c.status != 'Closed'",
    )
    .bind(agent.to_string())
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(|r| Ok(r.try_get("conversation_id")?)).collect()
}

/// How many conversations of each channel and status each agent holds (Closed ones aside);
/// `only` limits it to some agents.
pub async fn holdings(tx: &mut Tx, only: Option<&[Uuid]>) -> Result<Vec<(Uuid, Channel, Status, u32)>> {
    let ids =
        only.map(|ids| serde_json::Value::from(ids.iter().map(|i| i.to_string()).collect::<Vec<_>>()).to_string());
    let rows = sqlx::query(
        "SELECT agent_id, channel, status, COUNT(*) AS n FROM conversations
         WHERE agent_id IS NOT NULL AND status != 'Closed'
           AND (?1 IS NULL OR agent_id IN (SELECT value FROM json_each(?1)))
         GROUP BY agent_id, channel, status",
    )
    .bind(ids)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                get_uuid(r, "agent_id")?,
                get_kind(r, "channel", Channel::parse)?,
                get_kind(r, "status", Status::parse)?,
                u32::try_from(r.try_get::<i64, _>("n")?).unwrap_or(u32::MAX),
            ))
        })
        .collect()
}

/// An unassigned conversation waiting in a queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingRow {
    pub id: i64,
    pub queue_id: Uuid,
    pub requester_id: Uuid,
    pub channel: Channel,
    pub priority: Priority,
    pub created_at: DateTime<Utc>,
}

/// Where a page of waiting conversations ends: (priority rank, created_at, id).
pub type WaitingKey = (i64, i64, i64);

fn rank(p: Priority) -> i64 {
    match p {
        Priority::Urgent => 0,
        Priority::High => 1,
        Priority::Normal => 2,
        Priority::Low => 3,
    }
}

impl WaitingRow {
    pub fn key(&self) -> WaitingKey {
        (rank(self.priority), ms(self.created_at), self.id)
    }
}

/// The unassigned conversations of a queue in one of `statuses`, most urgent then oldest first,
/// after `after` (keyset paging: rows assigned meanwhile don't shift the pages).
pub async fn waiting(
    tx: &mut Tx,
    queue: Uuid,
    statuses: &[Status],
    after: Option<WaitingKey>,
    limit: u32,
) -> Result<Vec<WaitingRow>> {
    let statuses: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let (r, t, id) = after.unwrap_or((-1, i64::MIN, i64::MIN));
    let rows = sqlx::query(
        "SELECT id, queue_id, requester_id, channel, priority, created_at FROM conversations
         WHERE queue_id = ? AND agent_id IS NULL AND status != 'Closed'
           AND status IN (SELECT value FROM json_each(?))
           AND ((CASE priority WHEN 'Urgent' THEN 0 WHEN 'High' THEN 1 WHEN 'Normal' THEN 2 ELSE 3 END), created_at, id)
               > (?, ?, ?)
         ORDER BY (CASE priority WHEN 'Urgent' THEN 0 WHEN 'High' THEN 1 WHEN 'Normal' THEN 2 ELSE 3 END),
            created_at, id
         LIMIT ?",
    )
    .bind(queue.to_string())
    .bind(serde_json::Value::from(statuses).to_string())
    .bind(r)
    .bind(t)
    .bind(id)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(WaitingRow {
                id: r.try_get("id")?,
                queue_id: get_uuid(r, "queue_id")?,
                requester_id: get_uuid(r, "requester_id")?,
                channel: get_kind(r, "channel", Channel::parse)?,
                priority: get_kind(r, "priority", Priority::parse)?,
                created_at: get_time(r, "created_at")?,
            })
        })
        .collect()
}

/// One automatic assignment to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Given {
    pub conversation: i64,
    pub agent: Uuid,
    pub requester: Uuid,
}

/// Gives waiting conversations to agents (automatic assignment's writes): the conversations,
/// the assignment history and the agents' latest assignment, a few statements per batch rather
/// than per conversation (each statement is a round trip to the database thread).
pub async fn assign_many(tx: &mut Tx, given: &[Given], at: DateTime<Utc>) -> Result<()> {
    for batch in given.chunks(2000) {
        let rows = serde_json::Value::from(
            batch
                .iter()
                .map(|g| serde_json::json!([g.conversation, g.agent.to_string(), g.requester.to_string()]))
                .collect::<Vec<_>>(),
        )
        .to_string();
        sqlx::query(
            "UPDATE conversations SET agent_id = j.agent, assigned_at = ?1, updated_at = ?1
             FROM (SELECT value ->> 0 AS cid, value ->> 1 AS agent FROM json_each(?2)) AS j
             WHERE conversations.id = j.cid",
        )
        .bind(ms(at))
        .bind(&rows)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO conversation_assignees (conversation_id, agent_id, requester_id, assigned_at)
             SELECT value ->> 0, value ->> 1, value ->> 2, ?1 FROM json_each(?2) WHERE true
             ON CONFLICT (conversation_id, agent_id) DO UPDATE SET assigned_at = excluded.assigned_at",
        )
        .bind(ms(at))
        .bind(&rows)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE users SET last_assigned_at = ?1
             WHERE id IN (SELECT value ->> 1 FROM json_each(?2))",
        )
        .bind(ms(at))
        .bind(&rows)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

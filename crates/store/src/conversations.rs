//! Conversations: the rows, lookups and the filtered, paged inbox query.

use crate::codec::{get_kind, get_opt_time, get_opt_uuid, get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use switchboard_engine::conversation::{Assignment, ConversationSnapshot};
use switchboard_engine::kinds::{Channel, ConversationSort, Direction, LinkType, Priority, SlaState, Status};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub id: i64,
    /// A short, increasing number per installation (assigned on insert).
    pub short_id: i64,
    /// The conversation this one was created from, and how.
    pub link: Option<(i64, LinkType)>,
    pub channel: Channel,
    pub direction: Direction,
    pub status: Status,
    pub status_updated_at: DateTime<Utc>,
    pub priority: Priority,
    pub topic: Option<String>,
    pub summary: Option<String>,
    pub subject: Option<String>,
    pub language: Option<String>,
    pub queue_id: Option<Uuid>,
    pub queued_at: Option<DateTime<Utc>>,
    pub assignment: Option<Assignment>,
    pub requester_id: Uuid,
    pub integration_email: Option<String>,
    pub contact_endpoint_id: Option<String>,
    pub metadata: serde_json::Map<String, serde_json::Value>,
    /// Plain-text start of the latest message.
    pub preview: Option<String>,
    /// When its content was erased; the conversation keeps only its skeleton.
    pub anonymized_at: Option<DateTime<Utc>>,
    /// While snoozed (Waiting): when it wakes.
    pub snoozed_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Conversation {
    pub fn snapshot(&self) -> ConversationSnapshot {
        ConversationSnapshot { id: self.id, status: self.status, queue_id: self.queue_id, assignment: self.assignment }
    }
}

fn from_row(row: &SqliteRow) -> Result<Conversation> {
    let agent = get_opt_uuid(row, "agent_id")?;
    let assigned_at = get_opt_time(row, "assigned_at")?;
    let metadata: String = row.try_get("metadata")?;
    let parent: Option<i64> = row.try_get("parent_id")?;
    let link_type: Option<String> = row.try_get("link_type")?;
    let link = match (parent, link_type) {
        (Some(p), Some(t)) => Some((p, LinkType::parse(&t).map_err(|e| StoreError::Corrupt(e.to_string()))?)),
        _ => None,
    };
    Ok(Conversation {
        id: row.try_get("id")?,
        short_id: row.try_get::<Option<i64>, _>("short_id")?.unwrap_or_default(),
        link,
        channel: get_kind(row, "channel", Channel::parse)?,
        direction: get_kind(row, "direction", Direction::parse)?,
        status: get_kind(row, "status", Status::parse)?,
        status_updated_at: get_time(row, "status_updated_at")?,
        priority: get_kind(row, "priority", Priority::parse)?,
        topic: row.try_get("topic")?,
        summary: row.try_get("summary")?,
        subject: row.try_get("subject")?,
        language: row.try_get("language")?,
        queue_id: get_opt_uuid(row, "queue_id")?,
        queued_at: get_opt_time(row, "queued_at")?,
        assignment: match (agent, assigned_at) {
            (Some(agent_id), Some(assigned_at)) => Some(Assignment { agent_id, assigned_at }),
            _ => None,
        },
        requester_id: get_uuid(row, "requester_id")?,
        integration_email: row.try_get("integration_email")?,
        contact_endpoint_id: row.try_get("contact_endpoint_id")?,
        metadata: serde_json::from_str(&metadata).map_err(|e| StoreError::Corrupt(format!("metadata: {e}")))?,
        preview: row.try_get("preview")?,
        anonymized_at: get_opt_time(row, "anonymized_at")?,
        snoozed_until: get_opt_time(row, "snoozed_until")?,
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

fn metadata_text(c: &Conversation) -> Result<String> {
    serde_json::to_string(&c.metadata).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Inserts a conversation and returns its new id and short id (the argument's are ignored).
pub async fn insert(tx: &mut Tx, c: &Conversation) -> Result<(i64, i64)> {
    let short_id: i64 =
        sqlx::query_scalar("UPDATE counters SET value = value + 1 WHERE name = 'short_id' RETURNING value")
            .fetch_one(&mut **tx)
            .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO conversations (channel, direction, status, status_updated_at, priority, topic, summary, subject,
            language, queue_id, queued_at, agent_id, assigned_at, requester_id, integration_email, contact_endpoint_id,
            metadata, preview, created_at, updated_at, short_id, parent_id, link_type)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(c.channel.as_str())
    .bind(c.direction.as_str())
    .bind(c.status.as_str())
    .bind(ms(c.status_updated_at))
    .bind(c.priority.as_str())
    .bind(&c.topic)
    .bind(&c.summary)
    .bind(&c.subject)
    .bind(&c.language)
    .bind(c.queue_id.map(|q| q.to_string()))
    .bind(c.queued_at.map(ms))
    .bind(c.assignment.map(|a| a.agent_id.to_string()))
    .bind(c.assignment.map(|a| ms(a.assigned_at)))
    .bind(c.requester_id.to_string())
    .bind(&c.integration_email)
    .bind(&c.contact_endpoint_id)
    .bind(metadata_text(c)?)
    .bind(&c.preview)
    .bind(ms(c.created_at))
    .bind(ms(c.updated_at))
    .bind(short_id)
    .bind(c.link.map(|l| l.0))
    .bind(c.link.map(|l| l.1.as_str()))
    .fetch_one(&mut **tx)
    .await?;
    Ok((id, short_id))
}

/// Writes back every mutable field of a conversation.
pub async fn update(tx: &mut Tx, c: &Conversation) -> Result<()> {
    sqlx::query(
        "UPDATE conversations SET channel = ?, status = ?, status_updated_at = ?, priority = ?, topic = ?, summary = ?,
            subject = ?, language = ?, queue_id = ?, queued_at = ?, agent_id = ?, assigned_at = ?, metadata = ?,
            preview = ?, updated_at = ?, anonymized_at = ?, snoozed_until = ?
         WHERE id = ?",
    )
    .bind(c.channel.as_str())
    .bind(c.status.as_str())
    .bind(ms(c.status_updated_at))
    .bind(c.priority.as_str())
    .bind(&c.topic)
    .bind(&c.summary)
    .bind(&c.subject)
    .bind(&c.language)
    .bind(c.queue_id.map(|q| q.to_string()))
    .bind(c.queued_at.map(ms))
    .bind(c.assignment.map(|a| a.agent_id.to_string()))
    .bind(c.assignment.map(|a| ms(a.assigned_at)))
    .bind(metadata_text(c)?)
    .bind(&c.preview)
    .bind(ms(c.updated_at))
    .bind(c.anonymized_at.map(ms))
    .bind(c.snoozed_until.map(ms))
    .bind(c.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<Conversation>> {
    sqlx::query("SELECT * FROM conversations WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Filters of the conversation list; unset fields do not filter.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub statuses: Vec<Status>,
    pub priority: Option<Priority>,
    pub queue_id: Option<Uuid>,
    pub agent_id: Option<Uuid>,
    /// Only conversations nobody is assigned to.
    pub unassigned: bool,
    pub channel: Option<Channel>,
    pub requester_id: Option<Uuid>,
    pub tag_id: Option<Uuid>,
    pub tag_name: Option<String>,
    pub created_after: Option<DateTime<Utc>>,
    pub created_before: Option<DateTime<Utc>>,
    pub updated_after: Option<DateTime<Utc>>,
    pub updated_before: Option<DateTime<Utc>>,
    /// Case-insensitive part of the topic.
    pub topic: Option<String>,
    pub short_id: Option<i64>,
    pub parent_id: Option<i64>,
    /// Only conversations in these queues or assigned to this agent (an agent's reach).
    pub visible_to: Option<(Uuid, Vec<Uuid>)>,
    pub sla: Option<SlaState>,
    /// Only conversations whose notes named this agent.
    pub mentioned: Option<Uuid>,
    /// The order; paging continues in it.
    pub sort: ConversationSort,
}

/// Where a page of a list continues: after this (sort key, id) in the list's order.
pub type Cursor = (i64, i64);

/// A priority's rank in the priority order, spread so that rank then activity is one number.
const PRIORITY_KEY: &str = "(CASE priority WHEN 'Urgent' THEN 3 WHEN 'High' THEN 2 WHEN 'Normal' THEN 1 ELSE 0 END) \
    * 10000000000000 + updated_at";
/// No deadline sorts after every deadline.
const SLA_DUE_KEY: &str =
    "COALESCE((SELECT next_due FROM conversation_sla s WHERE s.conversation_id = conversations.id), 9000000000000000)";

/// The order's key (one number, so every order pages by (key, id)) and whether it descends.
fn sort_key(sort: ConversationSort) -> (&'static str, bool) {
    match sort {
        ConversationSort::Latest => ("updated_at", true),
        ConversationSort::Oldest => ("updated_at", false),
        ConversationSort::Priority => (PRIORITY_KEY, true),
        ConversationSort::SlaDue => (SLA_DUE_KEY, false),
    }
}

/// Conversations matching the filter in its order, after the cursor.
pub async fn list(tx: &mut Tx, filter: &Filter, after: Option<Cursor>, limit: u32) -> Result<Vec<Conversation>> {
    Ok(list_keyed(tx, filter, after, limit).await?.into_iter().map(|(c, _)| c).collect())
}

/// Like [`list`], each with the cursor that continues after it.
pub async fn list_keyed(
    tx: &mut Tx,
    filter: &Filter,
    after: Option<Cursor>,
    limit: u32,
) -> Result<Vec<(Conversation, Cursor)>> {
    let (key, descending) = sort_key(filter.sort);
    let mut q = QueryBuilder::<Sqlite>::new(format!("SELECT *, {key} AS sort_key FROM conversations WHERE 1 = 1"));
    push_filter(&mut q, filter);
    if let Some((k, id)) = after {
        let op = if descending { "<" } else { ">" };
        q.push(format!(" AND ({key}, id) {op} (")).push_bind(k).push(", ").push_bind(id).push(")");
    }
    let dir = if descending { "DESC" } else { "ASC" };
    q.push(format!(" ORDER BY sort_key {dir}, id {dir} LIMIT ")).push_bind(limit);
    let rows = q.build().fetch_all(&mut **tx).await?;
    rows.iter()
        .map(|r| {
            let c = from_row(r)?;
            let k: i64 = r.try_get("sort_key")?;
            Ok((c.clone(), (k, c.id)))
        })
        .collect()
}

/// How many conversations match the filter.
pub async fn count(tx: &mut Tx, filter: &Filter) -> Result<i64> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM conversations WHERE 1 = 1");
    push_filter(&mut q, filter);
    Ok(q.build_query_scalar().fetch_one(&mut **tx).await?)
}

fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, filter: &Filter) {
    if !filter.statuses.is_empty() {
        q.push(" AND status IN (");
        let mut sep = q.separated(", ");
        for s in &filter.statuses {
            sep.push_bind(s.as_str());
        }
        q.push(")");
    }
    if let Some(p) = filter.priority {
        q.push(" AND priority = ").push_bind(p.as_str());
    }
    if let Some(queue) = filter.queue_id {
        q.push(" AND queue_id = ").push_bind(queue.to_string());
    }
    if let Some(agent) = filter.agent_id {
        q.push(" AND agent_id = ").push_bind(agent.to_string());
    }
    if filter.unassigned {
        q.push(" AND agent_id IS NULL");
    }
    if let Some(ch) = filter.channel {
        q.push(" AND channel = ").push_bind(ch.as_str());
    }
    if let Some(r) = filter.requester_id {
        q.push(" AND requester_id = ").push_bind(r.to_string());
    }
    if let Some(tag) = filter.tag_id {
        q.push(" AND id IN (SELECT conversation_id FROM conversation_tags WHERE tag_id = ")
            .push_bind(tag.to_string())
            .push(")");
    }
    if let Some(name) = &filter.tag_name {
        q.push(
            " AND id IN (SELECT ct.conversation_id FROM conversation_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ",
        )
        .push_bind(name.clone())
        .push(" COLLATE NOCASE)");
    }
    if let Some(t) = filter.created_after {
        q.push(" AND created_at >= ").push_bind(ms(t));
    }
    if let Some(t) = filter.created_before {
        q.push(" AND created_at < ").push_bind(ms(t));
    }
    if let Some(t) = filter.updated_after {
        q.push(" AND updated_at >= ").push_bind(ms(t));
    }
    if let Some(t) = filter.updated_before {
        q.push(" AND updated_at < ").push_bind(ms(t));
    }
    if let Some(topic) = &filter.topic {
        let pattern = format!("%{}%", topic.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        q.push(" AND topic LIKE ").push_bind(pattern).push(" ESCAPE '\\'");
    }
    if let Some(short) = filter.short_id {
        q.push(" AND short_id = ").push_bind(short);
    }
    if let Some((agent, queues)) = &filter.visible_to {
        q.push(" AND (agent_id = ").push_bind(agent.to_string());
        for queue in queues {
            q.push(" OR queue_id = ").push_bind(queue.to_string());
        }
        q.push(")");
    }
    if let Some(parent) = filter.parent_id {
        q.push(" AND parent_id = ").push_bind(parent);
    }
    if let Some(agent) = filter.mentioned {
        q.push(" AND id IN (SELECT conversation_id FROM note_mentions WHERE agent_id = ")
            .push_bind(agent.to_string())
            .push(")");
    }
    match filter.sla {
        Some(SlaState::Breached) => {
            q.push(" AND id IN (SELECT conversation_id FROM conversation_sla WHERE breached = 1)");
        }
        Some(SlaState::Running) => {
            q.push(" AND id IN (SELECT conversation_id FROM conversation_sla WHERE breached = 0)");
        }
        Some(SlaState::NoSla) => {
            q.push(" AND id NOT IN (SELECT conversation_id FROM conversation_sla)");
        }
        None => {}
    }
}

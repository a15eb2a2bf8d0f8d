//! SLA policies in list order, each conversation's policy, severity and latest assessment,
//! the breaches kept for reports, and the timeline the assessment reads.

use crate::codec::{get_time, get_uuid, ms, time};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use switchboard_engine::kinds::{Direction, Status};
use switchboard_engine::sla::Happening;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyRow {
    pub id: Uuid,
    pub name: String,
    pub enabled: bool,
    pub position: i64,
    /// Conditions, queues, validity, exclusion and severities (JSON, the API's shape).
    pub spec: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn policy_from_row(row: &SqliteRow) -> Result<PolicyRow> {
    Ok(PolicyRow {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        enabled: row.try_get("enabled")?,
        position: row.try_get("position")?,
        spec: row.try_get("spec")?,
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

pub async fn upsert_policy(tx: &mut Tx, p: &PolicyRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO sla_policies (id, name, enabled, position, spec, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled, position = excluded.position,
            spec = excluded.spec, updated_at = excluded.updated_at",
    )
    .bind(p.id.to_string())
    .bind(&p.name)
    .bind(p.enabled)
    .bind(p.position)
    .bind(&p.spec)
    .bind(ms(p.created_at))
    .bind(ms(p.updated_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn delete_policy(tx: &mut Tx, id: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM sla_policies WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

pub async fn policy(tx: &mut Tx, id: Uuid) -> Result<Option<PolicyRow>> {
    sqlx::query("SELECT * FROM sla_policies WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(policy_from_row)
        .transpose()
}

/// Every policy, in list order.
pub async fn policies(tx: &mut Tx) -> Result<Vec<PolicyRow>> {
    let rows =
        sqlx::query("SELECT * FROM sla_policies ORDER BY position, created_at, rowid").fetch_all(&mut **tx).await?;
    rows.iter().map(policy_from_row).collect()
}

/// Writes positions 0, 1, 2... in the given order.
pub async fn set_positions(tx: &mut Tx, ids: &[Uuid]) -> Result<()> {
    for (i, id) in ids.iter().enumerate() {
        sqlx::query("UPDATE sla_policies SET position = ? WHERE id = ?")
            .bind(i64::try_from(i).unwrap_or(i64::MAX))
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn policy_name_taken(tx: &mut Tx, name: &str, other_than: Option<Uuid>) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sla_policies WHERE name = ? COLLATE NOCASE AND id != ?")
        .bind(name)
        .bind(other_than.map(|u| u.to_string()).unwrap_or_default())
        .fetch_one(&mut **tx)
        .await?;
    Ok(n > 0)
}

pub async fn policy_count(tx: &mut Tx) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM sla_policies").fetch_one(&mut **tx).await?)
}

/// A conversation's SLA: its policy and severity and the latest assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationSla {
    pub conversation_id: i64,
    pub policy_id: Uuid,
    pub severity_id: Uuid,
    /// The metrics (JSON).
    pub metrics: String,
    pub next_due: Option<DateTime<Utc>>,
    pub breached: bool,
    pub updated_at: DateTime<Utc>,
}

fn sla_from_row(row: &SqliteRow) -> Result<ConversationSla> {
    Ok(ConversationSla {
        conversation_id: row.try_get("conversation_id")?,
        policy_id: get_uuid(row, "policy_id")?,
        severity_id: get_uuid(row, "severity_id")?,
        metrics: row.try_get("metrics")?,
        next_due: crate::codec::get_opt_time(row, "next_due")?,
        breached: row.try_get("breached")?,
        updated_at: get_time(row, "updated_at")?,
    })
}

pub async fn of_conversation(tx: &mut Tx, conversation: i64) -> Result<Option<ConversationSla>> {
    sqlx::query("SELECT * FROM conversation_sla WHERE conversation_id = ?")
        .bind(conversation)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(sla_from_row)
        .transpose()
}

/// The SLAs of several conversations (those without one are left out).
pub async fn of_conversations(tx: &mut Tx, ids: &[i64]) -> Result<Vec<ConversationSla>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT * FROM conversation_sla WHERE conversation_id IN (");
    let mut sep = q.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    q.push(")");
    let rows = q.build().fetch_all(&mut **tx).await?;
    rows.iter().map(sla_from_row).collect()
}

/// Writes the SLAs of several conversations.
pub async fn upsert_many(tx: &mut Tx, rows: &[ConversationSla]) -> Result<()> {
    for chunk in rows.chunks(500) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO conversation_sla (conversation_id, policy_id, severity_id, metrics, next_due, breached, updated_at) ",
        );
        q.push_values(chunk, |mut b, r| {
            b.push_bind(r.conversation_id)
                .push_bind(r.policy_id.to_string())
                .push_bind(r.severity_id.to_string())
                .push_bind(&r.metrics)
                .push_bind(r.next_due.map(ms))
                .push_bind(r.breached)
                .push_bind(ms(r.updated_at));
        });
        q.push(
            " ON CONFLICT (conversation_id) DO UPDATE SET policy_id = excluded.policy_id, severity_id = excluded.severity_id,
              metrics = excluded.metrics, next_due = excluded.next_due, breached = excluded.breached,
              updated_at = excluded.updated_at",
        );
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Removes the SLAs (and their breaches) of conversations no policy applies to anymore.
pub async fn remove_many(tx: &mut Tx, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(500) {
        for table in ["conversation_sla", "sla_breaches"] {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new(format!("DELETE FROM {table} WHERE conversation_id IN ("));
            let mut sep = q.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            q.push(")");
            q.build().execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// One recorded breach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachRow {
    pub conversation_id: i64,
    pub metric: String,
    pub cycle: i64,
    pub policy_id: Uuid,
    pub severity: String,
    pub breached_at: DateTime<Utc>,
}

/// Replaces the breaches of the given conversations with `rows`.
pub async fn replace_breaches(tx: &mut Tx, conversations: &[i64], rows: &[BreachRow]) -> Result<()> {
    for chunk in conversations.chunks(500) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new("DELETE FROM sla_breaches WHERE conversation_id IN (");
        let mut sep = q.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        q.push(")");
        q.build().execute(&mut **tx).await?;
    }
    for chunk in rows.chunks(500) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO sla_breaches (conversation_id, metric, cycle, policy_id, severity, breached_at) ",
        );
        q.push_values(chunk, |mut b, r| {
            b.push_bind(r.conversation_id)
                .push_bind(&r.metric)
                .push_bind(r.cycle)
                .push_bind(r.policy_id.to_string())
                .push_bind(&r.severity)
                .push_bind(ms(r.breached_at));
        });
        q.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// Breaches between two moments, oldest first, after a (time, conversation, metric, cycle) key.
pub async fn breaches(
    tx: &mut Tx,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    after: Option<(i64, i64, String, i64)>,
    limit: u32,
) -> Result<Vec<BreachRow>> {
    let (t, c, m, n) = after.unwrap_or((i64::MIN, i64::MIN, String::new(), i64::MIN));
    let rows = sqlx::query(
        "SELECT * FROM sla_breaches WHERE breached_at >= ? AND breached_at < ?
           AND (breached_at, conversation_id, metric, cycle) > (?, ?, ?, ?)
         ORDER BY breached_at, conversation_id, metric, cycle LIMIT ?",
    )
    .bind(ms(from))
    .bind(ms(to))
    .bind(t)
    .bind(c)
    .bind(m)
    .bind(n)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(BreachRow {
                conversation_id: r.try_get("conversation_id")?,
                metric: r.try_get("metric")?,
                cycle: r.try_get("cycle")?,
                policy_id: get_uuid(r, "policy_id")?,
                severity: r.try_get("severity")?,
                breached_at: get_time(r, "breached_at")?,
            })
        })
        .collect()
}

/// Conversations that are not Closed, in id order after `after` (recalculation in batches).
pub async fn open_conversations(tx: &mut Tx, after: i64, limit: u32) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM conversations WHERE status != 'Closed' AND id > ? ORDER BY id LIMIT ?")
        .bind(after)
        .bind(limit)
        .fetch_all(&mut **tx)
        .await?)
}

fn in_list(q: &mut QueryBuilder<'_, Sqlite>, ids: &[i64]) {
    q.push("(");
    let mut sep = q.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    q.push(")");
}

/// The SLA timelines of several conversations: their messages, statuses and handovers, each
/// in time order.
pub async fn timelines(tx: &mut Tx, ids: &[i64]) -> Result<Vec<(i64, Vec<(DateTime<Utc>, Happening)>)>> {
    let mut out: std::collections::BTreeMap<i64, Vec<(DateTime<Utc>, Happening)>> =
        ids.iter().map(|id| (*id, Vec::new())).collect();
    for chunk in ids.chunks(500) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
            "SELECT conversation_id, created_at AS at, direction, automated, NULL AS status, 0 AS handover
               FROM messages WHERE conversation_id IN ",
        );
        in_list(&mut q, chunk);
        q.push(
            " UNION ALL SELECT conversation_id, at, NULL, NULL, status, 0 FROM conversation_status_log
               WHERE conversation_id IN ",
        );
        in_list(&mut q, chunk);
        q.push(
            " UNION ALL SELECT conversation_id, at, NULL, NULL, NULL, 1 FROM activity_log
               WHERE kind = 'ConversationTransferred' AND json_extract(detail, '$.handover') = 1 AND conversation_id IN ",
        );
        in_list(&mut q, chunk);
        q.push(" ORDER BY 1, 2");
        for r in q.build().fetch_all(&mut **tx).await? {
            let id: i64 = r.try_get(0)?;
            let at = time(r.try_get(1)?)?;
            let happening = if r.try_get::<i64, _>(5)? == 1 {
                Happening::Handover
            } else if let Some(s) = r.try_get::<Option<String>, _>(4)? {
                Happening::Status(Status::parse(&s).map_err(|e| StoreError::Corrupt(e.to_string()))?)
            } else {
                let d: String = r.try_get(2)?;
                match Direction::parse(&d).map_err(|e| StoreError::Corrupt(e.to_string()))? {
                    Direction::Inbound => Happening::Inbound,
                    Direction::Outbound => {
                        Happening::Outbound { automated: r.try_get::<Option<String>, _>(3)?.is_some() }
                    }
                }
            };
            out.entry(id).or_default().push((at, happening));
        }
    }
    Ok(out.into_iter().collect())
}

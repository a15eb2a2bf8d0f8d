//! The full-text index of subjects, messages and notes (SQLite FTS5, contentless).

use crate::codec::ms;
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Row, Sqlite};
use switchboard_engine::search::CustomerTerm;
use uuid::Uuid;

/// What an index entry is the text of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Subject,
    Message,
    Note,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Subject => "subject",
            Kind::Message => "message",
            Kind::Note => "note",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "subject" => Some(Kind::Subject),
            "message" => Some(Kind::Message),
            "note" => Some(Kind::Note),
            _ => None,
        }
    }
}

/// Adds the indexed text of an item (which must not be indexed yet).
pub async fn index(tx: &mut Tx, conversation: i64, kind: Kind, item_id: &str, text: &str) -> Result<()> {
    let rowid: i64 = sqlx::query_scalar(
        "INSERT INTO search_items (conversation_id, kind, item_id) VALUES (?, ?, ?) RETURNING rowid",
    )
    .bind(conversation)
    .bind(kind.as_str())
    .bind(item_id)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("INSERT INTO search_index (rowid, text) VALUES (?, ?)")
        .bind(rowid)
        .bind(text)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Removes an item's entry. The index keeps no text, so the text it was made from is needed to
/// find its words.
pub async fn remove_item(tx: &mut Tx, kind: Kind, item_id: &str, indexed_text: &str) -> Result<()> {
    let rowid: Option<i64> = sqlx::query_scalar("SELECT rowid FROM search_items WHERE kind = ? AND item_id = ?")
        .bind(kind.as_str())
        .bind(item_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(rowid) = rowid else {
        return Ok(());
    };
    sqlx::query("INSERT INTO search_index (search_index, rowid, text) VALUES ('delete', ?, ?)")
        .bind(rowid)
        .bind(indexed_text)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM search_items WHERE rowid = ?").bind(rowid).execute(&mut **tx).await?;
    Ok(())
}

/// Files the messages and notes of one conversation under another (a merge); the subject stays.
pub async fn move_items(tx: &mut Tx, from: i64, into: i64) -> Result<()> {
    sqlx::query("UPDATE search_items SET conversation_id = ? WHERE conversation_id = ? AND kind != 'subject'")
        .bind(into)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Conversation filters a search can be narrowed with.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub statuses: Vec<String>,
    pub channels: Vec<String>,
    pub queue_id: Option<Uuid>,
    pub agent_id: Option<Uuid>,
    pub requester_id: Option<Uuid>,
    pub tag_id: Option<Uuid>,
    pub created_after: Option<DateTime<Utc>>,
    pub created_before: Option<DateTime<Utc>>,
    /// Only conversations in these queues or assigned to this agent (an agent's reach).
    pub visible_to: Option<(Uuid, Vec<Uuid>)>,
}

fn push_filter(q: &mut QueryBuilder<'_, Sqlite>, f: &Filter) {
    if !f.statuses.is_empty() {
        q.push(" AND c.status IN (");
        let mut sep = q.separated(", ");
        for s in &f.statuses {
            sep.push_bind(s.clone());
        }
        q.push(")");
    }
    if !f.channels.is_empty() {
        q.push(" AND c.channel IN (");
        let mut sep = q.separated(", ");
        for s in &f.channels {
            sep.push_bind(s.clone());
        }
        q.push(")");
    }
    if let Some(v) = f.queue_id {
        q.push(" AND c.queue_id = ").push_bind(v.to_string());
    }
    if let Some(v) = f.agent_id {
        q.push(" AND c.agent_id = ").push_bind(v.to_string());
    }
    if let Some(v) = f.requester_id {
        q.push(" AND c.requester_id = ").push_bind(v.to_string());
    }
    if let Some(v) = f.tag_id {
        q.push(" AND c.id IN (SELECT conversation_id FROM conversation_tags WHERE tag_id = ")
            .push_bind(v.to_string())
            .push(")");
    }
    if let Some(t) = f.created_after {
        q.push(" AND c.created_at >= ").push_bind(ms(t));
    }
    if let Some(t) = f.created_before {
        q.push(" AND c.created_at < ").push_bind(ms(t));
    }
    if let Some((agent, queues)) = &f.visible_to {
        q.push(" AND (c.agent_id = ").push_bind(agent.to_string());
        for queue in queues {
            q.push(" OR c.queue_id = ").push_bind(queue.to_string());
        }
        q.push(")");
    }
}

/// The conversation with this short id, if it passes the filter (the same one the text search
/// applies, reach included).
pub async fn by_short_id(tx: &mut Tx, short_id: i64, filter: &Filter) -> Result<Option<i64>> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT c.id FROM conversations c WHERE c.short_id = ");
    q.push_bind(short_id);
    push_filter(&mut q, filter);
    Ok(q.build_query_scalar::<i64>().fetch_optional(&mut **tx).await?)
}

/// The conversations of customers matching every term (names and email by words, phone numbers
/// by digits), latest activity first, at most `limit`.
pub async fn by_customer(tx: &mut Tx, terms: &[CustomerTerm], filter: &Filter, limit: u32) -> Result<Vec<i64>> {
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    // The matching customers first (few), then their conversations by the requester index: the
    // terms are never checked row by row against every conversation.
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT c.id FROM conversations c WHERE c.requester_id IN (SELECT u.id FROM end_users u WHERE u.anonymized_at IS NULL",
    );
    for term in terms {
        match term {
            CustomerTerm::Text(t) => {
                q.push(
                    " AND instr(lower(coalesce(u.display_name, '') || ' ' || coalesce(u.first_name, '') || ' ' || \
                     coalesce(u.last_name, '') || ' ' || coalesce(u.email, '')), ",
                )
                .push_bind(t.clone())
                .push(") > 0");
            }
            CustomerTerm::Digits(d) => {
                q.push(
                    " AND instr(replace(replace(replace(replace(replace(coalesce(u.phone_number, ''), ' ', ''), '-', ''), \
                     '+', ''), '(', ''), ')', ''), ",
                )
                .push_bind(d.clone())
                .push(") > 0");
            }
        }
    }
    q.push(")");
    push_filter(&mut q, filter);
    q.push(" ORDER BY c.updated_at DESC, c.id DESC LIMIT ").push_bind(limit);
    Ok(q.build_query_scalar::<i64>().fetch_all(&mut **tx).await?)
}

/// The conversations with a matching text, most recently written match first, for one page.
///
/// The index is read newest entry first and stops as soon as the page is full, so a common word
/// costs no more than a rare one (ranking every match would read all of them).
pub async fn conversations(tx: &mut Tx, query: &str, filter: &Filter, offset: u32, limit: u32) -> Result<Vec<i64>> {
    use futures_core::Stream;
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT si.conversation_id AS conversation_id
         FROM search_index JOIN search_items si ON si.rowid = search_index.rowid
         JOIN conversations c ON c.id = si.conversation_id
         WHERE search_index MATCH ",
    );
    q.push_bind(query.to_owned());
    push_filter(&mut q, filter);
    q.push(" ORDER BY search_index.rowid DESC");
    let wanted = offset as usize + limit as usize;
    let mut seen: Vec<i64> = Vec::new();
    {
        let query = q.build();
        let mut rows = query.fetch(&mut **tx);
        let mut rows = std::pin::Pin::new(&mut rows);
        while seen.len() < wanted {
            let next = std::future::poll_fn(|cx| rows.as_mut().poll_next(cx)).await;
            let Some(row) = next else { break };
            let id: i64 = row?.try_get("conversation_id")?;
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
    }
    Ok(seen.into_iter().skip(offset as usize).collect())
}

/// The matching items of one conversation, in index order.
pub async fn matches(tx: &mut Tx, query: &str, conversation: i64) -> Result<Vec<(Kind, String)>> {
    let rows = sqlx::query(
        "SELECT si.kind, si.item_id FROM search_index JOIN search_items si ON si.rowid = search_index.rowid
         WHERE search_index MATCH ? AND si.conversation_id = ? ORDER BY si.rowid",
    )
    .bind(query)
    .bind(conversation)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let kind: String = r.try_get("kind").ok()?;
            Some((Kind::parse(&kind)?, r.try_get("item_id").ok()?))
        })
        .collect())
}

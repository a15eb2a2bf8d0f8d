//! A conversation's own changes inside a unit of work: loading it, assigning and unassigning,
//! closing and reopening, moving it to a queue. Commands call these; they never call each other.

use crate::events::EventKind;
use crate::work::Work;
use crate::{Result, ServiceError};
use serde_json::json;
use switchboard_engine::activity::ActivityKind;
use switchboard_engine::conversation::{self as rules, Assignment};
use switchboard_engine::kinds::Status;
use switchboard_store::conversations::Conversation;
use switchboard_store::queues::{self, Queue};
use switchboard_store::users::{self, User};
use switchboard_store::Tx;
use uuid::Uuid;

pub(crate) use crate::access::load_conversation as load;

/// The agent/admin named in a request body ("User not found" when unknown).
pub(crate) async fn load_acting_user(tx: &mut Tx, id: Uuid) -> Result<User> {
    load_acting_user_or(tx, id, "User not found").await
}

/// The agent/admin named in a request body, with the seed's text for an unknown one.
pub(crate) async fn load_acting_user_or(tx: &mut Tx, id: Uuid, unknown: &str) -> Result<User> {
    let user = users::get(tx, id).await?.ok_or_else(|| ServiceError::Unknown(unknown.into()))?;
    user.actor().ensure_handles_conversations()?;
    Ok(user)
}

pub(crate) async fn load_queue_from_body(tx: &mut Tx, id: Uuid) -> Result<Queue> {
    queues::get(tx, id).await?.ok_or_else(|| ServiceError::Unknown("Queue does not exist".into()))
}

/// Refuses handing a conversation to an agent whose status receives nothing (Unavailable).
pub(crate) async fn ensure_receives(tx: &mut Tx, agent: Uuid) -> Result<()> {
    if let Some(w) = switchboard_store::statuses::work_of(tx, agent).await? {
        if !w.group.receives(switchboard_engine::status::Incoming::Transfer) {
            return Err(switchboard_engine::RuleError::AgentUnavailable(agent).into());
        }
    }
    Ok(())
}

pub(crate) async fn assign(
    work: &mut Work,
    c: &mut Conversation,
    agent: Uuid,
    previous: Option<Uuid>,
    author: Uuid,
) -> Result<()> {
    // Someone handing an agent a conversation: only to an agent whose status receives transfers
    // (Unavailable gets none). Taking one yourself is always possible.
    if author != agent {
        ensure_receives(&mut work.tx, agent).await?;
    }
    if let Some(prev) = previous {
        work.log(c.id, ActivityKind::ConversationUnassigned, Some(author), json!({ "agentId": prev })).await?;
        work.emit(EventKind::ConversationUnassigned, c.id, c.queue_id, Some(prev), None);
        // The previous agent's occupancy dropped: they may take waiting work.
        work.triggers.serve.push(prev);
    }
    c.assignment = Some(Assignment { agent_id: agent, assigned_at: work.now });
    switchboard_store::assignment::record(&mut work.tx, c.id, agent, c.requester_id, work.now).await?;
    work.log(c.id, ActivityKind::ConversationAssigned, Some(author), json!({ "agentId": agent })).await?;
    work.emit(EventKind::ConversationAssigned, c.id, c.queue_id, Some(agent), None);
    work.triggers.touched.push(agent);
    Ok(())
}

/// Reopens a Closed conversation in its last queue (or the Default queue), offered again from
/// now; its agent keeps it when they may still receive it, else it is unassigned with the
/// reason logged. The caller writes `c` back.
pub(crate) async fn reopen_in(work: &mut Work, c: &mut Conversation, author: Uuid, default_queue: Uuid) -> Result<()> {
    let id = c.id;
    rules::reopenable(id, c.anonymized_at.is_some())?;
    let queue = c.queue_id.unwrap_or(default_queue);
    let standing = match c.assignment {
        Some(a) => crate::access::standing(&mut work.tx, a.agent_id, queue, default_queue).await?,
        None => None,
    };
    let decision = rules::reopen(&c.snapshot(), default_queue, standing)?;
    let now = work.now;
    c.status = Status::Open;
    c.status_updated_at = now;
    c.queue_id = Some(decision.queue_id);
    c.queued_at = Some(now);
    c.updated_at = now;
    work.log(id, ActivityKind::ConversationReopened, Some(author), json!({ "queueId": decision.queue_id })).await?;
    work.sla.push((id, false));
    work.emit(EventKind::ConversationReopened, id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
    match decision.released {
        Some((_, reason)) => release(work, c, author, Some(reason)).await?,
        None => work.triggers.offer.push(id),
    }
    if let Some(a) = c.assignment {
        work.triggers.touched.push(a.agent_id);
    }
    Ok(())
}

pub(crate) async fn unassign(work: &mut Work, c: &mut Conversation, author: Uuid) -> Result<()> {
    release(work, c, author, None).await
}

/// Unassigns, logging why when a rule (not a person) took the conversation from its agent.
async fn release(work: &mut Work, c: &mut Conversation, author: Uuid, reason: Option<rules::Released>) -> Result<()> {
    if let Some(prev) = c.assignment.take() {
        let mut data = json!({ "agentId": prev.agent_id });
        if let Some(r) = reason {
            data["reason"] = json!(r.as_str());
        }
        work.log(c.id, ActivityKind::ConversationUnassigned, Some(author), data).await?;
        work.emit(EventKind::ConversationUnassigned, c.id, c.queue_id, Some(prev.agent_id), None);
        // Someone else may take it (never the previous agent), and the agent may take other work.
        work.triggers.offer.push(c.id);
        work.triggers.serve.push(prev.agent_id);
    }
    Ok(())
}

/// Sets an open conversation's status (not Closed: see `close_in`); the caller writes `c` back.
/// Leaving Waiting ends a snooze (the store also guarantees it).
pub(crate) fn change_status(work: &mut Work, c: &mut Conversation, status: Status) {
    c.status = status;
    c.status_updated_at = work.now;
    if status != Status::Waiting {
        c.snoozed_until = None;
    }
    work.sla.push((c.id, false));
    // Whether it occupies its agent may change with the status (see the capacity setting).
    match c.assignment {
        Some(a) => {
            work.triggers.touched.push(a.agent_id);
            work.triggers.serve.push(a.agent_id);
        }
        None => work.triggers.offer.push(c.id),
    }
}

/// Closes a conversation; `author` is None when the installation itself closes it.
pub(crate) async fn close_in(work: &mut Work, c: &mut Conversation, author: Option<Uuid>) -> Result<()> {
    rules::close(&c.snapshot())?;
    c.status = Status::Closed;
    c.status_updated_at = work.now;
    c.updated_at = work.now;
    work.log(c.id, ActivityKind::ConversationClosed, author, json!({})).await?;
    work.sla.push((c.id, false));
    work.emit(EventKind::ConversationClosed, c.id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
    if let Some(a) = c.assignment {
        work.triggers.serve.push(a.agent_id);
    }
    Ok(())
}

pub(crate) async fn move_to_queue(work: &mut Work, c: &mut Conversation, queue: &Queue, author: Uuid) -> Result<()> {
    let member = match c.assignment {
        Some(a) => crate::unit::membership::is_member(&mut work.tx, queue, a.agent_id).await?,
        None => true,
    };
    let decision = rules::transfer(&c.snapshot(), member)?;
    let from = c.queue_id;
    c.queue_id = Some(queue.id);
    c.queued_at = Some(work.now);
    work.log(
        c.id,
        ActivityKind::ConversationTransferred,
        Some(author),
        json!({ "fromQueueId": from, "toQueueId": queue.id }),
    )
    .await?;
    work.emit(EventKind::ConversationTransferred, c.id, Some(queue.id), c.assignment.map(|a| a.agent_id), None);
    if decision.unassign.is_some() {
        unassign(work, c, author).await?;
    }
    // In the new queue an unassigned conversation is offered to its agents.
    work.triggers.offer.push(c.id);
    work.entered.push(c.id);
    // Another queue may need another policy: earlier breaches are counted again under it.
    work.sla.push((c.id, true));
    Ok(())
}

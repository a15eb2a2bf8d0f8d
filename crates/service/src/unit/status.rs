//! An agent's status as others see it: the one shown (Full Capacity while full) and the event
//! payload of their current status.

use crate::events::StatusChange;
use crate::{Result, ServiceError};
use switchboard_engine::status::{self as rules, DefaultStatus};
use switchboard_store::statuses::{self, AgentStatus};
use switchboard_store::Tx;
use uuid::Uuid;

/// A status by id (404 when unknown).
pub(crate) async fn load_status(tx: &mut Tx, id: Uuid) -> Result<AgentStatus> {
    statuses::get(tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Status {id} not found")))
}

/// The status an agent shows, given the one they chose and whether they are full.
pub(crate) async fn shown_status(tx: &mut Tx, chosen: Uuid, full: bool) -> Result<AgentStatus> {
    let status = load_status(tx, chosen).await?;
    if rules::effective_group(status.group, full) != status.group {
        return Ok(statuses::get_default(tx, DefaultStatus::FullCapacity).await?);
    }
    Ok(status)
}

/// The event payload for an agent's current status.
pub(crate) async fn status_change(tx: &mut Tx, agent: Uuid) -> Result<StatusChange> {
    let w = statuses::work_of(tx, agent)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("Agent {agent} not found")))?;
    let chosen = load_status(tx, w.status_id).await?;
    let shown = shown_status(tx, w.status_id, w.full_capacity).await?;
    Ok(StatusChange {
        status_id: chosen.id,
        name: chosen.name,
        group: chosen.group,
        shown_status_id: shown.id,
        shown_name: shown.name,
        shown_group: shown.group,
        full_capacity: w.full_capacity,
    })
}
